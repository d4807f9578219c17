"""The main window as a user drives it: start, watch, stop, close, and bad input."""

from __future__ import annotations

import threading
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from shiboken6 import Shiboken

from engine.config import ConfigError, RunConfig
from engine.events import Callback
from tests.gui.fakes import LONG_WAIT_MS, SMALL_RUN, wait_for_tensorflow
from tests.gui.texts import english_left, english_words


def arm(window, signals_of, **kwargs):
    """Set up a ``qtbot.waitSignals`` on the next worker, before its thread starts."""
    armed = {}

    def on_created(worker):
        armed["worker"] = worker
        armed["blocker"] = window._qtbot.waitSignals(
            signals_of(worker), timeout=LONG_WAIT_MS, **kwargs
        )

    window.worker_created.connect(on_created)
    return armed


def is_event(name):
    return lambda event, payload: event == name


class Hold(Callback):
    """Holds the engine thread after batch ``at`` until released (no timing involved)."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.reached = threading.Event()
        self.release = threading.Event()

    def on_batch_end(self, step, logs):
        if step == self.at:
            self.reached.set()
            self.release.wait(LONG_WAIT_MS / 1000)


def test_start_trains_and_the_worker_signals_arrive_in_strict_order(qtbot, window):
    window._qtbot = qtbot
    window.form.set_config(SMALL_RUN)
    armed = arm(
        window,
        lambda w: [w.started, w.progressed, w.progressed, w.progressed, w.finished],
        order="strict",
        check_params_cbs=[
            None,
            is_event("run_begin"),
            is_event("epoch_begin"),
            is_event("epoch_end"),
            None,
        ],
    )
    qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    assert window.busy and not window.form.start_button.isEnabled()
    armed["blocker"].wait()
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=LONG_WAIT_MS)

    result = window.last_result
    assert result.status == "finished" and result.steps == 4
    assert window.live_plots.point_counts() == {"Loss": 4, "Accuracy": 4, "Throughput": 4}
    assert window.live_plots.plots.loss.point_count("epoch_dev") == 1
    assert window.live_plots.plots.epoch_table.rowCount() == 1
    # the report table: 10 classes, then accuracy and the three averages
    table = window.evaluation_view.report_table
    assert table.rowCount() == 14
    assert table.item(0, 0).text() == "class 0"
    assert table.item(10, 0).text() == "accuracy"
    assert window.evaluation_view.gallery.count() == len(result.misclassified)
    assert "Test accuracy" in window.evaluation_view.summary.text()
    assert window.form.start_button.isEnabled()
    assert not window.banner.isVisible()
    assert "Finished" in window.form.progress_text.text()


def test_jobs_in_a_row_run_on_the_window_s_one_engine_thread_which_closing_joins(
    qtbot, make_window
):
    window = make_window()
    wait_for_tensorflow(qtbot, window)
    idents = []

    class Where(Callback):
        def on_run_begin(self, info):
            idents.append(threading.get_ident())

    window.extra_callbacks.append(Where())
    window.form.set_config(SMALL_RUN)
    for _ in range(2):
        with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
            qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
        assert blocker.args[0].status == "finished"
        qtbot.waitUntil(lambda: not window.busy, timeout=LONG_WAIT_MS)
    engine = window.engine_thread.ident
    assert idents == [engine, engine] and engine != threading.main_thread().ident
    assert window.engine_thread.jobs_run == 3  # loading TensorFlow, then both runs
    assert window.threads_running  # the engine thread waits for the next job
    window.close()
    qtbot.waitUntil(lambda: not window.threads_running, timeout=LONG_WAIT_MS)
    assert engine not in {t.ident for t in threading.enumerate()}


def test_stop_mid_run_ends_within_one_batch(qtbot, window):
    hold = Hold(at=2)
    window.extra_callbacks.append(hold)
    window.form.set_config(SMALL_RUN.replace(epochs=3))
    qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    qtbot.mouseClick(window.form.stop_button, Qt.MouseButton.LeftButton)
    assert window.form.progress_text.text() == "Stopping after this batch…"
    steps_when_stopped = window.recorder.global_step
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        hold.release.set()
    result = blocker.args[0]
    assert result.status == "stopped"
    assert result.steps <= steps_when_stopped + 1
    assert "stopped" in window.evaluation_view.summary.text()


def test_pause_holds_the_run_and_resume_goes_on(qtbot, window):
    hold = Hold(at=1)
    window.extra_callbacks.append(hold)
    window.form.set_config(SMALL_RUN)
    qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    qtbot.mouseClick(window.form.pause_button, Qt.MouseButton.LeftButton)
    assert window.worker.paused and window.form.pause_button.text() == "Resume"
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        hold.release.set()
        qtbot.mouseClick(window.form.pause_button, Qt.MouseButton.LeftButton)
        assert not window.worker.paused and window.form.pause_button.text() == "Pause"
    assert blocker.args[0].status == "finished"


def test_closing_during_a_run_stops_it_and_leaves_no_thread_running(qtbot, window):
    hold = Hold(at=2)
    window.extra_callbacks.append(hold)
    window.form.set_config(SMALL_RUN.replace(epochs=3))
    qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    worker = window.worker
    ended = []
    worker.finished.connect(lambda: ended.append(True))
    asked = []
    window.confirm_stop = lambda: asked.append(True) or True
    assert not window.close()  # deferred: the run is asked to stop first
    assert asked == [True] and worker.control.stop_requested
    hold.release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=LONG_WAIT_MS)
    assert ended == [True] and not window.threads_running
    assert not Shiboken.isValid(worker) or worker.isFinished()
    assert window.last_result.status == "stopped" and window.last_result.steps <= 3
    assert window.sampler is None or not window.sampler.running


def test_answering_no_keeps_the_run_going(qtbot, window):
    hold = Hold(at=1)
    window.extra_callbacks.append(hold)
    window.form.set_config(SMALL_RUN)
    qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    window.confirm_stop = lambda: False
    assert not window.close()
    assert window.isVisible() and not window.worker.control.stop_requested
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        hold.release.set()
    assert blocker.args[0].status == "finished"


class CountSamples(Callback):
    """Counts the telemetry snapshots that reach a training job's callbacks."""

    def __init__(self) -> None:
        self.count = 0

    def on_device_sample(self, snapshot):
        self.count += 1


