"""Plain-text tables of the store commands: cells cut to a width, aligned by terminal
width (CJK characters are two columns)."""

from __future__ import annotations

import time

from engine.cards.card_file import printable
from engine.i18n import display_width, ljust


def local_time(ts: float | None) -> str:
    """Local date and time to the minute ('' when unknown)."""
    return "" if ts is None else time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))


def number(value: float | None, fmt: str = ".4f") -> str:
    """``value`` in ``fmt`` ('' when unknown)."""
    return "" if value is None else format(value, fmt)


def clean(text: str | None, limit: int = 40) -> str:
    """Text from the store fit for one cell: control characters escaped, cut to ``limit``."""
    return printable(text or "", limit)


def text_table(rows: list[list[str]]) -> str:
    """Rows of cells as left-aligned columns (the first row is the head)."""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(ljust(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )
