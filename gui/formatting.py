"""Plain-text formatting shared by the views: times, one-line cells, literal tooltips,
environment facts."""

from __future__ import annotations

import html
import json
import math
from datetime import datetime
from typing import Any

from engine.cards.card_file import printable
from engine.reports.compare import fact_text as compare_fact_text


def when(ts: float | None) -> str:
    """Local date and time to the minute ('–' when unknown)."""
    if ts is None or not math.isfinite(ts):
        return "–"
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def one_line(text: Any, limit: int = 200) -> str:
    """Text from a store or a file, fit for one cell: control characters escaped."""
    return printable(text if isinstance(text, str) else json.dumps(text, default=str), limit)


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt renders a tooltip that looks like HTML
    as HTML, so the text is escaped and the tooltip made rich text on purpose."""
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""


def fact_text(key: str, value: Any) -> str:
    """An environment fact as one plain line (the engine's wording, wider cells)."""
    return compare_fact_text(key, value, 120)


def pct(x: float | None, digits: int = 2) -> str:
    """A fraction as a percentage ('–' when unknown)."""
    return "–" if x is None or not math.isfinite(x) else f"{100 * x:.{digits}f} %"
