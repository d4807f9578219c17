"""Resuming from the window: a callback that puts a resumed run's earlier epochs back on
the plots (no Qt here). Which runs can be resumed is the engine's rule:
``engine.jobs.resumable_runs``."""

from __future__ import annotations

from typing import Any

from engine.events import Callback
from engine.jobs import saved_epochs


class EarlierEpochs(Callback):
    """Replays the epochs a resumed run finished before it stopped into ``recorder`` (a
    :class:`gui.runtime.plot_buffers.TrainingRecorder`) as the run begins, on the engine thread, so
    the plots and the epoch table continue from the resumed epoch."""

    def __init__(self, recorder: Any, run_id: str) -> None:
        self.recorder = recorder
        self.epochs = saved_epochs(run_id)

    def on_run_begin(self, info: dict[str, Any]) -> None:
        start = int(info.get("start_epoch") or 1)
        per_epoch = int(info.get("steps_per_epoch") or 0)
        rec = self.recorder
        for logs in self.epochs:
            epoch = int(logs.get("epoch", 0))
            if 0 < epoch < start:
                rec.global_step = epoch * per_epoch
                rec.on_epoch_end(epoch, logs)
        rec.global_step = (start - 1) * per_epoch
