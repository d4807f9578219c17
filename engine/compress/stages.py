"""The lab's training stages: one event stream for a job of several trainings, and the
training arguments every lab stage shares.

The lab is one job to its callbacks: one ``on_run_begin``, one ``on_run_end``, and epochs
and steps numbered on from stage to stage. :class:`StageEvents` does the renumbering and
adds ``"stage"`` to every ``logs``; it is also the callback handed to ``engine.training.run.run``
for the stages that reuse the engine's trainer (it swallows their begin/end), and what
``engine.training.loop.fit`` reports to for the lab's own stages (pruning, distillation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from engine.control import RunControl
from engine.events import Callback, CallbackList
from engine.i18n import N_, _

# The stages as the log lines name them.
STAGE_NAMES = {
    "baseline": N_("baseline"),
    "prune": N_("prune"),
    "teacher": N_("teacher"),
    "distill": N_("distill"),
}


def stage_name(stage: str) -> str:
    """``stage`` (``"prune"``) as a log line names it, in the current language."""
    return _(STAGE_NAMES[stage]) if stage in STAGE_NAMES else stage


class StageEvents(Callback):
    """Forwards one stage's events to the job's callbacks, renumbered."""

    def __init__(
        self,
        target: CallbackList,
        stage: str,
        epoch_offset: int,
        step_offset: int,
        total_epochs: int,
    ) -> None:
        self.target = target
        self.stage = stage
        self.epoch_offset = epoch_offset
        self.step_offset = step_offset
        self.total_epochs = total_epochs

    @property
    def wants_batches(self) -> bool:
        return self.target.wants_batches

    def on_run_begin(self, info: dict[str, Any]) -> None:
        model = info.get("model") or {}
        self.target.on_log(
            "info",
            _("{stage}: training {model} ({parameters} parameters), {epochs} epochs").format(
                stage=stage_name(self.stage),
                model=model.get("registry_name", "?"),
                parameters=f"{model.get('parameters', 0):,}",
                epochs=info.get("epochs"),
            ),
        )

    def on_epoch_begin(self, epoch: int, info: dict[str, Any]) -> None:
        self.target.on_epoch_begin(
            epoch + self.epoch_offset, {**info, "epochs": self.total_epochs, "stage": self.stage}
        )

    def on_batch_end(self, step: int, logs: dict[str, Any]) -> None:
        if self.target.wants_batches:
            self.target.on_batch_end(
                step + self.step_offset,
                {**logs, "epoch": int(logs["epoch"]) + self.epoch_offset, "stage": self.stage},
            )

    def on_epoch_end(self, epoch: int, logs: dict[str, Any]) -> None:
        e = epoch + self.epoch_offset
        self.target.on_epoch_end(e, {**logs, "epoch": e, "stage": self.stage})

    def on_log(self, level: str, message: str) -> None:
        if "engine resume" in message:  # a lab stage keeps no checkpoints to resume from
            head = re.split("[;；]", message, maxsplit=1)[0]
            message = head + ("." if head.isascii() else "。")
        self.target.on_log(
            level, _("{stage}: {message}").format(stage=stage_name(self.stage), message=message)
        )


@dataclass(frozen=True)
class StageTraining:
    """How a lab stage of its own (pruning's fine-tune, distillation) trains: Adam at
    ``learning_rate``, the lab's batches for ``seed``, on one ``device``, reporting to
    ``events`` and honouring ``control``."""

    epochs: int
    batch_size: int
    learning_rate: float
    seed: int
    device: str
    events: StageEvents
    control: RunControl
