"""All NVML access, in one place; every failure becomes "not available".

This is the only module that imports ``pynvml`` (the ``nvidia-ml-py`` package), and it
does so lazily: NVML is initialised once, on first use, under a lock. Each field is read
through ``nvml_calls.Caller``, which turns any ``pynvml.NVMLError`` (and a function or
attribute this pynvml/driver lacks) into ``None`` and a reason, so one unsupported field
never breaks the rest. A GPU that answers ``GpuIsLost`` is marked lost and polled no more
(:func:`lost_gpus`); GPUs are read in parallel, each sample stamped with its own time.

No GPU, no driver or no ``libnvidia-ml``: :func:`available` is ``False`` and
:func:`notice` holds one sentence saying why; nothing raises. The notice is an
``engine.i18n.message.Message`` (stored with snapshots as its dict), said in the user's
language where it is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from engine.i18n import N_
from engine.i18n.message import Message
from engine.telemetry import gpu_reading
from engine.telemetry.gpu_reading import describe_gpu, read_gpu
from engine.telemetry.nvml_calls import Caller, Gpu
from engine.telemetry.snapshot import GpuSample

#: NVML clock-event ("throttle") reason bits and the names Suanli shows for them.
THROTTLE_REASONS = gpu_reading.THROTTLE_REASONS
throttle_reason_names = gpu_reading.throttle_reason_names

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
class _State:
    lib: Any = None
    notice: Message | None = None
    caller: Caller | None = None
    driver_version: str | None = None
    cuda_driver_version: str | None = None
    gpus: list[Gpu] = field(default_factory=list)
    pool: ThreadPoolExecutor | None = None


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
        c = _caller(st)
        mem = c.value("nvmlDeviceGetMemoryInfo", gpu.handle, gpu=gpu)
        limit, _ = c.first(
            ("nvmlDeviceGetPowerManagementDefaultLimit", gpu.handle),
            ("nvmlDeviceGetEnforcedPowerLimit", gpu.handle),
            gpu=gpu,
        )
        total = getattr(mem, "total", None)
        out.append(
            {
                "index": gpu.index,
                "name": gpu.name,
                "uuid": gpu.uuid,
                "pci_bus_id": gpu.pci_bus_id,
                "memory_total_bytes": None if total is None else int(total),
                "default_power_limit_w": gpu_reading.milli(limit),
                "power_kind": gpu.power_kind,
                "sm_clock_max_mhz": gpu.sm_clock_max_mhz,
                "mem_clock_max_mhz": gpu.mem_clock_max_mhz,
                "driver_version": st.driver_version,
                "cuda_driver_version": st.cuda_driver_version,
                "mig_enabled": gpu.mig_enabled,
                "mig_devices": [
                    {"index": m.index, "uuid": m.uuid, "name": m.name, "profile": m.profile}
                    for m in gpu.mig_devices
                ],
                "lost": gpu.lost,
            }
        )
    return out


def read_gpus(include_pcie: bool = True) -> tuple[GpuSample, ...]:
    """One :class:`GpuSample` per GPU (``()`` without NVML), the GPUs read in parallel.

    NVML measures PCIe throughput over a 20 ms window per call, so each GPU's two PCIe
    reads block for about 40 ms (waiting, not computing); ``include_pcie=False`` skips
    them and leaves those fields ``None`` (:func:`read_pcie` reads them apart).
    A lost GPU is not called: its sample has ``lost=True`` and no readings.
    """
    st = _ensure()
    c = _caller(st)
    versions = (st.driver_version, st.cuda_driver_version)
    return _each(st, lambda gpu: read_gpu(c, gpu, include_pcie, versions))


def read_pcie() -> dict[int, tuple[float | None, float | None]]:
    """PCIe throughput (out, in) in B/s per GPU index; blocks ~40 ms (in parallel)."""
    st = _ensure()
    c = _caller(st)
    values = _each(st, lambda gpu: gpu_reading.read_pcie(c, gpu))
    return {gpu.index: v for gpu, v in zip(st.gpus, values, strict=True)}


def read_energy_j(indices: Sequence[int]) -> dict[int, float | None]:
    """The energy counter (J since the driver loaded) of the GPUs ``indices``; one call each."""
    st = _ensure()
    c = _caller(st)
    by_index = {g.index: g for g in st.gpus}
    return {
        i: gpu_reading.read_energy_j(c, by_index[i]) if i in by_index else None for i in indices
    }


def read_power_w(indices: Sequence[int]) -> dict[int, float | None]:
    """Power (W) of the GPUs ``indices`` as NVML reports it (see :func:`power_kinds`)."""
    st = _ensure()
    c = _caller(st)
    by_index = {g.index: g for g in st.gpus}
    return {i: gpu_reading.read_power_w(c, by_index[i]) if i in by_index else None for i in indices}


def power_kinds() -> dict[int, str | None]:
    """What each GPU's power figure is: ``"instantaneous"``, ``"1s_average"`` or unknown."""
    return {g.index: g.power_kind for g in _ensure().gpus}


def lost_gpus() -> dict[int, float]:
    """The GPUs NVML has said are lost: index -> when (``time.time()``)."""
    return {g.index: g.lost_at for g in _ensure().gpus if g.lost_at is not None}


def shutdown() -> None:
    """Release NVML; the next call initialises it again (tests swap ``pynvml`` this way)."""
    global _state
    with _lock:
        st, _state = _state, None
    if st is None:
        return
    if st.pool is not None:
        st.pool.shutdown(wait=True)
    if st.lib is not None:
        _caller(st).call("nvmlShutdown")


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


def _caller(st: _State) -> Caller:
    return st.caller if st.caller is not None else Caller(None, ())


def _each(st: _State, read: Callable[[Gpu], Any]) -> tuple:
    """``read(gpu)`` for every GPU, in parallel threads when there are several."""
    if not st.gpus:
        return ()
    if len(st.gpus) == 1 or st.pool is None:
        return tuple(read(g) for g in st.gpus)
    return tuple(st.pool.map(read, st.gpus))


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
    c = Caller(pynvml, errors)
    st = _State(lib=pynvml, caller=c)
    count = c.value("nvmlDeviceGetCount")
    for index in range(count or 0):
        handle = c.value("nvmlDeviceGetHandleByIndex", index)
        if handle is not None:
            st.gpus.append(describe_gpu(c, index, handle))
    if not st.gpus:
        c.call("nvmlShutdown")
        return _State(notice=_with_host_only(Message(_NO_GPU if not count else _NO_GPU_OPENED)))
    st.driver_version = c.value("nvmlSystemGetDriverVersion")
    st.cuda_driver_version = _cuda_version_string(
        c.first(("nvmlSystemGetCudaDriverVersion_v2",), ("nvmlSystemGetCudaDriverVersion",))[0]
    )
    if len(st.gpus) > 1:
        st.pool = ThreadPoolExecutor(len(st.gpus), thread_name_prefix="suanli-nvml")
    return st


def _init_notice(exc: BaseException) -> Message:
    name = type(exc).__name__
    fixed = _INIT_NOTICES.get(name)
    reason = Message(fixed) if fixed else Message(_NOT_STARTED, {"error": f"{name}: {exc}"})
    return _with_host_only(reason)


def _cuda_version_string(value: Any) -> str | None:
    if not isinstance(value, int) or value <= 0:
        return None
    return f"{value // 1000}.{(value % 1000) // 10}"
