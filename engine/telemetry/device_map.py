"""Which NVML GPU is TensorFlow's ``GPU:N``: one map, used by energy, the Device tab and cards.

NVML numbers GPUs by PCI bus order and ignores ``CUDA_VISIBLE_DEVICES``; CUDA (and so
TensorFlow) numbers only the visible GPUs, in the order ``CUDA_VISIBLE_DEVICES`` lists
them, fastest first unless ``CUDA_DEVICE_ORDER=PCI_BUS_ID``. The reliable link is the PCI
bus id, which TensorFlow gives for a GPU (``tf.config.experimental.get_device_details``);
without it the map follows ``CUDA_VISIBLE_DEVICES`` (indices, ``GPU-``/``MIG-`` UUIDs or
their prefixes) where CUDA's order is known: ``PCI_BUS_ID`` order, or GPUs that are all
the same model (CUDA breaks speed ties by PCI bus id). Otherwise the GPU stays unmatched
and whatever needs it says so.

The TensorFlow side is injectable (``tf_gpus``), so the map is tested without a GPU.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

BY_PCI = "pci_bus_id"
BY_VISIBLE = "cuda_visible_devices"


@dataclass(frozen=True)
class GpuLink:
    """TensorFlow's ``GPU:tf_index`` and the NVML GPU it is (``nvml_index``; None: unknown)."""

    tf_index: int
    nvml_index: int | None
    name: str | None = None
    pci_bus_id: str | None = None
    uuid: str | None = None
    how: str | None = None  # BY_PCI, BY_VISIBLE, or None when unmatched

    @property
    def label(self) -> str:
        """How every view names this GPU: TensorFlow's number (the run form's "GPU i")."""
        return f"GPU {self.tf_index}"


def normalise_pci(bus_id: str | None) -> str | None:
    """``"00000000:3B:00.0"`` and ``"0000:3b:00.0"`` -> ``"0000:3b:00.0"``."""
    if not bus_id:
        return None
    parts = bus_id.strip().lower().split(":")
    if len(parts) == 2:
        parts = ["0", *parts]
    if len(parts) != 3:
        return None
    try:
        domain = int(parts[0], 16)
    except ValueError:
        return None
    return f"{domain:04x}:{parts[1]}:{parts[2]}"


def tf_gpu_details() -> list[dict[str, Any]]:
    """TensorFlow's physical GPUs, in its order: ``name``, ``pci_bus_id``, ``device_name``."""
    from engine.tf_runtime import tf

    out = []
    for dev in tf().config.list_physical_devices("GPU"):
        try:
            details = dict(tf().config.experimental.get_device_details(dev))
        except Exception:
            details = {}
        out.append(
            {
                "name": dev.name,
                "pci_bus_id": details.get("pci_bus_id"),
                "device_name": details.get("device_name"),
            }
        )
    return out


def device_map(
    tf_gpus: Sequence[Mapping[str, Any]],
    nvml_gpus: Sequence[Mapping[str, Any]],
    env: Mapping[str, str] | None = None,
) -> list[GpuLink]:
    """One :class:`GpuLink` per TensorFlow GPU (``tf_gpu_details()`` and
    ``nvml.gpu_static_info()`` shapes)."""
    env = os.environ if env is None else env
    by_pci = {normalise_pci(g.get("pci_bus_id")): g for g in nvml_gpus if g.get("pci_bus_id")}
    visible = _visible(nvml_gpus, env)
    links = []
    for i, t in enumerate(tf_gpus):
        g = by_pci.get(normalise_pci(t.get("pci_bus_id")))
        how = BY_PCI if g is not None else None
        if g is None and visible is not None and i < len(visible):
            g, how = visible[i], BY_VISIBLE
        links.append(
            GpuLink(
                tf_index=i,
                nvml_index=None if g is None else int(g["index"]),
                name=(g or {}).get("name") or t.get("device_name"),
                pci_bus_id=(g or {}).get("pci_bus_id") or t.get("pci_bus_id"),
                uuid=(g or {}).get("uuid"),
                how=how,
            )
        )
    return links


def _visible(
    nvml_gpus: Sequence[Mapping[str, Any]], env: Mapping[str, str]
) -> list[Mapping[str, Any]] | None:
    """The NVML GPUs CUDA shows, in CUDA's order; None where that order is unknown."""
    ordered = sorted(nvml_gpus, key=lambda g: normalise_pci(g.get("pci_bus_id")) or "")
    by_pci_order = env.get("CUDA_DEVICE_ORDER", "FASTEST_FIRST").upper() == "PCI_BUS_ID"
    alike = len({g.get("name") for g in nvml_gpus}) <= 1
    raw = env.get("CUDA_VISIBLE_DEVICES")
    if raw is None:
        return ordered if (by_pci_order or alike) else None
    out: list[Mapping[str, Any]] = []
    for token in (t.strip() for t in raw.split(",")):
        if not token:
            break
        if token.isdigit():  # an index in CUDA's order
            if not (by_pci_order or alike):
                return None
            if int(token) >= len(ordered):
                break  # CUDA stops at the first device it cannot find
            out.append(ordered[int(token)])
            continue
        match = _by_uuid(nvml_gpus, token)
        if match is None:
            break  # CUDA stops at the first device it cannot find
        out.append(match)
    return out


def _by_uuid(nvml_gpus: Sequence[Mapping[str, Any]], token: str) -> Mapping[str, Any] | None:
    t = token.lower()
    for g in nvml_gpus:
        uuid = (g.get("uuid") or "").lower()
        if uuid and (uuid == t or uuid.startswith(t) or uuid.removeprefix("gpu-").startswith(t)):
            return g
        for m in g.get("mig_devices") or ():
            mig = (m.get("uuid") or "").lower()
            if mig and (mig == t or mig.startswith(t)):
                return g  # a MIG slice: its board's counters and power
    return None


def nvml_indices(
    tf_device_names: Sequence[str], links: Sequence[GpuLink]
) -> tuple[int, ...] | None:
    """The NVML GPUs behind TensorFlow device names (``.../device:GPU:1``, ``GPU:0``);
    ``()`` for CPU-only names; None when a GPU among them cannot be matched."""
    out: list[int] = []
    by_tf = {link.tf_index: link for link in links}
    for name in tf_device_names:
        kind, index = _kind_index(name)
        if kind != "GPU":
            continue
        link = by_tf.get(index)
        if link is None or link.nvml_index is None:
            return None
        if link.nvml_index not in out:
            out.append(link.nvml_index)
    return tuple(out)


def _kind_index(name: str) -> tuple[str, int]:
    tail = name.rsplit("/", 1)[-1].removeprefix("device:").removeprefix("physical_device:")
    kind, _, index = tail.partition(":")
    return kind.upper(), int(index) if index.isdigit() else 0
