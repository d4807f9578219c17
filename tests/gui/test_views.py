"""The plot views on their own: device timelines, score tiles, benchmark, evaluation, export."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.runtime.plot_buffers import DeviceRecorder
from tests.gui.fakes import gpu_sample, snapshot

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def device_view(qtbot):
    from gui.views.device.qt_device_view import QtDeviceView

    view = QtDeviceView()
    qtbot.addWidget(view)
    return view


def test_cpu_only_machine_shows_cpu_and_ram_and_says_why_there_is_no_gpu(device_view):
    rec = DeviceRecorder(t0=0.0)
    for t in (1.0, 2.0, 3.0):
        rec.on_device_sample(snapshot(t, notice="No GPU telemetry: no NVIDIA driver."))
    assert device_view.refresh(rec)
    assert device_view.point_counts() == {"cpu": 3, "ram": 3}
    assert device_view.gpu_panels == {}
    assert device_view.notice.text() == "No GPU telemetry: no NVIDIA driver."
    assert not device_view.refresh(rec)  # nothing new, nothing redrawn


def test_gpu_timelines_appear_with_the_first_gpu_sample_and_mark_throttling(device_view):
    rec = DeviceRecorder(t0=0.0)
    rec.on_device_sample(snapshot(1.0, [gpu_sample()]))
    rec.on_device_sample(snapshot(2.0, [gpu_sample(reasons=("hw_thermal_slowdown",))]))
    rec.on_device_sample(snapshot(3.0, [gpu_sample(reasons=("sw_power_cap", "gpu_idle"))]))
    device_view.refresh(rec)
    panels = device_view.gpu_panels
    assert set(panels) == {"util", "memory", "temperature", "power", "clock"}
    assert panels["util"].point_count("util0") == 3
    assert panels["clock"].point_count("throttle0") == 2
    assert panels["power"].curve("limit0").yData.tolist() == [450.0] * 3
    now = device_view.now.text()
    assert "throttling: sw_power_cap" in now and "gpu_idle" not in now


def test_the_machine_description_is_plain_text(device_view):
    from gui.views.device.machine_text import describe_inventory

    inv = {
        "cpu": {"model": "<i>CPU</i>", "logical_cores": 8},
        "ram_total_bytes": 16 * 2**30,
        "gpus": [{"index": 0, "name": "<b>GPU</b>", "memory_total_bytes": 80 * 2**30}],
        "nvml": {"driver_version": "550", "cuda_driver_version": "12.4"},
        "tensorflow": {
            "version": "2.21.0",
            "physical_devices": [{"device_type": "CPU"}, {"device_type": "GPU"}],
        },
    }
    device_view.set_inventory(inv)
    text = device_view.machine.text()
    assert text == describe_inventory(inv)
    assert "GPU 0: <b>GPU</b>, 80 GiB" in text and "TensorFlow 2.21.0 sees 1 CPU, 1 GPU" in text
    assert device_view.machine.textFormat() == Qt.TextFormat.PlainText


def test_hover_reads_the_nearest_values_and_plots_save_as_png(qtbot, tmp_path):
    from gui.widgets.qt_plot_panel import QtPlotPanel

    panel = QtPlotPanel("Loss", "step", "loss")
    qtbot.addWidget(panel)
    panel.resize(400, 300)
    panel.add_curve("raw", "loss", "b")
    panel.add_curve("smooth", "smoothed", "r")
    x = np.arange(1.0, 11.0)
    panel.set_data("raw", x, 1 / x)
    panel.set_data("smooth", x, 2 / x)
    assert panel.readout_at(3.8) == "step 4 · loss 0.25 · smoothed 0.5"
    out = tmp_path / "loss.png"
    assert panel.save_png(out)
    assert out.read_bytes()[:8] == PNG_MAGIC


def test_score_tiles_read_sub_scores_cards_and_flat_dicts(qtbot):
    from gui.widgets.qt_score_panel import QtScorePanel, score_items

    panel = QtScorePanel()
    qtbot.addWidget(panel)
    panel.show_live_samples_per_s(1500.0)
    assert panel.tiles["samples_per_s"].value.text() == "1,500 samples/s"
    panel.show_card({"name": "train_tflops", "value": 0.002, "unit": "TFLOP/s"})
    assert panel.tiles["flops"].value.text() == "2 G FLOP/s"
    panel.show_card(
        {
            "sub_scores": [
                {"name": "ai_suanli", "value": 123456.0, "unit": "FLOP/byte"},
                {"name": "train_samples_per_s", "value": 2000.0, "unit": "samples/s"},
                {"name": "train_samples_per_j", "value": None, "unit": "samples/J"},
            ],
            "suanli_score": None,
        }
    )
    assert panel.tiles["ai_suanli"].value.text() == "123,456 FLOP/byte"
    assert panel.tiles["samples_per_s"].value.text() == "2,000 samples/s"
    panel.show_live_samples_per_s(10.0)  # a measured score is not replaced by the live figure
    assert panel.tiles["samples_per_s"].value.text() == "2,000 samples/s"
    assert panel.tiles["samples_per_j"].detail.text() == "not available on this machine"
    assert [i.name for i in score_items({"a": 1.0, "b": "text"})] == ["a"]


def fake_bench(run_suite):
    module = types.ModuleType("engine.benchmark.suite")
    module.run_suite = run_suite
    return module


def test_benchmark_button_says_when_this_build_has_no_suite(qtbot, make_window, monkeypatch):
    from gui.views.benchmark.qt_benchmark_view import NOT_AVAILABLE

    monkeypatch.setitem(
        sys.modules, "engine.benchmark.suite", None
    )  # import engine.benchmark.suite fails
    window = make_window()
    qtbot.mouseClick(window.benchmark_view.run_button, Qt.MouseButton.LeftButton)
    assert window.benchmark_view.status.text() == NOT_AVAILABLE
    assert not window.busy
    assert "not available in this build" in window.log.toPlainText()


def test_benchmark_runs_the_quick_suite_and_shows_the_card(qtbot, make_window, monkeypatch):
    calls = []

    def run_suite(quick=False, callbacks=None, control=None):
        calls.append(quick)
        callbacks.on_log("info", "step 1/2: training speed")
        callbacks.on_score({"name": "train_samples_per_s", "value": 2500.0, "unit": "samples/s"})
        callbacks.on_log("info", "step 2/2: inference speed")
        callbacks.on_score(
            {"name": "inference_samples_per_s", "value": 9000.0, "unit": "samples/s"}
        )
        return {
            "sub_scores": [
                {"name": "train_samples_per_s", "value": 2500.0, "unit": "samples/s"},
                {"name": "inference_samples_per_s", "value": 9000.0, "unit": "samples/s"},
                {"name": "train_samples_per_j", "value": None, "unit": "samples/J"},
            ],
            "suanli_score": None,
        }

    monkeypatch.setitem(sys.modules, "engine.benchmark.suite", fake_bench(run_suite))
    window = make_window()
    view = window.benchmark_view
    with qtbot.waitSignal(window.benchmark_finished, timeout=60_000):
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
        assert not view.run_button.isEnabled() and not window.form.start_button.isEnabled()
    assert calls == [True]
    assert view.table.rowCount() == 4  # three sub-scores and the composite
    assert view.table.item(0, 0).text() == "Training speed"
    assert view.table.item(2, 1).text() == "not available"
    assert len(view._bar_labels) == 2
    assert view.progress.maximum() == 1 and view.progress.value() == 1
    assert view.status.text() == "Done: 4 figures measured."
    assert window.live_plots.scores.tiles["samples_per_s"].value.text() == "2,500 samples/s"
    assert view.run_button.isEnabled() and window.form.start_button.isEnabled()


def test_a_failing_benchmark_is_reported(qtbot, make_window, monkeypatch):
    def run_suite(quick=False, callbacks=None, control=None):
        raise RuntimeError("no peak FLOP/s measured")

    monkeypatch.setitem(sys.modules, "engine.benchmark.suite", fake_bench(run_suite))
    window = make_window()
    with qtbot.waitSignal(window.benchmark_finished, timeout=60_000):
        qtbot.mouseClick(window.benchmark_view.run_button, Qt.MouseButton.LeftButton)
    assert (
        window.banner_text.text() == "The benchmark failed: RuntimeError: no peak FLOP/s measured"
    )
    assert window.benchmark_view.status.text().startswith("The benchmark failed")


def evaluation_result(names, y, p, *, epochs, wrong):
    """A finished run's result as the Evaluation view reads it: ``wrong`` holds
    ``(index, true, predicted, confidence)`` of the misclassified images."""
    from engine.scoring.classification import classification_report, confusion_matrix

    return types.SimpleNamespace(
        status="finished",
        config={"model": "seed-cnn", "dataset": "fashion-mnist"},
        epochs=[{}] * epochs,
        info={"dataset": {"class_names": names}},
        test={
            "accuracy": float(np.mean(y == p)),
            "samples": len(y),
            "report": classification_report(y, p, names),
            "confusion_matrix": confusion_matrix(y, p, len(names)).tolist(),
        },
        misclassified=[{"index": i, "true": t, "pred": q, "confidence": c} for i, t, q, c in wrong],
        misclassified_images=np.zeros((len(wrong), 28, 28), dtype=np.uint8),
    )


def test_evaluation_view_shows_report_matrix_and_gallery(qtbot):
    from gui.widgets.qt_evaluation_view import QtEvaluationView

    view = QtEvaluationView()
    qtbot.addWidget(view)
    names = ["T-shirt/top", "Trouser", "<b>Bag</b>"]
    y = np.array([0, 0, 1, 1, 2, 2])
    p = np.array([0, 1, 1, 1, 2, 0])
    result = evaluation_result(names, y, p, epochs=1, wrong=[(1, 0, 1, 0.6), (5, 2, 0, 0.9)])
    view.show_result(result)
    assert view.report_table.rowCount() == 3 + 4
    assert view.report_table.item(2, 0).text() == "<b>Bag</b>"
    assert view.gallery.count() == 2
    assert view.gallery.item(1).text() == "true <b>Bag</b>\npredicted T-shirt/top\n90 % sure"
    assert len(view._cell_labels) == 5  # one per non-zero cell
    assert view._confusion_readout(0.1, 2.2) == (
        "true <b>Bag</b>, predicted T-shirt/top: 1 images (50.0 % of <b>Bag</b>)"
    )
    # the matrix in words: the pairs mixed up most, most first
    assert view.confused.text() == (
        "Most confused: T-shirt/top taken for Trouser (1×), <b>Bag</b> for T-shirt/top (1×)."
    )
    # every caption line of a misclassified image fits its grid cell
    lines = 3 * view.gallery.fontMetrics().lineSpacing()
    assert view.gallery.gridSize().height() >= 56 + lines
    assert view.gallery.minimumHeight() > view.gallery.gridSize().height()
    view.show_result(types.SimpleNamespace(status="stopped", test=None))
    assert view.report_table.rowCount() == 0 and "stopped" in view.summary.text()
    assert view.confused.isHidden()
    assert not view.confusion.plot_item.getAxis("left").isVisible()  # no empty 0-1 axes


def test_most_confused_names_the_biggest_off_diagonal_cells():
    from gui.widgets.confusion_summary import most_confused, most_confused_text

    cm = np.array([[50, 2, 0], [9, 40, 9], [0, 3, 47]])
    assert most_confused(cm) == [(1, 0, 9), (1, 2, 9), (2, 1, 3)]
    assert most_confused_text(cm, ["4", "9", "7"]) == (
        "Most confused: 9 taken for 4 (9×), 9 for 7 (9×), 7 for 9 (3×)."
    )
    assert most_confused_text(np.diag([5, 5]), ["a", "b"]) == ""


@pytest.mark.parametrize(
    "name, pretty",
    [
        ("train_samples_per_s", "Training speed"),
        ("inference_b32_samples_per_s", "Inference speed, batch 32"),
        ("latency_b1_p99_ms", "Latency, batch 1 (99th percentile)"),
        ("something_new", "Something new"),
    ],
)
def test_score_names_read_as_words(name, pretty):
    from gui.score_names import pretty_name

    assert pretty_name(name) == pretty


def a_full_card() -> dict:
    """A quick-suite score card with every sub-score the suite measures (one GPU-less
    machine: the energy figures are not available)."""
    subs = [
        ("peak_tflops", 0.21, "TFLOP/s"),
        ("trace_seconds", 1.9, "s"),
        ("warmup_seconds", 0.4, "s"),
        ("train_tflops", 0.05, "TFLOP/s"),
        ("train_efficiency_percent", 23.5, "%"),
        ("train_samples_per_s", 2500.0, "samples/s"),
        ("input_wait_percent", 3.1, "%"),
        ("train_samples_per_j", None, "samples/J"),
    ]
    for b in (1, 32, 256, 1024):
        subs += [
            (f"inference_b{b}_samples_per_s", 400.0 * b**0.5, "samples/s"),
            (f"latency_b{b}_p50_ms", 0.8 * b**0.5, "ms"),
            (f"latency_b{b}_p99_ms", 1.6 * b**0.5, "ms"),
        ]
    subs += [
        ("inference_samples_per_s", 6400.0, "samples/s"),
        ("inference_samples_per_j", None, "samples/J"),
        ("inference_tflops", 0.03, "TFLOP/s"),
        ("time_to_accuracy_s", 41.0, "s"),
        ("ai_suanli", 123456.0, "FLOP/byte"),
        ("ai_suanli_per_sample", 2345.0, "FLOP/byte"),
    ]
    return {
        "sub_scores": [{"name": n, "value": v, "unit": u} for n, v, u in subs],
        "suanli_score": 987.6,
    }


def test_the_benchmark_view_speaks_chinese(zh_CN, qtbot):
    from engine.i18n import _
    from gui.views.benchmark.qt_benchmark_view import QtBenchmarkView
    from tests.gui.texts import english_left

    view = QtBenchmarkView()
    qtbot.addWidget(view)
    view.set_running(True)
    view.show_progress(_("Inference throughput and latency"))
    assert view.status.text() == "推理吞吐量与延迟"
    view.set_running(False)
    view.show_finished(a_full_card(), None, False)
    assert view.table.rowCount() == 27
    assert view.table.horizontalHeaderItem(0).text() == "测量项"
    assert view.table.item(5, 0).text() == "训练速度"
    assert view.table.item(5, 1).text() == "2,500 样本/秒"
    assert view.table.item(7, 1).text() == "不可用"
    assert view.status.text() == "完成：共测得 27 项数据。"
    assert view._bar_readout(0.0, 0.0) == "训练速度：2,500 样本/秒"
    # TFLOP/s is a unit that stays as it is (like FLOP/s); so is the reference CPU's model
    cpu = (view.reference or {}).get("machine", {}).get("cpu_model") or ""
    keep = ("TFLOP/s", *cpu.replace("(", " ").replace(")", " ").split())
    assert not (left := english_left(view, keep=keep)), "\n".join(left)
    view.show_finished(None, "RuntimeError: no peak measured", False)
    assert view.status.text() == "基准测试失败：RuntimeError: no peak measured"
    view.show_unavailable()
    # the module's name stays as it is
    assert "engine.benchmark.suite" in view.status.text()
    assert english_left(view.status, keep=("engine", "bench")) == []


def evaluation_english_left(view, keep=()) -> list[str]:
    """``english_left`` of the evaluation view. tests/gui/texts.py cannot read a QListWidget
    yet (``QAbstractListModel.columnCount()`` wants its parent argument there), so the
    gallery's items are read here and the rest of the view through ``english_left``."""
    from tests.gui.texts import english_left, english_words

    parts = (view.summary, view.report_table, view.confusion, view.gallery_title)
    left = [text for part in parts for text in english_left(part, keep)]
    for i in range(view.gallery.count()):
        item = view.gallery.item(i)
        left += [t for t in (item.text(), item.toolTip()) if english_words(t, keep)]
    return left


