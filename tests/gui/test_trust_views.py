"""The Benchmark tab's headline (the score, large, with its interval, what 1000 means and
whether the machine was quiet) and the Compare tab's verdicts in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from engine.cards.card import SubScore, make_card
from engine.hashing import json_sha256
from engine.scoring import intervals
from engine.store.cards import rescored, store_card
from engine.store.store import Store

FACTS = {"cpu_model": "Test CPU", "gpus": [], "tensorflow": "2.99"}


def quiet_reference() -> dict:
    """The shipped reference without its measured between-suite spread (tests here do not
    depend on how noisy the reference machine was)."""
    from engine.scoring.score import load_reference_profile

    ref = load_reference_profile()
    for spec in ref["sub_scores"].values():
        spec.pop("repeat_cv_percent", None)
    return ref


def full_card(verdict: str = "disturbed", scale: float = 1.0, seed: int = 0) -> dict:
    import numpy as np

    rng = np.random.default_rng(seed)

    def timed(name: str, center: float, n: int) -> SubScore:
        xs = list(rng.normal(center * scale, center * scale * 0.02, size=n))
        return SubScore(
            name, intervals.median(xs), "samples/s", True, tuple(xs), intervals.median_ci(xs)
        )

    card = make_card(
        suite_version="2.0-quick",
        config={"suite": "quick"},
        dataset_sha256="ab" * 32,
        environment={"facts": FACTS, "sha256": json_sha256(FACTS)},
        sub_scores=[
            timed("train_samples_per_s", 6000, 30),
            timed("inference_samples_per_s", 40000, 20),
        ],
        interference={"verdict": verdict, "other_cpu_cores_mean": 1.25, "windows": 50},
        created_utc="2026-12-01T00:00:00Z",
    )
    return rescored(card, quiet_reference())[0].to_dict()


@pytest.fixture
def bench_view(qtbot):
    from gui.views.benchmark.qt_benchmark_view import QtBenchmarkView

    view = QtBenchmarkView()
    qtbot.addWidget(view)
    return view


def test_the_headline_tile_waits_for_a_run_and_names_the_reference_machine(bench_view):
    tile = bench_view.tile
    assert tile.score.text() == "–"
    assert tile.interval.text() == "Run the benchmark to score this machine."
    assert tile.reference.text().startswith("1000 = ")
    cpu = (bench_view.reference or {}).get("machine", {}).get("cpu_model")
    assert cpu and cpu in tile.reference.text()
    assert tile.score.font().pointSizeF() > 2 * tile.interval.font().pointSizeF()


def test_the_headline_shows_the_score_its_interval_and_interference(bench_view):
    card = full_card("disturbed")
    bench_view.show_finished(card, None, False)
    tile = bench_view.tile
    low, high = card["suanli_score_ci95"]
    assert tile.score.text().replace(",", "").startswith(str(round(card["suanli_score"]))[:2])
    assert tile.interval.text().startswith("95 % interval ")
    assert tile.interference.text().startswith("Disturbed: other processes used 1.25 cores")
    assert tile.interference.objectName() == "notice"
    bench_view.show_finished(full_card("quiet"), None, False)
    assert tile.interference.text().startswith("Quiet")


def test_the_headline_speaks_chinese(zh_CN, bench_view):
    bench_view.show_finished(full_card("disturbed"), None, False)
    tile = bench_view.tile
    assert tile.title.text() == "算力分数"
    assert tile.interval.text().startswith("95 % 区间 ")
    assert tile.interference.text().startswith("受干扰：")
    assert "个逻辑核心" in tile.reference.text() or "参考机器" in tile.reference.text()


def test_the_compare_view_says_the_verdict_in_words(qtbot, monkeypatch):
    from gui.views.compare.qt_compare_view import QtCompareView

    # independent of the shipped reference's measured between-suite spread
    monkeypatch.setattr("engine.reports.compare.noise_floors", lambda: {})
    with Store() as store:
        ids = [
            store_card(store, full_card("quiet"))[0],
            store_card(store, full_card("quiet", scale=1.5, seed=3))[0],
        ]
        view = QtCompareView(store)
        qtbot.addWidget(view)
        view.resize(1000, 700)
        view.refresh()
        table = view.card_table
        for r in range(table.rowCount()):  # tick both cards, as a person would
            item = table.item(r, 0)
            rect = table.visualItemRect(item)
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            if item.checkState() != Qt.CheckState.Checked:  # the click landed beside the box
                item.setCheckState(Qt.CheckState.Checked)
        assert sorted(view.compared_ids) == sorted(ids)
        text = view.verdicts.text()
        base, other = (f"card:{i}" for i in view.compared_ids)
        assert f"{other} trains" in text and f"% faster than {base}" in text and "±" in text
        row = next(
            r
            for r in range(view.table.rowCount())
            if view.table.item(r, 0).text().startswith("Training speed")
        )
        cell = view.table.item(row, 4)
        assert "±" in cell.text() and cell.toolTip() == "better than the baseline"
        view.close()


def test_history_shows_a_training_runs_own_scores(qtbot, tmp_path):
    from gui.views.history.qt_run_detail import QtRunDetail
    from tests.engine.test_run_scores import recorded_run

    with Store(tmp_path / "s.db") as store:
        rec = store.get_run(recorded_run(store))
    detail = QtRunDetail()
    qtbot.addWidget(detail)
    detail.show_record(rec)
    assert detail.card_title.text().startswith("This run's own scores")
    rows = {
        detail.card_table.item(r, 0).text(): detail.card_table.item(r, 1).text()
        for r in range(detail.card_table.rowCount())
    }
    assert any("1,500" in v for v in rows.values()), rows
    assert len(rows) == 6
