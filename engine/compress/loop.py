"""One event stream for a job of several trainings, and the epoch loop of the lab's own
trainings (pruning fine-tune, distillation).

The lab is one job to its callbacks: one ``on_run_begin``, one ``on_run_end``, and epochs
and steps numbered on from stage to stage. :class:`StageEvents` does the renumbering and
adds ``"stage"`` to every ``logs``; it is also the callback handed to ``engine.training.run.run``
for the stages that reuse the engine's trainer (it swallows their begin/end).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.control import RunControl
from engine.events import Callback, CallbackList
from engine.i18n import _


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

    def on_run_begin(self, info: dict[str, Any]) -> None:
        model = info.get("model") or {}
        self.target.on_log(
            "info",
            _("{stage}: training {model} ({parameters} parameters), {epochs} epochs").format(
                stage=self._stage_name(),
                model=model.get("registry_name", "?"),
                parameters=f"{model.get('parameters', 0):,}",
                epochs=info.get("epochs"),
            ),
        )

    def _stage_name(self) -> str:
        from engine.compress.lab import stage_name  # lab imports this module

        return stage_name(self.stage)

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
            level, _("{stage}: {message}").format(stage=self._stage_name(), message=message)
        )


@dataclass
class FitResult:
    status: str  # "finished" | "stopped"
    steps: int = 0
    samples_seen: int = 0
    seconds: float = 0.0
    epochs: list[dict[str, Any]] = field(default_factory=list)


def fit(
    *,
    epochs: int,
    batches: Callable[[int], Iterable[tuple]],
    step: Callable[..., Any],
    dev: Callable[[], tuple[float, float]],
    events: StageEvents,
    control: RunControl,
    before_step: Callable[[int], None] | None = None,
    epoch_extras: Callable[[], dict[str, Any]] | None = None,
    steps_per_epoch: int,
) -> FitResult:
    """The engine's epoch loop for a custom ``step``.

    ``batches(epoch)`` yields batch tuples whose first element has the batch size as
    its first dimension; ``step(*batch)`` returns ``[loss, correct]``;
    ``before_step(global_step)`` (0-based) runs before each step; ``dev()`` gives
    ``(loss, accuracy)`` on the dev split after each epoch. Stop and pause are honoured
    between batches, as in ``engine.training.run``.
    """
    out = FitResult(status="finished")
    wants_batches = events.target.wants_batches
    for epoch in range(1, epochs + 1):
        events.on_epoch_begin(epoch, {"steps": steps_per_epoch, "epochs": epochs})
        loss_sum = correct = 0.0
        seen = 0
        paused_s = 0.0
        t0 = time.perf_counter()
        for i, batch in enumerate(batches(epoch), start=1):
            if control.stop_requested or control.paused:
                tp = time.perf_counter()
                go_on = control.wait_if_paused()
                while go_on and control.paused:
                    go_on = control.wait_if_paused(0.5)
                paused_s += time.perf_counter() - tp
                if not go_on:
                    out.status = "stopped"
                    break
            if before_step is not None:
                before_step(out.steps)
            res = np.asarray(step(*batch))
            n = int(batch[0].shape[0])
            loss, corr = float(res[0]), float(res[1])
            loss_sum += loss * n
            correct += corr
            seen += n
            out.steps += 1
            if wants_batches:
                elapsed = time.perf_counter() - t0 - paused_s
                events.on_batch_end(
                    out.steps,
                    {
                        "loss": loss,
                        "accuracy": corr / n,
                        "size": n,
                        "epoch": epoch,
                        "epoch_step": i,
                        "epoch_steps": steps_per_epoch,
                        "epoch_seconds": elapsed,
                        "samples_per_s": seen / elapsed if elapsed > 0 else 0.0,
                    },
                )
        seconds = time.perf_counter() - t0 - paused_s
        out.seconds += seconds
        out.samples_seen += seen
        if out.status == "stopped":
            break
        dev_loss, dev_acc = dev()
        logs = {
            "epoch": epoch,
            "train_loss": loss_sum / max(seen, 1),
            "train_accuracy": correct / max(seen, 1),
            "dev_loss": dev_loss,
            "dev_accuracy": dev_acc,
            "samples_per_s": seen / seconds if seconds > 0 else 0.0,
            "seconds": seconds,
            **(epoch_extras() if epoch_extras else {}),
        }
        out.epochs.append(logs)
        events.on_epoch_end(epoch, dict(logs))
        if control.stop_requested and epoch < epochs:
            out.status = "stopped"
            break
    return out
