"""The HTML report of a comparison (``python -m engine compare --html FILE``): scores with
ratios to the first item, environment and configuration differences. Every label, fact
and config value is HTML-escaped (:mod:`engine.reports.html_page`)."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from engine.i18n import _
from engine.i18n.vocabulary import N_A
from engine.reports.compare import Comparison
from engine.reports.html_page import Markup, esc, html_table, page, write_text


def comparison_html(cmp: Comparison) -> str:
    """The HTML report of :func:`engine.reports.compare.compare`'s result."""
    title = _("Suanli comparison")
    body = [f"<h1>{esc(title)}</h1>"]
    body.append("<ol>" + "".join(f"<li>{esc(item.label)}</li>" for item in cmp.items) + "</ol>")
    head: list[Any] = [_("sub-score"), _("unit")]
    for n, _item in enumerate(cmp.items):
        head.append(f"[{n + 1}]")
        if n:
            head.append(_("ratio to [1]"))
    rows = []
    for row in cmp.rows:
        name = str(row["name"])
        if not row.get("higher_is_better", True):
            name += " " + _("(lower is better)")
        cells: list[Any] = [name, row.get("unit")]
        for n, (v, r) in enumerate(zip(row["values"], row["ratios"], strict=True)):
            cells.append(v)
            if n:
                cells.append(_ratio_cell(r))
        rows.append(cells)
    body += [f"<h2>{esc(_('Scores'))}</h2>", html_table(head, rows)]
    note = _("ratio = value / [1]; on a (lower is better) row a ratio below 1 is better")
    body.append(f'<p class="muted">{esc(note)}</p>')
    env_head = [_("environment"), *(f"[{n + 1}]" for n in range(len(cmp.items)))]
    env_rows = [[e.get("label"), *e.get("values", [])] for e in cmp.environment]
    classes = ["differs" if e.get("differs") else "" for e in cmp.environment]
    body += [
        f"<h2>{esc(_('Environment'))}</h2>",
        html_table(env_head, env_rows, classes),
        f'<p class="muted">{esc(_("highlighted: differs between the items"))}</p>',
    ]
    if cmp.config:
        cfg_head = [_("config"), *(f"[{n + 1}]" for n in range(len(cmp.items)))]
        body += [
            f"<h2>{esc(_('Configuration differences'))}</h2>",
            html_table(cfg_head, [[c.get("key"), *c.get("values", [])] for c in cmp.config]),
        ]
    if cmp.notes:
        body.append(f"<h2>{esc(_('Notes'))}</h2>")
        body.append("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in cmp.notes) + "</ul>")
    return page(title, body)


def _ratio_cell(ratio: float | None) -> Markup:
    if ratio is None or not math.isfinite(ratio):
        return Markup(esc(_(N_A)))
    width = max(1, min(120, round(60 * ratio)))
    return Markup(f'{esc(f"{ratio:.2f}x")}<span class="bar" style="width:{width}px"></span>')


def export_comparison_html(cmp: Comparison, path: str | os.PathLike[str]) -> Path:
    return write_text(path, comparison_html(cmp))
