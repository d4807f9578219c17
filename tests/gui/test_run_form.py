"""The run form as a user fills it in: the Advanced section, datasets, devices, messages."""

from __future__ import annotations

import os
import struct
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.config import ConfigError, RunConfig
from engine.errors import RunFailed
from engine.i18n.message import Message
from gui.views.run_form.form_fields import ADVANCED_FIELDS
from gui.views.run_form.qt_run_form import QtRunForm
from gui.wording import batch_text, device_choices, finished_text
from tests.gui.fakes import LONG_WAIT_MS
from tests.gui.texts import english_left, english_words


@pytest.fixture
def form(qtbot):
    f = QtRunForm(check_files=True)
    qtbot.addWidget(f)
    f.show()
    return f


def engine_message(**fields) -> str:
    with pytest.raises(ConfigError) as caught:
        RunConfig(**fields).validate()
    return str(caught.value)


def fill_advanced(form: QtRunForm) -> None:
    """Every Advanced control set away from its default, the way a user would."""
    form.advanced_button.click()
    form.dev_fraction.setText("0.2")
    form.seed.setValue(7)
    form._select(form.lr_schedule, "cosine")
    form.early_stopping.setValue(3)
    form._select(form.monitor, "dev_accuracy")
    form.target_on.setChecked(True)
    form.target_accuracy.setText("0.97")
    form._select(form.precision, "mixed_bfloat16")
    form.xla.setChecked(True)
    form.steps_per_call.setValue(4)
    form.checkpoints.setChecked(False)


ADVANCED_VALUES = dict(
    dev_fraction=0.2,
    seed=7,
    lr_schedule="cosine",
    early_stopping=3,
    monitor="dev_accuracy",
    target_accuracy=0.97,
    precision="mixed_bfloat16",
    xla=True,
    steps_per_call=4,
    checkpoints=False,
)


def test_the_advanced_section_is_closed_at_first_and_counts_what_it_hides(qtbot, form):
    assert not form.advanced_open
    hidden = (form.dev_fraction, form.seed, form.lr_schedule, form.precision, form.xla)
    assert not any(w.isVisible() for w in hidden)
    assert form.epochs.isVisible() and form.learning_rate.isVisible()
    assert form.advanced_button.text() == "Advanced settings"

    qtbot.mouseClick(form.advanced_button, Qt.MouseButton.LeftButton)
    assert form.advanced_open and all(w.isVisible() for w in hidden)
    form.xla.setChecked(True)
    form.seed.setValue(3)
    qtbot.mouseClick(form.advanced_button, Qt.MouseButton.LeftButton)
    assert not form.advanced_open and not form.xla.isVisible()
    assert form.advanced_button.text() == "Advanced settings · 2 changed"


def test_dependent_controls_follow_their_switch(form):
    assert not form.monitor.isEnabled() and not form.target_accuracy.isEnabled()
    form.early_stopping.setValue(2)
    form.target_on.setChecked(True)
    assert form.monitor.isEnabled() and form.target_accuracy.isEnabled()
    assert form.early_stopping.text() == "2 epochs"
    cfg = form.config()
    assert (cfg.early_stopping, cfg.target_accuracy) == (2, 0.98)
    form.target_on.setChecked(False)
    assert form.config().target_accuracy is None


@pytest.mark.parametrize(
    ("widget", "text", "field", "value"),
    [
        ("target_accuracy", "1.5", "target_accuracy", 1.5),
        ("target_accuracy", "0", "target_accuracy", 0.0),
        ("target_accuracy", "most", "target_accuracy", "most"),
        ("dev_fraction", "0.7", "dev_fraction", 0.7),
    ],
)
def test_a_bad_advanced_value_is_refused_with_the_engines_message_and_shown(
    form, widget, text, field, value
):
    form.target_on.setChecked(True)
    assert not form.advanced_open
    getattr(form, widget).setText(text)
    assert form.error.text() == engine_message(**{field: value})
    assert form.error.isVisible() and not form.start_button.isEnabled()
    assert getattr(form, widget).property("invalid") is True
    assert form.advanced_open and getattr(form, widget).isVisible()  # opened to show it
    getattr(form, widget).setText("0.9" if field == "target_accuracy" else "0.1")
    assert form.error.text() == "" and form.start_button.isEnabled()


