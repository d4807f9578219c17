"""Run configuration: one frozen dataclass and one validation error."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Any

from engine.errors import InputError

DATASETS = ("mnist", "fashion-mnist", "synthetic", "folder")
OPTIMIZERS = ("adam", "sgd", "rmsprop", "adamw")
LR_SCHEDULES = ("constant", "step", "cosine")
PRECISIONS = ("float32", "mixed_float16", "mixed_bfloat16")
MONITORS = ("dev_loss", "dev_accuracy")
# one device, a comma list of devices of one kind (MirroredStrategy), all local GPUs,
# or several machines (MultiWorkerMirroredStrategy through $TF_CONFIG)
_ONE = r"(?:cpu|gpu)(?::\d+)?"
_DEVICE_RE = re.compile(rf"^(auto|all-gpus|multiworker|{_ONE}(?:,{_ONE})*)$")
DEVICE_HELP = "auto, cpu, gpu, gpu:N, a list like gpu:0,gpu:1, all-gpus, or multiworker"


class ConfigError(InputError):
    """A configuration value is not allowed. The message names field, value and what is allowed."""

    def __init__(self, field: str, value: Any, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field} = {value!r} is not allowed: {allowed}")


@dataclass(frozen=True)
class RunConfig:
    dataset: str = "mnist"
    data_dir: str | None = None
    model: str = "seed-cnn"
    epochs: int = 5
    batch_size: int = 32
    optimizer: str = "adam"
    learning_rate: float = 1e-3
    dev_fraction: float = 0.1
    seed: int = 0
    limit: int | None = None
    device: str = "auto"
    lr_schedule: str = "constant"
    early_stopping: int = 0  # patience in epochs on ``monitor``; 0 = off
    monitor: str = "dev_loss"
    target_accuracy: float | None = None  # stop once dev accuracy reaches it
    precision: str = "float32"
    xla: bool = False
    checkpoints: bool = True
    download: bool = False  # fetch MNIST/Fashion-MNIST from the mirror when not found

    def validate(self) -> RunConfig:
        """Raise :class:`ConfigError` for the first bad field; return ``self`` when all is well."""
        from engine import models

        if self.dataset not in DATASETS:
            raise ConfigError("dataset", self.dataset, f"one of {', '.join(DATASETS)}")
        if self.model not in models.names():
            raise ConfigError("model", self.model, f"one of {', '.join(models.names())}")
        _int_at_least("epochs", self.epochs, 1)
        _int_at_least("batch_size", self.batch_size, 1)
        if self.batch_size > 65536:
            raise ConfigError("batch_size", self.batch_size, "an integer from 1 to 65536")
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError("optimizer", self.optimizer, f"one of {', '.join(OPTIMIZERS)}")
        lr = self.learning_rate
        if (
            isinstance(lr, bool)
            or not isinstance(lr, int | float)
            or not math.isfinite(lr)
            or lr <= 0
            or lr > 10
        ):
            raise ConfigError("learning_rate", lr, "a finite number > 0 and <= 10")
        df = self.dev_fraction
        if isinstance(df, bool) or not isinstance(df, int | float) or not (0 < df <= 0.5):
            raise ConfigError("dev_fraction", df, "a number in (0, 0.5]")
        _int_at_least("seed", self.seed, 0)
        if self.limit is not None:
            _int_at_least("limit", self.limit, 1)
        if not isinstance(self.device, str) or not _DEVICE_RE.match(self.device):
            raise ConfigError("device", self.device, DEVICE_HELP)
        kinds = {d.split(":")[0] for d in self.device.split(",")}
        if len(kinds) > 1:
            raise ConfigError("device", self.device, "devices of one kind (all cpu or all gpu)")
        for name, allowed in (("lr_schedule", LR_SCHEDULES), ("precision", PRECISIONS),
                              ("monitor", MONITORS)):
            if getattr(self, name) not in allowed:
                raise ConfigError(name, getattr(self, name), f"one of {', '.join(allowed)}")
        _int_at_least("early_stopping", self.early_stopping, 0)
        ta = self.target_accuracy
        if ta is not None and (isinstance(ta, bool) or not isinstance(ta, int | float)
                               or not (0 < ta <= 1)):
            raise ConfigError("target_accuracy", ta, "a number in (0, 1], or none")
        for name in ("xla", "checkpoints", "download"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(name, getattr(self, name), "true or false")
        return self

    def replace(self, **changes: Any) -> RunConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _int_at_least(field: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(field, value, f"an integer >= {minimum}")
