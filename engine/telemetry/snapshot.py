"""Frozen, timestamped telemetry samples.

One :class:`DeviceSnapshot` per sampling tick: the host (CPU, RAM, this process) and
every NVIDIA GPU NVML can see. Every field a device cannot report is ``None``
("not available"), never a made-up zero. Units are in the field names.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from engine.i18n.message import Message


def _as_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


@dataclass(frozen=True)
class HostSample:
    """CPU, memory and this process, from psutil.

    ``cpu_percent`` and ``cpu_percent_per_core`` are averages since the previous
    sample (``None`` on the very first one, which has nothing to compare with).
    ``process_cpu_percent`` is this process's CPU use since the previous sample,
    where 100 means one full core (so it can exceed 100 on several cores).
    """

    cpu_model: str
    logical_cores: int
    cpu_percent: float | None
    cpu_percent_per_core: tuple[float, ...] | None
    cpu_freq_mhz: float | None
    ram_used_bytes: int | None
    ram_total_bytes: int | None
    process_rss_bytes: int | None
    process_threads: int | None
    process_cpu_percent: float | None

    @property
    def ram_used_percent(self) -> float | None:
        return _percent(self.ram_used_bytes, self.ram_total_bytes)

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class GpuSample:
    """One NVIDIA GPU at one moment, from NVML, converted to SI-ish units.

    NVML's milliwatts become ``power_w``, millijoules ``energy_j`` (a counter since the
    driver was loaded), KB/s of PCIe traffic ``pcie_*_bytes_per_s``.
    ``throttle_reasons`` names the active clock-event reasons (``()`` when none).
    """

    index: int
    name: str | None
    uuid: str | None
    driver_version: str | None
    cuda_driver_version: str | None
    utilization_gpu_percent: float | None
    utilization_memory_percent: float | None
    memory_used_bytes: int | None
    memory_total_bytes: int | None
    temperature_c: float | None
    fan_percent: float | None
    power_w: float | None
    power_limit_w: float | None
    sm_clock_mhz: float | None
    sm_clock_max_mhz: float | None
    mem_clock_mhz: float | None
    mem_clock_max_mhz: float | None
    throttle_reasons: tuple[str, ...] | None
    pstate: int | None
    pcie_tx_bytes_per_s: float | None
    pcie_rx_bytes_per_s: float | None
    energy_j: float | None

    @property
    def memory_used_percent(self) -> float | None:
        return _percent(self.memory_used_bytes, self.memory_total_bytes)

    @property
    def sm_clock_percent(self) -> float | None:
        """SM clock as a percentage of its maximum."""
        return _percent(self.sm_clock_mhz, self.sm_clock_max_mhz)

    @property
    def mem_clock_percent(self) -> float | None:
        return _percent(self.mem_clock_mhz, self.mem_clock_max_mhz)

    @property
    def power_percent(self) -> float | None:
        """Power draw as a percentage of the enforced power limit."""
        return _percent(self.power_w, self.power_limit_w)

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class DeviceSnapshot:
    """Everything sampled at one tick.

    ``timestamp`` is wall-clock (``time.time()``, for display and storage);
    ``monotonic`` (``time.monotonic()``) is for ordering and rates. ``notice`` explains,
    once, why GPU telemetry is missing (``None`` when NVML works).
    """

    timestamp: float
    monotonic: float
    host: HostSample
    gpus: tuple[GpuSample, ...]
    notice: Message | None = None  # said in the user's language where it is shown

    def to_dict(self) -> dict[str, Any]:
        return {
            "timestamp": self.timestamp,
            "monotonic": self.monotonic,
            "host": self.host.to_dict(),
            "gpus": [g.to_dict() for g in self.gpus],
            "notice": None if self.notice is None else self.notice.to_dict(),
        }


def _percent(part: float | None, whole: float | None) -> float | None:
    if part is None or whole is None or whole <= 0:
        return None
    return 100.0 * part / whole
