"""A stored run's device telemetry: the History tab's "Device" sub-tab.

The results store keeps the telemetry snapshots taken while a run trained (thinned to a
bounded number, :meth:`engine.store.store.Store.device_samples`), as dicts of
:class:`engine.telemetry.snapshot.DeviceSnapshot`. This view draws them as the Device tab
draws its live timelines (:mod:`gui.views.device.qt_device_view`): CPU load and RAM always, and GPU
utilisation, memory, power and temperature when the run's samples have GPUs. The time
axis is seconds from the run's first sample, by the samples' wall-clock ``timestamp``
(a resumed run's samples come from two processes; the gap between them shows).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from engine.store.records import RunRecord
from gui.theme import plain_label
from gui.views.device.qt_device_view import add_gpu_curves, gpu_panels, host_panels
from gui.widgets.qt_plot_panel import QtPlotPanel

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
    columns in ``host`` and each GPU's (by its index) in ``gpus``; every column as long as
    ``t``, NaN where a sample did not report the value."""

    t: np.ndarray
    host: dict[str, np.ndarray]
    gpus: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)

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
            cols["util"][i] = _num(g.get("utilization_gpu_percent"))
            cols["memory_used"][i] = _num(g.get("memory_used_bytes"), GIB)
            cols["memory_total"][i] = _num(g.get("memory_total_bytes"), GIB)
            cols["temperature"][i] = _num(g.get("temperature_c"))
            cols["power"][i] = _num(g.get("power_w"))
            cols["power_limit"][i] = _num(g.get("power_limit_w"))
    return DeviceTimeline(t, host, dict(sorted(gpus.items())))


class QtRunDevicePlots(QWidget):
    """A stored run's CPU, RAM and (when it had GPUs) GPU timelines, or a note why not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = plain_label("", object_name="placeholder", wrap=True)
        self.caption = plain_label("", object_name="plotReadout", wrap=True)
        self.cpu, self.ram = host_panels()
        self.gpu_panels: dict[str, QtPlotPanel] = {}
        self._gpu_indexes: tuple[int, ...] = ()
        self.timeline: DeviceTimeline | None = None

        self._plots = QWidget()
        self._grid = QGridLayout(self._plots)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.note)
        layout.addWidget(self.caption)
        layout.addWidget(self._plots, 1)
        self._place()
        self.clear()

    @property
    def panels(self) -> list[QtPlotPanel]:
        return [*self.gpu_panels.values(), self.cpu, self.ram]

    def _place(self) -> None:
        for i, p in enumerate(self.panels):
            self._grid.addWidget(p, i // 2, i % 2)

    def _set_gpus(self, indexes: tuple[int, ...]) -> None:
        """GPU panels with one set of curves per GPU index (rebuilt when the GPUs differ)."""
        if indexes == self._gpu_indexes:
            return
        for p in self.gpu_panels.values():
            self._grid.removeWidget(p)
            p.deleteLater()
        for p in (self.cpu, self.ram):
            self._grid.removeWidget(p)
        self.gpu_panels = {}
        self._gpu_indexes = indexes
        if indexes:
            self.gpu_panels = gpu_panels(clock=False)
            self.gpu_panels["util"].plot_item.setYRange(0, 100, padding=0.02)
            self.gpu_panels["util"].plot_item.enableAutoRange(axis="y", enable=False)
            for index in indexes:
                add_gpu_curves(self.gpu_panels, index)
        self._place()

    def clear(self) -> None:
        self.timeline = None
        for panel in self.panels:
            panel.clear_data()
        self.caption.setText("")
        self.caption.hide()
        self._plots.hide()
        self.note.hide()

    def show_record(self, rec: RunRecord) -> None:
        """Draw the run's stored samples, or say that it has none."""
        self.clear()
        tl = device_timeline(rec.samples or ())
        self.timeline = tl
        if not len(tl):
            self.note.setText(
                self.tr(
                    "No device telemetry was stored with this run: runs recorded before Suanli "
                    "kept it, and benchmarks, have none."
                )
            )
            self.note.show()
            return
        self._set_gpus(tuple(tl.gpus))
        t, h = tl.t, tl.host
        self.cpu.set_data("cpu", t, h["cpu"])
        self.cpu.set_data("process", t, h["process"])
        self.cpu.plot_item.setYRange(0, 100, padding=0.02)
        self.cpu.plot_item.enableAutoRange(axis="y", enable=False)
        self.ram.set_data("used", t, h["ram_used"])
        self.ram.set_data("total", t, h["ram_total"])
        p = self.gpu_panels
        for index, g in tl.gpus.items():
            p["util"].set_data(f"util{index}", t, g["util"])
            p["memory"].set_data(f"mem{index}", t, g["memory_used"])
            p["memory"].set_data(f"memtotal{index}", t, g["memory_total"])
            p["power"].set_data(f"power{index}", t, g["power"])
            p["power"].set_data(f"limit{index}", t, g["power_limit"])
            p["temperature"].set_data(f"temp{index}", t, g["temperature"])
        for panel in self.panels:
            panel.plot_item.enableAutoRange(axis="x")
        text = self.tr("{count} telemetry samples over {seconds} s.").format(
            count=f"{len(tl):,}", seconds=f"{float(t[-1]):,.1f}"
        )
        stride = rec.sample_stride if isinstance(rec.sample_stride, int) else 1
        if stride > 1:
            text += " " + self.tr("One sample in {stride} was kept.").format(stride=stride)
        self.caption.setText(text)
        self.caption.show()
        self._plots.show()
