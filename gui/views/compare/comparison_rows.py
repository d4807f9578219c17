"""The Compare tab's data, shaped for its tables and chart (no widgets): a stored card's
row, the sub-score rows with ratios and verdicts, the bar groups on a 1-2-5 log axis, the
environment rows. The comparison itself is :func:`engine.reports.compare.compare`; the
texts keep the view's translation context (``QtCompareView``). Every text from a card is
made plain and one line here.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.i18n import _
from engine.i18n.vocabulary import N_A, SUANLI_SCORE, unit_text
from engine.reports.compare import Comparison, fact_label
from engine.store.records import CardRow, StoreError
from gui import help_texts
from gui.formatting import fact_text, one_line, when
from gui.i18n import EngineWord, translate
from gui.score_names import pretty_name, short_name
from gui.theme import fmt_number

STORE_ERRORS = (StoreError, sqlite3.Error, OSError, ValueError)
CARD_HEADERS = (
    "",
    QT_TRANSLATE_NOOP("QtCompareView", "Card"),
    QT_TRANSLATE_NOOP("QtCompareView", "Machine"),
    QT_TRANSLATE_NOOP("QtCompareView", "Score"),
    QT_TRANSLATE_NOOP("QtCompareView", "From"),
    QT_TRANSLATE_NOOP("QtCompareView", "Added"),
)
SCORE_COLUMN = 3  # the card table's column of numbers (right-aligned)
SAME_WITHIN = 0.01  # a ratio within 1 % of 1 is "the same": no colour
ALWAYS_FACTS = ("gpus", "driver_version", "cuda_driver_version", "tensorflow", "cpu_model")
STEPS_125 = (1.0, 2.0, 5.0)
BAR_SPAN = 0.8  # the share of a group's height its bars fill


def not_available() -> str:
    """'n/a' in the current language: a value a card does not have."""
    return _(N_A)


def unknown_machine() -> str:
    return QCoreApplication.translate("QtCompareView", "unknown machine")


def ratio_text(ratio: float | None, ci: Sequence[float] | None = None) -> str:
    """'1.25× (+25 %)', '0.97× (-3.0 %)', with an interval '1.25× (+25 % ± 4 %)'; 'n/a'
    when either value is missing."""
    if ratio is None or not math.isfinite(ratio):
        return not_available()
    change = 100 * (ratio - 1)
    digits = ".1f" if abs(change) < 10 else ".0f"
    spread = ""
    if ci is not None and len(ci) == 2:
        half = 100 * (ci[1] - ci[0]) / 2
        spread = f" ± {half:{'.1f' if half < 10 else '.0f'}} %"
    return f"{ratio:.2f}× ({change:+{digits}} %{spread})"


VERDICT_CODES = {"better": 1, "worse": -1, "within noise": 0}


def row_verdict(row: dict[str, Any], k: int) -> int:
    """The engine's verdict on item ``k`` of a comparison row (+1 better, -1 worse, 0
    within noise or unknown); a row without verdicts falls back to :func:`verdict`."""
    verdicts = row.get("verdicts")
    if verdicts is None or verdicts[k] is None:  # no interval: the plain ratio's colour
        return verdict(row["ratios"][k], bool(row["higher_is_better"]))
    return VERDICT_CODES.get(verdicts[k], 0)


def verdict_tip(code: int, has_interval: bool) -> str:
    """What a ratio cell's colour means, for its tooltip."""
    if code > 0:
        return QCoreApplication.translate("QtCompareView", "better than the baseline")
    if code < 0:
        return QCoreApplication.translate("QtCompareView", "worse than the baseline")
    if has_interval:
        return QCoreApplication.translate(
            "QtCompareView", "within noise: no clear difference from the baseline"
        )
    return ""


def value_text(value: float | None) -> str:
    return not_available() if value is None else fmt_number(value, 4)


