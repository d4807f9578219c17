"""Cards in the store: validate and keep a card, import a card file, export a run's card."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from engine.cards.card import ScoreCard, card_from_dict, card_to_json, sealed
from engine.cards.card_file import (
    CardFileError,
    ImportResult,
    card_label,
    card_sha256,
    display_name,
    printable,
    read_card_file,
)
from engine.files.output import write_text
from engine.i18n import _
from engine.i18n.program import program_name
from engine.scoring import score as scoring
from engine.store.records import StoreError
from engine.store.store import Store

# A received composite this far from the recomputed one is reported (relative).
SCORE_DIFFERS = 5e-4


def rescored(
    card: ScoreCard, reference: Mapping[str, Any] | None = None
) -> tuple[ScoreCard, float | None]:
    """``card`` with its composite recomputed from its sub-scores against ``reference``
    (default: the shipped reference profile) -- a stored composite is never trusted -- and
    the composite it arrived with. Raises ``ValueError`` when the reference cannot be read."""
    ref = reference if reference is not None else scoring.load_reference_profile()
    detail = scoring.composite_with_ci({s.name: (s.value, s.ci95) for s in card.sub_scores}, ref)
    received = card.suanli_score
    changes: dict[str, Any] = {
        "suanli_score": detail["score"],
        "reference_profile": ref.get("name"),
        "extra": {**card.extra, "composite": {k: v for k, v in detail.items() if k != "ci95"}},
    }
    if card.has_uncertainty:
        changes["suanli_score_ci95"] = detail["ci95"]
    if _differs(received, detail["score"]):
        changes["extra"]["score_as_received"] = received
    if all(card.to_dict().get(k) == v for k, v in changes.items()):
        return card, received
    return sealed(card, **changes), received


def _differs(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is not b
    return abs(a - b) > SCORE_DIFFERS * max(abs(a), abs(b), 1e-12)


def store_card(
    store: Store,
    card: ScoreCard | Mapping[str, Any],
    *,
    run_id: int | None = None,
    origin: str = "local",
    source_name: str | None = None,
) -> tuple[int, bool]:
    """Validate and store a card, its composite recomputed (:func:`rescored`); ``(card id,
    newly stored)``. Raises ``CardError`` (``ValueError``)."""
    if not isinstance(card, ScoreCard):
        data = card.to_dict() if hasattr(card, "to_dict") else dict(card)
        card = card_from_dict(json.loads(json.dumps(data, allow_nan=False)))
    card, _received = rescored(card)
    return store.add_card(
        card.to_dict(),
        card_sha256(card),
        run_id=run_id,
        origin=origin,
        source_name=source_name,
        label=card_label(card),
        score=card.suanli_score,
    )


def import_card_file(store: Store, path: str | os.PathLike[str]) -> ImportResult:
    """Import one card file. Never raises for a bad file: the result says what happened."""
    name = display_name(path)
    try:
        loaded = read_card_file(path)
    except CardFileError as exc:
        return ImportResult(name, "rejected", str(exc))
    try:
        checked, received = rescored(loaded.card)
    except ValueError as exc:  # the shipped reference profile cannot be read
        return ImportResult(name, "rejected", f"{name}: rejected: {exc}; reinstall Suanli")
    card_id, new = store_card(
        store, checked, origin="imported", source_name=printable(loaded.source_name, 200)
    )
    note = ""
    if _differs(received, checked.suanli_score):
        note += (
            f" (score recomputed from its sub-scores: {_score_text(checked.suanli_score)};"
            f" the card said {_score_text(received)})"
        )
    if loaded.unknown_fields:
        note += f" (ignored unknown fields: {', '.join(loaded.unknown_fields[:10])}" + (
            ", …)" if len(loaded.unknown_fields) > 10 else ")"
        )
    if new:
        return ImportResult(
            name,
            "imported",
            f"{name}: imported as card:{card_id} ({card_label(loaded.card)}){note}",
            card_id,
            loaded.unknown_fields,
        )
    return ImportResult(
        name,
        "duplicate",
        f"{name}: already in the store as card:{card_id}; nothing imported{note}",
        card_id,
        loaded.unknown_fields,
    )


def _score_text(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.1f}"


def export_card(card: ScoreCard | Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write a card to one JSON file, atomically."""
    if not isinstance(card, ScoreCard):
        card = card_from_dict(dict(card))
    return write_text(path, card_to_json(card) + "\n")


def export_run_card(store: Store, run_id: int, path: str | os.PathLike[str]) -> Path:
    """Export run ``run_id``'s score card. Raises ``StoreError`` if it has none."""
    store.get_summary(run_id)  # RunNotFound if there is no such run
    found = store.run_card(run_id)
    if found is None:
        raise StoreError(
            _("run {run} has no score card (score cards come from `{prog} bench` runs)").format(
                run=run_id, prog=program_name()
            )
        )
    return export_card(found[1], path)
