"""The headless CLI: exit codes 0 / 2 / 130, one line for bad input, JSON result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from engine.errors import RunFailed
from engine.events import CallbackList
from engine.store.store import Store

ROOT = Path(__file__).resolve().parents[2]


def engine(*args, **kw):
    env = {**os.environ, **kw.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        **kw,
    )


def test_train_prints_report_and_writes_json(tmp_path, mnist_dir):
    out = tmp_path / "r.json"
    p = engine(
        "train",
        "--dataset",
        "mnist",
        "--data-dir",
        str(mnist_dir),
        "--epochs",
        "1",
        "--limit",
        "2000",
        "--json",
        str(out),
    )
    assert p.returncode == 0, p.stderr
    assert "weighted avg" in p.stdout and "micro avg" in p.stdout
    assert "epoch 1/1: train loss" in p.stderr
    data = json.loads(out.read_text())
    assert data["status"] == "finished"
    assert set(data["epochs"][0]) >= {
        "epoch",
        "train_loss",
        "train_accuracy",
        "dev_loss",
        "dev_accuracy",
        "samples_per_s",
        "seconds",
    }
    assert set(data["test"]) >= {"accuracy", "report", "confusion_matrix"}
    assert len(data["test"]["confusion_matrix"]) == 10


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--batch-size", "0"], "batch_size = 0"),
        (["--lr", "nan"], "learning_rate = nan"),
        (["--epochs", "-1"], "epochs = -1"),
        (["--data-dir", "/no/such/folder"], "/no/such/folder"),
        (["--json", "/no/such/folder/r.json"], "does not exist"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, words):
    p = engine("train", *args)
    assert p.returncode == 2
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and words in lines[0], p.stderr
    assert "Traceback" not in p.stderr


def test_bad_data_file_exits_2(tmp_path):
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"not gzip")
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"not gzip")
    p = engine("train", "--data-dir", str(tmp_path))
    assert p.returncode == 2 and "not a gzip file" in p.stderr and "Traceback" not in p.stderr


def test_ctrl_c_stops_after_the_batch_and_still_writes(tmp_path):
    out = tmp_path / "r.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "engine",
            "train",
            "--dataset",
            "synthetic",
            "--epochs",
            "100",
            "--limit",
            "1000",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in proc.stderr:
        if line.startswith("epoch 1/100"):
            break
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    data = json.loads(out.read_text())
    assert data["status"] == "stopped" and len(data["epochs"]) >= 1
    assert "stopped" in stdout


def test_sigterm_stops_bench_and_records_what_it_measured():
    """SIGTERM (kill, a service manager) during a benchmark: like Ctrl-C, the suite stops
    and its card so far is kept as a stopped benchmark run; the exit code is 143."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "engine", "bench", "--quick"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in proc.stderr:
        if line.startswith("Training throughput"):  # the peak is measured: one sub-score
            break
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 143, stderr
    assert "Traceback" not in stderr and "Terminated: stopping" in stderr
    assert "peak_tflops" in stdout
    with Store() as store:
        runs = store.list_runs()
    assert [(r.kind, r.status) for r in runs] == [("bench", "stopped")]


def test_ctrl_c_during_start_up_exits_130_quietly():
    proc = subprocess.Popen(
        [sys.executable, "-m", "engine", "train", "--dataset", "synthetic"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)  # somewhere in start-up; any moment must give 130 without a traceback
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    # On a busy machine the signal can land while the interpreter itself is still starting,
    # before engine/__main__.py runs: Python then dies of SIGINT, which a shell also
    # reports as 130 (128 + 2). Either way: no traceback.
    assert proc.returncode in (130, -signal.SIGINT)
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["train", "--bogus"], "python -m engine: error: unrecognized arguments: --bogus"),
        (
            ["train", "--dataset", "nope"],
            "python -m engine train: error: argument --dataset: invalid choice: 'nope' (choose "
            "from 'mnist', 'fashion-mnist', 'synthetic', 'folder')",
        ),
        (["runs"], "python -m engine runs: error: the following arguments are required: ACTION"),
    ],
)
def test_argparse_errors_in_english_are_argparse_s_own(args, last_line):
    p = engine(*args, env={"SUANLI_LANG": "en", "COLUMNS": "80"})
    assert p.returncode == 2
    lines = p.stderr.rstrip("\n").splitlines()
    assert lines[0].startswith("usage: python -m engine") and lines[-1] == last_line, p.stderr


# --------------------------------------------------------------------------- device telemetry


def telemetry_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "suanli-telemetry"]


def test_a_cli_run_stores_its_device_telemetry_with_the_run(tmp_path):
    out = tmp_path / "r.json"
    p = engine(
        "train",
        "--dataset",
        "synthetic",
        "--epochs",
        "1",
        "--limit",
        "256",
        "--batch-size",
        "64",
        "--no-checkpoints",
        "--json",
        str(out),
    )
    assert p.returncode == 0, p.stderr
    assert "telemetry" not in p.stderr  # no warning: it started and stopped
    data = json.loads(out.read_text())
    assert data["status"] == "finished" and data["test"]["samples"] > 0
    with Store() as store:  # $SUANLI_HOME: a temp folder for this test (tests/conftest.py)
        (run,) = store.list_runs()
        samples = store.device_samples(run.id)
    assert samples, "no device sample was stored with the run"
    for s in samples:
        host = s["host"]
        assert {"cpu_percent", "ram_used_bytes", "ram_total_bytes"} <= set(host)
        assert 0 < host["ram_used_bytes"] <= host["ram_total_bytes"]
        assert isinstance(s["timestamp"], float) and isinstance(s["gpus"], list)
    stamps = [s["timestamp"] for s in samples]
    assert stamps == sorted(stamps)


@pytest.mark.parametrize(("error", "code"), [(RunFailed("boom"), 1), (KeyboardInterrupt(), 130)])
def test_the_sampler_runs_during_the_run_and_is_joined_however_it_ends(monkeypatch, error, code):
    import engine.training.run
    from engine.cli import main as cli

    seen: list[threading.Thread] = []

    def failing_run(config, callbacks, control):
        seen.extend(telemetry_threads())  # sampling while the run runs
        # fails before it begins, as engine.training.run reports that: on_run_end, then the error
        cbs = callbacks if isinstance(callbacks, CallbackList) else CallbackList(callbacks)
        cbs.on_run_end({"status": "failed", "config": {"dataset": config.dataset}})
        raise error

    monkeypatch.setattr(engine.training.run, "run", failing_run)
    assert telemetry_threads() == []
    assert cli.main(["train", "--dataset", "synthetic"]) == code
    assert len(seen) == 1 and not seen[0].is_alive()
    assert telemetry_threads() == []
    with Store() as store:
        (run,) = store.list_runs()
        assert run.status == "failed"
        assert store.device_samples(run.id)  # the snapshot taken as the run began is kept
