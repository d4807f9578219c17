"""The results store: every run, its metrics, report and score card, in one SQLite file.

``$SUANLI_HOME/suanli.db`` (see :func:`default_path`), in WAL mode so that readers in
other threads or processes never block the one writer (and are never blocked by it).
Each thread gets its own connection; every write is one short ``BEGIN IMMEDIATE``
transaction, and ``busy_timeout`` makes a second writer wait instead of failing.

The schema (:mod:`engine.store.schema`) is versioned with ``PRAGMA user_version`` and
upgraded when a store is opened. A run that was left ``running`` by a process that no longer
exists is marked ``interrupted`` on open.

:class:`engine.store.writer.StoreWriter` is the callback that records runs; this module
holds the storage itself and the read API the window and the CLI use.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from engine.store import schema as store_schema
from engine.store.records import (
    MAX_NAME,
    SELECT_SUMMARY,
    SORT_KEYS,
    CardNotFound,
    CardRow,
    RunFilter,
    RunNotFound,
    RunRecord,
    RunSummary,
    StoreError,
    clean_name,
    clean_tags,
    dumps,
    finite_or_none,
    loads,
    summary_from_row,
    where_clause,
)
from engine.store.schema import SCHEMA_VERSION, STATUSES

DB_NAME = "suanli.db"
BUSY_TIMEOUT_MS = 15_000


def default_path() -> Path:
    from engine.paths import suanli_home

    return suanli_home() / DB_NAME


def process_start_time(pid: int) -> float | None:
    """When process ``pid`` started (to tell it from a later one with the same pid)."""
    try:
        import psutil

        return psutil.Process(pid).create_time()
    except Exception:
        return None


def process_alive(pid: int, started_at: float | None) -> bool:
    """Whether ``pid`` is the process that recorded a run (not a zombie, not a reused pid)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is a dependency
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        if started_at is not None and abs(proc.create_time() - started_at) > 1.0:
            return False
        return True
    except psutil.NoSuchProcess:
        return False
    except Exception:  # access denied and the like: assume it lives
        return True


class Store:
    """The results store. Safe to share between threads: each thread uses its own connection.

    ``Store(path)`` opens (creating or upgrading) the database; ``Store.open()`` opens the
    default one under ``$SUANLI_HOME``. Use it as a context manager or call :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, recover: bool = True) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the store {self.path}: {exc}") from None
        self._migrate()
        if recover:
            self.recover_interrupted()

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Store:
        return cls(path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection this store opened (call when no thread uses it any more)."""
        with self._lock:
            conns, self._conns = self._conns, []
            self._closed = True
        for conn in conns:
            try:
                conn.close()
            except sqlite3.Error:
                pass
        self._local = threading.local()

    def close_thread(self) -> None:
        """Close the calling thread's connection (a thread that is done with the store)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._lock:
            if conn in self._conns:
                self._conns.remove(conn)
        conn.close()

    # ------------------------------------------------------------------ connections

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (autocommit mode; see :meth:`transaction`)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if self._closed:
            raise StoreError(f"the store {self.path} is closed")
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch to WAL mode (got {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None
        self._local.conn = conn
        with self._lock:
            self._conns.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error) on this thread's connection."""
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _migrate(self) -> None:
        conn = self.connection()
        try:
            steps = store_schema.MIGRATIONS
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == len(steps):
                return
            self._check_version(version, len(steps))
            with self.transaction():
                version = conn.execute("PRAGMA user_version").fetchone()[0]  # under the lock
                self._check_version(version, len(steps))
                for number in range(version, len(steps)):
                    for statement in steps[number]:
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {len(steps)}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None

    def _check_version(self, version: int, known: int) -> None:
        if version > known:
            raise StoreError(
                f"{self.path} was written by a newer Suanli (store schema {version}, this "
                f"version knows up to {known}); upgrade Suanli or set SUANLI_HOME "
                "to another folder"
            )

    def integrity_check(self) -> str:
        """``"ok"`` or SQLite's first complaint."""
        return str(self.connection().execute("PRAGMA integrity_check").fetchone()[0])

    # ------------------------------------------------------------------ recovery

    def recover_interrupted(self) -> list[int]:
        """Mark runs ``interrupted`` whose recording process (on this host) is gone."""
        conn = self.connection()
        rows = conn.execute(
            "SELECT id, pid, pid_started_at, host FROM runs WHERE status = 'running'"
        ).fetchall()
        host = socket.gethostname()
        dead = [
            r["id"]
            for r in rows
            if r["host"] == host
            and r["pid"] != os.getpid()
            and (r["pid"] is None or not process_alive(r["pid"], r["pid_started_at"]))
        ]
        if not dead:
            return []
        with self.transaction():
            for run_id in dead:
                conn.execute(
                    """UPDATE runs SET status = 'interrupted',
                        ended_at = COALESCE(
                            (SELECT MAX(ended_at) FROM epochs WHERE run_id = runs.id),
                            started_at),
                        error = COALESCE(error, 'the recording process ended without finishing')
                       WHERE id = ? AND status = 'running'""",
                    (run_id,),
                )
        return dead

    # ------------------------------------------------------------------ writing runs

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
            info.get("device") or config.get("device"),
            config.get("epochs"),
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
                    (None,) * 5
                    if last is None
                    else (
                        last["train_loss"],
                        last["train_accuracy"],
                        last["dev_loss"],
                        last["dev_accuracy"],
                        last["samples_per_s"],
                    )
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

    def find_run(self, ref: int | str) -> int:
        """A run's id from its id or from the engine's run id (``uid``); RunNotFound if none."""
        text = str(ref).strip()
        if text.isdigit():
            row = (
                self.connection()
                .execute("SELECT id FROM runs WHERE id = ?", (int(text),))
                .fetchone()
            )
        else:
            row = self.connection().execute("SELECT id FROM runs WHERE uid = ?", (text,)).fetchone()
        if row is None:
            raise RunNotFound(int(text) if text.isdigit() else text)
        return int(row[0])

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
                        *(
                            finite_or_none(logs.get(k))
                            for k in (
                                "train_loss",
                                "train_accuracy",
                                "dev_loss",
                                "dev_accuracy",
                                "samples_per_s",
                                "seconds",
                            )
                        ),
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
                        *(
                            finite_or_none(logs.get(k))
                            for k in (
                                "train_loss",
                                "train_accuracy",
                                "dev_loss",
                                "dev_accuracy",
                                "samples_per_s",
                            )
                        ),
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
                    result.get("error"),
                    *([dumps(result["info"])] * 2 if result.get("info") else [None, None]),
                    finite_or_none(result.get("samples_per_s")),
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

    # ------------------------------------------------------------------ cards

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
                f"no score card with id {card_id!r} in the store "
                "(see `python -m engine cards list`)"
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

    # ------------------------------------------------------------------ reading runs

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

    # ------------------------------------------------------------------ editing runs

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


__all__ = [
    "SCHEMA_VERSION",
    "SORT_KEYS",
    "STATUSES",
    "CardNotFound",
    "CardRow",
    "RunFilter",
    "RunNotFound",
    "RunRecord",
    "RunSummary",
    "Store",
    "StoreError",
    "default_path",
]
