"""The live score strip: (C+R)/S, achieved FLOP/s, samples/s and samples/J as they arrive.

Scores reach the window through ``on_score(card)``; a card may be one sub-score
(``{"name", "value", "unit"}``), a whole score card (``{"sub_scores": [...],
"suanli_score": ...}``, see ``engine/card.py``) or a flat ``{name: value}`` mapping.
:func:`score_items` reads all three. Samples/s also follows the training run live.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from engine.i18n.vocabulary import unit_text
from gui import help_texts
from gui.theme import fmt_number, plain_label


@dataclass(frozen=True)
class ScoreItem:
    name: str
    value: float | None
    unit: str = ""


def _finite(x: Any) -> float | None:
    if isinstance(x, bool) or not isinstance(x, int | float):
        return None
    return float(x) if math.isfinite(x) else None


def score_items(card: Any) -> list[ScoreItem]:
    """Every named figure in a score event, in the order given."""
    if hasattr(card, "to_dict"):
        card = card.to_dict()
    if not isinstance(card, Mapping):
        return []
    if "name" in card and "value" in card:
        return [ScoreItem(str(card["name"]), _finite(card["value"]), str(card.get("unit") or ""))]
    items: list[ScoreItem] = []
    subs = card.get("sub_scores")
    if isinstance(subs, list | tuple):
        for s in subs:
            items.extend(score_items(s))
        if "suanli_score" in card:
            items.append(ScoreItem("suanli_score", _finite(card["suanli_score"]), "points"))
        return items
    for key, value in card.items():
        if isinstance(value, Mapping) and "value" in value:
            items.append(ScoreItem(str(key), _finite(value["value"]), str(value.get("unit", ""))))
        elif _finite(value) is not None or value is None:
            items.append(ScoreItem(str(key), _finite(value)))
    return items


# tile key -> (title, sub-score names that feed it, multiplier to the shown unit, unit)
TILES: dict[str, tuple[str, tuple[str, ...], float, str]] = {
    "ai_suanli": (
        QT_TRANSLATE_NOOP("QtScorePanel", "AI算力 (C+R)/S"),
        ("ai_suanli",),
        1.0,
        "FLOP/byte",
    ),
    "flops": (
        QT_TRANSLATE_NOOP("QtScorePanel", "Achieved FLOP/s"),
        ("train_tflops", "achieved_tflops"),
        1e12,
        "FLOP/s",
    ),
    "samples_per_s": (
        QT_TRANSLATE_NOOP("QtScorePanel", "Samples/s"),
        ("train_samples_per_s", "samples_per_s"),
        1.0,
        "samples/s",
    ),
    "samples_per_j": (
        QT_TRANSLATE_NOOP("QtScorePanel", "Samples/J"),
        ("train_samples_per_j", "samples_per_j"),
        1.0,
        "samples/J",
    ),
}
_HINTS = {
    "ai_suanli": QT_TRANSLATE_NOOP(
        "QtScorePanel",
        "AI算力 (AI compute power), from the article “AI算力” on the compute power of AI: "
        "(training FLOPs C + inference FLOPs R) / model size in bytes S",
    ),
    "flops": QT_TRANSLATE_NOOP("QtScorePanel", "training FLOPs done per second"),
    "samples_per_s": QT_TRANSLATE_NOOP("QtScorePanel", "training samples per second"),
    "samples_per_j": QT_TRANSLATE_NOOP("QtScorePanel", "training samples per joule of GPU energy"),
}


class _Tile(QFrame):
    def __init__(self, title: str, hint: str, names: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.setObjectName("scoreTile")
        tip = next((t for t in map(help_texts.score_tooltip, names) if t), None)
        self.setToolTip(tip or QCoreApplication.translate("QtScorePanel", hint))
        self.title = plain_label(
            QCoreApplication.translate("QtScorePanel", title), object_name="tileTitle"
        )
        self.value = plain_label("–", object_name="tileValue")
        self.detail = plain_label(self.tr("not measured yet"), object_name="tileDetail")
        for label in (self.title, self.value, self.detail):
            label.setWordWrap(True)  # a narrow window wraps a tile's words, never cuts them
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def show_value(self, value: float | None, unit: str, detail: str) -> None:
        """``unit`` as in :data:`TILES` (English; the engine's unit words translated here)."""
        unit = unit_text(unit)
        self.value.setText(fmt_number(value) + (f" {unit}" if value is not None else ""))
        self.detail.setText(detail)


class QtScorePanel(QWidget):
    """Four tiles fed by score events (and samples/s by the live run)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles = {
            key: _Tile(title, _HINTS[key], names) for key, (title, names, *_rest) in TILES.items()
        }
        self.values: dict[str, float | None] = {}
        # what was shown since the last reset, as (method, args, kwargs): replayed by a new
        # window after a language switch
        self.shown: list[tuple[Any, tuple, dict]] = []
        self._shown_tiles: list[frozenset[str]] = []  # the tiles each of those sets
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for tile in self.tiles.values():
            layout.addWidget(tile, 1)

    def reset(self) -> None:
        self.values.clear()
        self.shown.clear()
        self._shown_tiles.clear()
        for tile in self.tiles.values():
            tile.show_value(None, "", self.tr("not measured yet"))

    def show_card(self, card: Any, *, benchmark: bool = False) -> list[ScoreItem]:
        """Put every figure of a score event that a tile shows into its tile (a
        ``benchmark``'s card says so under each value)."""
        items = score_items(card)
        keys = {
            key for item in items for key, (_t, names, *_r) in TILES.items() if item.name in names
        }
        self._remember((self.show_card, (card,), {"benchmark": benchmark}), keys)
        source = self.tr("by the benchmark") if benchmark else ""
        for item in items:
            for key, (_title, names, scale, unit) in TILES.items():
                if item.name in names:
                    value = None if item.value is None else item.value * scale
                    self.values[key] = value
                    detail = (
                        (source or self.tr("measured"))
                        if value is not None
                        else self.tr("not available on this machine")
                    )
                    self.tiles[key].show_value(value, unit, detail)
        return items

    def show_run_samples_per_s(self, value: float) -> None:
        """The finished run's samples/s as the results store keeps it (History's figure)."""
        if math.isfinite(value):
            self._remember((self.show_run_samples_per_s, (value,), {}), {"samples_per_s"})
            self.values["samples_per_s"] = value
            self.tiles["samples_per_s"].show_value(
                value, "samples/s", self.tr("this run, as in History")
            )

    def _remember(self, call: tuple[Any, tuple, dict], tiles: set[str]) -> None:
        """Keep ``call`` for the replay, and only the calls whose tiles nothing later
        overwrites: a day of benchmarks keeps at most one card per tile, not every card."""
        self.shown.append(call)
        self._shown_tiles.append(frozenset(tiles))
        later: set[str] = set()
        keep = []
        for entry, keys in reversed(list(zip(self.shown, self._shown_tiles, strict=True))):
            if keys - later:
                keep.append((entry, keys))
            later |= keys
        keep.reverse()
        self.shown = [entry for entry, _keys in keep]
        self._shown_tiles = [keys for _entry, keys in keep]

    def show_live_samples_per_s(self, value: float) -> None:
        """Samples/s of the running epoch (replaced by the run's score when that arrives)."""
        if math.isfinite(value) and self.values.get("samples_per_s") is None:
            self.tiles["samples_per_s"].show_value(value, "samples/s", self.tr("live, this epoch"))
