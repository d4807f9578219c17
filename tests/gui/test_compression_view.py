"""The Compression tab: the lab's rows fill one table and two charts as they are measured,
Stop ends the lab, engine errors reach the banner, and names stay plain text."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from engine.config import RunConfig
from engine.events import Callback
from gui.views.compression.variant_table import chart_name, variant_name
from tests.gui.fakes import LONG_WAIT_MS

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
STAGES = [["baseline", 1], ["prune", 1], ["teacher", 1], ["distill", 1]]


def lab_rows() -> list[dict]:
    """Seven rows shaped like ``run_compression``'s (the fields the view reads)."""

    def row(variant, label, size, gz, acc, p50, tput, **extra):
        return {
            "variant": variant,
            "label": label,
            "file": f"/tmp/models/{variant}",
            "size_bytes": size,
            "gzip_bytes": gz,
            "test_accuracy": acc,
            "inference_flops_per_sample": 2_710_000.0,
            "latency_ms_p50": p50,
            "latency_ms_p99": 2 * p50,
            "throughput_samples_per_s": tput,
            "ai_suanli": 6754.4,
            **extra,
        }

    return [
        row("keras", "Keras float32 (baseline)", 239_764, 221_000, 0.956, 1.27, 20_507.0),
        row("tflite-fp32", "TFLite float32", 220_728, 204_000, 0.956, 0.117, 40_146.0),
        row("tflite-fp16", "TFLite float16", 112_580, 101_000, 0.9555, 0.024, 37_049.0),
        row("tflite-dynamic", "TFLite dynamic range", 58_672, 50_100, 0.955, 0.022, 50_341.0),
        row("tflite-int8", "TFLite full int8", 58_936, 50_900, 0.951, 0.112, 22_909.0),
        row(
            "pruned",
            "Pruned (Keras)",
            239_653,
            120_000,
            0.953,
            1.38,
            20_018.0,
            sparsity=0.5,
            target_sparsity=0.5,
        ),
        row(
            "distilled",
            "Distilled student (Keras)",
            239_764,
            221_000,
            0.9525,
            1.36,
            24_114.0,
            teacher="seed-cnn-wide",
            temperature=4.0,
            alpha=0.1,
        ),
    ]


def lab_result(rows: list[dict], status: str = "finished") -> dict:
    return {
        "kind": "compress",
        "status": status,
        "variants": rows,
        "wall_seconds": 75.0,
        "info": {"files": "/tmp/models", "stages": STAGES, "epochs": 4},
        "store_run_id": 7,
    }


def deliver(callbacks, row: dict) -> None:
    """What the lab does with a measured row: every callback's ``on_variant`` gets it."""
    for cb in callbacks.callbacks:
        hook = getattr(cb, "on_variant", None)
        if callable(hook):
            hook(dict(row))


@pytest.fixture
def view(qtbot):
    from gui.views.compression.qt_compression_view import QtCompressionView

    v = QtCompressionView()
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_rows_fill_the_table_both_charts_and_the_note(view, tmp_path):
    view.set_running(True)
    rows = lab_rows()
    for row in rows:
        view.add_row(row)
    table = view.table
    assert table.rowCount() == 7
    assert table.horizontalHeaderItem(1).text() == "Size S\n(kB)"
    assert "kilobytes" in table.horizontalHeaderItem(1).toolTip()
    assert [table.item(0, c).text() for c in range(table.columnCount())] == [
        "original",
        "239.8",
        "221.0",
        "95.60",
        "2.71 M",
        "1.27",
        "2.54",
        "20,507",
        "6,754",
    ]
    assert table.item(0, 1).toolTip() == "239,764 bytes"
    assert view.chart_points == {"size": 7, "latency": 7}
    QApplication.processEvents()  # the plots take their new ranges
    for scatter in (view._size_scatter, view._latency_scatter):
        # each dot is named once, and no two names overlap (dots sit close together here)
        labels = scatter.labels
        assert sorted(label.toPlainText() for label in labels) == sorted(
            chart_name(r["variant"]) for r in rows
        )
        boxes = [label.sceneBoundingRect().adjusted(4, 4, -4, -4) for label in labels]
        assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert view.note.text() == (
        "Pruned: 50.0 % of the weights are zero (target 50 %); the file only shrinks "
        "gzipped · distilled: 95.25 % vs 95.60 % without a teacher (-0.35 points; "
        "teacher seed-cnn-wide, T = 4, α = 0.1)"
    )
    # hovering over the int8 dot on the latency chart reads out its values
    x, y = view._latency_scatter._xy[4]
    assert view.latency_chart._hover_fn(x, y) == (
        "TFLite full int8: 95.10 % · latency p50 0.112 ms"
    )
    assert view.size_chart._hover_fn(*view._size_scatter._xy[0]).endswith("size 239.8 kB")
    out = tmp_path / "size.png"
    assert view.size_chart.save_png(out) and out.read_bytes()[:8] == PNG_MAGIC

    # the answer first: the smallest variant as accurate as the original, and by how much
    assert view.verdict.isVisible()
    assert view.verdict.text() == (
        "TFLite 8-bit weights: 4.1x smaller, 57.7x faster, accuracy −0.1 points — best for "
        "deployment"
    )
    assert "a quarter of the size" in table.item(3, 0).toolTip()  # in plain words
    assert "AI算力" in table.horizontalHeaderItem(8).toolTip()  # where (C+R)/S comes from

    view.set_running(False)
    view.show_finished(lab_result(rows), None, False)
    assert view.status.text() == (
        "Done in 1:15: 7 variants measured. Model files in /tmp/models. "
        "Kept in the results store as run 7."
    )
    assert view.progress.value() == view.progress.maximum()


