"""The CLI speaks Chinese when asked: every ``_()`` text of the engine has a zh_CN entry with
the same ``{fields}``, the language follows $SUANLI_LANG and the locale, and the CLI's
messages come out translated."""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from engine import i18n
from engine.config import ConfigError
from engine.i18n import argparse_support as argp
from engine.i18n import vocabulary
from engine.i18n.message import Message, config_error_message

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "engine"
MARKERS = ("_", "N_")
CONTEXTS = {"REPORT": vocabulary.REPORT}  # context constants pgettext() is called with


def marked_strings(path: Path) -> list[tuple[int, str | None]]:
    """``(line, text)`` of every ``_("…")``/``N_("…")`` in ``path`` (and of every
    ``pgettext("context", "…")``, whose catalog key is ``context + "\\x04" + text``).

    ``_(name)`` of a variable looks up a text marked elsewhere with ``N_()`` and is skipped;
    text ``None`` flags an argument that can never be in a catalog (an f-string, ``+``, a
    call: format *after* the lookup)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "pgettext" and len(node.args) == 2 and not node.keywords:
                ctx, arg = node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    if isinstance(ctx, ast.Name | ast.Attribute):  # a context constant
                        ctx = ast.Constant(CONTEXTS[ast.unparse(ctx).rsplit(".")[-1]])
                    if isinstance(ctx, ast.Constant) and isinstance(ctx.value, str):
                        out.append((node.lineno, ctx.value + i18n.CONTEXT_SEPARATOR + arg.value))
                        continue
                out.append((node.lineno, None))
            if node.func.id in MARKERS and len(node.args) == 1 and not node.keywords:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    out.append((node.lineno, arg.value))
                elif not isinstance(arg, ast.Name | ast.Attribute | ast.Subscript):
                    out.append((node.lineno, None))
    return out


# Outside engine/, the window's command line speaks through engine.i18n too (before Qt).
ALSO_SCANNED = (ROOT / "gui" / "__main__.py",)


def engine_strings() -> dict[str, list[str]]:
    """Text -> where it is marked, over every module of engine/ (and ALSO_SCANNED)."""
    found: dict[str, list[str]] = {}
    for path in [*sorted(ENGINE.rglob("*.py")), *ALSO_SCANNED]:
        for line, text in marked_strings(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            found.setdefault(text if text is not None else f"<not a literal at {where}>", [])
            found[text if text is not None else f"<not a literal at {where}>"].append(where)
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.fixture(scope="module")
def catalog() -> dict[str, str]:
    path = i18n.CATALOGS["zh_CN"]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def zh():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(None)


def test_the_scan_finds_the_cli_messages():
    found = engine_strings()
    assert "error: {message}" in found
    assert any("cli/common.py" in w for w in found["{path}: is a folder; give a file name"])
    assert len(found) > 100
    # help texts (implicitly joined literals too) and argparse's words marked with N_()
    assert any(
        "engine/cli/main.py" in w
        for w in found["train a model and print the classification report"]
    )
    assert any(
        "cli/bench.py" in w
        for w in found[
            "run the suite N times and report the olympic mean and CV of the composite score "
            "(try 3 or 5)"
        ]
    )
    assert any("cli/compress.py" in w for w in found["one device: {devices}"])
    for text in (argp.ARGPARSE_USAGE, argp.ARGPARSE_DEFAULT, *argp.ARGPARSE_ERRORS):
        assert [w for w in found[text] if "i18n/argparse_support.py" in w], text


def test_every_marked_text_is_one_literal_string():
    bad = [t for t in engine_strings() if t.startswith("<not a literal")]
    assert bad == []


def test_every_engine_text_has_a_zh_CN_translation(catalog):
    missing = {t: w for t, w in engine_strings().items() if not catalog.get(t, "").strip()}
    assert missing == {}, "add these to resources/i18n/engine_zh_CN.json"


def test_translations_keep_the_fields_and_the_catalog_has_no_stale_entries(catalog):
    used = engine_strings()
    assert [k for k in catalog if k not in used] == [], "entries no code uses any more"
    assert {k: v for k, v in catalog.items() if fields(k) != fields(v)} == {}
    # argparse's %(default)s, and no other "%" (argparse %-formats every help text)
    percent = re.compile(r"%\(\w+\)s|%")
    assert {k: v for k, v in catalog.items() if percent.findall(k) != percent.findall(v)} == {}
    for key, value in catalog.items():  # every translation formats like its source
        values = {name: 1 for name in fields(key)}
        assert key.format(**values) and value.format(**values)


def test_every_config_error_says_what_is_allowed_with_a_message():
    """The "allowed" part of every ConfigError the engine raises is a Message (a catalog
    text and its values, so it can be said in any language), never text made in English."""
    raised, not_messages = [], []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "ConfigError"
                and len(node.args) == 3
            ):
                arg = node.args[2]
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                raised.append(where)
                if isinstance(arg, ast.Constant | ast.JoinedStr | ast.BinOp):
                    not_messages.append(where)
    assert len(raised) >= 10
    assert not_messages == []


@pytest.mark.parametrize(
    ("exc", "chinese"),
    [
        (
            ConfigError("batch_size", 0, Message("an integer >= {minimum}", {"minimum": 1})),
            "batch_size = 0 无效，应为：不小于 1 的整数",
        ),
        (
            ConfigError(
                "dataset", "x", Message("one of {choices}", {"choices": "mnist, synthetic"})
            ),
            "应为：mnist, synthetic 之一",
        ),
        (
            ConfigError(
                "device", "gpu:3", Message("{first} to {last}", {"first": "gpu:0", "last": "gpu:1"})
            ),
            "应为：gpu:0 到 gpu:1",
        ),
        (ConfigError("xla", 1, Message("true or false")), "应为：true 或 false"),
        (ConfigError("x", 1, Message("something new")), "something new"),  # not in the catalog
        (ConfigError("x", 1, "plain text"), "plain text"),  # not a Message: as it is
    ],
)
def test_config_errors_in_chinese(zh, exc, chinese):
    assert chinese in config_error_message(exc)


def test_config_errors_in_english_are_unchanged():
    i18n.set_language("en")
    try:
        exc = ConfigError("batch_size", 0, Message("an integer >= {minimum}", {"minimum": 1}))
        assert config_error_message(exc) == str(exc)
        assert str(exc) == "batch_size = 0 is not allowed: an integer >= 1"
    finally:
        i18n.set_language(None)


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL wins
        ({"LANG": "zh_CN.UTF-8", "SUANLI_LANG": "en"}, "en"),
        ({"LANG": "C", "SUANLI_LANG": "zh-CN"}, "zh_CN"),
        ({"LANG": "zh_CN", "SUANLI_LANG": "auto"}, "zh_CN"),
        ({"SUANLI_LANG": "fr"}, "en"),
    ],
)
def test_the_language_follows_suanli_lang_then_the_locale(env, lang):
    assert i18n.choose_language(env) == lang


def test_missing_texts_and_english_fall_back_to_the_source(zh):
    assert i18n._("a text nobody translated") == "a text nobody translated"
    assert i18n._("interrupted") != "interrupted"
    i18n.set_language("en")
    assert i18n._("interrupted") == "interrupted"


def test_a_word_with_two_meanings_has_a_context(zh):
    assert i18n._(vocabulary.EPOCHS) == "轮数"  # how many epochs
    assert i18n.pgettext(vocabulary.REPORT, "Epochs") == "各轮指标"  # the report's table
    assert vocabulary.run_status_text("stopped") == "已停止"
    assert i18n.pgettext(vocabulary.REPORT, "stopped") == "停止原因"
    assert i18n.pgettext("no such context", "Epochs") == "Epochs"
    i18n.set_language("en")
    assert i18n.pgettext(vocabulary.REPORT, "Epochs") == "Epochs"


def test_a_broken_catalog_means_english_not_a_crash(tmp_path, monkeypatch):
    bad = tmp_path / "engine_zh_CN.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setitem(i18n.CATALOGS, "zh_CN", bad)
    i18n.set_language("zh_CN")
    try:
        assert i18n._("interrupted") == "interrupted"
    finally:
        i18n.set_language(None)


def test_display_width_counts_cjk_as_two_columns():
    assert i18n.display_width("ab") == 2 and i18n.display_width("算力") == 4
    assert i18n.ljust("算力", 6) == "算力  " and i18n.rjust("a", 3) == "  a"


def engine(*args: str, lang: str, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUANLI_LANG": lang, **env_vars}
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_bad_batch_size_in_chinese_exits_2():
    p = engine("train", "--batch-size", "0", lang="zh_CN")
    assert p.returncode == 2, p.stderr
    lines = p.stderr.strip().splitlines()
    assert lines == ["错误：batch_size = 0 无效，应为：不小于 1 的整数"], p.stderr


def test_cli_store_messages_in_chinese():
    p = engine("runs", "list", lang="zh_CN")
    assert p.returncode == 0 and "还没有保存任何运行" in p.stdout, p.stdout + p.stderr
    p = engine("runs", "show", "no such run!", lang="zh_CN")
    assert p.returncode == 2 and p.stderr.startswith("错误：") and "不是运行编号" in p.stderr


# --------------------------------------------------------------------------- argparse help

CLI_MODULES = sorted((ENGINE / "cli").glob("*.py"))
# Names that stay as they are in the help: products, formats, units, values.
CLI_KEEP = frozenset(
    """
    MNIST Fashion-MNIST Keras TensorBoard LiteRT TFLite XLA CPU GPU JSON CSV HTML URL FLOPs
    Adam sha256 int8 float16 float32 None True False
    """.split()
)
CLI_DEVICES = ("auto", "cpu", "gpu", "all-gpus", "multiworker")
_NOT_WORDS = re.compile(
    r"(\S*/\S*)"  # paths, URLs, units with a slash
    r"|(\$\w+)"  # $VARIABLES
    r"|((?<![\w-])--?[\w-]+)"  # --flags
    r"|(\b\w+:\w+)"  # run:N, card:N
    r"|(python -m engine)"
    r"|(\{[^}\s]*\})"  # {choice,choice}
    r"|(\b\w*[\d_]\w*\b)"  # identifiers with a digit or "_": gpu:0, started_at
)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def parser_identifiers(parser: argparse.ArgumentParser) -> set[str]:
    """What the CLI takes as it is: commands, metavars, dests, choices, defaults."""
    from engine import models
    from engine.config import OPTIMIZERS
    from engine.store.records import SORT_KEYS

    names: set[str] = {*SORT_KEYS, *models.names(), *OPTIMIZERS, *CLI_DEVICES}
    for _path, p in all_parsers(parser):
        for action in p._actions:
            names.add(action.dest)
            names.update(str(c) for c in action.choices or ())
            names.add(action.dest.upper())  # argparse's metavar when none is given
            if isinstance(action.metavar, str):
                names.add(action.metavar)
            if action.default is not None and not isinstance(action.default, bool):
                names.add(str(action.default))
    return names


def all_parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """``(command words, parser)`` of ``parser`` and every sub-command below it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from all_parsers(sub, (*path, name))


