"""THE epoch loop: the one training and the compression lab (pruning fine-tune,
distillation) both run.

What differs between them comes in as parameters: the compiled ``step`` (a plain
train step, one that re-applies pruning masks, one with a distillation loss), a hook
before each step (pruning's mask updates), extra values per epoch (sparsity), the
learning rate to report, a checkpoint after each epoch and a stopping rule.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from engine import metrics as m
from engine.control import RunControl


class EnergyWindows(Protocol):
    """What the loop measures energy with (``engine.scoring.energy.EnergyMeter``)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def lap(self) -> Any: ...


class LoopEvents(Protocol):
    """What the loop reports to: a ``CallbackList`` or the lab's ``StageEvents``."""

    @property
    def wants_batches(self) -> bool: ...

    def on_epoch_begin(self, epoch: int, info: dict[str, Any]) -> None: ...

    def on_batch_end(self, step: int, logs: dict[str, Any]) -> None: ...

    def on_epoch_end(self, epoch: int, logs: dict[str, Any]) -> None: ...


@dataclass
class FitResult:
    """How far a loop got. ``steps`` is the global step count (it starts at the loop's
    ``first_step``); ``samples_seen`` and ``seconds`` count this loop's epochs only.
    ``steps``, ``samples_seen`` and ``seconds`` are brought up to date at the end of each
    epoch's batches, so a loop that fails keeps what its finished epochs did."""

    status: str = "finished"  # "finished" | "stopped"
    steps: int = 0
    samples_seen: int = 0
    seconds: float = 0.0
    epochs: list[dict[str, Any]] = field(default_factory=list)


def fit(
    *,
    epochs: int,
    steps_per_epoch: int,
    batches: Callable[[int], Iterable[tuple]],
    step: Callable[..., Any],
    dev: Callable[[], tuple[float, float]],
    events: LoopEvents,
    control: RunControl,
    start_epoch: int = 1,
    first_step: int = 0,
    out: FitResult | None = None,
    before_step: Callable[[int], None] | None = None,
    learning_rate: Callable[[], float] | None = None,
    epoch_extras: Callable[[], dict[str, Any]] | None = None,
    checkpoint: Callable[[int], None] | None = None,
    end_early: Callable[[int, dict[str, Any]], bool] | None = None,
    energy: EnergyWindows | None = None,
) -> FitResult:
    """Train epochs ``start_epoch`` to ``epochs``.

    ``batches(epoch)`` yields the epoch's calls; ``step(*batch)`` trains on one and
    returns ``[mean loss, correct count, batch size]``, or one such row per step when a
    call runs several (``engine.training.calls``): each row reaches ``on_batch_end`` as
    its own batch. ``dev()`` gives ``(loss, accuracy)`` on the dev split after each epoch.
    ``before_step(global_step)`` (the count of steps done) runs before each call. Each epoch's logs (``learning_rate()``
    and ``epoch_extras()`` added) are appended to ``out.epochs``; then ``checkpoint(epoch)``
    runs, then ``events.on_epoch_end``, then ``end_early(epoch, logs)``: True ends the
    loop (a stopping rule; the status stays ``finished``). Stop and pause are honoured
    between calls: stop answers within one call; pause blocks until resumed.
    ``energy`` is started and stopped around the steps only (pauses, the dev pass and
    checkpoints are outside its windows); each epoch's ``lap().joules`` is its ``energy_j``.
    """
    out = out if out is not None else FitResult()
    out.steps = global_step = first_step
    wants_batches = events.wants_batches
    for epoch in range(start_epoch, epochs + 1):
        events.on_epoch_begin(epoch, {"steps": steps_per_epoch, "epochs": epochs})
        loss_sum = correct = 0.0
        seen = 0
        paused_s = 0.0
        t0 = time.perf_counter()
        if energy is not None:
            energy.start()
        step_in_epoch = 0
        called = 0.0  # the epoch's seconds when the previous call ended
        for batch in batches(epoch):
            if control.stop_requested or control.paused:
                tp = time.perf_counter()
                if energy is not None:
                    energy.stop()
                go_on = control.wait_if_paused()
                while go_on and control.paused:
                    go_on = control.wait_if_paused(0.5)
                paused_s += time.perf_counter() - tp
                if not go_on:
                    out.status = "stopped"
                    break
                if energy is not None:
                    energy.start()
            if before_step is not None:
                before_step(global_step)
            rows = np.asarray(step(*batch), dtype=np.float64).reshape(-1, 3)
            now = time.perf_counter() - t0 - paused_s
            k = len(rows)
            for i, (loss, corr, size) in enumerate(rows.tolist()):
                # a call's seconds shared evenly by its k steps, so each batch's time (and
                # the rate plotted from it) is its own, not the whole call's
                elapsed = called + (now - called) * (i + 1) / k
                n = int(size)
                loss_sum += loss * n
                correct += corr
                seen += n
                global_step += 1
                step_in_epoch += 1
                if wants_batches:
                    events.on_batch_end(
                        global_step,
                        {
                            m.LOSS: loss,
                            m.ACCURACY: corr / n,
                            "size": n,
                            "epoch": epoch,
                            "epoch_step": step_in_epoch,
                            "epoch_steps": steps_per_epoch,
                            "epoch_seconds": elapsed,
                            m.SAMPLES_PER_S: seen / elapsed if elapsed > 0 else 0.0,
                        },
                    )
            called = now
        if energy is not None:
            energy.stop()
        seconds = time.perf_counter() - t0 - paused_s
        out.seconds += seconds
        out.steps = global_step
        out.samples_seen += seen
        if out.status == "stopped":
            break
        dev_loss, dev_acc = dev()
        logs: dict[str, Any] = {
            m.EPOCH: epoch,
            m.TRAIN_LOSS: loss_sum / max(seen, 1),
            m.TRAIN_ACCURACY: correct / max(seen, 1),
            m.DEV_LOSS: dev_loss,
            m.DEV_ACCURACY: dev_acc,
        }
        if learning_rate is not None:
            logs[m.LEARNING_RATE] = learning_rate()
        logs[m.SAMPLES_PER_S] = seen / seconds if seconds > 0 else 0.0
        logs[m.SECONDS] = seconds
        if energy is not None:
            logs[m.ENERGY_J] = energy.lap().joules
        if epoch_extras is not None:
            logs.update(epoch_extras())
        out.epochs.append(logs)
        if checkpoint is not None:
            checkpoint(epoch)
        events.on_epoch_end(epoch, dict(logs))
        if end_early is not None and end_early(epoch, logs):
            break
        if control.stop_requested and epoch < epochs:
            out.status = "stopped"
            break
    return out
