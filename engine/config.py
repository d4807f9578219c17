"""Run configuration: one frozen dataclass, one description of each of its fields, one error.

:data:`FIELDS` describes every :class:`RunConfig` field once: its type and default (read from
the dataclass), the choices and bounds :meth:`RunConfig.validate` enforces, the command-line
flag with its metavar and help text, and where the window's run form shows it. The CLI's
``train`` flags (``engine.cli.run_args``), the run form and the compression lab's config are
built from it; :func:`field_spec` gives one field's description::

    spec = field_spec("batch_size")
    spec.minimum, spec.maximum, spec.flag  # 1, 65536, "--batch-size"

Help texts are English, marked with :func:`N_` for the CLI's catalog (``engine.i18n``) and
translated where they are shown. What a refusal allows is an ``engine.i18n.message.Message``
(a catalog text and its values), said in the user's language where it is shown.
"""

from __future__ import annotations

import dataclasses
import math
import re
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from engine.errors import InputError
from engine.i18n import N_
from engine.i18n.message import Message
from engine.metrics import MONITORS

DATASETS = ("mnist", "fashion-mnist", "synthetic", "folder")
OPTIMIZERS = ("adam", "sgd", "rmsprop", "adamw")
LR_SCHEDULES = ("constant", "step", "cosine")
PRECISIONS = ("float32", "mixed_float16", "mixed_bfloat16")
# one device, a comma list of devices of one kind (MirroredStrategy), all local GPUs,
# or several machines (MultiWorkerMirroredStrategy through $TF_CONFIG)
_ONE = r"(?:cpu|gpu)(?::\d+)?"
_DEVICE_RE = re.compile(rf"^(auto|all-gpus|multiworker|{_ONE}(?:,{_ONE})*)$")
#: The top of every integer field without a tighter one: what SQLite (and a C ``int64``)
#: holds, so no number is accepted that cannot be stored or handed to TensorFlow.
INT_LIMIT = 2**63 - 1
DEVICE_HELP = N_("auto, cpu, gpu, gpu:N, a list like gpu:0,gpu:1, all-gpus, or multiworker")


