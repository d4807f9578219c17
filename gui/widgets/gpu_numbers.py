"""How the window numbers a GPU, everywhere it names one (the Device tab, a stored run's
device timelines in History): as TensorFlow numbers it (the run form's "GPU i"), matched
to NVML by the engine's device map (``engine.telemetry.inventory.gpu_links``); a GPU
TensorFlow does not use keeps NVML's number with "(NVML)"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from engine.telemetry.device_map import normalise_pci


def gpu_numbers(
    links: Sequence[Mapping[str, Any]] | None,
    gpus: Iterable[Mapping[str, Any]],
) -> dict[int, str]:
    """NVML index -> the number the window shows, for ``gpus`` (dicts with ``index`` and,
    where known, ``pci_bus_id``): TensorFlow's where it uses the GPU, else NVML's with
    "(NVML)". A link names its GPU by PCI bus id where both sides know it, else by NVML
    index. Empty (NVML's numbers as they are) without TensorFlow's view (``links`` None)."""
    if links is None:
        return {}
    by_pci: dict[str, str] = {}
    by_index: dict[int, str] = {}
    for link in links:
        if not isinstance(link, Mapping) or link.get("tf_index") is None:
            continue
        pci = normalise_pci(link.get("pci_bus_id"))
        if pci:
            by_pci[pci] = str(link["tf_index"])
        if isinstance(link.get("nvml_index"), int):
            by_index[link["nvml_index"]] = str(link["tf_index"])
    out: dict[int, str] = {}
    for g in gpus:
        i = g.get("index")
        if not isinstance(i, int):
            continue
        pci = normalise_pci(g.get("pci_bus_id"))
        number = by_pci.get(pci) if (pci and by_pci) else by_index.get(i)
        out[i] = number or QCoreApplication.translate("QtDeviceView", "{index} (NVML)").format(
            index=i
        )
    return out
