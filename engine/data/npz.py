"""Reader for Keras-style ``mnist.npz`` files (never unpickles anything)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

from engine.data.errors import DataError

KEYS = ("x_train", "y_train", "x_test", "y_test")


def read_mnist_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "does not exist")
    if path.stat().st_size == 0:
        raise DataError(path, "is empty (0 bytes)")
    try:
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as npz:
            missing = [k for k in KEYS if k not in npz.files]
            if missing:
                raise DataError(
                    path, f"lacks arrays {', '.join(missing)} (has {', '.join(npz.files) or 'none'})"
                )
            arrays = {k: npz[k] for k in KEYS}
    except DataError:
        raise
    except ValueError as exc:
        # allow_pickle=False refuses object arrays with a ValueError
        raise DataError(path, f"holds an array that cannot be read safely ({exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DataError(path, f"is not a valid .npz file ({exc})") from None
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.dtype != np.uint8 or x.ndim != 3 or x.shape[1:] != (28, 28):
            raise DataError(path, f"x_{split} is {x.dtype} {x.shape}; expected uint8 (N, 28, 28)")
        if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
            raise DataError(path, f"y_{split} is {y.dtype} {y.shape}; expected integer labels (N,)")
        if len(x) != len(y):
            raise DataError(path, f"x_{split} has {len(x)} images but y_{split} has {len(y)} labels")
    return arrays
