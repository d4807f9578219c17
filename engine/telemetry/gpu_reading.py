"""Reading one NVML GPU into a :class:`GpuSample`, and learning what does not change about it.

Units: NVML's mW become W, mJ J, KB/s B/s. Memory comes from the v2 struct when the
driver has it (``used`` there leaves out driver-reserved memory, as nvidia-smi does),
else from v1. Power is NVML's instantaneous field where the driver has it, else
``nvmlDeviceGetPowerUsage`` (a 1-second average on Ampere and newer, said in
``power_kind``). On a MIG-enabled GPU the MIG devices are read for their memory; what
the parent will not give is listed in ``unreadable`` with NVML's reason.
"""

from __future__ import annotations

import time
from typing import Any

from engine.telemetry.nvml_calls import Caller, Gpu, MigDevice
from engine.telemetry.snapshot import (
    FUNCTION_NOT_FOUND,
    GPU_LOST,
    POWER_1S_AVERAGE,
    POWER_INSTANT,
    GpuSample,
    MigSample,
)

NVML_TEMPERATURE_GPU = 0
NVML_CLOCK_SM = 1
NVML_CLOCK_MEM = 2
NVML_PCIE_UTIL_TX_BYTES = 0
NVML_PCIE_UTIL_RX_BYTES = 1
NVML_PSTATE_UNKNOWN = 32
NVML_DEVICE_ARCH_AMPERE = 7
NVML_DEVICE_ARCH_UNKNOWN = 0xFFFFFFFF
NVML_FI_DEV_POWER_INSTANT = 186
NVML_MEMORY_V2 = (2 << 24) | 40  # nvmlMemory_v2: struct version 2, sizeof 40
NVML_DEVICE_MIG_ENABLE = 1
VERSION_MISMATCH = "error_25"  # NVML_ERROR_ARGUMENT_VERSION_MISMATCH, as nvml_calls words it

#: NVML clock-event ("throttle") reason bits and the names Suanli shows for them.
THROTTLE_REASONS: dict[int, str] = {
    0x001: "gpu_idle",
    0x002: "applications_clocks_setting",
    0x004: "sw_power_cap",
    0x008: "hw_slowdown",
    0x010: "sync_boost",
    0x020: "sw_thermal_slowdown",
    0x040: "hw_thermal_slowdown",
    0x080: "hw_power_brake_slowdown",
    0x100: "display_clock_setting",
    0x200: "board_limit",
    0x400: "reliability",
}


def describe_gpu(c: Caller, index: int, handle: Any) -> Gpu:
    """What does not change: names, PCI bus id, clock maxima, power kind, MIG devices."""
    gpu = Gpu(index=index, handle=handle)
    gpu.name = c.value("nvmlDeviceGetName", handle, gpu=gpu)
    gpu.uuid = c.value("nvmlDeviceGetUUID", handle, gpu=gpu)
    pci = c.value("nvmlDeviceGetPciInfo", handle, gpu=gpu)
    gpu.pci_bus_id = _text(getattr(pci, "busId", None)) if pci is not None else None
    sm, mem = c.const("NVML_CLOCK_SM", NVML_CLOCK_SM), c.const("NVML_CLOCK_MEM", NVML_CLOCK_MEM)
    gpu.sm_clock_max_mhz = _float(c.value("nvmlDeviceGetMaxClockInfo", handle, sm, gpu=gpu))
    gpu.mem_clock_max_mhz = _float(c.value("nvmlDeviceGetMaxClockInfo", handle, mem, gpu=gpu))
    gpu.instant_power = _instant_power_mw(c, gpu) is not None
    arch = c.value("nvmlDeviceGetArchitecture", handle, gpu=gpu)
    if gpu.instant_power:
        gpu.power_kind = POWER_INSTANT
    elif isinstance(arch, int) and arch != NVML_DEVICE_ARCH_UNKNOWN:
        gpu.power_kind = POWER_1S_AVERAGE if arch >= NVML_DEVICE_ARCH_AMPERE else POWER_INSTANT
    mode = c.value("nvmlDeviceGetMigMode", handle, gpu=gpu)
    if mode is not None:
        gpu.mig_enabled = int(mode[0]) == NVML_DEVICE_MIG_ENABLE
    if gpu.mig_enabled:
        gpu.mig_devices = _mig_devices(c, gpu)
    return gpu


def _mig_devices(c: Caller, gpu: Gpu) -> list[MigDevice]:
    out: list[MigDevice] = []
    count = c.value("nvmlDeviceGetMaxMigDeviceCount", gpu.handle, gpu=gpu) or 0
    for i in range(int(count)):
        handle, why = c.call("nvmlDeviceGetMigDeviceHandleByIndex", gpu.handle, i, gpu=gpu)
        if handle is None:  # an empty slot answers NOT_FOUND; others: skip it too
            if why == GPU_LOST:
                break
            continue
        name = c.value("nvmlDeviceGetName", handle, gpu=gpu)
        out.append(
            MigDevice(
                index=i,
                handle=handle,
                uuid=c.value("nvmlDeviceGetUUID", handle, gpu=gpu),
                name=name,
                profile=mig_profile(name),
            )
        )
    return out


