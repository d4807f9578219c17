"""TensorBoard event files of a stored run (``python -m engine runs tensorboard ID DIR``).

Each run gets its own folder inside ``DIR``, ``run-<id>[-<name>]``, so any number of runs
exported into one folder stay apart and ``tensorboard --logdir DIR`` lists them side by
side. Inside it, as Keras's ``TensorBoard`` callback lays them out:

- ``train/``: ``epoch_loss``, ``epoch_accuracy``, ``epoch_learning_rate`` (Keras's names),
  plus ``epoch_samples_per_s`` and ``epoch_seconds`` (Suanli's own); per batch (as stored,
  possibly thinned) ``batch_loss``, ``batch_accuracy`` and
  ``batch_samples_per_s_epoch_so_far`` (the epoch's running average, not one batch's rate);
  a ``config`` text.
- ``validation/``: the dev set's ``epoch_loss`` and ``epoch_accuracy``, and
  ``evaluation_loss_vs_iterations`` / ``evaluation_accuracy_vs_iterations`` (Keras's names).
- ``test/``: ``epoch_loss`` and ``epoch_accuracy`` of the test set at the last epoch's step
  (Keras's callback has no test folder).
- ``scores/`` (a benchmark run, or any run with a score card): every figure of the card
  (``<name>`` at step 0 and its raw samples as ``<name>_samples`` at steps 0, 1, ...)
  and ``suanli_score``.
- ``telemetry/``: the run's stored device samples (CPU, memory, GPU use, power...).

Steps are Keras's: epoch ``n`` (1-based in Suanli) is step ``n - 1``; batch steps are the
global batch count. Wall times are the stored ones (an epoch's end, the run's start plus a
batch's elapsed seconds, a device sample's time), so TensorBoard's Relative and Wall axes
show the training as it happened. The files are written without TensorFlow
(:mod:`engine.reports.tb_events`).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from engine import metrics as m
from engine.reports.tb_events import EventFileWriter
from engine.reports.values import json_text
from engine.store.csv_export import epoch_end_times
from engine.store.records import RunRecord

Point = tuple[int, float, float]  # (step, value, wall time in Unix seconds)
SUBFOLDERS = ("train", "validation", "test", "scores", "telemetry")
HOST_SERIES = ("cpu_percent", "ram_used_bytes", "process_rss_bytes", "process_cpu_percent")
GPU_SERIES = (
    "utilization_gpu_percent",
    "memory_used_bytes",
    "power_w",
    "temperature_c",
    "sm_clock_mhz",
)


def run_folder_name(run_id: int, name: str = "") -> str:
    """``run-<id>`` or ``run-<id>-<name>`` (the name cut to letters, digits, ``.-_``, in
    any script; 60 at most)."""
    slug = re.sub(r"[^\w.-]+", "_", name or "").strip("._-")[:60]
    return f"run-{run_id}-{slug}" if slug else f"run-{run_id}"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _points(triples: Iterable[tuple[Any, Any, Any]]) -> list[Point]:
    out = []
    for step, value, wall in triples:
        v, w = _number(value), _number(wall)
        if isinstance(step, int | float) and v is not None and w is not None:
            out.append((int(step), v, w))
    return out


def epoch_wall_times(rec: RunRecord, ended_at: dict[int, float] | None = None) -> dict[int, float]:
    """Each epoch's end as a Unix time: the stored ``ended_at`` where known, else the run's
    start plus the epochs' seconds so far."""
    s = rec.summary
    out: dict[int, float] = {}
    t = s.started_at
    for e in rec.epochs:
        epoch = e.get(m.EPOCH)
        if not isinstance(epoch, int):
            continue
        t += _number(e.get(m.SECONDS)) or 0.0
        out[epoch] = (ended_at or {}).get(epoch, t)
    return out


