"""The CLI speaks Chinese when asked: every ``_()`` text of the engine has a zh_CN entry with
the same ``{fields}``, the language follows $SUANLI_LANG and the locale, and the CLI's
messages come out translated."""

from __future__ import annotations

import ast
import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest

from engine import i18n
from engine.config import ConfigError

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "engine"
MARKERS = ("_", "N_")


def marked_strings(path: Path) -> list[tuple[int, str | None]]:
    """``(line, text)`` of every ``_("…")``/``N_("…")`` in ``path``.

    ``_(name)`` of a variable looks up a text marked elsewhere with ``N_()`` and is skipped;
    text ``None`` flags an argument that can never be in a catalog (an f-string, ``+``, a
    call: format *after* the lookup)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in MARKERS and len(node.args) == 1 and not node.keywords:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    out.append((node.lineno, arg.value))
                elif not isinstance(arg, ast.Name | ast.Attribute | ast.Subscript):
                    out.append((node.lineno, None))
    return out


def engine_strings() -> dict[str, list[str]]:
    """Text -> where it is marked, over every module of engine/."""
    found: dict[str, list[str]] = {}
    for path in sorted(ENGINE.rglob("*.py")):
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
    assert any("cli_store.py" in w for w in found["{path}: is a folder; give a file name"])
    assert len(found) > 100


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
    for key, value in catalog.items():  # every translation formats like its source
        values = {name: 1 for name in fields(key)}
        assert key.format(**values) and value.format(**values)


def test_every_fixed_config_error_text_is_in_the_catalog(catalog):
    """The "allowed" part of ConfigError is built outside the CLI; fixed texts must be in
    i18n.CONFIG_ALLOWED (so in the catalog), f-strings must match one of its shapes."""
    fixed, shaped = set(), {}
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "ConfigError"
                and len(node.args) == 3
            ):
                arg = node.args[2]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    fixed.add(arg.value)
                elif isinstance(arg, ast.JoinedStr):  # each {…} rendered as "1"
                    text = "".join(
                        v.value if isinstance(v, ast.Constant) else "1" for v in arg.values
                    )
                    shaped[text] = f"{path.name}:{node.lineno}"
    from engine.config import DEVICE_HELP

    fixed.add(DEVICE_HELP)
    assert fixed - set(i18n.CONFIG_ALLOWED) == set()
    assert len(shaped) >= 3
    i18n.set_language("zh_CN")
    try:
        assert [w for t, w in shaped.items() if i18n.translate_allowed(t) == t] == []
        assert all(i18n.translate_allowed(t) != t for t in fixed)
    finally:
        i18n.set_language(None)


@pytest.mark.parametrize(
    ("exc", "chinese"),
    [
        (
            ConfigError("batch_size", 0, "an integer >= 1"),
            "batch_size = 0 无效，应为：不小于 1 的整数",
        ),
        (ConfigError("dataset", "x", "one of mnist, synthetic"), "应为：mnist, synthetic 之一"),
        (ConfigError("device", "gpu:3", "gpu:0 to gpu:1"), "应为：gpu:0 到 gpu:1"),
        (ConfigError("xla", 1, "true or false"), "应为：true 或 false"),
        (ConfigError("x", 1, "something new"), "something new"),  # unknown: stays English
    ],
)
def test_config_errors_in_chinese(zh, exc, chinese):
    assert chinese in i18n.config_error_message(exc)


def test_config_errors_in_english_are_unchanged():
    i18n.set_language("en")
    try:
        exc = ConfigError("batch_size", 0, "an integer >= 1")
        assert i18n.config_error_message(exc) == str(exc)
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


def engine(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUANLI_LANG": lang}
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
