"""A read-only results store: list, show and export work; every write says "read-only" in
one line and changes nothing. As root, permission bits do not stop writes, so the real
case is a read-only bind mount (where it can be made) and the other is simulated by
making the store's writability probe say no (the store then opens SQLite read-only)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from engine.cli.main import main
from engine.store import connection
from engine.store.records import StoreError
from engine.store.store import Store
from tests.engine.test_export import a_card, record_run


def fill(home: Path) -> None:
    with Store(home / "suanli.db") as store:
        record_run(store)


def check_read_only_home(home: Path, tmp_path: Path, capsys) -> None:
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    assert main(["runs", "list"]) == 0
    assert "run <script>" in capsys.readouterr().out
    assert main(["runs", "show", "1", "--json"]) == 0
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    assert main(["runs", "csv", "1", str(out / "m.csv")]) == 0
    assert main(["runs", "export", "1", str(out / "c.json")]) == 0
    assert main(["runs", "html", "run:1", str(out / "r.html")]) == 0
    capsys.readouterr()
    for argv in (
        ["runs", "rename", "1", "new"],
        ["runs", "tag", "1", "x"],
        ["runs", "delete", "1"],
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip()
        assert "read-only" in err and len(err.splitlines()) == 1, err
    card = tmp_path / "card.json"
    from engine.store.cards import export_card

    export_card(a_card(), card)
    main(["import", str(card)])
    assert "read-only" in capsys.readouterr().err
    after = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    assert after.keys() == before.keys()
    with Store(home / "suanli.db", read_only=True) as store:
        assert store.get_summary(1).name == "run <script>alert(1)</script>"


def test_a_simulated_read_only_home(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SUANLI_HOME", str(home))
    fill(home)
    monkeypatch.setattr(connection, "writable", lambda path: False)
    with Store() as store:
        assert store.read_only
        with pytest.raises(StoreError, match="read-only"):
            store.rename_run(1, "x")
    check_read_only_home(home, tmp_path, capsys)


def test_a_read_only_mount(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir()
    fill(home)
    if os.geteuid() != 0:
        os.chmod(home, 0o555)
        os.chmod(home / "suanli.db", 0o444)
        mounted = False
    else:
        if subprocess.run(
            ["mount", "--bind", str(home), str(home)], capture_output=True
        ).returncode:
            pytest.skip("cannot bind-mount here")
        mounted = True
        if subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(home)], capture_output=True
        ).returncode:
            subprocess.run(["umount", str(home)], check=False)
            pytest.skip("cannot remount read-only here")
    try:
        monkeypatch.setenv("SUANLI_HOME", str(home))
        with pytest.raises(OSError):
            (home / "probe").write_text("x")  # really read-only, for root too
        check_read_only_home(home, tmp_path, capsys)
        assert main(["train", "--dataset", "synthetic", "--epochs", "1", "--limit", "64"]) == 2
        err = capsys.readouterr().err
        assert "cannot be written" in err or "read-only" in err
    finally:
        if mounted:
            import gc

            gc.collect()  # connections left to the collector hold files open
            if subprocess.run(["umount", str(home)], capture_output=True).returncode:
                subprocess.run(["umount", "-l", str(home)], check=False)  # detach when busy
        else:
            os.chmod(home, 0o755)


def test_suanli_home_that_is_a_file_is_one_line(tmp_path, monkeypatch, capsys):
    f = tmp_path / "file"
    f.write_text("x")
    monkeypatch.setenv("SUANLI_HOME", str(f))
    assert main(["runs", "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert "is a file, not a folder" in err and len(err.splitlines()) == 1
