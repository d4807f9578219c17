"""The Device tab: what this machine is, and timelines of its load.

With NVIDIA GPUs: utilisation, memory, temperature, power and clock as a percentage of
its maximum, with throttled samples marked in red. Always: CPU load and RAM. Telemetry
arrives as frozen snapshots (``engine.telemetry``) into a :class:`DeviceRecorder`; this
view only reads the recorder's buffers on the window's redraw timer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from engine.telemetry.inventory import error_text
from engine.telemetry.nvml import notice_text
from gui.runtime.plot_buffers import THROTTLING, DeviceRecorder
from gui.theme import MUTED, SERIES, WARN, fmt_number, plain_label
from gui.widgets.qt_plot_panel import QtPlotPanel


def _secs(x: float) -> str:
    return f"{x:,.1f} s"


def _unit(unit: str, digits: int = 3):
    return lambda v: f"{fmt_number(v, digits)} {unit}"


# NVML's names of the clock-event reasons that mean throttling (engine.telemetry.nvml):
# shown as they are in English, as words in other languages.
THROTTLE_TEXTS = {
    "sw_power_cap": QT_TRANSLATE_NOOP("QtDeviceView", "sw_power_cap"),
    "hw_slowdown": QT_TRANSLATE_NOOP("QtDeviceView", "hw_slowdown"),
    "sw_thermal_slowdown": QT_TRANSLATE_NOOP("QtDeviceView", "sw_thermal_slowdown"),
    "hw_thermal_slowdown": QT_TRANSLATE_NOOP("QtDeviceView", "hw_thermal_slowdown"),
    "hw_power_brake_slowdown": QT_TRANSLATE_NOOP("QtDeviceView", "hw_power_brake_slowdown"),
    "board_limit": QT_TRANSLATE_NOOP("QtDeviceView", "board_limit"),
    "reliability": QT_TRANSLATE_NOOP("QtDeviceView", "reliability"),
}


def throttle_text(reason: str) -> str:
    """A throttling reason as the window shows it (unknown names as they are)."""
    if reason not in THROTTLE_TEXTS:
        return reason
    return QCoreApplication.translate("QtDeviceView", THROTTLE_TEXTS[reason])


def _timeline(title: str, y_label: str) -> QtPlotPanel:
    return QtPlotPanel(
        title,
        QCoreApplication.translate("QtDeviceView", "time (s)"),
        y_label,
        x_name=QCoreApplication.translate("QtDeviceView", "at"),
        x_fmt=_secs,
    )


def host_panels() -> tuple[QtPlotPanel, QtPlotPanel]:
    """The CPU-load and RAM timelines (curves ``cpu``/``process`` and ``used``/``total``):
    the Device tab's, and a stored run's in History (gui.views.history.qt_run_device)."""
    cpu = _timeline(
        QCoreApplication.translate("QtDeviceView", "CPU load"),
        QCoreApplication.translate("QtDeviceView", "% of all cores"),
    )
    cpu.add_curve(
        "cpu",
        QCoreApplication.translate("QtDeviceView", "whole machine"),
        SERIES[0],
        width=2,
        fmt=_unit("%"),
    )
    cpu.add_curve(
        "process",
        QCoreApplication.translate("QtDeviceView", "Suanli"),
        SERIES[1],
        width=1.5,
        fmt=_unit("%"),
    )
    cpu.plot_item.setYRange(0, 100, padding=0.02)
    cpu.plot_item.enableAutoRange(axis="y", enable=False)
    ram = _timeline(QCoreApplication.translate("QtDeviceView", "RAM"), "GiB")
    ram.add_curve(
        "used",
        QCoreApplication.translate("QtDeviceView", "used"),
        SERIES[0],
        width=2,
        fmt=_unit("GiB"),
    )
    ram.add_curve(
        "total",
        QCoreApplication.translate("QtDeviceView", "installed"),
        MUTED,
        width=1,
        style=Qt.PenStyle.DashLine,
        fmt=_unit("GiB"),
    )
    return cpu, ram


def gpu_panels(clock: bool = True) -> dict[str, QtPlotPanel]:
    """The GPU timelines, by name (``clock`` only where clocks are drawn: the live tab)."""
    panels = {
        "util": _timeline(QCoreApplication.translate("QtDeviceView", "GPU utilisation"), "%"),
        "memory": _timeline(QCoreApplication.translate("QtDeviceView", "GPU memory"), "GiB"),
        "temperature": _timeline(
            QCoreApplication.translate("QtDeviceView", "GPU temperature"), "°C"
        ),
        "power": _timeline(QCoreApplication.translate("QtDeviceView", "GPU power"), "W"),
    }
    if clock:
        panels["clock"] = _timeline(
            QCoreApplication.translate("QtDeviceView", "GPU clock (% of max)"), "%"
        )
    return panels


def add_gpu_curves(panels: dict[str, QtPlotPanel], index: int) -> None:
    """GPU ``index``'s curves on :func:`gpu_panels`: ``util{i}``, ``mem{i}``,
    ``memtotal{i}``, ``temp{i}``, ``power{i}``, ``limit{i}`` (and ``clock{i}``,
    ``throttle{i}`` when there is a clock panel)."""
    color = SERIES[index % len(SERIES)]
    label = f"GPU {index}"
    p = panels
    p["util"].add_curve(f"util{index}", label, color, width=2, fmt=_unit("%"))
    used = QCoreApplication.translate("QtDeviceView", "GPU {index} used").format(index=index)
    p["memory"].add_curve(f"mem{index}", used, color, width=2, fmt=_unit("GiB"))
    total = QCoreApplication.translate("QtDeviceView", "GPU {index} total").format(index=index)
    dashed = Qt.PenStyle.DashLine
    p["memory"].add_curve(f"memtotal{index}", total, color, width=1, style=dashed, fmt=_unit("GiB"))
    p["temperature"].add_curve(f"temp{index}", label, color, width=2, fmt=_unit("°C"))
    p["power"].add_curve(f"power{index}", label, color, width=2, fmt=_unit("W"))
    limit = QCoreApplication.translate("QtDeviceView", "GPU {index} limit").format(index=index)
    p["power"].add_curve(f"limit{index}", limit, color, width=1, style=dashed, fmt=_unit("W"))
    if "clock" not in p:
        return
    clock = QCoreApplication.translate("QtDeviceView", "GPU {index} SM clock").format(index=index)
    p["clock"].add_curve(f"clock{index}", clock, color, width=2, fmt=_unit("%"))
    p["clock"].add_curve(
        f"throttle{index}",
        QCoreApplication.translate("QtDeviceView", "throttled"),
        WARN,
        width=0,
        symbol="x",
        fmt=_unit("%"),
        hover=False,
    )


def describe_inventory(inv: dict[str, Any]) -> str:
    """A few plain lines about the machine, from ``engine.telemetry.inventory.inventory()``."""
    lines = []
    cpu = inv.get("cpu") or {}
    ram = inv.get("ram_total_bytes")
    model = cpu.get("model") or QCoreApplication.translate("QtDeviceView", "unknown")
    cores = cpu.get("logical_cores", "?")
    if ram:
        line = QCoreApplication.translate(
            "QtDeviceView", "CPU: {model} ({cores} logical cores), {ram} GiB RAM"
        ).format(model=model, cores=cores, ram=f"{ram / 2**30:.1f}")
    else:
        line = QCoreApplication.translate(
            "QtDeviceView", "CPU: {model} ({cores} logical cores)"
        ).format(model=model, cores=cores)
    lines.append(line)
    gpus = inv.get("gpus") or []
    for g in gpus:
        mem = g.get("memory_total_bytes")
        name = g.get("name") or QCoreApplication.translate("QtDeviceView", "unknown")
        if mem:
            line = QCoreApplication.translate(
                "QtDeviceView", "GPU {index}: {name}, {memory} GiB"
            ).format(index=g.get("index"), name=name, memory=f"{mem / 2**30:.0f}")
        else:
            line = QCoreApplication.translate("QtDeviceView", "GPU {index}: {name}").format(
                index=g.get("index"), name=name
            )
        lines.append(line)
    nv = inv.get("nvml") or {}
    if gpus:
        lines.append(
            QCoreApplication.translate(
                "QtDeviceView", "NVIDIA driver {driver}, CUDA {cuda}"
            ).format(
                driver=nv.get("driver_version") or "?", cuda=nv.get("cuda_driver_version") or "?"
            )
        )
    tf = inv.get("tensorflow") or {}
    if tf.get("error"):
        lines.append(error_text(str(tf["error"])))
    elif tf.get("version"):
        kinds = [d.get("device_type", "?") for d in tf.get("physical_devices", [])]
        seen = QCoreApplication.translate("QtDeviceView", ", ").join(
            QCoreApplication.translate("QtDeviceView", "{count} {kind}").format(
                count=kinds.count(k), kind=k
            )
            for k in dict.fromkeys(kinds)
        )
        if seen:
            line = QCoreApplication.translate(
                "QtDeviceView", "TensorFlow {version} sees {devices}"
            ).format(version=tf["version"], devices=seen)
        else:
            line = QCoreApplication.translate(
                "QtDeviceView", "TensorFlow {version} sees no devices"
            ).format(version=tf["version"])
        lines.append(line)
    return "\n".join(lines)


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
        add_gpu_curves(self.gpu_panels, index)
        self.gpu_panels["clock"].curve(f"throttle{index}").setPen(None)

    def set_inventory(self, inv: dict[str, Any]) -> None:
        self.machine.setText(describe_inventory(inv))

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
                index=g.index,
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
        if rec.notice:
            self.notice.setText(notice_text(rec.notice))
            self.notice.show()
        else:
            self.notice.hide()

    def point_counts(self) -> dict[str, int]:
        return {"cpu": self.cpu.point_count("cpu"), "ram": self.ram.point_count("used")}
