"""The charts of a run's HTML report: training curves (per batch and per epoch) and device
telemetry, as inline SVG (:mod:`engine.reports.svg_chart`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from engine.i18n import _
from engine.i18n.vocabulary import (
    ACCURACY_AXIS,
    ACCURACY_TITLE,
    CPU,
    EPOCH_SO_FAR,
    GPU_POWER,
    LOSS_AXIS,
    LOSS_TITLE,
    PER_BATCH,
    STEP_AXIS,
    TRAINING_THROUGHPUT,
    UNIT_WORDS,
)
from engine.reports.svg_chart import Series, line_chart
from engine.store.records import RunRecord

RUNNING = "#8c8c8c"  # the running average, drawn under the measured rate
# One colour per meaning, as in the window (gui/theme.py).
TRAIN, DEV, THROUGHPUT, TEST = "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"
GPU_COLORS = ("#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


def _epoch_end_steps(rec: RunRecord) -> dict[int, float]:
    """The step at which each epoch ended, from the batch series (``{}`` if none)."""
    ends: dict[int, float] = {}
    for step, epoch in zip(rec.batches.get("step", []), rec.batches.get("epoch", []), strict=False):
        if isinstance(epoch, int) and isinstance(step, int | float):
            ends[epoch] = max(ends.get(epoch, step), step)
    s = rec.summary
    if rec.epochs and s.epochs_done and s.steps:  # epochs with no stored batch: even spacing
        per = s.steps / s.epochs_done
        for e in rec.epochs:
            ep = e.get("epoch")
            if isinstance(ep, int) and ep not in ends:
                ends[ep] = ep * per
    return ends


def measured_rates(rec: RunRecord) -> tuple[list[float], list[float]]:
    """The "per batch" throughput of a stored run: :func:`batch_rates` of its batch points."""
    return batch_rates(rec.batches, rec.config.get("batch_size"))


def batch_rates(batches: Mapping[str, Any], batch: Any) -> tuple[list[float], list[float]]:
    """The "per batch" throughput: training samples per second between consecutive stored
    batch points of the same epoch, (steps between them x the batch size) / (seconds
    between them), at the later point's step. The store keeps every batch of a short run
    (every n-th of a long one: then the rate is over those n batches). ``([], [])``
    without a batch size or points. (The stored ``samples_per_s`` of a batch point is the
    epoch-so-far running average, not this.)"""
    b = batches or {}
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        return [], []
    xs, ys = [], []
    prev = None
    for step, epoch, t in zip(
        b.get("step") or [], b.get("epoch") or [], b.get("elapsed_s") or [], strict=False
    ):
        if not isinstance(t, int | float) or not isinstance(step, int):
            prev = None
            continue
        if prev is not None and prev[1] == epoch and t > prev[2] and step > prev[0]:
            xs.append(step)
            ys.append((step - prev[0]) * batch / (t - prev[2]))
        prev = (step, epoch, t)
    return xs, ys


def training_charts(rec: RunRecord) -> list[str]:
    b = rec.batches
    steps = b.get("step") or []
    by_step = bool(steps)
    ends = _epoch_end_steps(rec) if by_step else {}
    ex = [
        ends.get(e.get("epoch"), e.get("epoch")) if by_step else e.get("epoch") for e in rec.epochs
    ]
    x_label = _(STEP_AXIS) if by_step else _("epoch")
    no_data = _("no data")

    def ep(key: str) -> list[Any]:
        return [e.get(key) for e in rec.epochs]

    charts = []
    for title, batch_key, train_key, dev_key, y_label in (
        (_(LOSS_TITLE), "loss", "train_loss", "dev_loss", _(LOSS_AXIS)),
        (_(ACCURACY_TITLE), "accuracy", "train_accuracy", "dev_accuracy", _(ACCURACY_AXIS)),
    ):
        series = []
        if by_step:
            series.append(Series(_(PER_BATCH), steps, b.get(batch_key) or [], TRAIN, faint=True))
        series.append(Series(_("train (epoch)"), ex, ep(train_key), TRAIN, markers=True))
        series.append(Series(_("dev (epoch)"), ex, ep(dev_key), DEV, markers=True))
        charts.append(line_chart(title, series, x_label=x_label, y_label=y_label, no_data=no_data))
    series = []
    if by_step:
        rate_x, rate_y = measured_rates(rec)
        if rate_x:
            series.append(Series(_(PER_BATCH), rate_x, rate_y, THROUGHPUT, faint=True))
        series.append(
            Series(_(EPOCH_SO_FAR), steps, b.get("samples_per_s") or [], RUNNING, faint=True)
        )
    series.append(Series(_("whole epoch"), ex, ep("samples_per_s"), THROUGHPUT, markers=True))
    charts.append(
        line_chart(
            _(TRAINING_THROUGHPUT),
            series,
            x_label=x_label,
            y_label=_(UNIT_WORDS["samples/s"]),
            no_data=no_data,
        )
    )
    return charts


def telemetry_charts(samples: Sequence[Mapping[str, Any]]) -> list[str]:
    stamps = [s.get("timestamp") for s in samples]
    t0 = next((t for t in stamps if isinstance(t, int | float)), None)
    if t0 is None:
        return []
    t = [ts - t0 if isinstance(ts, int | float) else None for ts in stamps]
    util = [
        Series(_(CPU), t, [(s.get("host") or {}).get("cpu_percent") for s in samples], THROUGHPUT)
    ]
    power = []
    n_gpus = max((len(s.get("gpus") or []) for s in samples), default=0)
    for i in range(n_gpus):

        def gpu(s: Mapping[str, Any], key: str, i: int = i) -> Any:
            gpus = s.get("gpus") or []
            return gpus[i].get(key) if i < len(gpus) and isinstance(gpus[i], dict) else None

        color = GPU_COLORS[i % len(GPU_COLORS)]
        label = f"GPU {i}"
        util.append(Series(label, t, [gpu(s, "utilization_gpu_percent") for s in samples], color))
        power.append(Series(label, t, [gpu(s, "power_w") for s in samples], color))
    x_label = _("seconds")
    charts = [
        line_chart(
            _("Device utilisation"), util, x_label=x_label, y_label="%", no_data=_("no data")
        )
    ]
    if any(v is not None for s in power for v in s.y):
        charts.append(
            line_chart(_(GPU_POWER), power, x_label=x_label, y_label="W", no_data=_("no data"))
        )
    return charts
