"""Run after run in one process, nothing piles up: no retracing, no graph kept alive by
TensorFlow's gradient registry, no model held by a result (bench/soak.py measures the
memory itself; these are the causes it found, checked without timing or RSS)."""

from __future__ import annotations

import gc
import logging
import weakref

import keras
import pytest

from engine.benchmark.suite import SuiteSpec, run_suite
from engine.compress import CompressConfig, run_compression
from engine.config import RunConfig
from engine.training.run import run, trained_model
from engine.training.steps import Steps, forget_steps, kept_steps
from engine.training.traces import custom_gradient_names

SMALL = RunConfig(dataset="synthetic", epochs=1, batch_size=64, limit=256, checkpoints=False)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def tf_warnings():
    handler = _Warnings()
    logger = logging.getLogger("tensorflow")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


def _holds_a_model(value) -> bool:
    if isinstance(value, keras.Model | Steps):
        return True
    if isinstance(value, dict):
        return any(_holds_a_model(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_a_model(v) for v in value)
    return False


def test_runs_of_one_shape_are_traced_once_and_warn_of_no_retracing(tf_warnings):
    first = run(SMALL.replace(seed=0))
    steps = kept_steps()[-1]
    for seed in range(1, 7):
        run(SMALL.replace(seed=seed))
    assert kept_steps()[-1] is steps
    assert steps.train_calls.experimental_get_tracing_count() == 1  # k steps a call
    assert steps.train_step.experimental_get_tracing_count() == 0  # not used: fits on device
    assert steps.eval_step.experimental_get_tracing_count() == 1
    assert not [m for m in tf_warnings if "retracing" in m]
    again = run(SMALL.replace(seed=0))  # reused steps train exactly as new ones did
    assert again.epochs[0]["train_loss"] == first.epochs[0]["train_loss"]
    assert again.test["accuracy"] == first.test["accuracy"]


def test_a_result_holds_weights_not_a_model():
    result = run(SMALL.replace(seed=4))
    assert not _holds_a_model(vars(result))
    model = trained_model(result)
    for a, b in zip(model.get_weights(), result.weights, strict=True):
        assert (a == b).all()


def test_a_run_leaves_no_custom_gradient_registered():
    before = custom_gradient_names()
    run(SMALL.replace(learning_rate=0.00123))  # a config not compiled before: traced anew
    assert custom_gradient_names() == before


def test_compiled_steps_let_go_are_freed_with_their_graph_and_model():
    run(SMALL.replace(learning_rate=0.00321))
    steps = kept_steps()[-1]
    graph = weakref.ref(steps.train_calls.get_concrete_function().graph)
    model = weakref.ref(steps.model)
    del steps
    forget_steps()
    gc.collect()
    assert graph() is None
    assert model() is None


def test_the_benchmark_suite_leaves_no_custom_gradient_registered(tmp_path):
    before = custom_gradient_names()
    tiny = SuiteSpec("tiny", 2, 3, {1: 3, 32: 3, 256: 2, 1024: 2}, 1, 64, 5)
    card = run_suite(data_dir=str(tmp_path), spec=tiny)  # no MNIST here: no time-to-accuracy
    assert card["extra"]["status"] == "finished"
    assert custom_gradient_names() == before


def test_two_labs_leave_no_custom_gradient_and_reuse_their_compiled_steps(tmp_path):
    config = CompressConfig(
        dataset="synthetic",
        limit=256,
        epochs=1,
        prune_epochs=1,
        calibration_samples=16,
        latency_runs=5,
        throughput_batches=2,
    )
    forget_steps()
    before = custom_gradient_names()
    results = [run_compression(config, out_dir=tmp_path / f"lab{i}") for i in range(2)]
    assert [r["status"] for r in results] == ["finished", "finished"]
    assert custom_gradient_names() == before
    assert not _holds_a_model(results)
    assert len(kept_steps()) == 4
    for steps in kept_steps():  # baseline, teacher, pruning and student: traced once each
        assert steps.eval_step.experimental_get_tracing_count() == 1
        assert steps.train_step.experimental_get_tracing_count() <= 1  # the student's: 0


def test_a_job_returns_the_heaps_free_memory_however_it_ends(monkeypatch):
    from engine import jobs
    from engine.config import ConfigError
    from engine.training import heap

    calls: list[int] = []
    monkeypatch.setattr(heap, "release_free_memory", lambda: calls.append(1) or True)
    jobs.train(SMALL.replace(seed=4))
    assert calls == [1]
    with pytest.raises(ConfigError):
        jobs.train(SMALL.replace(epochs=0))
    assert calls == [1, 1]
