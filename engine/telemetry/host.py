"""Host telemetry from psutil: CPU load and clock, RAM, and this process.

:class:`HostReader` keeps the state that makes sampling cheap: one ``psutil.Process``
object, and the previous CPU-time counters, so CPU percentages are computed from
counter differences (one read of ``/proc/stat``) instead of psutil's blocking
``cpu_percent(interval=...)`` or its module-global state, which other code may share.
"""

from __future__ import annotations

import functools
import os
import platform
import threading
import time
from typing import Any

import psutil

from engine.telemetry.snapshot import HostSample


@functools.cache
def cpu_model() -> str:
    """The CPU's marketing name, e.g. ``"Intel(R) Xeon(R) Platinum 8480C"``."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Hardware", "Processor", "cpu model"):
                    if value.strip():
                        return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def logical_cores() -> int:
    return psutil.cpu_count(logical=True) or os.cpu_count() or 1


def physical_cores() -> int | None:
    return psutil.cpu_count(logical=False)


def ram_total_bytes() -> int:
    return int(psutil.virtual_memory().total)


def _busy_and_total(t: Any) -> tuple[float, float]:
    """Busy and total seconds from one ``psutil`` cputimes tuple (psutil's own accounting)."""
    total = sum(t)
    # On Linux guest time is already counted in user/nice.
    total -= getattr(t, "guest", 0.0) + getattr(t, "guest_nice", 0.0)
    idle = t.idle + getattr(t, "iowait", 0.0)
    return total - idle, total


def _percent(busy: float, total: float) -> float:
    if total <= 0:
        return 0.0
    return round(max(0.0, min(100.0, 100.0 * busy / total)), 3)


class HostReader:
    """Reads :class:`HostSample` values; keep one per sampler (it is not shared state).

    Percentages are averages over the time since the previous :meth:`read`; the first
    read has nothing to compare with and reports ``None`` for them.
    """

    def __init__(self, pid: int | None = None) -> None:
        self._process = psutil.Process(pid)
        self._lock = threading.Lock()
        self._prev_cpu: list[tuple[float, float]] | None = None
        self._prev_proc: tuple[float, float] | None = None  # (process cpu seconds, monotonic)
        self._cpu_model = cpu_model()
        self._cores = logical_cores()

    def read(self) -> HostSample:
        with self._lock:
            overall, per_core = self._cpu_percentages()
            proc_pct, rss, threads = self._process_figures()
        ram_used, ram_total = _ram()
        return HostSample(
            cpu_model=self._cpu_model,
            logical_cores=self._cores,
            cpu_percent=overall,
            cpu_percent_per_core=per_core,
            cpu_freq_mhz=_cpu_freq_mhz(),
            ram_used_bytes=ram_used,
            ram_total_bytes=ram_total,
            process_rss_bytes=rss,
            process_threads=threads,
            process_cpu_percent=proc_pct,
        )

    def _cpu_percentages(self) -> tuple[float | None, tuple[float, ...] | None]:
        try:
            now = [_busy_and_total(t) for t in psutil.cpu_times(percpu=True)]
        except (OSError, psutil.Error):
            return None, None
        prev, self._prev_cpu = self._prev_cpu, now
        if prev is None or len(prev) != len(now):
            return None, None
        deltas = [(b1 - b0, t1 - t0) for (b0, t0), (b1, t1) in zip(prev, now, strict=True)]
        per_core = tuple(_percent(b, t) for b, t in deltas)
        overall = _percent(sum(b for b, _ in deltas), sum(t for _, t in deltas))
        return overall, per_core

    def _process_figures(self) -> tuple[float | None, int | None, int | None]:
        try:
            with self._process.oneshot():
                times = self._process.cpu_times()
                rss = int(self._process.memory_info().rss)
                threads = int(self._process.num_threads())
        except (OSError, psutil.Error):
            return None, None, None
        now = (times.user + times.system, time.monotonic())
        prev, self._prev_proc = self._prev_proc, now
        pct = None
        if prev is not None and now[1] > prev[1]:
            pct = round(max(0.0, 100.0 * (now[0] - prev[0]) / (now[1] - prev[1])), 3)
        return pct, rss, threads


def _cpu_freq_mhz() -> float | None:
    try:
        freq = psutil.cpu_freq()
    except (OSError, psutil.Error, NotImplementedError):
        return None
    if freq is None or not freq.current:
        return None
    return float(freq.current)


def _ram() -> tuple[int | None, int | None]:
    """(used, total) bytes, where used = total - available (what a task manager shows)."""
    try:
        vm = psutil.virtual_memory()
    except (OSError, psutil.Error):
        return None, None
    return int(vm.total - vm.available), int(vm.total)
