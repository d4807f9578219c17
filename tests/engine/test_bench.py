"""The benchmark suite on this CPU-only machine, with tiny windows."""

from __future__ import annotations

import dataclasses
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.benchmark.suite import SuiteSpec, coefficient_of_variation, olympic_mean, run_suite
from engine.cards.card import card_from_dict
from engine.control import RunControl
from engine.data import shipped
from engine.data.shipped import BENCHMARK_DATASET_SHA256
from engine.events import Callback, RecordingCallback

ROOT = Path(__file__).resolve().parents[2]
TINY = SuiteSpec(
    "tiny",
    train_windows=5,
    train_window_steps=5,
    infer_iters={1: 5, 32: 5, 256: 3, 1024: 2},
    tta_max_epochs=2,
    peak_n=128,
    peak_reps=2,
)


@pytest.fixture(scope="module")
def suite_run(tmp_path_factory):
    # the user's own MNIST folder holds other images: the suite measures the shipped split
    other = tmp_path_factory.mktemp("other_mnist")
    rng = np.random.default_rng(3)
    for stem, arr in (
        ("t10k-images-idx3-ubyte", rng.integers(0, 256, (100, 28, 28), dtype=np.uint8)),
        ("t10k-labels-idx1-ubyte", rng.integers(0, 10, 100).astype(np.uint8)),
    ):
        head = struct.pack(">HBB", 0, 8, arr.ndim) + struct.pack(f">{arr.ndim}I", *arr.shape)
        (other / stem).write_bytes(head + arr.tobytes())
    rec = RecordingCallback()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SUANLI_DATA_DIR", str(other))
        card = run_suite(callbacks=[rec], target_accuracy=0.5, spec=TINY)
    return rec, card


def test_card_is_valid_and_holds_every_part(suite_run):
    _, card = suite_run
    parsed = card_from_dict(card)
    names = [s.name for s in parsed.sub_scores]
    for part in (
        "peak_tflops",
        "trace_seconds",
        "train_samples_per_s",
        "input_wait_percent",
        "train_efficiency_percent",
        "inference_b1_samples_per_s",
        "latency_b1_p99_ms",
        "latency_b1024_p50_ms",
        "inference_samples_per_s",
        "time_to_accuracy_s",
        "ai_suanli",
        "train_samples_per_j",
    ):
        assert part in names
    train = parsed.sub_score("train_samples_per_s")
    # 5 windows, more when some were disturbed and measured again
    assert len(train.samples) >= 5 and min(train.samples) <= train.value <= max(train.samples)
    assert train.ci95[0] <= train.value <= train.ci95[1]
    assert parsed.suanli_score_ci95 is None or (
        parsed.suanli_score_ci95[0] <= parsed.suanli_score <= parsed.suanli_score_ci95[1]
    )
    assert parsed.interference["verdict"] in ("quiet", "disturbed")
    assert parsed.interference["windows"] >= 5
    # every window once: peak, training and four inference batch sizes
    assert parsed.interference["windows_kept"] <= parsed.interference["windows"]
    assert card["extra"]["time_to_accuracy"]["reached"] is True
    assert card["extra"]["status"] == "finished"


def test_time_to_accuracy_runs_on_the_shipped_split_and_the_card_names_it(suite_run):
    _, card = suite_run
    assert card["dataset_sha256"] == BENCHMARK_DATASET_SHA256
    assert card_from_dict(card).sub_score("time_to_accuracy_s").value > 0
    assert card["extra"]["ai_suanli_terms"]["R_flops"] > 0


def test_every_card_the_suite_writes_follows_the_published_schema(suite_run, tmp_path):
    import json

    import jsonschema

    schema = json.loads((ROOT / "docs" / "card.schema.json").read_text(encoding="utf-8"))
    _, card = suite_run
    jsonschema.validate(json.loads(json.dumps(card)), schema)
    control = RunControl()

    class StopAtFirstScore(Callback):
        def on_score(self, card):
            control.stop()

    stopped = run_suite(callbacks=[StopAtFirstScore()], control=control, spec=TINY)
    assert stopped["extra"]["status"] == "stopped"
    jsonschema.validate(json.loads(json.dumps(stopped)), schema)
    missing = run_suite(data_dir=str(tmp_path), spec=TINY)
    jsonschema.validate(json.loads(json.dumps(missing)), schema)


def test_energy_is_plainly_not_available_without_a_gpu(suite_run):
    _, card = suite_run
    parsed = card_from_dict(card)
    assert parsed.sub_score("train_samples_per_j").value is None
    assert card["extra"]["energy_note"] == "not available: the run used the CPU"  # why, not a GPU's


def test_each_sub_score_is_emitted_as_it_completes(suite_run):
    rec, card = suite_run
    emitted = [e[1]["name"] for e in rec.of("on_score")]
    assert emitted == [s["name"] for s in card["sub_scores"]]
    assert any(e[0] == "on_device_sample" for e in rec.events)


def test_time_to_accuracy_not_available_when_the_shipped_split_is_damaged(tmp_path, monkeypatch):
    damaged = []
    for f in shipped.SHIPPED_FILES:
        copy = tmp_path / f.path.name
        data = bytearray(f.path.read_bytes())
        data[-1] ^= 0xFF
        copy.write_bytes(bytes(data))
        damaged.append(dataclasses.replace(f, path=copy))
    monkeypatch.setattr(shipped, "SHIPPED_FILES", tuple(damaged))
    card = run_suite(spec=TINY)
    tta = card_from_dict(card).sub_score("time_to_accuracy_s")
    note = card["extra"]["time_to_accuracy_note"]
    assert tta.value is None and note.startswith("not available: ")
    assert "t10k-images-idx3-ubyte.gz" in note and "reinstall" in note and "\n" not in note


def test_stop_ends_the_suite_early():
    control = RunControl()

    class StopAtFirstScore(Callback):
        def on_score(self, card):
            control.stop()

    card = run_suite(callbacks=[StopAtFirstScore()], control=control, spec=TINY)
    assert card["extra"]["status"] == "stopped"
    assert [s["name"] for s in card["sub_scores"]] == ["peak_tflops"]


def test_olympic_mean_and_cv():
    assert olympic_mean([1, 2, 3]) == 2
    assert olympic_mean([100, 1, 2, 3, -50]) == 2  # best and worst dropped from 5
    assert coefficient_of_variation([10, 10, 10]) == 0
    assert coefficient_of_variation([9, 11]) == pytest.approx(10.0)


def test_devices_command_prints_host_and_says_no_gpu():
    p = subprocess.run(
        [sys.executable, "-m", "engine", "devices"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ,
    )
    assert p.returncode == 0, p.stderr
    assert "CPU" in p.stdout and "No GPU telemetry" in p.stdout
    assert "Traceback" not in p.stderr