def test_variant_names_are_plain_text(view):
    from gui.views.compression.lab_model import lab_note

    row = dict(lab_rows()[0], variant="<b>bold</b>", label="<i>Keras</i>")
    view.add_row(row)
    assert view.table.item(0, 0).text() == "<b>bold</b>"
    assert view.table.item(0, 0).toolTip().startswith("<i>Keras</i>")
    assert view._size_scatter.labels[0].toPlainText() == "<b>bold</b>"
    assert view.size_chart._hover_fn(*view._size_scatter._xy[0]).startswith("<i>Keras</i>: ")
    assert view.size_chart.readout.textFormat() == Qt.TextFormat.PlainText
    assert view.note.textFormat() == Qt.TextFormat.PlainText
    assert lab_note([row]) == ""


def test_the_form_builds_the_lab_config_from_its_own_fields_and_the_training_form(view):
    form = RunConfig(dataset="fashion-mnist", data_dir="/data/f", limit=500, device="cpu")
    config = view.compress_config(form)
    assert (config.dataset, config.data_dir, config.limit, config.device) == (
        "fashion-mnist",
        "/data/f",
        500,
        "cpu",
    )
    assert (config.epochs, config.sparsity, config.temperature, config.alpha) == (5, 0.5, 4, 0.1)
    view.dataset.setCurrentIndex(view.dataset.findData("synthetic"))
    view.sparsity.setValue(80)
    view.advanced_button.click()
    assert view.advanced.isVisible()
    view.alpha.setValue(0.5)
    config = view.compress_config(form)
    assert (config.dataset, config.data_dir, config.sparsity, config.alpha) == (
        "synthetic",
        None,  # the training form's folder belongs to its own dataset
        0.8,
        0.5,
    )


def test_a_lab_run_shows_each_row_as_it_is_measured(qtbot, window, monkeypatch):
    gate = threading.Event()
    configs = []

    def fake_compress_job(config, callbacks, control):
        configs.append(config)
        callbacks.on_run_begin({"stages": STAGES, "epochs": 4})
        callbacks.on_epoch_begin(1, {"steps": 2, "epochs": 4, "stage": "baseline"})
        callbacks.on_batch_end(1, {"epoch_step": 1, "epoch_steps": 2, "stage": "baseline"})
        rows = lab_rows()
        deliver(callbacks, rows[0])
        gate.wait(LONG_WAIT_MS / 1000)
        for row in rows[1:]:
            deliver(callbacks, row)
        return lab_result(rows)

    monkeypatch.setattr("gui.runtime.jobs.compress_job", fake_compress_job)
    view = window.compression_view
    window.form.set_config(RunConfig(dataset="synthetic", limit=300))
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    assert window.busy and not view.run_button.isEnabled() and view.stop_button.isEnabled()
    assert not window.form.start_button.isEnabled()
    assert not window.benchmark_view.run_button.isEnabled()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=LONG_WAIT_MS)
    assert view.lab_progress.text() == (
        "Stage 1 of 4, training the baseline: epoch 1/1, step 1/2 · 1 of 7 variants measured"
    )
    assert 0 < view.lab_progress.fraction() < 1
    with qtbot.waitSignal(window.compression_finished, timeout=LONG_WAIT_MS):
        gate.set()
    assert configs[0].dataset == "synthetic" and configs[0].limit == 300
    assert view.table.rowCount() == 7 and view.chart_points == {"size": 7, "latency": 7}
    assert view.status.text().startswith("Done in 1:15: 7 variants measured.")
    assert view.note.text().startswith("Pruned: 50.0 %")
    assert view.run_button.isEnabled() and window.form.start_button.isEnabled()
    assert not window.banner.isVisible()


