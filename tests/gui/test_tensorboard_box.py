"""The run form's "Log to TensorBoard while training" box: a window run writes its events
live under ``$SUANLI_HOME/tensorboard/run-<id>`` (what ``train --tensorboard`` does)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from engine.paths import suanli_home
from engine.store.store import Store
from tests.gui.fakes import LONG_WAIT_MS, SMALL_RUN


def scalar_tags(folder):
    import tensorflow as tf

    tags = set()
    for path in folder.rglob("events.out.tfevents.*"):
        for event in tf.compat.v1.train.summary_iterator(str(path)):
            tags |= {(path.parent.name, v.tag) for v in event.summary.value}
    return tags


def test_the_tensorboard_box_logs_a_window_run_live(qtbot, window):
    form = window.form
    form.set_config(SMALL_RUN)
    qtbot.mouseClick(form.advanced_button, Qt.MouseButton.LeftButton)
    assert form.tensorboard.isVisible() and not form.tensorboard.isChecked()
    assert str(suanli_home() / "tensorboard") in form.tensorboard.toolTip()
    qtbot.mouseClick(form.tensorboard, Qt.MouseButton.LeftButton)
    assert form.tensorboard.isChecked()
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    assert not form.tensorboard.isEnabled()  # not while the run trains
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=LONG_WAIT_MS)
    assert window.last_result.status == "finished"
    with Store() as store:
        (run,) = store.list_runs()
    tags = scalar_tags(suanli_home() / "tensorboard" / f"run-{run.id}")
    assert {("train", "batch_loss"), ("train", "epoch_loss"), ("validation", "epoch_loss")} <= tags
    assert ("test", "epoch_accuracy") in tags
    assert form.tensorboard.isEnabled()