class ConfigError(InputError):
    """A configuration value is not allowed. The message names field, value and what is allowed."""

    def __init__(self, field: str, value: Any, allowed: Message | str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed  # a Message (said in the user's language where it is shown)
        super().__init__(f"{field} = {value!r} is not allowed: {allowed}")  # English


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
    steps_per_call: int = 0  # training steps per compiled call; 0 = chosen by the engine
    checkpoints: bool = True
    download: bool = False  # fetch MNIST/Fashion-MNIST from the mirror when not found

    def validate(self) -> RunConfig:
        """Raise :class:`ConfigError` for the first bad field (in field order, by the rules of
        :data:`FIELDS`); return ``self`` when all is well."""
        for spec in FIELDS:
            value = getattr(self, spec.name)
            allowed = spec.refusal(value)
            if allowed is not None:
                raise ConfigError(spec.name, value, allowed)
        return self

    def replace(self, **changes: Any) -> RunConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class FieldSpec:
    """One :class:`RunConfig` field: what it holds, what is allowed, how it is asked for.

    ``type`` is ``str``, ``int``, ``float`` or ``bool``; ``optional`` fields also take
    ``None``. ``minimum``/``maximum`` bound numbers (``exclusive_minimum``: the minimum
    itself is refused). ``allowed`` is the fixed "what is allowed" text of a refusal where
    it is not derived from the rule (the texts are keys of engine.i18n's catalog: keep them).
    ``flag``/``metavar``/``help`` make the ``train`` flag; a bool field whose default is
    ``True`` has a ``--no-…`` flag that turns it off. ``cli_choices``: argparse refuses a
    value outside ``choices`` (else the help lists them and :meth:`RunConfig.validate`
    refuses). ``advanced``: the run form shows it in its Advanced section.
    ``widget_maximum``: the top of the form's spin box where the engine sets no maximum.
    """

    name: str
    type: type
    default: Any
    optional: bool
    flag: str
    help: str = ""
    metavar: str | None = None
    choice_source: Sequence[str] | Callable[[], Sequence[str]] = ()
    cli_choices: bool = True
    minimum: int | float | None = None
    maximum: int | float | None = None
    exclusive_minimum: bool = False
    allowed: Message | None = None
    rules: tuple[Callable[[Any], Message | None], ...] = ()
    advanced: bool = False
    widget_maximum: int | None = None

    @property
    def choices(self) -> tuple[str, ...]:
        """The allowed values of a choice field (``()`` for others); read when asked."""
        source = self.choice_source
        return tuple(source() if callable(source) else source)

    @property
    def dest(self) -> str:
        """The attribute of the parsed CLI arguments that holds the flag's value."""
        return self.flag.removeprefix("--").replace("-", "_")

    @property
    def negated(self) -> bool:
        """True for the ``--no-…`` flag of a bool field that is on by default."""
        return self.type is bool and self.default is True

    def refusal(self, value: Any) -> Message | None:
        """What is allowed, when ``value`` is not; ``None`` when it is."""
        if value is None and self.optional:
            return None
        if self.choice_source:
            choices = self.choices
            return None if value in choices else Message(ONE_OF, {"choices": ", ".join(choices)})
        if self.type is bool:
            return None if isinstance(value, bool) else Message(N_("true or false"))
        if self.type is int:
            refused = _int_refusal(value, self.minimum, self.maximum)
        elif self.type is float:
            refused = not _in_range(value, self.minimum, self.maximum, self.exclusive_minimum)
            refused = self.allowed if refused else None
        else:
            refused = None
        for rule in self.rules:
            refused = refused or rule(value)
        return refused


def _int_refusal(value: Any, minimum: Any, maximum: float | None) -> Message | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        return Message(N_("an integer >= {minimum}"), {"minimum": minimum})
    maximum = INT_LIMIT if maximum is None else maximum  # every integer has a top
    if value > maximum:
        return Message(
            N_("an integer from {minimum} to {maximum}"), {"minimum": minimum, "maximum": maximum}
        )
    return None


def _in_range(value: Any, low: float | None, high: float | None, exclusive_low: bool) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return False
    if low is not None and (value <= low if exclusive_low else value < low):
        return False
    return high is None or value <= high


def _device_refusal(value: Any) -> Message | None:
    if not isinstance(value, str) or not _DEVICE_RE.match(value):
        return Message(DEVICE_HELP)
    if len({d.split(":")[0] for d in value.split(",")}) > 1:
        return Message(N_("devices of one kind (all cpu or all gpu)"))
    return None


def _model_names() -> list[str]:
    from engine import models  # the registry, read when the choices are asked for

    return models.names()


def _described(name: str, **description: Any) -> FieldSpec:
    """The description of field ``name``: its type, optional and default from the dataclass."""
    hint = _HINTS[name]
    args = typing.get_args(hint)
    optional = type(None) in args
    base = next(a for a in args if a is not type(None)) if args else hint
    default = _DEFAULTS[name]
    flag = description.pop("flag", "--" + name.replace("_", "-"))
    return FieldSpec(name, base, default, optional, flag, **description)


_HINTS = typing.get_type_hints(RunConfig)
_DEFAULTS = {f.name: f.default for f in dataclasses.fields(RunConfig)}
ONE_OF = N_("one of {choices}")  # the help of a choice field argparse does not check

#: Every RunConfig field, in the dataclass's (and the ``train`` flags') order.
FIELDS: tuple[FieldSpec, ...] = (
    _described("dataset", choice_source=DATASETS, help=N_("the dataset to train on")),
    _described("data_dir", metavar="DIR", help=N_("folder with the dataset files")),
    _described(
        "model",
        choice_source=_model_names,
        metavar="MODEL",
        help=N_("the model to train: {choices}"),
    ),
    _described("epochs", help=N_("passes over the training set"), minimum=1, maximum=100_000),
    _described("batch_size", help=N_("samples per training step"), minimum=1, maximum=65536),
    _described("optimizer", choice_source=OPTIMIZERS, help=N_("the optimizer")),
    _described(
        "learning_rate",
        flag="--lr",
        help=N_("learning rate"),
        minimum=0,
        maximum=10,
        exclusive_minimum=True,
        allowed=Message(N_("a finite number > 0 and <= 10")),
    ),
    _described(
        "dev_fraction",
        help=N_("share of the training set held out as the dev set"),
        minimum=0,
        maximum=0.5,
        exclusive_minimum=True,
        allowed=Message(N_("a number in (0, 0.5]")),
        advanced=True,
    ),
    _described(
        "seed",
        help=N_("random seed (same seed, same data split and initial weights)"),
        minimum=0,
        maximum=2**32 - 1,  # NumPy's seed range
        advanced=True,
    ),
    _described(
        "limit", help=N_("use at most N training samples"), minimum=1, widget_maximum=100_000_000
    ),
    _described("device", help=DEVICE_HELP, rules=(_device_refusal,)),
    _described(
        "lr_schedule", choice_source=LR_SCHEDULES, help=N_("learning-rate schedule"), advanced=True
    ),
    _described(
        "early_stopping",
        metavar="PATIENCE",
        help=N_("stop when --monitor has not improved for PATIENCE epochs (0 = off)"),
        minimum=0,
        widget_maximum=999,
        advanced=True,
    ),
    _described(
        "monitor", choice_source=MONITORS, help=N_("what early stopping watches"), advanced=True
    ),
    _described(
        "target_accuracy",
        help=N_("stop once dev accuracy reaches this"),
        minimum=0,
        maximum=1,
        exclusive_minimum=True,
        allowed=Message(N_("a number in (0, 1], or none")),
        advanced=True,
    ),
    _described(
        "precision", choice_source=PRECISIONS, help=N_("number format of the model"), advanced=True
    ),
    _described("xla", help=N_("compile steps with XLA (slower on CPU)"), advanced=True),
    _described(
        "steps_per_call",
        metavar="K",
        help=N_("training steps per compiled call (0 = auto, about 0.1 s a call)"),
        minimum=0,
        maximum=4096,
        advanced=True,
    ),
    _described(
        "checkpoints",
        flag="--no-checkpoints",
        help=N_("do not checkpoint each epoch"),
        advanced=True,
    ),
    _described(
        "download",
        help=N_("download MNIST/Fashion-MNIST (sha256-verified) if not found locally"),
    ),
)
_BY_NAME = {spec.name: spec for spec in FIELDS}


def field_spec(name: str) -> FieldSpec:
    """The description of RunConfig field ``name`` (``KeyError`` for an unknown name)."""
    return _BY_NAME[name]


def field_names(*, advanced: bool | None = None) -> tuple[str, ...]:
    """RunConfig's field names in order; only the run form's Advanced ones (``True``) or only
    the others (``False``) when asked."""
    return tuple(s.name for s in FIELDS if advanced is None or s.advanced == advanced)
