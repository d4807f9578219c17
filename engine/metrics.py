"""The metric vocabulary: the keys of what a run measures, defined once.

A training run reports per batch (``on_batch_end`` logs) and per epoch (``on_epoch_end``
logs). The store, the CSV and HTML exports, TensorBoard, the CLI's progress lines and the
window's plots all name these figures with the keys below; units are in the names where a
figure has one (``samples_per_s``, ``seconds``).
"""

from __future__ import annotations

# -- per epoch -------------------------------------------------------------------------
EPOCH = "epoch"
TRAIN_LOSS = "train_loss"
TRAIN_ACCURACY = "train_accuracy"
DEV_LOSS = "dev_loss"
DEV_ACCURACY = "dev_accuracy"
SAMPLES_PER_S = "samples_per_s"
SECONDS = "seconds"
LEARNING_RATE = "learning_rate"
ENERGY_J = "energy_j"  # the GPUs' energy over the epoch's training steps (None: not measured)

# The figures of one epoch, in the order every table and export shows them.
EPOCH_METRICS: tuple[str, ...] = (
    TRAIN_LOSS,
    TRAIN_ACCURACY,
    DEV_LOSS,
    DEV_ACCURACY,
    SAMPLES_PER_S,
    SECONDS,
)
# The latest epoch's figures that a run's summary row keeps (all but the epoch's duration).
SUMMARY_METRICS: tuple[str, ...] = EPOCH_METRICS[:-1]
# What can be monitored for early stopping.
MONITORS: tuple[str, ...] = (DEV_LOSS, DEV_ACCURACY)

# -- per batch -------------------------------------------------------------------------
STEP = "step"
LOSS = "loss"
ACCURACY = "accuracy"
BATCH_METRICS: tuple[str, ...] = (LOSS, ACCURACY, SAMPLES_PER_S)

# -- after training ----------------------------------------------------------------------
TEST_LOSS = "test_loss"
TEST_ACCURACY = "test_accuracy"
