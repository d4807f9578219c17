"""The compression lab on the real MNIST hold-out: one lab run shared by every test here.

Three epochs per training stage on the 7,200 MNIST training images keep it small on a
CPU; figures are printed (``pytest -s``) so they can be reported as they came out.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine import jobs
from engine.compress import (
    VARIANTS,
    CompressConfig,
    format_table,
    measure_sparsity,
)
from engine.events import Callback, RecordingCallback
from engine.scoring import score
from engine.store.store import Store

EPOCHS = 3
PRUNE_EPOCHS = 2
SPARSITY = 0.5
# A paired difference of two accuracies on 2,000 test images near 95 % has a standard
# error of about 0.7 points; "not worse by more than noise" is two of those.
NOISE_POINTS = 1.5


class _Variants(Callback):
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def on_variant(self, row: dict) -> None:
        self.rows.append(row)


@pytest.fixture(scope="module")
def lab(mnist_dir, tmp_path_factory):
    """(result, recorder, variant rows, store path) of one lab run on MNIST."""
    tmp = tmp_path_factory.mktemp("compress")
    rec, variants = RecordingCallback(), _Variants()
    config = CompressConfig(
        dataset="mnist",
        data_dir=str(mnist_dir),
        epochs=EPOCHS,
        prune_epochs=PRUNE_EPOCHS,
        sparsity=SPARSITY,
        latency_runs=30,
        throughput_batches=3,
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SUANLI_HOME", str(tmp / "home"))
        store = Store(tmp / "suanli.db")
        try:
            result = jobs.compress(config, [rec, variants], out_dir=tmp / "models", store=store)
        finally:
            store.close()
    print("\n" + format_table(result))
    return result, rec, variants.rows, tmp / "suanli.db"


def _row(result: dict, name: str) -> dict:
    return next(v for v in result["variants"] if v["variant"] == name)


@pytest.mark.slow
def test_every_variant_is_measured_in_table_order(lab):
    result, _, _, _ = lab
    assert result["status"] == "finished"
    assert [v["variant"] for v in result["variants"]] == list(VARIANTS)
    for v in result["variants"]:
        assert v["size_bytes"] > 0 and 0 < v["gzip_bytes"]
        assert 0.9 < v["test_accuracy"] <= 1.0, v
        assert v["latency_ms_p50"] > 0 and v["latency_ms_p99"] >= v["latency_ms_p50"]
        assert v["throughput_samples_per_s"] > 0 and v["throughput_batch"] == 256
        assert v["inference_flops_per_sample"] > 0
        r = score.inference_flops(v["inference_flops_per_sample"], 2000)
        assert v["inference_flops"] == r
        assert v["ai_suanli"] == pytest.approx((v["training_flops"] + r) / v["size_bytes"])
    # the Keras row is the model the baseline training evaluated
    assert _row(result, "keras")["test_accuracy"] == pytest.approx(result["test"]["accuracy"])


@pytest.mark.slow
def test_quantized_files_shrink_as_their_number_formats_do(lab):
    result, _, _, _ = lab
    fp32 = _row(result, "tflite-fp32")["size_bytes"]
    assert _row(result, "tflite-fp16")["size_bytes"] == pytest.approx(fp32 / 2, rel=0.1)
    assert _row(result, "tflite-dynamic")["size_bytes"] == pytest.approx(fp32 / 4, rel=0.15)
    assert _row(result, "tflite-int8")["size_bytes"] == pytest.approx(fp32 / 4, rel=0.15)


@pytest.mark.slow
def test_int8_model_is_within_one_point_of_the_float_model(lab):
    result, _, _, _ = lab
    keras_acc = _row(result, "keras")["test_accuracy"]
    int8 = _row(result, "tflite-int8")
    print(f"\nfloat {100 * keras_acc:.2f} %  int8 {100 * int8['test_accuracy']:.2f} %")
    assert abs(int8["test_accuracy"] - keras_acc) <= 0.01
    # full integer: int8 input and mostly int8 tensors (int32 biases, shape tensors aside)
    assert int8["input_dtype"] == "int8"
    types = int8["tensor_types"]
    assert types.get("int8", 0) > types.get("float32", 0)


@pytest.mark.slow
def test_pruned_model_has_the_target_sparsity_in_its_weights(lab):
    result, _, _, _ = lab
    pruned = _row(result, "pruned")
    import keras

    model = keras.models.load_model(pruned["file"])  # the weights as saved on disk
    measured = measure_sparsity(model)
    print(
        f"\nsparsity {measured['sparsity']:.4f} (target {SPARSITY}), per layer "
        + ", ".join(f"{k} {v['sparsity']:.4f}" for k, v in measured["layers"].items())
    )
    assert measured["sparsity"] == pytest.approx(SPARSITY, abs=0.01)
    for layer in measured["layers"].values():
        assert layer["sparsity"] == pytest.approx(SPARSITY, abs=0.01)
    assert pruned["sparsity"] == pytest.approx(measured["sparsity"])
    # dense files keep their size; gzip sees the zeros
    base = _row(result, "keras")
    assert pruned["size_bytes"] == pytest.approx(base["size_bytes"], rel=0.01)
    assert pruned["gzip_bytes"] < 0.75 * base["gzip_bytes"]
    assert pruned["nonzero_flops_per_sample"] < pruned["inference_flops_per_sample"]
    # the schedule ramped up: the first fine-tuning epoch ended below the target
    prune_epochs = result["stages"]["prune"]["epochs"]
    assert prune_epochs[0]["target_sparsity"] < SPARSITY
    assert prune_epochs[-1]["sparsity"] == pytest.approx(SPARSITY, abs=0.01)


@pytest.mark.slow
def test_distilled_student_is_not_worse_than_the_same_student_without_teacher(lab):
    result, _, _, _ = lab
    d = result["distillation"]
    print(
        f"\nteacher {d['teacher']['model']} {100 * d['teacher']['test_accuracy']:.2f} %, "
        f"student with teacher {100 * d['student_test_accuracy']:.2f} %, without "
        f"{100 * d['no_teacher_test_accuracy']:.2f} % ({d['gain_points']:+.2f} points)"
    )
    assert d["epochs"] == result["stages"]["baseline"]["epochs"][-1]["epoch"] == EPOCHS
    assert len(result["stages"]["distill"]["epochs"]) == EPOCHS
    assert d["student_test_accuracy"] >= d["no_teacher_test_accuracy"] - NOISE_POINTS / 100
    distilled = _row(result, "distilled")
    assert distilled["parameters"] == _row(result, "keras")["parameters"] == 54_410
    # C of the student counts the teacher's training and its soft targets
    assert distilled["training_flops"] > _row(result, "keras")["training_flops"]


@pytest.mark.slow
def test_one_job_of_events_with_stages_numbered_on(lab):
    result, rec, variant_rows, _ = lab
    names = rec.names()
    assert names.count("on_run_begin") == 1 and names.count("on_run_end") == 1
    assert names[-1] == "on_run_end" and rec.of("on_run_end")[0][1] is result
    ends = rec.of("on_epoch_end")
    total = 3 * EPOCHS + PRUNE_EPOCHS
    assert [e[1] for e in ends] == list(range(1, total + 1))
    stages = [e[2]["stage"] for e in ends]
    assert stages == (
        ["baseline"] * EPOCHS
        + ["prune"] * PRUNE_EPOCHS
        + ["teacher"] * EPOCHS
        + ["distill"] * EPOCHS
    )
    steps = [e[1] for e in rec.of("on_batch_end")]
    assert steps == list(range(1, len(steps) + 1)) and len(steps) == result["steps"]
    assert [r["variant"] for r in variant_rows] == list(VARIANTS)
    json.dumps(result)  # plain data all the way down


@pytest.mark.slow
def test_the_job_is_kept_in_the_results_store(lab):
    result, _, _, db = lab
    with Store(db) as store:
        record = store.get_run(result["store_run_id"], series=False)
    assert record.summary.kind == "compress" and record.summary.status == "finished"
    assert [v["variant"] for v in record.result["variants"]] == list(VARIANTS)
    assert len(record.epochs) == 3 * EPOCHS + PRUNE_EPOCHS


@pytest.mark.slow
def test_the_table_shows_every_variant(lab):
    result, _, _, _ = lab
    text = format_table(result)
    lines = text.splitlines()
    assert "(C+R)/S" in lines[0] and "gzip bytes" in lines[0] and "p99 ms" in lines[0]
    for name in VARIANTS:
        assert any(line.startswith(name + " ") for line in lines), name
    assert "without a teacher" in text and "kernel weights are zero" in text
    assert np.isfinite([v["ai_suanli"] for v in result["variants"]]).all()
