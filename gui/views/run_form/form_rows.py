"""Rows of the run form's ``QFormLayout``: how a ``(label, field, tooltip)`` row is added, a
combo box of choices marked in the "QtRunForm" translation context, and a spin box bounded
by the engine's description of its RunConfig field."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLayout, QSpinBox, QWidget

from engine.config import RunConfig, field_spec
from gui.i18n import translate
from gui.theme import plain_label

Row = tuple[QWidget | str | None, QWidget | QLayout, str]  # (label, field, tooltip)


def field_spin(name: str, *, none_at_zero: bool = False, **options) -> QSpinBox:
    """A spin box for the integer RunConfig field ``name``, bounded as the engine bounds it
    (``engine.config.field_spec``), showing its default. ``none_at_zero``: the field is
    optional and 0 stands for "none" (e.g. ``limit``: all the training images)."""
    spec = field_spec(name)
    default = getattr(RunConfig(), name)
    top = spec.maximum if spec.maximum is not None else spec.widget_maximum
    return QSpinBox(
        minimum=0 if none_at_zero else int(spec.minimum or 0),
        maximum=int(min(top, 2**31 - 1) if top is not None else 2**31 - 1),  # a C int
        value=0 if default is None else int(default),
        **options,
    )


def choice_combo(choices: tuple[tuple[str, str, str], ...]) -> QComboBox:
    """A combo box of ``(label, value, tooltip)`` choices marked in the "QtRunForm" context."""
    combo = QComboBox()
    for label, value, tip in choices:
        combo.addItem(translate("QtRunForm", label), value)
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
