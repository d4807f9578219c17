"""A training run's own scores are kept with it and shown wherever the run is (``runs
show``, its HTML report, ``compare run:N``), with one ``train_samples_per_s``; a benchmark
run keeps its device telemetry like a training run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from engine.hashing import json_sha256
from engine.reports.compare import compare, item_from_run
from engine.reports.run_report import run_report_html
from engine.scoring import score
from engine.store.store import Store
from engine.store.writer import StoreWriter

ROOT = Path(__file__).resolve().parents[2]
FACTS = {"cpu_model": "Test CPU", "gpus": [], "tensorflow": "2.99"}
ENV = {"facts": FACTS, "sha256": json_sha256(FACTS)}
CONFIG = {"dataset": "synthetic", "model": "seed-cnn", "epochs": 2, "batch_size": 8}
EPOCHS = [
    {"epoch": 1, "samples_per_s": 1000.0, "seconds": 3.0, "dev_accuracy": 0.9},  # traces
    {"epoch": 2, "samples_per_s": 3000.0, "seconds": 1.0, "dev_accuracy": 0.95},
]
SCORES = [
    {"name": "ai_suanli", "value": 35462.7, "unit": "FLOP/byte", "higher_is_better": True},
    {"name": "train_flops_C", "value": 6.6e9, "unit": "FLOP", "higher_is_better": True},
    {"name": "inference_flops_R", "value": 1.1e9, "unit": "FLOP", "higher_is_better": True},
    {"name": "model_bytes_S", "value": 217640.0, "unit": "byte", "higher_is_better": True},
    {"name": "train_samples_per_s", "value": 1500.0, "unit": "samples/s"},
    {"name": "train_tflops", "value": 0.0025, "unit": "TFLOP/s", "higher_is_better": True},
]


def test_the_run_figure_is_samples_over_training_seconds_over_every_epoch():
    # (3000 + 3000) samples / (3 + 1) s, not the last epoch's 3000/s
    assert score.run_samples_per_second(EPOCHS) == pytest.approx(1500.0)
    assert score.training_seconds(EPOCHS) == pytest.approx(4.0)
    assert score.run_samples_per_second([]) is None
    assert score.run_samples_per_second([{"samples_per_s": None, "seconds": 2}]) is None


def recorded_run(store: Store) -> int:
    w = StoreWriter(store, environment=ENV)
    w.on_run_begin({"config": dict(CONFIG), "device": "/device:CPU:0"})
    for e in EPOCHS:
        w.on_epoch_end(e["epoch"], dict(e))
    w.on_run_end(
        SimpleNamespace(
            to_dict=lambda: {
                "status": "finished",
                "config": dict(CONFIG),
                "samples_seen": 6000,
                "train_seconds": 4.0,
                "wall_seconds": 5.0,
                "test": {"accuracy": 0.95, "loss": 0.2, "samples": 100},
                "scores": SCORES,
            }
        )
    )
    return w.run_id


def test_a_runs_scores_are_stored_and_its_samples_per_s_is_the_one_definition(tmp_path):
    with Store(tmp_path / "s.db") as store:
        run_id = recorded_run(store)
        rec = store.get_run(run_id)
        # the live column held the last epoch's 3000/s; the finished run holds its figure
        assert rec.summary.samples_per_s == pytest.approx(1500.0)
        assert [s["name"] for s in rec.scores][:4] == [
            "ai_suanli",
            "train_flops_C",
            "inference_flops_R",
            "model_bytes_S",
        ]
        assert rec.to_dict()["scores"] == rec.scores
        html = run_report_html(rec)
        assert "<h2>Scores of this run</h2>" in html and "train_flops_C" in html
        assert "Suanli score" not in html  # a training run has no composite: no empty row
        item = item_from_run(store, run_id, f"run:{run_id}")
        assert item.metrics["train_samples_per_s"].value == pytest.approx(1500.0)
        assert item.metrics["ai_suanli"].value == pytest.approx(35462.7)
        assert item.metrics["train_tflops"].unit == "TFLOP/s"
        row = {r["name"]: r for r in compare([item, item]).rows}["ai_suanli"]
        assert row["verdicts"] == [None, None]  # computed, not measured: no verdict


def test_a_stopped_run_keeps_the_same_definition_over_the_epochs_it_did(tmp_path):
    with Store(tmp_path / "s.db") as store:
        w = StoreWriter(store, environment=ENV)
        w.on_run_begin({"config": dict(CONFIG)})
        for e in EPOCHS:
            w.on_epoch_end(e["epoch"], dict(e))
        w.on_run_end(
            SimpleNamespace(
                to_dict=lambda: {"status": "stopped", "config": dict(CONFIG), "epochs": EPOCHS}
            )
        )
        assert store.get_summary(w.run_id).samples_per_s == pytest.approx(1500.0)


def test_runs_show_prints_the_runs_scores(tmp_path):
    home = tmp_path / "home"
    with Store(home / "suanli.db") as store:
        run_id = recorded_run(store)
    r = subprocess.run(
        [sys.executable, "-m", "engine", "runs", "show", str(run_id)],
        cwd=ROOT,
        env={**os.environ, "SUANLI_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "Scores of this run:" in r.stdout
    line = next(x for x in r.stdout.splitlines() if x.startswith("train_samples_per_s"))
    assert "1,500.0" in line and "samples/s" in line
    assert "35,462.7" in r.stdout and "FLOP/byte" in r.stdout


def test_a_benchmark_run_keeps_its_device_telemetry(tmp_path, monkeypatch):
    from engine import jobs
    from engine.cards.card import SubScore, make_card

    monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
    card = make_card(
        suite_version="2.0-quick",
        config={"suite": "quick"},
        dataset_sha256="ab" * 32,
        environment=ENV,
        sub_scores=[SubScore("train_samples_per_s", 100.0, "samples/s", True, (100.0,))],
        created_utc="2026-12-01T00:00:00Z",
    )

    def run_suite(callbacks=None, control=None, **_options):
        for k in range(3):  # what the suite's own sampler reports
            callbacks.on_device_sample({"timestamp": 1000.0 + k, "host": {"cpu_percent": 50.0}})
        return card.to_dict()

    jobs.bench(None, run_suite=run_suite)
    with Store() as store:
        (run,) = store.list_runs()
        rec = store.get_run(run.id)
    assert rec.summary.kind == "bench" and len(rec.samples) == 3
    assert rec.samples[0]["timestamp"] == 1000.0
