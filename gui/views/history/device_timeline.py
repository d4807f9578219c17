"""A stored run's telemetry snapshots as columns for plotting (no widgets).

The results store keeps the snapshots taken while a run trained (thinned to a bounded
number, :meth:`engine.store.store.Store.device_samples`), as dicts of
:class:`engine.telemetry.snapshot.DeviceSnapshot`. The time axis is seconds from the run's
first sample, by the samples' wall-clock ``timestamp`` (a resumed run's samples come from
two processes; the gap between them shows).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

GIB = 2**30
HOST_KEYS = ("cpu", "process", "ram_used", "ram_total")
GPU_KEYS = ("util", "memory_used", "memory_total", "temperature", "power", "power_limit")


def _num(value: Any, scale: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return math.nan
    return float(value) / scale


@dataclass
class DeviceTimeline:
    """A stored run's telemetry as columns: ``t`` in seconds from the first sample, host
    columns in ``host`` and each GPU's (by its NVML index) in ``gpus``; every column as long
    as ``t``, NaN where a sample did not report the value. ``pci`` is each GPU's PCI bus id
    where the samples carry it (to match it to TensorFlow's numbering)."""

    t: np.ndarray
    host: dict[str, np.ndarray]
    gpus: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)
    pci: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.t)


def device_timeline(samples: Sequence[Mapping[str, Any]]) -> DeviceTimeline:
    """Columns from stored snapshot dicts (samples without a timestamp are skipped).

    CPU load is of the whole machine; Suanli's own (psutil's "100 = one core") is divided
    by the logical cores, as the Device tab shows it; memory in GiB."""
    kept = [
        s for s in samples if isinstance(s, Mapping) and math.isfinite(_num(s.get("timestamp")))
    ]
    n = len(kept)
    t = np.array([float(s["timestamp"]) for s in kept], dtype=float)
    if n:
        t -= t[0]
    host = {k: np.full(n, math.nan) for k in HOST_KEYS}
    gpus: dict[int, dict[str, np.ndarray]] = {}
    pci: dict[int, str] = {}
    for i, s in enumerate(kept):
        h = s.get("host") if isinstance(s.get("host"), Mapping) else {}
        cores = _num(h.get("logical_cores"))
        host["cpu"][i] = _num(h.get("cpu_percent"))
        host["process"][i] = _num(h.get("process_cpu_percent"), cores if cores >= 1 else 1.0)
        host["ram_used"][i] = _num(h.get("ram_used_bytes"), GIB)
        host["ram_total"][i] = _num(h.get("ram_total_bytes"), GIB)
        for g in s.get("gpus") or ():
            if not isinstance(g, Mapping) or not isinstance(g.get("index"), int):
                continue
            cols = gpus.get(g["index"])
            if cols is None:
                cols = gpus[g["index"]] = {k: np.full(n, math.nan) for k in GPU_KEYS}
            if isinstance(g.get("pci_bus_id"), str):
                pci[g["index"]] = g["pci_bus_id"]
            cols["util"][i] = _num(g.get("utilization_gpu_percent"))
            cols["memory_used"][i] = _num(g.get("memory_used_bytes"), GIB)
            cols["memory_total"][i] = _num(g.get("memory_total_bytes"), GIB)
            cols["temperature"][i] = _num(g.get("temperature_c"))
            cols["power"][i] = _num(g.get("power_w"))
            cols["power_limit"][i] = _num(g.get("power_limit_w"))
    return DeviceTimeline(t, host, dict(sorted(gpus.items())), pci)
