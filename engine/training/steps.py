"""Compiled steps, the input pipeline, optimizers and learning-rate schedules.

Compiled steps are traced once per model shape and optimizer configuration and reused
from run to run (:func:`reusable_steps`): a new run copies its freshly initialised weights
into the kept model and puts the kept optimizer back as it was built, so it trains exactly
as it would on a model of its own, without tracing (and keeping) a new graph.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

import numpy as np

from engine.config import ConfigError, RunConfig
from engine.i18n import N_
from engine.i18n.message import Message
from engine.tf_runtime import tf as _tf

EVAL_BATCH = 1024


def make_schedule(config: RunConfig, steps_per_epoch: int):
    """constant, step (halve every 2 epochs) or cosine (to 0 over the run) on the step count."""
    import keras

    lr = config.learning_rate
    if config.lr_schedule == "constant":
        return lr
    if config.lr_schedule == "step":
        return keras.optimizers.schedules.ExponentialDecay(
            lr, decay_steps=2 * steps_per_epoch, decay_rate=0.5, staircase=True
        )
    return keras.optimizers.schedules.CosineDecay(lr, decay_steps=config.epochs * steps_per_epoch)


def make_optimizer(name: str, learning_rate, precision: str = "float32"):
    import keras

    if name == "adam":
        opt = keras.optimizers.Adam(learning_rate)
    elif name == "adamw":
        opt = keras.optimizers.AdamW(learning_rate)
    elif name == "sgd":
        opt = keras.optimizers.SGD(learning_rate, momentum=0.9)
    elif name == "rmsprop":
        opt = keras.optimizers.RMSprop(learning_rate)
    else:
        raise ConfigError("optimizer", name, Message(N_("adam, adamw, sgd or rmsprop")))
    if precision == "mixed_float16":
        opt = keras.optimizers.LossScaleOptimizer(opt)
    return opt


class Steps:
    """The compiled steps for one model and optimizer (the article's shape).

    ``train_step(x, y)`` returns ``[mean loss, correct count, batch size]``; with a strategy
    it runs on every replica and the results are summed across them. Without one,
    ``train_calls(x, y, idx)`` runs ``k`` steps in one call on the batches ``x[idx[i]]``,
    ``y[idx[i]]`` (``idx``: ``[k, batch size]`` indices into the whole training set ``x``,
    ``y``) and returns their ``k`` rows (``engine.training.calls``).
    """

    def __init__(self, model, optimizer, strategy=None, jit_compile: bool = False) -> None:
        tf = _tf()
        import keras

        self.model = model
        self.optimizer = optimizer
        self.strategy = strategy
        if strategy is None:
            optimizer.build(model.trainable_variables)
        else:
            with strategy.scope():
                optimizer.build(model.trainable_variables)
        spec = (
            tf.TensorSpec([None, *model.input_shape[1:]], tf.float32),
            tf.TensorSpec([None], tf.int32),
        )

        def forward_backward(x, y, scale):
            with tf.GradientTape() as tape:
                probs = model(x, training=True)
                per_sample = keras.losses.sparse_categorical_crossentropy(y, probs)
                loss = tf.reduce_sum(per_sample) * scale
                scaled = optimizer.scale_loss(loss)
            grads = tape.gradient(scaled, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
            pred = tf.argmax(probs, axis=1, output_type=tf.int32)
            correct = tf.reduce_sum(tf.cast(tf.equal(pred, y), tf.float32))
            return per_sample, correct

        if strategy is None:

            @tf.function(input_signature=spec, jit_compile=jit_compile)
            def train_step(x, y):
                n = tf.cast(tf.shape(x)[0], tf.float32)
                per_sample, correct = forward_backward(x, y, 1.0 / n)
                return tf.stack([tf.reduce_mean(per_sample), correct, n])
        else:
            replicas = strategy.num_replicas_in_sync

            def replica_step(x, y):
                n = tf.cast(tf.shape(x)[0], tf.float32)
                per_sample, correct = forward_backward(x, y, 1.0 / (n * replicas))
                return tf.stack([tf.reduce_sum(per_sample), correct, n])

            @tf.function(jit_compile=jit_compile, reduce_retracing=True)
            def train_step(x, y):
                out = strategy.reduce("SUM", strategy.run(replica_step, (x, y)), axis=None)
                return tf.stack([out[0] / out[2], out[1], out[2]])

        self.train_calls = None
        if strategy is None:

            @tf.function(
                input_signature=(*spec, tf.TensorSpec([None, None], tf.int32)),
                jit_compile=jit_compile,
            )
            def train_calls(x, y, idx):
                k = tf.shape(idx)[0]
                rows = tf.TensorArray(tf.float32, size=k)
                for i in tf.range(k):
                    xb, yb = tf.gather(x, idx[i]), tf.gather(y, idx[i])
                    n = tf.cast(tf.shape(idx)[1], tf.float32)
                    per_sample, correct = forward_backward(xb, yb, 1.0 / n)
                    rows = rows.write(i, tf.stack([tf.reduce_mean(per_sample), correct, n]))
                return rows.stack()

            self.train_calls = train_calls

        @tf.function(input_signature=spec, jit_compile=jit_compile)
        def eval_step(x, y):
            probs = tf.cast(model(x, training=False), tf.float32)
            loss_sum = tf.reduce_sum(keras.losses.sparse_categorical_crossentropy(y, probs))
            pred = tf.argmax(probs, axis=1, output_type=tf.int32)
            correct = tf.reduce_sum(tf.cast(tf.equal(pred, y), tf.float32))
            return tf.stack([loss_sum, correct]), pred, tf.reduce_max(probs, axis=1)

        self.train_step = train_step
        self.eval_step = eval_step
        # the optimizer as built (step 0, empty slots), for a run that reuses these steps
        self.optimizer_start = (
            [np.array(v.numpy()) for v in optimizer.variables] if strategy is None else []
        )

    def restart(self, weights: list[np.ndarray]) -> None:
        """Start over: the model gets ``weights`` and the optimizer its state as built."""
        self.model.set_weights(weights)
        for v, start in zip(self.optimizer.variables, self.optimizer_start, strict=True):
            v.assign(start)

    def dataset(self, x: np.ndarray, y: np.ndarray, batch_size: int, seed: int, epoch: int):
        ds = make_train_dataset(x, y, batch_size, seed, epoch)
        if self.strategy is not None:
            ds = self.strategy.experimental_distribute_dataset(ds)
        return ds

    def evaluate(self, x: np.ndarray, y: np.ndarray, batch: int = EVAL_BATCH):
        """(mean loss, accuracy, predictions, confidences) over a whole array."""
        loss_sum = correct = 0.0
        preds, confs = [], []
        for i in range(0, len(x), batch):
            sums, pred, conf = self.eval_step(x[i : i + batch], y[i : i + batch])
            s = sums.numpy()
            loss_sum += float(s[0])
            correct += float(s[1])
            preds.append(pred.numpy())
            confs.append(conf.numpy())
        n = max(1, len(x))
        return loss_sum / n, correct / n, np.concatenate(preds), np.concatenate(confs)


# Compiled steps kept for reuse, most recently used last; a run takes its steps out while
# it trains (two runs at once never share them) and gives them back when it ends.
KEPT_STEPS = 8
_kept: OrderedDict[Hashable, Steps] = OrderedDict()
_kept_lock = threading.Lock()


def reusable_steps(
    key: Hashable, model, optimizer, strategy=None, jit_compile: bool = False
) -> Steps:
    """Compiled steps for a freshly built ``model`` and ``optimizer``.

    ``key`` names all the traced steps depend on besides the weights: the model's
    architecture and classes, the optimizer with its learning rate and schedule, the
    precision, XLA and the device. When steps for ``key`` were kept (:func:`keep_steps`),
    they are taken and restarted with ``model``'s weights, and ``model`` and ``optimizer``
    are not used further: train ``steps.model`` with ``steps.optimizer``. Otherwise new
    steps are made for ``model`` and ``optimizer``. Under a ``tf.distribute`` strategy (made
    per run, with its own mirrored variables) steps are always new.
    """
    if strategy is None:
        with _kept_lock:
            steps = _kept.pop(key, None)
        if steps is not None:
            steps.restart(model.get_weights())
            return steps
    return Steps(model, optimizer, strategy, jit_compile=jit_compile)


def steps_key(
    config: RunConfig, device: str, steps_per_epoch: int, class_names, data_shape
) -> tuple:
    """What a training run's compiled steps depend on besides the weights: the key for
    :func:`reusable_steps` (``data_shape``: the training images' array shape)."""
    return (
        "run",
        config.model,
        len(class_names),
        tuple(data_shape[1:]),
        config.optimizer,
        config.learning_rate,
        config.lr_schedule,
        steps_per_epoch if config.lr_schedule != "constant" else None,
        config.epochs if config.lr_schedule == "cosine" else None,
        config.precision,
        config.xla,
        device,
    )


def keep_steps(key: Hashable, steps: Steps) -> None:
    """Give ``steps`` back for the next :func:`reusable_steps` with the same ``key`` (the
    least recently used are let go beyond :data:`KEPT_STEPS`). What the run returns must
    not hold ``steps.model``: the next run trains it."""
    if steps.strategy is not None:
        return
    with _kept_lock:
        _kept[key] = steps
        _kept.move_to_end(key)
        while len(_kept) > KEPT_STEPS:
            _kept.popitem(last=False)


def kept_steps() -> list[Steps]:
    """The compiled steps kept for reuse, the most recently kept last (tests, diagnostics)."""
    with _kept_lock:
        return list(_kept.values())


def forget_steps() -> None:
    """Let every kept compiled step go (tests; a long-lived process that is done training)."""
    with _kept_lock:
        _kept.clear()


def make_train_dataset(x: np.ndarray, y: np.ndarray, batch_size: int, seed: int, epoch: int):
    """Shuffled, batched, prefetched pipeline; the order depends only on (seed, epoch),
    so a resumed run sees the same batches as an uninterrupted one."""
    tf = _tf()
    ds = tf.data.Dataset.from_tensor_slices((x, y))
    ds = ds.shuffle(len(x), seed=seed * 100_003 + epoch, reshuffle_each_iteration=False)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)
