"""Writing runs: begin (or continue) a run, one epoch with its series, the end of a run.

One transaction each; :class:`engine.store.writer.StoreWriter` calls these as a run goes.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from engine.i18n.message import english
from engine.metrics import EPOCH_METRICS, SUMMARY_METRICS
from engine.scoring.score import run_samples_per_second
from engine.store.connection import StoreConnection
from engine.store.records import (
    RunNotFound,
    clean_name,
    clean_tags,
    dumps,
    finite_or_none,
    message_column,
)
from engine.store.recovery import process_start_time
from engine.store.schema import STATUSES


def _planned_epochs(info: Mapping[str, Any], config: Mapping[str, Any]) -> Any:
    """The epochs a run will train: the job's own count (``info["epochs"]``: the compression
    lab trains several stages of ``config.epochs``), else the config's."""
    epochs = info.get("epochs")
    if isinstance(epochs, int) and not isinstance(epochs, bool) and epochs > 0:
        return epochs
    return config.get("epochs")


class RunRecording(StoreConnection):
    """The writes of a run, as it is recorded."""

    def begin_run(
        self,
        *,
        uid: str,
        kind: str,
        name: str,
        config: Mapping[str, Any],
        info: Mapping[str, Any],
        environment: Mapping[str, Any] | None,
        started_at: float,
        tags: Iterable[str] = (),
        start_epoch: int = 1,
    ) -> int:
        """Insert a ``running`` run for this process; returns its id.

        If a run with this ``uid`` is already stored (the engine resumes a stopped or
        interrupted run under its own id), that run is continued instead: it becomes
        ``running`` again and whatever it holds from epoch ``start_epoch`` on is dropped,
        since those epochs are trained again.
        """
        pid = os.getpid()
        env_sha = environment.get("sha256") if environment else None
        values = (
            pid,
            process_start_time(pid),
            socket.gethostname(),
            config.get("dataset"),
            config.get("model"),
            english(info.get("device")) or config.get("device"),  # a filter key: plain text
            _planned_epochs(info, config),
            dumps(dict(config)),
            dumps(dict(info)),
            None if environment is None else dumps(dict(environment)),
            env_sha,
        )
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM runs WHERE uid = ?", (uid,)).fetchone()
            if row is None:
                cur = conn.execute(
                    """INSERT INTO runs (uid, kind, name, status, started_at, pid,
                           pid_started_at, host, dataset, model, device, epochs_planned,
                           config_json, info_json, env_json, env_sha256)
                       VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (uid, kind, clean_name(name), started_at, *values),
                )
                run_id = int(cur.lastrowid)
            else:
                run_id = int(row["id"])
                self._reopen(conn, run_id, max(1, int(start_epoch)), values)
            for tag in clean_tags(tags):
                conn.execute("INSERT OR IGNORE INTO run_tags VALUES (?, ?)", (run_id, tag))
        return run_id

    def _reopen(
        self, conn: sqlite3.Connection, run_id: int, start_epoch: int, values: tuple
    ) -> None:
        conn.execute("DELETE FROM epochs WHERE run_id = ? AND epoch >= ?", (run_id, start_epoch))
        conn.execute("DELETE FROM batches WHERE run_id = ? AND epoch >= ?", (run_id, start_epoch))
        conn.execute("DELETE FROM results WHERE run_id = ?", (run_id,))
        last = conn.execute(
            "SELECT * FROM epochs WHERE run_id = ? ORDER BY epoch DESC LIMIT 1", (run_id,)
        ).fetchone()
        conn.execute(
            """UPDATE runs SET status = 'running', ended_at = NULL, error = NULL,
                   pid = ?, pid_started_at = ?, host = ?, dataset = ?, model = ?, device = ?,
                   epochs_planned = ?, config_json = ?, info_json = ?,
                   env_json = COALESCE(?, env_json), env_sha256 = COALESCE(?, env_sha256),
                   epochs_done = ?, train_loss = ?, train_accuracy = ?, dev_loss = ?,
                   dev_accuracy = ?, samples_per_s = ?, test_loss = NULL,
                   test_accuracy = NULL, wall_seconds = NULL
               WHERE id = ?""",
            (
                *values,
                0 if last is None else last["epoch"],
                *(
                    (None,) * len(SUMMARY_METRICS)
                    if last is None
                    else tuple(last[k] for k in SUMMARY_METRICS)
                ),
                run_id,
            ),
        )

    def series_state(self, run_id: int) -> dict[str, int]:
        """Strides and next indexes of a run's stored series (to continue them)."""
        conn = self.connection()
        row = conn.execute(
            "SELECT batch_stride, sample_stride FROM runs WHERE id = ?", (run_id,)
        ).fetchone()
        if row is None:
            raise RunNotFound(run_id)
        out = {"batch_stride": int(row[0]), "sample_stride": int(row[1])}
        for table, key in (("batches", "batch"), ("samples", "sample")):
            last = conn.execute(
                f"SELECT MAX(idx) FROM {table} WHERE run_id = ?", (run_id,)
            ).fetchone()[0]
            stride = out[f"{key}_stride"]
            out[f"next_{key}"] = 0 if last is None else (int(last) // stride + 1) * stride
        return out

    def write_epoch(
        self,
        run_id: int,
        epoch: int,
        logs: Mapping[str, Any],
        ended_at: float,
        batches: Sequence[tuple],
        batch_stride: int,
        prune_batches: bool,
        samples: Sequence[tuple],
        sample_stride: int,
        prune_samples: bool,
        steps: int | None = None,
    ) -> None:
        """One epoch, its buffered batch points and device samples: one transaction."""
        with self.transaction() as conn:
            if logs:
                conn.execute(
                    "INSERT OR REPLACE INTO epochs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        run_id,
                        epoch,
                        *(finite_or_none(logs.get(k)) for k in EPOCH_METRICS),
                        ended_at,
                        dumps(dict(logs)),
                    ),
                )
                conn.execute(
                    """UPDATE runs SET epochs_done = ?, train_loss = ?, train_accuracy = ?,
                           dev_loss = ?, dev_accuracy = ?, samples_per_s = ?,
                           steps = COALESCE(?, steps)
                       WHERE id = ?""",
                    (
                        epoch,
                        *(finite_or_none(logs.get(k)) for k in SUMMARY_METRICS),
                        steps,
                        run_id,
                    ),
                )
            self._write_series(
                conn,
                run_id,
                batches,
                batch_stride,
                prune_batches,
                samples,
                sample_stride,
                prune_samples,
            )

    def _write_series(
        self,
        conn: sqlite3.Connection,
        run_id: int,
        batches: Sequence[tuple],
        batch_stride: int,
        prune_batches: bool,
        samples: Sequence[tuple],
        sample_stride: int,
        prune_samples: bool,
    ) -> None:
        if prune_batches:
            conn.execute(
                "DELETE FROM batches WHERE run_id = ? AND idx % ? != 0", (run_id, batch_stride)
            )
        if prune_samples:
            conn.execute(
                "DELETE FROM samples WHERE run_id = ? AND idx % ? != 0", (run_id, sample_stride)
            )
        if batches:
            conn.executemany(
                "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(run_id, *row) for row in batches],
            )
        if samples:
            conn.executemany(
                "INSERT OR REPLACE INTO samples VALUES (?, ?, ?, ?)",
                [(run_id, *row) for row in samples],
            )
        conn.execute(
            "UPDATE runs SET batch_stride = ?, sample_stride = ? WHERE id = ?",
            (batch_stride, sample_stride, run_id),
        )

    def end_run(
        self,
        run_id: int,
        *,
        status: str,
        ended_at: float,
        result: Mapping[str, Any],
        batches: Sequence[tuple],
        batch_stride: int,
        prune_batches: bool,
        samples: Sequence[tuple],
        sample_stride: int,
        prune_samples: bool,
    ) -> None:
        """Final status, test results and whatever series were still buffered."""
        if status not in STATUSES:
            status = "failed"
        test = result.get("test") or {}
        rate = result.get("samples_per_s")
        if rate is None:  # a training run: its one train_samples_per_s (docs/scores.md)
            rate = next(
                (
                    s.get("value")
                    for s in result.get("scores") or ()
                    if isinstance(s, dict) and s.get("name") == "train_samples_per_s"
                ),
                None,
            )
        if rate is None and result.get("epochs"):  # a stopped run: over the epochs it did
            rate = run_samples_per_second(e for e in result["epochs"] if isinstance(e, dict))
        with self.transaction() as conn:
            self._write_series(
                conn,
                run_id,
                batches,
                batch_stride,
                prune_batches,
                samples,
                sample_stride,
                prune_samples,
            )
            conn.execute(
                """UPDATE runs SET status = ?, ended_at = ?, steps = ?, samples_seen = ?,
                       test_loss = ?, test_accuracy = ?, train_seconds = ?, wall_seconds = ?,
                       error = ?, info_json = CASE WHEN ? IS NULL THEN info_json ELSE ? END,
                       samples_per_s = COALESCE(?, samples_per_s)
                   WHERE id = ?""",
                (
                    status,
                    ended_at,
                    int(result.get("steps") or 0),
                    int(result.get("samples_seen") or 0),
                    finite_or_none(test.get("loss")),
                    finite_or_none(test.get("accuracy")),
                    finite_or_none(result.get("train_seconds")),
                    finite_or_none(result.get("wall_seconds")),
                    message_column(result.get("error")),
                    *([dumps(result["info"])] * 2 if result.get("info") else [None, None]),
                    finite_or_none(rate),
                    run_id,
                ),
            )
            conn.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
                (
                    run_id,
                    dumps(test.get("report")) if test.get("report") is not None else None,
                    dumps(test.get("confusion_matrix"))
                    if test.get("confusion_matrix") is not None
                    else None,
                    dumps(result.get("misclassified") or []),
                    dumps(dict(result)),
                ),
            )
