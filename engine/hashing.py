"""Stable hashes of JSON-able data (config, environment, score cards)."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(obj: Any) -> str:
    """JSON with sorted keys and no whitespace; NaN and infinities are refused."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def json_sha256(obj: Any) -> str:
    """Hex sha256 of :func:`canonical_json` -- equal data, equal hash, on any machine."""
    return hashlib.sha256(canonical_json(obj).encode("utf-8")).hexdigest()
