"""Stored values as text, for the exports (HTML, TensorBoard) and the comparison."""

from __future__ import annotations

import json
from typing import Any


def json_text(value: Any, *, ascii_only: bool = False) -> str:
    """A stored value as one text: a string as it is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=ascii_only)
