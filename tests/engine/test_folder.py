"""Image-folder datasets: one subfolder per class; bad files are skipped and listed."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from engine.data import DataError, load_dataset
from engine.data.folder import decode_files, load_folder
from engine.data.idx import read_idx
from engine.tf_runtime import tf

# A 1x1 white GIF (no transparency).
GIF_1X1_WHITE = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00"
    b"\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def png(img: np.ndarray) -> bytes:
    """Encode uint8 (H, W) gray or (H, W, 3) RGB as PNG, by hand (filter 0, zlib)."""
    h, w = img.shape[:2]
    color = 0 if img.ndim == 2 else 2

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\0" + img[y].tobytes() for y in range(h))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def bmp(rgb: np.ndarray) -> bytes:
    """Encode uint8 (H, W, 3) RGB as a 24-bit bottom-up BMP."""
    h, w, _ = rgb.shape
    row = (w * 3 + 3) & ~3
    data = b"".join(rgb[y, :, ::-1].tobytes().ljust(row, b"\0") for y in range(h - 1, -1, -1))
    return (
        struct.pack("<2sIHHI", b"BM", 54 + len(data), 0, 0, 54)
        + struct.pack("<IiiHHIIiiII", 40, w, h, 1, 24, 0, len(data), 2835, 2835, 0, 0)
        + data
    )


def jpeg(img: np.ndarray) -> bytes:
    return tf().io.encode_jpeg(img[..., None], quality=95).numpy()


@pytest.fixture(scope="module")
def digits(mnist_dir) -> dict[int, np.ndarray]:
    """Twelve real MNIST images of each of the digits 0, 1 and 2."""
    x = read_idx(mnist_dir / "t10k-images-idx3-ubyte.gz")
    y = read_idx(mnist_dir / "t10k-labels-idx1-ubyte.gz")
    return {d: x[y == d][:12] for d in (0, 1, 2)}


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def image_folder(tmp_path, digits) -> Path:
    """Three classes in three formats, some 56x56, plus four unusable files and junk."""
    root = tmp_path / "imgs"
    for i, img in enumerate(digits[0]):  # gray PNG, half of them twice the size
        big = np.kron(img, np.ones((2, 2), np.uint8)) if i % 2 else img
        write(root / "b_zero" / f"{i:02d}.png", png(big))
    for i, img in enumerate(digits[1]):  # RGB BMP in a nested folder
        write(root / "a_one" / "sub" / f"{i:02d}.bmp", bmp(np.repeat(img[..., None], 3, -1)))
    for i, img in enumerate(digits[2]):  # JPEG
        write(root / "c_two" / f"{i:02d}.jpg", jpeg(img))
    write(root / "b_zero" / "zero.png", b"")
    write(root / "b_zero" / "truncated.png", png(digits[0][0])[:60])
    write(root / "a_one" / "notes.txt", b"these are ones\n")
    write(root / "c_two" / "garbage.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    write(root / "c_two" / ".DS_Store", b"\0\0\0\1Bud1")  # hidden: ignored silently
    write(root / "c_two" / "Thumbs.db", b"\xd0\xcf\x11\xe0")  # ignored silently
    (root / ".hidden_class").mkdir()  # hidden folders are not classes
    return root


def test_folder_loads_and_lists_skipped_files(image_folder):
    d = load_dataset("folder", str(image_folder))
    assert d.class_names == ("a_one", "b_zero", "c_two")  # sorted subfolder names
    # 12 usable per class; 20 % of each class (2) is test, then 10 % of train is dev
    assert d.sizes == {"train": 27, "dev": 3, "test": 6}
    assert np.bincount(d.y_test).tolist() == [2, 2, 2]
    for x in (d.x_train, d.x_dev, d.x_test):
        assert x.dtype == np.float32 and x.shape[1:] == (28, 28, 1)
        assert 0.0 <= x.min() and x.max() <= 1.0
    assert d.y_train.dtype == np.int32
    reasons = {Path(s.path).name: s.reason for s in d.skipped}
    assert set(reasons) == {"zero.png", "truncated.png", "notes.txt", "garbage.jpg"}
    assert "0 bytes" in reasons["zero.png"]
    assert "not an image" in reasons["notes.txt"]
    assert reasons["truncated.png"].startswith("corrupt PNG")
    assert reasons["garbage.jpg"].startswith("corrupt JPEG")
    [note] = d.notes
    assert "skipped 4 of 40 files" in note and "b_zero/zero.png" in note and "\n" not in note
    assert "folder" in str(d.source) and "3 classes" in str(d.source)


def test_split_is_fixed(image_folder):
    a = load_dataset("folder", str(image_folder))
    b = load_dataset("folder", str(image_folder))
    np.testing.assert_array_equal(a.x_test, b.x_test)
    np.testing.assert_array_equal(a.y_train, b.y_train)


def test_decoded_pixels(tmp_path, digits):
    img = digits[0][0]
    paths = [
        write(tmp_path / "gray.png", png(img)),
        write(tmp_path / "rgb.png", png(np.repeat(img[..., None], 3, -1))),
        write(tmp_path / "rgb.bmp", bmp(np.repeat(img[..., None], 3, -1))),
        write(tmp_path / "big.png", png(np.kron(img, np.ones((3, 3), np.uint8)))),
        write(tmp_path / "photo.jpg", jpeg(img)),
        write(tmp_path / "white.gif", GIF_1X1_WHITE),
    ]
    seen = []
    images, ok, skipped = decode_files(paths, progress=lambda done, total: seen.append(done))
    assert ok.all() and not skipped and images.shape == (6, 28, 28) and images.dtype == np.uint8
    assert seen[-1] == 6
    np.testing.assert_array_equal(images[0], img)  # 28x28 gray: exact
    diff = [np.abs(images[k].astype(int) - img).max() for k in (1, 2)]
    assert max(diff) <= 1  # gray stored as RGB: the weights round to within 1
    assert np.abs(images[3].astype(int) - img).max() <= 1  # 84x84 area-averaged to 28x28
    assert np.abs(images[4].astype(int) - img).mean() < 6  # lossy JPEG
    assert (images[5] == 255).all()  # 1x1 GIF stretched


def test_many_files_in_batches_with_bad_ones_among_them(tmp_path, digits, monkeypatch):
    from engine.data import folder

    monkeypatch.setattr(folder, "BATCH_FILES", 8)
    imgs = np.concatenate([digits[0], digits[1]])
    paths = [write(tmp_path / f"{i:02d}.png", png(im)) for i, im in enumerate(imgs)]
    for k in (3, 4, 17):  # a bad file passes the format sniffing but fails decoding
        write(paths[k], png(imgs[k])[:50])
    images, ok, skipped = decode_files(paths)
    assert [Path(s.path).name for s in skipped] == ["03.png", "04.png", "17.png"]
    assert ok.sum() == len(imgs) - 3
    np.testing.assert_array_equal(images, imgs[ok])


@pytest.mark.parametrize(
    ("make", "where", "words"),
    [
        (lambda r: (r / "b").mkdir(), "b", "holds no files"),
        (lambda r: write(r / "b" / "x.png", b""), "b", "no usable image"),
        (lambda r: write(r / "b" / ".hidden.png", b"x"), "b", "holds no files"),
    ],
    ids=["empty-class", "all-unusable", "only-hidden"],
)
def test_a_class_without_images_is_an_error_naming_it(tmp_path, digits, make, where, words):
    root = tmp_path / "imgs"
    for i, img in enumerate(digits[0][:10]):
        write(root / "a" / f"{i}.png", png(img))
    make(root)
    with pytest.raises(DataError) as err:
        load_dataset("folder", str(root))
    msg = str(err.value)
    assert err.value.path == str(root / where) and words in msg and "\n" not in msg, msg


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda r: r.mkdir(), "holds no class subfolders"),
        (lambda r: write(r / "1.png", b"x"), "holds files but no class subfolders"),
        (lambda r: [(r / c).mkdir(parents=True) for c in "ab"], "holds no images"),
        (lambda r: None, "does not exist"),
        (lambda r: write(r, b"x"), "is not a folder"),
    ],
    ids=["empty", "no-subfolders", "empty-classes", "missing", "a-file"],
)
def test_a_folder_without_images_is_an_error_naming_it(tmp_path, setup, words):
    root = tmp_path / "imgs"
    setup(root)
    with pytest.raises(DataError) as err:
        load_dataset("folder", str(root))
    assert err.value.path == str(root) and words in str(err.value), str(err.value)


def test_one_class_or_too_few_images_is_an_error(tmp_path, digits):
    root = tmp_path / "imgs"
    for i, img in enumerate(digits[0][:3]):
        write(root / "a" / f"{i}.png", png(img))
    with pytest.raises(DataError, match="at least two classes"):
        load_folder(root, seed=0)
    for i, img in enumerate(digits[1][:3]):
        write(root / "b" / f"{i}.png", png(img))
    with pytest.raises(DataError, match="only 6 usable images"):
        load_folder(root, seed=0)


def test_folder_needs_a_data_dir():
    with pytest.raises(DataError, match="--data-dir"):
        load_dataset("folder")


def test_a_folder_with_bad_files_trains_and_reports_the_skipped_ones(image_folder, tmp_path):
    import json
    import subprocess
    import sys

    out = tmp_path / "r.json"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "engine",
            "train",
            "--dataset",
            "folder",
            "--data-dir",
            str(image_folder),
            "--epochs",
            "2",
            "--batch-size",
            "8",
            "--json",
            str(out),
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    assert "warning: skipped 4 of 40 files" in p.stderr
    data = json.loads(out.read_text())
    assert data["status"] == "finished"
    assert data["info"]["dataset"]["class_names"] == ["a_one", "b_zero", "c_two"]
    assert len(data["test"]["confusion_matrix"]) == 3  # the model has one output per class
    assert "c_two" in p.stdout  # the report names the classes
