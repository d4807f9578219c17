"""The jobs: what a button in the window and a command on the command line both run.

Each job takes its input (a config, a run id), the caller's callbacks and a
:class:`~engine.control.RunControl`, and wires what every run gets whoever started it:
the run recorded in the results store (a :class:`~engine.store.writer.StoreWriter`
after the caller's callbacks), a benchmark's card kept as a run, device telemetry kept
with the run, and one rule for which runs can be resumed. What a job has to tell
besides the run's own events (the store failed, telemetry did not start, the card was
recorded) goes to a :class:`JobNotes`, which each front end words in its language.

TensorFlow and the heavy engine packages are imported when a job runs, not with this
module: the window imports it at start.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.config import RunConfig
from engine.control import RunControl
from engine.events import Callback, CallbackList

if TYPE_CHECKING:
    from engine.compress.config import CompressConfig
    from engine.data import Dataset
    from engine.store.store import Store
    from engine.store.writer import StoreWriter
    from engine.training.run import RunResult

# Device telemetry of a job that samples its own (``python -m engine train``): the window's
# rate, so a run's stored timeline looks the same wherever it was started.
TELEMETRY_HZ = 2.0
TELEMETRY_STOP_S = 5.0

Callbacks = Callback | list[Callback] | None


class JobNotes:
    """What a job tells its caller besides the run's events; each front end words these
    (the command line on stderr, the window in its log). The hooks do nothing here."""

    def store_error(self, error: str) -> None:
        """The run stopped being recorded in the results store (said once per run)."""

    def telemetry_failed(self, error: str) -> None:
        """Device telemetry could not start; the run goes on without it."""

    def telemetry_not_stopped(self, seconds: float) -> None:
        """The telemetry sampler did not stop within ``seconds``."""

    def card_recorded(self, run_id: int) -> None:
        """A benchmark's score card was kept in the results store as run ``run_id``."""

    def card_not_stored(self, error: Exception) -> None:
        """A benchmark's score card could not be stored; it is still the job's result."""


def callback_list(callbacks: Callbacks) -> CallbackList:
    """``callbacks`` as a :class:`CallbackList` (the same one when it is one)."""
    if isinstance(callbacks, CallbackList):
        return callbacks
    return CallbackList([callbacks] if isinstance(callbacks, Callback) else callbacks)


# --------------------------------------------------------------------------- recording


class StoreWatch(Callback):
    """Placed after a :class:`~engine.store.writer.StoreWriter`: tells ``notes`` once when
    the run stops being recorded (the writer itself only logs to ``logging``)."""

    def __init__(self, writer: StoreWriter, notes: JobNotes) -> None:
        self.writer = writer
        self.notes = notes
        self.said = False

    def _check(self) -> None:
        if self.writer.error is not None and not self.said:
            self.said = True
            self.notes.store_error(self.writer.error)

    def on_run_begin(self, info: dict[str, Any]) -> None:
        self._check()

    def on_epoch_end(self, epoch: int, logs: dict[str, Any]) -> None:
        self._check()

    def on_run_end(self, result: Any) -> None:
        self._check()


def recorded(
    callbacks: Callbacks,
    notes: JobNotes | None = None,
    *,
    store: Store | None = None,
    kind: str = "train",
    name: str = "",
) -> CallbackList:
    """``callbacks`` (the same list, when it is a ``CallbackList``) with a ``StoreWriter``
    appended: ``store``, or the default store opened on the job's thread. With ``notes``,
    a store problem is told to ``notes.store_error`` once; it never stops the run."""
    return _recording(callbacks, notes, store=store, kind=kind, name=name)[0]


def _recording(
    callbacks: Callbacks, notes: JobNotes | None, **writer_options: Any
) -> tuple[CallbackList, StoreWriter]:
    from engine.store.writer import StoreWriter

    cbs = callback_list(callbacks)
    writer = StoreWriter(writer_options.pop("store", None), **writer_options)
    cbs.append(writer)
    if notes is not None:
        cbs.append(StoreWatch(writer, notes))
    return cbs, writer


def live_tensorboard(
    cbs: CallbackList, writer: StoreWriter, logdir: str | os.PathLike[str] | None
) -> CallbackList:
    """``cbs`` with a :class:`LiveTensorBoard` writing under ``logdir`` (after the store's
    writer, so the events' folder is named for the run's id); as it is for ``None``."""
    if logdir is not None:
        from engine.reports.tensorboard_live import LiveTensorBoard

        cbs.append(LiveTensorBoard(logdir, run_id=lambda: writer.run_id))
    return cbs


