"""The Training tab's plots, score tiles and epoch table and the Device tab speak Chinese.

Each view is made with zh_CN installed (the ``zh_CN`` fixture), filled with realistic data
(engine-style training callbacks, a score card, CPU-only and GPU telemetry snapshots, an
inventory), and must then show no English word (:func:`tests.gui.texts.english_left`).
"""

from __future__ import annotations

import pytest

from engine import i18n as engine_i18n
from engine.i18n.message import Message, shown
from engine.telemetry import nvml
from gui.runtime.plot_buffers import DeviceRecorder, TrainingRecorder
from tests.gui.fakes import batch_logs, gpu_sample, snapshot
from tests.gui.texts import english_left

NO_NVML = (
    "No GPU telemetry: the NVIDIA management library (libnvidia-ml) was not found, "
    "so there is no NVIDIA driver or GPU here. Showing CPU/host telemetry only."
)
# the notice as engine.telemetry.nvml makes it: a Message whose English is NO_NVML
NOTICE = Message(
    "{reason} {host_only}",
    {
        "reason": Message(
            "No GPU telemetry: the NVIDIA management library (libnvidia-ml) was not found, "
            "so there is no NVIDIA driver or GPU here."
        ),
        "host_only": Message("Showing CPU/host telemetry only."),
    },
)
NO_NVML_ZH = "无 GPU 遥测：未找到 NVIDIA 管理库（libnvidia-ml），说明这里没有 NVIDIA 驱动或 GPU。仅显示 CPU/主机遥测。"
# Names that stay as they are: CPU models (from the machine), NVML's library file name, and
# TFLOP/s (a unit like FLOP/s, in the score tooltips of gui/help_texts.py).
KEEP = ("Intel", "Xeon", "AMD", "EPYC", "libnvidia", "TFLOP/s")
CPU_INVENTORY = {
    "cpu": {"model": "Intel(R) Xeon(R) CPU @ 2.20GHz", "logical_cores": 2},
    "ram_total_bytes": int(23.5 * 2**30),
    "gpus": [],
    "nvml": {"available": False, "notice": NOTICE.to_dict()},
    "tensorflow": {"version": "2.21.0", "physical_devices": [{"device_type": "CPU"}]},
}
GPU_INVENTORY = {
    "cpu": {"model": "AMD EPYC 9554", "logical_cores": 16},
    "ram_total_bytes": 128 * 2**30,
    "gpus": [{"index": 0, "name": "NVIDIA H200", "memory_total_bytes": 141 * 2**30}],
    "nvml": {"available": True, "driver_version": "550.54", "cuda_driver_version": "12.4"},
    "tensorflow": {
        "version": "2.21.0",
        "physical_devices": [{"device_type": "CPU"}, {"device_type": "GPU"}],
    },
}


def _trained_recorder() -> TrainingRecorder:
    """Two epochs of four batches, as the engine's callbacks report them."""
    rec = TrainingRecorder()
    rec.on_run_begin({"epochs": 2, "steps_per_epoch": 4})
    step = 0
    for epoch in (1, 2):
        rec.on_epoch_begin(epoch, {"steps": 4, "epochs": 2})
        for i in range(1, 5):
            step += 1
            rec.on_batch_end(step, batch_logs(step, i, 0.5 * i))
        rec.on_epoch_end(
            epoch,
            {
                "train_loss": 0.5 / epoch,
                "train_accuracy": 0.8 + 0.05 * epoch,
                "dev_loss": 0.6 / epoch,
                "dev_accuracy": 0.75 + 0.05 * epoch,
                "samples_per_s": 1616.0,
                "seconds": 2.0,
            },
        )
    return rec


CARD = {
    "sub_scores": [
        {"name": "ai_suanli", "value": 12876.0, "unit": "FLOP/byte"},
        {"name": "train_tflops", "value": 0.002, "unit": "TFLOP/s"},
        {"name": "train_samples_per_s", "value": 1616.0, "unit": "samples/s"},
        {"name": "train_samples_per_j", "value": 3.5, "unit": "samples/J"},
    ],
    "suanli_score": 1.2,
}


@pytest.fixture
def engine_zh():
    engine_i18n.set_language("zh_CN")
    yield
    engine_i18n.set_language(None)


