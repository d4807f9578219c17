"""Help texts for the window: the first-run welcome and a tooltip for every score.

Text only; the views decide where to show it. Every string is marked with
``QT_TRANSLATE_NOOP("HelpTexts", ...)`` so ``pyside6-lupdate`` collects it into
``resources/i18n/suanli_<lang>.ts``, and is translated when asked for, through
``QCoreApplication.translate``: the language is whatever :mod:`gui.i18n` installed.
The texts are plain (no markup). Meanings and formulas follow ``docs/scores.md``.

Names with a batch size in them (``inference_b32_samples_per_s``, ``latency_b1_p99_ms``)
share one text with a ``{batch}`` field.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP

from engine.i18n.vocabulary import SUANLI_SCORE, TRAINING_THROUGHPUT
from gui.i18n import EngineWord, translate

CONTEXT = "HelpTexts"

WELCOME_TITLE = QT_TRANSLATE_NOOP("HelpTexts", "Welcome to Suanli")
WELCOME = QT_TRANSLATE_NOOP(
    "HelpTexts",
    'Suanli (算力, "compute power") measures how much AI work this computer can do, '
    "and keeps every result.\n"
    "\n"
    "It does three jobs:\n"
    "\n"
    "Train: teaches a small image-recognition network to read handwritten digits "
    "(MNIST) or another dataset, on your graphics card or processor. You watch the "
    "loss (how wrong it still is) go down and the accuracy go up, live, next to the "
    "device's load, temperature and power. At the end a test report says how often the "
    "network is right, digit by digit.\n"
    "\n"
    "Benchmark: runs a fixed set of measurements (training speed, inference speed, "
    "energy, the time to reach 97 % accuracy) and writes them on a score card. The "
    "Suanli score compares this machine with a reference machine: 1000 means as fast "
    "as the reference, 2000 twice as fast.\n"
    "\n"
    "Compare: puts score cards and runs side by side, from this machine, from earlier "
    "runs, or from cards exported on other machines. Each figure is shown with its "
    "ratio to the first one, and the differences in hardware and software are listed.\n"
    "\n"
    "Every run is kept on this computer; nothing is sent anywhere. Rest the mouse on a "
    "score to see what it means and how it is computed.",
)
FORMULA = QT_TRANSLATE_NOOP("HelpTexts", "Formula: {formula}")
LOWER_IS_BETTER = QT_TRANSLATE_NOOP("HelpTexts", "Lower is better.")

# name -> (title, meaning, formula, lower is better)
SCORES: dict[str, tuple[str, str, str, bool]] = {
    "suanli_score": (
        EngineWord(SUANLI_SCORE),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "How this machine compares with the reference machine, over the sub-scores "
            "that count: training and inference samples per second (and training samples "
            "per joule where the GPU reports energy). 1000 = the reference machine; twice "
            "as fast on every sub-score = 2000. Not available while the reference profile "
            "holds no measured values.",
        ),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "1000 × geometric mean of r_i, where r_i = measured / reference "
            "(reference / measured when lower is better)",
        ),
        False,
    ),
    "train_samples_per_s": (
        EngineWord(TRAINING_THROUGHPUT),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Training samples processed per second (the 90th percentile of repeated "
            "measurement windows). Part of the Suanli score.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "samples / training seconds"),
        False,
    ),
    "inference_samples_per_s": (
        QT_TRANSLATE_NOOP("HelpTexts", "Inference throughput"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Images classified per second by the trained network, at batch 256. Part of "
            "the Suanli score.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "samples / seconds"),
        False,
    ),
    "train_samples_per_j": (
        QT_TRANSLATE_NOOP("HelpTexts", "Training energy efficiency"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Training samples per joule of GPU energy, from the GPU's energy counter. "
            "Counted in the Suanli score where available; not available on a CPU or on "
            "a GPU without an energy counter.",
        ),
        QT_TRANSLATE_NOOP(
            "HelpTexts", "samples / energy (J), energy = counter at the end − counter at the start"
        ),
        False,
    ),
    "inference_samples_per_j": (
        QT_TRANSLATE_NOOP("HelpTexts", "Inference energy efficiency"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Images classified per joule of GPU energy, over all inference batch sizes. "
            "Informational; not available without a GPU energy counter.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "samples / energy (J)"),
        False,
    ),
    "train_tflops": (
        QT_TRANSLATE_NOOP("HelpTexts", "Training TFLOP/s"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Trillions of floating-point operations per second achieved while training "
            "(a multiply-add counts as 2). Informational: for a fixed model it moves with "
            "training samples per second.",
        ),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "C / seconds / 10¹², C = training FLOPs (forward + backward per sample × "
            "samples + optimizer update per step × steps)",
        ),
        False,
    ),
    "inference_tflops": (
        QT_TRANSLATE_NOOP("HelpTexts", "Inference TFLOP/s"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Trillions of floating-point operations per second achieved while classifying. "
            "Informational.",
        ),
        QT_TRANSLATE_NOOP(
            "HelpTexts", "R / seconds / 10¹², R = forward FLOPs per sample × samples"
        ),
        False,
    ),
    "peak_tflops": (
        QT_TRANSLATE_NOOP("HelpTexts", "Measured peak TFLOP/s"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "The fastest large float32 matrix multiplication measured on this device; "
            "the ceiling the efficiency is measured against (not a data-sheet figure).",
        ),
        QT_TRANSLATE_NOOP(
            "HelpTexts", "2 n³ / seconds / 10¹² for an n × n product, best of the repeats"
        ),
        False,
    ),
    "train_efficiency_percent": (
        QT_TRANSLATE_NOOP("HelpTexts", "Training efficiency"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "How much of the measured peak the training achieves. A small network like "
            "this one uses a small share. Informational.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "100 × training TFLOP/s / measured peak TFLOP/s"),
        False,
    ),
    "input_wait_percent": (
        QT_TRANSLATE_NOOP("HelpTexts", "Input wait"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Share of the training time spent waiting for the next batch of data. Above "
            "20 % the run is input-bound: the data pipeline, not the device, sets the pace.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "100 × waiting time / (waiting time + compute time)"),
        True,
    ),
    "time_to_accuracy_s": (
        QT_TRANSLATE_NOOP("HelpTexts", "Time to accuracy"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Seconds of training on MNIST, from loading the data, until the accuracy on "
            "the held-out dev images reaches the target (97 % unless set otherwise). Not "
            "available without the MNIST files.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "wall-clock seconds until dev accuracy ≥ target"),
        True,
    ),
    "ai_suanli": (
        QT_TRANSLATE_NOOP("HelpTexts", "AI算力 (AI suanli)"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "The figure of the article “AI算力” (on the compute power of AI): floating-point "
            "operations of training and of testing, per byte of model. It describes the "
            "workload (model and data), not the machine, so it is not part of the Suanli "
            "score.",
        ),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "(C + R) / S, C = training FLOPs, R = test inference FLOPs, S = model size in "
            "bytes (float32 weights)",
        ),
        False,
    ),
    "ai_suanli_per_sample": (
        QT_TRANSLATE_NOOP("HelpTexts", "AI算力 per sample"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "AI算力 for one training sample and one test sample, so it does not grow with "
            "the length of the run. A property of the workload.",
        ),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "(C / training samples seen + R / test samples) / S",
        ),
        False,
    ),
    "trace_seconds": (
        QT_TRANSLATE_NOOP("HelpTexts", "First-step time"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Seconds for the first training step, which traces and compiles the step "
            "function: a one-off cost.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "seconds of the first step"),
        True,
    ),
    "warmup_seconds": (
        QT_TRANSLATE_NOOP("HelpTexts", "Warm-up time"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Seconds for the 10 warm-up steps after the first one, before anything is measured.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "seconds of steps 2 to 11"),
        True,
    ),
    "dev_accuracy": (
        QT_TRANSLATE_NOOP("HelpTexts", "Dev accuracy"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Share of the held-out dev images (not used for training) the network "
            "classifies correctly after the last epoch.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "correct / dev samples"),
        False,
    ),
    "test_accuracy": (
        QT_TRANSLATE_NOOP("HelpTexts", "Test accuracy"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Share of the test images the trained network classifies correctly.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "correct / test samples"),
        False,
    ),
    "train_seconds": (
        QT_TRANSLATE_NOOP("HelpTexts", "Training time"),
        QT_TRANSLATE_NOOP(
            "HelpTexts",
            "Seconds spent on training steps. Loading data, pauses, the dev evaluation "
            "after each epoch and the final test are not counted.",
        ),
        QT_TRANSLATE_NOOP("HelpTexts", "sum over the epochs of the training-step seconds"),
        True,
    ),
}

# Sub-scores measured at several batch sizes: pattern -> (title, meaning, formula, lower).
BATCH_SCORES: tuple[tuple[re.Pattern[str], tuple[str, str, str, bool]], ...] = (
    (
        re.compile(r"^inference_b(?P<batch>\d+)_samples_per_s$"),
        (
            QT_TRANSLATE_NOOP("HelpTexts", "Inference throughput at batch {batch}"),
            QT_TRANSLATE_NOOP(
                "HelpTexts",
                "Images classified per second when {batch} images are given to the "
                "network at once.",
            ),
            QT_TRANSLATE_NOOP("HelpTexts", "{batch} × calls / seconds"),
            False,
        ),
    ),
    (
        re.compile(r"^latency_b(?P<batch>\d+)_p50_ms$"),
        (
            QT_TRANSLATE_NOOP("HelpTexts", "Median latency at batch {batch}"),
            QT_TRANSLATE_NOOP(
                "HelpTexts",
                "Milliseconds for one call classifying {batch} images; half of the calls "
                "were faster.",
            ),
            QT_TRANSLATE_NOOP("HelpTexts", "50th percentile of the call times, in ms"),
            True,
        ),
    ),
    (
        re.compile(r"^latency_b(?P<batch>\d+)_p99_ms$"),
        (
            QT_TRANSLATE_NOOP("HelpTexts", "Tail latency at batch {batch}"),
            QT_TRANSLATE_NOOP(
                "HelpTexts",
                "Milliseconds for one call classifying {batch} images; 99 % of the calls "
                "were faster. Shows hiccups the median hides.",
            ),
            QT_TRANSLATE_NOOP("HelpTexts", "99th percentile of the call times, in ms"),
            True,
        ),
    ),
)


def translated(text: str) -> str:
    """``text`` (as marked above) in the installed language."""
    return translate(CONTEXT, text)


def welcome_title() -> str:
    return translated(WELCOME_TITLE)


def welcome_text() -> str:
    """The first-run welcome: what the three jobs (train, benchmark, compare) do."""
    return translated(WELCOME)


def _entry(name: str) -> tuple[tuple[str, str, str, bool], dict[str, str]] | None:
    if name in SCORES:
        return SCORES[name], {}
    for pattern, entry in BATCH_SCORES:
        m = pattern.match(name)
        if m:
            return entry, m.groupdict()
    return None


def has_help(name: str) -> bool:
    return _entry(name) is not None


def score_title(name: str) -> str | None:
    """A score's name for people (``None`` for a name Suanli does not know)."""
    found = _entry(name)
    if found is None:
        return None
    (title, _, _, _), fields = found
    return translated(title).format(**fields)


def score_tooltip(name: str) -> str | None:
    """Title, meaning and formula of the score ``name``, as plain text lines."""
    found = _entry(name)
    if found is None:
        return None
    (title, meaning, formula, lower), fields = found
    lines = [translated(title).format(**fields), translated(meaning).format(**fields)]
    if lower:
        lines.append(translated(LOWER_IS_BETTER))
    lines.append(translated(FORMULA).format(formula=translated(formula).format(**fields)))
    return "\n".join(lines)
