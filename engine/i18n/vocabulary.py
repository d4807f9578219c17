"""The words both the CLI and the window show: units, score and metric names, report and
plot labels, run statuses. Each is defined here once, marked with ``N_()`` for the engine's
catalog (``resources/i18n/engine_zh_CN.json``); show one with ``_(WORD)`` (or the helpers
below) in the language the CLI or the window chose (the window sets the engine's language
together with its own, see ``gui/i18n.py``). The window's Qt catalog holds none of these
(``tests/gui/test_i18n.py`` fails when it shares a source text with the engine's).

A word that means two things in the engine gets a context (:func:`engine.i18n.pgettext`):
the run report's "Epochs" heading and "stopped" row use the context :data:`REPORT`.
A refused config value is worded by :func:`engine.i18n.config_error_message`.
"""

from __future__ import annotations

from engine.i18n import N_, _
from engine.metrics import DEV_ACCURACY, DEV_LOSS

# --------------------------------------------------------------------------- units

#: Units that are words, in the current language where shown (:func:`unit_text`); the
#: others (ms, %, TFLOP/s) are the same in every language.
UNIT_WORDS = {
    "samples/s": N_("samples/s"),
    "samples/J": N_("samples/J"),
    "points": N_("points"),
    "fraction": N_("fraction"),
    "FLOP/byte": N_("FLOP/byte"),
    "FLOP/sample": N_("FLOP/sample"),
}
#: Seconds as a word: a table's column heading, a benchmark figure's unit in the window.
SECONDS = N_("s")

# --------------------------------------------------------------------------- scores and figures

SUANLI_SCORE = N_("Suanli score")
INTERVAL_95 = N_("95 % interval")  # a figure's 95 % interval (docs/scores.md)
SCORE_CARD = N_("Score card")
TRAINING = N_("Training")  # a report section, the window's tab, the benchmark's bar
TRAINING_THROUGHPUT = N_("Training throughput")
COMPRESSION_LAB = N_("compression lab")  # a run's kind (History, the run report)
GPU_POWER = N_("GPU power")
CPU = N_("CPU")
EPOCHS = N_("Epochs")  # how many epochs a run has (a setting, a column)
NOT_AVAILABLE = N_("not available")
N_A = N_("n/a")  # a table cell without a value

#: The epoch metrics an early stop can watch, as people name them.
METRIC_NAMES = {DEV_LOSS: N_("dev loss"), DEV_ACCURACY: N_("dev accuracy")}

# --------------------------------------------------------------------------- training plots

LOSS_TITLE = N_("Loss")
ACCURACY_TITLE = N_("Accuracy")
LOSS_AXIS = N_("loss")
ACCURACY_AXIS = N_("accuracy")
STEP_AXIS = N_("step")
PER_BATCH = N_("per batch")
# What a stored batch point's samples/s is: the epoch's samples so far / its seconds so far.
EPOCH_SO_FAR = N_("epoch so far (running average)")

# --------------------------------------------------------------------------- classification report

#: The summary rows of a classification report (after one row per class).
SUMMARY_ROWS = {
    "accuracy": ACCURACY_AXIS,
    "micro avg": N_("micro avg"),
    "macro avg": N_("macro avg"),
    "weighted avg": N_("weighted avg"),
}
CONFUSION_MATRIX = N_("Confusion matrix")

# --------------------------------------------------------------------------- run statuses

#: A run's status (``engine.store.schema.STATUSES``) as a word.
STATUS_WORDS = {
    "running": N_("running"),
    "finished": N_("finished"),
    "stopped": N_("stopped"),
    "failed": N_("failed"),
    "interrupted": N_("interrupted"),
}
INTERRUPTED = STATUS_WORDS["interrupted"]

#: The context of the run report's words that mean something else elsewhere.
REPORT = "report"


def unit_text(unit: str) -> str:
    """A unit in the current language ('samples/s' -> '样本/秒'; 'ms' stays 'ms')."""
    word = UNIT_WORDS.get(unit)
    return unit if word is None else _(word)


def run_status_text(status: str) -> str:
    """A run status (``finished``, ``stopped``, …) in the current language."""
    word = STATUS_WORDS.get(status)
    return _(word) if word else status