def test_the_training_plots_and_epoch_table_speak_chinese(zh_CN, qtbot):
    from gui.views.training.qt_live_plots import QtLivePlots

    plots = QtLivePlots()
    qtbot.addWidget(plots)
    rec = _trained_recorder()
    plots.refresh(rec, max_units=100)
    assert plots.scores.tiles["samples_per_s"].value.text() == "128 样本/秒"
    assert plots.scores.tiles["samples_per_s"].detail.text() == "实时，本轮"
    plots.finish(rec)
    for panel in plots.panels:  # what the hover shows
        panel.readout.setText(panel.readout_at(3.0))
    assert english_left(plots, keep=KEEP) == []
    table = plots.plots.epoch_table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == [
        "训练\n损失",
        "训练\n准确率",
        "验证\n损失",
        "验证\n准确率",
        "样本\n/秒",
        "用时",
    ]
    assert table.rowCount() == 2 and table.item(0, 1).text() == "85.0 %"
    assert plots.plots.loss.title_label.text() == "损失"
    assert plots.plots.loss.readout.text() == (
        "步 3 · 批次 0.667 · 训练（平滑） 1.18 · 训练，每轮 0.5 · 验证，每轮 0.6"
    )
    assert plots.plots.throughput.readout.text().startswith("步 3 · 每批次 128 · 平滑 128")
    assert plots.plots.loss.save_button.text() == "保存 PNG…"


def test_the_score_tiles_speak_chinese(zh_CN, qtbot):
    from gui.widgets.qt_score_panel import QtScorePanel

    panel = QtScorePanel()
    qtbot.addWidget(panel)
    assert english_left(panel, keep=KEEP) == []  # nothing measured yet
    panel.show_card(CARD)
    assert english_left(panel, keep=KEEP) == []
    tiles = panel.tiles
    assert tiles["ai_suanli"].value.text() == "12,876 FLOP/字节"
    assert tiles["flops"].value.text() == "2 G FLOP/s"
    assert tiles["samples_per_s"].value.text() == "1,616 样本/秒"
    assert tiles["samples_per_j"].value.text() == "3.5 样本/焦耳"
    assert tiles["samples_per_j"].title.text() == "样本/焦耳"
    assert tiles["ai_suanli"].detail.text() == "已测量"
    panel.show_card({"name": "train_samples_per_j", "value": None, "unit": "samples/J"})
    assert tiles["samples_per_j"].detail.text() == "本机不可用"
    assert english_left(panel, keep=KEEP) == []


def test_the_device_tab_of_a_cpu_only_machine_speaks_chinese(zh_CN, qtbot):
    from gui.views.device.qt_device_view import QtDeviceView

    view = QtDeviceView()
    qtbot.addWidget(view)
    assert english_left(view, keep=KEEP) == []  # before the first sample
    view.set_inventory(CPU_INVENTORY)
    rec = DeviceRecorder(t0=0.0)
    for t in (1.0, 2.0, 3.0):
        rec.on_device_sample(snapshot(t, notice=NOTICE, cpu=98.0))
    assert view.refresh(rec)
    for panel in view.panels:
        panel.readout.setText(panel.readout_at(2.0))
    assert english_left(view, keep=KEEP) == []
    assert view.notice.text() == NO_NVML_ZH
    assert view.machine.text() == (
        "CPU：Intel(R) Xeon(R) CPU @ 2.20GHz（2 个逻辑核心），23.5 GiB 内存\n"
        "TensorFlow 2.21.0 识别到 1 个 CPU"
    )
    assert view.now.text() == "当前：CPU 98 %   ·   内存 2.0 / 8.0 GiB"
    assert view.cpu.readout.text() == "时间 2.0 s · 整机 98 % · 算力 45 %"
    assert view.cpu.plot_item.getAxis("bottom").labelText == "时间（秒）"


