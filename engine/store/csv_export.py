"""CSV export of a stored run's metrics (``python -m engine runs csv ID FILE|-``): one tidy
table, one row per observation, in the order they happened.

Every row has ``run_id``, ``level`` (``batch``, ``epoch`` or ``test``), ``epoch``
(1-based), ``step`` (an integer, never empty: the global training step, i.e. batches done
so far; an epoch or test row has the step the epoch ended at), ``time_s`` (seconds since
the run began) and ``utc_time`` (ISO 8601, UTC). The other columns say what they hold and
are empty where a row has no such figure:

- batch rows (as stored: long runs keep every n-th batch): ``batch_loss``,
  ``batch_accuracy`` (of that one batch) and ``samples_per_s_epoch_so_far`` (samples
  trained in the epoch so far / seconds since the epoch began: the running average the
  live plot shows, not one batch's rate);
- epoch rows: ``train_loss`` and ``train_accuracy`` (averaged over the epoch's batches),
  ``dev_loss``, ``dev_accuracy``, ``learning_rate`` (at the epoch's end),
  ``samples_per_s_epoch`` (the epoch's samples / its training seconds, the figure the
  store's ``samples_per_s`` holds) and ``epoch_seconds``;
- the test row: ``test_loss`` and ``test_accuracy``.
"""

from __future__ import annotations

import csv
import io
import math
import os
from datetime import UTC, datetime
from typing import IO, Any

from engine import metrics as m
from engine.files.output import open_output
from engine.store.records import RunRecord

CSV_COLUMNS = (
    "run_id",
    "level",
    m.EPOCH,
    m.STEP,
    "time_s",
    "utc_time",
    "batch_loss",
    "batch_accuracy",
    "samples_per_s_epoch_so_far",
    m.TRAIN_LOSS,
    m.TRAIN_ACCURACY,
    m.DEV_LOSS,
    m.DEV_ACCURACY,
    m.LEARNING_RATE,
    "samples_per_s_epoch",
    "epoch_seconds",
    m.TEST_LOSS,
    m.TEST_ACCURACY,
)
_LEVEL_ORDER = {"batch": 0, "epoch": 1, "test": 2}


def epoch_end_times(store: Any, run_id: int) -> dict[int, float]:
    """``{epoch: ended_at}`` (Unix seconds) from the store's ``epochs`` table."""
    rows = store.connection().execute(
        "SELECT epoch, ended_at FROM epochs WHERE run_id = ?", (run_id,)
    )
    return {int(epoch): float(ended) for epoch, ended in rows}


def _finite(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _epoch_steps(record: RunRecord) -> dict[int, int]:
    """The global step each epoch ended at: ``epoch * steps_per_epoch`` where the run
    said its steps per epoch, else the last stored batch step of the epoch."""
    per_epoch = record.info.get("steps_per_epoch")
    out: dict[int, int] = {}
    b = record.batches
    for step, epoch in zip(b.get(m.STEP) or [], b.get(m.EPOCH) or [], strict=False):
        if isinstance(step, int) and isinstance(epoch, int):
            out[epoch] = max(out.get(epoch, step), step)
    if isinstance(per_epoch, int) and per_epoch > 0:
        for e in record.epochs:
            if isinstance(e.get(m.EPOCH), int):
                out[e[m.EPOCH]] = e[m.EPOCH] * per_epoch
    return out


def metric_rows(
    record: RunRecord, epoch_ends: dict[int, float] | None = None
) -> list[dict[str, Any]]:
    """The CSV's rows as dicts (``None`` = empty cell), batches, epochs and the test in
    the order they happened. ``epoch_ends``: :func:`epoch_end_times` (else the run's
    start plus the epochs' seconds stand in for them)."""
    s = record.summary
    start = s.started_at
    steps = _epoch_steps(record)
    rows: list[dict[str, Any]] = []
    b = record.batches
    for i in range(len(b.get(m.STEP) or [])):
        elapsed = _finite(b["elapsed_s"][i])
        rows.append(
            {
                "level": "batch",
                m.EPOCH: b[m.EPOCH][i],
                m.STEP: b[m.STEP][i],
                "time_s": elapsed,
                "batch_loss": b[m.LOSS][i],
                "batch_accuracy": b[m.ACCURACY][i],
                "samples_per_s_epoch_so_far": b[m.SAMPLES_PER_S][i],
            }
        )
    seconds_so_far = 0.0
    last_epoch, last_step = 0, 0
    for e in record.epochs:
        epoch = e.get(m.EPOCH)
        if not isinstance(epoch, int):
            continue
        seconds_so_far += _finite(e.get(m.SECONDS)) or 0.0
        ended = (epoch_ends or {}).get(epoch)
        last_epoch, last_step = epoch, steps.get(epoch, last_step)
        rows.append(
            {
                "level": "epoch",
                m.EPOCH: epoch,
                m.STEP: last_step,
                "time_s": ended - start if ended is not None else seconds_so_far,
                m.TRAIN_LOSS: e.get(m.TRAIN_LOSS),
                m.TRAIN_ACCURACY: e.get(m.TRAIN_ACCURACY),
                m.DEV_LOSS: e.get(m.DEV_LOSS),
                m.DEV_ACCURACY: e.get(m.DEV_ACCURACY),
                m.LEARNING_RATE: e.get(m.LEARNING_RATE),
                "samples_per_s_epoch": e.get(m.SAMPLES_PER_S),
                "epoch_seconds": e.get(m.SECONDS),
            }
        )
    if s.test_loss is not None or s.test_accuracy is not None:
        rows.append(
            {
                "level": "test",
                m.EPOCH: last_epoch or None,
                m.STEP: s.steps or last_step,
                "time_s": s.ended_at - start if s.ended_at is not None else None,
                m.TEST_LOSS: s.test_loss,
                m.TEST_ACCURACY: s.test_accuracy,
            }
        )
    for row in rows:
        row["run_id"] = s.id
        t = _finite(row.get("time_s"))
        row["utc_time"] = None if t is None else _iso(start + t)
    rows.sort(key=lambda r: (r[m.STEP], _LEVEL_ORDER[r["level"]]))
    return rows


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_rows(rows: list[dict[str, Any]], fh: IO[str]) -> None:
    """The CSV (a header, then ``rows``) to an open text stream."""
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})


def csv_text(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    write_rows(rows, buf)
    return buf.getvalue()


def write_metrics_csv(
    record: RunRecord,
    path: str | os.PathLike[str],
    epoch_ends: dict[int, float] | None = None,
) -> int:
    """Write the run's rows (:func:`metric_rows`) to ``path``; returns how many."""
    rows = metric_rows(record, epoch_ends)
    with open_output(path, "w", newline="") as fh:  # engine.files: the one safe writer
        write_rows(rows, fh)
    return len(rows)
