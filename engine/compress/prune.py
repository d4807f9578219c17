"""Magnitude pruning with fine-tuning on a polynomial schedule.

The kernels of Conv2D and Dense layers are pruned (biases are not, as in
tensorflow-model-optimization). During fine-tuning the target sparsity ramps from 0 to
``sparsity`` on a cubic curve over the first ``ramp_fraction`` of the steps; every
``frequency`` steps each kernel's smallest-magnitude weights are masked to reach the
current target (per layer, exactly ``round(s * n)`` zeros), and the masks are
re-applied after every optimizer step, so pruned weights stay zero. The last steps
fine-tune at the final sparsity.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.compress.stages import StageTraining
from engine.data import Dataset
from engine.tf_runtime import tf as _tf
from engine.training.loop import FitResult, fit
from engine.training.steps import keep_steps, make_optimizer, make_train_dataset, reusable_steps

PRUNABLE_LAYERS = ("Conv2D", "Dense")


def polynomial_sparsity(
    step: int,
    target: float,
    end_step: int,
    *,
    begin_step: int = 0,
    initial: float = 0.0,
    power: int = 3,
) -> float:
    """Sparsity at ``step``: ``target + (initial - target) * (1 - progress) ** power``,
    progress going linearly from 0 at ``begin_step`` to 1 at ``end_step`` and held after."""
    if end_step <= begin_step:
        return float(target)
    progress = min(max(step - begin_step, 0), end_step - begin_step) / (end_step - begin_step)
    return float(target + (initial - target) * (1.0 - progress) ** power)


def prunable_weights(model: Any) -> list[tuple[str, Any]]:
    """``(layer name, kernel variable)`` of every Conv2D and Dense layer."""
    return [
        (layer.name, layer.kernel)
        for layer in model.layers
        if type(layer).__name__ in PRUNABLE_LAYERS
    ]


def magnitude_mask(weights: np.ndarray, sparsity: float) -> np.ndarray:
    """A 0/1 float32 mask zeroing the ``round(sparsity * n)`` smallest-magnitude weights."""
    w = np.asarray(weights)
    k = int(round(min(max(sparsity, 0.0), 1.0) * w.size))
    mask = np.ones(w.size, dtype=np.float32)
    if k:
        mask[np.argsort(np.abs(w).ravel(), kind="stable")[:k]] = 0.0
    return mask.reshape(w.shape)


def measure_sparsity(model: Any) -> dict[str, Any]:
    """Fraction of exactly-zero weights in the prunable kernels, overall and per layer."""
    layers: dict[str, dict[str, Any]] = {}
    zeros = total = 0
    for name, var in prunable_weights(model):
        w = np.asarray(var.numpy())
        z = int(np.count_nonzero(w == 0))
        layers[name] = {"zeros": z, "weights": int(w.size), "sparsity": z / max(1, w.size)}
        zeros += z
        total += int(w.size)
    return {"sparsity": zeros / max(1, total), "zeros": zeros, "weights": total, "layers": layers}


def nonzero_forward_flops(model: Any, report: Any) -> int:
    """Forward FLOPs per sample if multiply-adds with zero weights were skipped.

    ``report`` is the model's ``engine.scoring.flops.FlopReport``; each Conv2D/Dense layer's
    ``Conv2D``/``MatMul`` FLOPs are scaled by the density of its kernel.
    """
    density = {name: 1.0 - s["sparsity"] for name, s in measure_sparsity(model)["layers"].items()}
    total = 0.0
    for row in report.layers:
        for op, flops in row.forward.items():
            scale = density.get(row.name, 1.0) if op in ("Conv2D", "MatMul") else 1.0
            total += flops * scale
    return int(round(total))


@dataclass
class PruneResult:
    model: Any
    fit: FitResult
    sparsity: dict[str, Any]
    schedule: dict[str, Any]


def prune(
    model: Any,
    ds: Dataset,
    *,
    sparsity: float,
    training: StageTraining,
    ramp_fraction: float = 0.7,
    updates: int = 16,
) -> PruneResult:
    """Prune a copy of ``model`` to ``sparsity`` while fine-tuning it for ``training.epochs``."""
    tf = _tf()
    import keras

    t = training
    epochs, batch_size, seed, device = t.epochs, t.batch_size, t.seed, t.device

    with tf.device(device):
        fresh = keras.models.clone_model(model)
        fresh.set_weights(model.get_weights())
        # compiled once per model shape and reused by later labs (engine.training.steps)
        key = ("prune", model.to_json(), t.learning_rate, device)
        steps = reusable_steps(key, fresh, make_optimizer("adam", t.learning_rate))
        pruned = steps.model
        targets = [v for _, v in prunable_weights(pruned)]
        masks = [tf.Variable(tf.ones(v.shape, tf.float32), trainable=False) for v in targets]

    @tf.function(autograph=False)
    def apply_masks() -> None:
        for v, m in zip(targets, masks, strict=True):
            v.assign(v * m)

    steps_per_epoch = math.ceil(len(ds.x_train) / batch_size)
    total = steps_per_epoch * epochs
    end = min(total - 1, int(round(ramp_fraction * total)))
    frequency = max(1, end // max(1, updates))
    schedule = {
        "kind": "polynomial",
        "power": 3,
        "initial_sparsity": 0.0,
        "final_sparsity": sparsity,
        "begin_step": 0,
        "end_step": end,
        "frequency": frequency,
        "total_steps": total,
    }
    current = {"target": 0.0}

    def update_masks(step: int) -> None:
        if step > end or (step % frequency and step != end):
            return
        s = polynomial_sparsity(step, sparsity, end)
        current["target"] = s
        for v, m in zip(targets, masks, strict=True):
            w = v.numpy()
            mk = magnitude_mask(w, s)
            m.assign(mk)
            v.assign(w * mk)

    def step(x: Any, y: Any) -> np.ndarray:
        out = steps.train_step(x, y)
        apply_masks()
        return out.numpy()

    def extras() -> dict[str, float]:
        return {
            "sparsity": measure_sparsity(pruned)["sparsity"],
            "target_sparsity": current["target"],
        }

    with tf.device(device):
        result = fit(
            epochs=epochs,
            steps_per_epoch=steps_per_epoch,
            batches=lambda e: make_train_dataset(ds.x_train, ds.y_train, batch_size, seed, e),
            step=step,
            dev=lambda: steps.evaluate(ds.x_dev, ds.y_dev)[:2],
            events=t.events,
            control=t.control,
            before_step=update_masks,
            epoch_extras=extras,
        )
    sparsity_now = measure_sparsity(pruned)
    with tf.device(device):  # the result's own copy: the kept model trains the next lab's
        out = keras.models.clone_model(pruned)
        out.set_weights(pruned.get_weights())
    keep_steps(key, steps)
    return PruneResult(model=out, fit=result, sparsity=sparsity_now, schedule=schedule)
