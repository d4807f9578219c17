"""A stand-in for ``libnvidia-ml.so`` at the C boundary, so the real nvidia-ml-py runs in CI.

``pynvml`` (nvidia-ml-py) loads the library into ``pynvml.nvmlLib`` and looks each C
symbol up with ``getattr(nvmlLib, name)`` (``_nvmlGetFunctionPointer``). :func:`install`
puts a :class:`FakeLibNvml` there: its attributes are the C symbols, callables that take
the ctypes arguments pynvml builds (``byref`` structs, string buffers, ``c_uint``s), fill
them in NVML's units (mW, mJ, bytes, KB/s, MHz) and return NVML return codes. pynvml's own
ctypes code, structs and ``NVMLError_*`` classes run unchanged.

What it models: N GPUs with PCI bus ids and UUIDs; MIG mode with MIG device handles
(utilization NOT_SUPPORTED and memory NO_PERMISSION on the parent, as for a non-root user
on an H100/H200); a GPU lost mid-run (every call then answers GPU_IS_LOST); symbols an
old driver lacks (pynvml raises FUNCTION_NOT_FOUND); per-GPU NOT_SUPPORTED fields; power
as NVML's 1-second average (``nvmlDeviceGetPowerUsage`` on Ampere and newer) and as the
instantaneous field; an energy counter in mJ that may update only every
``energy_update_s``. Power follows a schedule of (time, watts) steps on a clock the test
controls, so energy has an exact answer.
"""

from __future__ import annotations

import ctypes
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pynvml

SUCCESS = 0
INVALID_ARGUMENT = 2
NOT_SUPPORTED = 3
NO_PERMISSION = 4
NOT_FOUND = 6
GPU_IS_LOST = 15
ARGUMENT_VERSION_MISMATCH = 25

GIB = 2**30
MIB = 2**20
H200_MEMORY = 143_771 * MIB
H200_RESERVED = 551 * MIB  # driver-reserved: v1 counts it as "used", v2 apart


@dataclass
class FakeMig:
    """One MIG device: profile name and its own memory."""

    profile: str = "1g.18gb"
    memory_total: int = 16_384 * MIB
    memory_used: int = 0
    uuid: str = ""


@dataclass
class FakeGpu:
    """One GPU's raw NVML answers. ``power`` is a list of (time, watts) steps."""

    name: str = "NVIDIA H200"
    uuid: str = "GPU-5d2f8c1e-0000-4000-8000-000000000000"
    pci_bus_id: str = "00000000:19:00.0"
    arch: int = 9  # NVML_DEVICE_ARCH_HOPPER
    memory_total: int = H200_MEMORY
    memory_reserved: int = H200_RESERVED
    memory_used: int = 0  # as v2 counts it (v1 adds the reserved part)
    util_gpu: int = 0
    util_memory: int = 0
    temperature: int = 31
    fan: int | None = None  # passively cooled: NOT_SUPPORTED
    idle_w: float = 75.0
    power: list[tuple[float, float]] = field(default_factory=list)
    power_limit_mw: int = 700_000
    default_power_limit_mw: int = 700_000
    energy0_mj: int = 9_876_543_210
    energy_update_s: float = 0.0  # 0: continuous; 0.1: the counter steps every 100 ms
    instant_power: bool = True  # NVML_FI_DEV_POWER_INSTANT answers
    sm_clock: int = 345
    sm_clock_max: int = 1980
    mem_clock: int = 2619
    mem_clock_max: int = 2619
    event_reasons: int = 0x1  # gpu_idle
    pstate: int = 0
    pcie_tx_kbps: int = 1_000
    pcie_rx_kbps: int = 2_000
    mig_mode: int | None = None  # None: MIG not supported (NOT_SUPPORTED); 0 off; 1 on
    migs: list[FakeMig] = field(default_factory=list)
    mig_slots: int = 7
    unsupported: dict[str, int] = field(default_factory=dict)  # symbol -> NVML return code
    lost: bool = False

    # ---------------------------------------------------------------- the physics
    def watts(self, t: float) -> float:
        w = self.idle_w
        for start, value in self.power:
            if t >= start:
                w = value
        return w

    def joules(self, t0: float, t1: float) -> float:
        """Exact energy between two times from the power steps."""
        if t1 <= t0:
            return 0.0
        edges = sorted({t0, t1, *(s for s, _ in self.power if t0 < s < t1)})
        return sum(self.watts(a) * (b - a) for a, b in zip(edges, edges[1:], strict=False))

    def energy_mj(self, t: float) -> int:
        if self.energy_update_s > 0:
            t = math.floor(t / self.energy_update_s) * self.energy_update_s
        return self.energy0_mj + round(1000 * self.joules(0.0, t))

    def average_mw(self, t: float) -> int:
        """NVML's 1-second average power."""
        return round(1000 * self.joules(t - 1.0, t))


