"""The run report's confusion view: the full matrix up to :data:`FULL_MATRIX_MAX` classes,
above that the most frequent confusions (a 2,000-class matrix is four million cells: a
page of hundreds of megabytes that no one can read)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

from engine.i18n import _
from engine.reports.html_page import esc, fmt_number, html_table

FULL_MATRIX_MAX = 50
TOP_CONFUSIONS = 30


def _count(v: Any) -> float:
    return v if isinstance(v, int | float) and not isinstance(v, bool) else 0


def class_labels(matrix: Sequence[Sequence[Any]], names: Sequence[str]) -> list[str]:
    n = len(matrix)
    return list(names) if len(names) == n else [str(i) for i in range(n)]


def confusion_table(matrix: Sequence[Sequence[Any]], names: Sequence[str]) -> str:
    """Rows are true classes, columns predicted; each cell shaded by its share of the row."""
    labels = class_labels(matrix, names)
    corner = _("true ↓ predicted →")
    out = ['<div class="wide"><table class="matrix"><tr>', f"<th>{esc(corner)}</th>"]
    out += [f"<th>{esc(label)}</th>" for label in labels]
    out.append("</tr>")
    for i, row in enumerate(matrix):
        counts = [_count(v) for v in row]
        total = sum(counts) or 1
        out.append(f"<tr><th>{esc(labels[i])}</th>")
        for j, v in enumerate(row):
            alpha = max(0.0, min(1.0, counts[j] / total)) * 0.6
            weight = ";font-weight:700" if i == j else ""
            out.append(
                f'<td class="num" style="background:rgba(31,119,180,{alpha:.2f}){weight}">'
                f"{esc(fmt_number(v))}</td>"
            )
        out.append("</tr>")
    out.append("</table></div>")
    return "".join(out)


def top_confusions(
    matrix: Sequence[Sequence[Any]], k: int = TOP_CONFUSIONS
) -> list[tuple[int, int, float, float]]:
    """The ``k`` largest off-diagonal cells: ``(true, predicted, count, share of the true
    class's images)``, largest first."""
    totals = [sum(_count(x) for x in row) for row in matrix]
    cells = (
        (_count(v), i, j, totals[i])
        for i, row in enumerate(matrix)
        for j, v in enumerate(row)
        if i != j and _count(v) > 0
    )
    best = heapq.nlargest(k, cells, key=lambda c: (c[0], -c[1], -c[2]))
    return [(i, j, count, count / total if total else 0.0) for count, i, j, total in best]


def confusion_view(matrix: Sequence[Sequence[Any]], names: Sequence[str]) -> list[str]:
    """The blocks of the confusion section: the matrix, or for many classes a note and
    the top confusions."""
    if len(matrix) <= FULL_MATRIX_MAX:
        return [confusion_table(matrix, names)]
    labels = class_labels(matrix, names)
    top = top_confusions(matrix)
    note = _(
        "{n} classes: the full matrix is left out. The {k} most frequent confusions "
        "(the classification report above has every class's recall):"
    ).format(n=f"{len(matrix):,}", k=len(top))
    rows = [[labels[i], labels[j], count, share] for i, j, count, share in top]
    head = [_("actual class"), _("predicted as"), _("images"), _("share of the true class")]
    return [f'<p class="muted">{esc(note)}</p>', html_table(head, rows)]
