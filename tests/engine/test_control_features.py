"""Checkpoints and resume, stopping rules, schedules, precision, XLA, several devices, OOM."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.config import RunConfig
from engine.control import RunControl
from engine.errors import RunFailed
from engine.events import Callback
from engine.i18n.message import english
from engine.training.checkpoint import RunFolder
from engine.training.run import resume, run
from engine.training.steps import kept_steps

ROOT = Path(__file__).resolve().parents[2]
SMALL = RunConfig(dataset="synthetic", epochs=3, batch_size=64, limit=1024, seed=5)


class _OnEpoch(Callback):
    def __init__(self, epoch, action):
        self.epoch, self.action = epoch, action

    def on_epoch_end(self, epoch, logs):
        if epoch == self.epoch:
            self.action()


def weights(result):
    return list(result.weights)


def test_resumed_run_ends_with_the_same_weights_as_an_uninterrupted_one():
    straight = run(SMALL)
    control = RunControl()
    first = run(SMALL, [_OnEpoch(2, control.stop)], control)
    assert first.status == "stopped" and len(first.epochs) == 2
    folder = RunFolder(first.run_id)
    assert folder.epochs() == [1, 2]
    assert (folder.path / "checkpoints" / "epoch-0002.index").is_file()
    resumed = resume(first.run_id)
    assert resumed.status == "finished" and resumed.run_id == first.run_id
    assert [e["epoch"] for e in resumed.epochs] == [1, 2, 3]
    for a, b in zip(weights(straight), weights(resumed), strict=True):
        np.testing.assert_array_equal(a, b)
    assert resumed.epochs[2]["train_loss"] == straight.epochs[2]["train_loss"]
    assert json.loads((folder.path / "run.json").read_text())["status"] == "finished"


def test_resume_refuses_a_finished_or_unknown_run():
    from engine.data import DataError

    done = run(SMALL.replace(epochs=1))
    with pytest.raises(DataError, match="already finished"):
        resume(done.run_id)
    with pytest.raises(DataError, match="no run 'nope'"):
        resume("nope")


def test_early_stopping_with_patience():
    # a learning rate this large cannot improve dev loss for long
    cfg = SMALL.replace(
        epochs=30, learning_rate=5.0, optimizer="sgd", early_stopping=2, checkpoints=False
    )
    r = run(cfg)
    assert r.status == "finished" and len(r.epochs) < 30
    assert "did not improve for 2 epochs" in str(r.stop_reason)
    losses = [e["dev_loss"] for e in r.epochs]
    best = int(np.argmin(losses))
    assert len(losses) == best + 3


def test_stop_at_target_accuracy():
    r = run(SMALL.replace(epochs=20, target_accuracy=0.5, checkpoints=False))
    assert r.epochs[-1]["dev_accuracy"] >= 0.5
    assert all(e["dev_accuracy"] < 0.5 for e in r.epochs[:-1])
    assert "reached the target" in str(r.stop_reason) and r.test is not None


@pytest.mark.parametrize("schedule", ["step", "cosine"])
def test_learning_rate_schedules(schedule):
    r = run(SMALL.replace(epochs=4, lr_schedule=schedule, checkpoints=False))
    lrs = [e["learning_rate"] for e in r.epochs]
    assert lrs[-1] < lrs[0] <= SMALL.learning_rate * (1 + 1e-6)
    if schedule == "step":  # halved every 2 epochs (16 steps/epoch)
        assert lrs == pytest.approx([1e-3, 5e-4, 5e-4, 2.5e-4])


@pytest.mark.parametrize("optimizer", ["sgd", "adamw", "rmsprop"])
def test_other_optimizers_train(optimizer):
    r = run(SMALL.replace(epochs=2, optimizer=optimizer, learning_rate=0.01, checkpoints=False))
    assert r.epochs[-1]["train_loss"] < r.epochs[0]["train_loss"]


@pytest.mark.parametrize("precision", ["mixed_bfloat16", "mixed_float16"])
def test_mixed_precision_trains_with_float32_weights(precision):
    r = run(SMALL.replace(epochs=2, precision=precision, checkpoints=False))
    assert np.isfinite(r.epochs[-1]["train_loss"])
    assert r.test["accuracy"] > 0.3
    assert all(w.dtype == "float32" for w in r.weights)
    trained = kept_steps()[-1].model  # the run's compiled model, kept for the next run
    assert trained.layers[1].compute_dtype == precision.split("_")[1]


def test_xla_gives_the_same_kind_of_result():
    r = run(SMALL.replace(epochs=1, xla=True, checkpoints=False))
    assert r.info["xla"] is True and r.test["accuracy"] > 0.2


def test_out_of_memory_ends_the_run_with_a_smaller_batch_hint():
    from engine.tf_runtime import tf

    class Oom(Callback):
        def on_batch_end(self, step, logs):
            if step == 2:
                raise tf().errors.ResourceExhaustedError(None, None, "OOM when allocating")

    with pytest.raises(RunFailed, match="try a smaller batch size \\(e.g. 32\\)"):
        run(SMALL, [Oom()])


def _engine(args, env, **kw):
    return subprocess.Popen(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def test_mirrored_strategy_on_two_logical_cpus(tmp_path):
    out = tmp_path / "r.json"
    p = _engine(
        [
            "train",
            "--dataset",
            "synthetic",
            "--limit",
            "512",
            "--epochs",
            "1",
            "--batch-size",
            "64",
            "--device",
            "cpu:0,cpu:1",
            "--json",
            str(out),
        ],
        {"SUANLI_LOGICAL_CPUS": "2"},
    )
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    data = json.loads(out.read_text())
    assert data["info"]["replicas"] == 2 and data["info"]["per_replica_batch"] == 32
    assert "MirroredStrategy" in english(data["info"]["device"])  # a stored Message
    assert data["samples_seen"] == 512 and data["test"]["accuracy"] > 0.1


def _free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def test_two_worker_processes_train_one_model_together(tmp_path):
    workers = [f"127.0.0.1:{p}" for p in _free_ports(2)]
    procs = []
    for i in range(2):
        cfg = {"cluster": {"worker": workers}, "task": {"type": "worker", "index": i}}
        procs.append(
            _engine(
                [
                    "train",
                    "--dataset",
                    "synthetic",
                    "--limit",
                    "512",
                    "--epochs",
                    "2",
                    "--batch-size",
                    "64",
                    "--device",
                    "multiworker",
                    "--json",
                    str(tmp_path / f"{i}.json"),
                ],
                {"TF_CONFIG": json.dumps(cfg), "SUANLI_HOME": str(tmp_path / f"home{i}")},
            )
        )
    try:
        for p in procs:
            _, err = p.communicate(timeout=600)
            assert p.returncode == 0, err
    finally:
        for p in procs:
            p.kill()
            p.communicate()
    a, b = (json.loads((tmp_path / f"{i}.json").read_text()) for i in range(2))
    assert a["info"]["replicas"] == b["info"]["replicas"] == 2
    # one model trained synchronously: both workers see the same losses and test results
    assert [e["train_loss"] for e in a["epochs"]] == pytest.approx(
        [e["train_loss"] for e in b["epochs"]]
    )
    assert a["test"]["confusion_matrix"] == b["test"]["confusion_matrix"]


def test_multiworker_without_tf_config_is_a_clear_error():
    p = _engine(["train", "--device", "multiworker", "--dataset", "synthetic"], {"TF_CONFIG": ""})
    _, err = p.communicate(timeout=300)
    assert p.returncode == 2 and "set $TF_CONFIG" in err and "Traceback" not in err
