"""The GPU energy counter, summed over GPUs; ``None`` where there is none (CPU-only)."""

from __future__ import annotations

from engine.telemetry import nvml


def energy_counter_j() -> float | None:
    if not nvml.available():
        return None
    gpus = nvml.read_gpus(include_pcie=False)
    values = [g.energy_j for g in gpus]
    if not values or any(v is None for v in values):
        return None
    return float(sum(values))
