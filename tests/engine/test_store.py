"""The results store: schema, StoreWriter's incremental writes, downsampling, recovery of
runs left ``running``, the read API the history view uses, and a reader thread running
while the engine writes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from engine.cards.card import SubScore, make_card
from engine.hashing import json_sha256
from engine.store.csv_export import CSV_COLUMNS, write_metrics_csv
from engine.store.records import RunFilter, RunNotFound, StoreError
from engine.store.schema import SCHEMA_VERSION
from engine.store.store import Store
from engine.store.writer import Decimator, StoreWriter

CONFIG = {
    "dataset": "synthetic",
    "model": "seed-cnn",
    "epochs": 3,
    "batch_size": 8,
    "device": "cpu",
}
FACTS = {"cpu_model": "Test CPU", "gpus": [], "tensorflow": "2.99"}
ENV = {"facts": FACTS, "sha256": json_sha256(FACTS)}


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "suanli.db") as s:
        yield s


def info() -> dict[str, Any]:
    return {"config": dict(CONFIG), "device": "/device:CPU:0", "epochs": 3}


def epoch_logs(epoch: int) -> dict[str, float]:
    return {
        "epoch": epoch,
        "train_loss": 1.0 / epoch,
        "train_accuracy": 0.5 + epoch / 10,
        "dev_loss": 1.1 / epoch,
        "dev_accuracy": 0.4 + epoch / 10,
        "samples_per_s": 100.0,
        "seconds": 1.5,
    }


def result(status: str = "finished", **extra: Any) -> SimpleNamespace:
    data = {
        "status": status,
        "config": dict(CONFIG),
        "info": {"device": "/device:CPU:0"},
        "steps": 30,
        "samples_seen": 240,
        "train_seconds": 4.5,
        "wall_seconds": 6.0,
        "error": None,
        "misclassified": [{"index": 3, "true": 1, "pred": 2, "confidence": 0.9}],
        "test": {
            "accuracy": 0.75,
            "loss": 0.8,
            "samples": 4,
            "report": {
                "0": {"precision": 1.0, "recall": 0.5, "f1-score": 0.66, "support": 2},
                "accuracy": 0.75,
            },
            "confusion_matrix": [[1, 1], [0, 2]],
        },
        **extra,
    }
    return SimpleNamespace(to_dict=lambda: data)


def a_card():
    """A card whose composite is what its sub-scores give (the store recomputes it)."""
    from engine.store.cards import rescored

    card = make_card(
        suite_version="1",
        config=CONFIG,
        dataset_sha256="cd" * 32,
        environment=ENV,
        sub_scores=[
            SubScore("train_samples_per_s", 100.0, "samples/s", True, (99.0, 101.0)),
            SubScore("inference_samples_per_s", 900.0, "samples/s", True, (890.0, 910.0)),
        ],
        suanli_score=321.0,
        created_utc="2026-01-02T03:04:05Z",
    )
    return rescored(card)[0]


def simulate(
    writer: StoreWriter, epochs: int = 3, steps: int = 10, status: str = "finished"
) -> None:
    writer.on_run_begin(info())
    step = 0
    for epoch in range(1, epochs + 1):
        writer.on_epoch_begin(epoch, {"steps": steps})
        for _ in range(steps):
            step += 1
            writer.on_batch_end(
                step,
                {
                    "loss": 2.0 / step,
                    "accuracy": 0.1,
                    "size": 8,
                    "epoch": epoch,
                    "samples_per_s": 50.0,
                },
            )
        writer.on_epoch_end(epoch, epoch_logs(epoch))
    writer.on_run_end(result(status))


# --------------------------------------------------------------------------- schema


def test_a_new_store_is_in_wal_mode_at_the_current_schema(tmp_path):
    with Store(tmp_path / "s.db") as s:
        conn = s.connection()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.integrity_check() == "ok"


def test_the_default_store_lives_under_suanli_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
    with Store() as s:
        assert s.path == tmp_path / "home" / "suanli.db"
        assert s.path.is_file()


def test_a_store_from_a_newer_suanli_is_refused_with_one_line(tmp_path):
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer Suanli") as err:
        Store(path)
    assert "\n" not in str(err.value)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(path)


def test_an_older_store_is_upgraded_in_place_keeping_its_runs(tmp_path, monkeypatch):
    from engine.store import schema as store_schema

    path = tmp_path / "s.db"
    with Store(path) as s:
        simulate(StoreWriter(s, environment=ENV), epochs=1)
    v2 = ("ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT ''",)
    monkeypatch.setattr(store_schema, "MIGRATIONS", (*store_schema.MIGRATIONS, v2))
    with Store(path) as s:
        conn = s.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert [tuple(r) for r in conn.execute("SELECT notes FROM runs")] == [("",)]
        assert s.list_runs()[0].epochs_done == 1


def test_each_thread_gets_its_own_connection(store):
    conns = []
    t = threading.Thread(target=lambda: conns.append(store.connection()))
    t.start()
    t.join()
    assert conns[0] is not store.connection()
    store.close_thread()
    assert store.list_runs() == []  # a new connection is opened on demand


def test_opening_twice_does_not_migrate_again(tmp_path):
    Store(tmp_path / "s.db").close()
    with Store(tmp_path / "s.db") as s:
        assert s.list_runs() == []


# --------------------------------------------------------------------------- writer


def test_the_writer_records_a_run_epoch_by_epoch(store):
    w = StoreWriter(store, name="first", tags=["baseline", "cpu"], environment=ENV)
    w.on_run_begin(info())
    run_id = w.run_id
    assert store.get_summary(run_id).status == "running"
    w.on_batch_end(1, {"loss": 2.0, "accuracy": 0.1, "epoch": 1, "samples_per_s": 5.0})
    assert store.get_run(run_id).batches["step"] == []  # buffered until the epoch ends
    w.on_epoch_end(1, epoch_logs(1))
    rec = store.get_run(run_id)
    assert rec.summary.epochs_done == 1 and rec.batches["step"] == [1]
    assert rec.epochs == [epoch_logs(1)]
    w.on_run_end(result())
    rec = store.get_run(run_id)
    s = rec.summary
    assert (s.status, s.name, s.tags, s.test_accuracy, s.steps) == (
        "finished",
        "first",
        ("baseline", "cpu"),
        0.75,
        30,
    )
    assert s.ended_at is not None and s.ended_at >= s.started_at
    assert rec.config == CONFIG and rec.environment == ENV and s.env_sha256 == ENV["sha256"]
    assert rec.report["accuracy"] == 0.75 and rec.confusion_matrix == [[1, 1], [0, 2]]
    assert rec.misclassified[0]["pred"] == 2
    assert w.error is None


@pytest.mark.parametrize("status", ["stopped", "failed"])
def test_stopped_and_failed_runs_are_recorded_with_their_status(store, status):
    w = StoreWriter(store, environment=ENV)
    simulate(w, epochs=1, status=status)
    assert store.get_summary(w.run_id).status == status


def test_a_run_that_fails_before_it_begins_is_still_recorded(store):
    w = StoreWriter(store, environment=ENV)
    w.on_run_end(result("failed", error="out of memory at batch size 65536", test=None))
    s = store.get_summary(w.run_id)
    assert s.status == "failed" and s.error.startswith("out of memory")


def test_a_score_card_reported_by_the_run_is_stored_with_it(store):
    w = StoreWriter(store, environment=ENV)
    w.on_run_begin(info())
    w.on_score(a_card().to_dict())
    w.on_score({"partial": "not a card"})  # ignored, recording goes on
    w.on_run_end(result())
    rec = store.get_run(w.run_id)
    assert rec.card == a_card().to_dict() and rec.summary.score == a_card().suanli_score
    assert rec.summary.has_card and w.error is None


def test_a_bench_card_is_recorded_as_a_run_holding_it(store):
    from engine.cards.card import CardError
    from engine.store.writer import record_card

    card = a_card().to_dict()
    card_extra = {**card, "extra": {"status": "stopped", "suite_seconds": 12.5}}
    card_extra.pop("config_sha256")
    run_id = record_card(a_card(), store=store, name="bench on CPU")
    rec = store.get_run(run_id)
    assert rec.summary.kind == "bench" and rec.summary.status == "finished"
    assert rec.card == card and rec.summary.score == a_card().suanli_score
    assert rec.environment == ENV
    with pytest.raises(CardError):
        record_card(card_extra, store=store)
    assert len(store.list_runs()) == 1


def test_a_broken_store_never_stops_the_run(tmp_path):
    s = Store(tmp_path / "s.db")
    w = StoreWriter(s, environment=ENV)
    w.on_run_begin(info())
    s.close()  # every later write fails
    w.on_epoch_end(1, epoch_logs(1))
    w.on_run_end(result())
    assert w.error is not None and "closed" in w.error


def test_device_samples_from_another_thread_are_flushed_with_the_epoch(store):
    w = StoreWriter(store, environment=ENV, max_device_samples=16)
    w.on_run_begin(info())

    def sampler():
        for i in range(100):
            w.on_device_sample({"timestamp": 1000.0 + i, "host": {"cpu_percent": 50.0}})

    t = threading.Thread(target=sampler)
    t.start()
    t.join()
    w.on_epoch_end(1, epoch_logs(1))
    w.on_run_end(result())
    rec = store.get_run(w.run_id)
    assert 8 <= len(rec.samples) <= 16
    assert rec.samples[0]["timestamp"] == 1000.0
    stamps = [s["timestamp"] for s in rec.samples]
    assert stamps == sorted(stamps)
    assert all((t - 1000.0) % rec.sample_stride == 0 for t in stamps)


# --------------------------------------------------------------------------- downsampling


def test_the_decimator_keeps_a_bounded_evenly_spaced_subset():
    d = Decimator(10)
    kept = [i for i in range(1000) if d.offer()[1]]
    kept = [i for i in kept if i % d.stride == 0]  # what survives later prunes
    assert len(kept) <= 10 and kept[0] == 0
    assert d.stride in (128, 256) and all(i % d.stride == 0 for i in kept)
    assert len(kept) == (1000 - 1) // d.stride + 1


def test_batch_series_stay_within_their_budget_across_epochs(store):
    w = StoreWriter(store, environment=ENV, max_batch_points=16)
    simulate(w, epochs=5, steps=37)
    rec = store.get_run(w.run_id)
    steps = rec.batches["step"]
    assert 8 <= len(steps) <= 16
    assert steps[0] == 1 and steps == sorted(steps)
    assert all((s - 1) % rec.batch_stride == 0 for s in steps)
    assert rec.batches["loss"][0] == 2.0
    assert set(rec.batches) >= {"step", "epoch", "loss", "accuracy", "samples_per_s", "elapsed_s"}


def test_a_resumed_run_continues_its_row_and_series(store):
    run_info = {**info(), "run_id": "20260101-000000-abcdef"}
    w = StoreWriter(store, environment=ENV, max_batch_points=8)
    w.on_run_begin(run_info)
    step = 0
    for epoch in (1, 2):
        for _ in range(10):
            step += 1
            w.on_batch_end(step, {"loss": 1.0, "epoch": epoch})
        w.on_epoch_end(epoch, epoch_logs(epoch))
    for _ in range(4):  # part of epoch 3 -- then the run is stopped
        step += 1
        w.on_batch_end(step, {"loss": 1.0, "epoch": 3})
    w.on_run_end(result("stopped"))
    run_id = w.run_id
    assert store.find_run("20260101-000000-abcdef") == run_id == store.find_run(str(run_id))
    assert max(store.get_run(run_id).batches["epoch"]) == 3

    # the engine resumes from the checkpoint of epoch 2: the same run id, start_epoch 3
    w2 = StoreWriter(store, environment=ENV, max_batch_points=8)
    w2.on_device_sample({"timestamp": 5.0})  # the sampler may start before the run
    w2.on_run_begin({**run_info, "start_epoch": 3})
    assert w2.run_id == run_id
    s = store.get_summary(run_id)
    assert (s.status, s.epochs_done, s.ended_at) == ("running", 2, None)
    assert max(store.get_run(run_id).batches["epoch"]) == 2  # epoch 3 is trained again
    step = 20
    for _ in range(10):
        step += 1
        w2.on_batch_end(step, {"loss": 0.5, "epoch": 3})
    w2.on_epoch_end(3, epoch_logs(3))
    w2.on_run_end(result())
    rec = store.get_run(run_id)
    assert rec.summary.status == "finished" and len(store.list_runs()) == 1
    assert [e["epoch"] for e in rec.epochs] == [1, 2, 3]
    steps = rec.batches["step"]
    assert len(steps) <= 8 and steps == sorted(steps) and len(set(steps)) == len(steps)
    assert rec.batches["epoch"][-1] == 3 and rec.samples == [{"timestamp": 5.0}]


# --------------------------------------------------------------------------- recovery


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_runs_left_running_by_a_dead_process_become_interrupted(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as s:
        w = StoreWriter(s, environment=ENV)
        w.on_run_begin(info())
        w.on_epoch_end(1, epoch_logs(1))
        mine = w.run_id
        w2 = StoreWriter(s, environment=ENV)
        w2.on_run_begin(info())
        gone = w2.run_id
        s.connection().execute("UPDATE runs SET pid = ? WHERE id = ?", (dead_pid(), gone))
    with Store(path) as s:
        assert s.get_summary(mine).status == "running"  # this process still lives
        g = s.get_summary(gone)
        assert g.status == "interrupted" and g.ended_at is not None
        assert s.list_runs({"status": "interrupted"})[0].id == gone


def test_a_reused_pid_does_not_keep_a_run_running(tmp_path):
    with Store(tmp_path / "s.db") as s:
        w = StoreWriter(s, environment=ENV)
        w.on_run_begin(info())
        # same pid as a live process (ours), but that process started at another time
        s.connection().execute(
            "UPDATE runs SET pid = ?, pid_started_at = 1.0 WHERE id = ?", (os.getppid(), w.run_id)
        )
        assert s.recover_interrupted() == [w.run_id]


# --------------------------------------------------------------------------- read API


def test_list_runs_filters_sorts_and_edits(store):
    ids = []
    for name, status in (("alpha", "finished"), ("beta", "stopped"), ("gamma", "finished")):
        w = StoreWriter(store, name=name, environment=ENV)
        simulate(w, epochs=1, steps=2, status=status)
        ids.append(w.run_id)
    assert [r.id for r in store.list_runs()] == ids[::-1]  # newest first
    assert [r.name for r in store.list_runs(sort="name")] == ["alpha", "beta", "gamma"]
    assert [r.name for r in store.list_runs({"status": "finished"}, sort="name")] == [
        "alpha",
        "gamma",
    ]
    assert [r.name for r in store.list_runs(RunFilter(text="AM"))] == ["gamma"]
    assert [r.name for r in store.list_runs(RunFilter(text="%"))] == []
    store.rename_run(ids[0], "  renamed\nrun ")
    store.add_tags(ids[0], ["fast", "fast", "gpu"])
    store.remove_tags(ids[0], ["gpu"])
    s = store.get_summary(ids[0])
    assert s.name == "renamed run" and s.tags == ("fast",)
    assert [r.id for r in store.list_runs({"tag": "fast"})] == [ids[0]]
    assert store.count_runs({"status": ["finished", "stopped"]}) == 3
    assert store.all_tags() == ["fast"]
    store.delete_run(ids[1])
    assert [r.id for r in store.list_runs(sort="id")] == [ids[0], ids[2]]
    with pytest.raises(RunNotFound):
        store.get_run(ids[1])
    with pytest.raises(StoreError, match="cannot sort"):
        store.list_runs(sort="name; DROP TABLE runs")
    with pytest.raises(StoreError):
        store.rename_run(ids[0], "x" * 1000)


def test_deleting_a_run_deletes_its_series_and_card(store):
    w = StoreWriter(store, environment=ENV)
    w.on_run_begin(info())
    w.on_score(a_card().to_dict())
    with pytest.raises(StoreError, match="still running"):
        store.delete_run(w.run_id)
    simulate_end = result()
    w.on_epoch_end(1, epoch_logs(1))
    w.on_run_end(simulate_end)
    store.delete_run(w.run_id)
    conn = store.connection()
    for table in ("epochs", "batches", "samples", "results", "cards", "run_tags"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table


def test_csv_export_holds_epoch_and_batch_rows(store, tmp_path):
    import csv

    w = StoreWriter(store, environment=ENV)
    simulate(w, epochs=2, steps=3)
    n = write_metrics_csv(store.get_run(w.run_id), tmp_path / "m.csv")
    with (tmp_path / "m.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert n == len(rows) and [r["level"] for r in rows].count("batch") == 6
    assert tuple(rows[0]) == CSV_COLUMNS
    epochs = [r for r in rows if r["level"] == "epoch"]
    assert len(epochs) == 2 and float(epochs[1]["dev_accuracy"]) == epoch_logs(2)["dev_accuracy"]
    assert rows[0]["step"] == "1" and rows[0]["dev_loss"] == "" and rows[0]["batch_loss"] != ""
    assert all(r["step"].isdigit() and r["run_id"] == str(w.run_id) for r in rows)


# --------------------------------------------------------------------------- concurrency


def test_a_reader_thread_reads_while_the_engine_writes(tmp_path, monkeypatch):
    from engine.config import RunConfig
    from engine.training.run import run

    monkeypatch.setenv("SUANLI_HOME", str(tmp_path))  # whatever else the run writes

    store = Store(tmp_path / "suanli.db")
    done = threading.Event()
    errors: list[BaseException] = []
    seen: list[int] = []

    def reader() -> None:
        try:
            while not done.is_set():
                for summary in store.list_runs():
                    rec = store.get_run(summary.id)
                    seen.append(rec.summary.epochs_done)
                    assert len(rec.epochs) == rec.summary.epochs_done
                time.sleep(0.002)  # leave the GIL to the trainer now and then
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    t = threading.Thread(target=reader)
    t.start()
    try:
        writer = StoreWriter(store, environment=ENV)
        res = run(
            RunConfig(dataset="synthetic", limit=300, epochs=3, batch_size=8, device="cpu"),
            [writer],
        )
    finally:
        done.set()
        t.join(60)
    assert not t.is_alive()
    assert errors == [], errors
    assert res.status == "finished" and writer.error is None
    assert seen and seen == sorted(seen)  # epochs only ever appear, never vanish
    rec = store.get_run(writer.run_id)
    assert rec.summary.epochs_done == 3 and rec.summary.status == "finished"
    assert len(rec.batches["step"]) == rec.summary.steps
    store.close()
