"""The Compression tab's words and data, without a window: the lab's progress as a line
of text, the one-line note on pruning and distillation, the lab's config from the tab's
settings and the training form, and the ticks of a log axis. Texts are marked in the
"QtCompressionView" translation context.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.compress.config import CompressConfig
from engine.compress.progress import LabProgress
from engine.config import RunConfig
from gui.views.compression.variant_table import tr_lab

SAME_AS_FORM = QT_TRANSLATE_NOOP("QtCompressionView", "Same as the training form")
FROM_FORM = ("data_dir", "limit", "device", "seed")  # always taken from the training form
STAGE_WORDS = {
    "baseline": QT_TRANSLATE_NOOP("QtCompressionView", "training the baseline"),
    "prune": QT_TRANSLATE_NOOP("QtCompressionView", "pruning with fine-tuning"),
    "teacher": QT_TRANSLATE_NOOP("QtCompressionView", "training the teacher"),
    "distill": QT_TRANSLATE_NOOP("QtCompressionView", "distilling the student"),
}
AFTER_STAGE = {  # what the lab does between a stage's last epoch and the next stage
    "baseline": QT_TRANSLATE_NOOP(
        "QtCompressionView", "measuring the baseline and its TensorFlow Lite conversions"
    ),
    "prune": QT_TRANSLATE_NOOP("QtCompressionView", "measuring the pruned model"),
    "teacher": QT_TRANSLATE_NOOP("QtCompressionView", "teacher trained; starting distillation"),
    "distill": QT_TRANSLATE_NOOP("QtCompressionView", "measuring the distilled student"),
}


def lab_note(rows: list[dict[str, Any]], result: dict[str, Any] | None = None) -> str:
    """One line on pruning sparsity and the distillation result (from the rows so far,
    or from the lab's result once it has one)."""
    by_name = {r.get("variant"): r for r in rows}
    parts = []
    pr = (result or {}).get("pruning")
    pruned = by_name.get("pruned")
    if pr or (pruned and pruned.get("sparsity") is not None):
        sparsity = pr["sparsity"] if pr else pruned["sparsity"]
        target = pr["target_sparsity"] if pr else pruned.get("target_sparsity")
        aim = (
            QCoreApplication.translate("QtCompressionView", " (target {target} %)").format(
                target=f"{100 * target:.0f}"
            )
            if target is not None
            else ""
        )
        if pr and pr.get("weights"):
            text = QCoreApplication.translate(
                "QtCompressionView",
                "pruned: {sparsity} % of {weights} weights are zero{aim}; "
                "the file only shrinks gzipped",
            ).format(sparsity=f"{100 * sparsity:.1f}", weights=f"{pr['weights']:,}", aim=aim)
        else:
            text = QCoreApplication.translate(
                "QtCompressionView",
                "pruned: {sparsity} % of the weights are zero{aim}; the file only shrinks gzipped",
            ).format(sparsity=f"{100 * sparsity:.1f}", aim=aim)
        parts.append(text)
    d = (result or {}).get("distillation")
    distilled, base = by_name.get("distilled"), by_name.get("keras")
    how_text = QCoreApplication.translate(
        "QtCompressionView", "teacher {teacher}, T = {temperature}, α = {alpha}"
    )
    if d:
        student, plain = d["student_test_accuracy"], d["no_teacher_test_accuracy"]
        teacher = d.get("teacher", {})
        how = how_text.format(
            teacher=teacher.get("model", "?"),
            temperature=f"{d['temperature']:g}",
            alpha=f"{d['alpha']:g}",
        )
    elif distilled and base:
        student, plain = distilled["test_accuracy"], base["test_accuracy"]
        how = how_text.format(
            teacher=distilled.get("teacher", "?"),
            temperature=f"{distilled.get('temperature', 0):g}",
            alpha=f"{distilled.get('alpha', 0):g}",
        )
    else:
        student = None
    if student is not None:
        gain = 100 * (student - plain)
        parts.append(
            QCoreApplication.translate(
                "QtCompressionView",
                "distilled: {student} % vs {plain} % without a teacher ({gain} points; {how})",
            ).format(
                student=f"{100 * student:.2f}",
                plain=f"{100 * plain:.2f}",
                gain=f"{gain:+.2f}",
                how=how,
            )
        )
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


class LabStatus(LabProgress):
    """The lab's progress callback that also says, in the window's language, what the lab
    does now (:meth:`text`)."""

    def text(self) -> str:
        """What the lab does now, in the window's language."""
        if not self.stage:
            return QCoreApplication.translate(
                "QtCompressionView", "Loading the data and building the models…"
            )
        k = self.stage_number()
        where = (
            QCoreApplication.translate("QtCompressionView", "Stage {stage} of {stages}, ").format(
                stage=k, stages=len(self.stages)
            )
            if k
            else ""
        )
        measured = QCoreApplication.translate(
            "QtCompressionView", " · {measured} of {variants} variants measured"
        ).format(measured=self.rows, variants=self.variants)
        if self.training:
            epoch, planned = self.stage_epoch()
            step = (
                QCoreApplication.translate("QtCompressionView", ", step {step}/{steps}").format(
                    step=f"{self.step:,}", steps=f"{self.steps:,}"
                )
                if self.steps
                else ""
            )
            words = tr_lab(STAGE_WORDS[self.stage]) if self.stage in STAGE_WORDS else self.stage
            return QCoreApplication.translate(
                "QtCompressionView", "{where}{words}: epoch {epoch}/{planned}{step}{measured}"
            ).format(
                where=where, words=words, epoch=epoch, planned=planned, step=step, measured=measured
            )
        if self.stage in AFTER_STAGE:
            words = tr_lab(AFTER_STAGE[self.stage])
        else:
            words = QCoreApplication.translate("QtCompressionView", "{stage} done").format(
                stage=self.stage
            )
        return QCoreApplication.translate("QtCompressionView", "{where}{words}…{measured}").format(
            where=where, words=words, measured=measured
        )


def log_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """Ticks for an axis drawn in log10 units from ``lo`` to ``hi``, labelled with the plain
    values: 1-2-5 in each decade, every digit when that gives fewer than three ticks, only
    the powers of ten over more than three decades."""

    def at(mults: Iterable[int]) -> list[tuple[float, str]]:
        return [
            (math.log10(m) + k, f"{m * 10.0**k:g}")
            for k in range(math.floor(lo), math.ceil(hi) + 1)
            for m in mults
            if lo <= math.log10(m) + k <= hi
        ]

    if hi - lo > 3:
        return at((1,))
    ticks = at((1, 2, 5))
    return ticks if len(ticks) >= 3 else at(range(1, 10))


def lab_config(
    form: RunConfig | None, settings: Mapping[str, Any], overrides: Mapping[str, Any]
) -> CompressConfig:
    """The lab's config, not yet validated: the tab's ``settings`` (dataset, None = the
    form's; epochs, sparsity, …), the data folder, limit, seed and device of the training
    form (``form``), then ``overrides`` (fields that win: tests, scripts)."""
    base = form or RunConfig()
    values: dict[str, Any] = {k: getattr(base, k) for k in FROM_FORM}
    dataset = settings.get("dataset") or base.dataset
    if dataset != base.dataset:
        values["data_dir"] = None  # the form's folder holds the form's dataset
    values.update(settings)
    values["dataset"] = dataset
    values.update(overrides)
    return CompressConfig(**values)
