""":class:`StoreWriter`: the callback that records a run in the results store as it goes.

Writes are incremental and crash-safe: the run row is committed when the run begins, then
each epoch -- its metrics, and the batch points and device samples buffered in memory
during it -- is committed in one transaction when it ends. A process killed mid-epoch
loses only the epoch in progress; the run is marked ``interrupted`` the next time a
store is opened.

Per-batch points and device samples are kept to a bounded number per run by
:class:`Decimator`: it keeps every ``stride``-th point and doubles the stride (dropping
every other kept point) whenever the budget is exceeded.

A store failure never stops training: the writer logs one warning, keeps the message in
:attr:`StoreWriter.error` and stops writing.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from engine.events import Callback
from engine.store.records import dumps, finite_or_none
from engine.store.schema import STATUSES
from engine.store.store import Store

log = logging.getLogger(__name__)

MAX_BATCH_POINTS = 4096
MAX_DEVICE_SAMPLES = 1024


class Decimator:
    """Keeps at most ``max_points`` of a stream: points whose index is a multiple of
    ``stride``, where ``stride`` doubles whenever one more point would not fit.

    ``stride`` and ``next_index`` continue a stream stored earlier (a resumed run).
    """

    def __init__(self, max_points: int, stride: int = 1, next_index: int = 0) -> None:
        if max_points < 2:
            raise ValueError("max_points must be at least 2")
        self.max_points = max_points
        self.stride = max(1, stride)
        self.total = max(0, next_index)  # index of the next point

    @property
    def kept(self) -> int:
        """How many of the points offered so far are kept at the current stride."""
        return (self.total - 1) // self.stride + 1 if self.total else 0

    def offer(self) -> tuple[int, bool, bool]:
        """Account for the next point: ``(index, keep it, stride changed)``."""
        index = self.total
        self.total += 1
        changed = False
        while self.kept > self.max_points:
            self.stride *= 2
            changed = True
        return index, index % self.stride == 0, changed


class _Series:
    """A decimated stream with the points not yet written to the store."""

    def __init__(self, max_points: int) -> None:
        self.decimator = Decimator(max_points)
        self.pending: list[tuple] = []
        self.prune = False  # the stride grew since the last write

    def add(self, make_row: Any) -> None:
        index, keep, changed = self.decimator.offer()
        if changed:
            stride = self.decimator.stride
            self.pending = [p for p in self.pending if p[0] % stride == 0]
            self.prune = True
        if keep:
            self.pending.append(make_row(index))

    def take(self) -> tuple[list[tuple], int, bool]:
        rows, prune = self.pending, self.prune
        self.pending, self.prune = [], False
        return rows, self.decimator.stride, prune

    def continue_from(self, stride: int, next_index: int) -> None:
        """Carry on a stored series; points buffered so far get new indexes after it."""
        rows = self.pending
        self.decimator = Decimator(self.decimator.max_points, stride, next_index)
        self.pending, self.prune = [], False
        for row in rows:
            self.add(lambda i, row=row: (i, *row[1:]))


class StoreWriter(Callback):
    """Records one run in the results store.

    ``store``: an open :class:`Store`, or ``None`` to open the default store
    (``$SUANLI_HOME/suanli.db``) on the thread that runs the job, when the run begins.
    ``environment``: the run's ``environment_fingerprint()``; ``None`` collects it when
    the run begins (pass ``{}`` to skip). ``kind`` is ``"train"`` or ``"bench"``.
    After the run, :attr:`run_id` is the run's id in the store.
    """

    def __init__(
        self,
        store: Store | None = None,
        *,
        name: str = "",
        tags: Iterable[str] = (),
        kind: str = "train",
        environment: Mapping[str, Any] | None = None,
        max_batch_points: int = MAX_BATCH_POINTS,
        max_device_samples: int = MAX_DEVICE_SAMPLES,
    ) -> None:
        self.store = store
        self._own_store = store is None
        self.name = name
        self.tags = list(tags)
        self.kind = kind
        self.environment = environment
        self.run_id: int | None = None
        self.error: str | None = None
        self._batches = _Series(max_batch_points)
        self._samples = _Series(max_device_samples)
        self._samples_lock = threading.Lock()  # samples arrive on the sampler thread
        self._t0 = time.monotonic()
        self._ended = False
        self._last_step: int | None = None

    # ------------------------------------------------------------------ hooks

    def on_run_begin(self, info: dict[str, Any]) -> None:
        self._t0 = time.monotonic()
        self._guard(self._begin, info)

    def on_batch_end(self, step: int, logs: dict[str, float]) -> None:
        if self.error is not None:
            return
        elapsed = time.monotonic() - self._t0
        self._last_step = step
        self._batches.add(
            lambda i: (
                i,
                int(step),
                logs.get("epoch"),
                finite_or_none(logs.get("loss")),
                finite_or_none(logs.get("accuracy")),
                finite_or_none(logs.get("samples_per_s")),
                elapsed,
            )
        )

    def on_device_sample(self, snapshot: Any) -> None:
        if self.error is not None or self._ended:
            return
        data = snapshot.to_dict() if hasattr(snapshot, "to_dict") else dict(snapshot)
        with self._samples_lock:
            self._samples.add(lambda i: (i, finite_or_none(data.get("timestamp")), dumps(data)))

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        self._guard(self._epoch, epoch, logs)

    def on_score(self, card: dict[str, Any]) -> None:
        self._guard(self._score, card)

    def on_run_end(self, result: Any) -> None:
        self._guard(self._end, result)
        self._ended = True
        if self.store is None:
            return
        if self._own_store:
            self.store.close()
        else:  # the job's thread is done with a shared store: release its connection
            self.store.close_thread()

    # ------------------------------------------------------------------ work

    def _guard(self, fn: Any, *args: Any) -> None:
        if self.error is not None:
            return
        try:
            fn(*args)
        except Exception as exc:  # the store must never stop a run
            self.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            log.warning("the run is no longer being recorded in the results store: %s", self.error)

    def _open(self) -> Store:
        if self.store is None:
            self.store = Store()
        return self.store

    def _begin(self, info: dict[str, Any]) -> None:
        store = self._open()
        config = dict(info.get("config") or {})
        run_info = {k: v for k, v in info.items() if k != "config"}
        env = self.environment
        if env is None:
            env = _collect_environment()
        start_epoch = info.get("start_epoch")
        self.run_id = store.begin_run(
            uid=str(info.get("run_id") or uuid.uuid4().hex),
            kind=self.kind,
            name=self.name,
            config=config,
            info=run_info,
            environment=env or None,
            started_at=time.time(),
            tags=self.tags,
            start_epoch=start_epoch if isinstance(start_epoch, int) else 1,
        )
        state = store.series_state(self.run_id)
        if state["next_batch"] or state["next_sample"]:  # a resumed run: continue its series
            self._batches.continue_from(state["batch_stride"], state["next_batch"])
            with self._samples_lock:
                self._samples.continue_from(state["sample_stride"], state["next_sample"])

    def _take_samples(self) -> tuple[list[tuple], int, bool]:
        with self._samples_lock:
            return self._samples.take()

    def _epoch(self, epoch: int, logs: dict[str, Any]) -> None:
        if self.run_id is None:
            return
        batches, b_stride, b_prune = self._batches.take()
        samples, s_stride, s_prune = self._take_samples()
        self._open().write_epoch(
            self.run_id,
            epoch,
            logs,
            time.time(),
            batches,
            b_stride,
            b_prune,
            samples,
            s_stride,
            s_prune,
            self._last_step,
        )

    def _score(self, card: Any) -> None:
        if self.run_id is None:
            return
        doc = card.to_dict() if hasattr(card, "to_dict") else card
        if not isinstance(doc, dict) or "schema" not in doc:
            return  # a single sub-score on its way; the whole card comes later
        from engine.store.cards import store_card

        try:
            store_card(self._open(), doc, run_id=self.run_id, origin="local")
        except ValueError as exc:  # CardError: a partial or malformed card is not stored
            log.warning("score card not stored with run %s: %s", self.run_id, exc)

    def _end(self, result: Any) -> None:
        data = result.to_dict() if hasattr(result, "to_dict") else dict(result)
        if self.run_id is None:  # failed before on_run_begin: recorded under its own id
            self._begin(
                {
                    "config": data.get("config") or {},
                    "run_id": data.get("run_id"),
                    **(data.get("info") or {}),
                }
            )
        assert self.run_id is not None
        batches, b_stride, b_prune = self._batches.take()
        samples, s_stride, s_prune = self._take_samples()
        self._open().end_run(
            self.run_id,
            status=str(data.get("status")),
            ended_at=time.time(),
            result=data,
            batches=batches,
            batch_stride=b_stride,
            prune_batches=b_prune,
            samples=samples,
            sample_stride=s_stride,
            prune_samples=s_prune,
        )


def record_card(
    card: Mapping[str, Any] | Any,
    *,
    store: Store | None = None,
    kind: str = "bench",
    name: str = "",
    tags: Iterable[str] = (),
    samples: Iterable[Any] = (),
) -> int:
    """Record a finished job that produced only a score card (``python -m engine bench``)
    as a run holding that card and the device ``samples`` (snapshots) taken meanwhile,
    kept to :data:`MAX_DEVICE_SAMPLES` like a training run's; returns the run's id. Raises
    ``CardError`` for a card that does not validate and ``StoreError`` if the store cannot
    be written."""
    from engine.cards.card import card_from_dict
    from engine.store.cards import store_card

    doc = card.to_dict() if hasattr(card, "to_dict") else dict(card)
    checked = card_from_dict(json.loads(json.dumps(doc, allow_nan=False)))
    extra = checked.extra
    status = extra.get("status") if extra.get("status") in STATUSES else "finished"
    seconds = finite_or_none(extra.get("suite_seconds"))
    series = _Series(MAX_DEVICE_SAMPLES)
    for snapshot in samples:
        data = snapshot.to_dict() if hasattr(snapshot, "to_dict") else dict(snapshot)
        series.add(lambda i, d=data: (i, finite_or_none(d.get("timestamp")), dumps(d)))
    rows, stride, _prune = series.take()
    now = time.time()
    own = store is None
    store = store or Store()
    try:
        run_id = store.begin_run(
            uid=uuid.uuid4().hex,
            kind=kind,
            name=name,
            config=checked.config,
            info={"device": extra.get("device"), "suite_version": checked.suite_version},
            environment=checked.environment,
            started_at=now - (seconds or 0.0),
            tags=tags,
        )
        store.end_run(
            run_id,
            status=status,
            ended_at=now,
            result={
                "status": status,
                "wall_seconds": seconds,
                "samples_per_s": checked.values().get("train_samples_per_s"),
            },
            batches=(),
            batch_stride=1,
            prune_batches=False,
            samples=rows,
            sample_stride=stride,
            prune_samples=False,
        )
        store_card(store, checked, run_id=run_id, origin="local")
    finally:
        if own:
            store.close()
    return run_id


def _collect_environment() -> dict[str, Any]:
    try:
        from engine.telemetry.inventory import environment_fingerprint, inventory

        inv = inventory(include_tensorflow=True)
        env = environment_fingerprint(inv)
        env["gpu_links"] = inv.get("gpu_links")  # how History numbers the run's GPUs
        return env
    except Exception as exc:  # NVML or TensorFlow trouble must not stop the run
        log.info("environment fingerprint not available: %s", exc)
        return {}


__all__ = ["Decimator", "StoreWriter", "record_card"]