def verdict(ratio: float | None, higher_is_better: bool) -> int:
    """+1 better than the baseline, -1 worse, 0 the same (or unknown)."""
    if ratio is None or not math.isfinite(ratio) or abs(ratio - 1) <= SAME_WITHIN:
        return 0
    better = ratio > 1 if higher_is_better else ratio < 1
    return 1 if better else -1


def ticks_125(lo: float, hi: float) -> list[float]:
    """The 1-2-5 values in ``[lo, hi]``; only the powers of ten when that is too many."""
    out = [
        m * 10.0**e
        for e in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1)
        for m in STEPS_125
        if lo * 0.999999 <= m * 10.0**e <= hi * 1.000001
    ]
    if len(out) > 7:
        out = [v for v in out if abs(math.log10(v) - round(math.log10(v))) < 1e-9]
    return out


def axis_range(ratios: Iterable[float]) -> tuple[float, float]:
    """A 1-2-5 range around the ratios and 1 (the baseline), with a little room."""
    vals = [r for r in ratios if r > 0 and math.isfinite(r)] + [1.0]
    lo, hi = min(vals) / 1.15, max(vals) * 1.15
    down = [m * 10**e for e in range(math.floor(math.log10(lo)) - 1, 1) for m in STEPS_125]
    up = [m * 10**e for e in range(0, math.ceil(math.log10(hi)) + 1) for m in STEPS_125]
    return max(v for v in down if v <= lo), min(v for v in up if v >= hi)


_BATCHED = re.compile(r"^(inference|latency)_b(\d+)_(samples_per_s|p50_ms|p99_ms)$")
_BATCHED_SHORT = {
    "samples_per_s": QT_TRANSLATE_NOOP("QtCompareView", "Inference, batch {b}"),
    "p50_ms": QT_TRANSLATE_NOOP("QtCompareView", "Latency b{b}, median"),
    "p99_ms": QT_TRANSLATE_NOOP("QtCompareView", "Latency b{b}, p99"),
}
CHART_LABELS = {
    "peak_tflops": QT_TRANSLATE_NOOP("QtCompareView", "Peak compute"),
    "trace_seconds": QT_TRANSLATE_NOOP("QtCompareView", "Graph tracing"),
    "warmup_seconds": QT_TRANSLATE_NOOP("QtCompareView", "Warm-up"),
    "train_samples_per_s": QT_TRANSLATE_NOOP("QtCompareView", "Training speed"),
    "train_tflops": QT_TRANSLATE_NOOP("QtCompareView", "Training compute"),
    "train_efficiency_percent": QT_TRANSLATE_NOOP("QtCompareView", "Share of peak"),
    "train_samples_per_j": QT_TRANSLATE_NOOP("QtCompareView", "Training energy eff."),
    "input_wait_percent": QT_TRANSLATE_NOOP("QtCompareView", "Input wait"),
    "inference_samples_per_s": QT_TRANSLATE_NOOP("QtCompareView", "Inference speed"),
    "inference_tflops": QT_TRANSLATE_NOOP("QtCompareView", "Inference compute"),
    "inference_samples_per_j": QT_TRANSLATE_NOOP("QtCompareView", "Inference energy eff."),
    "time_to_accuracy_s": QT_TRANSLATE_NOOP("QtCompareView", "Time to accuracy"),
    "ai_suanli": QT_TRANSLATE_NOOP("QtCompareView", "AI suanli"),
    "ai_suanli_per_sample": QT_TRANSLATE_NOOP("QtCompareView", "AI suanli / sample"),
    "suanli_score": EngineWord(SUANLI_SCORE),
}


def chart_label(name: str) -> str:
    """A short sub-score label (the full name is in the table's tooltip)."""
    m = _BATCHED.match(name)
    if m:
        template = QCoreApplication.translate("QtCompareView", _BATCHED_SHORT[m.group(3)])
        return template.format(b=m.group(2))
    label = CHART_LABELS.get(name)
    text = translate("QtCompareView", label) if label else short_name(name)
    return text if len(text) <= 22 else text[:21] + "…"


