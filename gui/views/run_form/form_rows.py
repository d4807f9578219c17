"""Rows of the run form's ``QFormLayout``: how a ``(label, field, tooltip)`` row is added,
and a combo box of choices marked in the "QtRunForm" translation context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLayout, QWidget

from gui.theme import plain_label

Row = tuple[QWidget | str | None, QWidget | QLayout, str]  # (label, field, tooltip)


def choice_combo(choices: tuple[tuple[str, str, str], ...]) -> QComboBox:
    """A combo box of ``(label, value, tooltip)`` choices marked in the "QtRunForm" context."""
    combo = QComboBox()
    for label, value, tip in choices:
        combo.addItem(QCoreApplication.translate("QtRunForm", label), value)
        combo.setItemData(
            combo.count() - 1,
            QCoreApplication.translate("QtRunForm", tip),
            Qt.ItemDataRole.ToolTipRole,
        )
    return combo


def add_rows(form: QFormLayout, rows: tuple[Row, ...], keep: list | None = None) -> None:
    """Add ``(label, field, tooltip)`` rows to ``form``: a label of None spans both columns;
    the tooltip goes on the label and on a field that is a widget; ``keep`` collects the
    fields."""
    for text, field, tip in rows:
        label = text if isinstance(text, QWidget) else None if text is None else plain_label(text)
        if tip and label is not None:
            label.setToolTip(tip)
            if isinstance(field, QWidget):
                field.setToolTip(tip)
        if label is None:
            form.addRow(field)
        else:
            form.addRow(label, field)
        if keep is not None:
            keep.append(field)
