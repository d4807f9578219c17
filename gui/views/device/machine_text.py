"""The Device tab's words (no widgets): the machine described in a few lines, NVML's
throttling reasons as the window names them, how each GPU is numbered, and what a GPU
cannot report and why (a lost GPU, a MIG-enabled board).

GPUs are numbered as TensorFlow numbers them (the run form's "GPU i"), matched to NVML by
the engine's device map (``inventory()["gpu_links"]``); a GPU TensorFlow does not use is
shown with NVML's number and "(NVML)"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.i18n import _
from engine.i18n.message import shown
from engine.telemetry.gpu_notes import gpu_notes
from gui.widgets.gpu_numbers import gpu_numbers as numbers_of

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


def gpu_numbers(inv: dict[str, Any] | None) -> dict[int, str]:
    """NVML index -> the number the window shows for the inventory's GPUs
    (:func:`gui.widgets.gpu_numbers.gpu_numbers`, History's too)."""
    return numbers_of((inv or {}).get("gpu_links"), (inv or {}).get("gpus") or [])


def gpu_notices(gpus: Any, numbers: dict[int, str]) -> list[str]:
    """What the window must say about GPUs beside their curves: a lost GPU, and on a
    MIG-enabled board what cannot be read and why (``GpuSample``s of one snapshot; the
    engine's words, ``engine.telemetry.gpu_notes``, with the window's GPU numbers)."""
    out = []
    for g in gpus:
        notes = gpu_notes(g, numbers.get(g.index))
        if notes:
            out.append(" ".join(notes))
    return out


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
    numbers = gpu_numbers(inv)
    for g in gpus:
        g = dict(g, index=numbers.get(g.get("index"), g.get("index")))
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
        if g.get("pci_bus_id"):
            line += " · PCI " + str(g["pci_bus_id"])
        if g.get("mig_enabled"):
            profiles = ", ".join(str(m.get("profile")) for m in g.get("mig_devices") or [])
            line += " · " + QCoreApplication.translate("QtDeviceView", "MIG: {slices}").format(
                slices=profiles or _("none")
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
