"""The Benchmark tab's headline, as texts (no widgets): the Suanli score with its 95 %
interval, what 1000 means (the reference machine in words) and what else used the machine
while the suite measured. Texts keep the view's translation context (``QtBenchmarkView``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gui.theme import fmt_number
from gui.wording import reference_words

CONTEXT = "QtBenchmarkView"
MEANS = QT_TRANSLATE_NOOP("QtBenchmarkView", "1000 = {machine}")
BEFORE_RUN = QT_TRANSLATE_NOOP("QtBenchmarkView", "Run the benchmark to score this machine.")
NO_SCORE = QT_TRANSLATE_NOOP(
    "QtBenchmarkView", "No score: a required figure could not be measured."
)
INTERVAL = QT_TRANSLATE_NOOP("QtBenchmarkView", "95 % interval {low} – {high}")
NO_INTERVAL = QT_TRANSLATE_NOOP("QtBenchmarkView", "no uncertainty: this card has no interval")
INTERFERENCE = {
    "quiet": QT_TRANSLATE_NOOP(
        "QtBenchmarkView", "Quiet: nothing else used the machine noticeably while it measured"
    ),
    "disturbed": QT_TRANSLATE_NOOP(
        "QtBenchmarkView",
        "Disturbed: other processes used {cores} cores on average while it measured; "
        "run it again on a quieter machine for a firmer score",
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Headline:
    score: str  # "932" or "–"
    interval: str  # "95 % interval 610 – 1068", or why there is none
    reference: str  # "1000 = AMD EPYC (2 logical cores, …)"
    interference: str  # "" before a card
    disturbed: bool = False


def headline(card: Mapping[str, Any] | None, reference: Mapping[str, Any] | None) -> Headline:
    """The headline for ``card`` (a whole score card), or the empty one before a run."""
    machine = reference_words(reference)
    ref_text = _tr(MEANS).format(machine=machine)
    if not isinstance(card, Mapping) or "schema" not in card:
        return Headline("–", _tr(BEFORE_RUN), ref_text, "")
    score = card.get("suanli_score")
    if score is None:
        return Headline("–", _tr(NO_SCORE), ref_text, "")
    ci = card.get("suanli_score_ci95")
    if isinstance(ci, list | tuple) and len(ci) == 2:
        interval = _tr(INTERVAL).format(low=fmt_number(ci[0], 4), high=fmt_number(ci[1], 4))
    else:
        interval = _tr(NO_INTERVAL)
    figures = card.get("interference")
    verdict = figures.get("verdict") if isinstance(figures, Mapping) else None
    text = ""
    if verdict in INTERFERENCE:
        cores = figures.get("other_cpu_cores_mean")
        text = _tr(INTERFERENCE[verdict]).format(
            cores=f"{cores:.2f}" if isinstance(cores, int | float) else "?"
        )
    return Headline(fmt_number(score, 4), interval, ref_text, text, verdict == "disturbed")
