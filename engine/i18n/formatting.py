"""Numbers for people, the same in every language and front end."""

from __future__ import annotations

import math


def fmt_duration(seconds: float | None) -> str:
    """``75`` -> ``"1:15"``, ``3725`` -> ``"1:02:05"``; ``"–"`` when unknown."""
    if seconds is None or not math.isfinite(seconds):
        return "–"
    h, rem = divmod(max(0, int(round(seconds))), 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