def test_every_control_says_what_it_does(form):
    missing = [name for name, w in form._fields.items() if not w.toolTip().strip()]
    assert missing == []
    for combo in (form.lr_schedule, form.monitor, form.precision, form.device):
        tips = [combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())]
        assert all(tips), combo
    assert "slower on the CPU" in form.xla.toolTip()
    for button in (form.start_button, form.pause_button, form.stop_button, form.resume_button):
        assert button.toolTip()


def test_form_values_persist_through_the_settings_json(qtbot, form, tmp_path):
    form.set_config(RunConfig(dataset="mnist", data_dir=str(tmp_path), epochs=4, download=True))
    fill_advanced(form)
    saved = form.to_json()
    again = QtRunForm(check_files=False)
    qtbot.addWidget(again)
    again.restore_json(saved)
    assert again.raw_config() == form.raw_config()
    assert again.raw_config() == RunConfig(
        dataset="mnist", data_dir=str(tmp_path), epochs=4, download=True, **ADVANCED_VALUES
    )
    assert again.advanced_open

    # unticked, the target keeps its text; the download tick survives another dataset
    form.target_on.setChecked(False)
    form._select(form.dataset, "synthetic")
    form.advanced_button.click()
    third = QtRunForm(check_files=False)
    qtbot.addWidget(third)
    third.restore_json(form.to_json())
    assert third.raw_config().target_accuracy is None and third.target_accuracy.text() == "0.97"
    assert third.raw_config().download is False and third.download.isChecked()
    assert not third.advanced_open


def test_a_refused_value_from_the_settings_is_shown_even_with_the_section_closed(qtbot):
    form = QtRunForm(check_files=False)
    qtbot.addWidget(form)
    form.restore_json(
        '{"target_accuracy": "2", "target_accuracy_text": "2", "advanced_open": false}'
    )
    assert form.advanced_open and form.target_on.isChecked()
    assert form.error.text() == engine_message(target_accuracy=2.0)
    form.restore_json("[1, 2]")  # damaged settings change nothing
    form.restore_json('{"epochs": "many"}')
    assert form.target_accuracy.text() == "2"


