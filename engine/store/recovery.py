"""Runs left ``running`` by a process that no longer exists: found and marked
``interrupted`` (on open, see :class:`engine.store.store.Store`)."""

from __future__ import annotations

import os
import socket

from engine.store.connection import StoreConnection


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


class StoreRecovery(StoreConnection):
    """Recovery of interrupted runs."""

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