def english_words(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """The English words left in ``text`` once names, values, flags and paths are out."""
    keep = CLI_KEEP | allowed
    words = _WORD.findall(_NOT_WORDS.sub(" ", text))
    return [w for w in words if len(w) > 1 and w not in keep and w.strip("-'") not in keep]


def cli_help(lang: str, monkeypatch) -> tuple[dict[tuple[str, ...], str], set[str]]:
    """Every (sub-)command's --help text, built in-process in ``lang`` at 80 columns."""
    from engine.cli import main as cli

    monkeypatch.setenv("COLUMNS", "80")
    i18n.set_language(lang)
    try:
        parser = cli.build_parser()
        helps = {path: p.format_help() for path, p in all_parsers(parser)}
        return helps, parser_identifiers(parser)
    finally:
        i18n.set_language(None)


def test_every_sub_command_has_its_help_in_chinese(monkeypatch):
    helps, names = cli_help("zh_CN", monkeypatch)
    assert len(helps) >= 20 and ("runs", "tensorboard") in helps and ("compress",) in helps
    left = {
        " ".join(path) or "(main)": words
        for path, text in helps.items()
        if (words := english_words(text, names))
    }
    assert left == {}
    for path, text in helps.items():
        assert text.startswith("用法：python -m engine"), path
        assert "usage" not in text and "options" not in text.split("\n\n", 1)[1], path
        assert "选项：\n  -h, --help" in text and "显示此帮助信息并退出" in text, path
        # CJK text is wrapped by terminal columns (argparse's width: COLUMNS - 2)
        too_wide = [ln for ln in text.splitlines() if i18n.display_width(ln) > 78]
        assert [ln for ln in too_wide if i18n.display_width(ln) != len(ln)] == [], path
    assert "训练模型并打印分类报告" in helps[()]
    assert "位置参数：" in helps[("download",)] and "（默认：5）" in helps[("compress",)]


def test_the_help_check_finds_english(monkeypatch):
    helps, names = cli_help("en", monkeypatch)
    words = english_words(helps[("train",)], names)
    assert {"usage", "options", "message", "exit", "learning", "rate"} <= set(words)
    assert english_words("用法：python -m engine train --json FILE 将结果写入 JSON", names) == []
    assert english_words("list stored runs, newest first", names) == ["stored", "newest", "first"]


ENGLISH_TRAIN_HELP = """\
usage: python -m engine train [-h]
                              [--dataset {mnist,fashion-mnist,synthetic,folder}]
                              [--data-dir DIR] [--model MODEL]
                              [--epochs EPOCHS] [--batch-size BATCH_SIZE]
                              [--optimizer {adam,sgd,rmsprop,adamw}] [--lr LR]
                              [--dev-fraction DEV_FRACTION] [--seed SEED]
                              [--limit LIMIT] [--device DEVICE]
                              [--lr-schedule {constant,step,cosine}]
                              [--early-stopping PATIENCE]
                              [--monitor {dev_loss,dev_accuracy}]
                              [--target-accuracy TARGET_ACCURACY]
                              [--precision {float32,mixed_float16,mixed_bfloat16}]
                              [--xla] [--steps-per-call K] [--no-checkpoints]
                              [--download] [--json [FILE]] [--tensorboard DIR]

options:
  -h, --help            show this help message and exit
  --dataset {mnist,fashion-mnist,synthetic,folder}
                        the dataset to train on (default: mnist)
  --data-dir DIR        folder with the dataset files
  --model MODEL         the model to train: seed-cnn, seed-cnn-wide, seed-cnn-
                        narrow, seed-cnn-deep, resnet-small (default: seed-
                        cnn)
  --epochs EPOCHS       passes over the training set (default: 5)
  --batch-size BATCH_SIZE
                        samples per training step (default: 32)
  --optimizer {adam,sgd,rmsprop,adamw}
                        the optimizer (default: adam)
  --lr LR               learning rate (default: 0.001)
  --dev-fraction DEV_FRACTION
                        share of the training set held out as the dev set
                        (default: 0.1)
  --seed SEED           random seed (same seed, same data split and initial
                        weights) (default: 0)
  --limit LIMIT         use at most N training samples
  --device DEVICE       auto, cpu, gpu, gpu:N, a list like gpu:0,gpu:1, all-
                        gpus, or multiworker (default: auto)
  --lr-schedule {constant,step,cosine}
                        learning-rate schedule (default: constant)
  --early-stopping PATIENCE
                        stop when --monitor has not improved for PATIENCE
                        epochs (0 = off) (default: 0)
  --monitor {dev_loss,dev_accuracy}
                        what early stopping watches (default: dev_loss)
  --target-accuracy TARGET_ACCURACY
                        stop once dev accuracy reaches this
  --precision {float32,mixed_float16,mixed_bfloat16}
                        number format of the model (default: float32)
  --xla                 compile steps with XLA (slower on CPU)
  --steps-per-call K    training steps per compiled call (0 = auto, about 0.1
                        s a call) (default: 0)
  --no-checkpoints      do not checkpoint each epoch
  --download            download MNIST/Fashion-MNIST (sha256-verified) if not
                        found locally
  --json [FILE]         write the result as JSON to FILE (no FILE or -:
                        standard output)
  --tensorboard DIR     write TensorBoard events while the run trains, under
                        DIR/run-<id> (open with `tensorboard --logdir DIR`)
"""


def test_the_english_help_is_unchanged(monkeypatch):
    p = engine("train", "--help", lang="en", COLUMNS="80")
    assert p.returncode == 0, p.stderr
    assert p.stdout == ENGLISH_TRAIN_HELP
    helps, _names = cli_help("en", monkeypatch)
    assert helps[("train",)] == ENGLISH_TRAIN_HELP
    cjk = {path: text for path, text in helps.items() if i18n.display_width(text) != len(text)}
    assert cjk == {}
    assert "(default: 0.5)" in helps[("compress",)] and "positional arguments:" in helps[("runs",)]


def test_the_main_help_in_chinese_from_the_command_line():
    p = engine("--help", lang="zh_CN", COLUMNS="80")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith(
        "用法：python -m engine [-h] [--version] COMMAND ...\n\n算力引擎（无界面）\n"
    )
    assert "\n位置参数：\n  COMMAND\n    train     训练模型并打印分类报告\n" in p.stdout
    p = engine("train", "--help", lang="zh_CN", COLUMNS="80")
    assert p.returncode == 0 and "  --lr LR               学习率（默认：0.001）\n" in p.stdout, (
        p.stdout
    )


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["train", "--bogus"], "python -m engine：错误：无法识别的参数：--bogus"),
        (
            ["train", "--dataset", "nope"],
            "python -m engine train：错误：参数 --dataset：无效的取值 'nope'（可选：'mnist',",
        ),
        (["bogus"], "python -m engine：错误：参数 COMMAND：无效的取值 'bogus'（可选：'train',"),
        (
            ["train", "--epochs", "x"],
            "python -m engine train：错误：参数 --epochs：无效的 int 值：'x'",
        ),
        (["runs"], "python -m engine runs：错误：缺少必需的参数：ACTION"),
        (["train", "--epochs"], "python -m engine train：错误：参数 --epochs：需要一个值"),
        (["bench", "--quick", "--full"], "参数 --full：不能与参数 --quick 同时使用"),
        (["train", "--d"], "错误：选项 --d 有歧义，可能是：--dataset, --data-dir,"),
    ],
)
def test_argparse_errors_in_chinese_are_one_line_and_exit_2(args, chinese, monkeypatch):
    p = engine(*args, lang="zh_CN", COLUMNS="80")
    assert p.returncode == 2, p.stderr
    lines = p.stderr.rstrip("\n").splitlines()
    errors = [ln for ln in lines if "错误" in ln or "error" in ln]
    assert errors == [lines[-1]] and chinese in lines[-1], p.stderr
    _helps, names = cli_help("en", monkeypatch)
    assert english_words(lines[-1], names | {"nope", "bogus", "int", "d"}) == [], lines[-1]
    assert lines[0].startswith("用法：python -m engine") and "usage" not in p.stderr
    assert "Traceback" not in p.stderr


