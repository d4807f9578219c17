"""Command-line basics: --version, the program name in usage lines and hints, one
``--json [FILE]`` convention, every option with help and its default, the run id at the
end of ``train``, a quiet exit on a broken pipe."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import i18n, version
from engine.cli import main as cli
from engine.cli.common import UsageError, resolve_run_id
from engine.i18n.program import program_name
from engine.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
QUICK_TRAIN = ["train", "--dataset", "synthetic", "--epochs", "1", "--limit", "64"]
QUICK_TRAIN += ["--batch-size", "32", "--no-checkpoints"]


def engine(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **kw.pop("env", {})},
        **kw,
    )


def all_parsers(parser: argparse.ArgumentParser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from all_parsers(sub, (*path, name))


@pytest.mark.parametrize(
    ("argv0", "name"),
    [
        ("/home/u/.local/bin/suanli-engine", "suanli-engine"),
        ("C:\\Suanli\\suanli-engine.exe", "suanli-engine"),
        ("suanli engine", "suanli engine"),
        ("/usr/bin/suanli", "suanli-engine"),
        ("/src/engine/__main__.py", "python -m engine"),
        ("/venv/bin/pytest", "python -m engine"),
    ],
)
def test_the_program_name_is_what_the_user_typed(argv0, name):
    assert program_name(argv0) == name


def test_usage_and_hints_use_the_program_name(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "argv", ["/home/u/.local/bin/suanli-engine"])
    parser = cli.build_parser()
    assert parser.format_usage().startswith("usage: suanli-engine [-h] [--version] COMMAND")
    train = dict(all_parsers(parser))[("train",)]
    assert train.format_usage().startswith("usage: suanli-engine train ")
    with Store() as store, pytest.raises(UsageError) as err:
        resolve_run_id(store, "no/such")
    assert "`suanli-engine runs list`" in str(err.value)


def test_version_on_the_cli_and_the_window():
    p = engine("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"python -m engine {version()}", p.stderr
    p = subprocess.run(
        [sys.executable, "-m", "gui", "--version"], cwd=ROOT, capture_output=True, text=True
    )
    assert p.returncode == 0 and p.stdout.strip() == f"suanli {version()}", p.stderr
    assert version() != "unknown"


def test_an_unknown_window_option_is_a_usage_error():
    p = subprocess.run(
        [sys.executable, "-m", "gui", "--bogus"], cwd=ROOT, capture_output=True, text=True
    )
    assert p.returncode == 2
    assert p.stderr.splitlines()[-1] == "suanli: error: unrecognized arguments: --bogus"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_option_has_help_and_no_empty_default(lang, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    i18n.set_language(lang)
    try:
        parsers = list(all_parsers(cli.build_parser()))
        missing, texts = [], {}
        for path, parser in parsers:
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    continue
                if not action.help:
                    missing.append((path, action.dest))
            texts[path] = parser.format_help()
    finally:
        i18n.set_language(None)
    assert missing == []
    for path, text in texts.items():
        assert "None)" not in text and "None）" not in text, path
        assert "(default: False)" not in text and "（默认：False）" not in text, path
    if lang == "en":
        assert (
            "--epochs EPOCHS       passes over the training set (default: 5)" in texts[("train",)]
        )
        # a default the help already names is not said twice
        assert "(default: all cores)" in texts[("compress",)]
        assert "(default: all cores) (default" not in texts[("compress",)]


def test_dataset_model_and_optimizer_are_fixed_choices():
    p = engine("train", "--model", "nope")
    assert p.returncode == 2 and "argument --model: invalid choice: 'nope'" in p.stderr
    p = engine("train", "--optimizer", "adamx")
    assert p.returncode == 2 and "argument --optimizer: invalid choice: 'adamx'" in p.stderr
    p = engine("train", "--dataset", "cifar")
    assert p.returncode == 2 and "argument --dataset: invalid choice: 'cifar'" in p.stderr


def test_every_json_option_takes_an_optional_file():
    found = []
    for path, parser in all_parsers(cli.build_parser()):
        for action in parser._actions:
            if "--json" in action.option_strings:
                found.append(path)
                assert action.nargs == "?" and action.const == "-" and action.metavar == "FILE"
    assert set(found) >= {
        ("train",),
        ("resume",),
        ("compress",),
        ("bench",),
        ("devices",),
        ("runs", "list"),
        ("runs", "show"),
        ("cards", "list"),
        ("compare",),
    }


def test_bench_out_is_kept_as_an_alias_of_json(tmp_path):
    parser = cli.build_parser()
    args = parser.parse_args(["bench", "--out", str(tmp_path / "card.json")])
    assert args.json == str(tmp_path / "card.json")
    assert parser.parse_args(["bench", "--json"]).json == "-"
    assert parser.parse_args(["bench"]).json is None


def test_json_to_stdout_or_a_file(tmp_path):
    p = engine("runs", "list", "--json")
    assert p.returncode == 0 and json.loads(p.stdout) == []
    p = engine("runs", "list", "--json", "-")
    assert p.returncode == 0 and json.loads(p.stdout) == []
    out = tmp_path / "runs.json"
    p = engine("runs", "list", "--json", str(out))
    assert p.returncode == 0 and p.stdout == "" and json.loads(out.read_text()) == []
    p = engine("runs", "list", "--json", str(tmp_path / "no" / "runs.json"))
    assert p.returncode == 2 and "does not exist" in p.stderr


def test_train_ends_with_the_stored_run_id_and_json_on_stdout_is_pure(tmp_path):
    p = engine(*QUICK_TRAIN)
    assert p.returncode == 0, p.stderr
    last = p.stdout.strip().splitlines()[-1]
    with Store() as store:
        runs = store.list_runs({})
    assert len(runs) == 1
    uid = runs[0].uid
    assert last == f"Run id: {uid} (details: `python -m engine runs show {uid}`)"
    # --json alone: stdout is the JSON only; the report and the run id go to stderr
    p = engine(*QUICK_TRAIN, "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["status"] == "finished"
    assert f"Run id: {data['run_id']} " in p.stderr and "weighted avg" in p.stderr


def test_a_stopped_run_ends_with_its_resume_command():
    line = cli.run_id_line("20260101-000000-abcdef", "stopped")
    assert line == (
        "Run id: 20260101-000000-abcdef "
        "(continue it with `python -m engine resume 20260101-000000-abcdef`)"
    )


def test_a_broken_pipe_exits_quietly():
    """``… | head`` closes the pipe before the CLI writes: no traceback, exit 141 (argparse
    itself ignores a failed write of ``--help``: exit 0, as quiet)."""
    for args, codes in ((["runs", "list", "--json"], {141}), (["--help"], {0, 141})):
        proc = subprocess.Popen(
            [sys.executable, "-m", "engine", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        proc.stdout.close()  # the reader is gone before the CLI has imported anything
        stderr = proc.stderr.read().decode()
        proc.stderr.close()
        assert proc.wait(timeout=120) in codes, stderr
        assert stderr == ""
