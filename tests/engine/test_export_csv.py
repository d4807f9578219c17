"""``runs csv``: one tidy table read back with Python's csv module: a run_id column, an
integer step in every row (so pandas reads an int column), epoch rows with their time and
learning rate, names that say what each figure is, ``-`` for stdout, and exit 2 for a run
with nothing to write."""

from __future__ import annotations

import csv
import io
import os
from datetime import datetime

import pytest

from engine.cards.card import SubScore, make_card
from engine.cli.main import main
from engine.hashing import json_sha256
from engine.store.csv_export import CSV_COLUMNS
from engine.store.store import Store
from engine.store.writer import StoreWriter, record_card


def record(store: Store) -> int:
    w = StoreWriter(store, environment={})
    w.on_run_begin({"config": {"epochs": 2}, "steps_per_epoch": 2})
    for step in range(1, 5):
        epoch = (step + 1) // 2
        w.on_batch_end(
            step, {"loss": 1.0 / step, "accuracy": 0.5, "epoch": epoch, "samples_per_s": 40.0}
        )
        if step % 2 == 0:
            w.on_epoch_end(
                epoch,
                {
                    "epoch": epoch,
                    "train_loss": 0.5,
                    "train_accuracy": 0.75,
                    "dev_loss": 0.625,
                    "dev_accuracy": 0.7,
                    "learning_rate": 0.001 / epoch,
                    "samples_per_s": 80.0,
                    "seconds": 0.25,
                },
            )
    w.on_run_end(
        {"status": "finished", "config": {}, "steps": 4, "test": {"loss": 0.5, "accuracy": 0.8}}
    )
    assert w.error is None
    return w.run_id


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_csv_to_stdout_is_tidy_with_integer_steps(home, capsys):
    with Store() as store:
        run_id = record(store)
    assert main(["runs", "csv", str(run_id), "-"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and not (home / "-").exists()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["level"], int(r["step"])) for r in rows] == [
        ("batch", 1),
        ("batch", 2),
        ("epoch", 2),
        ("batch", 3),
        ("batch", 4),
        ("epoch", 4),
        ("test", 4),
    ]
    assert {r["run_id"] for r in rows} == {str(run_id)}
    epochs = [r for r in rows if r["level"] == "epoch"]
    assert [float(r["learning_rate"]) for r in epochs] == [0.001, 0.0005]
    assert [float(r["samples_per_s_epoch"]) for r in epochs] == [80.0, 80.0]
    assert all(r["samples_per_s_epoch_so_far"] == "" and r["batch_loss"] == "" for r in epochs)
    batches = [r for r in rows if r["level"] == "batch"]
    assert [float(r["samples_per_s_epoch_so_far"]) for r in batches] == [40.0] * 4
    for level in ("batch", "epoch"):
        times = [float(r["time_s"]) for r in rows if r["level"] == level]
        assert times == sorted(times) and all(t >= 0 for t in times)
    for r in rows:  # every row has its time, in UTC
        assert datetime.fromisoformat(r["utc_time"].replace("Z", "+00:00")).utcoffset().seconds == 0
    assert float(rows[-1]["test_accuracy"]) == 0.8


def test_csv_to_a_file_says_how_many_rows(home, capsys):
    with Store() as store:
        run_id = record(store)
    assert main(["runs", "csv", str(run_id), "m.csv"]) == 0
    assert "7 rows of run" in capsys.readouterr().err
    with open(home / "m.csv", newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 7


def test_a_run_without_rows_exits_2_with_one_line(home, capsys):
    card = make_card(
        suite_version="1",
        config={},
        dataset_sha256="ab" * 32,
        environment={"facts": {}, "sha256": json_sha256({})},
        sub_scores=[SubScore("train_samples_per_s", 100.0, "samples/s", True, (100.0,))],
        suanli_score=1.0,
        reference_profile="ref",
        extra={},
        created_utc="2026-01-02T03:04:05Z",
    )
    run_id = record_card(card.to_dict())
    assert main(["runs", "csv", str(run_id), "b.csv"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "has no epoch, batch or test figures" in err
    assert not os.path.exists(home / "b.csv")
