"""The store's table of score cards: add, list, read and delete cards (card files and
validation: :mod:`engine.store.cards`)."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from engine.i18n import _
from engine.i18n.program import program_name
from engine.store.connection import StoreConnection
from engine.store.records import MAX_NAME, CardNotFound, CardRow, dumps, finite_or_none


class CardTable(StoreConnection):
    """Stored score cards, each a content-hashed JSON document (a run keeps its latest)."""

    def add_card(
        self,
        card: Mapping[str, Any],
        sha256: str,
        *,
        run_id: int | None = None,
        origin: str = "local",
        source_name: str | None = None,
        label: str = "",
        score: float | None = None,
    ) -> tuple[int, bool]:
        """Store a validated card; ``(card id, True)``, or ``(existing id, False)`` if a card
        with the same content hash is already stored. A run keeps only its latest card."""
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM cards WHERE sha256 = ?", (sha256,)).fetchone()
            if row is not None:
                return int(row["id"]), False
            if run_id is not None:
                conn.execute("DELETE FROM cards WHERE run_id = ?", (run_id,))
            cur = conn.execute(
                """INSERT INTO cards (sha256, run_id, origin, source_name, added_at, label,
                       score, card_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    sha256,
                    run_id,
                    origin,
                    source_name,
                    time.time(),
                    label[:MAX_NAME],
                    finite_or_none(score),
                    dumps(dict(card)),
                ),
            )
            if run_id is not None:
                conn.execute(
                    "UPDATE runs SET score = ? WHERE id = ?", (finite_or_none(score), run_id)
                )
            return int(cur.lastrowid), True

    def list_cards(self, origin: str | None = None) -> list[CardRow]:
        sql = "SELECT id, sha256, run_id, origin, source_name, added_at, label, score FROM cards"
        args: tuple = ()
        if origin is not None:
            sql += " WHERE origin = ?"
            args = (origin,)
        return [CardRow(**dict(r)) for r in self.connection().execute(sql + " ORDER BY id", args)]

    def get_card(self, card_id: int) -> tuple[CardRow, dict[str, Any]]:
        row = self.connection().execute("SELECT * FROM cards WHERE id = ?", (card_id,)).fetchone()
        if row is None:
            raise CardNotFound(
                _("no score card with id {card} in the store (see `{prog} cards list`)").format(
                    card=repr(card_id), prog=program_name()
                )
            )
        d = dict(row)
        card = json.loads(d.pop("card_json"))
        return CardRow(**d), card

    def run_card(self, run_id: int) -> tuple[CardRow, dict[str, Any]] | None:
        row = (
            self.connection()
            .execute("SELECT id FROM cards WHERE run_id = ? ORDER BY id DESC LIMIT 1", (run_id,))
            .fetchone()
        )
        return None if row is None else self.get_card(int(row["id"]))

    def delete_card(self, card_id: int) -> None:
        with self.transaction() as conn:
            row = conn.execute("SELECT run_id FROM cards WHERE id = ?", (card_id,)).fetchone()
            if row is None:
                raise CardNotFound(f"no score card with id {card_id!r} in the store")
            conn.execute("DELETE FROM cards WHERE id = ?", (card_id,))
            if row["run_id"] is not None:
                conn.execute("UPDATE runs SET score = NULL WHERE id = ?", (row["run_id"],))
