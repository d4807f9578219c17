"""Runs the window can resume, and a callback that puts a resumed run's earlier epochs back
on the plots (no Qt here).

A run can be resumed when its folder under ``$SUANLI_HOME/runs`` has a ``run.json`` whose
status is not ``finished`` and at least one checkpoint: it was stopped, it failed after an
epoch was saved, or its process ended mid-run ("interrupted": the status still says
``running`` but the process that wrote it is gone).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.events import Callback


@dataclass(frozen=True)
class ResumableRun:
    run_id: str
    started: datetime
    status: str  # "stopped" | "interrupted" | "failed"
    model: str
    dataset: str
    epochs_done: int  # the last saved epoch: resuming starts after it
    epochs_total: int
    config: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def _alive_elsewhere(pid: Any) -> bool:
    """True when ``pid`` is another live process (so its run may still be going)."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    try:
        import psutil

        return psutil.pid_exists(pid)
    except Exception:  # noqa: BLE001 - no answer means "not known to be alive"
        return False


def _started(run_id: str, folder: Path) -> datetime:
    try:  # run ids start with the start time: 20240229-153000-abc123
        return datetime.strptime(run_id[:15], "%Y%m%d-%H%M%S")
    except ValueError:
        try:
            return datetime.fromtimestamp((folder / "run.json").stat().st_mtime)
        except OSError:
            return datetime.fromtimestamp(time.time())


def _dataset_words(config: dict[str, Any]) -> str:
    name = str(config.get("dataset", "?"))
    if name == "folder" and config.get("data_dir"):
        return f"folder {Path(str(config['data_dir'])).name}"
    return name


def resumable_runs(root: Path | None = None) -> list[ResumableRun]:
    """Every run under ``root`` (default ``$SUANLI_HOME/runs``) that can be resumed, newest
    first. Folders that cannot be read are left out."""
    from engine.training.checkpoint import RunFolder, runs_root

    base = root if root is not None else runs_root()
    try:
        names = [p.name for p in base.iterdir() if p.is_dir()]
    except OSError:
        return []
    out: list[ResumableRun] = []
    for name in names:
        try:
            folder = RunFolder(name, root=base)
            if not folder.exists():
                continue
            meta = folder.read_meta()
            status = meta.get("status")
            if status == "finished" or not isinstance(meta.get("config"), dict):
                continue
            if status == "running":
                if _alive_elsewhere(meta.get("pid")):
                    continue  # another process may be training it right now
                status = "interrupted"
            epochs = folder.epochs()
        except (OSError, ValueError):
            continue
        if not epochs:
            continue
        config = meta["config"]
        out.append(
            ResumableRun(
                run_id=name,
                started=_started(name, folder.path),
                status=str(status),
                model=str(config.get("model", "?")),
                dataset=_dataset_words(config),
                epochs_done=epochs[-1],
                epochs_total=int(config.get("epochs") or 0),
                config=config,
                error=meta.get("error"),
            )
        )
    out.sort(key=lambda r: (r.started, r.run_id), reverse=True)
    return out


class EarlierEpochs(Callback):
    """Replays the epochs a resumed run finished before it stopped into ``recorder`` (a
    :class:`gui.runtime.plot_buffers.TrainingRecorder`) as the run begins, on the engine thread, so
    the plots and the epoch table continue from the resumed epoch."""

    def __init__(self, recorder: Any, run_id: str) -> None:
        from engine.training.checkpoint import RunFolder

        self.recorder = recorder
        try:
            self.epochs = list(RunFolder(run_id).read_meta().get("epochs") or [])
        except (OSError, ValueError):
            self.epochs = []

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
