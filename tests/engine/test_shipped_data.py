"""The MNIST test split shipped in resources/mnist: checked on load, the first run's data
when nothing else is there, the benchmark's fixed data, and what compare says about it."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from engine.cards.card import SubScore, make_card
from engine.data import DataError, load_dataset, shipped
from engine.data import keras_cache as kc
from engine.data.download import RemoteFile
from engine.data.shipped import (
    BENCHMARK_DATASET_SHA256,
    LEGACY_SAME_DATA_SHA256,
    SYNTHETIC_ONLY_SHA256,
    shipped_paths,
)
from engine.data.sources import benchmark_dataset, locate
from engine.i18n.message import english
from engine.paths import resource_path
from engine.reports.compare import compare, format_comparison, item_from_card

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_data_anywhere(monkeypatch):
    """No $SUANLI_DATA_DIR; $SUANLI_HOME and $KERAS_HOME are empty temp folders (conftest)."""
    monkeypatch.delenv("SUANLI_DATA_DIR", raising=False)


def idx_gz(arr: np.ndarray) -> bytes:
    header = struct.pack(">HBB", 0, 0x08, arr.ndim) + struct.pack(f">{arr.ndim}I", *arr.shape)
    return gzip.compress(header + arr.astype(np.uint8).tobytes(), mtime=0)


def damaged_copies(tmp_path: Path, flip: bool = True) -> tuple[shipped.ShippedFile, ...]:
    out = []
    for f in shipped.SHIPPED_FILES:
        data = bytearray(f.path.read_bytes())
        if flip and f.key == "test_x":
            data[len(data) // 2] ^= 0x01
        copy = tmp_path / f.path.name
        copy.write_bytes(bytes(data))
        out.append(dataclasses.replace(f, path=copy))
    return tuple(out)


def test_exactly_the_two_t10k_files_are_shipped_unmodified_with_the_credit():
    folder = ROOT / "resources" / "mnist"
    data = sorted(p.name for p in folder.iterdir() if p.suffix == ".gz")
    assert data == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", *data]
    # the published hashes of the uncompressed IDX files (the shared datasets README)
    published = {
        "t10k-images-idx3-ubyte.gz": (
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"
        ),
        "t10k-labels-idx1-ubyte.gz": (
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
        ),
    }
    for f in shipped.SHIPPED_FILES:
        assert f.path == folder / f.path.name and f.path == resource_path(f"mnist/{f.path.name}")
        raw = f.path.read_bytes()
        assert len(raw) == f.size and hashlib.sha256(raw).hexdigest() == f.sha256
        assert hashlib.sha256(gzip.decompress(raw)).hexdigest() == published[f.path.name]
    both = b"".join(f.path.read_bytes() for f in shipped.SHIPPED_FILES)
    assert hashlib.sha256(both).hexdigest() == BENCHMARK_DATASET_SHA256
    credit = shipped.CREDIT_FILE.read_text(encoding="utf-8")
    for name in ("Yann LeCun", "Corinna Cortes", "Christopher J.C. Burges", "CC BY-SA 3.0"):
        assert name in credit and name in shipped.CREDIT
        assert name in (ROOT / "README.md").read_text(encoding="utf-8")
    assert BENCHMARK_DATASET_SHA256 in credit


def test_with_no_data_anywhere_mnist_trains_on_the_shipped_split():
    d = load_dataset("mnist")
    assert english(d.source) == "MNIST test split shipped with Suanli (split 8000/2000)"
    assert d.sizes == {"train": 7200, "dev": 800, "test": 2000}
    assert d.class_names == tuple("0123456789")
    (note,) = d.notes
    assert "10,000 MNIST test images shipped" in note and "70,000" in note
    assert "download mnist" in note and ".keras/datasets" in note and "--data-dir" in note
    layout, paths, folder = locate("mnist", shipped=True)
    assert layout == "shipped" and folder == resource_path("mnist")
    assert set(paths) == {"test_x", "test_y"}


def test_without_the_fallback_or_with_an_explicit_folder_nothing_found_is_still_an_error(
    tmp_path,
):
    with pytest.raises(DataError, match="no mnist files found"):
        locate("mnist")  # what "Download if missing" needs to know: nothing local
    with pytest.raises(DataError, match="no mnist files found") as err:
        load_dataset("mnist", str(tmp_path))  # the user named a folder: no stand-in
    assert str(tmp_path) in str(err.value)
    with pytest.raises(DataError, match="no fashion-mnist files found"):
        locate("fashion-mnist", str(tmp_path), shipped=True)


def test_full_mnist_is_used_as_soon_as_it_is_present(monkeypatch, tmp_path):
    rng = np.random.default_rng(0)
    cache = Path(os.environ["SUANLI_HOME"]) / "datasets" / "mnist"
    cache.mkdir(parents=True)
    names = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (60, 28, 28)),
        "train-labels-idx1-ubyte.gz": rng.integers(0, 10, 60),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (20, 28, 28)),
        "t10k-labels-idx1-ubyte.gz": rng.integers(0, 10, 20),
    }
    for name, arr in names.items():
        (cache / name).write_bytes(idx_gz(arr))
    d = load_dataset("mnist")
    assert "train + t10k" in english(d.source) and d.notes == []
    assert d.sizes == {"train": 54, "dev": 6, "test": 20}


def test_the_keras_cache_is_used_only_when_it_is_the_pinned_file(monkeypatch, tmp_path):
    rng = np.random.default_rng(1)
    buf = io.BytesIO()
    np.savez(
        buf,
        x_train=rng.integers(0, 256, (50, 28, 28), dtype=np.uint8),
        y_train=rng.integers(0, 10, 50).astype(np.uint8),
        x_test=rng.integers(0, 256, (10, 28, 28), dtype=np.uint8),
        y_test=rng.integers(0, 10, 10).astype(np.uint8),
    )
    keras_home = Path(os.environ["KERAS_HOME"])
    npz = keras_home / "datasets" / "mnist.npz"
    npz.parent.mkdir(parents=True)
    npz.write_bytes(buf.getvalue())
    # not the file Keras pins: passed over, the shipped split stands in
    assert "shipped" in english(load_dataset("mnist").source)
    pinned = RemoteFile(
        "mnist.npz", npz.stat().st_size, hashlib.sha256(npz.read_bytes()).hexdigest()
    )
    monkeypatch.setattr(kc, "MNIST_NPZ", pinned)
    d = load_dataset("mnist")
    assert d.source == str(npz) and d.sizes == {"train": 45, "dev": 5, "test": 10}
    # without $KERAS_HOME, Keras (and Suanli) look in ~/.keras
    monkeypatch.delenv("KERAS_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert kc.keras_cache_dirs() == [tmp_path / "home" / ".keras" / "datasets"]
    assert "shipped" in english(load_dataset("mnist").source)
    (tmp_path / "home" / ".keras").mkdir(parents=True)
    (tmp_path / "home" / ".keras" / "datasets").symlink_to(npz.parent)
    assert load_dataset("mnist").source == str(tmp_path / "home" / ".keras/datasets/mnist.npz")


def test_a_damaged_shipped_file_is_one_line_naming_it(monkeypatch, tmp_path):
    monkeypatch.setattr(shipped, "SHIPPED_FILES", damaged_copies(tmp_path))
    for load in (lambda: load_dataset("mnist"), benchmark_dataset, shipped_paths):
        with pytest.raises(DataError) as err:
            load()
        msg = str(err.value)
        assert msg.startswith(str(tmp_path / "t10k-images-idx3-ubyte.gz") + ": has sha256 ")
        assert "reinstall Suanli" in msg and "\n" not in msg


def test_a_missing_or_resized_shipped_file_is_named(monkeypatch, tmp_path):
    files = damaged_copies(tmp_path, flip=False)
    monkeypatch.setattr(shipped, "SHIPPED_FILES", files)
    assert shipped_paths()["test_y"] == files[1].path
    files[1].path.write_bytes(b"\x1f\x8b short")
    with pytest.raises(DataError, match=r"t10k-labels-idx1-ubyte.gz: has 8 bytes, expected"):
        shipped_paths()
    files[1].path.unlink()
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte.gz: is missing from Suanli's"):
        shipped_paths()


def test_a_file_changed_after_it_was_checked_is_checked_again(monkeypatch, tmp_path):
    files = damaged_copies(tmp_path, flip=False)
    monkeypatch.setattr(shipped, "SHIPPED_FILES", files)
    shipped_paths()
    path = files[0].path
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01  # same size
    path.write_bytes(bytes(data))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    with pytest.raises(DataError, match="has sha256"):
        shipped_paths()


def test_the_benchmark_data_is_the_shipped_split_whatever_the_user_has(monkeypatch, tmp_path):
    rng = np.random.default_rng(2)
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(idx_gz(rng.integers(0, 256, (50, 28, 28))))
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(idx_gz(rng.integers(0, 10, 50)))
    monkeypatch.setenv("SUANLI_DATA_DIR", str(tmp_path))
    assert load_dataset("mnist").sizes["test"] == 10  # the user's own data for a training run
    d, sha = benchmark_dataset()
    assert sha == BENCHMARK_DATASET_SHA256
    assert "shipped" in english(d.source) and d.notes == []
    assert d.sizes == {"train": 7200, "dev": 800, "test": 2000}
    # the same split the suite measured before the data was shipped, when it found the t10k
    # pair: a card's old hash of its test set names this very data
    legacy = hashlib.sha256(d.x_test.tobytes() + d.y_test.tobytes()).hexdigest()
    assert legacy == LEGACY_SAME_DATA_SHA256
    again, _sha = benchmark_dataset()
    np.testing.assert_array_equal(again.x_dev, d.x_dev)


def a_card(dataset_sha256: str):
    return make_card(
        suite_version="1.0-quick",
        config={"suite": "quick"},
        dataset_sha256=dataset_sha256,
        environment={"facts": {}, "sha256": hashlib.sha256(b"{}").hexdigest()},
        sub_scores=[SubScore("time_to_accuracy_s", 12.0, "s", False, ())],
        suanli_score=100.0,
        reference_profile="suanli-reference-v1",
        extra={},
    )


def test_compare_says_when_cards_measured_different_data():
    same = [item_from_card(n, a_card(BENCHMARK_DATASET_SHA256)) for n in ("a", "b")]
    old = item_from_card("old", a_card(LEGACY_SAME_DATA_SHA256))
    assert compare([*same, old]).notes == []
    offline = item_from_card("offline", a_card(SYNTHETIC_ONLY_SHA256))
    other = item_from_card("other", a_card("ab" * 32))
    cmp = compare([same[0], offline, other])
    (note,) = cmp.notes
    assert note.startswith("the cards measured time to accuracy on different data (")
    assert "[1] the MNIST test split shipped with Suanli" in note
    assert "[2] synthetic data only" in note and "[3] data abababababab" in note
    assert "note: the cards measured time to accuracy on different data" in format_comparison(cmp)
