"""Hostile image folders: FIFOs, links to FIFOs and folders, loops, oversized files and
pixel bombs, one-image classes and names that are not UTF-8. Nothing hangs, nothing blows
up memory; every file refused is listed with its reason. Fixtures live in a temp dir."""

from __future__ import annotations

import json
import os
import struct
import threading
import zlib
from pathlib import Path

import numpy as np
import pytest

from engine.data import DataError, image_files
from engine.data.folder import load_folder, scan_folder
from engine.data.image_files import image_size, read_image
from tests.engine.test_folder import bmp, jpeg, png

RNG = np.random.default_rng(0)


def img(k: int) -> bytes:
    a = np.full((8, 8), 40 + 60 * k, np.uint8)
    a[RNG.integers(0, 8), :] = 255
    return png(a)


def make_folder(root: Path, classes=("a", "b"), per_class: int = 6) -> Path:
    for k, c in enumerate(classes):
        d = root / c
        d.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            (d / f"{i}.png").write_bytes(img(k))
    return root


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims ``width`` x ``height``: a pixel bomb's header, cheap to make."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def load_in_thread(root: Path, timeout: float = 120):
    """load_folder, failing the test (instead of hanging it) if it does not return."""
    box: dict = {}

    def go():
        try:
            box["value"] = load_folder(root, seed=0)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            box["error"] = exc

    t = threading.Thread(target=go, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "load_folder hung"
    if "error" in box:
        raise box["error"]
    return box["value"]


def reasons(images) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in images.skipped}


def test_fifos_links_to_fifos_and_folders_are_skipped_not_waited_on(tmp_path):
    root = make_folder(tmp_path / "d")
    os.mkfifo(root / "a" / "pipe.png")
    os.mkfifo(tmp_path / "outside-pipe")
    (root / "a" / "to-pipe.png").symlink_to(tmp_path / "outside-pipe")
    (root / "b" / "loop.png").symlink_to(root / "b" / "loop.png")
    (root / "b" / "dangling.png").symlink_to(tmp_path / "nowhere")
    (root / "b" / "up").symlink_to(root)  # a link to a folder above: not followed
    images = load_in_thread(root)
    r = reasons(images)
    assert "FIFO" in r["pipe.png"] and "FIFO" in r["to-pipe.png"]
    assert "loops" in r["loop.png"] and "cannot be read" in r["dangling.png"]
    assert len(images.x_train) + len(images.x_test) == 12
    notes = " ".join(images.notes())
    assert "pipe.png" in notes and "not a regular file" in notes


def test_read_image_refuses_what_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "f")
    (tmp_path / "dir").mkdir()
    (tmp_path / "to-dir").symlink_to(tmp_path / "dir")
    assert "FIFO" in read_image(tmp_path / "f")
    assert "folder" in read_image(tmp_path / "to-dir")


def test_the_byte_cap_is_checked_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(image_files, "MAX_IMAGE_BYTES", 1000)
    p = tmp_path / "big.png"
    p.write_bytes(png(np.zeros((64, 64), np.uint8)) + b"\0" * 2000)
    reason = read_image(p)
    assert isinstance(reason, str) and "too large" in reason and "MB" in reason


def test_a_pixel_bomb_is_refused_from_its_header(tmp_path):
    root = make_folder(tmp_path / "d")
    (root / "a" / "bomb.png").write_bytes(png_header_only(20000, 20000))
    images = load_in_thread(root)
    assert "20000 x 20000 pixels" in reasons(images)["bomb.png"]
    assert "too large" in reasons(images)["bomb.png"]


@pytest.mark.parametrize(
    "make",
    [
        lambda a: png(a),
        lambda a: png(np.stack([a] * 3, -1)),
        lambda a: bmp(np.stack([a] * 3, -1)),
        lambda a: jpeg(a),
        lambda a: (
            b"GIF89a" + struct.pack("<HH", a.shape[1], a.shape[0]) + b"\x80\x00\x00" + b"\0" * 20
        ),
    ],
)
def test_image_sizes_come_from_the_headers(make):
    a = np.zeros((37, 53), np.uint8)
    data = make(a)
    fmt = image_files.sniff(data[:8])
    assert image_size(data, fmt) == (53, 37)


def test_damaged_headers_are_corrupt_not_a_crash(tmp_path):
    for name, data in {
        "png.png": b"\x89PNG\r\n\x1a\n\0\0",
        "jpg.jpg": b"\xff\xd8\xff\xe0\0",
        "bmp.bmp": b"BM\0\0",
        "gif.gif": b"GIF89a\x01",
    }.items():
        (tmp_path / name).write_bytes(data)
        assert "corrupt" in read_image(tmp_path / name), name


def test_a_self_looping_folder_and_looping_entries_are_one_line_errors(tmp_path):
    loop = tmp_path / "self"
    loop.symlink_to(loop)
    with pytest.raises(DataError, match="loops"):
        scan_folder(loop)
    root = make_folder(tmp_path / "d")
    (root / "cycle").symlink_to(root / "cycle")  # at the root: not a class, not a crash
    classes, _files, stray = scan_folder(root)
    assert classes == ["a", "b"] and [Path(s).name for s in stray] == ["cycle"]


def test_classes_with_one_image_are_refused_before_training(tmp_path):
    root = tmp_path / "d"
    for k in range(300):
        d = root / f"c{k:03d}"
        d.mkdir(parents=True)
        (d / "0.png").write_bytes(img(k % 4))
    with pytest.raises(DataError, match="300 class folders have only one usable image"):
        load_in_thread(root)


def test_one_short_class_among_many_is_named(tmp_path):
    root = make_folder(tmp_path / "d")
    (root / "c").mkdir()
    (root / "c" / "only.png").write_bytes(img(2))
    (root / "c" / "junk.png").write_bytes(b"not an image")
    with pytest.raises(DataError, match=r"only one usable image \('c'\)"):
        load_in_thread(root)


def test_non_utf8_class_names_survive_json_and_the_store(tmp_path, monkeypatch):
    from engine.files.json_text import json_dumps
    from engine.store.store import Store
    from engine.store.writer import StoreWriter

    base = os.fsencode(tmp_path / "d")
    os.makedirs(base)
    for name in (b"caf\xe9", b"\xff\xfe"):
        os.makedirs(base + b"/" + name)
        for i in range(5):
            with open(base + b"/" + name + b"/%d.png" % i, "wb") as fh:
                fh.write(img(i % 2 + (name[0] == 0xFF)))
    images = load_in_thread(Path(os.fsdecode(base)))
    names = list(images.class_names)
    assert sorted(os.fsencode(n) for n in names) == [b"caf\xe9", b"\xff\xfe"]
    doc = {"class_names": names, "source": images.source.to_dict()}
    assert json.loads(json_dumps(doc, ensure_ascii=False)) == doc
    with Store(tmp_path / "s.db") as store:
        w = StoreWriter(store)
        w.on_run_begin({"config": {"dataset": "folder"}, "dataset": doc, "run_id": "r1"})
        w.on_run_end({"status": "finished", "config": {"dataset": "folder"}})
        assert w.error is None
        back = store.get_run(w.run_id).info["dataset"]["class_names"]
    assert [os.fsencode(n) for n in back] == [os.fsencode(n) for n in names]
