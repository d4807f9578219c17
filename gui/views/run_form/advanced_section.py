"""The run form's "Advanced settings" section: held-out share, seed, learning-rate
schedule, early stopping, target accuracy, precision, XLA, checkpoints and live
TensorBoard logging.

:class:`AdvancedSection` makes the section's fields and its toggle, and puts them as rows
into the run form's own ``QFormLayout`` (so their labels line up with the basic fields);
it opens and closes those rows, and while closed its title says how many values differ
from the defaults. Its texts are in the run form's translation context ("QtRunForm").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from engine.config import RunConfig
from engine.paths import suanli_home
from gui.views.run_form.form_fields import (
    LR_SCHEDULES,
    MONITORS,
    PRECISIONS,
    TARGET_DEFAULT_TEXT,
)
from gui.views.run_form.form_rows import Row, add_rows, choice_combo, field_spin


def tensorboard_root() -> Path:
    """The folder the window's live TensorBoard logging writes under."""
    return suanli_home() / "tensorboard"


class AdvancedSection:
    """The Advanced section's toggle and fields (no widget of its own: its rows live in the
    run form's layout, see :meth:`add_to`)."""

    def __init__(self, defaults: RunConfig) -> None:
        d = defaults
        self.toggle = QToolButton()
        self.toggle.setObjectName("advancedToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setText(QCoreApplication.translate("QtRunForm", "Advanced settings"))
        self.toggle.setStyleSheet(
            "QToolButton { border: none; background: transparent; font-weight: 600;"
            " color: palette(window-text); padding: 4px 0; }"
        )
        self.toggle.setToolTip(
            QCoreApplication.translate(
                "QtRunForm", "Show or hide the settings most runs can leave as they are"
            )
        )
        self.dev_fraction = QLineEdit(f"{d.dev_fraction:g}")
        self.seed = field_spin("seed")
        self.lr_schedule = choice_combo(LR_SCHEDULES)
        self.early_stopping = field_spin("early_stopping")
        self.early_stopping.setSpecialValueText(QCoreApplication.translate("QtRunForm", "off"))
        self.early_stopping.setSuffix(QCoreApplication.translate("QtRunForm", " epochs"))
        self.monitor = choice_combo(MONITORS)
        self.monitor.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.monitor.setMinimumContentsLength(6)
        self.target_on = QCheckBox(QCoreApplication.translate("QtRunForm", "Stop at"))
        self.target_accuracy = QLineEdit(TARGET_DEFAULT_TEXT)
        self.target_accuracy.setPlaceholderText(
            QCoreApplication.translate("QtRunForm", "e.g. 0.98")
        )
        self.precision = choice_combo(PRECISIONS)
        self.xla = QCheckBox(QCoreApplication.translate("QtRunForm", "Compile with XLA"))
        self.steps_per_call = field_spin("steps_per_call")
        self.steps_per_call.setSpecialValueText(QCoreApplication.translate("QtRunForm", "auto"))
        self.checkpoints = QCheckBox(
            QCoreApplication.translate("QtRunForm", "Save each epoch (to resume)")
        )
        self.checkpoints.setChecked(d.checkpoints)
        self.tensorboard = QCheckBox(
            QCoreApplication.translate("QtRunForm", "Log to TensorBoard while training")
        )
        self.tensorboard.setObjectName("tensorboardBox")
        self._form: QFormLayout | None = None
        self._rows: list[QWidget | QLayout] = []
        self.early_stopping.valueChanged.connect(self._on_patience_changed)

    def fields(self) -> dict[str, QWidget]:
        """The section's fields by RunConfig name (``target_on``: the target's check box)."""
        return {
            "dev_fraction": self.dev_fraction,
            "seed": self.seed,
            "lr_schedule": self.lr_schedule,
            "early_stopping": self.early_stopping,
            "monitor": self.monitor,
            "target_on": self.target_on,
            "target_accuracy": self.target_accuracy,
            "precision": self.precision,
            "xla": self.xla,
            "steps_per_call": self.steps_per_call,
            "checkpoints": self.checkpoints,
        }

    def tensorboard_dir(self) -> Path | None:
        """Where the run's TensorBoard events go while it trains (``None``: not ticked)."""
        return tensorboard_root() if self.tensorboard.isChecked() else None

    def add_to(self, form: QFormLayout) -> None:
        """The toggle's row, then the section's rows, at the end of ``form``."""
        self._form = form
        stopping = QHBoxLayout()
        stopping.setSpacing(4)
        stopping.addWidget(self.early_stopping, 1)
        stopping.addWidget(self.monitor, 1)
        target = QHBoxLayout()
        target.setSpacing(4)
        target.addWidget(self.target_on)
        target.addWidget(self.target_accuracy, 1)
        stopping_tip = QCoreApplication.translate(
            "QtRunForm",
            "Stop when the watched figure has not improved for this many epochs in a "
            "row (off = always train every epoch); the test report still runs",
        )
        target_tip = QCoreApplication.translate(
            "QtRunForm",
            "Stop as soon as the accuracy on the held-out images reaches this "
            "value, a fraction: 0.98 means 98 %",
        )
        rows: tuple[Row, ...] = (
            (
                QCoreApplication.translate("QtRunForm", "Dev fraction"),
                self.dev_fraction,
                QCoreApplication.translate(
                    "QtRunForm",
                    "Share of the training images held out to check progress each epoch (0 to 0.5]",
                ),
            ),
            (
                QCoreApplication.translate("QtRunForm", "Seed"),
                self.seed,
                QCoreApplication.translate(
                    "QtRunForm", "Makes runs repeatable: same seed, same result"
                ),
            ),
            (
                QCoreApplication.translate("QtRunForm", "LR schedule"),
                self.lr_schedule,
                QCoreApplication.translate(
                    "QtRunForm", "How the learning rate changes during the run"
                ),
            ),
            (QCoreApplication.translate("QtRunForm", "Early stopping"), stopping, stopping_tip),
            (QCoreApplication.translate("QtRunForm", "Target accuracy"), target, target_tip),
            (
                QCoreApplication.translate("QtRunForm", "Precision"),
                self.precision,
                QCoreApplication.translate(
                    "QtRunForm",
                    "Number format for the computation: 16-bit formats are faster on GPUs "
                    "made for them",
                ),
            ),
            (
                QCoreApplication.translate("QtRunForm", "XLA"),
                self.xla,
                QCoreApplication.translate(
                    "QtRunForm",
                    "Compile the training step with XLA: can be faster on a GPU, but slower "
                    "on the CPU for this small CNN, and the first steps wait for the compiler",
                ),
            ),
            (
                QCoreApplication.translate("QtRunForm", "Steps per call"),
                self.steps_per_call,
                QCoreApplication.translate(
                    "QtRunForm",
                    "Training steps run in one compiled call (auto: enough for about 0.1 s "
                    "a call); every batch is still plotted, and Stop answers within one call",
                ),
            ),
            (
                QCoreApplication.translate("QtRunForm", "Checkpoints"),
                self.checkpoints,
                QCoreApplication.translate(
                    "QtRunForm",
                    "Save the model after every epoch (the last two are kept), so a stopped "
                    "or interrupted run can be resumed; off saves a little time and disk",
                ),
            ),
            (
                QCoreApplication.translate("QtRunForm", "TensorBoard"),
                self.tensorboard,
                QCoreApplication.translate(
                    "QtRunForm",
                    "Write TensorBoard events as the run trains, one folder per run under "
                    "{path}; watch them with `tensorboard --logdir {path}`",
                ).format(path=tensorboard_root()),
            ),
        )
        form.addRow(self.toggle)
        add_rows(form, rows, self._rows)
        self.early_stopping.setToolTip(stopping_tip)
        self.monitor.setToolTip(
            QCoreApplication.translate(
                "QtRunForm", "What early stopping watches: loss or accuracy on held-out images"
            )
        )
        self.target_on.setToolTip(target_tip)
        self.target_accuracy.setToolTip(target_tip)

    # -- open / closed -------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def show_open(self, open_: bool, changed: int) -> None:
        """Show or hide the rows; ``changed``: how many values differ from the defaults."""
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        if self._form is not None:
            for row in self._rows:
                self._form.setRowVisible(row, open_)
        self.show_changes(changed)

    def show_changes(self, changed: int) -> None:
        """The title says how many values differ from the defaults while the section is closed."""
        if changed and not self.is_open:
            self.toggle.setText(
                QCoreApplication.translate("QtRunForm", "Advanced settings · {n} changed").format(
                    n=changed
                )
            )
        else:
            self.toggle.setText(QCoreApplication.translate("QtRunForm", "Advanced settings"))

    def set_enabled(self, idle: bool) -> None:
        """Fields follow ``idle``; the monitor only while early stopping is on, the target's
        value only while it is ticked."""
        for w in (*self.fields().values(), self.tensorboard):
            w.setEnabled(idle)
        self.monitor.setEnabled(idle and self.early_stopping.value() > 0)
        self.target_accuracy.setEnabled(idle and self.target_on.isChecked())

    def _on_patience_changed(self, value: int) -> None:
        self.early_stopping.setSuffix(
            QCoreApplication.translate("QtRunForm", " epoch")
            if value == 1
            else QCoreApplication.translate("QtRunForm", " epochs")
        )
