"""The results store's database: the file, one connection per thread, transactions and
schema upgrades.

``$SUANLI_HOME/suanli.db`` (see :func:`default_path`), in WAL mode so that readers in
other threads or processes never block the one writer (and are never blocked by it).
Each thread gets its own connection; every write is one short ``BEGIN IMMEDIATE``
transaction, and ``busy_timeout`` makes a second writer wait instead of failing.

The schema (:mod:`engine.store.schema`) is versioned with ``PRAGMA user_version`` and
upgraded when a store is opened. :class:`StoreConnection` is the base of every part of
:class:`engine.store.store.Store`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.store import schema as store_schema
from engine.store.records import StoreError

DB_NAME = "suanli.db"
BUSY_TIMEOUT_MS = 15_000


def default_path() -> Path:
    from engine.paths import suanli_home

    return suanli_home() / DB_NAME


class StoreConnection:
    """The database of a store: a connection per thread, transactions, migrations."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
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
