"""The run form: what to train, on what, and the Start / Pause / Stop buttons with progress.

The form builds a :class:`~engine.config.RunConfig` and checks it with the engine's own
``validate()``, so a refused value shows exactly the message the CLI would print. Text it
cannot parse is handed to ``RunConfig`` as typed, and ``validate()`` refuses it too.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.config import OPTIMIZERS, ConfigError, RunConfig
from gui.theme import plain_label

DATASET_CHOICES = (
    ("MNIST (handwritten digits)", "mnist"),
    ("Fashion-MNIST (clothing)", "fashion-mnist"),
    ("Synthetic (generated, no files)", "synthetic"),
)
DEVICE_DEFAULTS = (("Automatic (GPU if there is one)", "auto"), ("CPU", "cpu"))
_LAYOUT_WORDS = {
    "idx4": "train and test files",
    "t10k": "test files only; split 80/20 into training and test",
    "npz": "one .npz file",
}


def _parse_float(text: str) -> float | str:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text


def find_data_files(dataset: str, data_dir: str | None) -> tuple[bool, str]:
    """``(ok, message)`` about where the dataset's files are; cheap (file checks only)."""
    if dataset == "synthetic":
        return True, "Synthetic data is generated on the fly; no files are needed."
    from engine.data import DataError
    from engine.data.sources import locate

    try:
        layout, _paths, directory = locate(dataset, data_dir or None)
    except DataError as exc:
        return False, f"Files missing: {exc}"
    return True, f"Found in {directory} ({_LAYOUT_WORDS.get(layout, layout)})."


