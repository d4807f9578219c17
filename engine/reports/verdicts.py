"""A comparison's verdicts in words: "[2] trains 23 % ± 4 % faster than [1]", "no clear
difference". The verdicts themselves (``"better"``, ``"worse"``, ``"within noise"``) come
from :func:`engine.scoring.intervals.verdict` on each row's ratio interval
(:func:`engine.reports.compare.compare`); here they become sentences in the current
language (templates in English, translated where shown, like every engine text).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from engine.i18n import N_, _, pgettext
from engine.i18n.vocabulary import REPORT
from engine.scoring.intervals import BETTER, WITHIN_NOISE, WORSE

# The rows said in words, in this order, with their verbs.
HEADLINE_ROWS = ("suanli_score", "train_samples_per_s", "inference_samples_per_s")
FASTER = {
    "train_samples_per_s": N_("{item} trains {pct} % ± {err} % faster than {base}"),
    "inference_samples_per_s": N_("{item} infers {pct} % ± {err} % faster than {base}"),
}
SLOWER = {
    "train_samples_per_s": N_("{item} trains {pct} % ± {err} % slower than {base}"),
    "inference_samples_per_s": N_("{item} infers {pct} % ± {err} % slower than {base}"),
}
# twice as good or more: a multiple and its interval read better than "+501 % ± 459 %"
TIMES = {
    "train_samples_per_s": N_(
        "{item} trains {ratio}× as fast as {base} (95 % interval {low}× – {high}×)"
    ),
    "inference_samples_per_s": N_(
        "{item} infers {ratio}× as fast as {base} (95 % interval {low}× – {high}×)"
    ),
    "suanli_score": N_("{item} scores {ratio}× as high as {base} (95 % interval {low}× – {high}×)"),
}
GENERIC_TIMES = N_(
    "{item} is {ratio}× as good as {base} on {name} (95 % interval {low}× – {high}×)"
)
SCORE_HIGHER = N_("{item} scores {pct} % ± {err} % higher than {base}")
SCORE_LOWER = N_("{item} scores {pct} % ± {err} % lower than {base}")
GENERIC_BETTER = N_("{item} is {pct} % ± {err} % better than {base} on {name}")
GENERIC_WORSE = N_("{item} is {pct} % ± {err} % worse than {base} on {name}")
NO_CLEAR_DIFFERENCE = N_("{item} and {base}: no clear difference in {name}")


def advantage(
    ratio_ci: Sequence[float], higher_is_better: bool
) -> tuple[float, float, float] | None:
    """``(ratio, low, high)`` turned so that above 1 is better (a lower-is-better row's
    ratio inverted)."""
    lo, hi = float(ratio_ci[0]), float(ratio_ci[1])
    if higher_is_better:
        return (math.sqrt(lo * hi), lo, hi) if lo > 0 else None
    if lo <= 0 or hi <= 0:
        return None
    return (1 / math.sqrt(lo * hi), 1 / hi, 1 / lo)


def sentence(row: Mapping[str, Any], k: int, item: str, base: str) -> str | None:
    """Row ``row``'s verdict for item ``k`` against the first, in words (None when there
    is no verdict: a value is missing)."""
    verdict = row["verdicts"][k]
    ratio, ci = row["ratios"][k], row["ratio_ci95"][k]
    if verdict is None or ratio is None or ci is None:
        return None
    name = str(row["name"])
    words = {"item": item, "base": base, "name": name}
    if verdict == WITHIN_NOISE:
        return _(NO_CLEAR_DIFFERENCE).format(**words)
    turned = advantage(ci, bool(row["higher_is_better"]))
    if turned is None:
        return None
    _mid, lo, hi = turned
    point = ratio if row["higher_is_better"] else 1 / ratio
    better = verdict == BETTER
    if better and point >= 2:
        template = TIMES.get(name, GENERIC_TIMES)
        return _(template).format(
            **words, ratio=_multiple(point), low=_multiple(lo), high=_multiple(hi)
        )
    if better:
        pct, err = 100 * (point - 1), 100 * (hi - lo) / 2
    else:
        pct, err = 100 * (1 - point), 100 * (hi - lo) / 2
    words.update(
        pct=f"{pct:.0f}" if pct >= 10 else f"{pct:.1f}",
        err=f"{err:.0f}" if err >= 10 else f"{err:.1f}",
    )
    if name == "suanli_score":
        template = SCORE_HIGHER if better else SCORE_LOWER
    elif name in FASTER:
        template = FASTER[name] if better else SLOWER[name]
    else:
        template = GENERIC_BETTER if better else GENERIC_WORSE
    return _(template).format(**words)


def headline_sentences(rows: Sequence[Mapping[str, Any]], labels: Sequence[str]) -> list[str]:
    """The headline rows' verdicts, one sentence per item after the first."""
    out = []
    by_name = {r["name"]: r for r in rows}
    for name in HEADLINE_ROWS:
        row = by_name.get(name)
        if row is None:
            continue
        for k in range(1, len(labels)):
            text = sentence(row, k, labels[k], labels[0])
            if text:
                out.append(text)
    return out


def verdict_word(verdict: str | None) -> str:
    """'better', 'worse', 'within noise' in the current language; '' for None."""
    if verdict == BETTER:  # "better" alone is a column's header elsewhere
        return pgettext(REPORT, "better")
    if verdict == WORSE:
        return pgettext(REPORT, "worse")
    if verdict == WITHIN_NOISE:
        return pgettext(REPORT, "within noise")
    return "" if verdict is None else verdict


def _multiple(x: float) -> str:
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"
