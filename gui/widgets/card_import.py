"""Importing score cards from the window: the file dialog and the one-line summary of what
an import did (shared by the History and Compare views; texts in the "QtHistoryView"
translation context)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from engine.cards.card_file import ImportResult
from gui.widgets.file_dialogs import open_file_names


def import_summary(results: Sequence[ImportResult]) -> tuple[str, str]:
    """``(level, one line)`` for what importing some card files did."""
    if len(results) == 1:
        r = results[0]
        return ("warning" if not r.ok else "info"), r.message
    counts = {k: sum(r.status == k for r in results) for k in ("imported", "duplicate", "rejected")}
    parts = [
        QCoreApplication.translate("QtHistoryView", "{count} imported").format(
            count=counts["imported"]
        )
    ]
    if counts["duplicate"]:
        parts.append(
            QCoreApplication.translate("QtHistoryView", "{count} already stored").format(
                count=counts["duplicate"]
            )
        )
    level = "info"
    if counts["rejected"]:
        first = next(r for r in results if not r.ok)
        parts.append(
            QCoreApplication.translate("QtHistoryView", "{count} rejected — {message}").format(
                count=counts["rejected"], message=first.message
            )
        )
        level = "warning"
    # the separator between the parts: ", " in English
    joined = QCoreApplication.translate("QtHistoryView", ", ").join(parts)
    return level, QCoreApplication.translate("QtHistoryView", "Score cards: {parts}").format(
        parts=joined
    )


def ask_import_paths(parent: QWidget) -> list[str]:
    return open_file_names(
        parent,
        QCoreApplication.translate("QtHistoryView", "Import score cards"),
        QCoreApplication.translate("QtHistoryView", "Score cards (*.json);;All files (*)"),
    )
