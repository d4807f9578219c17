"""QtEngineWorker: engine callbacks become queued signals, in order, and stop is cooperative."""

from __future__ import annotations

import threading

import pytest

from engine.config import ConfigError
from engine.events import Callback
from gui.runtime.qt_engine_worker import EngineThread, QtEngineWorker, describe_error

WAIT_MS = 30_000


def fake_run(steps: int = 3):
    """A job shaped like engine.training.run.run, without TensorFlow."""

    def job(callbacks, control):
        callbacks.on_log("info", "Loading…")
        callbacks.on_run_begin({"epochs": 1, "steps_per_epoch": steps})
        callbacks.on_epoch_begin(1, {"steps": steps, "epochs": 1})
        done = 0
        for step in range(1, steps + 1):
            if not control.wait_if_paused():
                break
            callbacks.on_batch_end(step, {"loss": 1.0, "accuracy": 0.5})
            done = step
        callbacks.on_score({"name": "train_samples_per_s", "value": 10.0, "unit": "samples/s"})
        return {"steps": done, "stopped": control.stop_requested}

    return job


def test_signals_arrive_in_strict_order_and_the_result_is_kept(qtbot):
    w = QtEngineWorker(fake_run())
    with qtbot.waitSignals(
        [w.started, w.logged, w.progressed, w.progressed, w.scored, w.finished],
        order="strict",
        timeout=WAIT_MS,
        check_params_cbs=[
            None,
            lambda level, msg: level == "info",
            lambda event, info: event == "run_begin",
            lambda event, info: event == "epoch_begin",
            None,
            None,
        ],
    ):
        w.start()
    assert w.wait(WAIT_MS)
    assert w.result == {"steps": 3, "stopped": False}
    assert w.error is None


def test_batches_go_to_callbacks_on_the_worker_thread_not_to_signals(qtbot):
    seen = []

    class Recorder(Callback):
        def on_batch_end(self, step, logs):
            seen.append((step, threading.current_thread() is not threading.main_thread()))

    w = QtEngineWorker(fake_run(5), [Recorder()])
    progressed = []
    w.progressed.connect(lambda event, _: progressed.append(event))
    with qtbot.waitSignal(w.finished, timeout=WAIT_MS):
        w.start()
    assert seen == [(i, True) for i in range(1, 6)]
    assert progressed == ["run_begin", "epoch_begin"]


def test_an_error_is_reported_then_finished(qtbot):
    def job(callbacks, control):
        raise ConfigError("batch_size", 0, "an integer >= 1")

    w = QtEngineWorker(job)
    with qtbot.waitSignals(
        [w.started, w.errored, w.finished],
        order="strict",
        timeout=WAIT_MS,
        check_params_cbs=[None, lambda m: "batch_size = 0" in m, None],
    ):
        w.start()
    assert w.result is None and w.input_error
    assert w.error == "batch_size = 0 is not allowed: an integer >= 1"


def test_a_bug_keeps_its_traceback(qtbot):
    def job(callbacks, control):
        return {}["missing"]

    w = QtEngineWorker(job)
    with qtbot.waitSignal(w.finished, timeout=WAIT_MS):
        w.start()
    assert w.error == "KeyError: 'missing'" and not w.input_error
    assert "Traceback" in w.traceback


def test_stop_is_seen_between_batches(qtbot):
    gate, reached = threading.Event(), threading.Event()

    class Hold(Callback):
        def on_batch_end(self, step, logs):
            if step == 2:
                reached.set()
                gate.wait(WAIT_MS / 1000)

    w = QtEngineWorker(fake_run(100), [Hold()])
    with qtbot.waitSignal(w.finished, timeout=WAIT_MS):
        w.start()
        assert reached.wait(WAIT_MS / 1000)
        w.stop()
        gate.set()
    assert w.result == {"steps": 2, "stopped": True}


def test_jobs_on_one_engine_thread_run_in_turn_on_that_same_thread_until_it_is_shut_down(qtbot):
    engine = EngineThread("suanli-test-engine")
    ran = []

    def job(tag):
        def work(callbacks, control):
            ran.append((tag, threading.get_ident()))
            return tag

        return work

    first = QtEngineWorker(job("first"), engine_thread=engine)
    second = QtEngineWorker(job("second"), engine_thread=engine)
    with qtbot.waitSignals([first.finished, second.finished], timeout=WAIT_MS):
        first.start()
        second.start()  # queued behind the first
    assert first.wait(WAIT_MS) and second.wait(WAIT_MS)
    assert [tag for tag, _ in ran] == ["first", "second"]
    assert ran[0][1] == ran[1][1] == engine.ident != threading.main_thread().ident
    assert first.thread_ident == second.thread_ident == engine.ident
    assert (first.result, second.result) == ("first", "second")
    assert engine.running and engine.jobs_run == 2  # it waits for the next job
    assert engine.shut_down(WAIT_MS / 1000)
    assert not engine.running
    assert engine.ident not in {t.ident for t in threading.enumerate()}


def test_a_worker_without_an_engine_thread_gets_one_that_ends_with_its_job(qtbot):
    w = QtEngineWorker(fake_run())
    with qtbot.waitSignal(w.finished, timeout=WAIT_MS):
        w.start()
    assert w.wait(WAIT_MS) and w.isFinished() and not w.isRunning()
    assert w.thread_ident not in {t.ident for t in threading.enumerate()}


@pytest.mark.parametrize(
    "exc, text",
    [
        (ValueError("bad\nsecond line"), "ValueError: bad"),
        (RuntimeError(), "RuntimeError:"),
    ],
)
def test_describe_error_gives_one_line(exc, text):
    assert describe_error(exc) == text
