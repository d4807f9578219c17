"""The variants table of the Compression tab, without a window: the columns (header,
tooltip, how a value is written), each variant's name and colour. Texts are marked in the
"QtCompressionView" translation context and translated where shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.compress.config import VARIANTS
from engine.i18n import _ as engine_text
from engine.i18n.vocabulary import N_A
from gui.theme import SERIES, fmt_number

CONTEXT = "QtCompressionView"  # of the module-level texts below
# Each variant's short name as a person reads it (the lab's identifiers are jargon:
# keras, tflite-dynamic), and what it is, in plain words (its tooltip).
VARIANT_WORDS = {
    "keras": QT_TRANSLATE_NOOP("QtCompressionView", "original"),
    "tflite-fp32": QT_TRANSLATE_NOOP("QtCompressionView", "TFLite 32-bit"),
    "tflite-fp16": QT_TRANSLATE_NOOP("QtCompressionView", "TFLite 16-bit"),
    "tflite-dynamic": QT_TRANSLATE_NOOP("QtCompressionView", "TFLite 8-bit weights"),
    "tflite-int8": QT_TRANSLATE_NOOP("QtCompressionView", "TFLite int8"),
    "pruned": QT_TRANSLATE_NOOP("QtCompressionView", "pruned"),
    "distilled": QT_TRANSLATE_NOOP("QtCompressionView", "distilled"),
}
VARIANT_ABOUT = {
    "keras": QT_TRANSLATE_NOOP(
        "QtCompressionView",
        "The trained model as it is (Keras, 32-bit floating-point weights). Every other "
        "variant is compared with it.",
    ),
    "tflite-fp32": QT_TRANSLATE_NOOP(
        "QtCompressionView",
        "The same model converted to TensorFlow Lite, the runtime for phones and small "
        "devices; the weights stay 32-bit.",
    ),
    "tflite-fp16": QT_TRANSLATE_NOOP(
        "QtCompressionView",
        "TensorFlow Lite with the weights stored as 16-bit numbers: about half the size, "
        "nearly the same answers.",
    ),
    "tflite-dynamic": QT_TRANSLATE_NOOP(
        "QtCompressionView",
        "TensorFlow Lite with the weights stored as 8-bit integers (“dynamic range” "
        "quantization): about a quarter of the size; the arithmetic stays floating-point.",
    ),
    "tflite-int8": QT_TRANSLATE_NOOP(
        "QtCompressionView",
        "TensorFlow Lite with weights and arithmetic in 8-bit integers (“full int8”): a "
        "quarter of the size, made for small processors and accelerators.",
    ),
    "pruned": QT_TRANSLATE_NOOP(
        "QtCompressionView",
        "A copy whose smallest weights were set to zero, then fine-tuned. The file keeps "
        "its size (the zeros are still stored) but compresses well with gzip.",
    ),
    "distilled": QT_TRANSLATE_NOOP(
        "QtCompressionView",
        "A student model trained to imitate the answers of a bigger teacher model.",
    ),
}


def tr_lab(text: str) -> str:
    """``text`` (marked in the "QtCompressionView" context) in the window's language."""
    return QCoreApplication.translate(CONTEXT, text)


def variant_name(name: str) -> str:
    """The variant's name as shown in the table and on the charts."""
    return tr_lab(VARIANT_WORDS[name]) if name in VARIANT_WORDS else name


def chart_name(name: str) -> str:
    """The variant's name on the charts: shorter (the dots sit close together, and the
    colours match the table's)."""
    return variant_name(name).removeprefix("TFLite ")


# The order the columns are shown in (by index in COLUMNS): the answers first (name,
# accuracy, size, speed), the details after.
SHOWN_ORDER = (0, 3, 1, 5, 7, 2, 6, 4, 8)


def variant_about(name: str) -> str:
    """What the variant is, in plain words ("" for a name the lab does not make)."""
    return tr_lab(VARIANT_ABOUT[name]) if name in VARIANT_ABOUT else ""


def variant_label(row: dict[str, Any]) -> str:
    """The row's label ("TFLite full int8"; the lab's English, translated where shown)."""
    label = row.get("label")
    return engine_text(str(label)) if label else variant_name(str(row.get("variant", "?")))


