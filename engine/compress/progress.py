"""Where the compression lab stands, kept by an engine callback.

:class:`LabProgress` listens to :func:`engine.compress.run_compression` (on the worker
thread) and keeps the stage, epoch and step, and how many variants are measured, for a
front end to read a few times a second: :meth:`LabProgress.fraction` is the share done,
:meth:`LabProgress.stage_number` and :meth:`LabProgress.stage_epoch` say where in the
stages it is. Each measured variant's row goes on to ``on_row``. No words here: each
front end says the state in its own language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.compress.config import VARIANTS
from engine.events import Callback


class LabProgress(Callback):
    """Engine callback: the lab's stage, epoch and step; each measured row to ``on_row``
    (in the window a Qt signal's ``emit``, so the row crosses to the GUI thread queued)."""

    def __init__(self, on_row: Callable[[dict], None], variants: int = len(VARIANTS)) -> None:
        self._on_row = on_row
        self.variants = variants
        self.stages: list[tuple[str, int]] = []
        self.total_epochs = 0
        self.stage = ""
        self.epoch = 0  # numbered through the stages, as the engine reports them
        self.epochs_done = 0
        self.step = 0
        self.steps = 0
        self.training = False
        self.rows = 0

    def on_run_begin(self, info: dict[str, Any]) -> None:
        self.stages = [(str(s), int(n)) for s, n in info.get("stages") or []]
        self.total_epochs = int(info.get("epochs") or sum(n for _, n in self.stages))

    def on_epoch_begin(self, epoch: int, info: dict[str, Any]) -> None:
        self.stage = str(info.get("stage", self.stage))
        self.steps = int(info.get("steps") or 0)
        self.step = 0
        self.epoch = epoch
        self.training = True

    def on_batch_end(self, step: int, logs: dict[str, Any]) -> None:
        self.step = int(logs.get("epoch_step", self.step + 1))
        self.steps = int(logs.get("epoch_steps", self.steps))

    def on_epoch_end(self, epoch: int, logs: dict[str, Any]) -> None:
        self.epochs_done = epoch
        first, planned = self.stage_span(self.stage)
        if epoch >= first + planned - 1:
            self.training = False

    def on_variant(self, row: dict[str, Any]) -> None:  # the lab's own hook
        self.rows += 1
        self._on_row(row)

    def stage_span(self, stage: str) -> tuple[int, int]:
        """(first epoch number, planned epochs) of ``stage`` in the lab's numbering."""
        first = 1
        for name, n in self.stages:
            if name == stage:
                return first, n
            first += n
        return first, 0

    def stage_number(self) -> int:
        """The current stage's place among the stages, from 1; 0 when it is not one of them."""
        names = [s for s, _ in self.stages]
        return names.index(self.stage) + 1 if self.stage in names else 0

    def stage_epoch(self) -> tuple[int, int]:
        """(epoch within the current stage, from 1; the stage's planned epochs)."""
        first, planned = self.stage_span(self.stage)
        return self.epoch - first + 1, planned

    def fraction(self) -> float:
        """Share of the lab done: training epochs and measured variants count alike."""
        total = self.total_epochs + self.variants
        if total <= 0:
            return 0.0
        done = self.epochs_done + self.rows
        if self.training and self.steps > 0 and self.epoch > self.epochs_done:
            done += min(self.step, self.steps) / self.steps
        return max(0.0, min(1.0, done / total))
