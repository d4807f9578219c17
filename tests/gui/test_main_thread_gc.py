"""While a window is open, Python's cycle collector runs on the GUI thread only.

A collection on the TensorFlow worker can free a Qt object there, and ``~QObject`` on the
worker deadlocks with the GUI thread (see gui/main_thread_gc.py). These tests watch every
collection with ``gc.callbacks``: no timing is involved.
"""

from __future__ import annotations

import gc
import threading

import pytest

from engine.config import RunConfig
from gui.runtime import main_thread_gc
from tests.gui.fakes import LONG_WAIT_MS, wait_for_tensorflow


class Collections:
    """Records the thread of every collection that starts."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.threads.append(threading.current_thread().name)

    def __enter__(self) -> Collections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


@pytest.fixture
def without_the_session_hold():
    """Take the test session's own hold away (conftest.py), so a test sees the window's."""
    n = main_thread_gc.holders()
    for _ in range(n):
        main_thread_gc.release()
    assert gc.isenabled()
    yield
    for _ in range(n):
        main_thread_gc.hold()


def test_a_training_window_collects_cycles_on_the_gui_thread_only(
    qtbot, without_the_session_hold, make_window
):
    window = make_window()
    wait_for_tensorflow(qtbot, window)
    assert main_thread_gc.holding() and not gc.isenabled()
    run = RunConfig(dataset="synthetic", epochs=2, batch_size=32, limit=1024, seed=0)
    window.form.set_config(run)
    # How many objects the run itself keeps depends on how fast this machine is (several
    # steps a call) and on what earlier tests traced already; so a second thread keeps
    # 5,000 cycles while the run goes on: CPython would collect on that thread (or on the
    # TensorFlow worker) several times over, were the collector not held.
    kept: list[dict] = []

    def allocate() -> None:
        for i in range(5000):
            cycle: dict = {"i": i}
            cycle["self"] = cycle
            kept.append(cycle)

    allocator = threading.Thread(target=allocate, name="allocator")
    with Collections() as seen:
        with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS):
            window.form.start_button.click()
            allocator.start()
        allocator.join()
        qtbot.waitUntil(lambda: len(seen.threads) >= 2, timeout=LONG_WAIT_MS)
    assert window.last_result is not None and window.last_result.status == "finished"
    main = threading.main_thread().name
    assert set(seen.threads) == {main}, seen.threads


def test_closing_the_last_window_gives_the_collector_back(
    qtbot, without_the_session_hold, make_window
):
    was = gc.isenabled()
    first, second = make_window(), make_window()
    assert not gc.isenabled()
    first.close()
    qtbot.waitUntil(lambda: not first.threads_running, timeout=LONG_WAIT_MS)
    first.close()
    assert not gc.isenabled()  # the other window still holds it
    second.close()
    qtbot.waitUntil(lambda: not second.threads_running, timeout=LONG_WAIT_MS)
    second.close()
    assert gc.isenabled() == was and not main_thread_gc.holding()


def test_the_gui_thread_collects_what_is_due(without_the_session_hold):
    gc.disable()
    try:
        gc.collect()
        assert main_thread_gc.collect_due() is None  # nothing allocated since
        cycles = []
        for _ in range(gc.get_threshold()[0] * 2):
            a: list = []
            a.append(a)
            cycles.append(a)
        del cycles
        with Collections() as seen:
            assert main_thread_gc.collect_due() == 0
        assert len(seen.threads) == 1
    finally:
        gc.enable()


def test_tensorflow_s_modules_are_left_out_of_later_collections(window):
    """A full collection scans only what came after TensorFlow loaded (not ~300k objects)."""
    assert gc.get_freeze_count() > 100_000
