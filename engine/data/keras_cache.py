"""Full MNIST from the Keras cache: ``~/.keras/datasets/mnist.npz`` (``$KERAS_HOME`` first),
which ``keras.datasets.mnist.load_data()`` leaves behind.

It is used only when it is exactly the file Keras pins (size and sha256, the ones
:mod:`engine.data.download` checks): anything else there is not Suanli's to judge and is
passed over. A file is hashed again only when its size or modification time changed.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.data.download import REMOTE, is_valid

MNIST_NPZ = REMOTE["mnist"][0]
# path -> (size, mtime_ns) of the last copy that matched
_verified: dict[Path, tuple[int, int]] = {}


def keras_cache_dirs() -> list[Path]:
    """Where Keras keeps downloaded datasets: ``$KERAS_HOME/datasets`` when that is set (as
    Keras itself decides), else ``~/.keras/datasets``."""
    env = os.environ.get("KERAS_HOME")
    base = Path(env).expanduser() if env else Path("~/.keras").expanduser()
    return [base / "datasets"]


def keras_mnist_npz() -> Path | None:
    """The Keras cache's ``mnist.npz`` when it is the file Keras pins, else None."""
    for directory in keras_cache_dirs():
        path = directory / MNIST_NPZ.name
        try:
            st = path.stat()
        except OSError:
            continue
        stamp = (st.st_size, st.st_mtime_ns)
        if _verified.get(path) == stamp or is_valid(path, MNIST_NPZ):
            _verified[path] = stamp
            return path
    return None
