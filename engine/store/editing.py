"""Editing stored runs: rename, tag, delete."""

from __future__ import annotations

from collections.abc import Iterable

from engine.store.reading import RunReading
from engine.store.records import RunNotFound, StoreError, clean_name, clean_tags


class RunEditing(RunReading):
    """What a user may change about a stored run."""

    def rename_run(self, run_id: int, name: str) -> None:
        with self.transaction() as conn:
            if (
                conn.execute(
                    "UPDATE runs SET name = ? WHERE id = ?", (clean_name(name), run_id)
                ).rowcount
                == 0
            ):
                raise RunNotFound(run_id)

    def set_tags(self, run_id: int, tags: Iterable[str]) -> None:
        clean = clean_tags(tags)
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
                raise RunNotFound(run_id)
            conn.execute("DELETE FROM run_tags WHERE run_id = ?", (run_id,))
            conn.executemany(
                "INSERT OR IGNORE INTO run_tags VALUES (?, ?)", [(run_id, t) for t in clean]
            )

    def add_tags(self, run_id: int, tags: Iterable[str]) -> None:
        self.set_tags(run_id, [*self.get_summary(run_id).tags, *tags])

    def remove_tags(self, run_id: int, tags: Iterable[str]) -> None:
        drop = set(tags)
        self.set_tags(run_id, [t for t in self.get_summary(run_id).tags if t not in drop])

    def all_tags(self) -> list[str]:
        return [
            r[0]
            for r in self.connection().execute("SELECT DISTINCT tag FROM run_tags ORDER BY tag")
        ]

    def delete_run(self, run_id: int) -> None:
        """Delete a run with its series, results and card. A running run cannot be deleted."""
        with self.transaction() as conn:
            row = conn.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
            if row is None:
                raise RunNotFound(run_id)
            if row["status"] == "running":
                raise StoreError(f"run {run_id} is still running; stop it before deleting it")
            conn.execute("DELETE FROM runs WHERE id = ?", (run_id,))
