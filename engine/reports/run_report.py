"""The HTML report of one stored run (``python -m engine runs html``): summary,
configuration, environment, charts, epochs, test report, confusion matrix and score card.

Every text that comes from data -- run names, tags, device and class names, config values,
score-card fields -- is HTML-escaped (:mod:`engine.reports.html_page`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from engine.cards.card import CARD_NOTES
from engine.i18n import N_, _, pgettext
from engine.i18n.message import shown
from engine.i18n.vocabulary import (
    ACCURACY_AXIS,
    CONFUSION_MATRIX,
    INTERVAL_95,
    METRIC_NAMES,
    NOT_AVAILABLE,
    REPORT,
    SCORE_CARD,
    SECONDS,
    SUANLI_SCORE,
    SUMMARY_ROWS,
    TRAINING,
    UNIT_WORDS,
    run_status_text,
    unit_text,
)
from engine.metrics import DEV_ACCURACY, DEV_LOSS, EPOCH, EPOCH_METRICS
from engine.reports.compare import fact_label, fact_text
from engine.reports.confusion import confusion_view
from engine.reports.html_page import (
    Markup,
    esc,
    fmt_number,
    html_table,
    key_value_table,
    page,
    section,
    write_text,
)
from engine.reports.report_labels import config_label, kind_text, when
from engine.reports.run_charts import telemetry_charts, training_charts
from engine.reports.values import json_text
from engine.store.records import RunRecord

AVERAGES = ("micro avg", "macro avg", "weighted avg")


def environment_table(env: Mapping[str, Any] | None) -> str:
    facts = (env or {}).get("facts") if isinstance(env, Mapping) else None
    if not isinstance(facts, Mapping) or not facts:
        return f'<p class="muted">{esc(_("not recorded"))}</p>'
    pairs = [
        (fact_label(k), fact_text(k, v, limit=None))
        for k, v in facts.items()
        if k != "fingerprint_version"
    ]
    if env and env.get("sha256"):
        pairs.append((_("fingerprint (sha256)"), env["sha256"]))
    return key_value_table(pairs)


REPORT_COLUMNS = (N_("precision"), N_("recall"), N_("f1-score"), N_("support"))


def report_table(report: Mapping[str, Any]) -> str:
    metrics = REPORT_COLUMNS
    rows = []
    for name, d in report.items():
        if name == "accuracy":
            rows.append([Markup(f"<b>{esc(_(ACCURACY_AXIS))}</b>"), None, None, d, None])
        elif isinstance(d, Mapping):
            label = Markup(f"<b>{esc(_(SUMMARY_ROWS[name]))}</b>") if name in AVERAGES else name
            rows.append([label, *(d.get(m) for m in metrics)])
    return html_table(["", *(_(m) for m in metrics)], rows)


def card_section(card: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    score = card.get("suanli_score")
    ci = card.get("suanli_score_ci95")
    shown_score = _(NOT_AVAILABLE) if score is None else fmt_number(score)
    if score is not None and isinstance(ci, Sequence) and len(ci) == 2:
        shown_score += f" [{fmt_number(ci[0])} – {fmt_number(ci[1])}] (95 %)"
    elif score is not None and "suanli_score_ci95" not in card:
        shown_score += " (" + _("no uncertainty") + ")"
    interference = card.get("interference")
    verdict = interference.get("verdict") if isinstance(interference, Mapping) else None
    out.append(
        key_value_table(
            [
                (_(SUANLI_SCORE), shown_score),
                (_("interference"), _interference_text(interference) if verdict else None),
                (_("reference profile"), card.get("reference_profile")),
                (_("suite version"), card.get("suite_version")),
                (_("created (UTC)"), card.get("created_utc")),
            ]
        )
    )
    rows = []
    for s in card.get("sub_scores") or []:
        if not isinstance(s, Mapping):
            continue
        better = _("higher") if s.get("higher_is_better", True) else _("lower")
        samples = s.get("samples")
        sub_ci = s.get("ci95")
        rows.append(
            [
                s.get("name"),
                s.get("value"),
                f"{fmt_number(sub_ci[0])} – {fmt_number(sub_ci[1])}"
                if isinstance(sub_ci, Sequence) and len(sub_ci) == 2
                else None,
                unit_text(str(s.get("unit") or "")),
                better,
                len(samples) if isinstance(samples, list) else None,
            ]
        )
    out.append(
        html_table(
            [_("sub-score"), _("value"), _(INTERVAL_95), _("unit"), _("better"), _("samples")],
            rows,
        )
    )
    extra = card.get("extra") if isinstance(card.get("extra"), Mapping) else {}
    notes = [(_(label), extra[key]) for key, label in CARD_NOTES if extra.get(key)]
    comp = extra.get("composite") if isinstance(extra.get("composite"), Mapping) else {}
    if comp.get("missing"):
        notes.append((_("not in the composite"), ", ".join(map(str, comp["missing"]))))
    if notes:
        out.append(key_value_table(notes))
    return section(_(SCORE_CARD), out)


def summary_pairs(rec: RunRecord) -> list[tuple[str, Any]]:
    """The Summary table: what a run is, when it ran (times with their zone), what it gave.

    A benchmark run has no epochs, steps or test: it shows the suite's facts (its figures
    are in the score card below)."""
    s = rec.summary
    bench = s.kind == "bench"
    pairs: list[tuple[str, Any]] = [
        (_("run id"), s.uid),
        (_("kind"), kind_text(s.kind)),
        (_("status"), run_status_text(s.status)),
        (_("started") if bench else _("training began"), when(s.started_at)),
        (_("ended"), when(s.ended_at)),
    ]
    if bench:
        pairs.append((_("suite version"), (rec.card or {}).get("suite_version")))
    else:
        pairs += [
            (_("epochs"), f"{s.epochs_done}/{s.epochs_planned or '?'}"),
            (_("steps"), s.steps),
            (_("samples seen"), s.samples_seen),
            (_(METRIC_NAMES[DEV_ACCURACY]), s.dev_accuracy),
            (_("test accuracy"), s.test_accuracy),
            (_("test loss"), s.test_loss),
            (_("samples/s (training steps, every epoch)"), s.samples_per_s),
            (_("training seconds (steps only)"), s.train_seconds),
        ]
    pairs.append((_("wall seconds (whole job, start-up and test included)"), s.wall_seconds))
    if s.score is not None or rec.card:  # a training run's own scores have their section
        pairs.append((_(SUANLI_SCORE), s.score))
    if s.tags:
        pairs.append((_("tags"), ", ".join(s.tags)))
    stop = (rec.result or {}).get("stop_reason")
    if stop:
        pairs.append((pgettext(REPORT, "stopped"), shown(stop)))
    if s.error:
        pairs.append((_("error"), shown(s.error)))
    return pairs


def meta_line(rec: RunRecord) -> str:
    s = rec.summary
    status = run_status_text(s.status)
    if s.kind == "bench":
        device = rec.info.get("device") or (rec.card or {}).get("extra", {}).get("device")
        return _("{kind} on {device}; {status}").format(
            kind=kind_text(s.kind), device=shown(device) if device else "?", status=status
        )
    return _("{model} on {dataset}, device {device}; {status}").format(
        model=s.model or "?", dataset=s.dataset or "?", device=s.device or "?", status=status
    )


def config_table(config: Mapping[str, Any]) -> str:
    def label(key: str) -> Markup:
        words = config_label(key)
        if words == key:  # not a RunConfig field (a benchmark's own setting)
            return Markup(f"<b>{esc(key)}</b>")
        return Markup(f'<b>{esc(words)}</b> <span class="muted">{esc(key)}</span>')

    return html_table(None, [[label(k), json_text(v)] for k, v in sorted(config.items())])


def _interference_text(figures: Mapping[str, Any]) -> str:
    """'quiet: other processes 0.05 cores on average, 2 of 40 windows disturbed'."""
    verdict = str(figures.get("verdict"))
    others = figures.get("other_cpu_cores_mean")
    text = _(INTERFERENCE_WORDS[verdict]) if verdict in INTERFERENCE_WORDS else verdict
    details = []
    if isinstance(others, int | float):
        details.append(_("other processes {cores} cores on average").format(cores=f"{others:.2f}"))
    if isinstance(figures.get("windows"), int):
        details.append(
            _("{disturbed} of {windows} windows disturbed").format(
                disturbed=figures.get("windows_disturbed", 0), windows=figures["windows"]
            )
        )
    return text + (": " + ", ".join(details) if details else "")


INTERFERENCE_WORDS = {"quiet": N_("quiet"), "disturbed": N_("disturbed")}


def scores_section(scores: Sequence[Mapping[str, Any]]) -> list[str]:
    """A training run's own scores (AI suanli with C, R and S; TFLOP/s; samples/s)."""
    rows = [[s.get("name"), s.get("value"), unit_text(str(s.get("unit") or ""))] for s in scores]
    return section(_("Scores of this run"), [html_table([_("score"), _("value"), _("unit")], rows)])


