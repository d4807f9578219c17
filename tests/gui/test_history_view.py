"""The History tab as a user drives it: the store's runs in a table, sorted and filtered;
a run opened shows its epochs, curves, report and card; rename, tag, delete (asked
first), export and import; a run started from the window is recorded and the list reads
the store while the engine writes it."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from engine.cards.card import SubScore, make_card
from engine.events import Callback, RecordingCallback
from engine.hashing import json_sha256
from engine.i18n.message import Message
from engine.paths import suanli_home
from engine.scoring.score import load_reference_profile
from engine.store.store import Store
from engine.store.writer import StoreWriter, record_card
from tests.gui.fakes import LONG_WAIT_MS, SMALL_RUN, gpu_sample, snapshot

CLASSES = ["zero", "one", "two"]
# how engine.training.run words an out-of-memory failure (a Message, stored as its dict)
OOM = (
    "out of memory at batch size 64: the device cannot hold this batch; "
    "try a smaller batch size (e.g. 32)"
)
OOM_MESSAGE = Message(
    "out of memory at batch size {batch}: the device cannot hold this batch; "
    "try a smaller batch size (e.g. {smaller})",
    {"batch": 64, "smaller": 32},
)


def write_run(
    store: Store,
    *,
    name: str = "",
    dataset: str = "mnist",
    device: str = "/device:CPU:0",
    status: str = "finished",
    epochs: int = 2,
    accuracy: float = 0.9,
    tags: tuple[str, ...] = (),
    uid: str | None = None,
    samples: tuple = (),
    environment: dict | None = None,
) -> int:
    """A training run as StoreWriter records it: epochs, batch points, the test report, and
    the telemetry ``samples`` (snapshots, as a sampler hands them to it) during epoch 1."""
    w = StoreWriter(store, name=name, tags=tags, environment=environment or {})
    info = {
        "config": {"dataset": dataset, "model": "seed-cnn", "epochs": epochs, "batch_size": 32},
        "device": device,
        "steps_per_epoch": 10,
        "dataset": {"class_names": CLASSES, "sizes": {"train": 320, "dev": 32, "test": 30}},
    }
    if uid:
        info["run_id"] = uid
    w.on_run_begin(info)
    for snap in samples:
        w.on_device_sample(snap)
    step = 0
    for epoch in range(1, epochs + 1):
        for _ in range(10):
            step += 1
            w.on_batch_end(
                step,
                {"loss": 1.0 / step, "accuracy": accuracy, "epoch": epoch, "samples_per_s": 900.0},
            )
        w.on_epoch_end(
            epoch,
            {
                "epoch": epoch,
                "train_loss": 0.5 / epoch,
                "train_accuracy": accuracy,
                "dev_loss": 0.6 / epoch,
                "dev_accuracy": accuracy - 0.01,
                "samples_per_s": 1000.0 * epoch,
                "seconds": 3.0,
            },
        )
    report = {c: {"precision": 0.9, "recall": 0.9, "f1-score": 0.9, "support": 10} for c in CLASSES}
    report["accuracy"] = accuracy
    report["macro avg"] = {"precision": 0.9, "recall": 0.9, "f1-score": 0.9, "support": 30}
    test = {
        "accuracy": accuracy,
        "loss": 0.3,
        "samples": 30,
        "report": report,
        "confusion_matrix": [[9, 1, 0], [0, 10, 0], [1, 0, 9]],
    }
    w.on_run_end(
        {
            "status": status,
            "steps": step,
            "samples_seen": step * 32,
            "wall_seconds": 7.0,
            "train_seconds": 6.0,
            "test": test if status == "finished" else None,
            "error": OOM_MESSAGE.to_dict() if status == "failed" else None,
        }
    )
    assert w.error is None and w.run_id is not None
    return w.run_id


def a_card(speed: float = 4000.0, gpu: str = "GPU X", tf: str = "2.18.0", cpu: str = "Test CPU"):
    facts = {"cpu_model": cpu, "gpus": [{"name": gpu}], "tensorflow": tf}
    # the store recomputes the composite from the sub-scores: this inference speed makes
    # it speed / 4 (1000 x the geometric mean of the two ratios)
    ref = load_reference_profile()["sub_scores"]
    infer = ref["inference_samples_per_s"]["value"] * ref["train_samples_per_s"]["value"]
    infer *= speed / 4000**2
    return make_card(
        suite_version="1",
        config={"model": "seed-cnn", "batch_size": 32},
        dataset_sha256="ab" * 32,
        environment={"facts": facts, "sha256": json_sha256(facts)},
        sub_scores=[
            SubScore("train_samples_per_s", speed, "samples/s", True, (speed,)),
            SubScore("warmup_seconds", 2.0, "s", False, (2.0,)),
            SubScore("inference_samples_per_s", infer, "samples/s", True, (infer,)),
        ],
        suanli_score=speed / 4,
        created_utc="2026-01-02T03:04:05Z",
    )


@pytest.fixture
def store():
    with Store() as s:  # $SUANLI_HOME is a temp folder per test (tests/conftest.py)
        yield s


@pytest.fixture
def runs(store):
    """Four runs: three trainings (one failed, one on the GPU) and a benchmark with a card."""
    ids = {
        "a": write_run(store, name="alpha", accuracy=0.91, tags=("baseline",)),
        "b": write_run(store, name="beta", dataset="fashion", accuracy=0.85),
        "c": write_run(store, name="gamma", status="failed", device="/device:GPU:0", epochs=1),
    }
    ids["bench"] = record_card(a_card(), store=store, name="bench here")
    return ids


@pytest.fixture
def view(qtbot, store):
    from gui.views.history.qt_history_view import QtHistoryView

    v = QtHistoryView(store)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    return v


def names(view) -> list[str]:
    m = view.model
    return [m.data(m.index(r, 1)) for r in range(m.rowCount())]


def open_row(qtbot, view, run_id: int):
    assert view.select_run(run_id)
    qtbot.waitUntil(lambda: view.opened is not None and view.opened.id == run_id)
    return view.opened


# --------------------------------------------------------------------------- the list


def test_the_runs_in_the_store_show_in_the_list_newest_first(view, runs):
    assert view.refresh()
    assert names(view) == ["bench here", "gamma", "beta", "alpha"]
    assert view.count_label.text() == "4 runs"
    m = view.model
    row = m.row_of(runs["a"])
    assert m.data(m.index(row, 3)) == "finished"
    assert m.data(m.index(row, 6)) == "CPU:0"  # TensorFlow's device prefix is dropped
    assert m.data(m.index(row, 7)) == "2/2"
    assert m.data(m.index(row, 9)) == "91.00 %"
    assert m.data(m.index(row, 13)) == "baseline"
    assert view.load_seconds is not None


def test_sorting_by_a_column_puts_unknown_values_last_both_ways(view, runs):
    view.refresh()
    view.table.sortByColumn(9, Qt.SortOrder.AscendingOrder)  # test accuracy
    assert names(view)[:2] == ["beta", "alpha"]
    assert set(names(view)[2:]) == {"gamma", "bench here"}  # no test accuracy
    view.table.sortByColumn(9, Qt.SortOrder.DescendingOrder)
    assert names(view)[:2] == ["alpha", "beta"]
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # name
    assert names(view) == ["alpha", "bench here", "beta", "gamma"]


def test_sorting_keeps_the_selected_run_selected(view, runs):
    view.refresh()
    view.select_run(runs["b"])
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert view.selected_id() == runs["b"]


def test_filters_by_dataset_device_status_tag_and_text(view, runs):
    view.refresh()
    combo = view.dataset_filter
    assert [combo.itemText(i) for i in range(combo.count())] == ["All datasets", "fashion", "mnist"]
    combo.setCurrentIndex(combo.findData("fashion"))
    assert names(view) == ["beta"]
    assert view.count_label.text() == "1 of 4 runs"
    combo.setCurrentIndex(0)
    view.device_filter.setCurrentIndex(view.device_filter.findData("/device:GPU:0"))
    assert names(view) == ["gamma"]
    view.device_filter.setCurrentIndex(0)
    view.status_filter.setCurrentIndex(view.status_filter.findData("finished"))
    assert set(names(view)) == {"alpha", "beta", "bench here"}
    view.tag_filter.setCurrentIndex(view.tag_filter.findData("baseline"))
    assert names(view) == ["alpha"]
    view.tag_filter.setCurrentIndex(0)
    view.search.setText("BET")  # case-insensitive; applied after typing stops
    view.apply_filters()
    assert names(view) == ["beta"]


def test_a_new_run_appears_when_the_view_is_told_the_store_changed(view, store, runs):
    view.show()
    view.refresh()
    write_run(store, name="delta")
    assert "delta" not in names(view)
    view.mark_stale(None)  # the window's run_finished signal
    assert "delta" in names(view)


# --------------------------------------------------------------------------- opening a run


def test_opening_a_run_shows_its_epochs_curves_report_and_details(qtbot, view, runs):
    view.refresh()
    rec = open_row(qtbot, view, runs["a"])
    assert len(rec.epochs) == 2 and len(rec.batches["step"]) == 20
    plots = view.plots.plots
    assert plots.epoch_table.rowCount() == 2 and view.detail_tabs.tabText(1) == "Epochs"
    assert plots.epoch_table.item(1, 0).text() == "0.25"  # train loss of epoch 2
    assert plots.loss.point_count("batch") == 20
    assert plots.loss.curve("epoch_dev").xData.tolist() == [10.0, 20.0]  # epoch ends, in steps
    ev = view.evaluation
    assert ev.report_table.item(0, 0).text() == "zero"
    assert "Test accuracy 91.00 %" in ev.summary.text()
    assert ev._matrix.tolist() == [[9, 1, 0], [0, 10, 0], [1, 0, 9]]
    details = {
        view.details_table.item(r, 0).text(): view.details_table.item(r, 1).text()
        for r in range(view.details_table.rowCount())
    }
    assert details["Status"] == "finished" and details["config: batch_size"] == "32"
    assert "Run " + str(runs["a"]) in view.title.text()


def test_a_runs_throughput_shows_the_measured_rate_and_names_the_running_average(qtbot, view, runs):
    """The store keeps each batch point's epoch-so-far average (900/s here): drawn and
    named as such, under the rate measured between the stored points ("per batch")."""
    from engine.reports.run_charts import measured_rates

    view.refresh()
    rec = open_row(qtbot, view, runs["a"])
    tp = view.plots.plots.throughput
    assert tp.curve("running").name() == "epoch so far (running average)"
    assert tp.curve("running").yData.tolist() == [900.0] * 20
    assert tp.curve("batch").name() == "per batch"
    xs, ys = measured_rates(rec)
    assert len(xs) == 18  # each epoch's first point has none before it to measure from
    assert tp.curve("batch").xData.tolist() == xs and tp.curve("batch").yData.tolist() == ys


def test_opening_a_benchmark_shows_its_score_card(qtbot, view, runs):
    view.refresh()
    open_row(qtbot, view, runs["bench"])
    table = view.card_table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Training speed"] == "4,000 samples/s"
    assert rows["Suanli score"] == "1,000 points"
    assert view.detail_tabs.currentWidget() is view.card_box
    assert not view.plots.note.isHidden()  # no curves, and it says why
    assert view.export_button.isEnabled()


def device_snapshots(gpus: int = 0) -> list:
    """Four ticks of a sampler, 0.5 s apart, CPU load rising 20 % per tick."""
    return [
        snapshot(
            100.0 + 0.5 * i,
            [gpu_sample(g, util=10.0 * i + g) for g in range(gpus)],
            cpu=20.0 * (i + 1),
        )
        for i in range(4)
    ]


def test_a_cpu_only_runs_device_tab_shows_its_cpu_and_ram_timeline(qtbot, view, store):
    run = write_run(store, samples=tuple(device_snapshots()))
    view.refresh()
    open_row(qtbot, view, run)
    device = view.device_plots
    tabs = view.detail_tabs
    assert tabs.tabText(tabs.indexOf(device)) == "Device"
    assert device.note.isHidden() and not device.caption.isHidden()
    assert device.caption.text() == "4 telemetry samples over 1.5 s."
    cpu = device.cpu.curve("cpu")
    assert cpu.xData.tolist() == [0.0, 0.5, 1.0, 1.5]  # seconds from the run's first sample
    assert cpu.yData.tolist() == [20.0, 40.0, 60.0, 80.0]
    assert device.cpu.curve("process").yData.tolist() == [45.0] * 4  # 90 % of 2 cores
    assert device.ram.curve("used").yData.tolist() == [2.0] * 4  # GiB
    assert device.ram.curve("total").yData.tolist() == [8.0] * 4
    assert device.gpu_panels == {}  # no GPU in the samples: CPU load and RAM only
    assert device.cpu.readout_at(1.0) == "at 1.0 s · whole machine 60 % · Suanli 45 %"


def test_a_gpu_runs_device_tab_shows_utilisation_memory_power_and_temperature(qtbot, view, store):
    gpu_run = write_run(store, name="gpu", samples=tuple(device_snapshots(gpus=2)))
    cpu_run = write_run(store, name="cpu", samples=tuple(device_snapshots()))
    view.refresh()
    open_row(qtbot, view, gpu_run)
    device = view.device_plots
    p = device.gpu_panels
    assert [panel.title for panel in p.values()] == [  # as on the Device tab
        "GPU utilisation",
        "GPU memory",
        "GPU temperature",
        "GPU power",
    ]
    assert p["util"].curve("util1").xData.tolist() == [0.0, 0.5, 1.0, 1.5]
    assert p["util"].curve("util1").yData.tolist() == [1.0, 11.0, 21.0, 31.0]
    assert p["memory"].curve("mem0").yData.tolist() == [6.0] * 4  # GiB
    assert p["memory"].curve("memtotal0").yData.tolist() == [24.0] * 4
    assert p["power"].curve("power0").yData.tolist() == [250.0] * 4
    assert p["power"].curve("limit1").yData.tolist() == [450.0] * 4
    assert p["temperature"].curve("temp1").yData.tolist() == [65.0] * 4
    assert device.cpu.point_count("cpu") == 4
    open_row(qtbot, view, cpu_run)  # the next run opened had no GPU: its panels go
    assert view.device_plots.gpu_panels == {} and device.cpu.point_count("cpu") == 4


def test_a_runs_gpus_are_numbered_as_tensorflow_numbered_them(qtbot, view, store):
    """NVML GPU 1 was TensorFlow's GPU 0 (the device map stored with the run, matched by
    PCI bus id); NVML GPU 0 was not used by TensorFlow: "0 (NVML)", as on the Device tab."""
    pci = {0: "00000000:19:00.0", 1: "00000000:2A:00.0"}
    snaps = [
        snapshot(100.0 + i, [replace(gpu_sample(g), pci_bus_id=pci[g]) for g in (0, 1)])
        for i in range(2)
    ]
    links = [{"tf_index": 0, "nvml_index": 1, "how": "pci_bus_id", "pci_bus_id": "0000:2a:00.0"}]
    run = write_run(store, samples=tuple(snaps), environment={"gpu_links": links})
    older = write_run(store, name="older", samples=tuple(device_snapshots(gpus=2)))
    view.refresh()
    open_row(qtbot, view, run)
    p = view.device_plots.gpu_panels
    assert p["power"].curve("power1").name() == "GPU 0"
    assert p["power"].curve("power0").name() == "GPU 0 (NVML)"
    assert p["memory"].curve("mem1").name() == "GPU 0 used"
    open_row(qtbot, view, older)  # stored before runs kept the device map: NVML's numbers
    p = view.device_plots.gpu_panels
    assert [p["power"].curve(f"power{i}").name() for i in (0, 1)] == ["GPU 0", "GPU 1"]


def test_a_run_without_telemetry_says_so_on_its_device_tab(qtbot, view, store):
    with_samples = write_run(store, samples=tuple(device_snapshots()))
    older = write_run(store)  # as runs were recorded before Suanli kept telemetry
    view.refresh()
    open_row(qtbot, view, with_samples)
    open_row(qtbot, view, older)
    device = view.device_plots
    assert not device.note.isHidden()
    assert device.note.text().startswith("No device telemetry was stored with this run")
    assert device.caption.isHidden() and device.cpu.point_count("cpu") == 0


def test_a_failed_run_says_why_there_is_no_report(qtbot, view, runs):
    view.refresh()
    open_row(qtbot, view, runs["c"])
    assert "failed before its test evaluation" in view.evaluation.summary.text()
    m = view.model
    tip = m.data(m.index(m.row_of(runs["c"]), 3), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"<p>{OOM}</p>"


# --------------------------------------------------------------------------- the mouse


def row_rect(view, run_id: int):
    """The rectangle of ``run_id``'s row (its Name cell) in the table's viewport."""
    return view.table.visualRect(view.model.index(view.model.row_of(run_id), 1))


def click_row(qtbot, view, run_id: int, modifier=Qt.KeyboardModifier.NoModifier):
    from PySide6.QtTest import QTest

    view.show()
    qtbot.waitExposed(view)
    QTest.mouseClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, modifier, row_rect(view, run_id).center()
    )


def test_clicking_a_run_with_the_mouse_enables_its_actions_and_opens_it(qtbot, view, runs):
    view.refresh()
    buttons = (view.rename_button, view.tags_button, view.export_button, view.delete_button)
    assert not any(b.isEnabled() for b in buttons)  # nothing selected yet
    click_row(qtbot, view, runs["a"])
    assert all(b.isEnabled() for b in buttons)  # a training run exports its HTML report
    qtbot.waitUntil(lambda: view.opened is not None and view.opened.id == runs["a"])
    click_row(qtbot, view, runs["bench"])
    assert all(b.isEnabled() for b in buttons)
    qtbot.waitUntil(lambda: view.opened.id == runs["bench"])


def test_several_runs_selected_with_ctrl_click_are_tagged_and_deleted_together(
    qtbot, view, store, runs, monkeypatch
):
    view.refresh()
    click_row(qtbot, view, runs["a"])
    click_row(qtbot, view, runs["b"], Qt.KeyboardModifier.ControlModifier)
    assert [s.id for s in view.selected_summaries()] == sorted(
        [runs["a"], runs["b"]], key=lambda i: view.model.row_of(i)
    )
    assert not view.rename_button.isEnabled() and not view.export_button.isEnabled()
    assert view.tags_button.isEnabled() and view.delete_button.isEnabled()
    prompts = []

    def get_text(parent, title, label, mode, text):
        prompts.append(text)
        return "shared, new", True

    store.set_tags(runs["b"], ["shared"])
    store.set_tags(runs["a"], ["baseline", "shared"])
    view.refresh()
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    view.tags_button.click()
    assert prompts == ["shared"]  # the tags they share
    assert store.get_summary(runs["a"]).tags == ("baseline", "new", "shared")
    assert store.get_summary(runs["b"]).tags == ("new", "shared")
    questions = []

    def answer(box):
        questions.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    view.delete_button.click()
    assert len(questions) == 1 and "2 selected runs" in questions[0]
    assert {s.id for s in store.list_runs()} == {runs["c"], runs["bench"]}


def test_right_click_opens_a_menu_of_the_runs_actions_and_keys_work(
    qtbot, view, store, runs, monkeypatch
):
    from PySide6.QtTest import QTest

    view.refresh()
    click_row(qtbot, view, runs["a"])
    view.table.customContextMenuRequested.emit(row_rect(view, runs["b"]).center())
    menu = view.actions.menu
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Open", "Rename…", "Tags…", "Export report…", "Copy command", "Delete…"]
    assert view.selected_summary().id == runs["b"]  # right-click selects the row under it
    assert all(a.isEnabled() for a in menu.actions())
    menu.close()
    copy = next(a for a in menu.actions() if a.text() == "Copy command")
    copy.trigger()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == f"python -m engine runs show {runs['b']}"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert runs["b"] not in {s.id for s in store.list_runs()}


# --------------------------------------------------------------------------- editing


def test_rename_and_tag_by_editing_cells_and_with_the_buttons(
    qtbot, view, store, runs, monkeypatch
):
    view.refresh()
    m = view.model
    row = m.row_of(runs["b"])
    assert m.setData(m.index(row, 1), "  beta   two ")
    assert store.get_summary(runs["b"]).name == "beta two"
    assert m.setData(m.index(m.row_of(runs["b"]), 13), "x, y,, x")
    assert store.get_summary(runs["b"]).tags == ("x", "y")
    assert view.tag_filter.findData("y") > 0  # the new tag is offered as a filter

    view.select_run(runs["a"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("renamed", True))
    view.rename_button.click()
    assert store.get_summary(runs["a"]).name == "renamed"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("p, q", True))
    view.tags_button.click()
    assert store.get_summary(runs["a"]).tags == ("p", "q")
    assert m.data(m.index(m.row_of(runs["a"]), 13)) == "p, q"


def test_a_refused_edit_is_a_message_and_changes_nothing(view, store, runs):
    view.refresh()
    m = view.model
    assert not m.setData(m.index(m.row_of(runs["a"]), 1), "n" * 500)
    assert store.get_summary(runs["a"]).name == "alpha"
    assert "at most 200 characters" in view.message.text()


def test_delete_asks_first_and_removes_the_checkpoint_folder(view, store, monkeypatch):
    run_id = write_run(store, name="doomed", uid="20260101-000000-abcdef")
    folder = suanli_home() / "runs" / "20260101-000000-abcdef"
    folder.mkdir(parents=True)
    (folder / "run.json").write_text("{}")
    view.refresh()
    view.select_run(run_id)
    asked = []

    def answer(reply):
        def exec_(box):
            asked.append((box.textFormat(), box.text()))
            return reply

        return exec_

    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.No))
    view.delete_button.click()
    assert store.count_runs() == 1 and folder.is_dir()
    assert asked[0][0] == Qt.TextFormat.PlainText and "doomed" in asked[0][1]
    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Yes))
    view.delete_button.click()
    assert store.count_runs() == 0 and not folder.exists()
    assert view.model.rowCount() == 0
    assert "deleted with its checkpoints" in view.message.text()


def test_a_running_run_cannot_be_deleted(view, store):
    w = StoreWriter(store, name="live", environment={})
    w.on_run_begin({"config": {"dataset": "mnist"}})
    view.refresh()
    view.select_run(w.run_id)
    assert not view.delete_button.isEnabled()
    assert not view.delete_run(w.run_id, ask=False)
    assert "still running" in view.message.text() and store.count_runs() == 1
    w.on_run_end({"status": "stopped"})


# --------------------------------------------------------------------------- cards


def test_export_card_writes_the_runs_card(view, runs, tmp_path, monkeypatch):
    view.refresh()
    view.select_run(runs["bench"])
    out = tmp_path / "card.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.export_button.click()
    assert json.loads(out.read_text())["sub_scores"][0]["value"] == 4000.0
    assert "exported to" in view.message.text()


def test_export_report_through_the_dialog_writes_html_and_never_json_under_html(
    qtbot, view, runs, tmp_path, monkeypatch
):
    from gui.settings import LAST_FOLDER_KEY, default_settings

    view.refresh()
    click_row(qtbot, view, runs["bench"])
    asked = []
    answers = iter(
        [
            (str(tmp_path / "report.html"), "Score card (*.json)"),  # .html wins over the type
            (str(tmp_path / "card"), "Score card (*.json)"),  # no ending: the type picked
            (str(tmp_path / "plain"), "HTML report (*.html *.htm)"),
        ]
    )

    def dialog(parent, title, start, filters):
        asked.append((start, filters))
        return next(answers)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    view.export_button.click()
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html") and "<svg" not in text[:20]
    assert "report saved to" in view.message.text()
    view.export_button.click()
    assert json.loads((tmp_path / "card.json").read_text())["sub_scores"][0]["value"] == 4000.0
    view.export_button.click()
    assert (tmp_path / "plain.html").read_text(encoding="utf-8").lstrip().startswith("<!")
    # the dialog offers both types for a run with a card, and remembers the folder
    assert "*.html" in asked[0][1] and "*.json" in asked[0][1]
    assert default_settings().value(LAST_FOLDER_KEY) == str(tmp_path)
    assert asked[1][0].startswith(str(tmp_path))
    # a training run has no card: only the HTML report is offered
    click_row(qtbot, view, runs["a"])
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda p, t, start, filters: asked.append((start, filters)) or ("", ""),
    )
    view.export_button.click()
    assert "*.html" in asked[-1][1] and "*.json" not in asked[-1][1]


def test_importing_a_bad_card_shows_one_line_and_stores_nothing(view, store, tmp_path, monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "suanli.score-card", "schema_version": 1, "x": NaN}')
    logged = []
    view.logged.connect(lambda level, text: logged.append((level, text)))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad)], ""))
    view.import_button.click()
    text = view.message.text()
    assert "bad.json: rejected:" in text and "NaN" in text and "\n" not in text
    assert store.list_cards() == []
    assert logged == [("warning", text)]


def test_importing_good_and_bad_cards_together_says_what_happened_to_each(
    qtbot, view, store, tmp_path
):
    from engine.store.cards import export_card

    good = export_card(a_card(), tmp_path / "good.json")
    bad = tmp_path / "empty.json"
    bad.write_text("")
    with qtbot.waitSignal(view.cards_changed):
        results = view.import_cards([good, bad, good])
    assert [r.status for r in results] == ["imported", "rejected", "duplicate"]
    text = view.message.text()
    assert text.startswith("Score cards: 1 imported, 1 already stored, 1 rejected — ")
    assert "empty.json: rejected: the file is empty" in text
    assert len(store.list_cards()) == 1


# --------------------------------------------------------------------------- plain text


def test_names_from_the_store_are_plain_text(qtbot, view, store):
    run_id = write_run(store, name="<b>bold</b>", tags=("<i>t</i>",))
    view.refresh()
    m = view.model
    assert m.data(m.index(0, 1)) == "<b>bold</b>"
    open_row(qtbot, view, run_id)
    assert view.title.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b>" in view.title.text()
    assert view.tag_filter.itemText(1) == "<i>t</i>"
    tip = view.tag_filter.itemData(1, Qt.ItemDataRole.ToolTipRole)
    assert tip == "<p>&lt;i&gt;t&lt;/i&gt;</p>"  # escaped: Qt renders tooltips as HTML


def test_a_store_that_cannot_be_opened_is_a_message_not_a_crash(qtbot, tmp_path, monkeypatch):
    from gui.views.history.qt_history_view import QtHistoryView

    monkeypatch.setenv("SUANLI_HOME", str(tmp_path))
    with Store() as s:
        s.connection().execute("PRAGMA user_version = 999")
    view = QtHistoryView()  # opens the default store when it first reads
    qtbot.addWidget(view)
    assert not view.refresh()
    assert "written by a newer Suanli" in view.message.text()
    assert view.model.rowCount() == 0


# --------------------------------------------------------------------------- jobs


def test_the_window_jobs_record_runs_and_a_store_problem_is_one_warning(tmp_path, monkeypatch):
    from gui.runtime.jobs import bench_job, recorded

    rec = RecordingCallback()
    cbs = recorded([rec])
    cbs.on_run_begin({"config": {"dataset": "mnist", "model": "seed-cnn"}})
    cbs.on_epoch_end(1, {"epoch": 1, "train_loss": 0.5})
    cbs.on_run_end({"status": "finished"})
    with Store() as s:
        (summary,) = s.list_runs()
    assert summary.status == "finished" and summary.epochs_done == 1
    assert not [e for e in rec.events if e[0] == "on_log"]

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("SUANLI_HOME", str(blocked))
    rec = RecordingCallback()
    cbs = recorded([rec])
    cbs.on_run_begin({"config": {"dataset": "mnist"}})
    cbs.on_epoch_end(1, {"epoch": 1})
    cbs.on_run_end({"status": "finished"})
    warnings = [e for e in rec.events if e[0] == "on_log"]
    assert len(warnings) == 1 and warnings[0][1] == "warning"
    assert "not being recorded in the results store" in warnings[0][2]

    card = a_card().to_dict()
    rec = RecordingCallback()
    assert bench_job(lambda **kw: card, recorded([rec]), None) is card  # still the result
    assert "score card was not stored" in [e for e in rec.events if e[0] == "on_log"][-1][2]


def test_the_benchmark_job_records_its_card_as_a_run():
    from gui.runtime.jobs import bench_job

    rec = RecordingCallback()
    card = a_card().to_dict()
    seen = {}

    def run_suite(quick, callbacks, control):
        seen["quick"] = quick
        return card

    assert bench_job(run_suite, rec, "control") is card
    assert seen == {"quick": True}
    with Store() as s:
        (summary,) = s.list_runs()
        assert summary.kind == "bench" and summary.has_card
    assert f"recorded as run {summary.id}" in rec.events[-1][2]


# --------------------------------------------------------------------------- in the window


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


def test_a_run_from_the_window_is_recorded_while_the_history_reads_the_store(qtbot, window):
    hold = Hold(at=2)
    window.extra_callbacks.append(hold)
    history = window.history_view
    history_tab = window.tabs.indexOf(history.parentWidget())
    window.form.set_config(SMALL_RUN)
    qtbot.mouseClick(window.form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    try:  # the engine thread is inside the run; its StoreWriter has begun the run
        assert history.refresh()
        (running,) = history.model.rows
        assert running.status == "running"
        open_row(qtbot, history, running.id)
        for _ in range(5):
            assert history.refresh()
    finally:
        hold.release.set()
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=LONG_WAIT_MS)
    # run_finished told the history that the store changed; it reads it when shown
    assert history.model.rows[0].status == "running"
    window.tabs.setCurrentIndex(history_tab)
    assert history.model.rowCount() == 1 and history.model.rows[0].status == "finished"
    summary = history.model.rows[0]
    assert summary.epochs_done == 1 and summary.test_accuracy is not None
    assert history.opened is not None and history.opened.summary.status == "finished"
    assert history.plots.plots.epoch_table.rowCount() == 1
    assert not window.banner.isVisible()


# --------------------------------------------------------------------------- zh_CN

# Words from the test data that stay as they are: the report's class names, the error the
# store keeps, the config keys (the CLI's), card:N (as the CLI names a stored card), and
# "seed" of seed-cnn and "fashion" of fashion-mnist (tests/gui/texts.py reads "-cnn" as a flag).
DATA_WORDS = ("zero", "one", "two", "dataset", "epochs", "model", "card")


def test_the_history_speaks_chinese_with_zh_cn(qtbot, zh_CN, store):
    from gui.views.history.qt_history_view import QtHistoryView
    from gui.views.history.run_table import STATUS_COL
    from tests.gui.texts import english_left

    ids = {
        "a": write_run(
            store, name="run-a1", accuracy=0.91, tags=("t1",), samples=device_snapshots(gpus=1)
        ),
        "b": write_run(store, name="run-b2", dataset="fashion-mnist"),
        "c": write_run(store, name="run-c3", status="failed", device="/device:GPU:0", epochs=1),
    }
    ids["bench"] = record_card(a_card(cpu="Xeon-8480"), store=store, name="bench-1")
    view = QtHistoryView(store)  # made after zh_CN is installed
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.refresh()
    m = view.model
    assert m.headerData(STATUS_COL, Qt.Orientation.Horizontal) == "状态"
    assert m.data(m.index(m.row_of(ids["a"]), STATUS_COL)) == "已完成"
    assert m.data(m.index(m.row_of(ids["c"]), STATUS_COL)) == "失败"
    assert view.count_label.text() == "4 次运行"
    for key in ("a", "c", "bench"):
        open_row(qtbot, view, ids[key])
        assert english_left(view, keep=DATA_WORDS) == [], key
        if key == "c":  # failed: no report, and it says why
            assert "在测试评估之前失败" in view.evaluation.summary.text()
        if key == "a":  # its device timelines, and a hover read-out on each
            device = view.device_plots
            for panel in device.panels:
                panel.readout.setText(panel.readout_at(1.0))
            assert english_left(view, keep=DATA_WORDS) == []
            assert device.cpu.readout.text() == "时间 1.0 s · 整机 60 % · 算力 45 %"
            assert device.gpu_panels["util"].title_label.text() == "GPU 利用率"
            assert device.caption.text() == "4 个遥测样本，历时 1.5 秒。"
            assert view.detail_tabs.tabText(2) == "设备"
        else:
            assert view.device_plots.note.text().startswith("此运行没有保存设备遥测")
    assert view.card_table.horizontalHeaderItem(0).text() == "测量项"
    assert view.card_table.item(0, 1).text() == "4,000 样本/秒"
    assert view.detail_tabs.tabText(1) == "轮数"
    view.status_filter.setCurrentIndex(view.status_filter.findData("failed"))
    assert view.status_filter.currentText() == "失败"
    assert view.count_label.text() == "1 / 4 次运行"
    assert view.delete_run(ids["c"], ask=False)
    assert view.message.text() == f"运行 {ids['c']} 已删除。"
    assert english_left(view, keep=DATA_WORDS) == []
