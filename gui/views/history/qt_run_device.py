"""A stored run's device telemetry: the History tab's "Device" sub-tab.

The run's stored snapshots (as columns: :mod:`gui.views.history.device_timeline`) are
drawn on the same panels as the Device tab's live timelines
(:mod:`gui.widgets.qt_device_panels`): CPU load and RAM always, and GPU utilisation,
memory, power and temperature when the run's samples have GPUs, numbered as the Device
tab numbers them (TensorFlow's numbers, from the device map stored with the run:
:mod:`gui.widgets.gpu_numbers`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from engine.store.records import RunRecord
from gui.theme import plain_label
from gui.views.history.device_timeline import DeviceTimeline, device_timeline
from gui.widgets.gpu_numbers import gpu_numbers
from gui.widgets.qt_device_panels import add_gpu_curves, gpu_panels, host_panels
from gui.widgets.qt_plot_panel import QtPlotPanel


class QtRunDevicePlots(QWidget):
    """A stored run's CPU, RAM and (when it had GPUs) GPU timelines, or a note why not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = plain_label("", object_name="placeholder", wrap=True)
        self.caption = plain_label("", object_name="plotReadout", wrap=True)
        self.cpu, self.ram = host_panels()
        self.gpu_panels: dict[str, QtPlotPanel] = {}
        self._gpu_indexes: tuple[tuple[int, str | None], ...] = ()
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

    def _set_gpus(self, indexes: tuple[tuple[int, str | None], ...]) -> None:
        """GPU panels with one set of curves per (NVML index, number shown) (rebuilt when
        the GPUs differ)."""
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
            for index, number in indexes:
                add_gpu_curves(self.gpu_panels, index, number)
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
        env = rec.environment if isinstance(rec.environment, dict) else {}
        numbers = gpu_numbers(
            env.get("gpu_links"), [{"index": i, "pci_bus_id": tl.pci.get(i)} for i in tl.gpus]
        )
        self._set_gpus(tuple((i, numbers.get(i)) for i in tl.gpus))
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
