"""The HTML page of a report: one file, no scripts, no external resources (its
Content-Security-Policy tells the browser so too), and the escaping table helpers.

Every text that comes from data goes through :func:`esc` or the table helpers (HTML-escaped,
quotes too); only :class:`Markup` made here is not escaped again. The footer is in the CLI's
language (:mod:`engine.i18n`).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from engine.files.output import write_text as safe_write_text
from engine.i18n import _, language
from engine.reports.report_labels import when

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",
"Microsoft YaHei",sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1f2933}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid
#d9dee3;padding-bottom:4px}h3{font-size:15px}.meta{color:#6b7280;margin:0 0 12px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #d9dee3;
padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f5f7;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.differs td{background:#fff6e5}
.bar{display:inline-block;height:8px;background:#1f77b4;margin-left:6px;vertical-align:middle}
.muted{color:#6b7280}svg.chart{display:block;margin:6px 0 14px;max-width:100%;height:auto}
footer{margin-top:32px;color:#6b7280;font-size:12px}
td,th{overflow-wrap:anywhere}.wide{max-width:100%;overflow-x:auto}
table.matrix td,table.matrix th{overflow-wrap:normal;padding:2px 5px}
.keep,table,svg.chart,tr{break-inside:avoid;page-break-inside:avoid}
h1,h2,h3{break-after:avoid;page-break-after:avoid}
@media (max-width:640px){body{margin:12px auto;padding:0 8px}h1{font-size:19px}
th,td{padding:2px 5px}}
@media print{body{margin:0;max-width:none;padding:0;font-size:12px}
h2{margin-top:18px}.wide{overflow:visible}footer{margin-top:12px}}
"""


class Markup(str):
    """HTML made here (not escaped again by the table helpers)."""


def esc(value: Any) -> str:
    """``value`` as text, HTML-escaped (quotes too); ``None`` as a dash. Characters that
    are not printable (ESC and other controls, bidi overrides such as U+202E that would
    reorder what a reader sees, lone surrogates of non-UTF-8 names) are shown as their
    ``\\uXXXX`` escapes, as ``compare`` shows them; line breaks and tabs stay."""
    if value is None:
        return "–"
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else ascii(ch)[1:-1] for ch in str(value))
    return escape(text, quote=True)


def fmt_number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        a = abs(value)
        if a != 0 and (a >= 1e7 or a < 1e-3):
            return f"{value:.4g}"
        return f"{value:,.1f}" if a >= 100 else f"{value:.4f}"
    return str(value)


def _cell(value: Any, tag: str = "td") -> str:
    if isinstance(value, Markup):
        return f"<{tag}>{value}</{tag}>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<{tag} class="num">{esc(fmt_number(value))}</{tag}>'
    return f"<{tag}>{esc(fmt_number(value) if value is None else value)}</{tag}>"


def html_table(
    head: Sequence[Any] | None,
    rows: Iterable[Sequence[Any]],
    row_classes: Sequence[str] | None = None,
) -> str:
    """A table; every cell is escaped unless it is :class:`Markup`."""
    out = ["<table>"]
    if head:
        out.append("<tr>" + "".join(_cell(h, "th") for h in head) + "</tr>")
    for i, row in enumerate(rows):
        cls = row_classes[i] if row_classes and i < len(row_classes) else ""
        out.append(f'<tr class="{esc(cls)}">' if cls else "<tr>")
        out.append("".join(_cell(c) for c in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


def key_value_table(pairs: Iterable[tuple[str, Any]]) -> str:
    return html_table(None, [[Markup(f"<b>{esc(k)}</b>"), v] for k, v in pairs])


def section(title: str, blocks: Sequence[str], level: int = 2) -> list[str]:
    """A heading kept on one page with the block after it (no heading left alone at the
    bottom of a printed page), then the other blocks."""
    if not blocks:
        return []
    head = f"<h{level}>{esc(title)}</h{level}>"
    return [f'<div class="keep">{head}{blocks[0]}</div>', *blocks[1:]]


def page(title: str, body: Iterable[str]) -> str:
    lang = "zh-CN" if language() == "zh_CN" else "en"
    footer = _("Made by Suanli {version} on {date}.").format(
        version=_version(), date=when(time.time())
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            *body,
            f"<footer>{esc(footer)}</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("suanli")
    except Exception:  # not installed (a frozen app, a bare checkout)
        return ""


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) safely (engine.files.output): a reader never sees half a
    file; a FIFO, a device, a folder or the store's own files are refused."""
    return safe_write_text(path, text)
