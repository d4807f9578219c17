"""Resuming from the window: a callback that puts a resumed run's earlier epochs and batch
curves back on the plots (no Qt here). Which runs can be resumed is the engine's rule:
``engine.jobs.resumable_runs``."""

from __future__ import annotations

from typing import Any

from engine.events import Callback
from engine.jobs import saved_epochs
from engine.reports.run_charts import batch_rates


def stored_batches(run_id: str) -> dict[str, list[Any]]:
    """The batch points the results store keeps of the run ``run_id`` (the engine's run
    id), column by column; ``{}`` when the store does not have them."""
    import sqlite3

    from engine.store.records import StoreError
    from engine.store.store import Store

    try:
        with Store() as store:
            return store.batch_series(store.find_run(run_id))
    except (StoreError, sqlite3.Error, OSError, ValueError):
        return {}


class EarlierEpochs(Callback):
    """Replays the epochs a resumed run finished before it stopped into ``recorder`` (a
    :class:`gui.runtime.plot_buffers.TrainingRecorder`) as the run begins, on the engine thread, so
    the plots and the epoch table continue from the resumed epoch; the per-batch curves of
    those epochs come from the results store (none when it does not have the run)."""

    def __init__(self, recorder: Any, run_id: str) -> None:
        self.recorder = recorder
        self.epochs = saved_epochs(run_id)
        self.batches = stored_batches(run_id)

    def on_run_begin(self, info: dict[str, Any]) -> None:
        start = int(info.get("start_epoch") or 1)
        per_epoch = int(info.get("steps_per_epoch") or 0)
        rec = self.recorder
        last_step = (start - 1) * per_epoch
        b = self.batches
        # the measured rate between stored points, as live (the stored samples_per_s is the
        # epoch-so-far running average): none where it cannot be measured
        rates = dict(
            zip(*batch_rates(b, (info.get("config") or {}).get("batch_size")), strict=True)
        )
        for i, step in enumerate(b.get("step") or ()):
            if step is not None and step <= last_step:
                rec.replay_batch(step, b["loss"][i], b["accuracy"][i], rates.get(step))
        for logs in self.epochs:
            epoch = int(logs.get("epoch", 0))
            if 0 < epoch < start:
                rec.global_step = epoch * per_epoch
                rec.on_epoch_end(epoch, logs)
        rec.global_step = (start - 1) * per_epoch
