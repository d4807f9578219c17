"""The device timelines (CPU load, RAM, and each GPU's utilisation, memory, temperature,
power and clock): built here once, drawn live by the Device tab
(:mod:`gui.views.device.qt_device_view`) and from a stored run's samples by History
(:mod:`gui.views.history.qt_run_device`).

The panels' words keep the Qt translation context ``QtDeviceView`` (where they were first
shown), so the zh_CN catalog needs no second copy of them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt

from engine.i18n import _
from engine.i18n.vocabulary import GPU_POWER
from gui.theme import MUTED, SERIES, WARN, fmt_number
from gui.widgets.qt_plot_panel import QtPlotPanel


def _secs(x: float) -> str:
    return f"{x:,.1f} s"


def _unit(unit: str, digits: int = 3) -> Callable[[float], str]:
    return lambda v: f"{fmt_number(v, digits)} {unit}"


def timeline_panel(title: str, y_label: str) -> QtPlotPanel:
    return QtPlotPanel(
        title,
        QCoreApplication.translate("QtDeviceView", "time (s)"),
        y_label,
        x_name=QCoreApplication.translate("QtDeviceView", "at"),
        x_fmt=_secs,
    )


def host_panels() -> tuple[QtPlotPanel, QtPlotPanel]:
    """The CPU-load and RAM timelines (curves ``cpu``/``process`` and ``used``/``total``):
    the Device tab's, and a stored run's in History."""
    cpu = timeline_panel(
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
    ram = timeline_panel(QCoreApplication.translate("QtDeviceView", "RAM"), "GiB")
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
        "util": timeline_panel(QCoreApplication.translate("QtDeviceView", "GPU utilisation"), "%"),
        "memory": timeline_panel(QCoreApplication.translate("QtDeviceView", "GPU memory"), "GiB"),
        "temperature": timeline_panel(
            QCoreApplication.translate("QtDeviceView", "GPU temperature"), "°C"
        ),
        "power": timeline_panel(_(GPU_POWER), "W"),
    }
    if clock:
        panels["clock"] = timeline_panel(
            QCoreApplication.translate("QtDeviceView", "GPU clock (% of max)"), "%"
        )
    return panels


def add_gpu_curves(panels: dict[str, QtPlotPanel], index: int, number: str | None = None) -> None:
    """GPU ``index``'s curves on :func:`gpu_panels`: ``util{i}``, ``mem{i}``,
    ``memtotal{i}``, ``temp{i}``, ``power{i}``, ``limit{i}`` (and ``clock{i}``,
    ``throttle{i}`` when there is a clock panel). ``number`` is how the legend numbers the
    GPU (TensorFlow's number where known; ``index``, NVML's, by default)."""
    color = SERIES[index % len(SERIES)]
    shown = str(index) if number is None else number
    label = f"GPU {shown}"
    p = panels
    p["util"].add_curve(f"util{index}", label, color, width=2, fmt=_unit("%"))
    used = QCoreApplication.translate("QtDeviceView", "GPU {index} used").format(index=shown)
    p["memory"].add_curve(f"mem{index}", used, color, width=2, fmt=_unit("GiB"))
    total = QCoreApplication.translate("QtDeviceView", "GPU {index} total").format(index=shown)
    dashed = Qt.PenStyle.DashLine
    p["memory"].add_curve(f"memtotal{index}", total, color, width=1, style=dashed, fmt=_unit("GiB"))
    p["temperature"].add_curve(f"temp{index}", label, color, width=2, fmt=_unit("°C"))
    p["power"].add_curve(f"power{index}", label, color, width=2, fmt=_unit("W"))
    limit = QCoreApplication.translate("QtDeviceView", "GPU {index} limit").format(index=shown)
    p["power"].add_curve(f"limit{index}", limit, color, width=1, style=dashed, fmt=_unit("W"))
    if "clock" not in p:
        return
    clock = QCoreApplication.translate("QtDeviceView", "GPU {index} SM clock").format(index=shown)
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
