"""The Device tab's words (no widgets): the machine described in a few lines, and NVML's
throttling reasons as the window names them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.i18n.message import shown

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
        lines.append(shown(tf["error"]))
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