class QtRunForm(QWidget):
    """The left-hand form. Emits ``start_requested(RunConfig)``, ``pause_requested(bool)``
    (True = pause, False = resume) and ``stop_requested``."""

    start_requested = Signal(object)
    pause_requested = Signal(bool)
    stop_requested = Signal()

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
        self.dataset = QComboBox()
        for label, value in DATASET_CHOICES:
            self.dataset.addItem(label, value)
        self.data_dir = QLineEdit()
        self.data_dir.setPlaceholderText("automatic")
        self.data_dir.setClearButtonEnabled(True)
        self.browse = QToolButton(text="Browse…")
        self.browse.setToolTip("Choose the folder that holds the dataset files")
        self.browse.clicked.connect(self._on_browse_clicked)
        self.data_status = plain_label("", object_name="dataStatus", wrap=True)

        self.model = QComboBox()
        for name in models.names():
            self.model.addItem(name, name)
            self.model.setItemData(
                self.model.count() - 1, models.get(name).description, Qt.ItemDataRole.ToolTipRole
            )
        self.epochs = QSpinBox(minimum=1, maximum=100_000, value=d.epochs)
        self.batch_size = QSpinBox(minimum=1, maximum=65_536, value=d.batch_size)
        self.optimizer = QComboBox()
        for name in OPTIMIZERS:
            self.optimizer.addItem(name, name)
        self.learning_rate = QLineEdit(f"{d.learning_rate:g}")
        self.dev_fraction = QLineEdit(f"{d.dev_fraction:g}")
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=d.seed)
        self.limit = QSpinBox(minimum=0, maximum=100_000_000, value=0, singleStep=1000)
        self.limit.setSpecialValueText("all")
        self.device = QComboBox()
        for label, value in DEVICE_DEFAULTS:
            self.device.addItem(label, value)
        self._wanted_device = "auto"

        self.error = plain_label("", object_name="formError", wrap=True)
        self.error.hide()
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("primary")
        self.pause_button = QPushButton("Pause")
        self.stop_button = QPushButton("Stop")
        self.start_button.clicked.connect(self._on_start_clicked)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self.stop_requested)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress_text = plain_label("Ready.", object_name="progressText", wrap=True)

        self._fields: dict[str, QWidget] = {
            "dataset": self.dataset,
            "data_dir": self.data_dir,
            "model": self.model,
            "epochs": self.epochs,
            "batch_size": self.batch_size,
            "optimizer": self.optimizer,
            "learning_rate": self.learning_rate,
            "dev_fraction": self.dev_fraction,
            "seed": self.seed,
            "limit": self.limit,
            "device": self.device,
        }
        self._build_layout()
        for combo in (self.dataset, self.model, self.optimizer, self.device):
            combo.currentIndexChanged.connect(self._on_changed)
        for line in (self.data_dir, self.learning_rate, self.dev_fraction):
            line.textChanged.connect(self._on_changed)
        for spin in (self.epochs, self.batch_size, self.seed, self.limit):
            spin.valueChanged.connect(self._on_changed)
        self.dataset.currentIndexChanged.connect(self._on_data_changed)
        self.data_dir.editingFinished.connect(self._on_data_changed)
        self.data_dir.textChanged.connect(self._on_data_text_changed)
        self._data_checks = check_files
        self._apply_enabled()
        self.check_data_files()
        self._on_changed()

    def _build_layout(self) -> None:
        title = plain_label("Train a model", object_name="sectionTitle")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(6)
        folder = QHBoxLayout()
        folder.setSpacing(4)
        folder.addWidget(self.data_dir, 1)
        folder.addWidget(self.browse)
        rows = (
            ("Dataset", self.dataset, "Which images to learn from"),
            (
                "Data folder",
                folder,
                "Folder with the dataset files; empty = look in $SUANLI_DATA_DIR, "
                "then in Suanli's own data folder",
            ),
            ("", self.data_status, ""),
            ("Model", self.model, "The network to train"),
            ("Epochs", self.epochs, "How many passes over the training images"),
            ("Batch size", self.batch_size, "Images per training step"),
            ("Optimizer", self.optimizer, "How the weights are updated"),
            ("Learning rate", self.learning_rate, "Step size of each update, e.g. 0.001"),
            (
                "Dev fraction",
                self.dev_fraction,
                "Share of the training images held out to check progress each epoch (0 to 0.5]",
            ),
            ("Seed", self.seed, "Makes runs repeatable: same seed, same result"),
            (
                "Training images",
                self.limit,
                "Use at most this many training images (all = every one)",
            ),
            ("Device", self.device, "Where to train"),
        )
        for text, field, tip in rows:
            label = plain_label(text) if text else None
            if tip and label is not None:
                label.setToolTip(tip)
                if isinstance(field, QWidget):
                    field.setToolTip(tip)
            if label is None:
                form.addRow(field)
            else:
                form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.start_button, 2)
        buttons.addWidget(self.pause_button, 1)
        buttons.addWidget(self.stop_button, 1)
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
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addStretch(1)

    # -- the config ----------------------------------------------------------------------------
    def raw_config(self) -> RunConfig:
        """The form as a RunConfig, not yet validated (unparsable text is kept as text)."""
        return RunConfig(
            dataset=self.dataset.currentData(),
            data_dir=self.data_dir.text().strip() or None,
            model=self.model.currentData() or self.model.currentText(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            optimizer=self.optimizer.currentData(),
            learning_rate=_parse_float(self.learning_rate.text()),  # type: ignore[arg-type]
            dev_fraction=_parse_float(self.dev_fraction.text()),  # type: ignore[arg-type]
            seed=self.seed.value(),
            limit=self.limit.value() or None,
            device=self.device.currentData() or "auto",
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
        self.learning_rate.setText(
            f"{config.learning_rate:g}"
            if isinstance(config.learning_rate, int | float)
            else str(config.learning_rate)
        )
        self.dev_fraction.setText(
            f"{config.dev_fraction:g}"
            if isinstance(config.dev_fraction, int | float)
            else str(config.dev_fraction)
        )
        self.seed.setValue(int(config.seed))
        self.limit.setValue(int(config.limit or 0))
        self._wanted_device = config.device
        self._select(self.device, config.device)
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
        return json.dumps(data)

    def restore_json(self, text: str) -> None:
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                return
            base = RunConfig().to_dict()
            base.update({k: v for k, v in data.items() if k in base})
            for key in ("epochs", "batch_size", "seed"):
                base[key] = int(base[key])
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
        self.device.blockSignals(False)
        if not self._select(self.device, self._wanted_device) and not self._select(
            self.device, current
        ):
            self.device.setCurrentIndex(0)
        self._on_changed()

    # -- state ---------------------------------------------------------------------------------
    def set_running(self, running: bool, paused: bool = False) -> None:
        self._running, self._paused = running, paused
        self._apply_enabled()
        self.pause_button.setText("Resume" if paused else "Pause")
        self._update_buttons()

    def _apply_enabled(self) -> None:
        files = self.dataset.currentData() != "synthetic"
        for w in self._fields.values():
            w.setEnabled(not self._running)
        self.data_dir.setEnabled(files and not self._running)
        self.browse.setEnabled(files and not self._running)

    def set_busy_elsewhere(self, busy: bool) -> None:
        """Another job (a benchmark) holds the device: Start waits."""
        self._busy_elsewhere = busy
        self._update_buttons()

    def set_progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(round(1000 * max(0.0, min(1.0, fraction)))))
        self.progress_text.setText(text)

    def _update_buttons(self) -> None:
        self.start_button.setEnabled(not self._running and not self._busy_elsewhere and self._valid)
        self.pause_button.setEnabled(self._running)
        self.stop_button.setEnabled(self._running)

    # -- handlers ------------------------------------------------------------------------------
    def validation_error(self) -> ConfigError | None:
        try:
            self.config()
        except ConfigError as exc:
            return exc
        return None

    def _on_changed(self, *_: Any) -> None:
        exc = self.validation_error()
        for name, widget in self._fields.items():
            bad = exc is not None and exc.field == name
            if widget.property("invalid") != bad:
                widget.setProperty("invalid", bad)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self._valid = exc is None
        self.error.setText("" if exc is None else str(exc))
        self.error.setVisible(exc is not None)
        if not self._running and self.device.currentData():
            self._wanted_device = self.device.currentData()
        self._update_buttons()

    def _on_data_text_changed(self, text: str) -> None:
        if not text:  # the clear button
            self._on_data_changed()

    def check_data_files(self, now: bool = False) -> None:
        """Say whether the dataset's files are there (from now on, on every change)."""
        self._data_checks = self._data_checks or now
        self._on_data_changed()

    def _on_data_changed(self, *_: Any) -> None:
        dataset = self.dataset.currentData()
        self._apply_enabled()
        if not self._data_checks:
            return
        ok, message = find_data_files(dataset, self.data_dir.text().strip() or None)
        self.data_status.setText(message)
        self.data_status.setProperty("ok", ok)
        self.data_status.style().unpolish(self.data_status)
        self.data_status.style().polish(self.data_status)

    def _on_browse_clicked(self) -> None:
        start = self.data_dir.text().strip()
        path = QFileDialog.getExistingDirectory(self, "Folder with the dataset files", start)
        if path:
            self.data_dir.setText(path)
            self._on_data_changed()

    def _on_start_clicked(self) -> None:
        try:
            config = self.config()
        except ConfigError:
            self._on_changed()
            return
        self.start_requested.emit(config)

    def _on_pause_clicked(self) -> None:
        self.pause_requested.emit(not self._paused)
