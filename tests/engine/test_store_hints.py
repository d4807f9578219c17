"""The store's and the card reader's hints name the CLI as the user runs it (``{prog}``:
``suanli-engine`` installed, ``python -m engine`` from a checkout), in the engine's
language; a card path that is not a regular file (a FIFO) says so."""

from __future__ import annotations

import os
import sys

import pytest

from engine import i18n
from engine.cards.card_file import CardFileError, read_card_file
from engine.store.cards import export_run_card
from engine.store.records import StoreError
from engine.store.store import Store
from engine.store.writer import StoreWriter


@pytest.fixture
def installed_name(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/home/u/.local/bin/suanli-engine"])


def a_training_run(store: Store) -> int:
    w = StoreWriter(store, name="t", environment={})
    w.on_run_begin({"config": {"epochs": 1}, "steps_per_epoch": 1})
    w.on_run_end({"status": "finished", "steps": 1, "samples_seen": 1, "wall_seconds": 1.0})
    assert w.run_id is not None
    return w.run_id


def test_store_hints_name_the_program_the_user_runs(installed_name, tmp_path):
    with Store() as store:
        with pytest.raises(StoreError) as err:
            store.get_summary(999)
        assert str(err.value) == "no run with id 999 in the store (see `suanli-engine runs list`)"
        with pytest.raises(StoreError) as err:
            store.get_card(5)
        assert "(see `suanli-engine cards list`)" in str(err.value)
        run = a_training_run(store)
        with pytest.raises(StoreError) as err:
            export_run_card(store, run, tmp_path / "c.json")
        assert "score cards come from `suanli-engine bench` runs" in str(err.value)
    (tmp_path / "x.json").write_text('{"schema": "other"}', encoding="utf-8")
    with pytest.raises(CardFileError) as err:
        read_card_file(tmp_path / "x.json")
    assert err.value.advice == "export the card with `suanli-engine runs export ID FILE`"
    assert "python -m engine" not in str(err.value)


def test_store_hints_in_chinese(installed_name):
    try:
        i18n.set_language("zh_CN")
        with Store() as store, pytest.raises(StoreError) as err:
            store.get_summary(999)
        assert str(err.value) == "结果库中没有编号为 999 的运行（见 `suanli-engine runs list`）"
    finally:
        i18n.set_language("en")


def test_a_fifo_as_a_card_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "card.json"
    os.mkfifo(fifo)
    with pytest.raises(CardFileError) as err:
        read_card_file(fifo)
    assert "is not a regular file" in str(err.value) and "does not exist" not in str(err.value)