def arrow(row: dict[str, Any]) -> str:
    """' ↓' after a sub-score where lower is better."""
    return "" if row["higher_is_better"] else " ↓"


# -- the cards -----------------------------------------------------------------------------
def card_cells(row: CardRow, run_name: str) -> tuple[str, ...]:
    """A stored card's row after its tick box: card, machine, score, where from, added."""
    if row.run_id is not None:
        origin = QCoreApplication.translate("QtCompareView", "run {run} · {name}").format(
            run=row.run_id, name=run_name
        )
    else:
        origin = QCoreApplication.translate("QtCompareView", "imported: {file}").format(
            file=one_line(row.source_name or "?", 60)
        )
    return (
        f"card:{row.id}",
        one_line(row.label, 120) if row.label else unknown_machine(),
        fmt_number(row.score, 4) if row.score is not None else "–",
        origin,
        when(row.added_at),
    )


def machine(rows: Sequence[CardRow], card_id: int) -> str:
    """The card's machine label, one line."""
    row = next((r for r in rows if r.id == card_id), None)
    if row is not None and row.label:
        return one_line(row.label, 60)
    return unknown_machine()


def card_name(card_id: int) -> str:
    """'card:7': the one name a compared card goes by (as ``engine compare`` takes it)."""
    return f"card:{card_id}"


def card_header(k: int, card_id: int) -> str:
    """'card:7', the k-th compared card; the baseline (k 0) 'card:7 (baseline)'. No
    position number beside the card's own: one numbering."""
    if k:
        return card_name(card_id)
    return QCoreApplication.translate("QtCompareView", "{card} (baseline)").format(
        card=card_name(card_id)
    )


def hint_text(cards: int, compared: int, baseline: int | None = None) -> str:
    """The line above the card list: what to do next."""
    if not cards:
        return QCoreApplication.translate(
            "QtCompareView",
            "No score cards yet: run a benchmark (Benchmark tab), or import cards "
            "exported on other machines.",
        )
    if compared < 2:
        return QCoreApplication.translate(
            "QtCompareView", "Tick two or more cards to compare them."
        )
    return QCoreApplication.translate(
        "QtCompareView", "Comparing {count} cards; ratios are to {card}, the baseline."
    ).format(count=compared, card=card_name(baseline) if baseline is not None else "?")


# -- the sub-scores ------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoreLine:
    """One sub-score's row: its name, unit, and per card a value (and, after the baseline,
    a ratio cell with its verdict: +1 better, -1 worse, 0 the same)."""

    name: str
    tip: str
    unit: str
    bold: bool
    cells: list[tuple[str, int | None]]  # (text, None) a value; (text, verdict) a ratio
    intervals: tuple[bool, ...] = ()  # per ratio cell: whether it has an interval


def score_headers(ids: Sequence[int]) -> list[str]:
    headers = [
        QCoreApplication.translate("QtCompareView", "Sub-score"),
        QCoreApplication.translate("QtCompareView", "Unit"),
    ]
    for k, card_id in enumerate(ids):
        headers.append(card_header(k, card_id))
        if k:
            headers.append(
                QCoreApplication.translate("QtCompareView", "{card} vs {baseline}").format(
                    card=card_name(card_id), baseline=card_name(ids[0])
                )
            )
    return headers


def value_column(k: int) -> int:
    """The sub-score table's column of the k-th card's values."""
    return 2 + (0 if k == 0 else 2 * k - 1)


