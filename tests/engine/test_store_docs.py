"""docs/store.md: it names every table and column of the store's schema, and its example
queries run (with Python's sqlite3 and the sqlite3 command-line client, if installed)
against a store these tests fill, giving the rows they promise."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from engine.cards.card import SubScore, make_card
from engine.hashing import json_sha256
from engine.scoring.score import load_reference_profile, suanli_score
from engine.store.store import Store
from engine.store.writer import StoreWriter, record_card

COMPOSITE = suanli_score(
    {"train_samples_per_s": 2500.0, "inference_samples_per_s": 9000.0}, load_reference_profile()
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"
FACTS = {"cpu_model": "Test CPU 9000", "gpus": [{"name": "Test GPU", "memory_total_mib": 8192}]}


def documented() -> dict[str, set[str]]:
    """``{table: {column, ...}}`` from the doc's ``### `table` `` sections."""
    out: dict[str, set[str]] = {}
    table = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"### `(\w+)`", line):
            table = m.group(1)
            out[table] = set()
        elif line.startswith("## "):
            table = None
        elif table and (m := re.match(r"\| `(\w+)` \|", line)):
            out[table].add(m.group(1))
    return out


def queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "suanli.db"
    with Store(path) as store:
        w = StoreWriter(store, environment={"facts": FACTS, "sha256": json_sha256(FACTS)})
        w.on_run_begin({"config": {"dataset": "mnist", "model": "seed-cnn", "epochs": 2}})
        for epoch in (1, 2):
            w.on_batch_end(epoch, {"loss": 1.0, "accuracy": 0.5, "epoch": epoch})
            w.on_device_sample(
                {"timestamp": 1.0e9 + epoch, "host": {}, "gpus": [{"power_w": 100.0 * epoch}]}
            )
            w.on_epoch_end(
                epoch,
                {"epoch": epoch, "train_loss": 1.0 / epoch, "learning_rate": 0.01 / epoch},
            )
        w.on_run_end({"status": "finished", "config": {}, "test": {"loss": 0.5, "accuracy": 0.9}})
        assert w.run_id == 1
        card = make_card(
            suite_version="1",
            config={},
            dataset_sha256="ab" * 32,
            environment={"facts": FACTS, "sha256": json_sha256(FACTS)},
            sub_scores=[
                SubScore("train_samples_per_s", 2500.0, "samples/s", True, (2500.0,)),
                SubScore("inference_samples_per_s", 9000.0, "samples/s", True, (9000.0,)),
            ],
            suanli_score=COMPOSITE,  # what the store recomputes from the sub-scores
            reference_profile="ref",
            extra={},
            created_utc="2026-01-02T03:04:05Z",
        )
        record_card(card.to_dict(), store=store)
    return path


def test_every_table_and_column_is_documented(db):
    conn = sqlite3.connect(db)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    schema = {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}
    assert documented() == schema


def test_the_example_queries_run_and_answer(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    best, curve, machines, figures, power = (conn.execute(q).fetchall() for q in queries())
    assert [row[:4] for row in best] == [("mnist", 1, "", 0.9)]
    assert [(e, lr) for e, _, _, _, _, _, lr, _ in curve] == [(1, 0.01), (2, 0.005)]
    assert machines == [
        (
            "Test CPU 9000",
            "Test GPU",
            1,
            pytest.approx(COMPOSITE),
            pytest.approx(COMPOSITE, abs=0.05),
        )
    ]
    assert ("train_samples_per_s", 2500.0, "samples/s") in figures
    assert power == [(150.0, None)]


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="no sqlite3 command-line client")
def test_the_sqlite3_client_runs_them_too(db):
    for query in queries():
        p = subprocess.run(
            ["sqlite3", "-readonly", "-bail", str(db)],
            input=query,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert p.returncode == 0 and p.stderr == "" and p.stdout.strip(), (query, p.stderr)
