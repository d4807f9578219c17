"""The compression lab's configuration: one frozen dataclass, checked like ``RunConfig``."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from engine.config import INT_LIMIT, ONE_OF, ConfigError, RunConfig
from engine.i18n import N_
from engine.i18n.message import Message

#: Variants the lab measures, in table order.
VARIANTS = (
    "keras",
    "tflite-fp32",
    "tflite-fp16",
    "tflite-dynamic",
    "tflite-int8",
    "pruned",
    "distilled",
)


#: The RunConfig fields the lab shares with a training run: same meaning, default, rule and
#: command-line flag (``engine.config.FIELDS``).
SHARED_FIELDS = (
    "dataset",
    "data_dir",
    "model",
    "epochs",
    "batch_size",
    "learning_rate",
    "dev_fraction",
    "seed",
    "limit",
    "device",
)
_RUN = RunConfig()


@dataclass(frozen=True)
class CompressConfig:
    """What the compression lab trains, compresses and measures.

    ``model`` is the baseline and the distillation student; ``teacher`` the wider model it
    learns from. ``epochs`` applies to the baseline, the teacher and the student alike
    (so the distilled student and the baseline are trained for equal epochs), and
    ``prune_epochs`` is the fine-tuning that ramps sparsity up to ``sparsity``.
    ``alpha`` weights the hard-label loss, ``1 - alpha`` the softened teacher loss at
    ``temperature``. ``threads`` is the LiteRT interpreter thread count (``None``: all
    cores, as TensorFlow uses).
    """

    dataset: str = _RUN.dataset
    data_dir: str | None = _RUN.data_dir
    model: str = _RUN.model
    teacher: str = "seed-cnn-wide"
    epochs: int = _RUN.epochs
    batch_size: int = _RUN.batch_size
    learning_rate: float = _RUN.learning_rate
    dev_fraction: float = _RUN.dev_fraction
    seed: int = _RUN.seed
    limit: int | None = _RUN.limit
    device: str = _RUN.device
    sparsity: float = 0.5
    prune_epochs: int = 2
    temperature: float = 4.0
    alpha: float = 0.1
    calibration_samples: int = 500
    latency_runs: int = 200
    throughput_batches: int = 20
    threads: int | None = None

    def run_config(self, model: str | None = None, epochs: int | None = None) -> RunConfig:
        """The training ``RunConfig`` for one stage (Adam, the lab's batch, seed and data)."""
        shared = {name: getattr(self, name) for name in SHARED_FIELDS}
        if model:
            shared["model"] = model
        if epochs is not None:
            shared["epochs"] = epochs
        return RunConfig(**shared, optimizer="adam", checkpoints=False)

    def validate(self) -> CompressConfig:
        """Raise :class:`ConfigError` for the first bad field; return ``self`` when all is well."""
        from engine import models

        self.run_config().validate()
        if self.teacher not in models.names():
            raise ConfigError(
                "teacher", self.teacher, Message(ONE_OF, {"choices": ", ".join(models.names())})
            )
        s = self.sparsity
        if _not_number(s) or not (0 < s < 1):
            raise ConfigError(
                "sparsity", s, Message(N_("a number between 0 and 1 (exclusive), e.g. 0.5"))
            )
        _int_at_least("prune_epochs", self.prune_epochs, 1)
        t = self.temperature
        if _not_number(t) or not (0 < t <= 100):
            raise ConfigError("temperature", t, Message(N_("a number > 0 and <= 100")))
        a = self.alpha
        if _not_number(a) or not (0 <= a <= 1):
            raise ConfigError("alpha", a, Message(N_("a number from 0 to 1")))
        _int_at_least("calibration_samples", self.calibration_samples, 1)
        _int_at_least("latency_runs", self.latency_runs, 1)
        _int_at_least("throughput_batches", self.throughput_batches, 1)
        if self.threads is not None:
            _int_at_least("threads", self.threads, 1)
        return self

    def replace(self, **changes: Any) -> CompressConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CompressConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _not_number(x: Any) -> bool:
    return isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x)


def _int_at_least(field: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(
            field, value, Message(N_("an integer >= {minimum}"), {"minimum": minimum})
        )
    if value > INT_LIMIT:  # the one top of every integer (engine.config)
        raise ConfigError(
            field,
            value,
            Message(
                N_("an integer from {minimum} to {maximum}"),
                {"minimum": minimum, "maximum": INT_LIMIT},
            ),
        )