def run_report_html(rec: RunRecord) -> str:
    """The HTML report of one stored run (``store.get_run(id)`` with its series)."""
    s = rec.summary
    title = _("Suanli run {id}: {name}").format(id=s.id, name=s.name or s.uid)
    body = [f"<h1>{esc(title)}</h1>", f'<p class="meta">{esc(meta_line(rec))}</p>']
    body += section(_("Summary"), [key_value_table(summary_pairs(rec))])
    if rec.scores:
        body += scores_section(rec.scores)
    if rec.config:
        body += section(_("Configuration"), [config_table(rec.config)])
    body += section(_("Environment"), [environment_table(rec.environment)])
    if rec.epochs or rec.batches.get("step"):
        body += section(_(TRAINING), training_charts(rec))
    if rec.samples:
        body += section(_("Device telemetry"), telemetry_charts(rec.samples))
    if rec.epochs:
        keys = (EPOCH, *EPOCH_METRICS)
        head = [
            _("epoch"),
            _("train loss"),
            _("train acc"),
            _(METRIC_NAMES[DEV_LOSS]),
            _("dev acc"),
            _(UNIT_WORDS["samples/s"]),
            _(SECONDS),
        ]
        rows = [[e.get(k) for k in keys] for e in rec.epochs]
        body += section(pgettext(REPORT, "Epochs"), [html_table(head, rows)])
    if rec.report:
        body += section(_("Test classification report"), [report_table(rec.report)])
    if rec.confusion_matrix:
        names = [k for k in (rec.report or {}) if k != "accuracy" and k not in AVERAGES]
        body += section(_(CONFUSION_MATRIX), confusion_view(rec.confusion_matrix, names))
    if rec.card:
        body += card_section(rec.card)
        card_env = rec.card.get("environment")
        if isinstance(card_env, Mapping) and card_env.get("sha256") != (
            (rec.environment or {}).get("sha256")
        ):
            body += section(_("Environment of the card"), [environment_table(card_env)], level=3)
    return page(title, body)


def export_run_html(store: Any, run_id: int, path: str | os.PathLike[str]) -> Path:
    return write_text(path, run_report_html(store.get_run(run_id)))
