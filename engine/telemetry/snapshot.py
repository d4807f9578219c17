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
        out[f.name] = _plain(getattr(obj, f.name))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _as_dict(value)
    return value


#: Why NVML could not give a field (``GpuSample.unreadable``): NVML's own answer.
NOT_SUPPORTED = "not_supported"  # NVML_ERROR_NOT_SUPPORTED (e.g. utilization on a MIG parent)
NO_PERMISSION = "no_permission"  # NVML_ERROR_NO_PERMISSION (e.g. memory of a MIG board, no root)
FUNCTION_NOT_FOUND = "function_not_found"  # the driver or nvidia-ml-py is too old for the call
GPU_LOST = "gpu_lost"  # NVML_ERROR_GPU_IS_LOST: the GPU fell off the bus; no more reads

#: ``GpuSample.power_kind``: what NVML's power figure is.
POWER_INSTANT = "instantaneous"
POWER_1S_AVERAGE = "1s_average"  # nvmlDeviceGetPowerUsage on Ampere and newer


@dataclass(frozen=True)
class MigSample:
    """One MIG device (a slice of a MIG-enabled GPU): its profile and its own memory."""

    index: int
    uuid: str | None
    name: str | None  # e.g. "NVIDIA H200 MIG 1g.18gb"
    profile: str | None  # e.g. "1g.18gb"
    memory_used_bytes: int | None
    memory_total_bytes: int | None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


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

    ``monotonic`` is when this GPU was read (GPUs are read in parallel). Memory comes from
    NVML's v2 struct where the driver has it (driver-reserved memory apart, as nvidia-smi
    shows it). ``power_kind`` says what ``power_w`` is (:data:`POWER_INSTANT` or
    :data:`POWER_1S_AVERAGE`). ``unreadable`` pairs each field NVML would not give with
    why (:data:`NOT_SUPPORTED`, ...). A ``lost`` GPU (fell off the bus) is read no more.
    On a MIG-enabled GPU (``mig_enabled``) ``mig_devices`` are its slices.
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
    pci_bus_id: str | None = None
    monotonic: float | None = None
    power_kind: str | None = None
    memory_reserved_bytes: int | None = None
    lost: bool = False
    mig_enabled: bool | None = None
    mig_devices: tuple[MigSample, ...] = ()
    unreadable: tuple[tuple[str, str], ...] = ()

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
