"""Knowledge distillation: a student learns from a teacher's temperature-softened outputs.

Loss = ``alpha`` x cross-entropy(labels, student) + ``(1 - alpha)`` x ``T**2`` x
KL(softmax(teacher_logits / T) || softmax(student_logits / T)) (Hinton et al., 2015; the
``T**2`` keeps the soft term's gradients on the scale of the hard one's).

The registry's models end in a softmax Dense layer; logits are that layer's
pre-activation, computed from the model's own weights. The teacher's logits are
computed once for the training set (there is no augmentation, so they do not change
between epochs). Batches are drawn with the engine's ``make_train_dataset`` over sample
indices, which shuffles exactly as it does the images, so a student trained here sees
the same batches in the same order as the same model trained by ``engine.training.run.run``
with the same seed -- and starts from the same initial weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine import models
from engine.compress.stages import StageTraining
from engine.data import Dataset
from engine.tf_runtime import tf as _tf
from engine.training.loop import FitResult, fit
from engine.training.steps import keep_steps, make_optimizer, make_train_dataset, reusable_steps

EVAL_BATCH = 1024


def logits_fn(model: Any) -> Any:
    """``f(x, training)`` giving the pre-softmax logits of a model with a softmax Dense head."""
    import keras

    head = model.layers[-1]
    act = getattr(getattr(head, "activation", None), "__name__", None)
    if type(head).__name__ != "Dense" or act != "softmax":
        raise ValueError(
            f"model {model.name!r} does not end in a softmax Dense layer; "
            "distillation needs its logits"
        )
    features = keras.Model(model.inputs, head.input)

    def logits(x: Any, training: bool = False) -> Any:
        tf = _tf()
        z = tf.matmul(features(x, training=training), head.kernel)
        return z + head.bias if head.use_bias else z

    return logits


def distillation_loss(
    y: Any, student_logits: Any, teacher_logits: Any, temperature: float, alpha: float
) -> Any:
    """``alpha * CE(y, s) + (1 - alpha) * T**2 * KL(softmax(t/T) || softmax(s/T))``, batch mean."""
    tf = _tf()
    hard = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, student_logits))
    t = float(temperature)
    log_pt = tf.nn.log_softmax(teacher_logits / t, axis=1)
    log_ps = tf.nn.log_softmax(student_logits / t, axis=1)
    kl = tf.reduce_sum(tf.exp(log_pt) * (log_pt - log_ps), axis=1)
    soft = tf.reduce_mean(kl) * (t * t)
    return alpha * hard + (1.0 - alpha) * soft


def teacher_logits(teacher: Any, x: np.ndarray, device: str) -> np.ndarray:
    tf = _tf()
    logits = logits_fn(teacher)
    # traced once per teacher and called as the concrete function: a lab traces a new
    # teacher each time, which TensorFlow would otherwise count as "frequent retracing"
    fn = tf.function(
        lambda b: logits(b, training=False),
        input_signature=[tf.TensorSpec([None, *x.shape[1:]], tf.float32)],
        autograph=False,  # plain ops only; no source needed (e.g. in a frozen app)
    )
    with tf.device(device):
        concrete = fn.get_concrete_function()
        return np.concatenate(
            [
                concrete(tf.constant(x[i : i + EVAL_BATCH])).numpy()
                for i in range(0, len(x), EVAL_BATCH)
            ]
        )


@dataclass
class DistillResult:
    model: Any  # the student, the result's own (the compiled one trains the next lab's)
    fit: FitResult


def distill(
    teacher: Any,
    student: str,
    ds: Dataset,
    *,
    temperature: float,
    alpha: float,
    training: StageTraining,
) -> DistillResult:
    """Train a fresh registry model ``student`` against ``teacher`` for ``training.epochs``."""
    tf = _tf()
    import keras

    tr = training
    batch_size, seed, device = tr.batch_size, tr.seed, tr.device

    t_logits = teacher_logits(teacher, ds.x_train, device)
    keras.utils.set_random_seed(seed)  # as engine.training.run does, so the initial weights match
    with tf.device(device):
        fresh = models.build(student, num_classes=len(ds.class_names))
        # compiled once per student and reused by later labs (engine.training.steps)
        key = ("distill", student, len(ds.class_names), tr.learning_rate, device)
        steps = reusable_steps(key, fresh, make_optimizer("adam", tr.learning_rate))
        model, optimizer = steps.model, steps.optimizer
        x_all = tf.constant(ds.x_train)
        t_all = tf.constant(t_logits)
    logits = logits_fn(model)
    spec = (tf.TensorSpec([None], tf.int32), tf.TensorSpec([None], tf.int32))

    @tf.function(input_signature=spec, autograph=False)
    def train_step(idx: Any, y: Any) -> Any:
        x = tf.gather(x_all, idx)
        t = tf.gather(t_all, idx)
        with tf.GradientTape() as tape:
            s = logits(x, training=True)
            loss = distillation_loss(y, s, t, temperature, alpha)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
        correct = tf.reduce_sum(
            tf.cast(tf.equal(tf.argmax(s, axis=1, output_type=tf.int32), y), tf.float32)
        )
        return tf.stack([loss, correct])

    index = np.arange(len(ds.x_train), dtype=np.int32)
    with tf.device(device):
        result = fit(
            epochs=tr.epochs,
            steps_per_epoch=math.ceil(len(index) / batch_size),
            batches=lambda e: make_train_dataset(index, ds.y_train, batch_size, seed, e),
            step=lambda i, y: (*train_step(i, y).numpy(), i.shape[0]),  # loss, correct, n
            dev=lambda: steps.evaluate(ds.x_dev, ds.y_dev)[:2],
            events=tr.events,
            control=tr.control,
        )
    with tf.device(device):
        out = models.build(student, num_classes=len(ds.class_names))
        out.set_weights(model.get_weights())
    keep_steps(key, steps)
    return DistillResult(model=out, fit=result)
