"""After training: the test split's classification report and the run's compute-power
scores."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.config import RunConfig
from engine.data import Dataset
from engine.scoring.classification import classification_report, confusion_matrix
from engine.training.steps import Steps

MAX_MISCLASSIFIED = 64


def run_scores(
    config: RunConfig, result: Any, model: Any, joules: float | None
) -> list[dict[str, Any]]:
    """A finished run's compute-power scores (formulas in docs/scores.md); ``result`` is its
    ``RunResult``, ``joules`` the GPUs' energy over its training steps (all sessions)."""
    from engine.scoring import score
    from engine.scoring.flops import UnsupportedLayerError, count_flops

    try:
        fl = count_flops(model, batch_size=config.batch_size, optimizer=config.optimizer)
        per_train, per_infer = fl.train_per_sample, fl.inference_per_sample
    except UnsupportedLayerError:
        per_train = per_infer = None
    n_test = result.test["samples"]
    c = score.training_flops(per_train, result.samples_seen)
    r = score.inference_flops(per_infer, n_test)
    s_bytes = result.info["model"]["weight_bytes"]
    # every finished epoch, a resumed run's earlier ones too (docs/scores.md)
    seconds = score.training_seconds(result.epochs) or result.train_seconds
    out = [
        ("ai_suanli", score.ai_suanli(c, r, s_bytes), "FLOP/byte"),
        (
            "ai_suanli_per_sample",
            score.ai_suanli_per_sample(c, result.samples_seen, r, n_test, s_bytes),
            "FLOP/byte",
        ),
        ("train_flops_C", c, "FLOP"),
        ("inference_flops_R", r, "FLOP"),
        ("model_bytes_S", float(s_bytes), "byte"),
        (
            "train_samples_per_s",
            score.run_samples_per_second(result.epochs)
            or score.samples_per_second(result.samples_seen, seconds),
            "samples/s",
        ),
        ("train_tflops", score.achieved_tflops(c, seconds), "TFLOP/s"),
        ("train_samples_per_j", score.samples_per_joule(result.samples_seen, joules), "samples/J"),
    ]
    return [{"name": n, "value": v, "unit": u, "higher_is_better": True} for n, v, u in out]


def evaluate_test(steps: Steps, ds: Dataset, result: Any) -> None:
    """The test split's report, confusion matrix and misclassified samples, into ``result``
    (a ``RunResult``)."""
    loss, acc, pred, conf = steps.evaluate(ds.x_test, ds.y_test)
    y = ds.y_test
    n_cls = len(ds.class_names)
    wrong = np.flatnonzero(pred != y)[:MAX_MISCLASSIFIED]
    result.test = {
        "accuracy": acc,
        "loss": loss,
        "samples": int(len(y)),
        "report": classification_report(y, pred, ds.class_names),
        "confusion_matrix": confusion_matrix(y, pred, n_cls).tolist(),
    }
    result.misclassified = [
        {"index": int(i), "true": int(y[i]), "pred": int(pred[i]), "confidence": float(conf[i])}
        for i in wrong
    ]
    result.misclassified_images = (ds.x_test[wrong, :, :, 0] * 255).round().astype(np.uint8)
    result.test_labels = y
    result.test_predictions = pred
