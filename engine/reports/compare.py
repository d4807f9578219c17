"""Side-by-side comparison of score cards and runs (``python -m engine compare``).

Each item is a card file, a stored card (``card:N``) or a run (``N`` or ``run:N``). A run
with a score card contributes that card; a run without one (a plain training run)
contributes its measured figures (training samples/s, accuracies, seconds) so training
runs can be compared too. Ratios are to the first item, each with its 95 % interval
(the items' intervals combined in log space, each widened by the reference machine's
between-suite spread: :mod:`engine.scoring.intervals`) and a verdict, ``"better"``,
``"worse"`` or ``"within noise"``; environment facts are listed where they matter (GPU,
driver, TensorFlow) or where the items differ. A card's composite is recomputed from its
sub-scores (``engine.store.cards.rescored``), never taken from the file.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.cards.card import ScoreCard
from engine.cards.card_file import CardFileError, printable, read_card_file
from engine.data.shipped import describe_dataset_sha256, same_benchmark_data
from engine.i18n import N_, _, display_width
from engine.i18n import ljust as _ljust
from engine.i18n import rjust as _rjust
from engine.i18n.vocabulary import N_A, unit_text
from engine.reports.values import json_text
from engine.reports.verdicts import headline_sentences
from engine.scoring import intervals
from engine.store.records import StoreError
from engine.store.store import Store

# Environment facts always shown (the ones that explain most differences), in this order.
KEY_FACTS = ("gpus", "driver_version", "cuda_driver_version", "tensorflow")
# English, as stored in a comparison's JSON; shown through fact_label() (translated).
FACT_LABELS = {
    "gpus": "GPU",
    "driver_version": N_("NVIDIA driver"),
    "cuda_driver_version": N_("CUDA (driver)"),
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "numpy": "NumPy",
    "tf_cuda_version": N_("TF built with CUDA"),
    "tf_cudnn_version": N_("TF built with cuDNN"),
    "cpu_model": "CPU",
    "cpu_logical_cores": N_("CPU logical cores"),
    "ram_total_gib": N_("RAM (GiB)"),
    "os": N_("OS"),
    "python": "Python",
}
RUN_METRICS = (  # (name, summary field, unit, higher is better)
    ("train_samples_per_s", "samples_per_s", "samples/s", True),
    ("dev_accuracy", "dev_accuracy", "fraction", True),
    ("test_accuracy", "test_accuracy", "fraction", True),
    ("train_seconds", "train_seconds", "s", False),
)
NOTE_SUITES = N_(
    "the cards come from different benchmark suite versions ({suites}); their scores are "
    "not strictly comparable"
)
NOTE_CONFIG = N_("the items ran different configurations (see below)")
NOTE_DATASET = N_(
    "the cards measured time to accuracy on different data ({datasets}); the sub-scores "
    "that train on real data are not comparable"
)
# A log spread below this is no spread: a figure that is computed, not measured (AI suanli).
NO_SPREAD = 1e-9


def fact_label(key: str) -> str:
    """The label of environment fact ``key`` in the current language (the key itself when
    it has none)."""
    label = FACT_LABELS.get(key)
    return key if label is None else _(label)


class CompareError(Exception):
    """One item cannot be compared; the message is one line."""


@dataclass
class Metric:
    value: float | None
    unit: str
    higher_is_better: bool = True
    ci95: tuple[float, float] | None = None


@dataclass
class CompareItem:
    label: str
    metrics: dict[str, Metric] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    suite_version: str | None = None
    dataset_sha256: str | None = None  # a card's: the data its time to accuracy trained on
    has_uncertainty: bool = False  # a version-2 card: its figures carry intervals


@dataclass
class Comparison:
    items: list[CompareItem]
    rows: list[dict[str, Any]]  # name, unit, higher_is_better, values, ratios
    environment: list[dict[str, Any]]  # fact, label, values, differs
    config: list[dict[str, Any]]  # key, values (only keys that differ)
    notes: list[str] = field(default_factory=list)  # English, as in to_dict()
    # (template, fields) of each note, for shown_notes()
    note_templates: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    reference: dict[str, Any] = field(default_factory=dict)  # what 1000 means

    def reference_line(self) -> str | None:
        """'Suanli score 1000 = <the reference machine> (its own suites: 737 – 1241)'."""
        words = self.reference.get("machine")
        if not words:
            return None
        ci = self.reference.get("composite_ci95")
        name = self.reference.get("name")
        if not ci:
            return _("Suanli score 1000 = {machine} ({name})").format(machine=words, name=name)
        return _(
            "Suanli score 1000 = {machine} ({name}; its own suites scored {low:.0f} – {high:.0f})"
        ).format(machine=words, name=name, low=ci[0], high=ci[1])

    def sentences(self, labels: Sequence[str] | None = None) -> list[str]:
        """The verdicts on the composite, training and inference in words (current
        language), e.g. "[2] trains 23 % ± 4 % faster than [1]"; ``labels`` name the items
        instead of their positions (the window names its cards ``card:N``)."""
        if labels is None or len(labels) != len(self.items):
            labels = [f"[{n + 1}]" for n in range(len(self.items))]
        return headline_sentences(self.rows, labels)

    def shown_notes(self) -> list[str]:
        """The notes in the current language (``notes`` stays English, for JSON)."""
        if len(self.note_templates) != len(self.notes):
            return list(self.notes)
        return [_(t).format(**f) for t, f in self.note_templates]

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [i.label for i in self.items],
            "sub_scores": self.rows,
            "environment": self.environment,
            "config_differences": self.config,
            "uncertainty": [i.has_uncertainty for i in self.items],
            "reference": self.reference,
            "notes": self.notes,
        }


def item_from_card(label: str, card: ScoreCard) -> CompareItem:
    metrics = {s.name: Metric(s.value, s.unit, s.higher_is_better, s.ci95) for s in card.sub_scores}
    metrics["suanli_score"] = Metric(card.suanli_score, "points", True, card.suanli_score_ci95)
    facts = card.environment.get("facts", {}) if isinstance(card.environment, dict) else {}
    return CompareItem(
        label,
        metrics,
        dict(facts),
        dict(card.config),
        card.suite_version,
        card.dataset_sha256,
        has_uncertainty=card.has_uncertainty,
    )


def item_from_run(store: Store, run_id: int, label: str) -> CompareItem:
    found = store.run_card(run_id)
    if found is not None:
        from engine.cards.card import card_from_dict

        return item_from_card(label, card_from_dict(found[1]))
    rec = store.get_run(run_id, series=False)
    s = rec.summary
    metrics = {name: Metric(getattr(s, col), unit, hib) for name, col, unit, hib in RUN_METRICS}
    for sc in rec.scores:  # the run's own scores: AI suanli, C, R, S, TFLOP/s, samples/J
        value = sc.get("value")
        if sc["name"] not in metrics and (value is None or isinstance(value, int | float)):
            unit = str(sc.get("unit") or "")
            metrics[sc["name"]] = Metric(value, unit, bool(sc.get("higher_is_better", True)))
    facts = (rec.environment or {}).get("facts", {})
    return CompareItem(label, metrics, dict(facts), dict(rec.config))


def resolve(ref: str, open_store: Callable[[], Store]) -> CompareItem:
    """A card file path, ``card:N``, a run (``N``, ``run:N`` or ``run:<engine run id>``).
    Raises :class:`CompareError` with one line."""
    shown = printable(ref, 80)
    kind, _sep, rest = ref.partition(":")
    try:
        if kind == "card" and rest.strip().isdigit():
            from engine.cards.card import card_from_dict

            _row, doc = open_store().get_card(int(rest))
            return item_from_card(f"card:{int(rest)}", card_from_dict(doc))
        if kind == "run" and rest.strip():
            store = open_store()
            run_id = store.find_run(rest)
            return item_from_run(store, run_id, f"run:{run_id}")
        if ref.strip().isdigit() and not os.path.exists(ref):
            store = open_store()
            return item_from_run(store, store.find_run(ref), f"run:{int(ref)}")
    except (StoreError, ValueError) as exc:
        raise CompareError(f"{shown}: {exc}") from None
    if not os.path.exists(ref):
        raise CompareError(
            _("{ref}: no such file, and not a run (N or run:ID) or a stored card (card:N)").format(
                ref=shown
            )
        )
    try:
        card = read_card_file(ref).card
    except CardFileError as exc:
        raise CompareError(str(exc)) from None
    from engine.store.cards import rescored

    try:
        card = rescored(card)[0]
    except ValueError as exc:  # the shipped reference profile cannot be read
        raise CompareError(f"{shown}: {exc}") from None
    return item_from_card(printable(Path(ref).name, 40), card)


def noise_floors() -> dict[str, float]:
    """The reference machine's between-suite spread per figure (fractions); ``{}`` when
    the reference profile cannot be read."""
    from engine.scoring import score

    try:
        return score.reference_floors(score.load_reference_profile())
    except ValueError:
        return {}


def reference_facts() -> dict[str, Any]:
    """What 1000 means: the shipped reference's name, machine in words and its own suites'
    interval (``{}`` when it cannot be read)."""
    from engine.scoring import score

    try:
        ref = score.load_reference_profile()
    except ValueError:
        return {}
    return {
        "name": ref.get("name"),
        "machine": (ref.get("machine") or {}).get("description"),
        "composite_ci95": (ref.get("composite") or {}).get("ci95"),
    }


def compare(items: Sequence[CompareItem], floors: dict[str, float] | None = None) -> Comparison:
    """Compare ``items``: ratios to the first with intervals and verdicts. ``floors``: the
    between-suite spread per figure (default: the shipped reference profile's)."""
    items = list(items)
    floors = noise_floors() if floors is None else floors
    names: list[str] = []
    for item in items:
        names += [n for n in item.metrics if n not in names and n != "suanli_score"]
    if any("suanli_score" in i.metrics for i in items):
        names.append("suanli_score")
    rows = []
    for name in names:
        present = [i.metrics.get(name) for i in items]
        first = next((m for m in present if m is not None), None)
        assert first is not None
        values = [m.value if m is not None else None for m in present]
        base = values[0]
        ratios = [_ratio(v, base) for v in values]
        cis = [_ratio_ci(present[0], m, name, floors) for m in present]
        rows.append(
            {
                "name": name,
                "unit": first.unit,
                "higher_is_better": first.higher_is_better,
                "values": values,
                "ratios": ratios,
                "ratio_ci95": cis,
                "verdicts": [intervals.verdict(ci, first.higher_is_better) for ci in cis],
            }
        )
    keys = list(KEY_FACTS) + sorted(
        {k for i in items for k in i.facts} - set(KEY_FACTS) - {"fingerprint_version"}
    )
    env = []
    for key in keys:
        values = [fact_text(key, i.facts.get(key)) for i in items]
        differs = len(set(values)) > 1
        if key in KEY_FACTS or differs:
            env.append(
                {
                    "fact": key,
                    "label": FACT_LABELS.get(key, key),
                    "values": values,
                    "differs": differs,
                }
            )
    cfg = []
    for key in sorted({k for i in items for k in i.config}):
        values = [json.dumps(i.config.get(key)) for i in items]
        if len(set(values)) > 1:
            cfg.append({"key": key, "values": values})
    templates: list[tuple[str, dict[str, str]]] = []
    suites = {i.suite_version for i in items if i.suite_version is not None}
    if len(suites) > 1:
        templates.append((NOTE_SUITES, {"suites": ", ".join(sorted(suites))}))
    if cfg:
        templates.append((NOTE_CONFIG, {}))
    cards = [(n, i) for n, i in enumerate(items, 1) if i.dataset_sha256 is not None]
    if len({same_benchmark_data(i.dataset_sha256) for _n, i in cards}) > 1:
        shown = "; ".join(f"[{n}] {describe_dataset_sha256(i.dataset_sha256)}" for n, i in cards)
        templates.append((NOTE_DATASET, {"datasets": shown}))
    notes = [t.format(**f) for t, f in templates]
    return Comparison(items, rows, env, cfg, notes, templates, reference_facts())


def _ratio_ci(
    base: Metric | None, other: Metric | None, name: str, floors: dict[str, float]
) -> list[float] | None:
    """``other / base`` with its interval; a composite's own interval already holds the
    between-suite spread, so the floor widens only a composite that has none."""
    if base is None or other is None or base.value is None or other.value is None:
        return None

    def spread(m: Metric) -> tuple[float, float] | None:
        floor = 0.0 if name == "suanli_score" and m.ci95 is not None else floors.get(name, 0.0)
        return intervals.log_spread(m.value, m.ci95, floor)

    a, b = spread(base), spread(other)
    if a is None or b is None or max(*a, *b) < NO_SPREAD:
        return None  # neither has an interval nor a noise floor: nothing to say
    down, up = math.hypot(b[0], a[1]), math.hypot(b[1], a[0])
    return intervals.from_log_spread(other.value / base.value, (down, up))


def _ratio(value: float | None, base: float | None) -> float | None:
    if value is None or base is None or base == 0:
        return None
    r = value / base
    return r if math.isfinite(r) else None


def fact_text(key: str, value: Any, limit: int | None = 80) -> str:
    """An environment fact as one plain line (GPU lists as 'name (memory MiB)'); 'n/a' and
    'none' in the current language. ``limit``: cut to that many characters with control
    characters escaped; ``None``: the whole text as it is (an HTML report escapes it)."""
    if value is None:
        return _(N_A)
    if key == "gpus":
        if not value:
            return _("none")
        names = []
        for g in value if isinstance(value, list) else [value]:
            if isinstance(g, dict):
                mem = g.get("memory_total_mib")
                names.append(f"{g.get('name') or '?'}" + (f" ({mem} MiB)" if mem else ""))
            else:
                names.append(str(g))
        text = ", ".join(names)
    else:
        text = json_text(value, ascii_only=limit is not None)
    return text if limit is None else printable(text, limit)


def _num(value: float | None) -> str:
    if value is None:
        return _(N_A)
    a = abs(value)
    if a != 0 and (a >= 1e7 or a < 1e-3):
        return f"{value:.4g}"
    if a >= 100:
        return f"{value:,.1f}"
    return f"{value:.4f}"


def format_comparison(cmp: Comparison) -> str:
    """A plain-text table: one row per sub-score, value and ratio to the first per item
    (in the current language; columns are aligned by terminal width)."""
    head = [_("sub-score"), _("unit")]
    for n, item in enumerate(cmp.items):
        head += [f"[{n + 1}] {printable(item.label, 28)}"] + ([] if n == 0 else [_("ratio")])
    lines: list[list[str]] = [head]
    lower = " " + _("(lower is better)")
    for row in cmp.rows:
        arrow = "" if row["higher_is_better"] else lower
        cells = [printable(row["name"], 40) + arrow, printable(unit_text(row["unit"]), 20)]
        for n, (v, r) in enumerate(zip(row["values"], row["ratios"], strict=True)):
            cells.append(_num(v))
            if n:
                cells.append(ratio_cell(r, row["ratio_ci95"][n], row["verdicts"][n]))
        lines.append(cells)
    out = [_table(lines, right_from=2)]
    out.append(
        _(
            "(ratio = value / [1] with its 95 % interval; + better, - worse, = within noise; "
            "on a '(lower is better)' row a ratio below 1 is better)"
        )
    )
    plain = [f"[{n + 1}]" for n, i in enumerate(cmp.items) if not i.has_uncertainty]
    if plain:
        out.append(
            _("no uncertainty: {items} (version-1 cards and runs carry no intervals)").format(
                items=", ".join(plain)
            )
        )
    reference = cmp.reference_line()
    if reference:
        out.append(reference)
    sentences = cmp.sentences()
    if sentences:
        out.append("")
        out.append(_("Verdicts:"))
        out += ["  " + s for s in sentences]
    out.append("")
    env_lines = [[_("environment"), ""] + [f"[{n + 1}]" for n in range(len(cmp.items))]]
    for e in cmp.environment:
        env_lines.append([fact_label(e["fact"]), "*" if e["differs"] else ""] + e["values"])
    out.append(_table(env_lines))
    out.append(_("(* = differs)"))
    if cmp.config:
        out.append("")
        cfg_lines = [[_("config"), ""] + [f"[{n + 1}]" for n in range(len(cmp.items))]]
        cfg_lines += [[c["key"], "*"] + [printable(v, 40) for v in c["values"]] for c in cmp.config]
        out.append(_table(cfg_lines))
    for note in cmp.shown_notes():
        out.append(_("note: {note}").format(note=note))
    return "\n".join(out)


VERDICT_MARKS = {"better": "+", "worse": "-", "within noise": "="}


def ratio_cell(ratio: float | None, ci: Sequence[float] | None, verdict: str | None) -> str:
    """'1.23x [1.18-1.28] +': the ratio, its interval and its verdict's mark."""
    if ratio is None:
        return _(N_A)
    if ci is None:
        return f"{ratio:.2f}x"
    return f"{ratio:.2f}x [{ci[0]:.2f}-{ci[1]:.2f}] {VERDICT_MARKS.get(verdict or '', '')}".rstrip()


def _table(rows: list[list[str]], right_from: int | None = None) -> str:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    text = []
    for k, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            right = right_from is not None and i >= right_from and k > 0
            cells.append(_rjust(cell, widths[i]) if right else _ljust(cell, widths[i]))
        text.append("  ".join(cells).rstrip())
    return "\n".join(text)