def test_the_device_tab_with_a_gpu_speaks_chinese(zh_CN, qtbot):
    from gui.views.device.qt_device_view import QtDeviceView

    view = QtDeviceView()
    qtbot.addWidget(view)
    view.set_inventory(GPU_INVENTORY)
    rec = DeviceRecorder(t0=0.0)
    rec.on_device_sample(snapshot(1.0, [gpu_sample()]))
    rec.on_device_sample(snapshot(2.0, [gpu_sample(reasons=("hw_thermal_slowdown",))]))
    rec.on_device_sample(snapshot(3.0, [gpu_sample(reasons=("sw_power_cap", "gpu_idle"))]))
    assert view.refresh(rec)
    assert set(view.gpu_panels) == {"util", "memory", "temperature", "power", "clock"}
    for panel in view.panels:
        panel.readout.setText(panel.readout_at(2.0))
    assert english_left(view, keep=KEEP) == []
    assert view.machine.text() == (
        "CPU：AMD EPYC 9554（16 个逻辑核心），128.0 GiB 内存\n"
        "GPU 0：NVIDIA H200，141 GiB\n"
        "NVIDIA 驱动 550.54，CUDA 12.4\n"
        "TensorFlow 2.21.0 识别到 1 个 CPU、1 个 GPU"
    )
    assert view.now.text() == (
        "当前：CPU 50 %   ·   内存 2.0 / 8.0 GiB   ·   "
        "GPU 0 80 % · 65 °C · 250 W · 频率 80 %（降频：软件功率上限）"
    )
    assert view.gpu_panels["util"].title_label.text() == "GPU 利用率"
    assert (
        view.gpu_panels["memory"].readout.text()
        == "时间 2.0 s · GPU 0 已用 6 GiB · GPU 0 总量 24 GiB"
    )
    assert view.notice.isHidden()


def test_the_device_tab_in_english_is_unchanged(qtbot):
    from gui.views.device.qt_device_view import QtDeviceView

    view = QtDeviceView()
    qtbot.addWidget(view)
    view.set_inventory(CPU_INVENTORY)
    rec = DeviceRecorder(t0=0.0)
    rec.on_device_sample(snapshot(1.0, [gpu_sample(reasons=("sw_power_cap",))], notice=NOTICE))
    view.refresh(rec)
    assert view.machine.text() == (
        "CPU: Intel(R) Xeon(R) CPU @ 2.20GHz (2 logical cores), 23.5 GiB RAM\n"
        "TensorFlow 2.21.0 sees 1 CPU"
    )
    assert view.now.text() == (
        "Now: CPU 50 %   ·   RAM 2.0 of 8.0 GiB   ·   "
        "GPU 0 80 % · 65 °C · 250 W · clock 80 % (throttling: sw_power_cap)"
    )
    assert view.notice.text() == NO_NVML
    assert (
        view.gpu_panels["memory"].readout_at(1.0)
        == "at 1.0 s · GPU 0 used 6 GiB · GPU 0 total 24 GiB"
    )


class NVMLError_LibraryNotFound(Exception):  # noqa: N801 - pynvml's name
    pass


class NVMLError_Unknown(Exception):  # noqa: N801 - pynvml's name
    pass


def test_telemetry_notices_are_messages_said_in_the_language_where_shown(engine_zh):
    # a Message whose English is the source text (stored as its dict), whatever the language
    notice = nvml._init_notice(NVMLError_LibraryNotFound())
    assert notice.english() == NO_NVML
    odd = nvml._init_notice(NVMLError_Unknown("code 999"))
    assert odd.english() == (
        "No GPU telemetry: NVML did not start (NVMLError_Unknown: code 999). "
        "Showing CPU/host telemetry only."
    )
    assert shown(notice) == NO_NVML_ZH
    assert (
        shown(odd.to_dict())
        == "无 GPU 遥测：NVML 未能启动（NVMLError_Unknown: code 999）。仅显示 CPU/主机遥测。"
    )
    assert shown("something else") == "something else"
    assert shown(NO_NVML) == NO_NVML  # English stored by an older version: as stored
    assert shown(None) == ""
    error = Message(
        "TensorFlow could not be imported: {error}", {"error": "ImportError: libcudart.so.12"}
    ).to_dict()
    assert shown(error) == "无法导入 TensorFlow：ImportError: libcudart.so.12"
    engine_i18n.set_language("en")
    assert shown(notice) == NO_NVML
    assert shown(error) == "TensorFlow could not be imported: ImportError: libcudart.so.12"
