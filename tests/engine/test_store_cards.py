"""Score-card files: export and import round-trip exactly; a duplicate is recognised by
content; every bad file is rejected with one line (file, reason, what to do) and nothing
is stored; ``compare`` prints sub-scores with ratios and environment differences; the
store CLI answers bad input with exit code 2 and one line, never a traceback."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cards.card import SubScore, card_from_dict, make_card
from engine.cards.card_file import MAX_CARD_BYTES, MAX_DEPTH, card_sha256, json_depth
from engine.hashing import json_sha256
from engine.reports.compare import compare, format_comparison, item_from_card
from engine.store.cards import (
    export_card,
    export_run_card,
    import_card_file,
    rescored,
    store_card,
)
from engine.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
CONFIG = {"dataset": "mnist", "model": "seed-cnn", "epochs": 5, "batch_size": 32}


def env(gpu: str = "GPU X", driver: str = "550.54", tf: str = "2.18.0") -> dict:
    facts = {
        "cpu_model": "Test CPU",
        "gpus": [{"name": gpu, "memory_total_mib": 24576}],
        "driver_version": driver,
        "tensorflow": tf,
    }
    return {"facts": facts, "sha256": json_sha256(facts)}


def a_card(speed: float = 4000.5, **env_kw: str):
    """A card whose composite is what its sub-scores give (the store recomputes it)."""
    return rescored(raw_card(speed, **env_kw))[0]


def raw_card(speed: float = 4000.5, **env_kw: str):
    return make_card(
        suite_version="1",
        config=CONFIG,
        dataset_sha256="ab" * 32,
        environment=env(**env_kw),
        sub_scores=[
            SubScore("train_samples_per_s", speed, "samples/s", True, (speed - 1, speed)),
            SubScore("inference_samples_per_s", 10 * speed, "samples/s", True, (10 * speed,)),
            SubScore("train_samples_per_j", None, "samples/J", True, ()),
            SubScore("latency_s", 0.25, "s", False, (0.25,)),
        ],
        suanli_score=speed / 4,
        reference_profile="suanli-reference-v1",
        extra={"flops": {"train_per_sample": 1_648_281.75}},
        created_utc="2026-01-02T03:04:05Z",
    )


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "home" / "suanli.db") as s:
        yield s


def card_count(store: Store) -> int:
    return store.connection().execute("SELECT COUNT(*) FROM cards").fetchone()[0]


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        env={**os.environ, "SUANLI_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )


# --------------------------------------------------------------------------- round trip


def test_export_then_import_round_trips_exactly(tmp_path, store):
    card = a_card()
    card_id, new = store_card(store, card)
    assert new
    out = export_card(store.get_card(card_id)[1], tmp_path / "card.json")
    with Store(tmp_path / "other" / "suanli.db") as other:
        res = import_card_file(other, out)
        assert res.status == "imported", res.message
        row, doc = other.get_card(res.card_id)
        assert doc == card.to_dict() and card_from_dict(doc) == card
        assert row.sha256 == card_sha256(card) and row.origin == "imported"
        assert row.source_name == "card.json" and row.label == "GPU X"
        assert row.score == card.suanli_score
        again = import_card_file(other, out)
        assert again.status == "duplicate" and again.card_id == res.card_id
        assert "already in the store" in again.message
        assert card_count(other) == 1


def test_a_run_card_exports_through_the_cli_and_imports_elsewhere(tmp_path):
    home_a, home_b = tmp_path / "a", tmp_path / "b"
    with Store(home_a / "suanli.db") as s:
        run_id = s.begin_run(
            uid="u1",
            kind="bench",
            name="bench",
            config=CONFIG,
            info={},
            environment=None,
            started_at=1.0,
        )
        store_card(s, a_card(), run_id=run_id)
    p = cli("runs", "export", str(run_id), str(tmp_path / "x.json"), home=home_a)
    assert p.returncode == 0, p.stderr
    p = cli("import", str(tmp_path / "x.json"), home=home_b)
    assert p.returncode == 0 and "imported as card:1" in p.stdout, p.stderr
    with Store(home_b / "suanli.db") as s:
        assert s.get_card(1)[1] == a_card().to_dict()
    p = cli("import", str(tmp_path / "x.json"), home=home_b)
    assert p.returncode == 0 and "already in the store" in p.stdout


def test_a_run_without_a_card_cannot_be_exported(tmp_path, store):
    run_id = store.begin_run(
        uid="u", kind="train", name="", config=CONFIG, info={}, environment=None, started_at=1.0
    )
    with pytest.raises(Exception, match="has no score card"):
        export_run_card(store, run_id, tmp_path / "x.json")


def test_unknown_fields_are_reported_and_ignored(tmp_path, store):
    doc = a_card().to_dict()
    doc["future_field"] = {"x": 1}
    doc["sub_scores"][0]["confidence"] = 0.9
    path = tmp_path / "future.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    res = import_card_file(store, path)
    assert res.status == "imported"
    assert res.unknown_fields == ["future_field", "sub_scores[0].confidence"]
    assert "ignored unknown fields: future_field" in res.message
    assert store.get_card(res.card_id)[1] == a_card().to_dict()


def test_html_in_device_names_is_kept_as_plain_text(tmp_path, store):
    name = '<script>alert("x")</script><b onmouseover=1>GPU</b> & co'
    card = a_card(gpu=name)
    path = tmp_path / "html.json"
    export_card(card, path)
    res = import_card_file(store, path)
    assert res.status == "imported"
    _, doc = store.get_card(res.card_id)
    stored = doc["environment"]["facts"]["gpus"][0]["name"]
    assert stored == name  # stored verbatim: escaping is the job of whatever renders it
    assert "<script>" not in html.escape(stored) and html.unescape(html.escape(stored)) == name
    text = format_comparison(compare([item_from_card("a", a_card()), item_from_card("b", card)]))
    assert name in text  # a terminal shows it as text


# --------------------------------------------------------------------------- bad files


def _deep(n: int) -> bytes:
    return b'{"schema": ' + b"[" * n + b"]" * n + b"}"


def _good() -> dict:
    return a_card().to_dict()


def _with(**changes) -> bytes:
    return json.dumps({**_good(), **changes}).encode()


BAD_CARDS: dict[str, tuple[bytes, str]] = {
    "truncated": (json.dumps(_good()).encode()[:-40], "not valid JSON"),
    "empty": (b"", "empty"),
    "not-an-object": (b"[1, 2, 3]", "not a score card"),
    "wrong-type-value": (
        json.dumps(
            {**_good(), "sub_scores": [{**_good()["sub_scores"][0], "value": "fast"}]}
        ).encode(),
        "value must be a finite number",
    ),
    "wrong-type-config": (_with(config="batch 32"), "config must be an object"),
    "nan": (json.dumps(_good()).replace("4000.5,", "NaN,", 1).encode(), "NaN"),
    "infinity": (json.dumps(_good()).replace("4000.5,", "Infinity,", 1).encode(), "Infinity"),
    "minus-infinity": (json.dumps(_good()).replace("0.25,", "-Infinity,", 1).encode(), "-Infinity"),
    "overflow": (json.dumps(_good()).replace("4000.5,", "1e999,", 1).encode(), "too large"),
    "huge-integer": (
        json.dumps(_good()).replace("4000.5,", "9" * 5000 + ",", 1).encode(),
        "thousands of digits",
    ),
    "schema-version-3": (_with(schema_version=3), "schema version 3"),
    "schema-version-text": (_with(schema_version="1"), 'schema version "1"'),
    "other-schema": (_with(schema="something.else"), "not a score card"),
    "deep": (_deep(100_000), "nested"),
    "just-too-deep": (_deep(MAX_DEPTH + 1), "nested"),
    "not-utf8": (
        json.dumps(_good()).encode().replace(b"Test CPU", b"Test \xff\xfeCPU"),
        "not UTF-8",
    ),
    "utf16": (json.dumps(_good()).encode("utf-16"), "not UTF-8"),
    "duplicate-key": (b'{"schema": "suanli.score-card", "schema": "x"}', "appears twice"),
    "lone-surrogate": (
        json.dumps(_good()).replace("Test CPU", "Test \\ud800CPU").encode(),
        "surrogate",
    ),
    "long-string": (_with(suite_version="v" * 10_000), "10,000 characters"),
    "hash-mismatch": (_with(config={**CONFIG, "batch_size": 64}), "does not match"),
    "missing-field": (
        json.dumps({k: v for k, v in _good().items() if k != "sub_scores"}).encode(),
        "sub_scores is missing",
    ),
    "control-chars-in-name": (
        json.dumps({**_good(), "schema": "\x1b[31mred\x1b[0m"}).encode(),
        "not a score card",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CARDS))
def test_a_bad_card_is_rejected_with_one_line_and_nothing_is_stored(tmp_path, store, case):
    data, words = BAD_CARDS[case]
    path = tmp_path / f"{case}.json"
    path.write_bytes(data)
    res = import_card_file(store, path)
    assert res.status == "rejected" and not res.ok
    assert "\n" not in res.message and "\x1b" not in res.message
    assert res.message.startswith(f"{path}: rejected: "), res.message
    assert words in res.message, res.message
    assert ";" in res.message.split("rejected: ", 1)[1]  # ... ; what to do
    assert card_count(store) == 0


def test_a_50_mb_file_is_rejected_before_it_is_read(tmp_path, store, monkeypatch):
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, no time spent writing it
        fh.truncate(50 * 2**20)
    opened: list[str] = []
    real_open = Path.open
    monkeypatch.setattr(
        Path, "open", lambda self, *a, **k: opened.append(str(self)) or real_open(self, *a, **k)
    )
    res = import_card_file(store, path)
    assert res.status == "rejected" and "50.0 MB" in res.message and "at most 5 MB" in res.message
    assert opened == []  # refused on its size alone
    assert card_count(store) == 0


def test_a_file_just_over_the_limit_is_rejected(tmp_path, store):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_CARD_BYTES + 1))
    assert "at most 5 MB" in import_card_file(store, path).message


@pytest.mark.parametrize("target", ["missing.json", "."])
def test_missing_files_and_folders_are_rejected(tmp_path, store, target):
    res = import_card_file(store, tmp_path / target)
    assert res.status == "rejected" and "\n" not in res.message


def test_depth_is_measured_without_recursion():
    assert json_depth('{"a": [1, {"b": "[[[[[[["}]}') == 3
    assert json_depth("[" * 1_000_000) == 1_000_000
    assert json_depth('"just a string"') == 0


def test_the_import_command_reports_each_file_and_exits_2_if_any_was_rejected(tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    export_card(a_card(), good)
    bad.write_bytes(b'{"schema": "suanli.score-card", "schema_version": 1, "sub')
    p = cli("import", str(bad), str(good), home=tmp_path / "home")
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    err = p.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {bad}: rejected: not valid JSON")
    assert "imported as card:1" in p.stdout
    p = cli("cards", "list", "--json", home=tmp_path / "home")
    assert p.returncode == 0 and [c["id"] for c in json.loads(p.stdout)] == [1]


# --------------------------------------------------------------------------- compare


def test_compare_prints_ratios_to_the_first_and_environment_differences(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    export_card(a_card(4000.0), a)
    export_card(a_card(8000.0, gpu="GPU Y", driver="560.1", tf="2.20.0"), b)
    p = cli("compare", str(a), str(b), home=tmp_path / "home")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    speed = next(ln for ln in out.splitlines() if ln.startswith("train_samples_per_s"))
    assert "4,000.0" in speed and "8,000.0" in speed and "2.00x" in speed
    assert "(lower is better)" in out and "suanli_score" in out
    for label, x, y in (
        ("GPU", "GPU X", "GPU Y"),
        ("NVIDIA driver", "550.54", "560.1"),
        ("TensorFlow", "2.18.0", "2.20.0"),
    ):
        line = next(ln for ln in out.splitlines() if ln.startswith(label + " "))
        assert "*" in line and x in line and y in line, line
    j = cli("compare", "--json", str(a), str(b), home=tmp_path / "home")
    data = json.loads(j.stdout)
    row = next(r for r in data["sub_scores"] if r["name"] == "train_samples_per_s")
    assert row["ratios"] == [1.0, 2.0]


def test_compare_accepts_runs_and_stored_cards(tmp_path):
    home = tmp_path / "home"
    with Store(home / "suanli.db") as s:
        run_id = s.begin_run(
            uid="u",
            kind="train",
            name="t",
            config=CONFIG,
            info={},
            environment=None,
            started_at=1.0,
        )
        card_id, _ = store_card(s, a_card())
    p = cli("compare", f"card:{card_id}", str(run_id), home=home)
    assert p.returncode == 0, p.stderr
    assert "[1] card:1" in p.stdout and "[2] run:1" in p.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["compare", "nope.json", "1"], "no such file"),
        (["compare", "card:9", "card:9"], "no score card with id 9"),
        (["compare", "only-one"], "at least two"),
        (["runs", "show", "x/1"], "not a run id"),
        (["runs", "show", "20260101-000000-abcdef"], "no run with id '20260101-000000-abcdef'"),
        (["runs", "show", "42"], "no run with id 42"),
        (["runs", "delete", "42"], "no run with id 42"),
        (["runs", "export", "42", "out.json"], "no run with id 42"),
        (["runs", "csv", "1", "/no/such/folder/m.csv"], "does not exist"),
        (["runs", "list", "--sort", "bogus"], "--sort"),
        (["cards", "delete", "card:7"], "no score card with id 7"),
    ],
)
def test_store_commands_answer_bad_input_with_exit_2_and_one_line(tmp_path, args, words):
    p = cli(*args, home=tmp_path / "home")
    assert p.returncode == 2, (p.stdout, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and words in lines[0], p.stderr
    assert "Traceback" not in p.stderr


def test_runs_are_found_by_the_engine_run_id_and_deleted_with_their_checkpoints(tmp_path):
    home = tmp_path / "home"
    uid = "20260101-000000-abcdef"
    with Store(home / "suanli.db") as s:
        s.begin_run(
            uid=uid,
            kind="train",
            name="t",
            config=CONFIG,
            info={},
            environment=None,
            started_at=1.0,
        )
        s.connection().execute("UPDATE runs SET status = 'stopped'")
    (home / "runs" / uid / "checkpoints").mkdir(parents=True)
    (home / "runs" / uid / "run.json").write_text("{}")
    p = cli("runs", "show", uid, home=home)
    assert p.returncode == 0 and f"resume with `python -m engine resume {uid}`" in p.stdout
    p = cli("runs", "list", home=home)
    assert uid in p.stdout
    p = cli("runs", "delete", f"run:{uid}", home=home)
    assert p.returncode == 0 and "with its checkpoints" in p.stderr, p.stderr
    assert not (home / "runs" / uid).exists()
    assert cli("runs", "list", "--json", home=home).stdout.strip() == "[]"


def test_runs_list_json_on_an_empty_store(tmp_path):
    p = cli("runs", "list", "--json", home=tmp_path / "home")
    assert p.returncode == 0 and json.loads(p.stdout) == []
