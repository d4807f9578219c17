"""Shared fixtures for engine tests: a fake ``pynvml`` swapped in at the import boundary.

``engine.telemetry.nvml`` imports ``pynvml`` lazily on first use, so putting a fake
module in ``sys.modules['pynvml']`` and calling ``nvml.shutdown()`` (which forgets the
previous initialisation) makes the next NVML use see the fake. The fake answers in raw
NVML units (mW, mJ, KB/s) with the values in :data:`FAKE_GPU`.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from engine.telemetry import nvml

#: Raw NVML answers for each fake GPU.
FAKE_GPU: dict[str, Any] = {
    "name": "Fake GeForce RTX 9090",
    "uuid": "GPU-00000000-1111-2222-3333-444444444444",
    "util_gpu": 87,
    "util_memory": 43,
    "memory_total": 24 * 2**30,
    "memory_used": 6 * 2**30,
    "temperature": 65,
    "fan": 40,
    "power_mw": 250_500,
    "power_limit_mw": 450_000,
    "default_power_limit_mw": 450_000,
    "sm_clock": 2520,
    "sm_clock_max": 3105,
    "mem_clock": 10501,
    "mem_clock_max": 10501,
    "event_reasons": 0x4 | 0x20,  # sw_power_cap | sw_thermal_slowdown
    "pstate": 2,
    "pcie_tx_kbps": 1000,
    "pcie_rx_kbps": 2000,
    "energy_mj": 123_456_789,
}
FAKE_DRIVER = "550.54.14"
FAKE_CUDA = 12040  # NVML encodes CUDA 12.4 as 12040


def make_fake_pynvml(
    gpu_count: int = 1, init_error: str | None = None, overrides: dict[str, Any] | None = None
) -> types.ModuleType:
    """A stand-in for the ``pynvml`` module with the subset of API Suanli uses."""
    mod = types.ModuleType("pynvml")
    values = [dict(FAKE_GPU, **(overrides or {})) for _ in range(gpu_count)]
    mod.values = values  # type: ignore[attr-defined]
    mod.calls = []  # type: ignore[attr-defined]
    mod.init_count = 0  # type: ignore[attr-defined]
    mod.shutdown_count = 0  # type: ignore[attr-defined]

    class NVMLError(Exception):
        value = 999

    def error_class(name: str, code: int) -> type[NVMLError]:
        cls = type(name, (NVMLError,), {"value": code})
        setattr(mod, name, cls)
        return cls

    mod.NVMLError = NVMLError  # type: ignore[attr-defined]
    error_class("NVMLError_Uninitialized", 1)
    error_class("NVMLError_NotSupported", 3)
    error_class("NVMLError_NoPermission", 4)
    error_class("NVMLError_DriverNotLoaded", 9)
    error_class("NVMLError_LibraryNotFound", 12)
    error_class("NVMLError_GpuIsLost", 15)
    mod.NVML_TEMPERATURE_GPU = 0  # type: ignore[attr-defined]
    mod.NVML_CLOCK_SM = 1  # type: ignore[attr-defined]
    mod.NVML_CLOCK_MEM = 2  # type: ignore[attr-defined]
    mod.NVML_PCIE_UTIL_TX_BYTES = 0  # type: ignore[attr-defined]
    mod.NVML_PCIE_UTIL_RX_BYTES = 1  # type: ignore[attr-defined]

    def api(fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            mod.calls.append(fn.__name__)
            return fn(*args)

        wrapper.__name__ = fn.__name__
        setattr(mod, fn.__name__, wrapper)
        return wrapper

    def gpu(handle: Any) -> dict[str, Any]:
        return values[handle.index]

    class Handle:
        def __init__(self, index: int) -> None:
            self.index = index

    @api
    def nvmlInit() -> None:
        if init_error:
            raise getattr(mod, init_error)()
        mod.init_count += 1

    @api
    def nvmlShutdown() -> None:
        mod.shutdown_count += 1

    @api
    def nvmlSystemGetDriverVersion() -> str:
        return FAKE_DRIVER

    @api
    def nvmlSystemGetCudaDriverVersion() -> int:
        return FAKE_CUDA

    @api
    def nvmlDeviceGetCount() -> int:
        return gpu_count

    @api
    def nvmlDeviceGetHandleByIndex(index: int) -> Handle:
        return Handle(index)

    @api
    def nvmlDeviceGetName(h: Handle) -> bytes:
        return gpu(h)["name"].encode()  # old pynvml answered bytes

    @api
    def nvmlDeviceGetUUID(h: Handle) -> str:
        return gpu(h)["uuid"]

    @api
    def nvmlDeviceGetUtilizationRates(h: Handle) -> Any:
        return types.SimpleNamespace(gpu=gpu(h)["util_gpu"], memory=gpu(h)["util_memory"])

    @api
    def nvmlDeviceGetMemoryInfo(h: Handle) -> Any:
        g = gpu(h)
        return types.SimpleNamespace(
            total=g["memory_total"],
            used=g["memory_used"],
            free=g["memory_total"] - g["memory_used"],
        )

    @api
    def nvmlDeviceGetTemperature(h: Handle, sensor: int) -> int:
        assert sensor == mod.NVML_TEMPERATURE_GPU
        return gpu(h)["temperature"]

    @api
    def nvmlDeviceGetFanSpeed(h: Handle) -> int:
        return gpu(h)["fan"]

    @api
    def nvmlDeviceGetPowerUsage(h: Handle) -> int:
        return gpu(h)["power_mw"]

    @api
    def nvmlDeviceGetEnforcedPowerLimit(h: Handle) -> int:
        return gpu(h)["power_limit_mw"]

    @api
    def nvmlDeviceGetPowerManagementDefaultLimit(h: Handle) -> int:
        return gpu(h)["default_power_limit_mw"]

    @api
    def nvmlDeviceGetClockInfo(h: Handle, clock: int) -> int:
        return gpu(h)["sm_clock" if clock == mod.NVML_CLOCK_SM else "mem_clock"]

    @api
    def nvmlDeviceGetMaxClockInfo(h: Handle, clock: int) -> int:
        return gpu(h)["sm_clock_max" if clock == mod.NVML_CLOCK_SM else "mem_clock_max"]

    @api
    def nvmlDeviceGetCurrentClocksEventReasons(h: Handle) -> int:
        return gpu(h)["event_reasons"]

    @api
    def nvmlDeviceGetPerformanceState(h: Handle) -> int:
        return gpu(h)["pstate"]

    @api
    def nvmlDeviceGetPcieThroughput(h: Handle, counter: int) -> int:
        return gpu(h)["pcie_tx_kbps" if counter == mod.NVML_PCIE_UTIL_TX_BYTES else "pcie_rx_kbps"]

    @api
    def nvmlDeviceGetTotalEnergyConsumption(h: Handle) -> int:
        return gpu(h)["energy_mj"]

    def fail(name: str, error: str = "NVMLError_NotSupported") -> None:
        """Make ``pynvml.<name>`` raise ``pynvml.<error>`` from now on."""
        exc_type = getattr(mod, error)

        def failing(*args: Any) -> Any:
            mod.calls.append(name)
            raise exc_type()

        setattr(mod, name, failing)

    def remove(name: str) -> None:
        """Make ``pynvml.<name>`` missing, as in an older nvidia-ml-py."""
        delattr(mod, name)

    mod.fail = fail  # type: ignore[attr-defined]
    mod.remove = remove  # type: ignore[attr-defined]
    return mod


@pytest.fixture
def install_fake_pynvml(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[..., types.ModuleType]]:
    """``install(**make_fake_pynvml kwargs)`` puts a fake pynvml in place; undone afterwards."""

    def install(**kwargs: Any) -> types.ModuleType:
        fake = make_fake_pynvml(**kwargs)
        monkeypatch.setitem(sys.modules, "pynvml", fake)
        nvml.shutdown()
        return fake

    nvml.shutdown()
    yield install
    nvml.shutdown()


@pytest.fixture
def fake_pynvml(install_fake_pynvml: Callable[..., types.ModuleType]) -> types.ModuleType:
    """One fake GPU answering :data:`FAKE_GPU`."""
    return install_fake_pynvml()


@pytest.fixture
def real_nvml() -> Iterator[None]:
    """The real ``pynvml`` against this machine, freshly initialised."""
    nvml.shutdown()
    yield
    nvml.shutdown()
