"""The run form: what to train, on what, and the Start / Pause / Stop / Resume buttons with
progress.

The basic fields are always visible; the rest (held-out share, seed, learning-rate
schedule, early stopping, target accuracy, precision, XLA, checkpoints) sit in an
"Advanced settings" section that opens with one click and says how many of its values
differ from the defaults while it is closed.

The form builds a :class:`~engine.config.RunConfig` and checks it with the engine's own
``validate()``, so a refused value shows exactly the message the CLI would print. Text it
cannot parse is handed to ``RunConfig`` as typed, and ``validate()`` refuses it too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from engine.config import OPTIMIZERS, ConfigError, RunConfig
from engine.i18n import _
from engine.i18n.message import config_error_message
from engine.i18n.vocabulary import EPOCHS
from gui.i18n import translate
from gui.theme import plain_label
from gui.views.run_form.advanced_section import AdvancedSection
from gui.views.run_form.data_source import DataSource
from gui.views.run_form.data_status import DOWNLOADABLE
from gui.views.run_form.form_fields import (
    ADVANCED_FIELDS,
    DEVICE_DEFAULTS,
    DEVICE_TIPS,
    FIELD_LABELS,
    MODEL_DESCRIPTIONS,
    TARGET_DEFAULT_TEXT,
    advanced_changes,
    number_text,
    parse_float,
)
from gui.views.run_form.form_rows import add_rows, field_spin
from gui.views.run_form.qt_run_controls import QtRunControls


class QtRunForm(QWidget):
    """The left-hand form. Emits ``start_requested(RunConfig)``, ``pause_requested(bool)``
    (True = pause, False = go on), ``stop_requested`` and ``resume_requested(run_id)``.

    ``choose_run`` picks the run that "Resume a run…" goes on with (a dialog listing the
    stopped and interrupted runs; tests replace it); it returns a run id or None.
    """

    start_requested = Signal(object)
    pause_requested = Signal(bool)
    stop_requested = Signal()
    resume_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, check_files: bool = True) -> None:
        """``check_files=False`` leaves the first look for dataset files to
        :meth:`check_data_files` (the window does it after its first paint)."""
        super().__init__(parent)
        from engine import models

        d = RunConfig()
        self._running = False
        self._paused = False
        self._busy_elsewhere = False
        self._valid = True
        self.choose_run: Callable[[], str | None] = self._choose_run_dialog
        # the data rows (by the names the window and tests use)
        self.source = DataSource()
        self.dataset = self.source.dataset
        self.data_dir = self.source.data_dir
        self.browse = self.source.browse
        self.data_status = self.source.data_status
        self.download = self.source.download
        self.data_dir_label = self.source.data_dir_label
        self.browse.clicked.connect(self._on_browse_clicked)

        self.model = QComboBox()
        for name in models.names():
            self.model.addItem(name, name)
            description = models.get(name).description
            self.model.setItemData(
                self.model.count() - 1,
                self.tr(description) if description in MODEL_DESCRIPTIONS else description,
                Qt.ItemDataRole.ToolTipRole,
            )
        self.epochs = field_spin("epochs")
        self.batch_size = field_spin("batch_size")
        self.optimizer = QComboBox()
        for name in OPTIMIZERS:
            self.optimizer.addItem(name, name)
        self.learning_rate = QLineEdit(f"{d.learning_rate:g}")
        self.limit = field_spin("limit", none_at_zero=True, singleStep=1000)
        self.limit.setSpecialValueText(self.tr("all"))
        self.device = QComboBox()
        for label, value in DEVICE_DEFAULTS:
            self.device.addItem(translate("QtRunForm", label), value)
        self._set_device_tips()
        self._wanted_device = "auto"

        # the Advanced section (its rows go into this form's layout)
        self.advanced = AdvancedSection(d)
        self.advanced_button = self.advanced.toggle
        self.advanced_button.toggled.connect(self._on_advanced_toggled)
        self.dev_fraction = self.advanced.dev_fraction
        self.seed = self.advanced.seed
        self.lr_schedule = self.advanced.lr_schedule
        self.early_stopping = self.advanced.early_stopping
        self.monitor = self.advanced.monitor
        self.target_on = self.advanced.target_on
        self.target_accuracy = self.advanced.target_accuracy
        self.precision = self.advanced.precision
        self.xla = self.advanced.xla
        self.steps_per_call = self.advanced.steps_per_call
        self.checkpoints = self.advanced.checkpoints
        self.tensorboard = self.advanced.tensorboard

        self.error = plain_label("", object_name="formError", wrap=True)
        self.error.hide()
        # Start / Pause / Stop, Resume, the progress (by the names the window and tests use)
        self.controls = QtRunControls()
        self.start_button = self.controls.start_button
        self.pause_button = self.controls.pause_button
        self.stop_button = self.controls.stop_button
        self.resume_button = self.controls.resume_button
        self.progress = self.controls.progress
        self.progress_text = self.controls.progress_text
        self.run_info = self.controls.run_info
        self.start_button.clicked.connect(self._on_start_clicked)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self.stop_requested)
        self.resume_button.clicked.connect(self._on_resume_clicked)

        self._fields: dict[str, QWidget] = {
            "dataset": self.dataset,
            "data_dir": self.data_dir,
            "download": self.download,
            "model": self.model,
            "epochs": self.epochs,
            "batch_size": self.batch_size,
            "optimizer": self.optimizer,
            "learning_rate": self.learning_rate,
            "limit": self.limit,
            "device": self.device,
            **self.advanced.fields(),
        }
        self._build_layout()
        combos = (self.dataset, self.model, self.optimizer, self.device)
        for combo in (*combos, self.lr_schedule, self.monitor, self.precision):
            combo.currentIndexChanged.connect(self._on_changed)
        for line in (self.data_dir, self.learning_rate, self.dev_fraction, self.target_accuracy):
            line.textChanged.connect(self._on_changed)
        spins = (self.epochs, self.batch_size, self.seed, self.limit, self.early_stopping)
        spins = (*spins, self.steps_per_call)
        for spin in spins:
            spin.valueChanged.connect(self._on_changed)
        for box in (self.download, self.target_on, self.xla, self.checkpoints):
            box.toggled.connect(self._on_changed)
        self.dataset.currentIndexChanged.connect(self._on_data_changed)
        self.download.toggled.connect(self._on_data_changed)
        self.data_dir.editingFinished.connect(self._on_data_changed)
        self.data_dir.textChanged.connect(self._on_data_text_changed)
        self._data_checks = check_files
        self._set_advanced_open(False)
        self._apply_enabled()
        self.check_data_files()
        self._on_changed()

    def _build_layout(self) -> None:
        title = plain_label(self.tr("Train a model"), object_name="sectionTitle")
        form = self._form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(6)
        basic = (
            *self.source.rows(),
            (self.tr("Model"), self.model, self.tr("The network to train")),
            (_(EPOCHS), self.epochs, self.tr("How many passes over the training images")),
            (
                self.tr("Batch size"),
                self.batch_size,
                self.tr(
                    "Images per training step; with several GPUs, this many in total, "
                    "split between them"
                ),
            ),
            (
                self.tr("Optimizer"),
                self.optimizer,
                self.tr("How the weights are updated after each step"),
            ),
            (
                self.tr("Learning rate"),
                self.learning_rate,
                self.tr("Step size of each update, e.g. 0.001"),
            ),
            (
                self.tr("Training images"),
                self.limit,
                self.tr("Use at most this many training images (all = every one)"),
            ),
            (self.tr("Device"), self.device, self.tr("Where to train")),
        )
        add_rows(form, basic)
        self.advanced.add_to(form)
        self.source.set_download_tip()
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("separator")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(line)
        layout.addWidget(self.controls)
        layout.addStretch(1)

    # -- the config ----------------------------------------------------------------------------
    def raw_config(self) -> RunConfig:
        """The form as a RunConfig, not yet validated (unparsable text is kept as text)."""
        dataset = self.dataset.currentData()
        target = parse_float(self.target_accuracy.text()) if self.target_on.isChecked() else None
        return RunConfig(
            dataset=dataset,
            data_dir=self.source.folder(),
            model=self.model.currentData() or self.model.currentText(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            optimizer=self.optimizer.currentData(),
            learning_rate=parse_float(self.learning_rate.text()),  # type: ignore[arg-type]
            dev_fraction=parse_float(self.dev_fraction.text()),  # type: ignore[arg-type]
            seed=self.seed.value(),
            limit=self.limit.value() or None,
            device=self.device.currentData() or "auto",
            lr_schedule=self.lr_schedule.currentData(),
            early_stopping=self.early_stopping.value(),
            monitor=self.monitor.currentData(),
            target_accuracy=target,  # type: ignore[arg-type]
            precision=self.precision.currentData(),
            xla=self.xla.isChecked(),
            steps_per_call=self.steps_per_call.value(),
            checkpoints=self.checkpoints.isChecked(),
            download=self.download.isChecked() and dataset in DOWNLOADABLE,
        )

    def config(self) -> RunConfig:
        """The validated config; raises :class:`ConfigError` with the engine's message."""
        return self.raw_config().validate()

    def set_config(self, config: RunConfig) -> None:
        self._select(self.dataset, config.dataset)
        self.data_dir.setText(config.data_dir or "")
        self._select(self.model, config.model)
        self.epochs.setValue(int(config.epochs))
        self.batch_size.setValue(int(config.batch_size))
        self._select(self.optimizer, config.optimizer)
        self.learning_rate.setText(number_text(config.learning_rate))
        self.dev_fraction.setText(number_text(config.dev_fraction))
        self.seed.setValue(int(config.seed))
        self.limit.setValue(int(config.limit or 0))
        self._wanted_device = config.device
        self._select(self.device, config.device)
        self._select(self.lr_schedule, config.lr_schedule)
        self.early_stopping.setValue(int(config.early_stopping))
        self._select(self.monitor, config.monitor)
        self.target_on.setChecked(config.target_accuracy is not None)
        if config.target_accuracy is not None:
            self.target_accuracy.setText(number_text(config.target_accuracy))
        self._select(self.precision, config.precision)
        self.xla.setChecked(bool(config.xla))
        self.steps_per_call.setValue(int(config.steps_per_call))
        self.checkpoints.setChecked(bool(config.checkpoints))
        self.download.setChecked(bool(config.download))
        self._on_data_changed()
        self._on_changed()

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> bool:
        i = combo.findData(value)
        if i >= 0:
            combo.setCurrentIndex(i)
        return i >= 0

    # -- persistence ---------------------------------------------------------------------------
    def to_json(self) -> str:
        cfg = self.raw_config()
        data = cfg.to_dict()
        data["learning_rate"] = self.learning_rate.text()
        data["dev_fraction"] = self.dev_fraction.text()
        data["target_accuracy"] = (
            self.target_accuracy.text() if self.target_on.isChecked() else None
        )
        data["target_accuracy_text"] = self.target_accuracy.text()
        data["download"] = self.download.isChecked()  # kept while another dataset is chosen
        data["advanced_open"] = self.advanced_open
        return json.dumps(data)

    def restore_json(self, text: str) -> None:
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                return
            base = RunConfig().to_dict()
            base.update({k: v for k, v in data.items() if k in base})
            for key in ("epochs", "batch_size", "seed", "early_stopping"):
                base[key] = int(base[key])
            self._set_advanced_open(data.get("advanced_open") is True)  # before a refusal opens it
            self.target_accuracy.setText(str(data.get("target_accuracy_text", TARGET_DEFAULT_TEXT)))
            self.set_config(RunConfig.from_dict(base))
            self.learning_rate.setText(str(data.get("learning_rate", self.learning_rate.text())))
            self.dev_fraction.setText(str(data.get("dev_fraction", self.dev_fraction.text())))
        except (ValueError, TypeError):
            pass  # a damaged settings file is ignored; the defaults stay

    # -- devices ---------------------------------------------------------------------------------
    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """Replace the device choices (label, value) -- keeps the user's choice when it exists."""
        current = self.device.currentData() or self._wanted_device
        self.device.blockSignals(True)
        self.device.clear()
        for label, value in devices:
            self.device.addItem(label, value)
        self._set_device_tips()
        self.device.blockSignals(False)
        if not self._select(self.device, self._wanted_device) and not self._select(
            self.device, current
        ):
            self.device.setCurrentIndex(0)
        self._on_changed()

    def _set_device_tips(self) -> None:
        for i in range(self.device.count()):
            value = str(self.device.itemData(i))
            tip = (
                self.tr(DEVICE_TIPS[value])
                if value in DEVICE_TIPS
                else (self.tr("Train on this GPU only") if value.startswith("gpu:") else "")
            )
            if tip:
                self.device.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)

    # -- the Advanced section ------------------------------------------------------------------
    @property
    def advanced_open(self) -> bool:
        return self.advanced.is_open

    def _set_advanced_open(self, open_: bool) -> None:
        if self.advanced_button.isChecked() != open_:
            self.advanced_button.setChecked(open_)  # comes back through _on_advanced_toggled
            return
        self._on_advanced_toggled(open_)

    def _on_advanced_toggled(self, open_: bool) -> None:
        self.advanced.show_open(open_, self.advanced_changes())

    def advanced_changes(self) -> int:
        """How many Advanced values differ from the defaults (the monitor counts only while
        early stopping is on)."""
        return advanced_changes(self.raw_config())

    def _update_advanced_title(self) -> None:
        self.advanced.show_changes(self.advanced_changes())

    # -- state ---------------------------------------------------------------------------------
    def set_running(self, running: bool, paused: bool = False) -> None:
        self._running, self._paused = running, paused
        self._apply_enabled()
        self._update_buttons()

    def _apply_enabled(self) -> None:
        idle = not self._running
        for w in self._fields.values():
            w.setEnabled(idle)
        self.advanced.set_enabled(idle)
        self.source.show_for_dataset(self._form, idle)

    def set_busy_elsewhere(self, busy: bool) -> None:
        """Another job (a benchmark) holds the device: Start waits."""
        self._busy_elsewhere = busy
        self._update_buttons()

    def show_stopping(self, text: str) -> None:
        """Stop was asked for: Pause and Stop are spent and the progress line says ``text``
        until the run ends."""
        self.controls.show_stopping(text)

    def set_progress(self, fraction: float, text: str) -> None:
        self.controls.set_progress(fraction, text)

    def show_run_info(self, info: dict[str, Any] | None) -> None:
        """What the run's ``on_run_begin`` says worth showing under the progress: how the
        batch is split when there are several replicas (nothing otherwise)."""
        self.controls.show_run_info(info)

    def _update_buttons(self) -> None:
        idle = not self._running and not self._busy_elsewhere
        self.controls.set_state(
            running=self._running, paused=self._paused, can_start=idle and self._valid, idle=idle
        )

    # -- handlers ------------------------------------------------------------------------------
    def validation_error(self) -> ConfigError | None:
        try:
            self.config()
        except ConfigError as exc:
            return exc
        return None

    def error_text(self, exc: ConfigError) -> str:
        """A refused value as the form says it: in English exactly the engine's message (the
        CLI's); in another language with the field's label in place of its RunConfig name."""
        from gui import i18n

        label = FIELD_LABELS.get(exc.field)
        if i18n.current_language() == i18n.DEFAULT or label is None:
            return config_error_message(exc)
        return config_error_message(exc, field=translate("QtRunForm", label))

    def _on_changed(self, *_: Any) -> None:
        exc = self.validation_error()
        for name, widget in self._fields.items():
            bad = exc is not None and exc.field == name
            if widget.property("invalid") != bad:
                widget.setProperty("invalid", bad)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self._valid = exc is None
        self.error.setText("" if exc is None else self.error_text(exc))
        self.error.setVisible(exc is not None)
        if exc is not None and exc.field in ADVANCED_FIELDS and not self.advanced_open:
            self._set_advanced_open(True)  # the refused value is in view
        if not self._running and self.device.currentData():
            self._wanted_device = self.device.currentData()
        self._apply_enabled()
        self._update_advanced_title()
        self._update_buttons()

    def _on_data_text_changed(self, text: str) -> None:
        if not text:  # the clear button
            self._on_data_changed()

    def check_data_files(self, now: bool = False) -> None:
        """Say whether the dataset's files are there (from now on, on every change)."""
        self._data_checks = self._data_checks or now
        self._on_data_changed()

    def _on_data_changed(self, *_: Any) -> None:
        self._apply_enabled()
        if self._data_checks:
            self.source.show_files()

    def _on_browse_clicked(self) -> None:
        if self.source.choose_folder(self):
            self._on_data_changed()

    def _on_start_clicked(self) -> None:
        try:
            config = self.config()
        except ConfigError:
            self._on_changed()
            return
        self.show_run_info(None)
        self.start_requested.emit(config)

    def _on_pause_clicked(self) -> None:
        self.pause_requested.emit(not self._paused)

    def _on_resume_clicked(self) -> None:
        run_id = self.choose_run()
        if run_id:
            self.request_resume(run_id)

    def request_resume(self, run_id: str) -> None:
        """Ask the window to resume ``run_id`` (also for other views, e.g. a run history):
        the form shows the run's own settings, then emits ``resume_requested``."""
        if self._running or self._busy_elsewhere:
            return
        self.show_resumed_config(run_id)
        self.show_run_info(None)
        self.resume_requested.emit(run_id)

    def show_resumed_config(self, run_id: str) -> None:
        """Fill the form with the settings of the run being resumed (what it will use)."""
        from engine.training.checkpoint import RunFolder

        try:
            config = RunConfig.from_dict(RunFolder(run_id).read_meta()["config"])
            self.set_config(config)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # the engine says what is wrong with the run when it tries

    def _choose_run_dialog(self) -> str | None:
        from gui.widgets.qt_resume_dialog import QtResumeDialog

        dialog = QtResumeDialog(self)
        try:
            return dialog.run_id() if dialog.exec() else None
        finally:
            dialog.deleteLater()