def scalar_series(
    rec: RunRecord, ended_at: dict[int, float] | None = None
) -> dict[str, dict[str, list[Point]]]:
    """``{subfolder: {tag: [(step, value, wall_time), ...]}}``: what is written.

    ``ended_at``: the epochs' stored end times (``{epoch: unix time}``). Missing and
    non-finite values are left out, and so are empty tags and folders.
    """
    walls = epoch_wall_times(rec, ended_at)
    s = rec.summary

    def epochs(key: str) -> list[Point]:
        return _points((e[m.EPOCH] - 1, e.get(key), walls[e[m.EPOCH]]) for e in _epochs(rec))

    def per_iteration(key: str) -> list[Point]:
        steps = _epoch_end_steps(rec)
        return _points((steps.get(e[m.EPOCH]), e.get(key), walls[e[m.EPOCH]]) for e in _epochs(rec))

    b = rec.batches
    steps = b.get(m.STEP) or []
    batch_walls = [
        None if _number(x) is None else s.started_at + x for x in b.get("elapsed_s") or []
    ]

    def batches(key: str) -> list[Point]:
        return _points(zip(steps, b.get(key) or [], batch_walls, strict=False))

    out: dict[str, dict[str, list[Point]]] = {
        "train": {
            "epoch_loss": epochs(m.TRAIN_LOSS),
            "epoch_accuracy": epochs(m.TRAIN_ACCURACY),
            "epoch_learning_rate": epochs(m.LEARNING_RATE),
            "epoch_samples_per_s": epochs(m.SAMPLES_PER_S),
            "epoch_seconds": epochs(m.SECONDS),
            "batch_loss": batches(m.LOSS),
            "batch_accuracy": batches(m.ACCURACY),
            "batch_samples_per_s_epoch_so_far": batches(m.SAMPLES_PER_S),
        },
        "validation": {
            "epoch_loss": epochs(m.DEV_LOSS),
            "epoch_accuracy": epochs(m.DEV_ACCURACY),
            "evaluation_loss_vs_iterations": per_iteration(m.DEV_LOSS),
            "evaluation_accuracy_vs_iterations": per_iteration(m.DEV_ACCURACY),
        },
    }
    last = max(walls, default=None)
    end = s.ended_at or (walls[last] if last is not None else s.started_at)
    test_step = (last or 1) - 1
    out["test"] = {
        "epoch_loss": _points([(test_step, s.test_loss, end)]),
        "epoch_accuracy": _points([(test_step, s.test_accuracy, end)]),
    }
    out["scores"] = benchmark_series(rec)
    out["telemetry"] = telemetry_series(rec)
    return {d: kept for d, tags in out.items() if (kept := {t: p for t, p in tags.items() if p})}


def _epochs(rec: RunRecord) -> list[dict[str, Any]]:
    return [e for e in rec.epochs if isinstance(e.get(m.EPOCH), int)]


def _epoch_end_steps(rec: RunRecord) -> dict[int, int]:
    """The global batch step each epoch ended at (from the stored batch points)."""
    out: dict[int, int] = {}
    b = rec.batches
    for step, epoch in zip(b.get(m.STEP) or [], b.get(m.EPOCH) or [], strict=False):
        if isinstance(step, int) and isinstance(epoch, int):
            out[epoch] = max(out.get(epoch, step), step)
    return out


def benchmark_series(rec: RunRecord) -> dict[str, list[Point]]:
    """A benchmark run's figures: each sub-score and its raw samples, the Suanli score."""
    card = rec.card
    if not card:
        return {}
    wall = rec.summary.ended_at or rec.summary.started_at
    out: dict[str, list[Point]] = {}
    for sub in card.get("sub_scores") or []:
        name = str(sub.get("name") or "")
        if not name:
            continue
        out[name] = _points([(0, sub.get("value"), wall)])
        out[f"{name}_samples"] = _points(
            (i, x, wall) for i, x in enumerate(sub.get("samples") or [])
        )
    out["suanli_score"] = _points([(0, card.get("suanli_score"), wall)])
    return out


def telemetry_series(rec: RunRecord) -> dict[str, list[Point]]:
    """The stored device samples, one tag per figure (``host/…``, ``gpu<i>/…``)."""
    out: dict[str, list[Point]] = {}
    for i, sample in enumerate(rec.samples):
        wall = sample.get("timestamp")
        host = sample.get("host") or {}
        for key in HOST_SERIES:
            out.setdefault(f"host/{key}", []).extend(_points([(i, host.get(key), wall)]))
        for gpu in sample.get("gpus") or []:
            for key in GPU_SERIES:
                tag = f"gpu{gpu.get('index', 0)}/{key}"
                out.setdefault(tag, []).extend(_points([(i, gpu.get(key), wall)]))
    return out


def config_markdown(config: dict[str, Any]) -> str:
    return "\n".join(
        ["| key | value |", "|---|---|"]
        + [f"| {k} | {json_text(v)} |" for k, v in sorted(config.items())]
    )


def write_tensorboard(
    rec: RunRecord,
    logdir: str | os.PathLike[str],
    ended_at: dict[int, float] | None = None,
) -> list[Path]:
    """Write the run's scalars under ``logdir/run-<id>[-<name>]/``; returns the new files.

    Event files an earlier export of the same run left in that folder are replaced.
    """
    root = Path(logdir) / run_folder_name(rec.id, rec.summary.name)
    series = scalar_series(rec, ended_at)
    for sub in SUBFOLDERS:
        for old in (root / sub).glob("events.out.tfevents.*"):
            old.unlink()
    files = []
    for sub, tags in series.items():
        with EventFileWriter(root / sub, rec.summary.started_at) as writer:
            if sub in ("train", "scores"):
                writer.text("config", config_markdown(rec.config), 0, rec.summary.started_at)
            points = sorted(
                ((p[2], p[0], tag, p[1]) for tag, pts in tags.items() for p in pts),
                key=lambda x: x[0],
            )
            for wall, step, tag, value in points:
                writer.scalar(tag, value, step, wall)
            files.append(writer.path)
    return files


def export_tensorboard(store: Any, run_id: int, logdir: str | os.PathLike[str]) -> list[Path]:
    rec = store.get_run(run_id)
    return write_tensorboard(rec, logdir, epoch_end_times(store, run_id))
