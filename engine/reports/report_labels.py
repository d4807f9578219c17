"""Words of the run report: RunConfig fields and run kinds as people name them, and
times with their zone. Config keys are shown with their label in the report's language
and the key itself (what ``config_json`` and the CLI flags use)."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from engine.i18n import N_, _
from engine.i18n.vocabulary import COMPRESSION_LAB

#: RunConfig field -> its label (``engine.config.FIELDS``; a test keeps them in step).
CONFIG_LABELS: dict[str, str] = {
    "dataset": N_("dataset"),
    "data_dir": N_("data folder"),
    "model": N_("model"),
    "epochs": N_("epochs"),
    "batch_size": N_("batch size"),
    "optimizer": N_("optimizer"),
    "learning_rate": N_("learning rate"),
    "dev_fraction": N_("held-out (dev) share"),
    "seed": N_("random seed"),
    "limit": N_("training sample limit"),
    "device": N_("device"),
    "lr_schedule": N_("learning-rate schedule"),
    "early_stopping": N_("early stopping patience (epochs)"),
    "monitor": N_("early stopping watches"),
    "target_accuracy": N_("target accuracy"),
    "precision": N_("number format"),
    "xla": N_("XLA compilation"),
    "steps_per_call": N_("training steps per call (0 = auto)"),
    "checkpoints": N_("checkpoints"),
    "download": N_("download if missing"),
}
KIND_WORDS = {
    "train": N_("training"),
    "bench": N_("benchmark suite"),
    "compress": COMPRESSION_LAB,
}


def config_label(key: str) -> str:
    label = CONFIG_LABELS.get(key)
    return key if label is None else _(label)


def kind_text(kind: str) -> str:
    word = KIND_WORDS.get(kind)
    return kind if word is None else _(word)


def when(ts: Any) -> str | None:
    """A Unix time as local date and time with its zone, e.g. ``2026-05-01 20:19:07
    UTC+08:00``; ``None`` for no time."""
    if not isinstance(ts, int | float) or isinstance(ts, bool):
        return None
    local = datetime.fromtimestamp(ts).astimezone()
    offset = local.strftime("%z") or "+0000"
    return f"{local:%Y-%m-%d %H:%M:%S} UTC{offset[:3]}:{offset[3:]}"


def now_text() -> str:
    return when(time.time()) or ""