def mig_profile(name: str | None) -> str | None:
    """``"NVIDIA H200 MIG 1g.18gb"`` -> ``"1g.18gb"`` (MIG devices name their profile last)."""
    if not name or " MIG " not in f" {name} ":
        return None
    tail = name.rsplit(" ", 1)[-1]
    return tail if "g." in tail else None


def read_gpu(
    c: Caller, gpu: Gpu, include_pcie: bool, versions: tuple[str | None, str | None] = (None, None)
) -> GpuSample:
    """One sample of ``gpu``; a lost GPU gives a sample that only says so (no NVML call)."""
    if gpu.lost:
        return lost_sample(gpu)
    h = gpu.handle
    why: dict[str, str] = {}

    def q(fld: str, *calls: Any) -> Any:
        value, reason = c.first(*calls, gpu=gpu)
        if reason is not None:
            why.setdefault(fld, reason)
        return value

    util = q("utilization", ("nvmlDeviceGetUtilizationRates", h))
    mem, reserved = _memory(c, gpu, h, why)
    temp_sensor = c.const("NVML_TEMPERATURE_GPU", NVML_TEMPERATURE_GPU)
    sm, mem_clk = c.const("NVML_CLOCK_SM", NVML_CLOCK_SM), c.const("NVML_CLOCK_MEM", NVML_CLOCK_MEM)
    temperature = q(
        "temperature",
        ("nvmlDeviceGetTemperature", h, temp_sensor),
        ("nvmlDeviceGetTemperatureV", h, temp_sensor),
    )
    fan = q("fan", ("nvmlDeviceGetFanSpeed", h))
    power = _instant_power_mw(c, gpu) if gpu.instant_power else None
    if power is None:
        power = q("power", ("nvmlDeviceGetPowerUsage", h))
    limit = q(
        "power_limit",
        ("nvmlDeviceGetEnforcedPowerLimit", h),
        ("nvmlDeviceGetPowerManagementLimit", h),
    )
    sm_clock = q("sm_clock", ("nvmlDeviceGetClockInfo", h, sm))
    mem_clock = q("mem_clock", ("nvmlDeviceGetClockInfo", h, mem_clk))
    reasons = q(
        "throttle_reasons",
        ("nvmlDeviceGetCurrentClocksEventReasons", h),
        ("nvmlDeviceGetCurrentClocksThrottleReasons", h),
    )
    pstate = q("pstate", ("nvmlDeviceGetPerformanceState", h))
    if pstate == NVML_PSTATE_UNKNOWN:
        pstate = None
    energy = q("energy", ("nvmlDeviceGetTotalEnergyConsumption", h))
    tx, rx = read_pcie(c, gpu) if include_pcie else (None, None)
    mig = tuple(_read_mig(c, gpu, m) for m in gpu.mig_devices)
    now = time.monotonic()
    if gpu.lost:
        return lost_sample(gpu, now)
    return GpuSample(
        index=gpu.index,
        name=gpu.name,
        uuid=gpu.uuid,
        driver_version=versions[0],
        cuda_driver_version=versions[1],
        utilization_gpu_percent=_float(_attr(util, "gpu")),
        utilization_memory_percent=_float(_attr(util, "memory")),
        memory_used_bytes=_int_attr(mem, "used"),
        memory_total_bytes=_int_attr(mem, "total"),
        temperature_c=_float(temperature),
        fan_percent=_float(fan),
        power_w=milli(power),
        power_limit_w=milli(limit),
        sm_clock_mhz=_float(sm_clock),
        sm_clock_max_mhz=gpu.sm_clock_max_mhz,
        mem_clock_mhz=_float(mem_clock),
        mem_clock_max_mhz=gpu.mem_clock_max_mhz,
        throttle_reasons=throttle_reason_names(reasons),
        pstate=None if pstate is None else int(pstate),
        pcie_tx_bytes_per_s=tx,
        pcie_rx_bytes_per_s=rx,
        energy_j=milli(energy),
        pci_bus_id=gpu.pci_bus_id,
        monotonic=now,
        power_kind=gpu.power_kind,
        memory_reserved_bytes=reserved,
        mig_enabled=gpu.mig_enabled,
        mig_devices=mig,
        unreadable=tuple(why.items()),
    )