def test_a_window_run_stores_the_windows_telemetry_and_the_device_tab_gets_it_once(
    qtbot, make_window
):
    from engine.store.store import Store

    window = make_window(telemetry_hz=50.0)
    wait_for_tensorflow(qtbot, window)
    rec = window.device_recorder
    delivered = Counter()  # snapshots the Device tab's recorder was handed, by their time
    handle = rec.on_device_sample

    def counting(snapshot):
        delivered[snapshot.monotonic] += 1
        handle(snapshot)

    rec.on_device_sample = counting  # before the run: its callbacks would hold this too
    hold, seen = Hold(at=2), CountSamples()
    window.extra_callbacks += [hold, seen]
    window.form.set_config(SMALL_RUN)
    qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    try:  # the run is inside its epoch: the window's sampler goes on sampling
        qtbot.waitUntil(lambda: seen.count >= 3, timeout=LONG_WAIT_MS)
    finally:
        hold.release.set()
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=LONG_WAIT_MS)
    assert window.last_result.status == "finished"
    assert window.sample_relay.attached is None  # the finished job is sampled no more
    with Store() as store:
        (run,) = store.list_runs()
        samples = store.device_samples(run.id)
    assert len(samples) >= 3
    assert all(s["host"]["ram_used_bytes"] > 0 for s in samples)
    # the very snapshots the Device tab drew, each handed to it once
    (t,) = rec.host.columns("t")
    assert {s["monotonic"] - rec.t0 for s in samples} <= set(t.tolist())
    assert set(delivered.values()) == {1}


def test_a_missing_data_folder_is_named_in_the_form_and_the_run_fails_readably(
    qtbot, window, tmp_path
):
    window._qtbot = qtbot
    missing = tmp_path / "no-such-folder"
    window.form.set_config(RunConfig(dataset="mnist", data_dir=str(missing), epochs=1))
    status = window.form.data_status
    assert status.text().startswith("Files missing:") and str(missing) in status.text()
    assert status.property("ok") is False
    armed = arm(window, lambda w: [w.started, w.errored, w.finished], order="strict")
    qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    armed["blocker"].wait()
    qtbot.waitUntil(lambda: not window.busy, timeout=LONG_WAIT_MS)
    assert window.banner.isVisible()
    assert window.banner_text.text().startswith("The run failed:")
    assert str(missing) in window.banner_text.text()
    assert "ERROR" in window.log.toPlainText() and "Traceback" not in window.log.toPlainText()
    assert window.form.start_button.isEnabled()


def test_a_corrupt_data_file_is_reported_not_crashed_on(qtbot, window, tmp_path):
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(b"this is not an IDX file at all")
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"\x00\x00\x08\x01\x00\x00\x00\x01\x05")
    window.form.set_config(RunConfig(dataset="mnist", data_dir=str(tmp_path), epochs=1))
    assert window.form.data_status.text().startswith("Found in")
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is None
    assert "is not an IDX file" in window.banner_text.text()
    assert "failed" in window.evaluation_view.summary.text()


def test_invalid_values_are_refused_with_the_engines_own_message(qtbot, window):
    form = window.form
    for widget, text, field, value in (
        (form.learning_rate, "0", "learning_rate", 0.0),
        (form.learning_rate, "fast", "learning_rate", "fast"),
        (form.dev_fraction, "0.7", "dev_fraction", 0.7),
    ):
        widget.setText(text)
        expected = ConfigError
        try:
            RunConfig(**{field: value}).validate()
        except expected as exc:
            message = str(exc)
        assert form.error.text() == message
        assert widget.property("invalid") is True
        assert not form.start_button.isEnabled()
        widget.setText("0.1" if field == "dev_fraction" else "0.001")
        assert form.error.text() == "" and form.start_button.isEnabled()


