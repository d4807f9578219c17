"""Exports: the HTML reports of a run and of a comparison (text from data always escaped,
never markup), the SVG charts, and TensorBoard event files that hold the run's losses."""

from __future__ import annotations

import math
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from engine.cards.card import SubScore, make_card
from engine.cli.main import main
from engine.hashing import json_sha256
from engine.reports import comparison_report, run_report, tensorboard
from engine.reports.compare import CompareItem, Metric, compare
from engine.reports.svg_chart import Series, line_chart, nice_ticks
from engine.store.store import Store
from engine.store.writer import StoreWriter

PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
ATTR_PAYLOAD = '"><img src=x onerror=alert(2)>'
FACTS = {
    "cpu_model": f"CPU {PAYLOAD}",
    "gpus": [{"name": PAYLOAD, "memory_total_mib": 8192}],
    "tensorflow": "2.99",
    "driver_version": ATTR_PAYLOAD,
}
ENV = {"facts": FACTS, "sha256": json_sha256(FACTS)}
CONFIG = {
    "dataset": "synthetic",
    "model": "seed-cnn",
    "epochs": 2,
    "batch_size": 8,
    "device": PAYLOAD,
    "data_dir": ATTR_PAYLOAD,
}
EPOCHS = [
    {
        "epoch": 1,
        "train_loss": 1.25,
        "train_accuracy": 0.5,
        "dev_loss": 1.5,
        "dev_accuracy": 0.45,
        "samples_per_s": 100.0,
        "seconds": 1.0,
    },
    {
        "epoch": 2,
        "train_loss": 0.75,
        "train_accuracy": 0.7,
        "dev_loss": 0.875,
        "dev_accuracy": 0.65,
        "samples_per_s": 120.0,
        "seconds": 0.9,
    },
]
BATCH_LOSSES = [2.0, 1.5, 1.25, 1.0, 0.875, 0.75]
# Tags HTML allows in our reports; a <script> or <img> from data would show up as a tag.
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "div",
    "h1",
    "h2",
    "h3",
    "p",
    "table",
    "tr",
    "th",
    "td",
    "b",
    "span",
    "ol",
    "ul",
    "li",
    "footer",
    "svg",
    "rect",
    "text",
    "line",
    "polyline",
    "circle",
}


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs


def parse(html: str) -> TagCollector:
    p = TagCollector()
    p.feed(html)
    return p


def assert_safe(html: str) -> None:
    assert "<script" not in html.lower() and "<img" not in html.lower()
    p = parse(html)
    assert p.tags <= ALLOWED_TAGS, p.tags - ALLOWED_TAGS
    assert not [a for a, _ in p.attrs if a.startswith("on")]  # no event handlers


def a_card() -> Any:
    return make_card(
        suite_version="1",
        config=CONFIG,
        dataset_sha256="ab" * 32,
        environment=ENV,
        sub_scores=[
            SubScore("train_samples_per_s", 100.0, "samples/s", True, (99.0, 101.0)),
            SubScore("inference_samples_per_s", 900.0, "samples/s", True, (900.0,)),
            SubScore(PAYLOAD, 1.5, ATTR_PAYLOAD, False, ()),
        ],
        suanli_score=1234.5,
        reference_profile=PAYLOAD,
        extra={"input_verdict": PAYLOAD, "composite": {"missing": [PAYLOAD]}},
        created_utc="2026-01-02T03:04:05Z",
    )


