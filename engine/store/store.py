"""The results store: every run, its metrics, report and score card, in one SQLite file.

:class:`Store` is made of one part per idea: the database and its connections
(:mod:`engine.store.connection`), recovery of interrupted runs (:mod:`engine.store.recovery`),
recording runs (:mod:`engine.store.recording`), reading and editing them
(:mod:`engine.store.reading`, :mod:`engine.store.editing`) and the card table
(:mod:`engine.store.card_table`). A run that was left ``running`` by a process that no longer
exists is marked ``interrupted`` on open.

:class:`engine.store.writer.StoreWriter` is the callback that records runs; the records the
read API returns are in :mod:`engine.store.records`.
"""

from __future__ import annotations

import os
from typing import Any

from engine.store.editing import RunEditing
from engine.store.recording import RunRecording
from engine.store.recovery import StoreRecovery


class Store(RunEditing, RunRecording, StoreRecovery):
    """The results store. Safe to share between threads: each thread uses its own connection.

    ``Store(path)`` opens (creating or upgrading) the database; ``Store.open()`` opens the
    default one under ``$SUANLI_HOME``. Use it as a context manager or call :meth:`close`.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        recover: bool = True,
        read_only: bool | None = None,
    ) -> None:
        super().__init__(path, read_only=read_only)
        if recover and not self.read_only:
            self.recover_interrupted()

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Store:
        return cls(path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


__all__ = ["Store"]
