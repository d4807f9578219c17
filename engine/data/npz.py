"""Reader for Keras-style ``mnist.npz`` files (never unpickles anything)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

from engine.data.errors import DataError
from engine.i18n import _

KEYS = ("x_train", "y_train", "x_test", "y_test")


def read_mnist_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    path = Path(path)
    if not path.is_file():
        raise DataError(path, _("does not exist"))
    if path.stat().st_size == 0:
        raise DataError(path, _("is empty (0 bytes)"))
    try:
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as npz:
            missing = [k for k in KEYS if k not in npz.files]
            if missing:
                raise DataError(
                    path,
                    _("lacks arrays {missing} (has {present})").format(
                        missing=", ".join(missing), present=", ".join(npz.files) or _("none")
                    ),
                )
            arrays = {k: npz[k] for k in KEYS}
    except DataError:
        raise
    except ValueError as exc:
        # allow_pickle=False refuses object arrays with a ValueError
        raise DataError(
            path, _("holds an array that cannot be read safely ({reason})").format(reason=exc)
        ) from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DataError(path, _("is not a valid .npz file ({reason})").format(reason=exc)) from None
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.dtype != np.uint8 or x.ndim != 3 or x.shape[1:] != (28, 28):
            raise DataError(
                path,
                _("x_{split} is {dtype} {shape}; expected uint8 (N, 28, 28)").format(
                    split=split, dtype=x.dtype, shape=x.shape
                ),
            )
        if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
            raise DataError(
                path,
                _("y_{split} is {dtype} {shape}; expected integer labels (N,)").format(
                    split=split, dtype=y.dtype, shape=y.shape
                ),
            )
        if len(x) != len(y):
            raise DataError(
                path,
                _("x_{split} has {images} images but y_{split} has {labels} labels").format(
                    split=split, images=len(x), labels=len(y)
                ),
            )
    return arrays
