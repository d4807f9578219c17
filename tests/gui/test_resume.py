"""Resuming a run from the window: which runs are offered, the dialog, and stop -> resume."""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import Qt

from engine.events import Callback
from engine.i18n.message import Message
from engine.jobs import resumable_runs
from engine.training.checkpoint import RunFolder, runs_root
from gui.widgets.qt_resume_dialog import QtResumeDialog
from tests.gui.fakes import LONG_WAIT_MS, SMALL_RUN
from tests.gui.texts import english_left

NO_SUCH_PID = 2**22 + 1  # above Linux's largest pid


def fake_run(run_id, status, saved=(1,), epochs=3, pid=NO_SUCH_PID, error=None):
    """A run folder as the engine leaves it: run.json and (empty) checkpoint files."""
    folder = RunFolder(run_id)
    config = SMALL_RUN.replace(epochs=epochs, model="seed-cnn-narrow").to_dict()
    folder.write_meta(
        {"run_id": run_id, "pid": pid, "status": status, "config": config, "error": error}
    )
    folder.ckpt_dir.mkdir(parents=True, exist_ok=True)
    for e in saved:
        (folder.ckpt_dir / f"epoch-{e:04d}.index").write_bytes(b"")
    return folder


def test_only_unfinished_runs_with_a_saved_epoch_are_offered_newest_first():
    fake_run("20240101-100000-aaaaaa", "stopped", saved=(1, 2))
    fake_run("20240102-100000-bbbbbb", "running")  # its process is gone: interrupted
    fake_run("20240103-100000-cccccc", "failed", error="out of memory at batch size 64")
    fake_run("20240104-100000-dddddd", "finished", saved=(1, 2, 3))
    fake_run("20240105-100000-eeeeee", "stopped", saved=())  # stopped in its first epoch
    fake_run("20240106-100000-ffffff", "running", pid=os.getppid())  # still going elsewhere
    (runs_root() / "not-a-run").mkdir()

    runs = resumable_runs()
    assert [r.run_id[-6:] for r in runs] == ["cccccc", "bbbbbb", "aaaaaa"]
    assert [r.status for r in runs] == ["failed", "interrupted", "stopped"]
    oldest = runs[-1]
    assert (oldest.epochs_done, oldest.epochs_total) == (2, 3)
    assert (oldest.model, oldest.dataset) == ("seed-cnn-narrow", "synthetic")
    assert oldest.started.strftime("%Y-%m-%d %H:%M") == "2024-01-01 10:00"


def test_the_dialog_lists_the_runs_and_returns_the_one_picked(qtbot):
    fake_run("20240101-100000-aaaaaa", "stopped", saved=(1, 2), epochs=5)
    fake_run("20240102-100000-bbbbbb", "running")
    dialog = QtResumeDialog()
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    assert [table.item(0, c).text() for c in range(5)] == [
        "2024-01-02 10:00",
        "seed-cnn-narrow",
        "synthetic",
        "1 of 3",
        "interrupted",
    ]
    assert table.item(1, 3).text() == "2 of 5"
    assert dialog.run_id() == "20240102-100000-bbbbbb"  # the newest is picked already
    table.selectRow(1)
    assert dialog.run_id() == "20240101-100000-aaaaaa" and dialog.resume_button.isEnabled()


def test_with_nothing_to_resume_the_dialog_says_so(qtbot):
    dialog = QtResumeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    assert "no stopped or interrupted run" in dialog.empty.text()
    assert not dialog.resume_button.isEnabled() and dialog.run_id() is None


def test_in_chinese_the_dialog_shows_no_english(qtbot, zh_CN, tmp_path):
    fake_run("20240101-100000-aaaaaa", "stopped", saved=(1, 2), epochs=5)
    fake_run("20240102-100000-bbbbbb", "running")
    oom = Message(
        "out of memory at batch size {batch}: the device cannot hold this batch; "
        "try a smaller batch size (e.g. {smaller})",
        {"batch": 64, "smaller": 32},
    ).to_dict()  # as run.json stores it
    fake_run("20240103-100000-cccccc", "failed", error=oom)
    folder = fake_run("20240104-100000-dddddd", "stopped")
    meta = folder.read_meta()
    meta["config"].update(dataset="folder", data_dir=str(tmp_path / "pets"))
    folder.write_meta(meta)
    dialog = QtResumeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_left(dialog, keep={"pets", "synthetic", "Ctrl-C"}) == []  # a key
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(5)]
    assert headers == ["开始时间", "模型", "数据集", "已完成轮数", "状态"]
    assert [table.item(0, c).text() for c in (2, 3, 4)] == ["文件夹 pets", "1 / 3", "已停止"]
    assert table.item(1, 4).text() == "失败" and "内存不足" in table.item(1, 0).toolTip()
    assert table.item(2, 4).text() == "已中断"
    assert dialog.windowTitle() == "继续运行" and dialog.resume_button.text() == "继续"


