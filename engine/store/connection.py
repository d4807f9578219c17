"""The results store's database: the file, one connection per thread, transactions and
schema upgrades.

``$SUANLI_HOME/suanli.db`` (see :func:`default_path`), in WAL mode so that readers in
other threads or processes never block the one writer (and are never blocked by it).
Each thread gets its own connection; every write is one short ``BEGIN IMMEDIATE``
transaction, and ``busy_timeout`` makes a second writer wait instead of failing.

The schema (:mod:`engine.store.schema`) is versioned with ``PRAGMA user_version`` and
upgraded when a store is opened. :class:`StoreConnection` is the base of every part of
:class:`engine.store.store.Store`.

**Read-only mode.** A store whose folder or file cannot be written (a read-only mount, a
folder without write permission, a copy on a CD) is opened read-only: listing, showing and
exporting runs work; every write (recording a run, renaming, tagging, deleting, importing a
card) is refused with one line that says "read-only" (:data:`READ_ONLY`), and nothing is
changed (not even the journal mode or a schema upgrade). Whether the folder takes a file
is tried, not guessed from permission bits, so it holds for root too.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.files.disk import free_bytes, human_bytes
from engine.store import schema as store_schema
from engine.store.records import StoreError

DB_NAME = "suanli.db"
BUSY_TIMEOUT_MS = 15_000
READ_ONLY = (
    "the results store {path} is read-only (its folder or file cannot be written); nothing "
    "was changed; set SUANLI_HOME to a writable folder to record runs"
)


def writable(path: Path) -> bool:
    """Whether the store file ``path`` and its folder (for the -wal/-shm files) take
    writes: a file is created and removed in the folder, and the file is opened for
    writing (so a read-only mount says no, for root too)."""
    folder = path.parent
    try:
        fd, name = tempfile.mkstemp(prefix=".suanli-probe.", dir=folder)
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(name)
    except OSError:
        pass
    if path.exists():
        try:
            os.close(os.open(path, os.O_RDWR))
        except OSError:
            return False
    return True


def default_path() -> Path:
    from engine.paths import suanli_home

    return suanli_home() / DB_NAME


class StoreConnection:
    """The database of a store: a connection per thread, transactions, migrations."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, read_only: bool | None = None
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        self._closed = False
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise StoreError(
                f"{self.path.parent} is a file, not a folder; set SUANLI_HOME to a folder"
            )
        if self.path.exists() and not self.path.is_file():
            raise StoreError(f"{self.path} is not a regular file; set SUANLI_HOME to a folder")
        if read_only is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # a read-only place: judged just below
            read_only = not writable(self.path)
        self.read_only = read_only
        if read_only and not self.path.is_file():
            raise StoreError(
                f"no results store at {self.path}, and its folder cannot be written; set "
                "SUANLI_HOME to a writable folder"
            )
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder for the store {self.path}: {exc}"
                ) from None
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
        if self.read_only:
            conn = self._read_only_connection()
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
            return conn
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

    def _read_only_connection(self) -> sqlite3.Connection:
        """A connection that cannot write: ``mode=ro``; where even the WAL index cannot be
        made (a read-only folder without ``-shm``), ``immutable=1`` (no locks, no WAL)."""
        uri = "file:" + urllib.parse.quote(str(self.path.resolve())) + "?mode=ro"
        last: sqlite3.Error | None = None
        for extra in ("", "&immutable=1"):
            try:
                conn = sqlite3.connect(
                    uri + extra,
                    uri=True,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    check_same_thread=False,
                )
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA query_only = ON")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.DatabaseError as exc:
                last = exc
        raise StoreError(f"cannot open the read-only store {self.path}: {last}")

    def refuse_if_read_only(self) -> None:
        """:class:`StoreError` (one line, "read-only") when this store cannot be written."""
        if self.read_only:
            raise StoreError(READ_ONLY.format(path=self.path))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error) on this thread's
        connection; a read-only store refuses (:meth:`refuse_if_read_only`)."""
        self.refuse_if_read_only()
        conn = self.connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._write_error(exc) from None
        try:
            yield conn
        except BaseException as exc:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolled back already (a full disk)
            if isinstance(exc, sqlite3.OperationalError):
                raise self._write_error(exc) from None
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise self._write_error(exc) from None

    def _write_error(self, exc: sqlite3.OperationalError) -> Exception:
        """A write that SQLite refused, as one line: busy, full, read-only; else as is."""
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return StoreError(
                f"the results store {self.path} is busy: another Suanli process kept it "
                f"locked for {BUSY_TIMEOUT_MS // 1000} s; nothing was changed; try again "
                "when it is done"
            )
        if "full" in text:
            free = human_bytes(free_bytes(self.path.parent))
            return StoreError(
                f"the disk holding the results store {self.path} is full ({free} free); "
                "nothing was changed; free some space and try again"
            )
        if "readonly" in text or "read-only" in text:
            return StoreError(READ_ONLY.format(path=self.path))
        return exc

    def _migrate(self) -> None:
        conn = self.connection()
        try:
            steps = store_schema.MIGRATIONS
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == len(steps):
                return
            self._check_version(version, len(steps))
            if self.read_only:
                raise StoreError(
                    f"{self.path} was written by an older Suanli and must be upgraded, but it "
                    "is read-only; open it once where it can be written"
                )
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
