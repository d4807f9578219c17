"""The score tiles keep what a language switch replays, and only that: a day of benchmarks
must not keep every card it ever showed (#22: the window's benchmark grew per run)."""

from __future__ import annotations

from gui.widgets.qt_score_panel import QtScorePanel


def a_card(speed: float) -> dict:
    return {
        "sub_scores": [
            {"name": "ai_suanli", "value": 12876.0, "unit": "FLOP/byte"},
            {"name": "train_tflops", "value": 0.002, "unit": "TFLOP/s"},
            {"name": "train_samples_per_s", "value": speed, "unit": "samples/s"},
            {"name": "train_samples_per_j", "value": 3.5, "unit": "samples/J"},
        ],
        "suanli_score": speed / 4,
    }


def tile_texts(panel: QtScorePanel) -> dict[str, tuple[str, str]]:
    return {k: (t.value.text(), t.detail.text()) for k, t in panel.tiles.items()}


def test_many_cards_keep_one_replay_per_tile_and_replay_to_the_same_tiles(qtbot):
    panel = QtScorePanel()
    qtbot.addWidget(panel)
    for i in range(50):
        panel.show_card(a_card(1000.0 + i), benchmark=True)
        panel.show_run_samples_per_s(900.0 + i)
    assert len(panel.shown) <= len(panel.tiles)
    again = QtScorePanel()
    qtbot.addWidget(again)
    for method, args, kwargs in panel.shown:
        getattr(again, method.__name__)(*args, **kwargs)
    assert tile_texts(again) == tile_texts(panel)
    assert "949" in panel.tiles["samples_per_s"].value.text()


def test_a_card_that_sets_fewer_tiles_keeps_the_earlier_card_for_the_others(qtbot):
    panel = QtScorePanel()
    qtbot.addWidget(panel)
    panel.show_card(a_card(1000.0))
    panel.show_run_samples_per_s(1234.0)
    assert len(panel.shown) == 2  # the card still shows its other tiles