def test_an_engine_error_shows_in_the_banner(qtbot, window, tmp_path):
    view = window.compression_view
    missing = tmp_path / "no-such-folder"
    window.form.set_config(RunConfig(dataset="mnist", data_dir=str(missing)))
    with qtbot.waitSignal(window.compression_finished, timeout=LONG_WAIT_MS) as blocker:
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [None]
    banner = window.banner_text.text()
    assert banner.startswith("The compression lab failed: ") and str(missing) in banner
    assert view.status.text() == banner
    assert view.table.rowCount() == 0 and view.run_button.isEnabled()


def test_a_setting_the_engine_refuses_is_said_before_anything_starts(qtbot, window):
    view = window.compression_view
    view.overrides = {"teacher": "no-such-model"}
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    assert not window.busy
    assert "teacher" in view.status.text() and "no-such-model" in view.status.text()


class HoldAtFirstRow(Callback):
    """Holds the lab after its first measured variant until released (no timing)."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def on_variant(self, row):
        self.reached.set()
        self.release.wait(LONG_WAIT_MS / 1000)


TINY = {"latency_runs": 3, "throughput_batches": 1, "calibration_samples": 50}


def tiny_lab(window) -> None:
    window.form.set_config(RunConfig(dataset="synthetic", limit=300, seed=0))
    view = window.compression_view
    view.epochs.setValue(1)
    view.prune_epochs.setValue(1)
    view.overrides = dict(TINY)


def test_stop_ends_the_lab_between_variants(qtbot, window, monkeypatch):
    import gui.runtime.jobs

    hold = HoldAtFirstRow()
    real_job = gui.runtime.jobs.compress_job

    def held_job(config, callbacks, control):
        callbacks.append(hold)
        return real_job(config, callbacks, control)

    monkeypatch.setattr("gui.runtime.jobs.compress_job", held_job)
    tiny_lab(window)
    view = window.compression_view
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    qtbot.mouseClick(view.stop_button, Qt.MouseButton.LeftButton)
    assert view.status.text() == "Stopping after this batch…"
    with qtbot.waitSignal(window.compression_finished, timeout=LONG_WAIT_MS) as blocker:
        hold.release.set()
    result = blocker.args[0]
    assert result["status"] == "stopped"
    assert [r["variant"] for r in result["variants"]] == ["keras"]
    assert view.table.rowCount() == 1
    assert view.status.text() == "Stopped; 1 of 7 variants measured."
    assert not window.busy and view.run_button.isEnabled()


def test_a_tiny_real_lab_fills_every_row_and_finishes(qtbot, window):
    from engine.compress import VARIANTS

    tiny_lab(window)
    view = window.compression_view
    with qtbot.waitSignal(window.compression_finished, timeout=LONG_WAIT_MS) as blocker:
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result["status"] == "finished", window.banner_text.text()
    assert view.table.rowCount() == len(VARIANTS)
    assert [view.table.item(i, 0).text() for i in range(len(VARIANTS))] == [
        variant_name(r["variant"]) for r in result["variants"]
    ]
    assert view.verdict.text().endswith("best for deployment") or "original" in (
        view.verdict.text()
    )
    assert view.chart_points == {"size": len(VARIANTS), "latency": len(VARIANTS)}
    assert "without a teacher" in view.note.text()
    assert result.get("store_run_id") is not None  # kept in the results store by the lab
    assert f"as run {result['store_run_id']}." in view.status.text()
    assert "Compression lab started" in window.log.toPlainText()


@pytest.mark.parametrize(
    "lo, hi, labels",
    [
        (-1.8, 0.3, ["0.02", "0.05", "0.1", "0.2", "0.5", "1"]),
        (-0.1, 0.1, ["0.8", "0.9", "1"]),
        (-3, 2, ["0.001", "0.01", "0.1", "1", "10", "100"]),
    ],
)
def test_the_latency_axis_is_labelled_with_plain_values(lo, hi, labels):
    from gui.views.compression.lab_model import log_ticks

    assert [text for _, text in log_ticks(lo, hi)] == labels


# Names: "TensorFlow Lite", gzip; "seed-cnn", "tflite-dynamic" and "Fashion-MNIST", which
# texts.py reads as "seed", "tflite" and "Fashion" and the flags "-cnn", "-dynamic" and
# "-MNIST"; and the test's folder /tmp/models, whose "tmp/models" it reads as a unit.
KEPT = ("Lite", "gzip", "seed", "tflite", "Fashion", "tmp/models")


def test_the_compression_view_speaks_chinese(zh_CN, view):
    from tests.gui.texts import english_left

    view.advanced_button.click()
    assert view.advanced_button.text() == "高级 ▾"
    view.set_running(True)
    progress = view.new_progress()
    progress.on_run_begin({"stages": STAGES, "epochs": 4})
    assert progress.text() == "正在加载数据并构建模型…"
    progress.on_epoch_begin(1, {"steps": 2, "epochs": 4, "stage": "baseline"})
    progress.on_batch_end(1, {"epoch_step": 1, "epoch_steps": 2, "stage": "baseline"})
    view._on_progress_tick()
    assert view.status.text() == (
        "第 1/4 阶段，正在训练基线模型：第 1/1 轮，第 1/2 步 · 已测量 0/7 个变体"
    )
    progress.on_epoch_end(1, {})
    assert (
        progress.text()
        == "第 1/4 阶段，正在测量基线模型及其 TensorFlow Lite 转换版本… · 已测量 0/7 个变体"
    )
    assert not (left := english_left(view, keep=KEPT)), "\n".join(left)
    rows = lab_rows()
    for row in rows:
        view.add_row(row)
    view.set_running(False)
    result = dict(
        lab_result(rows),
        pruning={"target_sparsity": 0.5, "sparsity": 0.5, "weights": 225_034},
        distillation={
            "teacher": {"model": "seed-cnn-wide"},
            "temperature": 4.0,
            "alpha": 0.1,
            "student_test_accuracy": 0.9525,
            "no_teacher_test_accuracy": 0.956,
        },
    )
    view.show_finished(result, None, False)
    assert not (left := english_left(view, keep=KEPT)), "\n".join(left)
    assert view.table.horizontalHeaderItem(0).text() == "变体"
    assert view.table.item(5, 0).text() == "剪枝"
    assert view.table.item(0, 0).toolTip().startswith("Keras float32（基线）\n")
    assert view.table.item(0, 0).toolTip().endswith("\n/tmp/models/keras")
    assert view.table.item(0, 1).toolTip() == "239,764 字节"
    assert view.status.text() == (
        "完成，用时 1:15：已测量 7 个变体。模型文件位于 /tmp/models。已作为运行 7 保存在结果库中。"
    )
    assert view.note.text() == (
        "剪枝：225,034 个权重中 50.0 % 为零（目标 50 %）；文件只有在 gzip 压缩后才会变小 · "
        "蒸馏：95.25 %，无教师时为 95.60 %（-0.35 个百分点；教师 seed-cnn-wide，T = 4，α = 0.1）"
    )
    x, y = view._latency_scatter._xy[4]
    assert view.latency_chart._hover_fn(x, y) == "TFLite 完整 int8：95.10 % · 延迟 p50 0.112 ms"
    view.show_finished(None, "DataError: no such folder", False)
    assert view.status.text() == "压缩实验失败：DataError: no such folder"
    view.set_running(True)  # a new lab, stopped after two variants
    view.set_running(False)
    view.show_finished(lab_result(rows[:2], "stopped"), None, True)
    assert view.status.text() == "已停止；已测量 2/7 个变体。"
    assert not (left := english_left(view, keep=KEPT)), "\n".join(left)
