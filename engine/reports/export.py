"""Exports of what the results store keeps: a self-contained HTML report of a run or of a
comparison, and TensorBoard event files of a run (``python -m engine runs html|tensorboard``).

HTML: one file, no scripts, no external resources (its Content-Security-Policy tells the
browser so too). Every text that comes from data -- run names, tags, device and class
names, config values, score-card fields, comparison labels -- is HTML-escaped, through
:func:`esc` or the table helpers; charts are inline SVG (:mod:`engine.reports.svg_chart`).
Headings are in the CLI's language (:mod:`engine.i18n`).

TensorBoard: ``<dir>/train`` (per-epoch ``epoch_loss``/``epoch_accuracy``/
``epoch_samples_per_s``, per-batch ``batch_loss``/``batch_accuracy`` from the stored,
possibly thinned, series), ``<dir>/validation`` (the dev set's ``epoch_loss``/
``epoch_accuracy``) and ``<dir>/test`` (test loss/accuracy at the last epoch), as Keras's
TensorBoard callback lays them out, so ``tensorboard --logdir <dir>`` overlays train and
dev. Written with ``tf.summary.write`` and the scalars plugin's metadata, which needs no
``tensorboard`` package (``tf.summary.scalar`` does).
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from engine.i18n import N_, _, language
from engine.reports.compare import FACT_LABELS, Comparison
from engine.reports.svg_chart import Series, line_chart
from engine.store.records import RunRecord

# One colour per meaning, as in the window (gui/theme.py).
TRAIN, DEV, THROUGHPUT, TEST = "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"
GPU_COLORS = ("#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")
AVERAGES = ("micro avg", "macro avg", "weighted avg")
CARD_NOTES = (
    ("input_verdict", N_("input verdict")),
    ("energy_note", N_("energy note")),
    ("time_to_accuracy_note", N_("time to accuracy note")),
)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",
"Microsoft YaHei",sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1f2933}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid
#d9dee3;padding-bottom:4px}h3{font-size:15px}.meta{color:#6b7280;margin:0 0 12px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #d9dee3;
padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f5f7;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.differs td{background:#fff6e5}
.bar{display:inline-block;height:8px;background:#1f77b4;margin-left:6px;vertical-align:middle}
.muted{color:#6b7280}svg.chart{display:block;margin:6px 0 14px}
footer{margin-top:32px;color:#6b7280;font-size:12px}
"""


class Markup(str):
    """HTML made here (not escaped again by the table helpers)."""


def esc(value: Any) -> str:
    """``value`` as text, HTML-escaped (quotes too); ``None`` as a dash."""
    return "–" if value is None else escape(str(value), quote=True)


def fmt_number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        a = abs(value)
        if a != 0 and (a >= 1e7 or a < 1e-3):
            return f"{value:.4g}"
        return f"{value:,.1f}" if a >= 100 else f"{value:.4f}"
    return str(value)


def _cell(value: Any, tag: str = "td") -> str:
    if isinstance(value, Markup):
        return f"<{tag}>{value}</{tag}>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<{tag} class="num">{esc(fmt_number(value))}</{tag}>'
    return f"<{tag}>{esc(fmt_number(value) if value is None else value)}</{tag}>"