def lost_sample(gpu: Gpu, now: float | None = None) -> GpuSample:
    """A lost GPU's sample: who it was, ``lost=True``, every reading ``None``."""
    none: dict[str, Any] = dict.fromkeys(
        (
            "driver_version cuda_driver_version utilization_gpu_percent "
            "utilization_memory_percent memory_used_bytes memory_total_bytes temperature_c "
            "fan_percent power_w power_limit_w sm_clock_mhz mem_clock_mhz throttle_reasons "
            "pstate pcie_tx_bytes_per_s pcie_rx_bytes_per_s energy_j"
        ).split()
    )
    return GpuSample(
        index=gpu.index,
        name=gpu.name,
        uuid=gpu.uuid,
        sm_clock_max_mhz=gpu.sm_clock_max_mhz,
        mem_clock_max_mhz=gpu.mem_clock_max_mhz,
        pci_bus_id=gpu.pci_bus_id,
        monotonic=time.monotonic() if now is None else now,
        power_kind=gpu.power_kind,
        lost=True,
        mig_enabled=gpu.mig_enabled,
        unreadable=(("all", GPU_LOST),),
        **none,
    )


def read_pcie(c: Caller, gpu: Gpu) -> tuple[float | None, float | None]:
    """PCIe throughput out and in, B/s. NVML samples each over 20 ms: this blocks ~40 ms."""
    h = gpu.handle
    tx = c.value(
        "nvmlDeviceGetPcieThroughput",
        h,
        c.const("NVML_PCIE_UTIL_TX_BYTES", NVML_PCIE_UTIL_TX_BYTES),
        gpu=gpu,
    )
    rx = c.value(
        "nvmlDeviceGetPcieThroughput",
        h,
        c.const("NVML_PCIE_UTIL_RX_BYTES", NVML_PCIE_UTIL_RX_BYTES),
        gpu=gpu,
    )
    return (None if tx is None else float(tx) * 1024.0, None if rx is None else float(rx) * 1024.0)


def read_energy_j(c: Caller, gpu: Gpu) -> float | None:
    return milli(c.value("nvmlDeviceGetTotalEnergyConsumption", gpu.handle, gpu=gpu))


def read_power_w(c: Caller, gpu: Gpu) -> float | None:
    power = _instant_power_mw(c, gpu) if gpu.instant_power else None
    if power is None:
        power = c.value("nvmlDeviceGetPowerUsage", gpu.handle, gpu=gpu)
    return milli(power)


def _memory(c: Caller, gpu: Gpu, handle: Any, why: dict[str, str]) -> tuple[Any, int | None]:
    """(memory struct, reserved bytes): v2 where the driver has it, else v1. Only a driver
    without v2 (no such function, or a struct version it does not know) turns to v1."""
    if gpu.memory_v2 is not False:
        version = c.const("nvmlMemory_v2", NVML_MEMORY_V2)
        value, reason = c.call("nvmlDeviceGetMemoryInfo", handle, version=version, gpu=gpu)
        if reason is None:
            gpu.memory_v2 = True
            return value, _int_attr(value, "reserved")
        if reason not in (FUNCTION_NOT_FOUND, VERSION_MISMATCH):
            why["memory"] = reason  # e.g. NO_PERMISSION on a MIG board: v1 would say the same
            return None, None
        gpu.memory_v2 = False  # an older driver: v1 from now on
    value, reason = c.call("nvmlDeviceGetMemoryInfo", handle, gpu=gpu)
    if reason is not None:
        why["memory"] = reason
    return value, None


def _read_mig(c: Caller, gpu: Gpu, mig: MigDevice) -> MigSample:
    mem, _ = c.call("nvmlDeviceGetMemoryInfo", mig.handle, gpu=gpu)
    return MigSample(
        index=mig.index,
        uuid=mig.uuid,
        name=mig.name,
        profile=mig.profile,
        memory_used_bytes=_int_attr(mem, "used"),
        memory_total_bytes=_int_attr(mem, "total"),
    )


def _instant_power_mw(c: Caller, gpu: Gpu) -> int | None:
    """NVML_FI_DEV_POWER_INSTANT in mW, or None where the driver lacks it."""
    field_id = c.const("NVML_FI_DEV_POWER_INSTANT", NVML_FI_DEV_POWER_INSTANT)
    values = c.value("nvmlDeviceGetFieldValues", gpu.handle, [field_id], gpu=gpu)
    if not values:
        return None
    first = values[0]
    if getattr(first, "nvmlReturn", 1) != 0:
        return None
    return int(first.value.uiVal)


def throttle_reason_names(mask: int | None) -> tuple[str, ...] | None:
    """Readable names of the bits set in an NVML clock-event reasons mask."""
    if mask is None:
        return None
    names = [name for bit, name in THROTTLE_REASONS.items() if mask & bit]
    unknown = mask & ~sum(THROTTLE_REASONS)
    if unknown:
        names.append(f"other_0x{unknown:x}")
    return tuple(names)


def milli(value: Any) -> float | None:
    """mW -> W, mJ -> J."""
    return None if value is None else float(value) / 1000.0


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value or None


def _attr(obj: Any, name: str) -> Any:
    return None if obj is None else getattr(obj, name, None)


def _int_attr(obj: Any, name: str) -> int | None:
    value = _attr(obj, name)
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
