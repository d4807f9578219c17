"""The confusion matrix in words: which classes a model mixes up most ("most confused: 4
taken for 9 (23×), 7 for 2 (17×), 5 for 3 (15×)"), so nobody has to read a 10x10 grid.
Texts are in the "QtEvaluationView" translation context."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication

MOST_CONFUSED = 3  # pairs named


def most_confused(matrix: np.ndarray, count: int = MOST_CONFUSED) -> list[tuple[int, int, int]]:
    """The ``count`` largest off-diagonal cells as ``(true, predicted, images)``, most
    first (ties: the lower true class first); cells of 0 are left out."""
    cm = np.asarray(matrix, dtype=np.int64)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.size == 0:
        return []
    off = cm.copy()
    np.fill_diagonal(off, 0)
    cells = [(int(off[i, j]), i, j) for i, j in zip(*np.nonzero(off), strict=True)]
    cells.sort(key=lambda c: (-c[0], c[1], c[2]))
    return [(i, j, n) for n, i, j in cells[:count]]


def most_confused_text(matrix: np.ndarray, names: Sequence[str]) -> str:
    """One line naming the pairs of :func:`most_confused` ("" when the model made no
    mistake or the matrix is empty)."""
    pairs = most_confused(matrix)
    if not pairs:
        return ""

    def name(k: int) -> str:
        return str(names[k]) if k < len(names) else str(k)

    first, *rest = pairs
    parts = [
        QCoreApplication.translate("QtEvaluationView", "{true} taken for {pred} ({count}×)").format(
            true=name(first[0]), pred=name(first[1]), count=f"{first[2]:,}"
        )
    ]
    parts += [
        QCoreApplication.translate("QtEvaluationView", "{true} for {pred} ({count}×)").format(
            true=name(i), pred=name(j), count=f"{n:,}"
        )
        for i, j, n in rest
    ]
    return QCoreApplication.translate("QtEvaluationView", "Most confused: {pairs}.").format(
        pairs=QCoreApplication.translate("QtEvaluationView", ", ").join(parts)
    )