def html_table(
    head: Sequence[Any] | None,
    rows: Iterable[Sequence[Any]],
    row_classes: Sequence[str] | None = None,
) -> str:
    """A table; every cell is escaped unless it is :class:`Markup`."""
    out = ["<table>"]
    if head:
        out.append("<tr>" + "".join(_cell(h, "th") for h in head) + "</tr>")
    for i, row in enumerate(rows):
        cls = row_classes[i] if row_classes and i < len(row_classes) else ""
        out.append(f'<tr class="{esc(cls)}">' if cls else "<tr>")
        out.append("".join(_cell(c) for c in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


def key_value_table(pairs: Iterable[tuple[str, Any]]) -> str:
    return html_table(None, [[Markup(f"<b>{esc(k)}</b>"), v] for k, v in pairs])


def page(title: str, body: Iterable[str]) -> str:
    lang = "zh-CN" if language() == "zh_CN" else "en"
    footer = _("Made by Suanli {version} on {date}.").format(
        version=_version(), date=time.strftime("%Y-%m-%d %H:%M")
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            *body,
            f"<footer>{esc(footer)}</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("suanli")
    except Exception:  # not installed (a frozen app, a bare checkout)
        return ""


def _when(ts: Any) -> str | None:
    if not isinstance(ts, int | float) or isinstance(ts, bool):
        return None
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ts))


def _json(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def fact_text(key: str, value: Any) -> str:
    """An environment fact as one line (GPUs as names with their memory)."""
    if value is None:
        return _("n/a")
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
        return ", ".join(names)
    return _json(value)


def environment_table(env: Mapping[str, Any] | None) -> str:
    facts = (env or {}).get("facts") if isinstance(env, Mapping) else None
    if not isinstance(facts, Mapping) or not facts:
        return f'<p class="muted">{esc(_("not recorded"))}</p>'
    pairs = [
        (FACT_LABELS.get(k, k), fact_text(k, v))
        for k, v in facts.items()
        if k != "fingerprint_version"
    ]
    if env and env.get("sha256"):
        pairs.append((_("fingerprint (sha256)"), env["sha256"]))
    return key_value_table(pairs)


# --------------------------------------------------------------------------- a run


def _epoch_end_steps(rec: RunRecord) -> dict[int, float]:
    """The step at which each epoch ended, from the batch series (``{}`` if none)."""
    ends: dict[int, float] = {}
    for step, epoch in zip(rec.batches.get("step", []), rec.batches.get("epoch", []), strict=False):
        if isinstance(epoch, int) and isinstance(step, int | float):
            ends[epoch] = max(ends.get(epoch, step), step)
    s = rec.summary
    if rec.epochs and s.epochs_done and s.steps:  # epochs with no stored batch: even spacing
        per = s.steps / s.epochs_done
        for e in rec.epochs:
            ep = e.get("epoch")
            if isinstance(ep, int) and ep not in ends:
                ends[ep] = ep * per
    return ends


def training_charts(rec: RunRecord) -> list[str]:
    b = rec.batches
    steps = b.get("step") or []
    by_step = bool(steps)
    ends = _epoch_end_steps(rec) if by_step else {}
    ex = [
        ends.get(e.get("epoch"), e.get("epoch")) if by_step else e.get("epoch") for e in rec.epochs
    ]
    x_label = _("step") if by_step else _("epoch")
    no_data = _("no data")

    def ep(key: str) -> list[Any]:
        return [e.get(key) for e in rec.epochs]

    charts = []
    for title, batch_key, train_key, dev_key, y_label in (
        (_("Loss"), "loss", "train_loss", "dev_loss", _("loss")),
        (_("Accuracy"), "accuracy", "train_accuracy", "dev_accuracy", _("accuracy")),
    ):
        series = []
        if by_step:
            series.append(Series(_("per batch"), steps, b.get(batch_key) or [], TRAIN, faint=True))
        series.append(Series(_("train (epoch)"), ex, ep(train_key), TRAIN, markers=True))
        series.append(Series(_("dev (epoch)"), ex, ep(dev_key), DEV, markers=True))
        charts.append(line_chart(title, series, x_label=x_label, y_label=y_label, no_data=no_data))
    series = []
    if by_step:
        series.append(
            Series(_("per batch"), steps, b.get("samples_per_s") or [], THROUGHPUT, faint=True)
        )
    series.append(Series(_("epoch"), ex, ep("samples_per_s"), THROUGHPUT, markers=True))
    charts.append(
        line_chart(
            _("Training throughput"),
            series,
            x_label=x_label,
            y_label=_("samples/s"),
            no_data=no_data,
        )
    )
    return charts


def telemetry_charts(samples: Sequence[Mapping[str, Any]]) -> list[str]:
    stamps = [s.get("timestamp") for s in samples]
    t0 = next((t for t in stamps if isinstance(t, int | float)), None)
    if t0 is None:
        return []
    t = [ts - t0 if isinstance(ts, int | float) else None for ts in stamps]
    util = [
        Series(_("CPU"), t, [(s.get("host") or {}).get("cpu_percent") for s in samples], THROUGHPUT)
    ]
    power = []
    n_gpus = max((len(s.get("gpus") or []) for s in samples), default=0)
    for i in range(n_gpus):

        def gpu(s: Mapping[str, Any], key: str, i: int = i) -> Any:
            gpus = s.get("gpus") or []
            return gpus[i].get(key) if i < len(gpus) and isinstance(gpus[i], dict) else None

        color = GPU_COLORS[i % len(GPU_COLORS)]
        label = f"GPU {i}"
        util.append(Series(label, t, [gpu(s, "utilization_gpu_percent") for s in samples], color))
        power.append(Series(label, t, [gpu(s, "power_w") for s in samples], color))
    x_label = _("seconds")
    charts = [
        line_chart(
            _("Device utilisation"), util, x_label=x_label, y_label="%", no_data=_("no data")
        )
    ]
    if any(v is not None for s in power for v in s.y):
        charts.append(
            line_chart(_("GPU power"), power, x_label=x_label, y_label="W", no_data=_("no data"))
        )
    return charts


REPORT_COLUMNS = (N_("precision"), N_("recall"), N_("f1-score"), N_("support"))


def report_table(report: Mapping[str, Any]) -> str:
    metrics = REPORT_COLUMNS
    rows = []
    for name, d in report.items():
        if name == "accuracy":
            rows.append([Markup(f"<b>{esc(_('accuracy'))}</b>"), None, None, d, None])
        elif isinstance(d, Mapping):
            label = Markup(f"<b>{esc(name)}</b>") if name in AVERAGES else name
            rows.append([label, *(d.get(m) for m in metrics)])
    return html_table(["", *(_(m) for m in metrics)], rows)


def confusion_table(matrix: Sequence[Sequence[Any]], names: Sequence[str]) -> str:
    """Rows are true classes, columns predicted; each cell shaded by its share of the row."""
    n = len(matrix)
    labels = list(names) if len(names) == n else [str(i) for i in range(n)]
    corner = _("true ↓ predicted →")
    out = ["<table><tr>", f"<th>{esc(corner)}</th>"]
    out += [f"<th>{esc(label)}</th>" for label in labels]
    out.append("</tr>")
    for i, row in enumerate(matrix):
        counts = [v if isinstance(v, int | float) and not isinstance(v, bool) else 0 for v in row]
        total = sum(counts) or 1
        out.append(f"<tr><th>{esc(labels[i] if i < n else i)}</th>")
        for j, v in enumerate(row):
            alpha = max(0.0, min(1.0, counts[j] / total)) * 0.6
            weight = ";font-weight:700" if i == j else ""
            out.append(
                f'<td class="num" style="background:rgba(31,119,180,{alpha:.2f}){weight}">'
                f"{esc(fmt_number(v))}</td>"
            )
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def card_section(card: Mapping[str, Any]) -> list[str]:
    out = [f"<h2>{esc(_('Score card'))}</h2>"]
    score = card.get("suanli_score")
    out.append(
        key_value_table(
            [
                (_("Suanli score"), fmt_number(score) if score is not None else _("not available")),
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
        rows.append(
            [
                s.get("name"),
                s.get("value"),
                s.get("unit"),
                better,
                len(samples) if isinstance(samples, list) else None,
            ]
        )
    out.append(html_table([_("sub-score"), _("value"), _("unit"), _("better"), _("samples")], rows))
    extra = card.get("extra") if isinstance(card.get("extra"), Mapping) else {}
    notes = [(_(label), extra[key]) for key, label in CARD_NOTES if extra.get(key)]
    comp = extra.get("composite") if isinstance(extra.get("composite"), Mapping) else {}
    if comp.get("missing"):
        notes.append((_("not in the composite"), ", ".join(map(str, comp["missing"]))))
    if notes:
        out.append(key_value_table(notes))
    return out


def run_report_html(rec: RunRecord) -> str:
    """The HTML report of one stored run (``store.get_run(id)`` with its series)."""
    s = rec.summary
    title = _("Suanli run {id}: {name}").format(id=s.id, name=s.name or s.uid)
    body = [f"<h1>{esc(title)}</h1>"]
    meta = _("{model} on {dataset}, device {device}; {status}").format(
        model=s.model or "?", dataset=s.dataset or "?", device=s.device or "?", status=s.status
    )
    body.append(f'<p class="meta">{esc(meta)}</p>')
    stop = (rec.result or {}).get("stop_reason")
    pairs: list[tuple[str, Any]] = [
        (_("run id"), s.uid),
        (_("kind"), s.kind),
        (_("status"), s.status),
        (_("started"), _when(s.started_at)),
        (_("ended"), _when(s.ended_at)),
        (_("epochs"), f"{s.epochs_done}/{s.epochs_planned or '?'}"),
        (_("steps"), s.steps),
        (_("samples seen"), s.samples_seen),
        (_("dev accuracy"), s.dev_accuracy),
        (_("test accuracy"), s.test_accuracy),
        (_("test loss"), s.test_loss),
        (_("samples/s"), s.samples_per_s),
        (_("training seconds"), s.train_seconds),
        (_("wall seconds"), s.wall_seconds),
        (_("Suanli score"), s.score),
    ]
    if s.tags:
        pairs.append((_("tags"), ", ".join(s.tags)))
    if stop:
        pairs.append((_("stopped"), stop))
    if s.error:
        pairs.append((_("error"), s.error))
    body += [f"<h2>{esc(_('Summary'))}</h2>", key_value_table(pairs)]
    body.append(f"<h2>{esc(_('Configuration'))}</h2>")
    body.append(key_value_table((k, _json(v)) for k, v in sorted(rec.config.items())))
    body += [f"<h2>{esc(_('Environment'))}</h2>", environment_table(rec.environment)]
    if rec.epochs or rec.batches.get("step"):
        body.append(f"<h2>{esc(_('Training'))}</h2>")
        body += training_charts(rec)
    if rec.samples:
        charts = telemetry_charts(rec.samples)
        if charts:
            body += [f"<h2>{esc(_('Device telemetry'))}</h2>", *charts]
    if rec.epochs:
        keys = (
            "epoch",
            "train_loss",
            "train_accuracy",
            "dev_loss",
            "dev_accuracy",
            "samples_per_s",
            "seconds",
        )
        head = [
            _("epoch"),
            _("train loss"),
            _("train acc"),
            _("dev loss"),
            _("dev acc"),
            _("samples/s"),
            _("s"),
        ]
        body += [
            f"<h2>{esc(_('Epochs'))}</h2>",
            html_table(head, [[e.get(k) for k in keys] for e in rec.epochs]),
        ]
    if rec.report:
        body += [
            f"<h2>{esc(_('Test classification report'))}</h2>",
            report_table(rec.report),
        ]
    if rec.confusion_matrix:
        names = [k for k in (rec.report or {}) if k != "accuracy" and k not in AVERAGES]
        body += [
            f"<h2>{esc(_('Confusion matrix'))}</h2>",
            confusion_table(rec.confusion_matrix, names),
        ]
    if rec.card:
        body += card_section(rec.card)
        card_env = rec.card.get("environment")
        if isinstance(card_env, Mapping) and card_env.get("sha256") != (
            (rec.environment or {}).get("sha256")
        ):
            body += [f"<h3>{esc(_('Environment of the card'))}</h3>", environment_table(card_env)]
    return page(title, body)


# --------------------------------------------------------------------------- a comparison


def comparison_html(cmp: Comparison) -> str:
    """The HTML report of :func:`engine.reports.compare.compare`'s result."""
    title = _("Suanli comparison")
    body = [f"<h1>{esc(title)}</h1>"]
    body.append("<ol>" + "".join(f"<li>{esc(item.label)}</li>" for item in cmp.items) + "</ol>")
    head: list[Any] = [_("sub-score"), _("unit")]
    for n, _item in enumerate(cmp.items):
        head.append(f"[{n + 1}]")
        if n:
            head.append(_("ratio to [1]"))
    rows = []
    for row in cmp.rows:
        name = str(row["name"])
        if not row.get("higher_is_better", True):
            name += " " + _("(lower is better)")
        cells: list[Any] = [name, row.get("unit")]
        for n, (v, r) in enumerate(zip(row["values"], row["ratios"], strict=True)):
            cells.append(v)
            if n:
                cells.append(_ratio_cell(r))
        rows.append(cells)
    body += [f"<h2>{esc(_('Scores'))}</h2>", html_table(head, rows)]
    note = _("ratio = value / [1]; on a (lower is better) row a ratio below 1 is better")
    body.append(f'<p class="muted">{esc(note)}</p>')
    env_head = [_("environment"), *(f"[{n + 1}]" for n in range(len(cmp.items)))]
    env_rows = [[e.get("label"), *e.get("values", [])] for e in cmp.environment]
    classes = ["differs" if e.get("differs") else "" for e in cmp.environment]
    body += [
        f"<h2>{esc(_('Environment'))}</h2>",
        html_table(env_head, env_rows, classes),
        f'<p class="muted">{esc(_("highlighted: differs between the items"))}</p>',
    ]
    if cmp.config:
        cfg_head = [_("config"), *(f"[{n + 1}]" for n in range(len(cmp.items)))]
        body += [
            f"<h2>{esc(_('Configuration differences'))}</h2>",
            html_table(cfg_head, [[c.get("key"), *c.get("values", [])] for c in cmp.config]),
        ]
    if cmp.notes:
        body.append(f"<h2>{esc(_('Notes'))}</h2>")
        body.append("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in cmp.notes) + "</ul>")
    return page(title, body)


def _ratio_cell(ratio: float | None) -> Markup:
    if ratio is None or not math.isfinite(ratio):
        return Markup(esc(_("n/a")))
    width = max(1, min(120, round(60 * ratio)))
    return Markup(f'{esc(f"{ratio:.2f}x")}<span class="bar" style="width:{width}px"></span>')


# --------------------------------------------------------------------------- files


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) atomically: a reader never sees half a file."""
    out = Path(path)
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)
    return out


def export_run_html(store: Any, run_id: int, path: str | os.PathLike[str]) -> Path:
    return write_text(path, run_report_html(store.get_run(run_id)))


def export_comparison_html(cmp: Comparison, path: str | os.PathLike[str]) -> Path:
    return write_text(path, comparison_html(cmp))


# --------------------------------------------------------------------------- TensorBoard


def scalar_series(rec: RunRecord) -> dict[str, dict[str, list[tuple[int, float]]]]:
    """``{subfolder: {tag: [(step, value), ...]}}``: what :func:`write_tensorboard` writes.

    Missing and non-finite values are left out.
    """

    def points(pairs: Iterable[tuple[Any, Any]]) -> list[tuple[int, float]]:
        out = []
        for step, value in pairs:
            if (
                isinstance(step, int | float)
                and isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
            ):
                out.append((int(step), float(value)))
        return out

    def epochs(key: str) -> list[tuple[int, float]]:
        return points((e.get("epoch"), e.get(key)) for e in rec.epochs)

    b = rec.batches
    steps = b.get("step") or []
    out: dict[str, dict[str, list[tuple[int, float]]]] = {
        "train": {
            "epoch_loss": epochs("train_loss"),
            "epoch_accuracy": epochs("train_accuracy"),
            "epoch_samples_per_s": epochs("samples_per_s"),
            "batch_loss": points(zip(steps, b.get("loss") or [], strict=False)),
            "batch_accuracy": points(zip(steps, b.get("accuracy") or [], strict=False)),
        },
        "validation": {
            "epoch_loss": epochs("dev_loss"),
            "epoch_accuracy": epochs("dev_accuracy"),
        },
    }
    last = max((e.get("epoch") for e in rec.epochs if isinstance(e.get("epoch"), int)), default=0)
    s = rec.summary
    out["test"] = {
        "epoch_loss": points([(last, s.test_loss)]),
        "epoch_accuracy": points([(last, s.test_accuracy)]),
    }
    return {d: {t: p for t, p in tags.items() if p} for d, tags in out.items()}


def write_tensorboard(rec: RunRecord, logdir: str | os.PathLike[str]) -> list[Path]:
    """Write the run's scalars as TensorBoard event files under ``logdir``; returns them."""
    import tensorflow as tf
    from tensorflow.core.framework import summary_pb2

    scalar_meta = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"),
        data_class=summary_pb2.DATA_CLASS_SCALAR,
    )
    text_meta = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="text"),
        data_class=summary_pb2.DATA_CLASS_TENSOR,
    )
    root = Path(logdir)
    before = set(root.rglob("events.out.tfevents.*")) if root.is_dir() else set()
    config_md = "\n".join(
        ["| key | value |", "|---|---|"]
        + [f"| {k} | {_json(v)} |" for k, v in sorted(rec.config.items())]
    )
    with tf.device("/cpu:0"):
        for sub, tags in scalar_series(rec).items():
            if not tags:
                continue
            writer = tf.summary.create_file_writer(str(root / sub))
            try:
                with writer.as_default():
                    for tag, pts in tags.items():
                        for step, value in pts:
                            tf.summary.write(
                                tag,
                                tf.constant(value, tf.float32),
                                step=step,
                                metadata=scalar_meta,
                            )
                    if sub == "train":
                        tf.summary.write(
                            "config", tf.constant(config_md), step=0, metadata=text_meta
                        )
                writer.flush()
            finally:
                writer.close()
    return sorted(set(root.rglob("events.out.tfevents.*")) - before)


def export_tensorboard(store: Any, run_id: int, logdir: str | os.PathLike[str]) -> list[Path]:
    return write_tensorboard(store.get_run(run_id), logdir)
