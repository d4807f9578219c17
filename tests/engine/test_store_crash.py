"""A training process killed with SIGKILL mid-epoch leaves a sound store: integrity ok,
every finished epoch kept, and the run marked ``interrupted`` when the store is reopened.

The test waits for the store to show a finished epoch (no timing assumptions), then kills
the process while it trains the next one (each epoch runs hundreds of small batches).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
GIVE_UP_S = 300  # a safety net for a broken build, not a performance check


def finished_epochs(db: Path) -> int:
    """Epochs committed so far, read through a plain read-only connection."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute("SELECT MAX(epochs_done) FROM runs").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return 0
    return int(row[0] or 0)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_epoch_keeps_finished_epochs_and_marks_the_run_interrupted(tmp_path):
    home = tmp_path / "home"
    db = home / "suanli.db"
    env = {**os.environ, "SUANLI_HOME": str(home), "CUDA_VISIBLE_DEVICES": "-1"}
    log = tmp_path / "stderr.txt"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "engine",
                "train",
                "--dataset",
                "synthetic",
                "--limit",
                "2000",
                "--epochs",
                "50",
                "--batch-size",
                "4",
                "--device",
                "cpu",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + GIVE_UP_S
        while finished_epochs(db) < 1:
            printed = log.read_text(errors="replace")
            if proc.poll() is not None:
                pytest.fail(f"training ended early (exit {proc.returncode}): {printed[-2000:]}")
            if "epoch 2/" in printed or time.monotonic() > deadline:
                pytest.fail(
                    "the store shows no finished epoch while training goes on: is "
                    "StoreWriter in the callbacks of `python -m engine train`?"
                )
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(60)
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        assert store.integrity_check() == "ok"
        (run,) = store.list_runs()
        assert run.status == "interrupted"
        assert run.ended_at is not None and run.error
        assert 1 <= run.epochs_done < 50 and run.steps >= run.epochs_done
        rec = store.get_run(run.id)
        assert [e["epoch"] for e in rec.epochs] == list(range(1, run.epochs_done + 1))
        assert all(e["train_loss"] > 0 for e in rec.epochs)
        # batch points of finished epochs only: the epoch in progress died with the process
        assert rec.batches["step"] and max(rec.batches["epoch"]) <= run.epochs_done
        assert rec.config["dataset"] == "synthetic" and rec.config["batch_size"] == 4
    with Store(db) as store:  # a second open changes nothing
        assert store.get_summary(run.id).status == "interrupted"
