"""JSON text that any file name survives.

A file name that is not valid UTF-8 comes into Python as a ``str`` with lone surrogates
(``os.fsdecode``'s ``surrogateescape``: byte ``0xff`` becomes ``"\\udcff"``). Such a string
cannot be encoded as UTF-8, so ``json.dumps(..., ensure_ascii=False)`` text holding one cannot
be written to a UTF-8 file or stored in SQLite. :func:`json_dumps` writes each lone surrogate
as a ``\\udcXX`` escape instead (valid JSON, plain ASCII): ``json.loads`` gives back the very
same ``str``, and ``os.fsencode`` of that gives back the original bytes.
"""

from __future__ import annotations

import json
import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """``text`` (JSON) with every lone surrogate written as a ``\\uXXXX`` escape."""
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_dumps(obj: Any, **options: Any) -> str:
    """``json.dumps(obj, **options)`` whose text always encodes to UTF-8 (see above)."""
    return escape_surrogates(json.dumps(obj, **options))
