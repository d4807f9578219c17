"""Messages as ids with arguments: the engine keeps and stores a catalog text with its values
(``engine.i18n.message.Message``), and each front end says it in its own language. What was
stored in one language is shown in another; nothing is translated back from English."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from engine import i18n
from engine.config import ConfigError, RunConfig
from engine.i18n.message import Message, config_error_message, english, shown
from engine.store.store import Store
from engine.store.writer import StoreWriter
from engine.training.checkpoint import RunFolder
from engine.training.run import NO_IMPROVEMENT, OUT_OF_MEMORY, STOPPED_BY_USER, TARGET_REACHED

ROOT = Path(__file__).resolve().parents[2]
PATIENCE = Message(NO_IMPROVEMENT, {"monitor": Message("dev loss"), "n": 2})
PATIENCE_EN = "dev loss did not improve for 2 epochs"
PATIENCE_ZH = "验证损失连续 2 轮没有改善"


@pytest.fixture
def lang():
    """Switch the engine's language inside a test; English again afterwards."""
    yield i18n.set_language
    i18n.set_language(None)


def stored_stop_reason(tmp_path: Path, reason: Message, error=None) -> tuple[dict, object]:
    """A finished run whose stop reason (and error) went through the results store."""
    with Store(tmp_path / "suanli.db") as store:
        writer = StoreWriter(store, environment=None)
        writer.on_run_begin({"config": {"dataset": "synthetic"}, "device": "/device:CPU:0"})
        result = {"status": "finished", "stop_reason": reason, "error": error, "test": None}
        writer.on_run_end(type("R", (), {"to_dict": lambda self: result})())
        rec = store.get_run(writer.run_id)
    return rec.result, rec.summary


# --------------------------------------------------------------------------- the Message


def test_a_message_says_itself_in_english_and_in_the_current_language(lang):
    assert PATIENCE.english() == str(PATIENCE) == PATIENCE_EN
    lang("zh_CN")
    assert PATIENCE.text() == PATIENCE_ZH
    assert PATIENCE.english() == PATIENCE_EN  # English whatever the language
    lang("en")
    assert PATIENCE.text() == PATIENCE_EN


def test_a_message_round_trips_through_json():
    stored = json.loads(json.dumps(PATIENCE.to_dict()))
    assert stored == {
        "message": NO_IMPROVEMENT,
        "args": {"monitor": {"message": "dev loss", "args": {}}, "n": 2},
    }
    assert Message.from_dict(stored) == PATIENCE
    assert Message.from_dict(Message(STOPPED_BY_USER).to_dict()) == Message(STOPPED_BY_USER)
    with pytest.raises(ValueError):
        Message.from_dict({"text": "no message here"})


def test_shown_renders_stored_messages_and_leaves_plain_text_as_it_is(lang):
    lang("zh_CN")
    assert shown(PATIENCE) == shown(PATIENCE.to_dict()) == PATIENCE_ZH
    # a path, an exception's text, a value: as they are (braces too: never formatted)
    for plain in ("/data/mnist", "ValueError: bad {thing}", "dev_loss did not improve"):
        assert shown(plain) == plain
    assert shown(None) == "" and shown(3) == "3"
    # a stored message this version cannot fill (other fields): its template, no crash
    assert shown({"message": "{who} left", "args": {}}) == "{who} left"
    assert english(PATIENCE.to_dict()) == PATIENCE_EN


# --------------------------------------------------------------------------- stored, then shown


def test_a_stop_reason_stored_in_english_is_shown_in_chinese(tmp_path, lang):
    lang("en")
    reason = Message(TARGET_REACHED, {"accuracy": "0.9700", "target": "0.97"})
    stored, _summary = stored_stop_reason(tmp_path, reason)
    assert stored["stop_reason"] == reason.to_dict()  # ids and values, not a sentence
    assert shown(stored["stop_reason"]) == "dev accuracy 0.9700 reached the target 0.97"
    lang("zh_CN")
    assert shown(stored["stop_reason"]) == "验证准确率 0.9700 达到了目标 0.97"


def test_a_stop_reason_stored_in_chinese_is_shown_in_english(tmp_path, lang):
    lang("zh_CN")
    stored, _summary = stored_stop_reason(tmp_path, PATIENCE)
    assert shown(stored["stop_reason"]) == PATIENCE_ZH
    lang("en")
    assert shown(stored["stop_reason"]) == PATIENCE_EN


def test_an_engine_worded_error_keeps_its_values_in_the_store(tmp_path, lang):
    oom = Message(OUT_OF_MEMORY, {"batch": 64, "smaller": 32})
    _stored, summary = stored_stop_reason(tmp_path, PATIENCE, error=oom)
    assert summary.error == oom.to_dict()
    lang("zh_CN")
    assert shown(summary.error).startswith("批大小为 64 时内存不足")


def test_english_stored_by_an_older_version_loads_and_shows_as_stored(tmp_path, lang):
    old_reason = "dev_loss did not improve for 2 epochs"
    old_error = "out of memory at batch size 64: the device cannot hold this batch"
    stored, summary = stored_stop_reason(tmp_path, old_reason, error=old_error)
    lang("zh_CN")
    assert shown(stored["stop_reason"]) == old_reason
    assert summary.error == old_error and shown(summary.error) == old_error


def test_run_json_keeps_a_stored_error_as_a_message(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path))
    folder = RunFolder("20240101-000000-abcdef", root=tmp_path)
    oom = Message(OUT_OF_MEMORY, {"batch": 8, "smaller": 4})
    folder.write_meta({"status": "failed", "error": oom.to_dict()})
    error = folder.read_meta()["error"]
    lang("zh_CN")
    assert shown(error).startswith("批大小为 8 时内存不足")


# --------------------------------------------------------------------------- config errors


def test_a_config_error_is_english_in_one_line_and_its_allowed_part_a_message(lang):
    with pytest.raises(ConfigError) as err:
        RunConfig(batch_size=0).validate()
    exc = err.value
    assert isinstance(exc.allowed, Message)
    assert str(exc) == "batch_size = 0 is not allowed: an integer >= 1"
    lang("zh_CN")
    assert str(exc) == "batch_size = 0 is not allowed: an integer >= 1"  # English, always
    assert config_error_message(exc) == "batch_size = 0 无效，应为：不小于 1 的整数"


# --------------------------------------------------------------------------- no translating back


def test_no_engine_text_is_translated_back_from_english():
    found = subprocess.run(
        ["grep", "-rn", "--include=*.py", r"translate_made\|_ALLOWED_PATTERNS", "engine", "gui"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert found.stdout == ""