def score_line(row: dict[str, Any]) -> ScoreLine:
    hib = bool(row["higher_is_better"])
    name = row["name"]
    tip = help_texts.score_tooltip(str(name)) or (
        f"{one_line(pretty_name(name), 80)} ({one_line(name, 80)})"
        + ("" if hib else QCoreApplication.translate("QtCompareView", " · lower is better"))
    )
    cells: list[tuple[str, int | None]] = []
    cis = row.get("ratio_ci95") or [None] * len(row["values"])
    for k, (value, ratio) in enumerate(zip(row["values"], row["ratios"], strict=True)):
        cells.append((value_text(value), None))
        if k:
            cells.append((ratio_text(ratio, cis[k]), row_verdict(row, k)))
    return ScoreLine(
        name=one_line(chart_label(name), 80) + arrow(row),
        tip=tip,
        unit=one_line(unit_text(row["unit"]), 30),
        bold=name == "suanli_score",
        cells=cells,
        intervals=tuple(ci is not None for ci in cis[1:]),
    )


# -- the chart -----------------------------------------------------------------------------
def bar_groups(cmp: Comparison) -> list[dict[str, Any]]:
    """The sub-scores with a bar to draw: the baseline has a value, another card a ratio."""
    return [
        row
        for row in cmp.rows
        if row["values"][0] not in (None, 0)
        and any(r is not None and r > 0 for r in row["ratios"][1:])
    ]


def bar_ratios(groups: Sequence[dict[str, Any]], cards: int) -> np.ndarray:
    """``[card, group]`` ratios to the baseline; NaN where there is none (or not > 0)."""
    ratios = np.array(
        [[g["ratios"][k] if g["ratios"][k] else np.nan for g in groups] for k in range(cards)],
        dtype=float,
    )
    ratios[ratios <= 0] = np.nan
    return ratios


def bar_ticks(groups: Sequence[dict[str, Any]]) -> list[tuple[float, str]]:
    return [(float(i), chart_label(g["name"]) + arrow(g)) for i, g in enumerate(groups)]


def bar_at(y: float, groups: int, cards: int) -> tuple[int, int] | None:
    """(group, card) of the bar at height ``y``, or None."""
    i = int(round(y))
    if not 0 <= i < groups:
        return None
    k = int((y - (i - BAR_SPAN / 2)) // (BAR_SPAN / cards))
    return (i, k) if 0 <= k < cards else None


def bar_readout(group: dict[str, Any], k: int, names: Sequence[str]) -> str:
    """The bar's card (by ``names``, the compared cards' names, the baseline first), its
    sub-score, value and ratio to the baseline."""
    return QCoreApplication.translate(
        "QtCompareView", "{card} {name}: {value} {unit} · {ratio} of {baseline}"
    ).format(
        card=names[k] if k < len(names) else "?",
        baseline=names[0] if names else "?",
        name=one_line(pretty_name(group["name"]), 60),
        value=value_text(group["values"][k]),
        unit=one_line(unit_text(group["unit"]), 20),
        ratio=ratio_text(group["ratios"][k]),
    )


# -- the environment -----------------------------------------------------------------------
def environment_rows(cmp: Comparison) -> list[tuple[str, list[str], bool]]:
    """``(label, values, differs)``: the facts that differ, those of ALWAYS_FACTS (the CPU
    too, even where every card has the same one) in that order, then the config keys that
    differ. Plain one-line texts."""
    rows = [(e["fact"], fact_label(e["fact"]), e["values"], e["differs"]) for e in cmp.environment]
    shown = {fact for fact, *_ in rows}
    for fact in ALWAYS_FACTS:
        if fact not in shown:
            values = [fact_text(fact, i.facts.get(fact)) for i in cmp.items]
            rows.append((fact, fact_label(fact), values, len(set(values)) > 1))
    order = {f: i for i, f in enumerate(ALWAYS_FACTS)}
    rows.sort(key=lambda r: order.get(r[0], len(order)))
    config = QCoreApplication.translate("QtCompareView", "config: {key}")
    for c in cmp.config:
        rows.append(("config", config.format(key=one_line(c["key"], 40)), c["values"], True))
    return [
        (one_line(label, 60), [one_line(v, 120) for v in values], differs)
        for _fact, label, values, differs in rows
    ]
