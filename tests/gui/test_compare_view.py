"""The Compare tab: tick stored cards (local and imported), read each sub-score's ratio to
the baseline, see them as grouped bars, and the environment facts that differ stand out.
Every text from a card is plain."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from engine.cards.card import SubScore, make_card
from engine.hashing import json_sha256
from engine.scoring.score import load_reference_profile
from engine.store.cards import export_card, store_card
from engine.store.store import Store
from engine.store.writer import record_card


def a_card(
    speed: float = 4000.0,
    *,
    gpu: str = "GPU X",
    tf: str = "2.18.0",
    driver: str = "550.54",
    warmup: float = 2.0,
    cpu: str = "Test CPU",
    suite: str = "1",
    batch: int = 32,
):
    facts = {
        "cpu_model": cpu,
        "gpus": [{"name": gpu, "memory_total_mib": 24576}],
        "driver_version": driver,
        "tensorflow": tf,
    }
    # the composite is recomputed from the sub-scores: this inference speed makes it
    # speed / 4 (1000 x the geometric mean of the two ratios), as the tests read it
    ref = load_reference_profile()["sub_scores"]
    infer = ref["inference_samples_per_s"]["value"] * ref["train_samples_per_s"]["value"]
    infer *= speed / 4000**2
    return make_card(
        suite_version=suite,
        config={"model": "seed-cnn", "batch_size": batch},
        dataset_sha256="ab" * 32,
        environment={"facts": facts, "sha256": json_sha256(facts)},
        sub_scores=[
            SubScore("train_samples_per_s", speed, "samples/s", True, (speed,)),
            SubScore("warmup_seconds", warmup, "s", False, (warmup,)),
            SubScore("train_samples_per_j", None, "samples/J", True, ()),
            SubScore("inference_samples_per_s", infer, "samples/s", True, (infer,)),
        ],
        suanli_score=speed / 4,
        created_utc="2026-01-02T03:04:05Z",
    )


@pytest.fixture
def store():
    with Store() as s:
        yield s


@pytest.fixture(autouse=True)
def no_noise_floor(monkeypatch):
    """Comparisons here do not depend on the measured reference machine's spread."""
    monkeypatch.setattr("engine.reports.compare.noise_floors", lambda: {})


@pytest.fixture
def view(qtbot, store):
    from gui.views.compare.qt_compare_view import QtCompareView

    v = QtCompareView(store)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    return v


def cells(table, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def row_named(table, name: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text().startswith(name))


def test_local_and_imported_cards_are_listed_with_checkboxes(view, store, tmp_path):
    run_id = record_card(a_card(), store=store, name="here")
    result = view.import_cards([export_card(a_card(5000.0, tf="2.19.0"), tmp_path / "far.json")])
    assert result[0].status == "imported"
    t = view.card_table
    assert t.rowCount() == 2
    assert cells(t, 0)[1:4] == ["card:1", "GPU X", "1,000"]
    assert cells(t, 0)[4] == f"run {run_id} · here"
    assert cells(t, 1)[4] == "imported: far.json"
    assert t.item(0, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert view.hint.text().endswith("far.json: imported as card:2 (GPU X)")
    assert view.checked_ids() == [2]  # the card just imported is ticked
    view.refresh()
    assert "Tick two or more cards" in view.hint.text()
    t.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert view.compared_ids == [2, 1]  # the first ticked stays the baseline


def test_two_cards_side_by_side_show_ratios_and_a_differing_tensorflow(view, store):
    base, _ = store_card(store, a_card(4000.0, warmup=2.0))
    other, _ = store_card(store, a_card(5000.0, tf="2.19.0", warmup=3.0))
    view.refresh()
    view.card_table.item(0, 0).setCheckState(Qt.CheckState.Checked)  # as a click would
    view.card_table.item(1, 0).setCheckState(Qt.CheckState.Checked)
    assert view.compared_ids == [base, other]
    t = view.table
    header = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert header[2:] == ["card:1 (baseline)", "card:2", "card:2 vs card:1"]
    assert t.horizontalHeaderItem(3).toolTip() == "<p>card:2 · GPU X</p>"
    speed = cells(t, row_named(t, "Training speed"))
    assert speed[1:] == ["samples/s", "4,000", "5,000", "1.25× (+25 %)"]
    green = t.item(row_named(t, "Training speed"), 4).foreground().color().name()
    warm = row_named(t, "Warm-up")
    assert t.item(warm, 0).text().endswith("↓")  # lower is better
    assert t.item(warm, 4).text() == "1.50× (+50 %)"
    red = t.item(warm, 4).foreground().color().name()
    assert (green, red) == ("#15803d", "#b91c1c")  # faster is better; slower warm-up worse
    assert cells(t, row_named(t, "Training energy"))[2:] == ["n/a", "n/a", "n/a"]

    env = view.env_table
    assert view.differing_facts() == ["TensorFlow"]
    tf_row = row_named(env, "TensorFlow")
    assert cells(env, tf_row) == ["TensorFlow", "2.18.0", "2.19.0"]
    assert env.item(tf_row, 1).font().bold() and env.item(tf_row, 2).background().color().name()
    gpu_row = row_named(env, "GPU")
    assert not env.item(gpu_row, 1).font().bold()
    assert cells(env, row_named(env, "CPU"))[1:] == ["Test CPU", "Test CPU"]


def test_the_chart_has_one_group_per_sub_score_and_one_bar_set_per_card(view, store):
    ids = [store_card(store, a_card(s))[0] for s in (4000.0, 2000.0, 6000.0)]
    view.refresh()
    view.set_checked(ids)
    assert len(view.ratio_chart.bars) == 3
    assert [g["name"] for g in view.ratio_chart.groups] == [
        "train_samples_per_s",
        "warmup_seconds",
        "inference_samples_per_s",
        "suanli_score",
    ]
    # log scale: a bar runs from the axis' left end (0.2×) to log10(value / the first's)
    ends = [
        round(10 ** (x0 + w), 6)
        for x0, w in zip(
            view.ratio_chart.bars[1].opts["x0"] * np.ones(4),
            view.ratio_chart.bars[1].opts["width"],
            strict=True,
        )
    ]
    assert ends == [0.5, 1.0, 0.5, 0.5]  # the second card relative to the first
    assert [
        round(10 ** (view.ratio_chart.bars[0].opts["x0"] + w), 6)
        for w in view.ratio_chart.bars[0].opts["width"]
    ] == [1.0] * 4
    left = view.chart.plot_item.getAxis("left")._tickLevels[0]
    assert [t[1] for t in left] == [
        "Training speed",
        "Warm-up ↓",
        "Inference speed",
        "Suanli score",
    ]
    bottom = view.chart.plot_item.getAxis("bottom")._tickLevels[0]
    assert [t[1] for t in bottom] == ["0.2×", "0.5×", "1×", "2×"]
    assert [label.text() for label in view.ratio_chart.legend_labels] == [
        "card:1 (baseline) · GPU X",
        "card:2 · GPU X",
        "card:3 · GPU X",
    ]


def test_columns_name_each_card_once_whatever_the_baseline(view, store):
    """card:2 as the baseline, card:1 beside it: no position number to contradict the
    card's own ("[1] card:2"); the verdicts, the hint and the bar readout say card:N too."""
    # 2.5 % apart: within the reference's between-suite noise, whatever it is measured at
    one, _ = store_card(store, a_card(4100.0))
    two, _ = store_card(store, a_card(4000.0))
    view.refresh()
    view.set_checked([one, two])
    view.baseline.setCurrentIndex(view.baseline.findData(two))
    assert view.compared_ids == [two, one]
    t = view.table
    header = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert header[2:] == ["card:2 (baseline)", "card:1", "card:1 vs card:2"]
    assert "[" not in " ".join(header)
    assert view.hint.text() == "Comparing 2 cards; ratios are to card:2, the baseline."
    verdicts = view.verdicts.text()
    assert "[" not in verdicts and "card:1 and card:2: no clear difference" in verdicts
    assert [label.text() for label in view.ratio_chart.legend_labels] == [
        "card:2 (baseline) · GPU X",
        "card:1 · GPU X",
    ]
    readout = view.ratio_chart._readout(0.0, 0.0 + 0.2)  # Training speed, card:1's bar
    assert readout.startswith("card:1 Training speed: 4,100 samples/s") and "of card:2" in readout


def many_scores_card(scale: float):
    names = [f"suite_{i:02d}_samples_per_s" for i in range(27)]
    facts = {"cpu_model": "Test CPU", "gpus": [], "tensorflow": "2.18.0"}
    return make_card(
        suite_version="1",
        config={"model": "seed-cnn", "batch_size": 32},
        dataset_sha256="ab" * 32,
        environment={"facts": facts, "sha256": json_sha256(facts)},
        sub_scores=[
            SubScore(n, scale * (100 + i), "samples/s", True, (scale * (100 + i),))
            for i, n in enumerate(names)
        ],
        suanli_score=scale * 1000,
        created_utc="2026-01-02T03:04:05Z",
    )


def test_the_charts_names_do_not_overlap_with_27_sub_scores(qtbot, view, store):
    """Each sub-score's name on the chart's left axis gets a text line of its own: the
    chart grows taller than its pane and scrolls instead of piling the names up."""
    ids = [store_card(store, many_scores_card(s))[0] for s in (1.0, 1.3)]
    view.refresh()
    view.show()
    qtbot.waitExposed(view)
    view.set_checked(ids)
    chart = view.ratio_chart
    assert len(chart.groups) >= 27
    qtbot.waitUntil(lambda: chart.chart.height() >= chart.chart.minimumHeight())
    qtbot.wait(50)  # the plot lays out its view box
    vb = view.chart.plot_item.vb
    from PySide6.QtCore import QPointF

    rows = [vb.mapViewToScene(QPointF(0.0, float(i))).y() for i in (0, 1)]
    line = view.chart.fontMetrics().height()
    assert abs(rows[1] - rows[0]) >= line  # one line of text per sub-score, no overlap
    bar = chart.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # taller than the pane: it scrolls


def test_choosing_another_baseline_turns_the_ratios_around(view, store):
    a, _ = store_card(store, a_card(4000.0))
    b, _ = store_card(store, a_card(2000.0))
    view.refresh()
    view.set_checked([a, b])
    view.baseline.setCurrentIndex(view.baseline.findData(b))
    assert view.compared_ids == [b, a]
    assert cells(view.table, 0)[4] == "2.00× (+100 %)"


def test_html_in_a_device_name_shows_literally(view, store):
    a, _ = store_card(store, a_card(gpu="<b>html</b>"))
    b, _ = store_card(store, a_card(gpu="GPU Y"))
    view.refresh()
    view.set_checked([a, b])
    assert view.card_table.item(0, 2).text() == "<b>html</b>"
    # Qt shows a tooltip that looks like HTML as HTML: it is escaped
    tip = "<p>card:1 (baseline) · &lt;b&gt;html&lt;/b&gt;</p>"
    assert view.table.horizontalHeaderItem(2).toolTip() == tip
    env = view.env_table
    assert env.horizontalHeaderItem(1).text() == "card:1 (baseline) · <b>html</b>"
    assert env.item(row_named(env, "GPU"), 1).text() == "<b>html</b> (24576 MiB)"
    assert view.differing_facts() == ["GPU"]
    key = view.ratio_chart.legend_labels[0]
    assert key.text() == "card:1 (baseline) · <b>html</b>"
    assert key.textFormat() == Qt.TextFormat.PlainText and key.toolTip() == tip


def test_importing_a_bad_card_here_says_why_in_one_line_and_stores_nothing(
    view, store, tmp_path, monkeypatch
):
    bad = tmp_path / "deep.json"
    bad.write_text("[" * 100 + "]" * 100)
    logged = []
    view.logged.connect(lambda level, text: logged.append((level, text)))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad)], ""))
    view.import_button.click()
    assert "deep.json: rejected: JSON nested 100 levels deep" in view.hint.text()
    assert "\n" not in view.hint.text()
    assert store.list_cards() == [] and view.card_table.rowCount() == 0
    assert logged[0][0] == "warning"