@contextmanager
def sampling(callbacks: CallbackList, notes: JobNotes | None, on: bool = True) -> Iterator[None]:
    """Device telemetry to ``callbacks`` (the run's StoreWriter keeps it) for as long as
    the block lasts, stopped however it ends. One snapshot is taken at once, so even the
    shortest run keeps one. A job never fails for want of telemetry."""
    notes = notes or JobNotes()
    sampler = None
    if on:
        try:
            from engine.telemetry import TelemetrySampler

            sampler = TelemetrySampler(rate_hz=TELEMETRY_HZ, callbacks=callbacks)
            sampler.sample_once()
            sampler.start()
        except Exception as exc:
            sampler = None
            notes.telemetry_failed(f"{type(exc).__name__}: {exc}".splitlines()[0])
    try:
        yield
    finally:
        if sampler is not None and not sampler.stop(timeout=TELEMETRY_STOP_S):
            notes.telemetry_not_stopped(TELEMETRY_STOP_S)


# --------------------------------------------------------------------------- jobs


def train(
    config: RunConfig,
    callbacks: Callbacks = None,
    control: RunControl | None = None,
    *,
    notes: JobNotes | None = None,
    telemetry: bool = False,
    tensorboard: str | os.PathLike[str] | None = None,
) -> RunResult:
    """Train ``config`` (``engine.training.run.run``), recorded in the results store.
    With ``telemetry`` the job samples the device itself; without, the caller feeds
    ``on_device_sample`` to the same callbacks (the window's sampler does). With
    ``tensorboard`` (a folder) TensorBoard events are written there as the run trains."""
    from engine.training.heap import free_memory_returned
    from engine.training.run import run

    cbs = live_tensorboard(*_recording(callbacks, notes), tensorboard)
    with sampling(cbs, notes, telemetry), free_memory_returned():
        return run(config, cbs, control)


def resume(
    run_id: str,
    callbacks: Callbacks = None,
    control: RunControl | None = None,
    *,
    data_dir: str | None = None,
    notes: JobNotes | None = None,
    telemetry: bool = False,
    tensorboard: str | os.PathLike[str] | None = None,
) -> RunResult:
    """Go on with a stopped or interrupted run from its last checkpoint, recorded in the
    results store under the same run (see :func:`train`)."""
    from engine.training.heap import free_memory_returned
    from engine.training.run import resume as resume_run

    cbs = live_tensorboard(*_recording(callbacks, notes), tensorboard)
    with sampling(cbs, notes, telemetry), free_memory_returned():
        return resume_run(run_id, cbs, control, data_dir=data_dir)


def bench(
    callbacks: Callbacks = None,
    control: RunControl | None = None,
    *,
    notes: JobNotes | None = None,
    run_suite: Any = None,
    **suite_options: Any,
) -> dict[str, Any] | None:
    """Run the benchmark suite once (``run_suite``: ``engine.benchmark.suite.run_suite``
    unless given; ``suite_options`` go to it) and keep its score card in the results store
    as a run of kind ``bench``. The card is the result, stored or not."""
    from engine.training.heap import free_memory_returned

    if run_suite is None:
        from engine.benchmark.suite import run_suite
    cbs = callback_list(callbacks)
    telemetry = DeviceSamples()
    cbs.append(telemetry)  # the suite's own sampler feeds it
    with free_memory_returned():
        card = run_suite(callbacks=cbs, control=control, **suite_options)
    if card is not None:
        record_bench_card(card, notes, samples=telemetry.samples)
    return card


class DeviceSamples(Callback):
    """Keeps the device snapshots a job's sampler reports (a benchmark's telemetry)."""

    def __init__(self) -> None:
        self.samples: list[Any] = []

    def on_device_sample(self, snapshot: Any) -> None:
        self.samples.append(snapshot)


def record_bench_card(
    card: Any, notes: JobNotes | None = None, samples: list[Any] | None = None
) -> int | None:
    """Keep a benchmark's card in the store as a run, with the device ``samples`` taken
    while it measured; its id, or ``None`` when it could not be stored (told to
    ``notes``: a store problem is never the job's end)."""
    notes = notes or JobNotes()
    try:
        from engine.store.writer import record_card

        run_id = record_card(card, samples=samples or ())
    except Exception as exc:  # CardError, StoreError, sqlite3 trouble
        notes.card_not_stored(exc)
        return None
    notes.card_recorded(run_id)
    return run_id


