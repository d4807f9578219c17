"""Device telemetry: host (psutil) and NVIDIA GPU (NVML) samples, a sampler thread, inventory.

Importing this package is cheap: NVML is loaded on first use (``engine.telemetry.nvml``)
and TensorFlow only by :func:`engine.telemetry.inventory.inventory`.
"""

from __future__ import annotations

from engine.telemetry.sampler import TelemetrySampler
from engine.telemetry.snapshot import DeviceSnapshot, GpuSample, HostSample

__all__ = ["DeviceSnapshot", "GpuSample", "HostSample", "TelemetrySampler"]