def record_run(store: Store) -> int:
    """A finished run whose every free text carries markup, as if from a hostile card."""
    w = StoreWriter(store, name=f"run {PAYLOAD}", tags=[PAYLOAD, "ok"], environment=ENV)
    w.on_run_begin({"config": dict(CONFIG), "device": PAYLOAD, "epochs": 2})
    step = 0
    for e in EPOCHS:
        for _ in range(3):
            w.on_batch_end(
                step + 1,
                {
                    "loss": BATCH_LOSSES[step],
                    "accuracy": 0.1 * (step + 1),
                    "epoch": e["epoch"],
                    "samples_per_s": 50.0 + step,
                },
            )
            step += 1
        w.on_device_sample(
            {
                "timestamp": 1000.0 + step,
                "host": {"cpu_percent": 10.0 * step},
                "gpus": [
                    {"name": PAYLOAD, "utilization_gpu_percent": 50.0, "power_w": 100.0 + step}
                ],
            }
        )
        w.on_epoch_end(e["epoch"], dict(e))
    w.on_score(a_card().to_dict())
    report = {
        PAYLOAD: {"precision": 1.0, "recall": 0.5, "f1-score": 0.6667, "support": 2},
        "cat": {"precision": 0.6667, "recall": 1.0, "f1-score": 0.8, "support": 2},
        "accuracy": 0.75,
        "macro avg": {"precision": 0.8333, "recall": 0.75, "f1-score": 0.7333, "support": 4},
    }
    w.on_run_end(
        {
            "status": "finished",
            "config": dict(CONFIG),
            "steps": step,
            "samples_seen": 48,
            "train_seconds": 1.9,
            "wall_seconds": 2.5,
            "stop_reason": PAYLOAD,
            "test": {
                "accuracy": 0.75,
                "loss": 0.8125,
                "samples": 4,
                "report": report,
                "confusion_matrix": [[1, 1], [0, 2]],
            },
        }
    )
    assert w.error is None and w.run_id is not None
    return w.run_id


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "suanli.db") as s:
        yield s


@pytest.fixture
def run(store: Store):
    return store.get_run(record_run(store))


def test_the_run_report_escapes_text_from_data_and_cards(run):
    html = run_report.run_report_html(run)
    assert_safe(html)
    assert ESCAPED in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    body = html.split("<body>", 1)[1]
    # the device (summary, config, environment, telemetry legend), name, tags, class name,
    # stop reason, card sub-score, reference profile and notes all show escaped
    assert body.count(ESCAPED) >= 10


