"""The Device tab: what this machine is, and timelines of its load.

With NVIDIA GPUs: utilisation, memory, temperature, power and clock as a percentage of
its maximum, with throttled samples marked in red, each GPU numbered as TensorFlow numbers
it; a lost GPU and what a MIG-enabled board cannot report are said above the timelines.
Always: CPU load and RAM. Telemetry
arrives as frozen snapshots (``engine.telemetry``) into a :class:`DeviceRecorder`; this
view only reads the recorder's buffers on the window's redraw timer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from engine.i18n.message import shown
from engine.telemetry.gpu_advice import gpu_advice
from gui.runtime.plot_buffers import THROTTLING, DeviceRecorder
from gui.theme import fmt_number, plain_label
from gui.views.device.machine_text import (
    describe_inventory,
    gpu_notices,
    gpu_numbers,
    throttle_text,
)
from gui.widgets.qt_device_panels import add_gpu_curves, gpu_panels, host_panels
from gui.widgets.qt_plot_panel import QtPlotPanel


class QtDeviceView(QWidget):
    """Machine facts and device timelines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.machine = plain_label(
            self.tr("Looking at this machine…"),
            object_name="machineInfo",
            wrap=True,
            selectable=True,
        )
        self.now = plain_label(
            self.tr("Waiting for the first telemetry sample…"), object_name="deviceNow", wrap=True
        )
        self.notice = plain_label("", object_name="notice", wrap=True)
        self.notice.hide()
        info = QFrame()
        info.setObjectName("infoBox")
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(12, 8, 12, 8)
        info_layout.addWidget(self.machine)
        info_layout.addWidget(self.notice)
        info_layout.addWidget(self.now)

        self.cpu, self.ram = host_panels()
        self.gpu_panels: dict[str, QtPlotPanel] = {}
        self._gpu_versions: dict[int, int] = {}
        self._host_version = -1
        self.gpu_numbers: dict[int, str] = {}  # NVML index -> the number shown

        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(6)
        self._place([self.cpu, self.ram])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(info)
        layout.addLayout(self._grid, 1)

    @property
    def panels(self) -> list[QtPlotPanel]:
        return [*self.gpu_panels.values(), self.cpu, self.ram]

    def _place(self, panels: list[QtPlotPanel]) -> None:
        for p in panels:
            self._grid.removeWidget(p)
        for i, p in enumerate(panels):
            self._grid.addWidget(p, i // 2, i % 2)

    def _build_gpu_panels(self) -> None:
        self.gpu_panels = gpu_panels()
        self._place(self.panels)

    def _add_gpu_curves(self, index: int) -> None:
        add_gpu_curves(self.gpu_panels, index, self.gpu_numbers.get(index))
        self.gpu_panels["clock"].curve(f"throttle{index}").setPen(None)

    def _drop_gpu_panels(self) -> None:
        """Forget the GPU panels; the next refresh builds them with the current numbers."""
        for panel in self.gpu_panels.values():
            self._grid.removeWidget(panel)
            panel.deleteLater()
        self.gpu_panels = {}
        self._gpu_versions = {}
        self._place(self.panels)

    def set_inventory(self, inv: dict[str, Any]) -> None:
        text = describe_inventory(inv)
        advice = gpu_advice(inv)  # NVML sees a GPU TensorFlow does not: why, what to run
        self.machine.setText(text if advice is None else f"{text}\n{shown(advice)}")
        numbers = gpu_numbers(inv)
        if numbers != self.gpu_numbers:
            self.gpu_numbers = numbers
            if self.gpu_panels:
                self._drop_gpu_panels()

    def refresh(self, rec: DeviceRecorder) -> bool:
        """Redraw the timelines that changed; True when something was redrawn."""
        changed = False
        if rec.host.version != self._host_version:
            self._host_version = rec.host.version
            t, cpu, proc, used, total = rec.host.columns(
                "t", "cpu_percent", "process_cpu_percent", "ram_used_gib", "ram_total_gib"
            )
            cores = rec.latest.host.logical_cores if rec.latest is not None else 1
            self.cpu.set_data("cpu", t, cpu)
            self.cpu.set_data("process", t, proc / max(1, cores))  # psutil: 100 = one core
            self.ram.set_data("used", t, used)
            self.ram.set_data("total", t, total)
            if len(t):
                self.cpu.follow_x(float(t[-1]), float(t[0]))
                self.ram.follow_x(float(t[-1]), float(t[0]))
            changed = True
        for index, buf in list(rec.gpus.items()):
            if self._gpu_versions.get(index) == buf.version:
                continue
            if not self.gpu_panels:
                self._build_gpu_panels()
            if index not in self._gpu_versions:
                self._add_gpu_curves(index)
            self._gpu_versions[index] = buf.version
            t, util, mem, memtot, temp, power, limit, clock, throttled = buf.columns(
                "t",
                "util_percent",
                "memory_used_gib",
                "memory_total_gib",
                "temperature_c",
                "power_w",
                "power_limit_w",
                "sm_clock_percent",
                "throttled",
            )
            p = self.gpu_panels
            p["util"].set_data(f"util{index}", t, util)
            p["memory"].set_data(f"mem{index}", t, mem)
            p["memory"].set_data(f"memtotal{index}", t, memtot)
            p["temperature"].set_data(f"temp{index}", t, temp)
            p["power"].set_data(f"power{index}", t, power)
            p["power"].set_data(f"limit{index}", t, limit)
            p["clock"].set_data(f"clock{index}", t, clock)
            hot = throttled > 0
            p["clock"].set_data(f"throttle{index}", t[hot], clock[hot])
            if len(t):
                for panel in p.values():
                    panel.follow_x(float(t[-1]), float(t[0]))
            changed = True
        if changed:
            self._show_now(rec)
        return changed

    def _show_now(self, rec: DeviceRecorder) -> None:
        snap = rec.latest
        if snap is None:
            return
        h = snap.host
        parts = [self.tr("CPU {cpu} %").format(cpu=fmt_number(h.cpu_percent))]
        if h.ram_used_bytes is not None and h.ram_total_bytes:
            parts.append(
                self.tr("RAM {used} of {total} GiB").format(
                    used=f"{h.ram_used_bytes / 2**30:.1f}", total=f"{h.ram_total_bytes / 2**30:.1f}"
                )
            )
        for g in snap.gpus:
            text = self.tr(
                "GPU {index} {util} % · {temperature} °C · {power} W · clock {clock} %"
            ).format(
                index=self.gpu_numbers.get(g.index, g.index),
                util=fmt_number(g.utilization_gpu_percent),
                temperature=fmt_number(g.temperature_c),
                power=fmt_number(g.power_w),
                clock=fmt_number(g.sm_clock_percent),
            )
            throttle = [r for r in (g.throttle_reasons or ()) if r in THROTTLING]
            if throttle:
                text += self.tr(" (throttling: {reasons})").format(
                    reasons=self.tr(", ").join(map(throttle_text, throttle))
                )
            parts.append(text)
        self.now.setText(self.tr("Now: {parts}").format(parts="   ·   ".join(parts)))
        notices = [shown(rec.notice)] if rec.notice else []
        notices += gpu_notices(snap.gpus, self.gpu_numbers)
        if notices:
            self.notice.setText("\n".join(notices))
            self.notice.show()
        else:
            self.notice.hide()

    def point_counts(self) -> dict[str, int]:
        return {"cpu": self.cpu.point_count("cpu"), "ram": self.ram.point_count("used")}