def test_a_deleted_card_leaves_the_comparison(view, store):
    a, _ = store_card(store, a_card(4000.0))
    b, _ = store_card(store, a_card(2000.0))
    view.refresh()
    view.set_checked([a, b])
    store.delete_card(b)
    view.mark_stale()
    view.refresh()
    assert view.checked_ids() == [a] and view.compared_ids == [a]
    assert view.ratio_chart.bars == []


# Words from the test data and the CLI that stay as they are: card:N (how the CLI names a
# stored card), the config key batch_size, "seed" of seed-cnn (tests/gui/texts.py reads
# its "-cnn" as a flag).
# names from the data: config keys, and the reference machine's CPU model ("1000 = …")
DATA_WORDS = (
    "card",
    "batch",
    "size",
    "seed",
    *str(load_reference_profile()["machine"]["cpu_model"])
    .replace("(", " ")
    .replace(")", " ")
    .split(),
)


def test_the_compare_tab_speaks_chinese_with_zh_cn(qtbot, zh_CN, store):
    from gui.views.compare.qt_compare_view import QtCompareView
    from tests.gui.texts import english_left

    view = QtCompareView(store)  # made after zh_CN is installed
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.refresh()
    assert english_left(view, keep=DATA_WORDS) == []  # no cards yet
    assert view.hint.text().startswith("还没有评分卡")
    run_id = record_card(a_card(cpu="Xeon-8480"), store=store, name="rig-1")
    far, _ = store_card(
        store,
        a_card(5000.0, tf="2.19.0", warmup=3.0, cpu="Xeon-8480", suite="2", batch=64),
        origin="imported",
        source_name="far-2.json",
    )
    view.refresh()
    assert english_left(view, keep=DATA_WORDS) == []  # one ticked: "tick two or more"
    view.set_checked([1, far])
    assert english_left(view, keep=DATA_WORDS) == []
    t = view.table
    assert [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())] == [
        "子分数",
        "单位",
        "card:1（基准）",
        "card:2",
        "card:2 对比 card:1",
    ]
    speed = row_named(t, "训练速度")
    assert cells(t, speed)[1] == "样本/秒"
    assert t.item(speed, 4).toolTip() == "优于基准"
    assert cells(t, row_named(t, "训练能效"))[2:] == ["无", "无", "无"]
    assert cells(view.card_table, 0)[4] == f"运行 {run_id} · rig-1"
    assert cells(view.card_table, 1)[4] == "已导入：far-2.json"
    env = view.env_table
    assert env.horizontalHeaderItem(0).text() == "项目"
    assert "配置：batch_size" in view.differing_facts()
    assert view.hint.text() == "正在对比 2 张评分卡；比值相对于基准 card:1。"
    assert view.notes.text().startswith("注意：这些评分卡来自不同版本的基准测试套件（1, 2）")
    left = view.chart.plot_item.getAxis("left")._tickLevels[0]
    assert [tick[1] for tick in left][:2] == ["训练速度", "预热 ↓"]


