"""CSV export of a stored run's metrics: one long-format file with epoch and batch rows.

Columns: ``level`` (``epoch`` or ``batch``), ``epoch``, ``step``, ``loss``, ``accuracy``,
``dev_loss``, ``dev_accuracy``, ``samples_per_s``, ``epoch_seconds``, ``elapsed_s``.
Epoch rows carry the epoch's training loss/accuracy and its dev results; batch rows
(downsampled as stored) carry the batch loss/accuracy and seconds since the run began.
Empty cells mean "not applicable". Filter on ``level`` in a spreadsheet to plot either.
"""

from __future__ import annotations

import csv
import os
from typing import Any

from engine import metrics as m
from engine.files.output import open_output
from engine.store.records import RunRecord

# One row per epoch and per stored batch point: the batch figures' names (engine.metrics)
# hold the epoch's training figures too.
CSV_COLUMNS = (
    "level",
    m.EPOCH,
    m.STEP,
    m.LOSS,
    m.ACCURACY,
    m.DEV_LOSS,
    m.DEV_ACCURACY,
    m.SAMPLES_PER_S,
    "epoch_seconds",
    "elapsed_s",
)


def metric_rows(record: RunRecord) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for e in record.epochs:
        rows.append(
            {
                "level": "epoch",
                "epoch": e.get("epoch"),
                "loss": e.get("train_loss"),
                "accuracy": e.get("train_accuracy"),
                "dev_loss": e.get("dev_loss"),
                "dev_accuracy": e.get("dev_accuracy"),
                "samples_per_s": e.get("samples_per_s"),
                "epoch_seconds": e.get("seconds"),
            }
        )
    b = record.batches
    for i in range(len(b.get("step", []))):
        rows.append(
            {
                "level": "batch",
                "epoch": b["epoch"][i],
                "step": b["step"][i],
                "loss": b["loss"][i],
                "accuracy": b["accuracy"][i],
                "samples_per_s": b["samples_per_s"][i],
                "elapsed_s": b["elapsed_s"][i],
            }
        )
    return rows


def write_metrics_csv(record: RunRecord, path: str | os.PathLike[str]) -> int:
    """Write the run's epoch and batch metrics; returns the number of data rows."""
    rows = metric_rows(record)
    with open_output(path, "w", newline="") as fh:  # engine.files: the one safe writer
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return len(rows)
