"""Dataset sources: MNIST and Fashion-MNIST from local files, the download cache or the Keras
cache, the MNIST test split shipped with the app, image folders, and a synthetic set."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.data.errors import DataError
from engine.data.folder import SkippedFile, load_folder
from engine.data.idx import read_idx
from engine.data.keras_cache import keras_mnist_npz
from engine.data.npz import read_mnist_npz
from engine.data.shipped import (
    BENCHMARK_DATASET_SHA256,
    FULL_MNIST_IMAGES,
    SHIPPED_IMAGES,
    shipped_dir,
    shipped_paths,
)
from engine.i18n import N_, _
from engine.i18n.message import Message
from engine.paths import data_dir_candidates

# Where a dataset came from (``Dataset.source``: a Message, stored with a run; a file alone
# is its path).
FROM_IDX4 = N_("{folder} (train + t10k IDX)")
FROM_T10K = N_("{folder} (t10k only, split {train}/{test})")
FROM_SHIPPED = N_("MNIST test split shipped with Suanli (split {train}/{test})")
SYNTHETIC = N_("synthetic (seed {seed})")
# Said once per run that trains on the shipped split.
USING_SHIPPED = N_(
    "using the {images} MNIST test images shipped with Suanli ({train} to train, {test} to "
    "test); for all {full} images run the download mnist command, put Keras's mnist.npz in "
    "~/.keras/datasets, or point --data-dir at the files"
)

# Fixed seed for the t10k-only train/test split and the dev split, so the
# held-out sets are the same for every run, whatever the run's own seed.
SPLIT_SEED = 20240229
T10K_TEST_FRACTION = 0.2  # 10,000 -> 8,000 train / 2,000 test

MNIST_CLASSES = tuple(str(i) for i in range(10))
FASHION_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
_SUBDIRS = {"mnist": ("mnist",), "fashion-mnist": ("fashion-mnist", "fashion_mnist", "fashion")}
_NPZ = {"mnist": ("mnist.npz",), "fashion-mnist": ("fashion-mnist.npz", "fashion_mnist.npz")}
_SYSTEM_DIRS = {"fashion-mnist": (Path("/usr/share/datasets/fashion-mnist"),)}
_STEMS = {
    "train_x": "train-images-idx3-ubyte",
    "train_y": "train-labels-idx1-ubyte",
    "test_x": "t10k-images-idx3-ubyte",
    "test_y": "t10k-labels-idx1-ubyte",
}


@dataclass
class Dataset:
    name: str
    source: Message | str  # a Message, or a file's path
    class_names: tuple[str, ...]
    x_train: np.ndarray
    y_train: np.ndarray
    x_dev: np.ndarray
    y_dev: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    notes: list[str] = field(default_factory=list)
    # image folders: the files that were not usable images, with the reason, sorted by path
    skipped: list[SkippedFile] = field(default_factory=list)

    @property
    def sizes(self) -> dict[str, int]:
        return {"train": len(self.x_train), "dev": len(self.x_dev), "test": len(self.x_test)}


def _find(directory: Path, stem: str) -> Path | None:
    for name in (stem + ".gz", stem):
        p = directory / name
        if p.is_file():
            return p
    # the files are sometimes saved with a dot instead of the last dash
    for name in (stem.replace("-idx", ".idx") + ".gz", stem.replace("-idx", ".idx")):
        p = directory / name
        if p.is_file():
            return p
    return None


def _layout(directory: Path, dataset: str) -> tuple[str, dict[str, Path]] | None:
    """Which usable files a directory holds: ('idx4'|'t10k'|'npz', paths) or None."""
    if not directory.is_dir():
        return None
    found = {k: _find(directory, s) for k, s in _STEMS.items()}
    if all(found.values()):
        return "idx4", found
    for npz in _NPZ[dataset]:
        if (directory / npz).is_file():
            return "npz", {"npz": directory / npz}
    if found["test_x"] and found["test_y"]:
        return "t10k", {"test_x": found["test_x"], "test_y": found["test_y"]}
    return None


def locate(
    dataset: str, data_dir: str | None = None, *, shipped: bool = False
) -> tuple[str, dict[str, Path], Path]:
    """Find files for ``dataset``: lookup order --data-dir, $SUANLI_DATA_DIR, $SUANLI_HOME/datasets,
    then (MNIST, no ``data_dir``) the Keras cache and, with ``shipped``, the test split shipped
    with Suanli (layout ``"shipped"``; its files are checked against their sha256)."""
    looked: list[str] = []
    bases = data_dir_candidates(data_dir)
    if data_dir:
        bases = bases[:1]  # an explicit directory is used alone
    # in each base, a subfolder named for the dataset first, then the base itself
    dirs = [(b / sub, why) for b, why in bases for sub in (*_SUBDIRS[dataset], ".")]
    if not data_dir:
        dirs += [(p, "system") for p in _SYSTEM_DIRS.get(dataset, ())]
    seen: set[Path] = set()
    for d, _why in dirs:
        d = Path(d)
        if d in seen:
            continue
        seen.add(d)
        looked.append(str(d))
        hit = _layout(d, dataset)
        if hit:
            return hit[0], hit[1], d
    if dataset == "mnist" and not data_dir:
        npz = keras_mnist_npz()
        if npz is not None:
            return "npz", {"npz": npz}, npz.parent
        if shipped:
            return "shipped", shipped_paths(), shipped_dir()
    if data_dir and not Path(data_dir).expanduser().is_dir():
        raise DataError(
            data_dir, _("folder does not exist; point --data-dir at the dataset folder")
        )
    where = str(Path(data_dir).expanduser()) if data_dir else "; ".join(looked)
    raise DataError(
        where,
        _(
            "no {dataset} files found (need train-/t10k- IDX files or {npz}); "
            "point --data-dir or $SUANLI_DATA_DIR at the folder that holds them"
        ).format(dataset=dataset, npz=_NPZ[dataset][0]),
    )


def _check_pair(x: np.ndarray, y: np.ndarray, xpath, ypath) -> None:
    if x.ndim != 3 or x.shape[1:] != (28, 28) or x.dtype != np.uint8:
        raise DataError(
            xpath,
            _("holds {dtype} {shape}; expected uint8 images (N, 28, 28)").format(
                dtype=x.dtype, shape=x.shape
            ),
        )
    if y.ndim != 1 or y.dtype != np.uint8:
        raise DataError(
            ypath,
            _("holds {dtype} {shape}; expected uint8 labels (N,)").format(
                dtype=y.dtype, shape=y.shape
            ),
        )
    if len(x) != len(y):
        raise DataError(
            ypath,
            _("has {labels} labels but {file} has {images} images").format(
                labels=f"{len(y):,}", file=Path(xpath).name, images=f"{len(x):,}"
            ),
        )
    if len(y) and int(y.max()) > 9:
        raise DataError(
            ypath, _("has label {label}; labels must be 0..9").format(label=int(y.max()))
        )
    if len(x) < 10:
        raise DataError(xpath, _("holds only {n} images; too few to train on").format(n=len(x)))


def _to_float(x: np.ndarray) -> np.ndarray:
    return (x.astype(np.float32) / np.float32(255.0))[..., None]


def load_arrays(dataset: str, data_dir: str | None = None):
    """Raw uint8 (x_train, y_train, x_test, y_test) plus a description of the source."""
    return _read_arrays(*locate(dataset, data_dir))


def _read_arrays(layout: str, paths: dict[str, Path], directory: Path):
    if layout == "npz":
        a = read_mnist_npz(paths["npz"])
        xtr, ytr, xte, yte = a["x_train"], a["y_train"], a["x_test"], a["y_test"]
        for arr_y, key in ((ytr, "y_train"), (yte, "y_test")):
            if len(arr_y) and (arr_y.min() < 0 or arr_y.max() > 9):
                raise DataError(paths["npz"], _("{key} has labels outside 0..9").format(key=key))
        return xtr, ytr.astype(np.uint8), xte, yte.astype(np.uint8), f"{paths['npz']}"
    xte, yte = read_idx(paths["test_x"]), read_idx(paths["test_y"])
    _check_pair(xte, yte, paths["test_x"], paths["test_y"])
    if layout == "idx4":
        xtr, ytr = read_idx(paths["train_x"]), read_idx(paths["train_y"])
        _check_pair(xtr, ytr, paths["train_x"], paths["train_y"])
        return xtr, ytr, xte, yte, Message(FROM_IDX4, {"folder": str(directory)})
    # only the t10k pair (a folder's or the shipped one): split it with a fixed seed
    n = len(xte)
    order = np.random.default_rng(SPLIT_SEED).permutation(n)
    n_test = int(round(n * T10K_TEST_FRACTION))
    tr, te = order[n_test:], order[:n_test]
    if layout == "shipped":
        source = Message(FROM_SHIPPED, {"train": n - n_test, "test": n_test})
    else:
        source = Message(FROM_T10K, {"folder": str(directory), "train": n - n_test, "test": n_test})
    return xte[tr], yte[tr], xte[te], yte[te], source


def shipped_split_sizes() -> tuple[int, int]:
    """(train, test) images of the shipped split, as :func:`load_dataset` splits it."""
    n_test = int(round(SHIPPED_IMAGES * T10K_TEST_FRACTION))
    return SHIPPED_IMAGES - n_test, n_test


def synthetic_arrays(n_train: int = 12000, n_test: int = 2000, seed: int = 7):
    """Seeded MNIST-shaped data whose label is a learnable function of the image.

    Each class has a smooth random prototype; a sample is its class prototype,
    shifted by up to 2 pixels, scaled, plus noise. A linear model cannot get
    everything right, a CNN learns it well.
    """
    rng = np.random.default_rng(seed)
    noise = rng.random((10, 32, 32), dtype=np.float32)
    k = np.ones(5, dtype=np.float32) / 5
    for axis in (1, 2):  # box blur makes blobs, not salt and pepper
        noise = np.apply_along_axis(lambda v: np.convolve(v, k, mode="same"), axis, noise)
    protos = (noise - noise.mean(axis=(1, 2), keepdims=True)) / noise.std(
        axis=(1, 2), keepdims=True
    )
    protos = 1 / (1 + np.exp(-3 * protos))
    n = n_train + n_test
    y = rng.integers(0, 10, n).astype(np.uint8)
    dx, dy = rng.integers(0, 5, n), rng.integers(0, 5, n)
    x = np.empty((n, 28, 28), dtype=np.float32)
    for i in range(n):
        x[i] = protos[y[i], dy[i] : dy[i] + 28, dx[i] : dx[i] + 28]
    x *= rng.uniform(0.6, 1.0, (n, 1, 1)).astype(np.float32)
    x += rng.normal(0, 0.25, x.shape).astype(np.float32)
    x = (np.clip(x, 0, 1) * 255).astype(np.uint8)
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:], Message(SYNTHETIC, {"seed": seed})


def load_dataset(
    dataset: str,
    data_dir: str | None = None,
    dev_fraction: float = 0.1,
    limit: int | None = None,
    *,
    download: bool = False,
    progress: Callable[[int, int], None] | None = None,
    mirror: str | None = None,
) -> Dataset:
    """Load a dataset as float32 images in [0, 1], shape (N, 28, 28, 1), with a dev split.

    ``dataset`` is ``mnist``, ``fashion-mnist``, ``folder`` (``data_dir`` is then the image
    folder, see :mod:`engine.data.folder`) or ``synthetic``. With ``download=True``, MNIST or
    Fashion-MNIST files that are not found locally are downloaded into the cache
    (:mod:`engine.data.download`, from ``mirror`` or ``$SUANLI_MIRROR``) and loaded from there.
    ``progress(done, total)`` reports bytes while downloading and files while decoding an
    image folder; raise from it to cancel.
    """
    notes: list[str] = []
    skipped: list[SkippedFile] = []
    if dataset == "synthetic":
        xtr, ytr, xte, yte, source = synthetic_arrays()
        classes: tuple[str, ...] = tuple(f"class {i}" for i in range(10))
    elif dataset in _SUBDIRS:
        try:
            # the shipped split stands in for MNIST unless a download was asked for
            located = locate(dataset, data_dir, shipped=not download)
        except DataError:
            if not download:
                raise
            located = _download(dataset, data_dir, progress, mirror, notes)
        try:
            xtr, ytr, xte, yte, source = _read_arrays(*located)
        except DataError:
            # a damaged file in the download cache is fetched again; anywhere else it is the
            # user's file and the error stands
            if not (download and _is_cache(located[2], dataset)):
                raise
            located = _download(dataset, data_dir, progress, mirror, notes)
            xtr, ytr, xte, yte, source = _read_arrays(*located)
        if located[0] == "shipped":
            train, test = shipped_split_sizes()
            notes.append(
                _(USING_SHIPPED).format(
                    images=f"{SHIPPED_IMAGES:,}",
                    train=f"{train:,}",
                    test=f"{test:,}",
                    full=f"{FULL_MNIST_IMAGES:,}",
                )
            )
        classes = MNIST_CLASSES if dataset == "mnist" else FASHION_CLASSES
    elif dataset == "folder":
        if not data_dir:
            raise DataError(
                None,
                _(
                    "the folder dataset needs --data-dir DIR: a folder with one "
                    "subfolder of images per class"
                ),
            )
        images = load_folder(data_dir, seed=SPLIT_SEED, progress=progress)
        xtr, ytr, xte, yte = images.x_train, images.y_train, images.x_test, images.y_test
        source, classes = images.source, images.class_names
        notes.extend(images.notes())
        skipped = images.skipped
    else:
        raise DataError(None, _("unknown dataset {name}").format(name=repr(dataset)))
    return _split(
        dataset, source, classes, (xtr, ytr, xte, yte), dev_fraction, limit, notes, skipped
    )


def benchmark_dataset(dev_fraction: float = 0.1) -> tuple[Dataset, str]:
    """The benchmark suite's fixed real data and its identity (a card's ``dataset_sha256``).

    Always the MNIST test split shipped with Suanli, split 8,000 / 2,000 and its dev part
    with fixed seeds, whatever else the machine holds, so every card measures the same work.
    Raises :class:`DataError` when the app's copy is missing or damaged.
    """
    xtr, ytr, xte, yte, source = _read_arrays("shipped", shipped_paths(), shipped_dir())
    arrays = (xtr, ytr, xte, yte)
    return _split("mnist", source, MNIST_CLASSES, arrays, dev_fraction, None, [], []), (
        BENCHMARK_DATASET_SHA256
    )


def _split(
    dataset: str,
    source: Message | str,
    classes: tuple[str, ...],
    arrays: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    dev_fraction: float,
    limit: int | None,
    notes: list[str],
    skipped: list[SkippedFile],
) -> Dataset:
    """The Dataset: a dev part taken from the training arrays with a fixed seed, as floats."""
    xtr, ytr, xte, yte = arrays
    order = np.random.default_rng(SPLIT_SEED + 1).permutation(len(xtr))
    n_dev = max(1, int(round(len(xtr) * dev_fraction)))
    dev, train = order[:n_dev], order[n_dev:]
    if limit is not None:
        train = train[:limit]
    if limit is not None and limit > len(train):
        notes.append(
            _("limit {limit} is more than the {n} training samples; using all").format(
                limit=limit, n=len(train)
            )
        )
    return Dataset(
        name=dataset,
        source=source,
        class_names=classes,
        x_train=_to_float(xtr[train]),
        y_train=ytr[train].astype(np.int32),
        x_dev=_to_float(xtr[dev]),
        y_dev=ytr[dev].astype(np.int32),
        x_test=_to_float(xte),
        y_test=yte.astype(np.int32),
        notes=notes,
        skipped=skipped,
    )


def _is_cache(directory: Path, dataset: str) -> bool:
    from engine.data.download import cache_dir

    try:
        return directory.resolve() == cache_dir(dataset).resolve()
    except OSError:
        return False


def _download(
    dataset: str, data_dir: str | None, progress, mirror: str | None, notes: list[str]
) -> tuple[str, dict[str, Path], Path]:
    from engine.data.download import download_dataset

    result = download_dataset(dataset, mirror=mirror, progress=progress)
    hit = _layout(result.directory, dataset)
    if hit is None:  # cannot happen after a verified download, unless the folder is tampered with
        raise DataError(
            result.directory, _("no {dataset} files after the download").format(dataset=dataset)
        )
    if result.downloaded:
        if data_dir:
            note = _("{dataset} was not found in {folder}; downloaded it to {cache}")
        else:
            note = _("{dataset} was not found locally; downloaded it to {cache}")
        notes.append(
            note.format(
                dataset=dataset,
                folder=Path(data_dir).expanduser() if data_dir else "",
                cache=result.directory,
            )
        )
    return hit[0], hit[1], result.directory
