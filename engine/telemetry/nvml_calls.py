"""One NVML call at a time, as "a value, or why not": the query helper and the GPU record.

:class:`Caller` wraps the loaded ``pynvml`` module (it never imports it: ``nvml.py`` does)
and turns each ``NVMLError`` into a reason (``engine.telemetry.snapshot``'s
``NOT_SUPPORTED``, ``NO_PERMISSION``, ``FUNCTION_NOT_FOUND``, ``GPU_LOST``). A call that
answers ``GPU_LOST`` marks its :class:`Gpu` lost; a lost GPU is not called again.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.telemetry.snapshot import FUNCTION_NOT_FOUND, GPU_LOST, NO_PERMISSION, NOT_SUPPORTED

# NVML return codes (nvml.h; stable across driver releases).
NVML_ERROR_NOT_SUPPORTED = 3
NVML_ERROR_NO_PERMISSION = 4
NVML_ERROR_NOT_FOUND = 6
NVML_ERROR_FUNCTION_NOT_FOUND = 13
NVML_ERROR_GPU_IS_LOST = 15

_REASONS = {
    NVML_ERROR_NOT_SUPPORTED: NOT_SUPPORTED,
    NVML_ERROR_NO_PERMISSION: NO_PERMISSION,
    NVML_ERROR_FUNCTION_NOT_FOUND: FUNCTION_NOT_FOUND,
    NVML_ERROR_GPU_IS_LOST: GPU_LOST,
}
_REASONS_BY_CLASS = {
    "NVMLError_NotSupported": NOT_SUPPORTED,
    "NVMLError_NoPermission": NO_PERMISSION,
    "NVMLError_FunctionNotFound": FUNCTION_NOT_FOUND,
    "NVMLError_GpuIsLost": GPU_LOST,
}


@dataclass
class MigDevice:
    """A MIG device handle of a MIG-enabled GPU, and what does not change about it."""

    index: int
    handle: Any
    uuid: str | None
    name: str | None
    profile: str | None


@dataclass
class Gpu:
    """An NVML device handle and what does not change while the driver is loaded."""

    index: int
    handle: Any
    name: str | None = None
    uuid: str | None = None
    pci_bus_id: str | None = None
    sm_clock_max_mhz: float | None = None
    mem_clock_max_mhz: float | None = None
    power_kind: str | None = None
    instant_power: bool = False  # NVML_FI_DEV_POWER_INSTANT answers
    memory_v2: bool | None = None  # None: not tried yet
    mig_enabled: bool | None = None
    mig_devices: list[MigDevice] = field(default_factory=list)
    lost_at: float | None = None  # time.time() when NVML said the GPU is lost

    @property
    def lost(self) -> bool:
        return self.lost_at is not None


class Caller:
    """``pynvml.<name>(*args)`` as ``(value, None)`` or ``(None, reason)``; never raises."""

    def __init__(self, lib: Any, errors: tuple[type[BaseException], ...]) -> None:
        self.lib = lib
        self.errors = errors

    def call(self, name: str, *args: Any, gpu: Gpu | None = None, **kwargs: Any) -> tuple:
        if gpu is not None and gpu.lost:
            return None, GPU_LOST
        fn = getattr(self.lib, name, None)
        if fn is None:  # this nvidia-ml-py predates the call
            return None, FUNCTION_NOT_FOUND
        try:
            value = fn(*args, **kwargs)
        except TypeError:
            if not kwargs:
                raise
            return None, FUNCTION_NOT_FOUND  # an older nvidia-ml-py: no such keyword
        except self.errors as exc:
            reason = reason_of(exc)
            if reason == GPU_LOST and gpu is not None and gpu.lost_at is None:
                gpu.lost_at = time.time()
            return None, reason
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        return value, None

    def value(self, name: str, *args: Any, gpu: Gpu | None = None) -> Any:
        return self.call(name, *args, gpu=gpu)[0]

    def first(self, *calls: Sequence[Any], gpu: Gpu | None = None) -> tuple:
        """The first of several alternative calls that answers (new name, then old)."""
        reason = None
        for name, *args in calls:
            value, why = self.call(name, *args, gpu=gpu)
            if why is None:
                return value, None
            if reason is None or reason == FUNCTION_NOT_FOUND:
                reason = why
            if why == GPU_LOST:
                break
        return None, reason

    def const(self, name: str, default: int) -> int:
        value = getattr(self.lib, name, None)
        return value if isinstance(value, int) and not isinstance(value, bool) else default


def reason_of(exc: BaseException) -> str:
    """An NVMLError as a reason word (``"error_<code>"`` for the rare others)."""
    code = getattr(exc, "value", None)
    if isinstance(code, int) and code in _REASONS:
        return _REASONS[code]
    by_class = _REASONS_BY_CLASS.get(type(exc).__name__)
    if by_class:
        return by_class
    return f"error_{code}" if isinstance(code, int) else "error"