def test_argparse_messages_are_rebuilt_in_chinese(zh):
    msg = argp.translate_argparse_error
    assert msg("argument --x: expected one argument") == "参数 --x：需要一个值"
    assert msg("argument --n: expected 2 arguments") == "参数 --n：需要 2 个值"
    assert msg("argument --t: '0' 不是数字") == "参数 --t：'0' 不是数字"  # ours, already
    assert msg("something argparse says one day") == "something argparse says one day"
    i18n.set_language("en")
    assert msg("argument --x: expected one argument") == "argument --x: expected one argument"


def test_argparse_texts_are_all_in_the_catalog(catalog):
    texts = [argp.ARGPARSE_USAGE, argp.ARGPARSE_POSITIONALS, argp.ARGPARSE_OPTIONALS]
    texts += [argp.ARGPARSE_HELP, argp.ARGPARSE_DEFAULT, argp.ARGPARSE_ERROR]
    assert [t for t in [*texts, *argp.ARGPARSE_ERRORS] if not catalog.get(t)] == []


def test_wrap_columns_counts_cjk_as_two_and_keeps_punctuation():
    text = "训练基线模型，将其转换为 TFLite float32/float16，剪枝到 --sparsity 并微调。"
    for width in (11, 20, 37):
        lines = i18n.wrap_columns(text, width)
        assert all(i18n.display_width(ln) <= width for ln in lines), lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(ln[0] in "，。）" for ln in lines)
    assert i18n.wrap_columns("很长的网址 https://example.org/a-b/c", 14)[1:] == [
        "https://",
        "example.org/a-",
        "b/c",
    ]


def test_every_help_text_of_the_cli_goes_through_the_catalog():
    """``help=``/``description=``/``epilog=`` of the CLI's parsers: ``_("…")`` (or a
    ``_(…)``-built value), never a bare literal or f-string, so nothing stays English."""
    bare = []
    for path in CLI_MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg in ("help", "description", "epilog") and isinstance(
                        kw.value, ast.Constant | ast.JoinedStr | ast.BinOp | ast.Name
                    ):
                        bare.append(f"{path.name}:{node.lineno}")
    assert bare == []
