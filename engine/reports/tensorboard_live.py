"""TensorBoard events written while a run trains (``train --tensorboard DIR``, the run
form's "Log to TensorBoard" box): a :class:`~engine.events.Callback` on the engine's event
stream, as Keras's ``TensorBoard`` callback is one on ``fit``'s.

The folder layout and tag names are those of ``runs tensorboard``
(:mod:`engine.reports.tensorboard`): ``DIR/run-<id>/train|validation|test|telemetry``;
batch points are kept at most :data:`BATCH_HZ` times a second, every epoch's. The
training thread only appends to a queue (a batch costs a tuple); a background thread
encodes and writes the events every :data:`FLUSH_S` seconds, so ``tensorboard --logdir
DIR`` follows the run as it trains. A logging problem (a full disk, a folder that went
away) ends the logging, never the run: :attr:`LiveTensorBoard.error` says what happened.
"""

from __future__ import annotations

import collections
import logging
import math
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine import metrics as m
from engine.events import Callback
from engine.reports.tb_events import EventFileWriter
from engine.reports.tensorboard import GPU_SERIES, HOST_SERIES, config_markdown, run_folder_name

log = logging.getLogger(__name__)
FLUSH_S = 2.0
# Batch points kept at most this often: encoding an event costs the writer thread about
# 16 us of CPU (bench/tensorboard_live.py), which next to a fast GPU step is not nothing;
# 20 per second is what a curve needs. Epoch events are all kept.
BATCH_HZ = 20.0
_EPOCH_TAGS = (
    ("train", "epoch_loss", m.TRAIN_LOSS),
    ("train", "epoch_accuracy", m.TRAIN_ACCURACY),
    ("train", "epoch_learning_rate", m.LEARNING_RATE),
    ("train", "epoch_samples_per_s", m.SAMPLES_PER_S),
    ("train", "epoch_seconds", m.SECONDS),
    ("validation", "epoch_loss", m.DEV_LOSS),
    ("validation", "epoch_accuracy", m.DEV_ACCURACY),
)


class LiveTensorBoard(Callback):
    """Writes a run's events under ``logdir`` as it trains.

    ``run_id``: called when the run begins for the store's id of the run (the folder is
    ``run-<id>``); ``None`` (or a store that could not record the run) names the folder
    by the start time instead.
    """

    def __init__(
        self,
        logdir: str | os.PathLike[str],
        run_id: Callable[[], int | None] | None = None,
        flush_s: float = FLUSH_S,
        batch_hz: float | None = BATCH_HZ,
    ) -> None:
        self.logdir = Path(logdir)
        self._run_id = run_id
        self._flush_s = flush_s
        self._batch_gap = 1.0 / batch_hz if batch_hz else 0.0
        self._batch_at = -math.inf
        self.folder: Path | None = None
        self.error: str | None = None
        self._queue: collections.deque[tuple[str, str, int, float, float]] = collections.deque()
        self._writers: dict[str, EventFileWriter] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_step = 0
        self._epoch = 1
        self._samples = 0

    # ------------------------------------------------------------------ hooks

    def on_run_begin(self, info: dict[str, Any]) -> None:
        run_id = self._run_id() if self._run_id is not None else None
        name = run_folder_name(run_id) if run_id is not None else time.strftime("run-%Y%m%d-%H%M%S")
        self.folder = self.logdir / name
        self._guard(self._write_config, info.get("config") or {})
        self._thread = threading.Thread(target=self._loop, name="tensorboard-live", daemon=True)
        self._thread.start()

    def on_batch_end(self, step: int, logs: dict[str, float]) -> None:
        self._last_step = step
        now = time.time()
        if now - self._batch_at < self._batch_gap:
            return
        self._batch_at = now
        put = self._queue.append
        put(("train", "batch_loss", step, logs.get(m.LOSS), now))
        put(("train", "batch_accuracy", step, logs.get(m.ACCURACY), now))
        put(("train", "batch_samples_per_s_epoch_so_far", step, logs.get(m.SAMPLES_PER_S), now))

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        now = time.time()
        for sub, tag, key in _EPOCH_TAGS:
            self._queue.append((sub, tag, epoch - 1, logs.get(key), now))
        for tag, key in (("loss", m.DEV_LOSS), ("accuracy", m.DEV_ACCURACY)):
            self._queue.append(
                (
                    "validation",
                    f"evaluation_{tag}_vs_iterations",
                    self._last_step,
                    logs.get(key),
                    now,
                )
            )
        self._epoch = epoch

    def on_device_sample(self, snapshot: Any) -> None:
        data = snapshot.to_dict() if hasattr(snapshot, "to_dict") else dict(snapshot)
        wall = data.get("timestamp") or time.time()
        host = data.get("host") or {}
        host = host.to_dict() if hasattr(host, "to_dict") else host
        i, self._samples = self._samples, self._samples + 1
        for key in HOST_SERIES:
            self._queue.append(("telemetry", f"host/{key}", i, host.get(key), wall))
        for gpu in data.get("gpus") or []:
            gpu = gpu.to_dict() if hasattr(gpu, "to_dict") else gpu
            for key in GPU_SERIES:
                tag = f"gpu{gpu.get('index', 0)}/{key}"
                self._queue.append(("telemetry", tag, i, gpu.get(key), wall))

    def on_run_end(self, result: Any) -> None:
        test = (
            result.get("test") if isinstance(result, dict) else getattr(result, "test", None)
        ) or {}
        step = self._epoch - 1
        now = time.time()
        self._queue.append(("test", "epoch_loss", step, test.get("loss"), now))
        self._queue.append(("test", "epoch_accuracy", step, test.get("accuracy"), now))
        self.close()

    # ------------------------------------------------------------------ writing

    def close(self) -> None:
        """Write what is queued and close the files (the run's end calls it)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=30)
        self._drain()
        for writer in self._writers.values():
            self._guard(writer.close)

    def _loop(self) -> None:
        while not self._stop.wait(self._flush_s):
            self._drain()

    def _drain(self) -> None:
        if self.error is not None or self.folder is None:  # failed, or the run never began
            self._queue.clear()
            return
        touched = set()
        while self._queue:
            try:
                sub, tag, step, value, wall = self._queue.popleft()
            except IndexError:  # the other thread took the last one
                break
            if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
                continue
            writer = self._guard(self._writer, sub)
            if (
                writer is False
                or self._guard(writer.scalar, tag, float(value), step, wall) is False
            ):
                return
            touched.add(writer)
        for writer in touched:
            self._guard(writer.flush)

    def _write_config(self, config: dict[str, Any]) -> None:
        self._writer("train").text("config", config_markdown(config), 0, time.time())
        self._writer("train").flush()

    def _writer(self, sub: str) -> EventFileWriter:
        writer = self._writers.get(sub)
        if writer is None:
            assert self.folder is not None
            writer = self._writers[sub] = EventFileWriter(self.folder / sub)
        return writer

    def _guard(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self.error is not None:
            return False
        try:
            out = fn(*args)
            return True if out is None else out
        except (OSError, ValueError) as exc:
            self.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            log.warning("TensorBoard logging stopped: %s", self.error)
            self._queue.clear()
            return False
