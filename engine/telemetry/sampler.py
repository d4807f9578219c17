"""A daemon thread that samples host and GPU telemetry at a fixed rate.

Each tick builds one frozen :class:`DeviceSnapshot`, keeps it as :attr:`latest` and hands
it to ``callbacks.on_device_sample``. Consumers that only draw (the GUI) read
:attr:`latest` and never block the sampler.

It is cheap by construction: one ``psutil.Process`` and one set of NVML handles reused for
every tick, GPUs read in parallel, CPU load from counter differences (no blocking
``interval=``), and NVML's slow PCIe-throughput read (about 20 ms per counter) done at most
every ``pcie_interval_s`` -- on a thread of its own while the sampler runs, so it never
holds up a tick (with 8 GPUs it would take ~320 ms of a 250 ms period). A GPU that NVML
reports lost is said once through ``on_log`` (a warning) and is not polled again.
:attr:`cpu_seconds` is the CPU time the sampling thread itself used, so its overhead can
be shown and measured (``bench/telemetry_cost.py``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from engine.events import Callback, CallbackList
from engine.telemetry import nvml
from engine.telemetry.gpu_notes import lost_gpu_text
from engine.telemetry.host import HostReader
from engine.telemetry.snapshot import DeviceSnapshot, GpuSample

GpuReader = Callable[[bool], tuple[GpuSample, ...]]
PcieReader = Callable[[], dict[int, tuple[float | None, float | None]]]


class TelemetrySampler:
    """Samples telemetry on a daemon thread at ``rate_hz``; a context manager.

    ``start()`` launches the thread (the first snapshot is taken immediately);
    ``stop(timeout)`` asks it to finish and joins it. ``sample_once()`` takes one
    snapshot on the calling thread, with or without the thread running. Snapshots reach
    the callbacks one at a time, in time order, on the sampling thread; a callback that
    raises is reported once through ``on_log`` and does not stop the others.
    """

    def __init__(
        self,
        rate_hz: float = 4.0,
        callbacks: Callback | Iterable[Callback] | None = None,
        *,
        pcie_interval_s: float = 1.0,
        host_reader: HostReader | None = None,
        gpu_reader: GpuReader | None = None,
        pcie_reader: PcieReader | None = None,
    ) -> None:
        if (
            isinstance(rate_hz, bool)
            or not isinstance(rate_hz, int | float)
            or not (0 < rate_hz <= 100)
        ):
            raise ValueError(f"rate_hz = {rate_hz!r} is not allowed: a number in (0, 100]")
        self.rate_hz = float(rate_hz)
        if callbacks is None or isinstance(callbacks, Callback):
            callbacks = [callbacks] if callbacks is not None else []
        self.callbacks = CallbackList(callbacks)
        self.pcie_interval_s = float(pcie_interval_s)
        self._host = host_reader or HostReader()
        self._read_gpus: GpuReader = gpu_reader or nvml.read_gpus
        if pcie_reader is None:
            pcie_reader = nvml.read_pcie if gpu_reader is None else self._pcie_from_reader
        self._read_pcie: PcieReader = pcie_reader
        self._pcie_thread: threading.Thread | None = None
        self._lost_said: set[int] = set()
        self._sample_lock = threading.RLock()
        self._latest: DeviceSnapshot | None = None
        self._last_pcie_at: float | None = None
        self._pcie: dict[int, tuple[float | None, float | None]] = {}
        self._thread: threading.Thread | None = None
        self._stop_event = threading.Event()
        self._cpu_seconds = 0.0
        self._started_at: float | None = None
        self._stopped_at: float | None = None
        self.samples_taken = 0
        self.errors = 0
        self.last_error: BaseException | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> TelemetrySampler:
        if self.running:
            raise RuntimeError("the telemetry sampler is already running")
        self._stop_event = threading.Event()
        self._cpu_seconds = 0.0
        self._started_at = time.monotonic()
        self._stopped_at = None
        self._thread = threading.Thread(
            target=self._run, args=(self._stop_event,), name="suanli-telemetry", daemon=True
        )
        self._thread.start()
        self._pcie_thread = threading.Thread(
            target=self._run_pcie,
            args=(self._stop_event,),
            name="suanli-telemetry-pcie",
            daemon=True,
        )
        self._pcie_thread.start()
        return self

    def stop(self, timeout: float | None = 2.0) -> bool:
        """Ask the thread to end and join it; True when no sampler thread is left."""
        self._stop_event.set()
        for name in ("_thread", "_pcie_thread"):
            thread = getattr(self, name)
            if thread is not None:
                thread.join(timeout)
                if thread.is_alive():
                    return False
                setattr(self, name, None)
        if self._started_at is not None and self._stopped_at is None:
            self._stopped_at = time.monotonic()
        return True

    def __enter__(self) -> TelemetrySampler:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ------------------------------------------------------------------ results

    @property
    def latest(self) -> DeviceSnapshot | None:
        """The newest snapshot (``None`` before the first)."""
        return self._latest

    @property
    def cpu_seconds(self) -> float:
        """CPU time the sampling thread has used since ``start()`` (``time.thread_time``)."""
        return self._cpu_seconds

    @property
    def overhead_percent(self) -> float | None:
        """The sampling thread's CPU use as a percentage of one core, over its lifetime."""
        if self._started_at is None:
            return None
        elapsed = (self._stopped_at or time.monotonic()) - self._started_at
        return None if elapsed <= 0 else 100.0 * self._cpu_seconds / elapsed

    # ------------------------------------------------------------------ sampling

    def sample_once(self) -> DeviceSnapshot:
        """Take one snapshot now, keep it as :attr:`latest`, and deliver it."""
        with self._sample_lock:
            snapshot = self._take()
            self._latest = snapshot
            self.samples_taken += 1
            for callback in self.callbacks.callbacks:
                try:
                    callback.on_device_sample(snapshot)
                except Exception as exc:  # one consumer's bug must not starve the others
                    self._record_error(exc)
        return snapshot

    def _take(self) -> DeviceSnapshot:
        now = time.monotonic()
        include_pcie = not self.running and (
            self._last_pcie_at is None or now - self._last_pcie_at >= self.pcie_interval_s
        )  # while the thread runs, PCIe is read by its own thread (_run_pcie)
        gpus = self._read_gpus(include_pcie)
        if include_pcie:
            self._last_pcie_at = now
            self._pcie = {g.index: (g.pcie_tx_bytes_per_s, g.pcie_rx_bytes_per_s) for g in gpus}
        elif gpus:
            gpus = tuple(self._with_last_pcie(g) for g in gpus)
        for g in gpus:
            if g.lost and g.index not in self._lost_said:
                self._lost_said.add(g.index)
                self._say_lost(g)
        return DeviceSnapshot(
            timestamp=time.time(),
            monotonic=time.monotonic(),  # when the values were read, not before
            host=self._host.read(),
            gpus=gpus,
            notice=nvml.notice() if not gpus else None,
        )

    def _say_lost(self, gpu: GpuSample) -> None:
        try:
            self.callbacks.on_log("warning", lost_gpu_text(gpu))
        except Exception as exc:
            self._record_error(exc)

    def _pcie_from_reader(self) -> dict[int, tuple[float | None, float | None]]:
        return {
            g.index: (g.pcie_tx_bytes_per_s, g.pcie_rx_bytes_per_s) for g in self._read_gpus(True)
        }

    def _run_pcie(self, stop_event: threading.Event) -> None:
        """Reads PCIe throughput every ``pcie_interval_s`` (it blocks ~40 ms per GPU)."""
        while not stop_event.is_set():
            try:
                self._pcie = dict(self._read_pcie())
                self._last_pcie_at = time.monotonic()
            except Exception as exc:
                self._record_error(exc)
            stop_event.wait(max(self.pcie_interval_s, 0.05))

    def _with_last_pcie(self, sample: GpuSample) -> GpuSample:
        tx, rx = self._pcie.get(sample.index, (None, None))
        return replace(sample, pcie_tx_bytes_per_s=tx, pcie_rx_bytes_per_s=rx)

    def _run(self, stop_event: threading.Event) -> None:
        period = 1.0 / self.rate_hz
        cpu0 = time.thread_time()
        next_tick = time.monotonic()
        while not stop_event.is_set():
            try:
                self.sample_once()
            except Exception as exc:  # keep sampling; the error is kept for whoever asks
                self._record_error(exc)
            self._cpu_seconds = time.thread_time() - cpu0
            next_tick += period
            now = time.monotonic()
            if next_tick < now:  # fell behind (suspended, slow driver): skip missed ticks
                next_tick = now + period - ((now - next_tick) % period)
            stop_event.wait(next_tick - now)
        self._cpu_seconds = time.thread_time() - cpu0

    def _record_error(self, exc: BaseException) -> None:
        self.errors += 1
        first = self.last_error is None
        self.last_error = exc
        if first:
            try:
                self.callbacks.on_log("error", f"telemetry: {type(exc).__name__}: {exc}")
            except Exception:
                pass
