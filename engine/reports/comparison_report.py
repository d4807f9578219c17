"""The HTML report of a comparison (``python -m engine compare --html FILE``): the verdicts
in words, scores with ratios to the first item (each with its 95 % interval and verdict),
environment and configuration differences. Every label, fact
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
from engine.reports.verdicts import verdict_word


def comparison_html(cmp: Comparison) -> str:
    """The HTML report of :func:`engine.reports.compare.compare`'s result."""
    title = _("Suanli comparison")
    body = [f"<h1>{esc(title)}</h1>"]
    body.append(
        "<ol>"
        + "".join(
            f"<li>{esc(item.label)}"
            + ("" if item.has_uncertainty else f" ({esc(_('no uncertainty'))})")
            + "</li>"
            for item in cmp.items
        )
        + "</ol>"
    )
    sentences = cmp.sentences()
    if sentences:
        body.append(f"<h2>{esc(_('Verdicts'))}</h2>")
        body.append("<ul>" + "".join(f"<li>{esc(t)}</li>" for t in sentences) + "</ul>")
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
                cells.append(_ratio_cell(r, row["ratio_ci95"][n], row["verdicts"][n]))
        rows.append(cells)
    body += [f"<h2>{esc(_('Scores'))}</h2>", html_table(head, rows)]
    note = _(
        "ratio = value / [1] with its 95 % interval and verdict; on a (lower is better) row "
        "a ratio below 1 is better"
    )
    body.append(f'<p class="muted">{esc(note)}</p>')
    reference = cmp.reference_line()
    if reference:
        body.append(f'<p class="muted">{esc(reference)}</p>')
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


def _ratio_cell(ratio: float | None, ci: Any = None, verdict: str | None = None) -> Markup:
    if ratio is None or not math.isfinite(ratio):
        return Markup(esc(_(N_A)))
    width = max(1, min(120, round(60 * ratio)))
    text = f"{ratio:.2f}x"
    if ci is not None:
        text += f" [{ci[0]:.2f}-{ci[1]:.2f}] {verdict_word(verdict)}"
    return Markup(f'{esc(text)}<span class="bar" style="width:{width}px"></span>')


def export_comparison_html(cmp: Comparison, path: str | os.PathLike[str]) -> Path:
    return write_text(path, comparison_html(cmp))
