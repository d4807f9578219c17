"""Hostile command lines: numbers out of range, damaged rows, a locked store, characters that
reorder or hide text. Each is refused (or shown) in one line before any work, exit 2, and
nothing is stored or lost."""

from __future__ import annotations

import sqlite3

import pytest

from engine.cli.main import main
from engine.store import connection
from engine.store.store import Store
from tests.engine.test_export import record_run


@pytest.fixture
def one_run():
    with Store() as store:
        return record_run(store)


def runs_stored() -> int:
    with Store() as store:
        return len(store.list_runs())


def one_line_error(capsys) -> str:
    """The error line (argparse puts its usage above it); no traceback, no debug advice."""
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and "SUANLI_DEBUG" not in err, err
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 1 and err.splitlines()[-1] == errors[0], err
    return errors[0]


def exit_code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's refusal
        return int(exc.code)


@pytest.mark.parametrize(
    "argv, words",
    [
        (["train", "--seed", str(2**32)], "seed"),
        (["train", "--seed", "-1"], "seed"),
        (["train", "--epochs", str(2**63)], "epochs"),
        (["train", "--epochs", "100001"], "epochs"),
        (["train", "--limit", str(2**63)], "limit"),
        (["train", "--early-stopping", str(2**70)], "early_stopping"),
        (["compress", "--latency-runs", str(2**63)], "latency_runs"),
        (["runs", "show", str(2**63)], "not a run id"),
        (["runs", "show", "run:" + str(2**64)], "not a run id"),
        (["runs", "list", "--limit", str(2**63)], "--limit"),
        (["runs", "list", "--limit", "0"], "--limit"),
        (["bench", "--repeat", "0"], "--repeat"),
        (["bench", "--batch-size", str(2**40)], "--batch-size"),
        (["bench", "--target-accuracy", "nan"], "--target-accuracy"),
        (["bench", "--target-accuracy", "1e400"], "--target-accuracy"),
    ],
)
def test_numbers_out_of_range_are_refused_before_any_work(capsys, argv, words):
    assert exit_code(argv) == 2
    assert words in one_line_error(capsys)
    assert runs_stored() == 0  # no "failed" run was recorded


def test_a_damaged_json_row_does_not_hide_the_store(one_run, capsys):
    with Store() as store:
        store.connection().execute(
            "UPDATE runs SET config_json = '{broken' WHERE id = ?", (one_run,)
        )
    assert main(["runs", "list"]) == 0
    assert main(["runs", "show", str(one_run), "--json"]) == 0
    capsys.readouterr()


def test_a_locked_store_is_one_line_not_a_wait_and_a_traceback(one_run, capsys, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    with Store() as store:
        path = store.path
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert main(["runs", "rename", str(one_run), "new name"]) == 2
        err = one_line_error(capsys)
        assert "busy" in err and "nothing was changed" in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store() as store:
        assert store.get_summary(one_run).name != "new name"


def test_the_run_report_neutralises_bidi_overrides_and_escapes(tmp_path, capsys):
    from engine.store.writer import StoreWriter

    with Store() as store:
        w = StoreWriter(store, name="evil\u202eeman\x1b[31mred", tags=["\u2066x"])
        w.on_run_begin({"config": {"dataset": "synthetic"}, "run_id": "u-bidi"})
        w.on_run_end({"status": "finished", "config": {"dataset": "synthetic"}})
        run_id = w.run_id
    assert main(["runs", "html", str(run_id), str(tmp_path / "r.html")]) == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    for bad in ("\u202e", "\x1b", "\u2066"):
        assert bad not in html
    assert "\\u202e" in html and "\\x1b" in html


def test_delete_says_when_the_checkpoint_folder_stayed(one_run, capsys, monkeypatch):
    from engine.paths import suanli_home
    from engine.training.checkpoint import RunFolder

    with Store() as store:
        uid = store.get_summary(one_run).uid
    (suanli_home() / "runs" / uid).mkdir(parents=True)
    monkeypatch.setattr(RunFolder, "remove", lambda self: None)  # e.g. permission denied
    assert main(["runs", "delete", str(one_run)]) == 0
    assert "could not be removed" in capsys.readouterr().err


def test_a_compression_lab_run_plans_all_its_stage_epochs():
    from engine.store.writer import StoreWriter

    with Store() as store:
        w = StoreWriter(store, kind="compress")
        w.on_run_begin({"config": {"dataset": "synthetic", "epochs": 1}, "epochs": 5})
        for epoch in range(1, 6):
            w.on_epoch_end(epoch, {"train_loss": 1.0, "dev_loss": 1.0})
        w.on_run_end({"status": "finished", "config": {"dataset": "synthetic", "epochs": 1}})
        s = store.get_summary(w.run_id)
    assert (s.epochs_done, s.epochs_planned) == (5, 5)  # not "5/1"


def test_non_utf8_names_print_on_a_strict_terminal(tmp_path):
    """A run named after a folder whose name is not UTF-8 is listed and shown, even where
    the terminal's encoder is strict (the name comes back as its bytes, as ``ls`` does)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from engine.store.writer import StoreWriter

    name = os.fsdecode(b"caf\xe9")
    with Store() as store:
        w = StoreWriter(store, name=name, tags=[name])
        w.on_run_begin({"config": {"dataset": "folder", "data_dir": name}, "run_id": "u-nonutf8"})
        w.on_run_end({"status": "finished", "config": {"dataset": "folder"}})
        run_id = w.run_id
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    root = Path(__file__).resolve().parents[2]
    for argv in (["runs", "list"], ["runs", "show", str(run_id)], ["runs", "show", "1", "--json"]):
        proc = subprocess.run(
            [sys.executable, "-m", "engine", *argv], cwd=root, env=env, capture_output=True
        )
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        # names and tags (text columns) show U+FFFD; the config (JSON) keeps the bytes
        assert "caf\ufffd".encode() in proc.stdout, argv
        if "--json" in argv:
            assert b'"data_dir": "caf\xe9"' in proc.stdout
