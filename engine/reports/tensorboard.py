"""TensorBoard event files of a stored run (``python -m engine runs tensorboard``).

``<dir>/train`` (per-epoch ``epoch_loss``/``epoch_accuracy``/``epoch_samples_per_s``,
per-batch ``batch_loss``/``batch_accuracy`` from the stored, possibly thinned, series),
``<dir>/validation`` (the dev set's ``epoch_loss``/``epoch_accuracy``) and ``<dir>/test``
(test loss/accuracy at the last epoch), as Keras's TensorBoard callback lays them out, so
``tensorboard --logdir <dir>`` overlays train and dev. Written with ``tf.summary.write`` and
the scalars plugin's metadata, which needs no ``tensorboard`` package (``tf.summary.scalar``
does).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from engine.reports.values import json_text
from engine.store.records import RunRecord


def scalar_series(rec: RunRecord) -> dict[str, dict[str, list[tuple[int, float]]]]:
    """``{subfolder: {tag: [(step, value), ...]}}``: what :func:`write_tensorboard` writes.

    Missing and non-finite values are left out.
    """

    def points(pairs: Iterable[tuple[Any, Any]]) -> list[tuple[int, float]]:
        out = []
        for step, value in pairs:
            if (
                isinstance(step, int | float)
                and isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
            ):
                out.append((int(step), float(value)))
        return out

    def epochs(key: str) -> list[tuple[int, float]]:
        return points((e.get("epoch"), e.get(key)) for e in rec.epochs)

    b = rec.batches
    steps = b.get("step") or []
    out: dict[str, dict[str, list[tuple[int, float]]]] = {
        "train": {
            "epoch_loss": epochs("train_loss"),
            "epoch_accuracy": epochs("train_accuracy"),
            "epoch_samples_per_s": epochs("samples_per_s"),
            "batch_loss": points(zip(steps, b.get("loss") or [], strict=False)),
            "batch_accuracy": points(zip(steps, b.get("accuracy") or [], strict=False)),
        },
        "validation": {
            "epoch_loss": epochs("dev_loss"),
            "epoch_accuracy": epochs("dev_accuracy"),
        },
    }
    last = max((e.get("epoch") for e in rec.epochs if isinstance(e.get("epoch"), int)), default=0)
    s = rec.summary
    out["test"] = {
        "epoch_loss": points([(last, s.test_loss)]),
        "epoch_accuracy": points([(last, s.test_accuracy)]),
    }
    return {d: {t: p for t, p in tags.items() if p} for d, tags in out.items()}


def write_tensorboard(rec: RunRecord, logdir: str | os.PathLike[str]) -> list[Path]:
    """Write the run's scalars as TensorBoard event files under ``logdir``; returns them."""
    import tensorflow as tf
    from tensorflow.core.framework import summary_pb2

    scalar_meta = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"),
        data_class=summary_pb2.DATA_CLASS_SCALAR,
    )
    text_meta = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="text"),
        data_class=summary_pb2.DATA_CLASS_TENSOR,
    )
    root = Path(logdir)
    before = set(root.rglob("events.out.tfevents.*")) if root.is_dir() else set()
    config_md = "\n".join(
        ["| key | value |", "|---|---|"]
        + [f"| {k} | {json_text(v)} |" for k, v in sorted(rec.config.items())]
    )
    with tf.device("/cpu:0"):
        for sub, tags in scalar_series(rec).items():
            if not tags:
                continue
            writer = tf.summary.create_file_writer(str(root / sub))
            try:
                with writer.as_default():
                    for tag, pts in tags.items():
                        for step, value in pts:
                            tf.summary.write(
                                tag,
                                tf.constant(value, tf.float32),
                                step=step,
                                metadata=scalar_meta,
                            )
                    if sub == "train":
                        tf.summary.write(
                            "config", tf.constant(config_md), step=0, metadata=text_meta
                        )
                writer.flush()
            finally:
                writer.close()
    return sorted(set(root.rglob("events.out.tfevents.*")) - before)


def export_tensorboard(store: Any, run_id: int, logdir: str | os.PathLike[str]) -> list[Path]:
    return write_tensorboard(store.get_run(run_id), logdir)
