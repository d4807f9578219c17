"""The loaders refuse bad files with a DataError naming the file, before allocating much."""

from __future__ import annotations

import gzip
import struct
import tracemalloc

import numpy as np
import pytest

from engine.data import DataError, load_dataset
from engine.data.idx import read_idx
from engine.data.npz import read_mnist_npz


def idx_bytes(arr: np.ndarray, code: int = 0x08) -> bytes:
    return (
        struct.pack(">HBB", 0, code, arr.ndim)
        + struct.pack(f">{arr.ndim}I", *arr.shape)
        + arr.astype(">u1").tobytes()
    )


def write(path, data: bytes, gz: bool = False):
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def images(n):
    return np.random.default_rng(0).integers(0, 256, (n, 28, 28), dtype=np.uint8)


@pytest.mark.parametrize("gz", [False, True])
def test_good_file_reads_back(tmp_path, gz):
    arr = images(5)
    p = write(tmp_path / ("a.idx.gz" if gz else "a.idx"), idx_bytes(arr), gz)
    np.testing.assert_array_equal(read_idx(p), arr)


def assert_names_file(err, path, words):
    msg = str(err.value)
    assert str(path) in msg and words in msg, msg
    assert "\n" not in msg


@pytest.mark.parametrize("gz", [False, True])
def test_bad_magic(tmp_path, gz):
    p = write(tmp_path / "bad.gz" if gz else tmp_path / "bad", b"\x12\x34\x08\x03" + b"\0" * 40, gz)
    with pytest.raises(DataError) as err:
        read_idx(p)
    assert_names_file(err, p, "bad magic")


def test_unknown_dtype_code(tmp_path):
    p = write(tmp_path / "x", struct.pack(">HBBI", 0, 0x42, 1, 3) + b"abc")
    with pytest.raises(DataError) as err:
        read_idx(p)
    assert_names_file(err, p, "dtype code 0x42")


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_file(tmp_path, gz):
    data = idx_bytes(images(10))[:-100]
    p = write(tmp_path / ("t.gz" if gz else "t"), data, gz)
    with pytest.raises(DataError) as err:
        read_idx(p)
    assert_names_file(err, p, "truncated or corrupt")


@pytest.mark.parametrize("gz", [False, True])
def test_header_claiming_a_billion_images_allocates_nothing_large(tmp_path, gz):
    header = struct.pack(">HBBIII", 0, 0x08, 3, 10**9, 28, 28)
    p = write(tmp_path / ("huge.gz" if gz else "huge"), header + b"\0" * 784 * 3, gz)
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as err:
            read_idx(p)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_names_file(err, p, "header claims")
    assert peak < 10 * 1024**2


def test_header_claiming_more_than_file_holds(tmp_path):
    header = struct.pack(">HBBIII", 0, 0x08, 3, 1000, 28, 28)
    p = write(tmp_path / "short.gz", header + b"\0" * 784 * 3, gz=True)
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as err:
            read_idx(p)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_names_file(err, p, "says 784,000")
    assert peak < 784_000  # never allocated what the header claimed


def test_not_gzip(tmp_path):
    p = write(tmp_path / "t10k-images-idx3-ubyte.gz", idx_bytes(images(3)))
    with pytest.raises(DataError) as err:
        read_idx(p)
    assert_names_file(err, p, "not a gzip file")


def test_corrupt_gzip(tmp_path):
    good = gzip.compress(idx_bytes(images(50)))
    p = write(tmp_path / "c.gz", good[:20] + bytes(b ^ 0xFF for b in good[20:200]) + good[200:])
    with pytest.raises(DataError) as err:
        read_idx(p)
    assert str(p) in str(err.value)


def test_empty_file(tmp_path):
    p = write(tmp_path / "empty.gz", b"")
    with pytest.raises(DataError) as err:
        read_idx(p)
    assert_names_file(err, p, "empty")


def test_label_count_not_matching(tmp_path):
    write(tmp_path / "t10k-images-idx3-ubyte.gz", idx_bytes(images(20)), gz=True)
    labels = tmp_path / "t10k-labels-idx1-ubyte.gz"
    write(labels, idx_bytes(np.arange(19, dtype=np.uint8) % 10), gz=True)
    with pytest.raises(DataError) as err:
        load_dataset("mnist", str(tmp_path))
    assert_names_file(err, labels, "19 labels but t10k-images-idx3-ubyte.gz has 20 images")


def test_labels_out_of_range(tmp_path):
    write(tmp_path / "t10k-images-idx3-ubyte.gz", idx_bytes(images(20)), gz=True)
    labels = tmp_path / "t10k-labels-idx1-ubyte.gz"
    write(labels, idx_bytes(np.full(20, 12, dtype=np.uint8)), gz=True)
    with pytest.raises(DataError) as err:
        load_dataset("mnist", str(tmp_path))
    assert_names_file(err, labels, "label 12")


def test_npz_with_pickled_object_array(tmp_path):
    p = tmp_path / "mnist.npz"
    obj = np.array([{"evil": 1}, None], dtype=object)
    np.savez(p, x_train=obj, y_train=obj, x_test=obj, y_test=obj)
    with pytest.raises(DataError) as err:
        read_mnist_npz(p)
    assert_names_file(err, p, "cannot be read safely")


def test_npz_missing_keys_and_bad_shapes(tmp_path):
    p = tmp_path / "mnist.npz"
    np.savez(p, x_train=images(3))
    with pytest.raises(DataError) as err:
        read_mnist_npz(p)
    assert_names_file(err, p, "lacks arrays y_train")
    np.savez(
        p,
        x_train=images(3).astype(np.float32),
        y_train=np.zeros(3, np.uint8),
        x_test=images(2),
        y_test=np.zeros(2, np.uint8),
    )
    with pytest.raises(DataError) as err:
        read_mnist_npz(p)
    assert_names_file(err, p, "x_train is float32")


def test_npz_not_a_zip(tmp_path):
    p = write(tmp_path / "mnist.npz", b"PK\x03\x04 this is not a zip at all")
    with pytest.raises(DataError) as err:
        read_mnist_npz(p)
    assert str(p) in str(err.value)


def test_missing_folder_says_so(tmp_path):
    with pytest.raises(DataError) as err:
        load_dataset("mnist", str(tmp_path / "nope"))
    assert "does not exist" in str(err.value)
    with pytest.raises(DataError) as err:
        load_dataset("fashion-mnist", str(tmp_path))
    assert str(tmp_path) in str(err.value) and "no fashion-mnist files" in str(err.value)


def test_the_messages_follow_the_engines_language(tmp_path):
    from engine import i18n

    missing = tmp_path / "nope"
    try:
        i18n.set_language("zh_CN")
        with pytest.raises(DataError) as err:
            load_dataset("mnist", str(missing))
        assert str(err.value) == f"{missing}：文件夹不存在；请用 --data-dir 指向数据集所在的文件夹"
        with pytest.raises(DataError) as err:
            load_dataset("fashion-mnist", str(tmp_path))
        assert "没有找到 fashion-mnist 文件" in str(err.value) and str(tmp_path) in str(err.value)
        i18n.set_language("en")
        with pytest.raises(DataError) as err:
            load_dataset("mnist", str(missing))
        assert str(err.value) == (
            f"{missing}: folder does not exist; point --data-dir at the dataset folder"
        )
    finally:
        i18n.set_language(None)