def test_in_chinese_with_nothing_to_resume_the_dialog_says_so(qtbot, zh_CN):
    dialog = QtResumeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and english_left(dialog) == []


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


def test_stop_then_resume_finishes_the_run_with_all_epochs_and_the_same_run_id(qtbot, window):
    form = window.form
    hold = Hold(at=6)  # 4 steps per epoch: stop in epoch 2, after epoch 1 was saved
    window.extra_callbacks.append(hold)
    form.set_config(SMALL_RUN.replace(epochs=3, steps_per_call=1))  # stop: the next batch
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    qtbot.mouseClick(form.stop_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        hold.release.set()
    stopped = blocker.args[0]
    assert stopped.status == "stopped" and len(stopped.epochs) == 1
    assert form.progress_text.text() == (
        "Stopped with 1 of 3 epochs done. “Resume a run…” goes on from epoch 2."
    )
    assert [r.run_id for r in resumable_runs()] == [stopped.run_id]
    assert form.resume_button.isEnabled()

    window.extra_callbacks.remove(hold)
    form.set_config(SMALL_RUN.replace(epochs=9, batch_size=32))  # the run keeps its own
    asked = []
    form.choose_run = lambda: asked.append(True) or stopped.run_id
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        qtbot.mouseClick(form.resume_button, Qt.MouseButton.LeftButton)
        assert asked == [True] and window.busy and not form.resume_button.isEnabled()
        assert (form.epochs.value(), form.batch_size.value()) == (3, 64)
    result = blocker.args[0]
    assert result.status == "finished" and result.run_id == stopped.run_id
    assert [e["epoch"] for e in result.epochs] == [1, 2, 3]
    assert result.steps == 12
    # the plots show the whole run: epoch 1 and its batches (from the results store) come
    # back, then the resumed batches from step 5
    epoch_col, step_col = window.recorder.epochs.columns("epoch", "step")
    assert epoch_col.tolist() == [1.0, 2.0, 3.0] and step_col.tolist() == [4.0, 8.0, 12.0]
    (steps,) = window.recorder.batches.columns("step")
    assert steps.tolist() == [float(s) for s in range(1, 13)]
    table = window.live_plots.plots.epoch_table
    assert table.rowCount() == 3
    assert [table.verticalHeaderItem(r).text() for r in range(3)] == ["1", "2", "3"]
    assert form.progress_text.text().startswith("Finished in")
    assert RunFolder(stopped.run_id).read_meta()["status"] == "finished"
    assert resumable_runs() == []
    assert not window.banner.isVisible()


def test_cancelling_the_choice_starts_nothing(qtbot, window):
    window.form.choose_run = lambda: None
    qtbot.mouseClick(window.form.resume_button, Qt.MouseButton.LeftButton)
    assert not window.busy and window.form.start_button.isEnabled()


def test_a_resumed_runs_earlier_batches_plot_the_measured_rate_not_the_running_average():
    """The store keeps each batch point's epoch-so-far average; the live "per batch" curve
    gets the rate measured between stored points (32 samples in 0.1 s = 320/s), NaN where
    there is no earlier point of the same epoch to measure from."""
    from gui.runtime.plot_buffers import TrainingRecorder
    from gui.runtime.resume import EarlierEpochs

    rec = TrainingRecorder()
    replay = EarlierEpochs(rec, "20240101-000000-none")
    replay.batches = {
        "step": [1, 2, 3, 4, 5],
        "epoch": [1, 1, 1, 2, 2],
        "elapsed_s": [0.5, 0.6, 0.8, 1.5, 1.7],
        "loss": [1.0, 0.9, 0.8, 0.7, 0.6],
        "accuracy": [0.1, 0.2, 0.3, 0.4, 0.5],
        "samples_per_s": [64.0, 107.0, 120.0, 21.0, 40.0],  # running averages
    }
    replay.on_run_begin({"start_epoch": 3, "steps_per_epoch": 3, "config": {"batch_size": 32}})
    (rate,) = rec.batches.columns("samples_per_s")
    assert [round(r, 6) if r == r else None for r in rate.tolist()] == [
        None,
        320.0,
        160.0,
        None,
        160.0,
    ]