def test_the_evaluation_view_speaks_chinese(zh_CN, qtbot):
    from gui.widgets.qt_evaluation_view import QtEvaluationView

    view = QtEvaluationView()
    qtbot.addWidget(view)
    assert not (left := evaluation_english_left(view)), "\n".join(left)
    names = ["T-shirt/top", "Trouser", "Bag"]
    y = np.array([0, 0, 1, 1, 2, 2])
    p = np.array([0, 1, 1, 1, 2, 0])
    result = evaluation_result(names, y, p, epochs=2, wrong=[(1, 0, 1, 0.6)])
    view.show_result(result)
    # the class names are the dataset's own
    left = evaluation_english_left(view, keep=("shirt/top", "Trouser", "Bag"))
    assert not left, "\n".join(left)
    assert view.summary.text() == (
        "测试准确率 66.67 %（6 张测试图像）— seed-cnn 在 fashion-mnist 上训练了 2 轮。"
    )
    assert view.report_table.horizontalHeaderItem(4).text() == "图像数"
    assert view.report_table.item(3, 0).text() == "准确率"
    assert view.gallery.item(0).text() == "真实 T-shirt/top\n预测 Trouser\n把握 60 %"
    assert view.gallery_title.text() == "分类错误的测试图像（前 1 张，共 2 张）"
    assert view._confusion_readout(0.1, 2.2) == (
        "真实 Bag，预测 T-shirt/top：1 张图像（占 Bag 的 50.0 %）"
    )
    view.show_result(types.SimpleNamespace(status="stopped", test=None))
    assert view.summary.text() == "运行在测试集评估之前已停止，因此没有报告。"
    assert not (left := evaluation_english_left(view)), "\n".join(left)
