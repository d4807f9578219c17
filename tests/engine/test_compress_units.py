"""Compression lab pieces that need no long training: schedule, masks, loss, conversion,
configuration, stop, and the ``compress`` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import models
from engine.compress import (
    TFLITE_KINDS,
    CompressConfig,
    TFLiteModel,
    convert,
    distillation_loss,
    logits_fn,
    magnitude_mask,
    measure_sparsity,
    polynomial_sparsity,
    run_compression,
)
from engine.config import ConfigError
from engine.control import RunControl
from engine.data import load_dataset
from engine.events import Callback
from engine.training.steps import make_train_dataset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def small_data():
    return load_dataset("synthetic", None, 0.1, 600)


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# --------------------------------------------------------------------------- pruning


def test_polynomial_schedule_ramps_cubically_from_zero_to_the_target():
    assert polynomial_sparsity(0, 0.8, 100) == 0.0
    assert polynomial_sparsity(100, 0.8, 100) == pytest.approx(0.8)
    assert polynomial_sparsity(500, 0.8, 100) == pytest.approx(0.8)
    assert polynomial_sparsity(50, 0.8, 100) == pytest.approx(0.8 * (1 - 0.5**3))
    values = [polynomial_sparsity(s, 0.8, 100) for s in range(101)]
    assert all(b >= a for a, b in zip(values, values[1:], strict=False))
    assert polynomial_sparsity(0, 0.5, 0) == 0.5  # no ramp: the target at once


def test_magnitude_mask_zeroes_exactly_the_smallest_weights():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(3, 3, 4, 8)).astype(np.float32)
    for s in (0.0, 0.1, 0.5, 0.9, 1.0):
        mask = magnitude_mask(w, s)
        assert mask.shape == w.shape and mask.dtype == np.float32
        k = int(round(s * w.size))
        assert int((mask == 0).sum()) == k
        if 0 < k < w.size:
            assert np.abs(w[mask == 0]).max() <= np.abs(w[mask == 1]).min()


def test_measure_sparsity_counts_zero_kernel_weights_only():
    model = models.build("seed-cnn")
    dense = model.get_layer("dense")
    w = dense.kernel.numpy()
    w[: w.shape[0] // 2] = 0
    dense.kernel.assign(w)
    s = measure_sparsity(model)
    assert s["layers"]["dense"]["sparsity"] == pytest.approx(0.5)
    assert s["layers"]["conv"]["sparsity"] == 0.0
    assert s["weights"] == 3 * 3 * 32 + 5408 * 10  # kernels, not biases


# --------------------------------------------------------------------------- distillation


def test_distillation_loss_is_the_mixed_hard_and_softened_kl_loss():
    rng = np.random.default_rng(1)
    s = rng.normal(size=(5, 10)).astype(np.float32)
    t = rng.normal(size=(5, 10)).astype(np.float32) * 3
    y = rng.integers(0, 10, 5).astype(np.int32)
    T, a = 4.0, 0.3
    ce = -np.mean(np.log(_softmax(s)[np.arange(5), y]))
    pt, ps = _softmax(t / T), _softmax(s / T)
    kl = np.mean(np.sum(pt * (np.log(pt) - np.log(ps)), axis=1))
    got = float(distillation_loss(y, s, t, T, a))
    assert got == pytest.approx(a * ce + (1 - a) * T * T * kl, rel=1e-5)
    assert float(distillation_loss(y, s, t, T, 1.0)) == pytest.approx(ce, rel=1e-5)
    assert float(distillation_loss(y, s, s, T, 0.0)) == pytest.approx(0.0, abs=1e-6)


def test_logits_are_the_pre_softmax_of_the_model_output():
    model = models.build("seed-cnn")
    x = np.random.default_rng(2).random((4, 28, 28, 1), dtype=np.float32)
    z = logits_fn(model)(x).numpy()
    np.testing.assert_allclose(_softmax(z), model(x).numpy(), rtol=1e-5, atol=1e-6)


def test_index_batches_follow_the_image_batches(small_data):
    """The student sees exactly the batches ``engine.training.run`` would give it."""
    ds = small_data
    idx = np.arange(len(ds.x_train), dtype=np.int32)
    for epoch in (1, 2):
        a = list(make_train_dataset(ds.x_train, ds.y_train, 32, 5, epoch))
        b = list(make_train_dataset(idx, ds.y_train, 32, 5, epoch))
        assert len(a) == len(b)
        for (xa, ya), (ib, yb) in zip(a, b, strict=True):
            np.testing.assert_array_equal(ya.numpy(), yb.numpy())
            np.testing.assert_array_equal(xa.numpy(), ds.x_train[ib.numpy()])


def test_without_teacher_loss_the_student_trains_exactly_as_engine_train_does(small_data):
    """alpha = 1 leaves only the label loss: same initial weights, batches and updates as
    ``engine.training.run.run``, so the distilled-vs-undistilled comparison changes one thing."""
    from engine.compress.distill import distill
    from engine.compress.stages import StageEvents, StageTraining
    from engine.config import RunConfig
    from engine.events import CallbackList
    from engine.training.run import run

    base = run(
        RunConfig(dataset="synthetic", epochs=1, seed=3, checkpoints=False), dataset=small_data
    )
    events = StageEvents(CallbackList([]), "distill", 0, 0, 1)
    student = distill(
        models.build("seed-cnn-wide"),
        "seed-cnn",
        small_data,
        temperature=4.0,
        alpha=1.0,
        training=StageTraining(
            epochs=1,
            batch_size=32,
            learning_rate=1e-3,
            seed=3,
            device=base.info["device"],
            events=events,
            control=RunControl(),
        ),
    )
    for a, b in zip(base.weights, student.model.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)
    assert student.fit.epochs[0]["train_loss"] == pytest.approx(
        base.epochs[0]["train_loss"], rel=1e-6
    )


# --------------------------------------------------------------------------- TFLite


@pytest.fixture(scope="module")
def tflite_models(small_data):
    model = models.build("seed-cnn")
    rep = small_data.x_train[:64]
    return model, {
        kind: convert(model, kind, rep if kind == "int8" else None) for kind in TFLITE_KINDS
    }


def test_every_kind_converts_and_runs_with_litert(tflite_models, small_data):
    model, blobs = tflite_models
    x = small_data.x_test[:300]
    ref = model(x).numpy()
    for kind, blob in blobs.items():
        tm = TFLiteModel(blob, threads=1)
        out = tm.predict(x, batch=128)  # 300 = 2 full batches and a padded one
        assert out.shape == (300, 10)
        tol = 1e-4 if kind == "fp32" else 0.05
        np.testing.assert_allclose(out, ref, atol=tol, err_msg=kind)
        assert tm.runner(1)(x[:1]).shape == (1, 10)
    assert TFLiteModel(blobs["int8"]).input_dtype == np.int8
    assert TFLiteModel(blobs["fp16"]).input_dtype == np.float32


def test_convert_rejects_unknown_kinds_and_int8_without_data():
    model = models.build("seed-cnn")
    with pytest.raises(ValueError, match="kind"):
        convert(model, "int4")
    with pytest.raises(ValueError, match="representative"):
        convert(model, "int8")


def test_models_run_on_the_litert_interpreter(tflite_models):
    from ai_edge_litert.interpreter import Interpreter

    _, blobs = tflite_models
    tm = TFLiteModel(blobs["fp32"])
    assert isinstance(tm._interpreter(1), Interpreter)
    assert type(tm._interpreter(1)).__module__.startswith("ai_edge_litert")


# --------------------------------------------------------------------------- config


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sparsity": 0}, "sparsity"),
        ({"sparsity": 1.0}, "sparsity"),
        ({"sparsity": float("nan")}, "sparsity"),
        ({"alpha": 1.5}, "alpha"),
        ({"temperature": 0}, "temperature"),
        ({"teacher": "nope"}, "teacher"),
        ({"prune_epochs": 0}, "prune_epochs"),
        ({"threads": 0}, "threads"),
        ({"epochs": 0}, "epochs"),
        ({"model": "nope"}, "model"),
    ],
)
def test_bad_configuration_names_the_field(changes, field):
    with pytest.raises(ConfigError) as info:
        CompressConfig(**changes).validate()
    assert info.value.field == field


def test_config_round_trips_through_a_dict():
    c = CompressConfig(sparsity=0.8, alpha=0.5, threads=2)
    assert CompressConfig.from_dict(c.to_dict() | {"unknown": 1}) == c
    rc = c.run_config(model="seed-cnn-wide", epochs=2)
    assert (rc.model, rc.epochs, rc.checkpoints) == ("seed-cnn-wide", 2, False)


# --------------------------------------------------------------------------- stop


class _StopAfterFirstVariant(Callback):
    def __init__(self, control: RunControl) -> None:
        self.control = control
        self.rows: list[dict] = []

    def on_variant(self, row):
        self.rows.append(row)
        self.control.stop()


def test_stop_between_variants_returns_what_was_measured(small_data, tmp_path):
    control = RunControl()
    cb = _StopAfterFirstVariant(control)
    cfg = CompressConfig(dataset="synthetic", epochs=1, latency_runs=3, throughput_batches=1)
    result = run_compression(cfg, [cb], control, dataset=small_data, out_dir=tmp_path)
    assert result["status"] == "stopped"
    assert (
        [v["variant"] for v in result["variants"]] == ["keras"] == [r["variant"] for r in cb.rows]
    )
    assert (tmp_path / "keras.keras").is_file()


def test_stop_during_training_ends_the_job(small_data, tmp_path):
    control = RunControl()

    class StopAtFirstBatch(Callback):
        def on_batch_end(self, step, logs):
            control.stop()

    cfg = CompressConfig(dataset="synthetic", epochs=2)
    result = run_compression(
        cfg, [StopAtFirstBatch()], control, dataset=small_data, out_dir=tmp_path
    )
    assert result["status"] == "stopped" and result["variants"] == []
    assert result["stages"]["baseline"]["status"] == "stopped"


# --------------------------------------------------------------------------- CLI


def _engine(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SUANLI_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--sparsity", "1.5"], "sparsity = 1.5"),
        (["--alpha", "-1"], "alpha = -1"),
        (["--teacher", "nope"], "teacher = 'nope'"),
        (["--data-dir", "/no/such/folder"], "/no/such/folder"),
        (["--json", "/no/such/folder/r.json"], "does not exist"),
    ],
)
def test_compress_bad_input_exits_2_with_one_line(args, words, tmp_path):
    p = _engine("compress", *args, home=tmp_path)
    assert p.returncode == 2, p.stderr
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and words in lines[0], p.stderr
    assert "Traceback" not in p.stderr


@pytest.mark.slow
def test_compress_prints_one_table_and_writes_json(tmp_path):
    out = tmp_path / "c.json"
    p = _engine(
        "compress",
        "--dataset",
        "synthetic",
        "--limit",
        "300",
        "--epochs",
        "1",
        "--prune-epochs",
        "1",
        "--sparsity",
        "0.75",
        "--latency-runs",
        "5",
        "--throughput-batches",
        "1",
        "--json",
        str(out),
        home=tmp_path / "home",
    )
    assert p.returncode == 0, p.stderr
    table = [ln for ln in p.stdout.splitlines() if ln.strip()]
    assert table[0].startswith("variant") and "(C+R)/S" in table[0]
    for name in (
        "keras",
        "tflite-fp32",
        "tflite-fp16",
        "tflite-dynamic",
        "tflite-int8",
        "pruned",
        "distilled",
    ):
        assert any(ln.startswith(name + " ") for ln in table), name
    assert "[prune] epoch 2/4" in p.stderr
    data = json.loads(out.read_text())
    assert data["status"] == "finished" and len(data["variants"]) == 7
    assert data["pruning"]["sparsity"] == pytest.approx(0.75, abs=0.01)
    assert data["store_run_id"] is not None
    assert Path(data["info"]["files"]).is_relative_to(tmp_path / "home")
