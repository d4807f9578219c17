"""Reading what a widget shows, as a person would: for the "speaks Chinese" tests.

:func:`shown_texts` collects every text a widget tree shows (labels, buttons, group titles,
tab titles, combo items, table headers and cells, placeholders, tooltips, pyqtgraph titles,
axis labels and legends). :func:`english_left` keeps those that still hold an English word
once names that stay as they are (units, products, file paths, identifiers the CLI takes)
are taken out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

# Names, units and identifiers that stay as they are in every language.
KEEP = frozenset(
    """
    MNIST Fashion-MNIST TensorFlow Keras TensorBoard LiteRT TFLite NVIDIA NVML CUDA XLA
    Linux Windows macOS Python Qt PySide6 SQLite Zalando Lite gzip libnvidia-ml
    GPU GPUs CPU CPUs RAM VRAM PCIe SM AMX AVX AVX512 BF16 MLPerf TDP
    FLOP FLOPs FLOP/s TFLOP GFLOP MFLOP kFLOP PFLOP TFLOP/s GFLOP/s MFLOP/s PFLOP/s
    GiB MiB KiB GB MB KB TB MHz GHz ms µs ns
    fp32 fp16 int8 float32 float16 bfloat16 mixed_float16 mixed_bfloat16
    Adam AdamW SGD RMSprop adam adamw sgd rmsprop ReLU softmax Conv2D MaxPooling2D Dense
    Flatten ResNet CNN IDX npz
    PNG HTML CSV JSON SVG ETA ID JPEG BMP GIF Ctrl-C MirroredStrategy Tensor Core
    AI Suanli
    seed-cnn seed-cnn-wide seed-cnn-narrow seed-cnn-deep resnet-small
    keras tflite-fp32 tflite-fp16 tflite-dynamic tflite-int8
    cpu gpu all-gpus multiworker mnist fashion-mnist
    """.split()
)
# Taken out before looking for words: paths, $VARIABLES, --flags, file and module names,
# commands, anything with a digit. ASCII: a Chinese character is not part of a name.
_NOT_WORDS = re.compile(
    r"((?<![\w.])(?:~|\.{1,2})?/[^\s，。；：、）)]*)"  # /a/path, ~/x, ./x
    r"|([A-Za-z]:\\\S*)"  # C:\a\path
    r"|(\S+/\S+/\S*)"  # a/relative/path
    r"|(\$\w+)"
    r"|((?<![\w-])--?[A-Za-z][\w-]*)"  # --flag, -h (not the -cnn of seed-cnn)
    r"|(\b[\w-]+\.(?:json|html|png|csv|npz|gz|qm|ts|py|db|sqlite|tflite|keras)\b)"
    r"|(\b[a-z_]+(?:\.[a-z_]+)+\b)"  # engine.benchmark.suite
    r"|(\b[a-z]+(?:_[a-z0-9]+)+\b)"  # batch_size: a setting's name
    r"|(python -m [\w .:-]+)"
    r"|(\b[\w-]*\d[\w-]*\b)",  # gpu:0, b32, 3x3, run ids
    re.ASCII,
)
_UNIT = re.compile(r"\b[A-Za-z]+/[A-Za-z]+\b")  # samples/s: a word too, unless in KEEP
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """``[(where, text)]`` for every text ``root`` and its children show."""
    out: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            out.append((f"{type(widget).__name__}#{widget.objectName()}[{what}]", text))

    for w in [root, *root.findChildren(QWidget)]:
        add(w, "tooltip", w.toolTip())
        if isinstance(w, QLabel):
            add(w, "text", w.text())
        elif isinstance(w, QAbstractButton):
            add(w, "text", w.text())
        elif isinstance(w, QGroupBox):
            add(w, "title", w.title())
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, "item", w.itemText(i))
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, "tab", w.tabText(i))
                add(w, "tab tooltip", w.tabToolTip(i))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m, top = w.model(), QModelIndex()
            try:
                columns = m.columnCount(top)
            except TypeError:  # a QListWidget's model keeps columnCount() private: one column
                columns = 1
            for c in range(columns):
                add(w, "header", m.headerData(c, Qt.Orientation.Horizontal))
                tip = m.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                add(w, "header tooltip", tip)
            for r in range(m.rowCount(top)):
                add(w, "row header", m.headerData(r, Qt.Orientation.Vertical))
                for c in range(columns):
                    index = m.index(r, c)
                    add(w, "cell", m.data(index))
                    add(w, "cell tooltip", m.data(index, Qt.ItemDataRole.ToolTipRole))
    out += _plot_texts(root)
    return out


def _plot_texts(root: QWidget) -> list[tuple[str, str]]:
    try:
        import pyqtgraph as pg
    except ImportError:
        return []
    out = []
    for pw in [root, *root.findChildren(QWidget)]:
        if not isinstance(pw, pg.PlotWidget):
            continue
        item = pw.getPlotItem()
        where = f"PlotWidget#{pw.objectName()}"
        out.append((f"{where}[title]", item.titleLabel.text or ""))
        for side in ("left", "bottom", "right", "top"):
            axis = item.getAxis(side)
            if axis.isVisible():
                out.append((f"{where}[{side} axis]", f"{axis.labelText} {axis.labelUnits or ''}"))
        if item.legend is not None:
            out += [(f"{where}[legend]", label.text) for _, label in item.legend.items]
    return [(w, t) for w, t in out if t.strip()]


def english_words(text: str, keep: Iterable[str] = ()) -> list[str]:
    """The English words left in ``text`` once names, units, paths and flags are out."""
    allowed = KEEP | set(keep)
    stripped = _NOT_WORDS.sub(" ", text)
    units = [u for u in _UNIT.findall(stripped) if u not in allowed]
    stripped = _UNIT.sub(" ", stripped)
    words = [w for w in _WORD.findall(stripped) if w not in allowed and len(w) > 2]
    return units + words


def english_left(root: QWidget, keep: Iterable[str] = ()) -> list[str]:
    """``"where: text"`` for each shown text that still holds English words."""
    keep = set(keep)
    return [
        f"{where}: {text[:120]!r} ({', '.join(words[:4])})"
        for where, text in shown_texts(root)
        if (words := english_words(text, keep))
    ]