def test_the_image_folder_dataset_says_whether_the_folder_has_class_subfolders(form, tmp_path):
    form._select(form.dataset, "folder")
    assert form.data_dir_label.text() == "Image folder"
    assert form.data_status.property("ok") is False
    assert "one subfolder of images per class" in form.data_status.text()
    assert not form.download.isVisible()

    form.data_dir.setText(str(tmp_path))
    form.data_dir.editingFinished.emit()
    assert form.data_status.text().startswith("Not usable:")
    assert "no class subfolders" in form.data_status.text()
    assert form.data_status.property("ok") is False

    for name in ("cat", "dog"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    form.data_dir.editingFinished.emit()
    assert form.data_status.text().startswith("Found 2 classes in")
    assert "cat, dog" in form.data_status.text()
    assert form.data_status.property("ok") is True
    assert form.config().dataset == "folder" and form.config().data_dir == str(tmp_path)


def test_download_if_missing_is_offered_for_mnist_and_changes_the_message(form, tmp_path):
    missing = tmp_path / "nothing-here"
    form.set_config(RunConfig(dataset="fashion-mnist", data_dir=str(missing)))
    assert form.download.isVisible()
    assert form.data_status.text().startswith("Files missing:")
    assert "Download if missing" in form.data_status.text()
    form.download.setChecked(True)
    assert form.data_status.property("ok") is True
    assert "will be downloaded" in form.data_status.text()
    assert form.config().download is True
    form._select(form.dataset, "synthetic")
    assert not form.download.isVisible() and form.config().download is False


def test_all_gpus_is_offered_only_with_more_than_one_gpu(form):
    def inventory(n):
        gpus = [{"name": f"/physical_device:GPU:{i}", "device_type": "GPU"} for i in range(n)]
        return {"tensorflow": {"physical_devices": gpus}}

    assert "all-gpus" not in [v for _, v in device_choices(inventory(1))]
    choices = device_choices(inventory(2))
    assert choices[-1] == ("All GPUs (MirroredStrategy)", "all-gpus")
    form.set_devices(choices)
    assert form._select(form.device, "all-gpus")
    assert form.config().device == "all-gpus"
    tip = form.device.itemData(form.device.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    assert "every GPU" in tip


def test_the_batch_split_is_shown_only_with_several_replicas(form):
    form.show_run_info({"replicas": 2, "global_batch": 256, "per_replica_batch": 128.0})
    assert form.run_info.isVisible()
    assert form.run_info.text() == "2 replicas: global batch 256, 128 per replica"
    assert batch_text({"replicas": 3, "global_batch": 100, "per_replica_batch": 100 / 3}) == (
        "3 replicas: global batch 100, 33.3 per replica"
    )
    form.show_run_info({"replicas": 1, "global_batch": 32, "per_replica_batch": 32.0})
    assert not form.run_info.isVisible()


# Stop reasons as the engine keeps them (a Message) and as it stores them (its dict).
TARGET_REACHED = Message(
    "dev accuracy {accuracy} reached the target {target}", {"accuracy": "0.9700", "target": "0.97"}
)
NO_IMPROVEMENT = Message(
    "{monitor} did not improve for {n} epochs", {"monitor": Message("dev loss"), "n": 2}
).to_dict()


def _result(status, epochs, total=5, stop_reason=None, checkpoints=True):
    return SimpleNamespace(
        status=status,
        config={"epochs": total, "checkpoints": checkpoints},
        epochs=[{"epoch": i + 1} for i in range(epochs)],
        test={"accuracy": 0.9512} if status == "finished" else None,
        wall_seconds=65.0,
        stop_reason=stop_reason,
        steps=epochs * 10,
    )


def test_the_finished_message_says_why_a_run_ended_early_and_how_to_go_on():
    assert finished_text(_result("finished", 5)).startswith("Finished in 1:05: test accuracy 95.12")
    early = finished_text(_result("finished", 2, stop_reason=TARGET_REACHED))
    assert early.startswith("Finished early after 2 of 5 epochs (dev accuracy 0.9700 reached")
    patience = finished_text(_result("finished", 4, stop_reason=NO_IMPROVEMENT))
    assert "(dev loss did not improve for 2 epochs)" in patience
    assert finished_text(_result("stopped", 2)) == (
        "Stopped with 2 of 5 epochs done. “Resume a run…” goes on from epoch 3."
    )
    assert "cannot be resumed" in finished_text(_result("stopped", 2, checkpoints=False))
    assert "nothing to resume" in finished_text(_result("stopped", 0))


# -- through the window ----------------------------------------------------------------------------
def test_the_advanced_options_reach_the_run_config_the_worker_gets(
    qtbot, window, monkeypatch, tmp_path
):
    from engine.training.run import RunResult

    got = []

    def fake_train_job(config, callbacks, control):
        got.append(config)
        return RunResult(status="stopped", config=config.to_dict(), stop_reason="test")

    monkeypatch.setattr("gui.window.qt_main_window.train_job", fake_train_job)
    form = window.form
    form.set_config(RunConfig(dataset="mnist", data_dir=str(tmp_path), epochs=2))
    form.download.setChecked(True)
    fill_advanced(form)
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS):
        qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    expected = RunConfig(
        dataset="mnist", data_dir=str(tmp_path), epochs=2, download=True, **ADVANCED_VALUES
    )
    assert got == [expected]
    assert {name: getattr(got[0], name) for name in ADVANCED_FIELDS} == ADVANCED_VALUES


def test_an_out_of_memory_failure_shows_the_engines_advice_in_the_banner(
    qtbot, window, monkeypatch
):
    advice = (
        "out of memory at batch size 4096: the device cannot hold this batch; "
        "try a smaller batch size (e.g. 2048)"
    )

    def oom_job(config, callbacks, control):
        callbacks.on_log("error", advice)  # as engine.training.run.run does before it raises
        raise RunFailed(advice)

    monkeypatch.setattr("gui.window.qt_main_window.train_job", oom_job)
    window.form.set_config(RunConfig(dataset="synthetic", batch_size=4096, epochs=1))
    with qtbot.waitSignal(window.run_finished, timeout=LONG_WAIT_MS) as blocker:
        qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is None
    assert window.banner.isVisible()
    assert window.banner_text.text() == f"The run failed: {advice}"
    assert window.form.progress_text.text() == "The run failed; see the message above."
    assert window.form.start_button.isEnabled()


# -- in Chinese ------------------------------------------------------------------------------------
# Names that stay as they are but tests/gui/texts.py does not know yet (image formats, a
# TensorFlow class, NVIDIA's "Tensor Core").
# names, and the TensorBoard box's tip: a command (`tensorboard --logdir`) and a path
NAMES = {"JPEG", "BMP", "GIF", "MirroredStrategy", "Tensor", "Core", "TensorBoard", "tensorboard"}


@pytest.fixture
def zh_form(qtbot, zh_CN):
    """A form made with zh_CN installed (widgets translate their texts when they are made)."""
    f = QtRunForm(check_files=True)
    qtbot.addWidget(f)
    f.show()
    return f


def test_in_chinese_the_form_shows_no_english_whatever_the_data_folder_says(zh_form, tmp_path):
    form = zh_form
    assert english_left(form, keep=NAMES) == []
    assert form.start_button.text() == "开始" and form.data_dir.placeholderText() == "自动"

    # a missing folder, then a folder without the files: the engine's message in Chinese
    form.set_config(RunConfig(dataset="mnist", data_dir=str(tmp_path / "missing")))
    assert form.data_status.text().startswith("缺少文件：") and "文件夹不存在" in (
        form.data_status.text()
    )
    assert english_left(form, keep=NAMES) == []
    form.set_config(RunConfig(dataset="mnist", data_dir=str(tmp_path)))
    assert "没有找到 mnist 文件" in form.data_status.text()
    assert "勾选“缺失时下载”" in form.data_status.text()
    assert english_left(form, keep=NAMES) == []
    form.download.setChecked(True)
    assert form.data_status.text().startswith("未找到；运行开始时将下载（约 11 MB）")
    assert english_left(form, keep=NAMES) == []

    # an image folder: none chosen, none with classes, one that can be used
    form._select(form.dataset, "folder")
    assert english_left(form, keep=NAMES) == []
    form.data_dir.setText(str(tmp_path))
    form.data_dir.editingFinished.emit()
    assert form.data_status.text().startswith("无法使用：")
    assert english_left(form, keep=NAMES) == []
    for name in ("cat", "dog"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    form.data_dir.editingFinished.emit()
    assert form.data_status.text().startswith("在 ") and "找到 2 个类别" in form.data_status.text()
    assert english_left(form, keep={*NAMES, "cat", "dog"}) == []
    form._select(form.dataset, "synthetic")
    assert form.data_status.text() == "合成数据即时生成；不需要任何文件。"

    # a refused value (the engine's ConfigError), changed Advanced values, several GPUs
    form.learning_rate.setText("0")
    assert form.error.isVisible()
    assert form.error.text() == "学习率 = 0.0 无效，应为：大于 0 且不大于 10 的有限数"
    assert english_left(form, keep=NAMES) == []
    form.learning_rate.setText("0.001")
    form.advanced_button.click()
    form.seed.setValue(3)
    form.early_stopping.setValue(1)
    form.advanced_button.click()
    assert form.advanced_button.text() == "高级设置 · 已改 2 项"
    gpus = [{"name": f"/physical_device:GPU:{i}", "device_type": "GPU"} for i in range(2)]
    form.set_devices(device_choices({"tensorflow": {"physical_devices": gpus}}))
    assert form.device.itemText(form.device.count() - 1) == "所有 GPU（MirroredStrategy）"
    form.show_run_info({"replicas": 2, "global_batch": 256, "per_replica_batch": 128.0})
    assert form.run_info.text() == "2 个副本：全局批大小 256，每个副本 128"
    form.set_running(True, paused=True)
    assert english_left(form, keep=NAMES) == []


def test_in_chinese_the_finished_and_stopped_lines_say_why_and_how_to_go_on(zh_CN):
    lines = [
        finished_text(_result("finished", 5)),
        finished_text(_result("finished", 2, stop_reason=TARGET_REACHED)),
        finished_text(_result("finished", 4, stop_reason=NO_IMPROVEMENT)),
        finished_text(_result("stopped", 2)),
        finished_text(_result("stopped", 2, checkpoints=False)),
        finished_text(_result("stopped", 0, total=1)),
        finished_text(_result("failed", 1)),
    ]
    assert [line for line in lines if english_words(line)] == []
    assert lines[0] == "完成，用时 1:05：测试准确率 95.12 %。详情见“评估”标签页。"
    assert "（验证准确率 0.9700 达到了目标 0.97）" in lines[1]
    assert "（验证损失连续 2 轮没有改善）" in lines[2]
    assert lines[3] == "已停止，共 5 轮中完成了 2 轮。“继续运行…”会从第 3 轮接着训练。"
    assert "无法继续" in lines[4] and "没有可继续的内容" in lines[5]
    assert lines[6] == "运行在 10 步后失败。"


def test_the_form_offers_the_engines_choices_and_bounds(qtbot):
    """Every choice and bound in the form comes from engine.config's field descriptions."""
    from engine.config import field_spec

    form = QtRunForm()
    qtbot.addWidget(form)
    for name in ("optimizer", "lr_schedule", "monitor", "precision", "dataset", "model"):
        combo = getattr(form, name)
        values = tuple(combo.itemData(i) for i in range(combo.count()))
        assert sorted(values) == sorted(field_spec(name).choices), name
    for name in ("epochs", "batch_size", "seed", "early_stopping"):
        spec, spin = field_spec(name), getattr(form, name)
        assert spin.minimum() == spec.minimum, name
        assert spin.maximum() == min(spec.maximum or spec.widget_maximum, 2**31 - 1), name
    assert form.limit.minimum() == 0 and form.limit.specialValueText()  # 0 = all images


def test_with_no_data_anywhere_the_form_says_it_uses_the_shipped_split(qtbot, monkeypatch):
    monkeypatch.delenv("SUANLI_DATA_DIR", raising=False)  # $SUANLI_HOME, $KERAS_HOME: empty
    form = QtRunForm(check_files=True)
    qtbot.addWidget(form)
    form.show()
    assert form.config().dataset == "mnist" and form.config().data_dir is None
    text = form.data_status.text()
    assert text.startswith(
        "Using the 10,000 MNIST test images shipped with Suanli (8,000 to train, 2,000 to test)."
    )
    assert "For all 70,000: tick “Download if missing”" in text and ".keras/datasets" in text
    assert form.data_status.property("ok") is True and "\n" not in text
    qtbot.mouseClick(form.download, Qt.MouseButton.LeftButton)
    assert form.download.isChecked()
    assert form.data_status.text().startswith("Not found; will be downloaded")
    # the full set, once it is in the download cache, is used at once
    cache = Path(os.environ["SUANLI_HOME"]) / "datasets" / "mnist"
    cache.mkdir(parents=True)
    for name, shape in (
        ("train-images-idx3-ubyte", (30, 28, 28)),
        ("train-labels-idx1-ubyte", (30,)),
        ("t10k-images-idx3-ubyte", (10, 28, 28)),
        ("t10k-labels-idx1-ubyte", (10,)),
    ):
        head = struct.pack(">HBB", 0, 8, len(shape)) + struct.pack(f">{len(shape)}I", *shape)
        (cache / name).write_bytes(head + bytes(int(np.prod(shape))))
    qtbot.mouseClick(form.download, Qt.MouseButton.LeftButton)
    assert not form.download.isChecked()
    assert form.data_status.text() == f"Found in {cache} (train and test files)."


def test_in_chinese_the_shipped_split_line_has_no_english(zh_CN, qtbot, monkeypatch):
    monkeypatch.delenv("SUANLI_DATA_DIR", raising=False)
    form = QtRunForm(check_files=True)
    qtbot.addWidget(form)
    form.show()
    assert form.data_status.text().startswith("使用 Suanli 自带的 10,000 张 MNIST 测试图像")
    assert english_left(form, keep=NAMES | {"Suanli", "MNIST", "Keras", "npz"}) == []
