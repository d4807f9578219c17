from __future__ import annotations

import gzip
import hashlib

import numpy as np

from engine.data import load_dataset
from engine.data.idx import read_idx
from engine.data.sources import load_arrays


def test_shared_mnist_is_the_real_test_split(mnist_dir):
    raw = gzip.decompress((mnist_dir / "t10k-labels-idx1-ubyte.gz").read_bytes())
    assert hashlib.sha256(raw).hexdigest() == (
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
    )
    labels = read_idx(mnist_dir / "t10k-labels-idx1-ubyte.gz")
    assert np.bincount(labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_t10k_only_splits_8000_2000_with_a_fixed_seed(mnist_dir):
    a = load_arrays("mnist", str(mnist_dir))
    b = load_arrays("mnist", str(mnist_dir))
    assert (len(a[0]), len(a[2])) == (8000, 2000)
    np.testing.assert_array_equal(a[3], b[3])
    assert "t10k only" in str(a[4])


def test_float_images_in_unit_range_and_dev_split(mnist_dir):
    d = load_dataset("mnist", str(mnist_dir), dev_fraction=0.25, limit=1000)
    assert d.x_train.dtype == np.float32 and d.x_train.shape == (1000, 28, 28, 1)
    assert 0.0 <= d.x_train.min() and d.x_train.max() <= 1.0
    assert d.sizes == {"train": 1000, "dev": 2000, "test": 2000}


def test_lookup_order_data_dir_then_env_then_home(mnist_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_DATA_DIR", str(mnist_dir.parent))
    assert str(mnist_dir) in str(load_dataset("mnist").source)  # subfolder mnist/ of the env dir
    monkeypatch.delenv("SUANLI_DATA_DIR")
    home = tmp_path / "home"
    (home / "datasets").mkdir(parents=True)
    (home / "datasets" / "mnist").symlink_to(mnist_dir)
    monkeypatch.setenv("SUANLI_HOME", str(home))
    assert str(home / "datasets" / "mnist") in str(load_dataset("mnist").source)


def test_npz_source(tmp_path):
    rng = np.random.default_rng(1)
    np.savez(
        tmp_path / "mnist.npz",
        x_train=rng.integers(0, 256, (100, 28, 28), dtype=np.uint8),
        y_train=rng.integers(0, 10, 100).astype(np.uint8),
        x_test=rng.integers(0, 256, (30, 28, 28), dtype=np.uint8),
        y_test=rng.integers(0, 10, 30).astype(np.uint8),
    )
    d = load_dataset("mnist", str(tmp_path))
    assert d.sizes == {"train": 90, "dev": 10, "test": 30}


def test_synthetic_is_seeded_and_balanced():
    a, b = load_dataset("synthetic"), load_dataset("synthetic")
    np.testing.assert_array_equal(a.x_train[:50], b.x_train[:50])
    counts = np.bincount(a.y_train, minlength=10)
    assert counts.min() > 0.8 * counts.mean()