def test_the_status_bar_says_tensorflow_is_loading_then_names_the_devices(qtbot, make_window):
    window = make_window()
    assert window.tf_status.text() == "Loading TensorFlow…" or window.inventory is not None
    wait_for_tensorflow(qtbot, window)
    assert window.tf_status.text().startswith("TensorFlow ")
    devices = [window.form.device.itemData(i) for i in range(window.form.device.count())]
    assert devices[:2] == ["auto", "cpu"]
    assert "CPU:" in window.device_view.machine.text()


def test_every_label_shows_plain_text(qtbot, window, tmp_path):
    evil = tmp_path / "<b>bold</b>"
    window.form.set_config(RunConfig(dataset="mnist", data_dir=str(evil)))
    assert "<b>bold</b>" in window.form.data_status.text()
    labels = window.findChildren(QLabel)
    assert labels
    rich = [
        lb.objectName() or lb.text() for lb in labels if lb.textFormat() != Qt.TextFormat.PlainText
    ]
    assert rich == []


def test_geometry_and_form_values_persist(qtbot, make_window, settings):
    first = make_window()
    first.resize(1111, 777)
    first.form.set_config(
        RunConfig(
            dataset="synthetic", epochs=7, batch_size=128, learning_rate=0.005, seed=42, limit=1000
        )
    )
    first.tabs.setCurrentIndex(2)
    first.close()
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=LONG_WAIT_MS)

    second = make_window(settings=type(settings)(settings.fileName(), settings.format()))
    cfg = second.form.config()
    assert (cfg.dataset, cfg.epochs, cfg.batch_size, cfg.learning_rate, cfg.seed, cfg.limit) == (
        "synthetic",
        7,
        128,
        0.005,
        42,
        1000,
    )
    assert (second.width(), second.height()) == (1111, 777)
    assert second.tabs.currentIndex() == 2


def test_in_chinese_a_failed_and_a_finished_run_leave_no_english_in_the_form_or_status_or_log(
    qtbot, zh_CN, make_window, tmp_path
):
    window = make_window()
    wait_for_tensorflow(qtbot, window)
    cpu = (window.inventory.get("cpu") or {}).get("model") or ""
    # the machine's CPU name, the dataset's id; names tests/gui/texts.py does not know yet
    keep = {*english_words(cpu), "synthetic", "JPEG", "BMP", "GIF", "Tensor", "Core"}
    keep |= {"TensorBoard", "tensorboard"}  # the TensorBoard box's tip: a command, a path
    assert window.tf_status.text().startswith("TensorFlow ") and "已就绪" in window.tf_status.text()
    assert english_left(window.statusBar(), keep=keep) == []

    # a missing data folder: the form, the banner and the log say so in Chinese
    missing = tmp_path / "no-such-folder"
    window.form.set_config(RunConfig(dataset="mnist", data_dir=str(missing), epochs=1))
    assert window.form.data_status.text().startswith("缺少文件：")
    assert english_left(window.form, keep=keep) == []
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS):
        qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    assert window.banner_text.text().startswith("运行失败：")
    assert str(missing) in window.banner_text.text()
    assert english_left(window.banner) == []
    assert window.form.progress_text.text() == "运行失败；请查看上方的消息。"

    # a small synthetic run to its end
    window.form.set_config(SMALL_RUN)
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].status == "finished"
    assert window.form.progress_text.text().startswith("完成，用时 ")
    assert "测试准确率" in window.form.progress_text.text()
    assert english_left(window.form, keep=keep) == []
    assert english_left(window.statusBar(), keep=keep) == []
    log = window.log.toPlainText().splitlines()
    assert [line for line in log if english_words(line, keep=keep)] == []
    assert any("错误 " in line and str(missing) in line for line in log)
    assert any("第 1 轮：训练损失" in line for line in log)
    assert any("合成数据（种子 " in line for line in log)


def test_the_first_click_trains_on_the_shipped_split_when_no_data_is_anywhere(
    qtbot, monkeypatch, make_window
):
    monkeypatch.delenv("SUANLI_DATA_DIR", raising=False)  # $SUANLI_HOME, $KERAS_HOME: empty
    window = make_window()
    wait_for_tensorflow(qtbot, window)
    assert window.form.data_status.text().startswith("Using the 10,000 MNIST test images")
    # the defaults (the article's MNIST run), shortened for the test
    window.form.set_config(RunConfig(epochs=1, limit=512, batch_size=64))
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result is not None and result.status == "finished"
    assert result.test["samples"] == 2000
    log = window.log.toPlainText()
    assert "MNIST test images shipped with Suanli" in log and "Traceback" not in log