# -- the table's columns ------------------------------------------------------------------------
def kb_text(v: float) -> str:
    return f"{v / 1000:,.1f}"


def ms_text(v: float) -> str:
    """Milliseconds to 3 significant digits, trailing zeros kept: 1.00, 0.0228, 14.2."""
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:#.3g}"


def pct_text(v: float) -> str:
    return f"{100 * v:.2f}"


@dataclass(frozen=True)
class Column:
    header: str  # may hold a line break: the headers are two lines high (marked, translated)
    key: str
    fmt: Callable[[float], str]
    tip: str  # marked for translation, translated where shown
    exact: Callable[[float], str] | None = None  # the cell's tooltip


def _bytes(v: float) -> str:
    return QCoreApplication.translate("QtCompressionView", "{bytes} bytes").format(
        bytes=f"{v:,.0f}"
    )


def _bytes_gzipped(v: float) -> str:
    return QCoreApplication.translate("QtCompressionView", "{bytes} bytes gzipped").format(
        bytes=f"{v:,.0f}"
    )


def _flop_per_image(v: float) -> str:
    return QCoreApplication.translate("QtCompressionView", "{flop} FLOP per image").format(
        flop=f"{v:,.0f}"
    )


COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Variant"),
        "variant",
        str,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "How the model was made: the Keras baseline, four TensorFlow Lite conversions of "
            "it, a pruned copy and a distilled student. The colour matches the charts.",
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Size S\n(kB)"),
        "size_bytes",
        kb_text,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "Size of the model file on disk, in kilobytes (1 kB = 1,000 bytes).",
        ),
        _bytes,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "gzip size\n(kB)"),
        "gzip_bytes",
        kb_text,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "Size of the model file after gzip compression. Pruning sets weights to zero "
            "without removing them, so it only pays off here.",
        ),
        _bytes_gzipped,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Test accuracy\n(%)"),
        "test_accuracy",
        pct_text,
        QT_TRANSLATE_NOOP(
            "QtCompressionView", "Share of the test images this variant classifies correctly."
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Inference R\n(FLOP/image)"),
        "inference_flops_per_sample",
        fmt_number,
        QT_TRANSLATE_NOOP(
            "QtCompressionView", "Floating-point operations needed to classify one image."
        ),
        _flop_per_image,
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Latency p50\nbatch 1 (ms)"),
        "latency_ms_p50",
        ms_text,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "Median (p50: half the calls are faster) time to classify one image on its own "
            "(batch of 1), in milliseconds.",
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Latency p99\nbatch 1 (ms)"),
        "latency_ms_p99",
        ms_text,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "99th-percentile (p99) time for one image on its own: the slow tail. 1 call in "
            "100 takes longer than this.",
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "Throughput\nbatch 256 (img/s)"),
        "throughput_samples_per_s",
        fmt_number,
        QT_TRANSLATE_NOOP(
            "QtCompressionView", "Images classified per second when they come in batches of 256."
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("QtCompressionView", "(C+R)/S\n(FLOP/byte)"),
        "ai_suanli",
        fmt_number,
        QT_TRANSLATE_NOOP(
            "QtCompressionView",
            "AI compute power (C+R)/S, from the article “AI算力” on the compute power of AI: "
            "the training FLOPs that made this variant (C) plus the inference FLOPs on the "
            "test set (R), divided by the model's file size in bytes (S). Pruned and "
            "distilled variants score higher partly because more training went into them "
            "(fine-tuning, the teacher).",
        ),
    ),
)


def cell_text(row: dict[str, Any], column: Column) -> str:
    value = row.get(column.key)
    if column.key == "variant":
        return variant_name(str(value or "?"))
    if value is None or not isinstance(value, int | float) or not math.isfinite(value):
        return engine_text(N_A)
    return column.fmt(value)


def variant_color(name: str) -> str:
    """One colour per variant, the same in the table and both charts."""
    i = VARIANTS.index(name) if name in VARIANTS else sum(map(ord, name))
    return SERIES[i % len(SERIES)]
