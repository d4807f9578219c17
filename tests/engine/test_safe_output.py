"""Hostile output paths: every file the tools write goes through engine.files.output, which
refuses what is not a regular file and the store's own files, follows symbolic links to
regular files, and leaves nothing half-written. Fixtures are made in a temp dir only."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from engine.cli.main import main
from engine.files import output
from engine.files.disk import DiskFullError, human_bytes, is_disk_full
from engine.files.json_text import json_dumps
from engine.files.output import OutputError, check_output, check_output_folder, write_text
from engine.store.store import Store
from tests.engine.test_export import a_card, record_run


@pytest.fixture
def home(tmp_path, monkeypatch):
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("SUANLI_HOME", str(h))
    with Store() as store:
        record_run(store)
    return h


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name or "probe" in p.name)


def run_count(home: Path) -> int:
    with Store(home / "suanli.db") as store:
        return len(store.list_runs())


# ------------------------------------------------------------------ the store's own files


@pytest.mark.parametrize("name", ["suanli.db", "suanli.db-wal", "suanli.db-shm"])
def test_csv_onto_the_store_is_refused_and_every_run_kept(home, capsys, name):
    target = home / name
    if not target.exists():
        target.write_bytes(b"")
    before = target.read_bytes()
    assert main(["runs", "csv", "1", str(target)]) == 2
    err = capsys.readouterr().err
    assert "results-store database" in err and len(err.strip().splitlines()) == 1
    assert target.read_bytes() == before
    assert run_count(home) == 1


def test_a_symlink_to_the_store_and_another_sqlite_file_are_refused(home, tmp_path, capsys):
    link = tmp_path / "innocent.csv"
    link.symlink_to(home / "suanli.db")
    assert main(["runs", "csv", "1", str(link)]) == 2
    other = tmp_path / "other.db"
    with Store(other):
        pass
    assert main(["runs", "html", "1", str(other)]) == 2
    (tmp_path / "other.db-wal").write_bytes(b"\x37\x7f\x06\x82")
    assert main(["runs", "csv", "1", str(tmp_path / "other.db-wal")]) == 2
    assert run_count(home) == 1
    assert Store(other).integrity_check() == "ok"


def test_checkpoint_folders_are_refused(home, capsys):
    ckpt = home / "runs" / "20260101-000000-abcdef" / "checkpoints"
    ckpt.mkdir(parents=True)
    (ckpt / "epoch-0001.index").write_bytes(b"x")
    assert main(["runs", "csv", "1", str(ckpt / "epoch-0001.index")]) == 2
    assert main(["runs", "export", "1", str(ckpt / "new.json")]) == 2
    assert main(["runs", "tensorboard", "1", str(ckpt / "tb")]) == 2
    assert (ckpt / "epoch-0001.index").read_bytes() == b"x"
    assert not (ckpt / "tb").exists()


# ------------------------------------------------------------------ what is not a regular file


@pytest.mark.parametrize(
    "argv",
    [
        ["runs", "csv", "1"],
        ["runs", "html", "1"],
        ["runs", "export", "1"],
        ["compare", "1", "1", "--html"],
        ["train", "--dataset", "synthetic", "--epochs", "1", "--json"],
        ["bench", "--out"],
    ],
)
def test_a_fifo_is_refused_before_any_work_and_stays_a_fifo(home, tmp_path, capsys, argv):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link-to-pipe"
    link.symlink_to(fifo)
    for target in (fifo, link):
        assert main([*argv, str(target)]) == 2  # a writer opening the FIFO would block
        err = capsys.readouterr().err
        assert "FIFO" in err and "not a regular file" in err, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()
    assert run_count(home) == 1  # no run was started


def test_a_folder_a_socket_and_a_symlink_loop_are_refused(home, tmp_path):
    import socket

    (tmp_path / "dir").mkdir()
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    sock_path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for target, words in [
            (tmp_path / "dir", "folder"),
            (sock_path, "socket"),
            (loop, "loops"),
            (tmp_path / "no" / "such" / "x.csv", "does not exist"),
        ]:
            with pytest.raises(OutputError, match=words):
                check_output(target)
    finally:
        sock.close()
    with pytest.raises(OutputError, match="empty"):
        check_output("", what="--json")


def test_json_empty_is_an_error_not_ignored(home, capsys):
    assert main(["train", "--dataset", "synthetic", "--epochs", "1", "--json", ""]) == 2
    assert "--json: the file name is empty" in capsys.readouterr().err


def test_a_symlink_to_a_regular_file_is_written_through(home, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert main(["runs", "csv", "1", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("run_id,level,")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the file keeps its permissions
    assert leftovers(tmp_path) == []


def test_a_dangling_symlink_creates_its_target(tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    write_text(link, "{}")
    assert link.is_symlink() and (tmp_path / "new.json").read_text() == "{}"


# ------------------------------------------------------------------ failed and full writes


def test_a_failed_write_leaves_the_target_and_no_temp_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        with output.open_output(target) as fh:
            fh.write("half")
            fh.write("\udcff")  # not encodable: the write fails midway
    assert target.read_text(encoding="utf-8") == "precious"
    assert leftovers(tmp_path) == []


def test_disk_full_is_named_with_the_free_space_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(DiskFullError) as info:
        write_text(target, "x" * 1000)
    monkeypatch.setattr(output.os, "fsync", real_fsync)
    text = str(info.value)
    assert "disk is full" in text and str(tmp_path) in text and " free" in text
    assert target.read_text(encoding="utf-8") == "precious"
    assert leftovers(tmp_path) == []


def test_disk_full_on_a_real_tiny_file_system(tmp_path, monkeypatch):
    """A 64 kB tmpfs where it can be mounted (root in a container); skipped elsewhere."""
    import subprocess

    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True
        ).returncode
    ):
        pytest.skip("cannot mount a tmpfs here")
    try:
        monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
        with pytest.raises(DiskFullError, match="disk is full"):
            write_text(mnt / "big.json", "x" * 200_000)
        assert list(mnt.iterdir()) == []
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_disk_full_is_recognised_through_library_errors():
    assert is_disk_full(OSError(errno.ENOSPC, "x"))
    assert is_disk_full(RuntimeError("foo; No space left on device"))
    assert not is_disk_full(MemoryError("out of memory"))
    assert human_bytes(1_500_000) == "1.5 MB" and human_bytes(None) == "?"


def test_a_writer_never_blocks_on_a_fifo_created_after_the_check(tmp_path, monkeypatch):
    """The write itself goes to a new temp file and a rename: it never opens the target."""
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
    target = tmp_path / "late"
    check_output(target)
    os.mkfifo(target)
    done = threading.Event()

    def write():
        try:
            write_text(target, "x", checked=False)
        finally:
            done.set()

    threading.Thread(target=write, daemon=True).start()
    assert done.wait(10)


# ------------------------------------------------------------------ folders and names


def test_output_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
    (tmp_path / "file").write_text("x")
    os.mkfifo(tmp_path / "fifo")
    for bad, words in [
        (tmp_path / "file", "is a file; give a folder"),
        (tmp_path / "fifo", "FIFO"),
    ]:
        with pytest.raises(OutputError, match=words):
            check_output_folder(bad)
    with pytest.raises(OutputError, match="checkpoint"):
        check_output_folder(tmp_path / "home" / "runs" / "x")
    assert check_output_folder(tmp_path / "new" / "deep").is_dir()


def test_compress_out_dir_on_a_file_is_refused_before_work(home, tmp_path, capsys):
    f = tmp_path / "file"
    f.write_text("keep")
    assert main(["compress", "--dataset", "synthetic", "--out-dir", str(f)]) == 2
    assert "give a folder" in capsys.readouterr().err and f.read_text() == "keep"


def test_non_utf8_names_round_trip_through_json_files_and_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path / "home"))
    name = os.fsdecode(b"caf\xe9-\xff")  # Latin-1 bytes: not UTF-8
    data = {"class_names": [name, "狗"]}
    text = json_dumps(data, ensure_ascii=False)
    text.encode("utf-8")  # does not raise
    assert json.loads(text) == data and os.fsencode(json.loads(text)["class_names"][0]) == (
        b"caf\xe9-\xff"
    )
    from engine.cli.common import write_json

    write_json(tmp_path / "r.json", data)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == data
    with Store(tmp_path / "s.db") as store:
        from engine.store.writer import StoreWriter

        w = StoreWriter(store)
        w.on_run_begin({"config": {"dataset": "folder"}, "dataset": data, "run_id": "u1"})
        w.on_run_end({"status": "finished", "config": {"dataset": "folder"}})
        assert w.error is None
        assert store.get_run(w.run_id).info["dataset"] == data


def test_the_card_export_refuses_a_device_like_target(home, tmp_path):
    from engine.store.cards import export_card

    os.mkfifo(tmp_path / "p")
    with pytest.raises(OutputError, match="FIFO"):
        export_card(a_card(), tmp_path / "p")