class _Symbol:
    """A C function: called with ctypes arguments, returns an NVML return code."""

    def __init__(self, lib: FakeLibNvml, name: str, fn: Callable[..., int]) -> None:
        self.lib, self.name, self.fn = lib, name, fn
        self.restype: Any = None
        self.argtypes: Any = None

    def __call__(self, *args: Any) -> Any:
        return self.lib.dispatch(self.name, self.fn, args)


def _out(arg: Any) -> Any:
    """The ctypes object behind a ``byref(...)`` argument."""
    return getattr(arg, "_obj", arg)


def _uint(arg: Any) -> int:
    return int(arg.value) if hasattr(arg, "value") else int(arg)


def _handle_id(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _set_handle(arg: Any, hid: int) -> None:
    ctypes.c_void_p.from_buffer(_out(arg)).value = hid


def _write_str(buf: Any, size: Any, text: str) -> int:
    data = text.encode()
    if len(data) + 1 > _uint(size):
        return 7  # NVML_ERROR_INSUFFICIENT_SIZE
    buf.value = data
    return SUCCESS


_GPU_BASE = 0x1000
_MIG_BASE = 0x10000


class FakeLibNvml:
    """The C library's symbols over a list of :class:`FakeGpu`; a clock the test can set."""

    def __init__(
        self,
        gpus: list[FakeGpu],
        *,
        driver: str = "570.124.06",
        cuda: int = 12080,
        clock: Callable[[], float] | None = None,
        missing: set[str] | None = None,
        pcie_block_s: float = 0.0,
    ) -> None:
        self.gpus = gpus
        self.driver = driver
        self.cuda = cuda
        self.clock = clock or time.monotonic
        self.missing = set(missing or ())
        self.pcie_block_s = pcie_block_s
        self.calls: list[tuple[str, int | None]] = []
        self.initialised = 0
        self._lock = threading.Lock()
        self._symbols = {
            n[len("_c_") :]: getattr(self, n) for n in dir(type(self)) if n.startswith("_c_nvml")
        }

    # ---------------------------------------------------------------- the symbol table
    def __getattr__(self, name: str) -> Any:
        if name.startswith("nvml") and name in self._symbols and name not in self.missing:
            return _Symbol(self, name, self._symbols[name])
        raise AttributeError(name)

    def dispatch(self, name: str, fn: Callable[..., int], args: tuple) -> Any:
        target = self._target(args[0]) if args and name.startswith("nvmlDevice") else None
        gpu = target[0] if target else None
        with self._lock:
            self.calls.append((name, None if gpu is None else self.gpus.index(gpu)))
        if gpu is not None:
            if gpu.lost:
                return GPU_IS_LOST
            if name in gpu.unsupported:
                return gpu.unsupported[name]
        return fn(*args) if target is None else fn(target, *args[1:])

    def _target(self, handle: Any) -> tuple[FakeGpu, FakeMig | None] | None:
        if not isinstance(handle, ctypes._Pointer):  # an index, not a handle
            return None
        hid = _handle_id(handle)
        if hid >= _MIG_BASE:
            g, m = divmod(hid - _MIG_BASE, 16)
            return self.gpus[g], self.gpus[g].migs[m]
        return self.gpus[hid - _GPU_BASE], None

    def calls_to(self, gpu_index: int) -> int:
        return sum(1 for _, i in self.calls if i == gpu_index)

    # ---------------------------------------------------------------- system
    def _c_nvmlInitWithFlags(self, flags: Any) -> int:
        self.initialised += 1
        return SUCCESS

    def _c_nvmlShutdown(self) -> int:
        self.initialised -= 1
        return SUCCESS

    def _c_nvmlErrorString(self, code: Any) -> bytes:
        return f"fake NVML error {_uint(code)}".encode()

    def _c_nvmlSystemGetDriverVersion(self, buf: Any, size: Any) -> int:
        return _write_str(buf, size, self.driver)

    def _c_nvmlSystemGetCudaDriverVersion_v2(self, out: Any) -> int:
        _out(out).value = self.cuda
        return SUCCESS

    def _c_nvmlSystemGetCudaDriverVersion(self, out: Any) -> int:
        _out(out).value = self.cuda
        return SUCCESS

    def _c_nvmlDeviceGetCount_v2(self, out: Any) -> int:
        _out(out).value = len(self.gpus)
        return SUCCESS

    def _c_nvmlDeviceGetHandleByIndex_v2(self, index: Any, out: Any) -> int:
        i = _uint(index)
        if i >= len(self.gpus):
            return INVALID_ARGUMENT
        if self.gpus[i].lost:
            return GPU_IS_LOST
        _set_handle(out, _GPU_BASE + i)
        return SUCCESS

    # ---------------------------------------------------------------- identity
    def _c_nvmlDeviceGetName(self, t: tuple, buf: Any, size: Any) -> int:
        gpu, mig = t
        name = gpu.name if mig is None else f"{gpu.name} MIG {mig.profile}"
        return _write_str(buf, size, name)

    def _c_nvmlDeviceGetUUID(self, t: tuple, buf: Any, size: Any) -> int:
        gpu, mig = t
        return _write_str(buf, size, gpu.uuid if mig is None else mig.uuid)

    def _c_nvmlDeviceGetPciInfo_v3(self, t: tuple, out: Any) -> int:
        gpu, _ = t
        info = _out(out)
        info.busId = gpu.pci_bus_id.encode()
        domain, bus, rest = gpu.pci_bus_id.split(":")
        info.busIdLegacy = f"{int(domain, 16):04x}:{bus}:{rest}".encode()
        info.domain, info.bus = int(domain, 16), int(bus, 16)
        info.device = int(rest.split(".")[0], 16)
        return SUCCESS

    def _c_nvmlDeviceGetArchitecture(self, t: tuple, out: Any) -> int:
        _out(out).value = t[0].arch
        return SUCCESS

    # ---------------------------------------------------------------- MIG
    def _c_nvmlDeviceGetMigMode(self, t: tuple, current: Any, pending: Any) -> int:
        gpu, _ = t
        if gpu.mig_mode is None:
            return NOT_SUPPORTED
        _out(current).value = _out(pending).value = gpu.mig_mode
        return SUCCESS

    def _c_nvmlDeviceGetMaxMigDeviceCount(self, t: tuple, out: Any) -> int:
        gpu, _ = t
        if gpu.mig_mode is None:
            return NOT_SUPPORTED
        _out(out).value = gpu.mig_slots if gpu.mig_mode else 0
        return SUCCESS

    def _c_nvmlDeviceGetMigDeviceHandleByIndex(self, t: tuple, index: Any, out: Any) -> int:
        gpu, _ = t
        i = _uint(index)
        if not gpu.mig_mode or i >= len(gpu.migs):
            return NOT_FOUND
        _set_handle(out, _MIG_BASE + 16 * self.gpus.index(gpu) + i)
        return SUCCESS

    # ---------------------------------------------------------------- load and memory
    def _c_nvmlDeviceGetUtilizationRates(self, t: tuple, out: Any) -> int:
        gpu, mig = t
        if gpu.mig_mode or mig is not None:
            return NOT_SUPPORTED
        util = _out(out)
        util.gpu, util.memory = gpu.util_gpu, gpu.util_memory
        return SUCCESS

    def _memory(self, t: tuple, out: Any, v2: bool) -> int:
        gpu, mig = t
        mem = _out(out)
        if mig is not None:
            mem.total, mem.used = mig.memory_total, mig.memory_used
            mem.free = mig.memory_total - mig.memory_used
            return SUCCESS
        if gpu.mig_mode:
            return NO_PERMISSION
        if v2:
            if mem.version != pynvml.nvmlMemory_v2:
                return ARGUMENT_VERSION_MISMATCH
            mem.total, mem.reserved, mem.used = (
                gpu.memory_total,
                gpu.memory_reserved,
                gpu.memory_used,
            )
            mem.free = gpu.memory_total - gpu.memory_reserved - gpu.memory_used
        else:
            mem.total, mem.used = gpu.memory_total, gpu.memory_used + gpu.memory_reserved
            mem.free = gpu.memory_total - mem.used
        return SUCCESS

    def _c_nvmlDeviceGetMemoryInfo(self, t: tuple, out: Any) -> int:
        return self._memory(t, out, v2=False)

    def _c_nvmlDeviceGetMemoryInfo_v2(self, t: tuple, out: Any) -> int:
        return self._memory(t, out, v2=True)

    def _c_nvmlDeviceGetTemperature(self, t: tuple, sensor: Any, out: Any) -> int:
        _out(out).value = t[0].temperature
        return SUCCESS

    def _c_nvmlDeviceGetFanSpeed(self, t: tuple, out: Any) -> int:
        if t[0].fan is None:
            return NOT_SUPPORTED
        _out(out).value = t[0].fan
        return SUCCESS

    def _c_nvmlDeviceGetClockInfo(self, t: tuple, kind: Any, out: Any) -> int:
        _out(out).value = t[0].sm_clock if _uint(kind) == 1 else t[0].mem_clock
        return SUCCESS

    def _c_nvmlDeviceGetMaxClockInfo(self, t: tuple, kind: Any, out: Any) -> int:
        _out(out).value = t[0].sm_clock_max if _uint(kind) == 1 else t[0].mem_clock_max
        return SUCCESS

    def _c_nvmlDeviceGetCurrentClocksEventReasons(self, t: tuple, out: Any) -> int:
        _out(out).value = t[0].event_reasons
        return SUCCESS

    def _c_nvmlDeviceGetCurrentClocksThrottleReasons(self, t: tuple, out: Any) -> int:
        _out(out).value = t[0].event_reasons
        return SUCCESS

    def _c_nvmlDeviceGetPerformanceState(self, t: tuple, out: Any) -> int:
        _out(out).value = t[0].pstate
        return SUCCESS

    def _c_nvmlDeviceGetPcieThroughput(self, t: tuple, counter: Any, out: Any) -> int:
        if self.pcie_block_s:
            time.sleep(self.pcie_block_s)  # NVML samples PCIe over 20 ms
        gpu = t[0]
        _out(out).value = gpu.pcie_tx_kbps if _uint(counter) == 0 else gpu.pcie_rx_kbps
        return SUCCESS

    # ---------------------------------------------------------------- power and energy
    def _c_nvmlDeviceGetPowerUsage(self, t: tuple, out: Any) -> int:
        gpu = t[0]
        now = self.clock()
        mw = gpu.average_mw(now) if gpu.arch >= 7 else round(1000 * gpu.watts(now))
        _out(out).value = mw
        return SUCCESS

    def _c_nvmlDeviceGetFieldValues(self, t: tuple, count: Any, values: Any) -> int:
        gpu = t[0]
        arr = _out(values)
        for i in range(_uint(count)):
            v = arr[i]
            v.timestamp = int(self.clock() * 1e6)
            if v.fieldId == pynvml.NVML_FI_DEV_POWER_INSTANT and gpu.instant_power:
                v.nvmlReturn = SUCCESS
                v.valueType = pynvml.NVML_VALUE_TYPE_UNSIGNED_INT
                v.value.uiVal = round(1000 * gpu.watts(self.clock()))
            else:
                v.nvmlReturn = NOT_SUPPORTED
        return SUCCESS

    def _c_nvmlDeviceGetEnforcedPowerLimit(self, t: tuple, out: Any) -> int:
        _out(out).value = t[0].power_limit_mw
        return SUCCESS

    def _c_nvmlDeviceGetPowerManagementLimit(self, t: tuple, out: Any) -> int:
        _out(out).value = t[0].power_limit_mw
        return SUCCESS

    def _c_nvmlDeviceGetPowerManagementDefaultLimit(self, t: tuple, out: Any) -> int:
        _out(out).value = t[0].default_power_limit_mw
        return SUCCESS

    def _c_nvmlDeviceGetTotalEnergyConsumption(self, t: tuple, out: Any) -> int:
        _out(out).value = t[0].energy_mj(self.clock())
        return SUCCESS


def h200s(n: int, **kwargs: Any) -> list[FakeGpu]:
    """``n`` H200s on consecutive PCI buses (0x19, 0x2a, ...), distinct UUIDs."""
    buses = [0x19, 0x2A, 0x3B, 0x5D, 0x9A, 0xAB, 0xBA, 0xDB, 0x1B, 0x2B]
    return [
        FakeGpu(
            uuid=f"GPU-5d2f8c1e-0000-4000-8000-{i:012x}",
            pci_bus_id=f"00000000:{buses[i]:02X}:00.0",
            **kwargs,
        )
        for i in range(n)
    ]


def install(monkeypatch: Any, lib: FakeLibNvml) -> FakeLibNvml:
    """Make the real pynvml use ``lib`` as its loaded library (undone by ``monkeypatch``)."""
    import sys

    monkeypatch.setitem(sys.modules, "pynvml", pynvml)
    monkeypatch.setattr(pynvml, "nvmlLib", lib)
    monkeypatch.setattr(pynvml, "_nvmlGetFunctionPointer_cache", {})
    return lib