def compress(
    config: CompressConfig,
    callbacks: Callbacks = None,
    control: RunControl | None = None,
    *,
    out_dir: str | Path | None = None,
    record: bool = True,
    store: Store | None = None,
    dataset: Dataset | None = None,
) -> dict[str, Any]:
    """The compression lab (``engine.compress.run_compression``). With ``record`` it is
    kept in the results store as a run of kind ``compress`` (``store``, or the default
    one); the result then holds ``store_run_id`` and, when the store failed,
    ``store_error``."""
    from engine.compress import run_compression

    cbs, writer = callback_list(callbacks), None
    if record:
        cbs, writer = _recording(
            cbs, None, store=store, kind="compress", name=f"compress {config.model}"
        )
    from engine.training.heap import free_memory_returned

    with free_memory_returned():
        result = run_compression(config, cbs, control, dataset, out_dir=out_dir)
    if writer is not None:
        result["store_run_id"] = writer.run_id
        if writer.error:
            result["store_error"] = writer.error
    return result


def delete_run(store: Store, run_id: int) -> bool | None:
    """Delete a stored run (its row, series, report and card) and its checkpoint folder;
    True when a checkpoint folder was removed too, False when it had none, None when it
    has one that could not be removed."""
    from engine.store.records import StoreError
    from engine.training.checkpoint import RunFolder, remove_run_folder
    from engine.training.live_run import live_run

    uid = store.get_summary(run_id).uid
    try:
        folder = RunFolder(uid)
    except ValueError:
        folder = None
    if folder is not None and live_run(folder.path, None):  # the one live-run guard
        raise StoreError(f"run {run_id} is being trained by another process; stop it first")
    store.delete_run(run_id)
    return remove_run_folder(uid)


# --------------------------------------------------------------------------- resumable runs


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
    error: str | dict[str, Any] | None = None  # a stored Message (engine.i18n.message), or text


def run_status(meta: dict[str, Any], folder: Path | None = None) -> str | None:
    """A checkpointed run's status: as its ``run.json`` says, except that a run left
    ``running`` by a process that is gone is ``interrupted`` (the results store's rule,
    ``engine.store.store.process_alive``); ``None`` while a process trains it. That is
    the one live-run guard (``engine.training.live_run``) that ``resume`` obeys too;
    ``folder`` (the run's folder) lets it see the lock of a process training it."""
    from engine.store.recovery import process_alive
    from engine.training.live_run import live_run

    status = meta.get("status")
    if folder is not None and live_run(folder, meta):
        return None  # another process is training it right now
    if status != "running":
        return None if status is None else str(status)
    pid = meta.get("pid")
    if isinstance(pid, int) and pid > 0 and process_alive(pid, meta.get("pid_started_at")):
        return None  # its process (maybe this one) may be training it right now
    return "interrupted"


def resumable_runs(root: Path | None = None) -> list[ResumableRun]:
    """Every run under ``root`` (default ``$SUANLI_HOME/runs``) that can be resumed, newest
    first: not finished, not still going, with at least one saved epoch. Folders that
    cannot be read are left out."""
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
            if meta.get("status") == "finished" or not isinstance(meta.get("config"), dict):
                continue
            status = run_status(meta, folder.path)
            if status is None:
                continue
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
                status=status,
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


def saved_epochs(run_id: str) -> list[dict[str, Any]]:
    """The epochs a stopped or interrupted run finished, as its ``run.json`` keeps them
    (``[]`` when it cannot be read)."""
    from engine.training.checkpoint import RunFolder

    try:
        return list(RunFolder(run_id).read_meta().get("epochs") or [])
    except (OSError, ValueError):
        return []


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


__all__ = [
    "TELEMETRY_HZ",
    "DeviceSamples",
    "JobNotes",
    "ResumableRun",
    "StoreWatch",
    "bench",
    "callback_list",
    "compress",
    "delete_run",
    "record_bench_card",
    "recorded",
    "resumable_runs",
    "resume",
    "run_status",
    "sampling",
    "saved_epochs",
    "train",
]
