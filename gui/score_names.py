"""Names and units of the benchmark's sub-scores as a person reads them, in the window's
language (texts in the "QtBenchmarkView" translation context; the words the CLI shows too,
like the units, are the engine's: :mod:`engine.i18n.vocabulary`). Shared by the Benchmark,
History and Compare views."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.i18n import _
from engine.i18n.vocabulary import NOT_AVAILABLE, SECONDS, SUANLI_SCORE, TRAINING, UNIT_WORDS
from gui.i18n import EngineWord, translator
from gui.theme import fmt_number

CONTEXT = "QtBenchmarkView"

PRETTY = {
    "suanli_score": EngineWord(SUANLI_SCORE),
    "peak_tflops": QT_TRANSLATE_NOOP("QtBenchmarkView", "Peak compute (matrix multiply)"),
    "trace_seconds": QT_TRANSLATE_NOOP("QtBenchmarkView", "Graph tracing time"),
    "warmup_seconds": QT_TRANSLATE_NOOP("QtBenchmarkView", "Warm-up time"),
    "train_samples_per_s": QT_TRANSLATE_NOOP("QtBenchmarkView", "Training speed"),
    "train_tflops": QT_TRANSLATE_NOOP("QtBenchmarkView", "Achieved training compute"),
    "train_efficiency_percent": QT_TRANSLATE_NOOP(
        "QtBenchmarkView", "Share of peak used in training"
    ),
    "train_samples_per_j": QT_TRANSLATE_NOOP("QtBenchmarkView", "Training energy efficiency"),
    "input_wait_percent": QT_TRANSLATE_NOOP("QtBenchmarkView", "Time spent waiting for input"),
    "inference_samples_per_s": QT_TRANSLATE_NOOP("QtBenchmarkView", "Inference speed"),
    "inference_tflops": QT_TRANSLATE_NOOP("QtBenchmarkView", "Achieved inference compute"),
    "inference_samples_per_j": QT_TRANSLATE_NOOP("QtBenchmarkView", "Inference energy efficiency"),
    "time_to_accuracy_s": QT_TRANSLATE_NOOP("QtBenchmarkView", "Time to target accuracy"),
    "ai_suanli": QT_TRANSLATE_NOOP("QtBenchmarkView", "AI suanli (C+R)/S"),
    "ai_suanli_per_sample": QT_TRANSLATE_NOOP("QtBenchmarkView", "AI suanli per sample"),
}
# Bar-chart labels that are not the pretty name (English: the pretty name less " speed").
SHORT = {
    "train_samples_per_s": EngineWord(TRAINING),
    "inference_samples_per_s": QT_TRANSLATE_NOOP("QtBenchmarkView", "Inference"),
}
_BATCHED = re.compile(r"^(inference|latency)_b(\d+)_(samples_per_s|p50_ms|p99_ms)$")
_BATCHED_WORDS = {
    "samples_per_s": QT_TRANSLATE_NOOP("QtBenchmarkView", "Inference speed, batch {b}"),
    "p50_ms": QT_TRANSLATE_NOOP("QtBenchmarkView", "Latency, batch {b} (median)"),
    "p99_ms": QT_TRANSLATE_NOOP("QtBenchmarkView", "Latency, batch {b} (99th percentile)"),
}
CHART_UNIT = "samples/s"  # the bar chart compares the figures that share this unit
# Units of the sub-scores as a person reads them (FLOP/s, TFLOP/s, %, ms stay as they are).
UNITS = {
    **{u: UNIT_WORDS[u] for u in ("samples/s", "samples/J", "FLOP/byte", "points")},
    "s": SECONDS,
}


_tr = translator(CONTEXT)


def pretty_name(name: str) -> str:
    """A name a person reads: 'latency_b32_p99_ms' -> 'Latency, batch 32 (99th percentile)'."""
    if name in PRETTY:
        return _tr(PRETTY[name])
    m = _BATCHED.match(name)
    if m:
        return _tr(_BATCHED_WORDS[m.group(3)]).format(b=m.group(2))
    return name.replace("_", " ").capitalize()


def short_name(name: str) -> str:
    """Bar-chart label: the pretty name, without its trailing ' speed'."""
    m = _BATCHED.match(name)
    if m and m.group(3) == "samples_per_s":
        return QCoreApplication.translate("QtBenchmarkView", "Inference, batch {b}").format(
            b=m.group(2)
        )
    if name in SHORT:
        return _tr(SHORT[name])
    if name in PRETTY or m:
        return pretty_name(name)
    return pretty_name(name).replace(" speed", "")


def unit_text(unit: str) -> str:
    """A sub-score's unit in the window's language ('samples/s' -> '样本/秒')."""
    return _(UNITS[unit]) if unit in UNITS else unit


def value_text(value: float | None, unit: str, digits: int = 4) -> str:
    """'2,500 samples/s', or 'not available'."""
    if value is None:
        return _(NOT_AVAILABLE)
    return f"{fmt_number(value, digits)} {unit_text(unit)}".strip()
