"""Reading runs: find a run, list and count summaries (filtered, sorted), read one run
with its series, results and card in one snapshot."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engine.store.card_table import CardTable
from engine.store.records import (
    SELECT_SUMMARY,
    SORT_KEYS,
    RunFilter,
    RunNotFound,
    RunRecord,
    RunSummary,
    StoreError,
    loads,
    summary_from_row,
    where_clause,
)
from engine.store.run_ref import MAX_RUN_NUMBER, parse_run_ref


class RunReading(CardTable):
    """The read API of runs (the history table, the CLI, exports)."""

    def find_run(self, ref: int | str) -> int:
        """A run's id from ``N``, ``run:N`` or the engine's run id (``uid``), parsed by
        :func:`engine.store.run_ref.parse_run_ref` (BadRunRef); RunNotFound if none."""
        key = ref if isinstance(ref, int) and not isinstance(ref, bool) else parse_run_ref(ref)
        if isinstance(key, int):
            if not 1 <= key <= MAX_RUN_NUMBER:
                raise RunNotFound(key)
            row = self.connection().execute("SELECT id FROM runs WHERE id = ?", (key,)).fetchone()
        else:
            row = self.connection().execute("SELECT id FROM runs WHERE uid = ?", (key,)).fetchone()
        if row is None:
            raise RunNotFound(key)
        return int(row[0])

    def list_runs(
        self,
        filters: RunFilter | Mapping[str, Any] | None = None,
        sort: str = "-started_at",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[RunSummary]:
        """Run summaries for the history table. ``sort`` is a key of :data:`SORT_KEYS`,
        ``-`` in front for descending; ties are broken by id."""
        f = filters if isinstance(filters, RunFilter) else RunFilter(**dict(filters or {}))
        where, args = where_clause(f)
        descending = sort.startswith("-")
        key = sort.lstrip("-+")
        if key not in SORT_KEYS:
            raise StoreError(f"cannot sort runs by {key!r}: one of {', '.join(SORT_KEYS)}")
        order = "DESC" if descending else "ASC"
        sql = (
            f"{SELECT_SUMMARY} {where} "
            f"ORDER BY {SORT_KEYS[key]} IS NULL, {SORT_KEYS[key]} {order}, r.id {order}"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args = (*args, int(limit), int(offset))
        return [summary_from_row(r) for r in self.connection().execute(sql, args)]

    def count_runs(self, filters: RunFilter | Mapping[str, Any] | None = None) -> int:
        f = filters if isinstance(filters, RunFilter) else RunFilter(**dict(filters or {}))
        where, args = where_clause(f)
        return int(
            self.connection().execute(f"SELECT COUNT(*) FROM runs r {where}", args).fetchone()[0]
        )

    def get_summary(self, run_id: int) -> RunSummary:
        row = self.connection().execute(f"{SELECT_SUMMARY} WHERE r.id = ?", (run_id,)).fetchone()
        if row is None:
            raise RunNotFound(run_id)
        return summary_from_row(row)

    def get_run(self, run_id: int, *, series: bool = True) -> RunRecord:
        """Everything about one run, read in one snapshot (one read transaction)."""
        conn = self.connection()
        conn.execute("BEGIN")  # a consistent snapshot while the writer goes on
        try:
            summary = self.get_summary(run_id)
            row = conn.execute(
                "SELECT config_json, info_json, env_json, batch_stride, sample_stride "
                "FROM runs WHERE id = ?",
                (run_id,),
            ).fetchone()
            rec = RunRecord(
                summary=summary,
                config=loads(row["config_json"]) or {},
                info=loads(row["info_json"]) or {},
                environment=loads(row["env_json"]),
                batch_stride=row["batch_stride"],
                sample_stride=row["sample_stride"],
            )
            rec.epochs = [
                json.loads(r[0])
                for r in conn.execute(
                    "SELECT logs_json FROM epochs WHERE run_id = ? ORDER BY epoch", (run_id,)
                )
            ]
            if series:
                rec.batches = self.batch_series(run_id)
                rec.samples = self.device_samples(run_id)
            res = conn.execute("SELECT * FROM results WHERE run_id = ?", (run_id,)).fetchone()
            if res is not None:
                rec.report = loads(res["report_json"])
                rec.confusion_matrix = loads(res["confusion_json"])
                rec.misclassified = loads(res["misclassified_json"]) or []
                rec.result = loads(res["result_json"])
            card = self.run_card(run_id)
            if card is not None:
                rec.card_id, rec.card = card[0].id, card[1]
        finally:
            conn.execute("COMMIT")
        return rec

    def batch_series(self, run_id: int) -> dict[str, list[Any]]:
        cols = ("step", "epoch", "loss", "accuracy", "samples_per_s", "elapsed_s")
        rows = (
            self.connection()
            .execute(
                f"SELECT {', '.join(cols)} FROM batches WHERE run_id = ? ORDER BY idx", (run_id,)
            )
            .fetchall()
        )
        return {c: [r[i] for r in rows] for i, c in enumerate(cols)}

    def device_samples(self, run_id: int) -> list[dict[str, Any]]:
        """A run's stored device telemetry, in time order: each sample is the dict of one
        :class:`~engine.telemetry.snapshot.DeviceSnapshot` (``to_dict()``), as the
        :class:`~engine.store.writer.StoreWriter` thinned them (every ``sample_stride``-th
        snapshot the run took; ``engine.store.writer.MAX_DEVICE_SAMPLES`` at most). ``[]``
        for a run recorded without telemetry (older runs, benchmarks); :class:`RunNotFound`
        for no such run."""
        conn = self.connection()
        row = conn.execute("SELECT sample_stride FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise RunNotFound(run_id)
        rows = conn.execute(
            "SELECT data_json FROM samples WHERE run_id = ? AND idx % ? = 0 ORDER BY idx",
            (run_id, max(1, int(row[0]))),
        )
        return [json.loads(r[0]) for r in rows]

    def run_ids(self) -> list[int]:
        return [int(r[0]) for r in self.connection().execute("SELECT id FROM runs ORDER BY id")]
