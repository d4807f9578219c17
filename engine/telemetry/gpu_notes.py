"""What the CLI says about a GPU beyond its figures: that it is lost, or that it is a MIG
board and which of its figures NVML will not give, and why. (The window words the same
facts itself, in ``gui/views/device/machine_text.py``.)"""

from __future__ import annotations

from engine.i18n import N_, _
from engine.telemetry.snapshot import (
    FUNCTION_NOT_FOUND,
    NO_PERMISSION,
    NOT_SUPPORTED,
    GpuSample,
)

_FIELDS = {
    "utilization": N_("utilisation"),
    "memory": N_("memory"),
    "power": N_("power"),
    "energy": N_("energy"),
}
_REASONS = {
    NOT_SUPPORTED: N_("NVML does not support it here"),
    NO_PERMISSION: N_("NVML needs administrator rights for it"),
    FUNCTION_NOT_FOUND: N_("the NVIDIA driver is too old for it"),
}


def lost_gpu_text(gpu: GpuSample, number: str | None = None) -> str:
    """The one-line notice for a GPU NVML reports lost; ``number`` is how the reader's view
    numbers the GPU (NVML's index by default)."""
    return _(
        "GPU {index} ({name}, PCI {pci}) is lost: NVML reports it fell off the bus. "
        "Its telemetry and energy stop here; check `nvidia-smi` and the kernel log (Xid)."
    ).format(
        index=gpu.index if number is None else number,
        name=gpu.name or "?",
        pci=gpu.pci_bus_id or "?",
    )


def gpu_notes(gpu: GpuSample, number: str | None = None) -> list[str]:
    """Lines about a lost GPU or a MIG board (``[]`` for a GPU with nothing to say)."""
    if gpu.lost:
        return [lost_gpu_text(gpu, number)]
    if not gpu.mig_enabled:
        return []
    slices = ", ".join(m.profile or m.name or "?" for m in gpu.mig_devices) or _("none")
    out = [
        _(
            "GPU {index} is in MIG mode (slices: {slices}); power and energy are the whole board's."
        ).format(index=gpu.index if number is None else number, slices=slices)
    ]
    for field, reason in gpu.unreadable:
        if field in _FIELDS and reason in _REASONS:
            out.append(
                _("{field}: not shown, {reason}.").format(
                    field=_(_FIELDS[field]), reason=_(_REASONS[reason])
                )
            )
    for m in gpu.mig_devices:
        if m.memory_used_bytes is not None and m.memory_total_bytes:
            out.append(
                _("MIG {profile}: memory {used} of {total} GiB").format(
                    profile=m.profile or m.name or "?",
                    used=f"{m.memory_used_bytes / 2**30:.1f}",
                    total=f"{m.memory_total_bytes / 2**30:.1f}",
                )
            )
    return out