def test_the_comparison_rows_are_shaped_without_a_widget():
    from engine.reports.compare import compare, item_from_card
    from gui.views.compare.comparison_rows import (
        axis_range,
        bar_at,
        bar_groups,
        environment_rows,
        ratio_text,
        score_line,
        ticks_125,
        verdict,
    )

    cmp = compare(
        [
            item_from_card("card:1", a_card(4000.0)),
            item_from_card("card:2", a_card(8000.0, tf="2.19.0", warmup=1.0)),
        ]
    )
    speed = next(r for r in cmp.rows if r["name"] == "train_samples_per_s")
    line = score_line(speed)
    assert line.name == "Training speed" and line.unit == "samples/s"
    assert line.cells == [("4,000", None), ("8,000", None), ("2.00× (+100 %)", 1)]
    assert ratio_text(0.97) == "0.97× (-3.0 %)" and ratio_text(None) == "n/a"
    assert verdict(0.5, higher_is_better=False) == 1 and verdict(1.005, True) == 0
    assert axis_range([2.0]) == (0.5, 5.0) and ticks_125(0.5, 5.0) == [0.5, 1.0, 2.0, 5.0]
    assert [g["name"] for g in bar_groups(cmp)] == [
        "train_samples_per_s",
        "warmup_seconds",
        "inference_samples_per_s",
        "suanli_score",
    ]
    assert bar_at(0.25, groups=2, cards=2) == (0, 1) and bar_at(5.0, 2, 2) is None
    env = {label: differs for label, _values, differs in environment_rows(cmp)}
    assert env["TensorFlow"] is True and env["CPU"] is False
