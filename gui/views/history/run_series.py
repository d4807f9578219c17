"""A stored run's series shaped for the training plots (no widgets): columns with NaN
for missing values, a centred smoothing, and the step at which each epoch ended."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine.store.records import RunRecord


def smooth(y: np.ndarray) -> np.ndarray:
    """A centred moving average over about 4 % of the points (no lag, unlike the live
    view's running average), stepping over missing (NaN) values."""
    n = len(y)
    half = max(1, n // 50)
    valid = np.isfinite(y)
    sums = np.concatenate(([0.0], np.cumsum(np.where(valid, y, 0.0))))
    counts = np.concatenate(([0], np.cumsum(valid)))
    i = np.arange(n)
    lo, hi = np.clip(i - half, 0, n), np.clip(i + half + 1, 0, n)
    count = counts[hi] - counts[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, (sums[hi] - sums[lo]) / count, np.nan)


def column(values: Sequence[Any] | None) -> np.ndarray:
    return np.array([math.nan if v is None else v for v in values or ()], dtype=float)


def epoch_steps(rec: RunRecord, epochs: Sequence[int], batches: dict[str, list]) -> np.ndarray:
    """The step at which each epoch ended: epoch x steps per epoch when the run said,
    else the last stored batch point of that epoch, else the epoch number."""
    spe = rec.info.get("steps_per_epoch") if isinstance(rec.info, dict) else None
    if isinstance(spe, int | float) and spe > 0:
        return np.array([e * spe for e in epochs], dtype=float)
    last: dict[int, float] = {}
    for step, epoch in zip(batches.get("step") or (), batches.get("epoch") or (), strict=False):
        if step is not None and epoch is not None:
            last[int(epoch)] = max(last.get(int(epoch), 0.0), float(step))
    return np.array([last.get(e, float(e)) for e in epochs], dtype=float)


# --------------------------------------------------------------------------- the detail pane
