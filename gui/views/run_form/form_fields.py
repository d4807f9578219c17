"""The run form's fields without a window: the choices it offers (devices, learning-rate
schedules, early-stopping monitors, precisions) with their tooltips, the models' described
words, which fields sit in the Advanced section, the label a refused field has, and how
typed text becomes a value. Texts are marked in the "QtRunForm" translation context; the
engine's words (the CLI shows them too) are :class:`~gui.i18n.EngineWord`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from engine.config import RunConfig, field_names
from engine.i18n.vocabulary import CPU, EPOCHS, METRIC_NAMES
from engine.metrics import DEV_ACCURACY, DEV_LOSS
from gui.i18n import EngineWord

DEVICE_DEFAULTS = (
    (QT_TRANSLATE_NOOP("QtRunForm", "Automatic (GPU if there is one)"), "auto"),
    (EngineWord(CPU), "cpu"),
)
DEVICE_TIPS = {
    "auto": QT_TRANSLATE_NOOP(
        "QtRunForm", "Train on the first GPU TensorFlow can use, or on the CPU when there is none"
    ),
    "cpu": QT_TRANSLATE_NOOP("QtRunForm", "Train on the processor, even when a GPU is there"),
    "all-gpus": QT_TRANSLATE_NOOP(
        "QtRunForm",
        "Train on every GPU at once (MirroredStrategy): each batch is split evenly "
        "between the GPUs and their updates are combined",
    ),
}
LR_SCHEDULES = (
    (
        QT_TRANSLATE_NOOP("QtRunForm", "Constant"),
        "constant",
        QT_TRANSLATE_NOOP("QtRunForm", "The learning rate stays the same for the whole run"),
    ),
    (
        QT_TRANSLATE_NOOP("QtRunForm", "Step: halve every 2 epochs"),
        "step",
        QT_TRANSLATE_NOOP("QtRunForm", "The learning rate is halved every two epochs"),
    ),
    (
        QT_TRANSLATE_NOOP("QtRunForm", "Cosine: down to 0"),
        "cosine",
        QT_TRANSLATE_NOOP(
            "QtRunForm",
            "The learning rate falls smoothly, along a cosine curve, to zero at the last step",
        ),
    ),
)
MONITORS = (
    (
        EngineWord(METRIC_NAMES[DEV_LOSS]),
        "dev_loss",
        QT_TRANSLATE_NOOP(
            "QtRunForm", "Stop when the loss on the held-out images stops going down"
        ),
    ),
    (
        EngineWord(METRIC_NAMES[DEV_ACCURACY]),
        "dev_accuracy",
        QT_TRANSLATE_NOOP(
            "QtRunForm", "Stop when the accuracy on the held-out images stops going up"
        ),
    ),
)
PRECISIONS = (
    (
        QT_TRANSLATE_NOOP("QtRunForm", "float32 (full)"),
        "float32",
        QT_TRANSLATE_NOOP("QtRunForm", "Every number in 32-bit floating point: the safe default"),
    ),
    (
        QT_TRANSLATE_NOOP("QtRunForm", "mixed float16"),
        "mixed_float16",
        QT_TRANSLATE_NOOP(
            "QtRunForm",
            "Compute in 16-bit floats, keep the weights in 32-bit: faster and smaller on "
            "NVIDIA GPUs with Tensor Cores; usually slower on a CPU",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("QtRunForm", "mixed bfloat16"),
        "mixed_bfloat16",
        QT_TRANSLATE_NOOP(
            "QtRunForm",
            "Compute in bfloat16, keep the weights in 32-bit: fast on recent GPUs and on CPUs "
            "with bfloat16 support; slower elsewhere",
        ),
    ),
)
# What each registered model is (engine.models' descriptions, as the model tooltips say
# them); a model not listed here shows the engine's description as it is.
MODEL_DESCRIPTIONS = (
    QT_TRANSLATE_NOOP(
        "QtRunForm",
        "The article's CNN: Conv2D(32,3x3,relu) > MaxPool(2x2) > Flatten > Dense(10,softmax)",
    ),
    QT_TRANSLATE_NOOP("QtRunForm", "The seed CNN with twice the filters (64)"),
    QT_TRANSLATE_NOOP("QtRunForm", "The seed CNN with half the filters (16)"),
    QT_TRANSLATE_NOOP("QtRunForm", "The seed CNN with two more 3x3 conv layers"),
    QT_TRANSLATE_NOOP("QtRunForm", "A small residual net (2 residual blocks, GAP)"),
)
# the fields of the Advanced section (RunConfig names, as the engine describes them)
ADVANCED_FIELDS = field_names(advanced=True)
ADVANCED_FIELDS = (
    "dev_fraction",
    "seed",
    "lr_schedule",
    "early_stopping",
    "monitor",
    "target_accuracy",
    "precision",
    "xla",
    "steps_per_call",
    "checkpoints",
)
# the label a refused field has in the form (RunConfig names; the rows' own label texts)
FIELD_LABELS = {
    "dataset": QT_TRANSLATE_NOOP("QtRunForm", "Dataset"),
    "data_dir": QT_TRANSLATE_NOOP("QtRunForm", "Data folder"),
    "download": QT_TRANSLATE_NOOP("QtRunForm", "Download if missing"),
    "model": QT_TRANSLATE_NOOP("QtRunForm", "Model"),
    "epochs": EngineWord(EPOCHS),
    "batch_size": QT_TRANSLATE_NOOP("QtRunForm", "Batch size"),
    "optimizer": QT_TRANSLATE_NOOP("QtRunForm", "Optimizer"),
    "learning_rate": QT_TRANSLATE_NOOP("QtRunForm", "Learning rate"),
    "limit": QT_TRANSLATE_NOOP("QtRunForm", "Training images"),
    "device": QT_TRANSLATE_NOOP("QtRunForm", "Device"),
    "dev_fraction": QT_TRANSLATE_NOOP("QtRunForm", "Dev fraction"),
    "seed": QT_TRANSLATE_NOOP("QtRunForm", "Seed"),
    "lr_schedule": QT_TRANSLATE_NOOP("QtRunForm", "LR schedule"),
    "early_stopping": QT_TRANSLATE_NOOP("QtRunForm", "Early stopping"),
    "monitor": QT_TRANSLATE_NOOP("QtRunForm", "Early stopping"),
    "target_accuracy": QT_TRANSLATE_NOOP("QtRunForm", "Target accuracy"),
    "precision": QT_TRANSLATE_NOOP("QtRunForm", "Precision"),
    "xla": QT_TRANSLATE_NOOP("QtRunForm", "XLA"),
    "steps_per_call": QT_TRANSLATE_NOOP("QtRunForm", "Steps per call"),
    "checkpoints": QT_TRANSLATE_NOOP("QtRunForm", "Checkpoints"),
}
TARGET_DEFAULT_TEXT = "0.98"


def parse_float(text: str) -> float | str:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text


def number_text(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return "" if value is None else str(value)


def advanced_changes(config: RunConfig) -> int:
    """How many Advanced values of ``config`` differ from the defaults (the monitor counts
    only while early stopping is on)."""
    default = RunConfig()
    names = [n for n in ADVANCED_FIELDS if n != "monitor" or config.early_stopping]
    return sum(getattr(config, n) != getattr(default, n) for n in names)