def test_the_run_report_holds_config_plots_report_matrix_and_card(run):
    html = run_report.run_report_html(run)
    for heading in (
        "Summary",
        "Configuration",
        "Environment",
        "Training",
        "Device telemetry",
        "Epochs",
        "Test classification report",
        "Confusion matrix",
        "Score card",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert html.count("<svg") == 5  # loss, accuracy, throughput, utilisation, GPU power
    # the Suanli score: recomputed from the sub-scores when the card was stored
    from engine.reports.html_page import fmt_number
    from engine.store.cards import rescored

    assert fmt_number(rescored(a_card())[0].suanli_score) in html
    assert "8192 MiB" in html and "seed-cnn" in html
    assert "Content-Security-Policy" in html and '<html lang="en">' in html


def test_the_comparison_report_escapes_labels_facts_and_config():
    items = [
        CompareItem(
            PAYLOAD,
            {"train_samples_per_s": Metric(100.0, "samples/s")},
            dict(FACTS),
            {"batch_size": 32},
        ),
        CompareItem(
            "b",
            {
                "train_samples_per_s": Metric(150.0, "samples/s"),
                PAYLOAD: Metric(2.0, ATTR_PAYLOAD, False),
            },
            {**FACTS, "cpu_model": "other"},
            {"batch_size": PAYLOAD},
        ),
    ]
    html = comparison_report.comparison_html(compare(items))
    assert_safe(html)
    assert ESCAPED in html and "1.50x" in html
    assert 'class="differs"' in html  # the CPU differs


def test_line_charts_escape_text_and_leave_gaps_for_missing_values():
    svg = line_chart(
        PAYLOAD, [Series(PAYLOAD, [1, 2, 3, 4], [1.0, math.nan, None, 2.0])], x_label=PAYLOAD
    )
    assert "<script" not in svg and svg.count(ESCAPED) == 4  # aria-label, title, legend, axis
    assert svg.count("<polyline") == 2  # cut at the NaN and the None
    empty = line_chart("t", [Series("s", [], [])], no_data="nothing")
    assert "nothing" in empty and "<polyline" not in empty


def test_nice_ticks():
    assert [round(t, 6) for t in nice_ticks(0, 1)] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(1, 16, 6, integer=True) == [5, 10, 15]
    assert nice_ticks(1, 4, 6, integer=True) == [1, 2, 3, 4]  # never 2.5 steps on steps
    assert nice_ticks(3, 3) == [3]


def read_events(logdir: Path) -> dict[tuple[str, str], list[tuple[int, float]]]:
    import tensorflow as tf

    out: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for path in sorted(logdir.rglob("events.out.tfevents.*")):
        for event in tf.compat.v1.train.summary_iterator(str(path)):
            for v in event.summary.value:
                if v.metadata.plugin_data.plugin_name != "scalars":
                    continue
                value = float(tf.make_ndarray(v.tensor))
                out.setdefault((path.parent.name, v.tag), []).append((event.step, value))
    return out


def test_tensorboard_event_files_hold_the_losses(run, tmp_path):
    files = tensorboard.write_tensorboard(run, tmp_path / "tb")
    assert {f.parent.name for f in files} == {"train", "validation", "test", "telemetry", "scores"}
    assert {f.parent.parent.name for f in files} == {f"run-{run.id}-run_script_alert_1_script"}
    ev = read_events(tmp_path / "tb")
    assert ev[("train", "epoch_loss")] == [(0, 1.25), (1, 0.75)]  # Keras: epochs from 0
    assert ev[("validation", "epoch_loss")] == [(0, 1.5), (1, 0.875)]
    steps, values = zip(*ev[("validation", "epoch_accuracy")], strict=True)
    assert steps == (0, 1) and values == pytest.approx([0.45, 0.65])  # float32
    assert ev[("train", "batch_loss")] == list(enumerate(BATCH_LOSSES, start=1))
    assert ev[("test", "epoch_loss")] == [(1, 0.8125)]
    assert ev[("telemetry", "gpu0/power_w")] == [(0, 103.0), (1, 106.0)]


def test_cli_runs_html_tensorboard_and_compare_html(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path))  # the CLI opens $SUANLI_HOME/suanli.db
    with Store() as default:
        run_id = record_run(default)
        record_run(default)
    out = tmp_path / "r.html"
    assert main(["runs", "html", str(run_id), str(out)]) == 0
    assert_safe(out.read_text(encoding="utf-8"))
    assert main(["runs", "tensorboard", str(run_id), str(tmp_path / "tb")]) == 0
    assert ("train", "batch_loss") in read_events(tmp_path / "tb")
    assert main(["compare", "1", "2", "--html", str(tmp_path / "c.html")]) == 0
    assert "<h1>Suanli comparison</h1>" in (tmp_path / "c.html").read_text(encoding="utf-8")
    assert main(["runs", "html", "99", str(out)]) == 2
    assert main(["runs", "tensorboard", str(run_id), str(out)]) == 2  # a file, not a folder
    err = capsys.readouterr().err
    assert "HTML report of run 1 written to" in err and "no run with id 99" in err


def test_tensorboard_exports_a_benchmark_and_refuses_a_run_without_metrics(
    tmp_path, monkeypatch, capsys
):
    from engine.store.writer import record_card

    monkeypatch.setenv("SUANLI_HOME", str(tmp_path))
    run_id = record_card(a_card().to_dict())  # a benchmark: a card, no epochs
    assert main(["runs", "tensorboard", str(run_id), str(tmp_path / "tb")]) == 0
    with Store() as store:
        empty = store.begin_run(
            uid="x", kind="train", name="", config={}, info={}, environment=None, started_at=1.0
        )
    assert main(["runs", "tensorboard", str(empty), str(tmp_path / "tb2")]) == 2
    assert "has no training metrics" in capsys.readouterr().err
    assert not (tmp_path / "tb2").exists()
    assert main(["runs", "html", str(run_id), str(tmp_path / "b.html")]) == 0
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert_safe(html)
    assert "<h2>Score card</h2>" in html and "<svg" not in html
