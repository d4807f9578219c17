"""What else used the machine while the suite measured.

:class:`InterferenceMonitor` reads, at the start and end of each timed window, the
machine's CPU times and this process's (psutil): the CPU that *other* processes used in
the window (in cores: 1.0 = one core kept busy), the hypervisor's steal time
(``/proc/stat``'s steal column, where the kernel reports one) and the CPU clock. A window
is **disturbed** when other processes used more than :func:`other_cores_limit` cores
(0.25, or 5 % of the machine's cores on a big one) or steal exceeded
:data:`STEAL_LIMIT_PERCENT`. The suite re-measures disturbed windows
within a time budget and keeps the quiet ones; :meth:`InterferenceMonitor.summary` is
the card's ``interference`` (``"verdict": "quiet" | "disturbed"`` and the figures). GPU
clocks and throttle reasons come from the suite's telemetry samples
(:func:`gpu_figures`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import psutil

OTHER_CORES_LIMIT = 0.25  # other processes' CPU in a window, in cores (at least)
OTHER_SHARE_LIMIT = 0.05  # ... or this share of the machine's cores, whichever is more
STEAL_LIMIT_PERCENT = 5.0  # of the machine's CPU time in a window
DISTURBED_SHARE = 0.2  # a card is "disturbed" when more of its kept windows were
QUIET, DISTURBED = "quiet", "disturbed"


def other_cores_limit(cores: int) -> float:
    """Other processes' CPU (in cores) beyond which a window is disturbed."""
    return max(OTHER_CORES_LIMIT, OTHER_SHARE_LIMIT * cores)


@dataclass(frozen=True)
class WindowLoad:
    """What else ran during one window (``cores``: the machine's logical cores)."""

    seconds: float
    other_cores: float | None
    steal_percent: float | None
    cpu_freq_mhz: float | None
    cores: int = 1

    @property
    def disturbed(self) -> bool:
        if self.other_cores is not None and self.other_cores > other_cores_limit(self.cores):
            return True
        return self.steal_percent is not None and self.steal_percent > STEAL_LIMIT_PERCENT


@dataclass
class _Reading:
    wall: float
    busy: float
    steal: float | None
    own: float


def _busy_seconds(t: Any) -> tuple[float, float | None]:
    """CPU seconds the whole machine was busy (idle and iowait left out; steal apart)."""
    total = sum(t)
    idle = t.idle + getattr(t, "iowait", 0.0)
    steal = getattr(t, "steal", None)
    busy = total - idle - (steal or 0.0) - getattr(t, "guest", 0.0) - getattr(t, "guest_nice", 0.0)
    return busy, steal


@dataclass
class InterferenceMonitor:
    """Reads before and after each window; collects one :class:`WindowLoad` per window."""

    part_windows: dict[str, list[WindowLoad]] = field(default_factory=dict)
    remeasured: dict[str, int] = field(default_factory=dict)
    cores: int = field(default_factory=lambda: psutil.cpu_count() or 1)

    def __post_init__(self) -> None:
        self._proc = psutil.Process(os.getpid())

    def read(self) -> _Reading:
        try:
            busy, steal = _busy_seconds(psutil.cpu_times())
            own = sum(self._proc.cpu_times()[:2])
        except (psutil.Error, OSError):
            return _Reading(time.perf_counter(), float("nan"), None, float("nan"))
        return _Reading(time.perf_counter(), busy, steal, own)

    def load(self, start: _Reading, end: _Reading) -> WindowLoad:
        seconds = max(end.wall - start.wall, 1e-9)
        others = (end.busy - start.busy) - (end.own - start.own)
        other_cores = others / seconds if others == others else None  # NaN: not read
        steal = None
        if start.steal is not None and end.steal is not None:
            steal = 100.0 * (end.steal - start.steal) / (seconds * self.cores)
        return WindowLoad(
            seconds=seconds,
            other_cores=None if other_cores is None else max(0.0, other_cores),
            steal_percent=None if steal is None else max(0.0, steal),
            cpu_freq_mhz=_cpu_freq_mhz(),
            cores=self.cores,
        )

    def record(self, part: str, load: WindowLoad) -> None:
        self.part_windows.setdefault(part, []).append(load)

    def count_remeasured(self, part: str, n: int) -> None:
        self.remeasured[part] = self.remeasured.get(part, 0) + n

    def summary(self, kept: dict[str, Sequence[WindowLoad]], gpu: dict[str, Any]) -> dict[str, Any]:
        """The card's ``interference``: the verdict over the windows the figures were made
        from (``kept``), and the figures over every window measured."""
        every = [w for ws in self.part_windows.values() for w in ws]
        used = [w for ws in kept.values() for w in ws]
        disturbed_used = sum(w.disturbed for w in used)
        share = disturbed_used / len(used) if used else 0.0
        throttled = bool(gpu.get("throttle_reasons"))
        verdict = DISTURBED if share > DISTURBED_SHARE or throttled else QUIET
        others = [w.other_cores for w in every if w.other_cores is not None]
        steal = [w.steal_percent for w in every if w.steal_percent is not None]
        freq = [w.cpu_freq_mhz for w in every if w.cpu_freq_mhz is not None]
        return {
            "verdict": verdict,
            "windows": len(every),
            "windows_disturbed": sum(w.disturbed for w in every),
            "windows_kept": len(used),
            "kept_disturbed": disturbed_used,
            "remeasured": sum(self.remeasured.values()),
            "other_cpu_cores_mean": _mean(others),
            "other_cpu_cores_max": max(others) if others else None,
            "steal_percent_mean": _mean(steal),
            "cpu_freq_mhz_min": min(freq) if freq else None,
            "cpu_freq_mhz_max": max(freq) if freq else None,
            "logical_cores": self.cores,
            "limits": {
                "other_cpu_cores": other_cores_limit(self.cores),
                "steal_percent": STEAL_LIMIT_PERCENT,
                "disturbed_share": DISTURBED_SHARE,
            },
            **gpu,
        }


def gpu_figures(snapshots: Iterable[Any]) -> dict[str, Any]:
    """SM clocks and throttle reasons over the suite's telemetry samples (first GPU)."""
    clocks, reasons = [], set()
    for snap in snapshots:
        gpus = getattr(snap, "gpus", None) or ()
        if not gpus:
            continue
        g = gpus[0]
        if g.sm_clock_mhz is not None:
            clocks.append(float(g.sm_clock_mhz))
        for r in g.throttle_reasons or ():
            if r not in BENIGN_THROTTLE:
                reasons.add(str(r))
    if not clocks and not reasons:
        return {}
    return {
        "gpu_sm_clock_mhz_min": min(clocks) if clocks else None,
        "gpu_sm_clock_mhz_max": max(clocks) if clocks else None,
        "throttle_reasons": sorted(reasons),
    }


# Clock-event reasons that are not interference (an idle GPU, an application clock setting).
BENIGN_THROTTLE = frozenset({"gpu_idle", "applications_clocks_setting", "none"})


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _cpu_freq_mhz() -> float | None:
    try:
        freq = psutil.cpu_freq()
    except (OSError, NotImplementedError, RuntimeError):
        return None
    return float(freq.current) if freq is not None and freq.current else None
