"""Shared fixtures. Tests never write to the real per-user folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The shared MNIST test split: $SUANLI_DATA_DIR, else ../shared/datasets next to the project.
DATA_DIR = Path(os.environ.get("SUANLI_DATA_DIR") or ROOT.parent / "shared" / "datasets")


@pytest.fixture(autouse=True)
def _suanli_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("suanli_home")
    monkeypatch.setenv("SUANLI_HOME", str(home))
    monkeypatch.setenv("SUANLI_LANG", "en")  # tests read English messages, whatever the locale
    # the Keras cache (full MNIST, engine/data/keras_cache.py) is this machine's: not looked at
    monkeypatch.setenv("KERAS_HOME", str(home / "keras"))
    return home


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """A folder holding the MNIST t10k pair: the shared one, else the copy the app ships."""
    for d in (DATA_DIR / "mnist", DATA_DIR, ROOT / "resources" / "mnist"):
        if (d / "t10k-images-idx3-ubyte.gz").is_file():
            return d
    pytest.fail(f"MNIST test split not found under {DATA_DIR} nor in resources/mnist")
