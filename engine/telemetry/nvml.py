"""All NVML access, in one place; every failure becomes "not available".

This is the only module that imports ``pynvml`` (the ``nvidia-ml-py`` package), and it
does so lazily: NVML is initialised once, on first use, under a lock. Each field is read
through :func:`_query`, which turns any ``pynvml.NVMLError`` (and a function or attribute
this pynvml/driver lacks) into ``None``, so one unsupported field never breaks the rest.

No GPU, no driver or no ``libnvidia-ml``: :func:`available` is ``False`` and
:func:`notice` holds one sentence saying why; nothing raises. The notice is an
``engine.i18n.message.Message`` (stored with snapshots as its dict), said in the user's
language where it is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.i18n import N_
from engine.i18n.message import Message
from engine.telemetry.snapshot import GpuSample

# NVML ABI constants (stable across driver releases); used when pynvml lacks the name.
_NVML_TEMPERATURE_GPU = 0
_NVML_CLOCK_SM = 1
_NVML_CLOCK_MEM = 2
_NVML_PCIE_UTIL_TX_BYTES = 0
_NVML_PCIE_UTIL_RX_BYTES = 1
_NVML_PSTATE_UNKNOWN = 32

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

# Every notice is "{reason} {host_only}", a Message whose reason is one too.
_HOST_ONLY = N_("Showing CPU/host telemetry only.")
_WITH_HOST_ONLY = N_("{reason} {host_only}")
_INIT_NOTICES = {
    "NVMLError_LibraryNotFound": N_(
        "No GPU telemetry: the NVIDIA management library (libnvidia-ml) was not found, "
        "so there is no NVIDIA driver or GPU here."
    ),
    "NVMLError_DriverNotLoaded": N_("No GPU telemetry: the NVIDIA driver is not loaded."),
    "NVMLError_NoPermission": N_(
        "No GPU telemetry: no permission to use the NVIDIA driver (NVML)."
    ),
    "NVMLError_LibRmVersionMismatch": N_(
        "No GPU telemetry: the NVIDIA driver and its library differ in version "
        "(a reboot usually fixes this)."
    ),
}
_NO_PYNVML = N_("No GPU telemetry: the nvidia-ml-py package (pynvml) cannot be imported ({error}).")
_NO_GPU = N_("No GPU telemetry: the NVIDIA driver found no NVIDIA GPU.")
_NO_GPU_OPENED = N_("No GPU telemetry: the NVIDIA driver could not open any of its GPUs.")
_NOT_STARTED = N_("No GPU telemetry: NVML did not start ({error}).")


def _with_host_only(reason: Message) -> Message:
    return Message(_WITH_HOST_ONLY, {"reason": reason, "host_only": Message(_HOST_ONLY)})


@dataclass
class _Gpu:
    index: int
    handle: Any
    name: str | None
    uuid: str | None
    sm_clock_max_mhz: float | None
    mem_clock_max_mhz: float | None


@dataclass
class _State:
    lib: Any = None
    notice: Message | None = None
    errors: tuple[type[BaseException], ...] = ()
    driver_version: str | None = None
    cuda_driver_version: str | None = None
    gpus: list[_Gpu] = field(default_factory=list)


_lock = threading.Lock()
_state: _State | None = None


# --------------------------------------------------------------------------- public API


def available() -> bool:
    """True when NVML started and sees at least one GPU. Never raises."""
    return _ensure().lib is not None


def notice() -> Message | None:
    """Why GPU telemetry is missing, in one sentence; ``None`` when NVML works."""
    return _ensure().notice


def device_count() -> int:
    return len(_ensure().gpus)


def driver_version() -> str | None:
    return _ensure().driver_version


def cuda_driver_version() -> str | None:
    """The CUDA version the driver supports, e.g. ``"12.4"``."""
    return _ensure().cuda_driver_version


def gpu_static_info() -> list[dict[str, Any]]:
    """Facts that do not change while the driver is loaded, one dict per GPU."""
    st = _ensure()
    out = []
    for gpu in st.gpus:
        mem = _query(st, "nvmlDeviceGetMemoryInfo", gpu.handle)
        out.append(
            {
                "index": gpu.index,
                "name": gpu.name,
                "uuid": gpu.uuid,
                "memory_total_bytes": _int_attr(mem, "total"),
                "default_power_limit_w": _milli(
                    _query_first(
                        st,
                        ("nvmlDeviceGetPowerManagementDefaultLimit", gpu.handle),
                        ("nvmlDeviceGetEnforcedPowerLimit", gpu.handle),
                    )
                ),
                "sm_clock_max_mhz": gpu.sm_clock_max_mhz,
                "mem_clock_max_mhz": gpu.mem_clock_max_mhz,
                "driver_version": st.driver_version,
                "cuda_driver_version": st.cuda_driver_version,
            }
        )
    return out


def read_gpus(include_pcie: bool = True) -> tuple[GpuSample, ...]:
    """One :class:`GpuSample` per GPU (``()`` without NVML).

    NVML measures PCIe throughput over a 20 ms window per call, so each GPU's two PCIe
    reads block for about 40 ms (waiting, not computing); ``include_pcie=False`` skips
    them and leaves those fields ``None``.
    """
    st = _ensure()
    return tuple(_read_gpu(st, gpu, include_pcie) for gpu in st.gpus)


def throttle_reason_names(mask: int | None) -> tuple[str, ...] | None:
    """Readable names of the bits set in an NVML clock-event reasons mask."""
    if mask is None:
        return None
    names = [name for bit, name in THROTTLE_REASONS.items() if mask & bit]
    unknown = mask & ~sum(THROTTLE_REASONS)
    if unknown:
        names.append(f"other_0x{unknown:x}")
    return tuple(names)


def shutdown() -> None:
    """Release NVML; the next call initialises it again (tests swap ``pynvml`` this way)."""
    global _state
    with _lock:
        st, _state = _state, None
    if st is not None and st.lib is not None:
        _query(st, "nvmlShutdown")


# --------------------------------------------------------------------------- internals


def _ensure() -> _State:
    st = _state
    if st is not None:
        return st
    with _lock:
        return _state if _state is not None else _set_state(_initialise())


def _set_state(st: _State) -> _State:
    global _state
    _state = st
    return st


def _initialise() -> _State:
    try:
        import pynvml
    except Exception as exc:  # ImportError, or a broken install
        return _State(notice=_with_host_only(Message(_NO_PYNVML, {"error": type(exc).__name__})))
    errors = tuple(
        e
        for e in (
            getattr(pynvml, "NVMLError", None),
            getattr(pynvml, "NVMLLibraryMismatchError", None),
        )
        if isinstance(e, type) and issubclass(e, BaseException)
    )
    try:
        pynvml.nvmlInit()
    except Exception as exc:
        return _State(notice=_init_notice(exc))
    st = _State(lib=pynvml, errors=errors)
    count = _query(st, "nvmlDeviceGetCount")
    for index in range(count or 0):
        handle = _query(st, "nvmlDeviceGetHandleByIndex", index)
        if handle is None:
            continue
        st.gpus.append(
            _Gpu(
                index=index,
                handle=handle,
                name=_query(st, "nvmlDeviceGetName", handle),
                uuid=_query(st, "nvmlDeviceGetUUID", handle),
                sm_clock_max_mhz=_float(
                    _query(st, "nvmlDeviceGetMaxClockInfo", handle, _const(st, "NVML_CLOCK_SM"))
                ),
                mem_clock_max_mhz=_float(
                    _query(st, "nvmlDeviceGetMaxClockInfo", handle, _const(st, "NVML_CLOCK_MEM"))
                ),
            )
        )
    if not st.gpus:
        _query(st, "nvmlShutdown")
        return _State(notice=_with_host_only(Message(_NO_GPU if not count else _NO_GPU_OPENED)))
    st.driver_version = _query(st, "nvmlSystemGetDriverVersion")
    st.cuda_driver_version = _cuda_version_string(
        _query_first(
            st, ("nvmlSystemGetCudaDriverVersion_v2",), ("nvmlSystemGetCudaDriverVersion",)
        )
    )
    return st


def _init_notice(exc: BaseException) -> Message:
    name = type(exc).__name__
    fixed = _INIT_NOTICES.get(name)
    reason = Message(fixed) if fixed else Message(_NOT_STARTED, {"error": f"{name}: {exc}"})
    return _with_host_only(reason)


def _read_gpu(st: _State, gpu: _Gpu, include_pcie: bool) -> GpuSample:
    h = gpu.handle
    util = _query(st, "nvmlDeviceGetUtilizationRates", h)
    mem = _query(st, "nvmlDeviceGetMemoryInfo", h)
    pstate = _query(st, "nvmlDeviceGetPerformanceState", h)
    if pstate == _NVML_PSTATE_UNKNOWN:
        pstate = None
    tx = rx = None
    if include_pcie:
        tx = _query(st, "nvmlDeviceGetPcieThroughput", h, _const(st, "NVML_PCIE_UTIL_TX_BYTES"))
        rx = _query(st, "nvmlDeviceGetPcieThroughput", h, _const(st, "NVML_PCIE_UTIL_RX_BYTES"))
    temp_sensor = _const(st, "NVML_TEMPERATURE_GPU")
    return GpuSample(
        index=gpu.index,
        name=gpu.name,
        uuid=gpu.uuid,
        driver_version=st.driver_version,
        cuda_driver_version=st.cuda_driver_version,
        utilization_gpu_percent=_float(_attr(util, "gpu")),
        utilization_memory_percent=_float(_attr(util, "memory")),
        memory_used_bytes=_int_attr(mem, "used"),
        memory_total_bytes=_int_attr(mem, "total"),
        temperature_c=_float(
            _query_first(
                st,
                ("nvmlDeviceGetTemperature", h, temp_sensor),
                ("nvmlDeviceGetTemperatureV", h, temp_sensor),
            )
        ),
        fan_percent=_float(_query(st, "nvmlDeviceGetFanSpeed", h)),
        power_w=_milli(_query(st, "nvmlDeviceGetPowerUsage", h)),
        power_limit_w=_milli(
            _query_first(
                st,
                ("nvmlDeviceGetEnforcedPowerLimit", h),
                ("nvmlDeviceGetPowerManagementLimit", h),
            )
        ),
        sm_clock_mhz=_float(_query(st, "nvmlDeviceGetClockInfo", h, _const(st, "NVML_CLOCK_SM"))),
        sm_clock_max_mhz=gpu.sm_clock_max_mhz,
        mem_clock_mhz=_float(_query(st, "nvmlDeviceGetClockInfo", h, _const(st, "NVML_CLOCK_MEM"))),
        mem_clock_max_mhz=gpu.mem_clock_max_mhz,
        throttle_reasons=throttle_reason_names(
            _query_first(
                st,
                ("nvmlDeviceGetCurrentClocksEventReasons", h),
                ("nvmlDeviceGetCurrentClocksThrottleReasons", h),
            )
        ),
        pstate=None if pstate is None else int(pstate),
        pcie_tx_bytes_per_s=None if tx is None else float(tx) * 1024.0,
        pcie_rx_bytes_per_s=None if rx is None else float(rx) * 1024.0,
        energy_j=_milli(_query(st, "nvmlDeviceGetTotalEnergyConsumption", h)),
    )


def _query(st: _State, name: str, *args: Any) -> Any:
    """``pynvml.<name>(*args)``, or ``None`` when NVML cannot answer. Bytes become str."""
    fn: Callable[..., Any] | None = getattr(st.lib, name, None)
    if fn is None:
        return None
    try:
        value = fn(*args)
    except st.errors:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _query_first(st: _State, *calls: Sequence[Any]) -> Any:
    """The first of several alternative NVML calls that answers (new name, then old)."""
    for name, *args in calls:
        value = _query(st, name, *args)
        if value is not None:
            return value
    return None


def _const(st: _State, name: str) -> int:
    defaults = {
        "NVML_TEMPERATURE_GPU": _NVML_TEMPERATURE_GPU,
        "NVML_CLOCK_SM": _NVML_CLOCK_SM,
        "NVML_CLOCK_MEM": _NVML_CLOCK_MEM,
        "NVML_PCIE_UTIL_TX_BYTES": _NVML_PCIE_UTIL_TX_BYTES,
        "NVML_PCIE_UTIL_RX_BYTES": _NVML_PCIE_UTIL_RX_BYTES,
    }
    value = getattr(st.lib, name, None)
    return value if isinstance(value, int) else defaults[name]


def _attr(obj: Any, name: str) -> Any:
    return None if obj is None else getattr(obj, name, None)


def _int_attr(obj: Any, name: str) -> int | None:
    value = _attr(obj, name)
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _milli(value: Any) -> float | None:
    """mW -> W, mJ -> J."""
    return None if value is None else float(value) / 1000.0


def _cuda_version_string(value: Any) -> str | None:
    if not isinstance(value, int) or value <= 0:
        return None
    return f"{value // 1000}.{(value % 1000) // 10}"
