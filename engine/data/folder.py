"""Image-folder datasets: ``DIR/<class name>/**/<image>``, one subfolder per class.

Class names are the sorted subfolder names (hidden ones skipped); their index is the label.
Every other file under a class folder is tried as an image: PNG, JPEG, BMP or GIF (first
frame), grayscale or colour (converted to gray with the ITU-R 601 weights, alpha ignored),
any size (resized to ``size`` x ``size``: area averaging when shrinking, bilinear when
enlarging; the aspect ratio is not kept). Pixel values are used as stored (MNIST is light on
dark; dark-on-light images are not inverted).

Files that cannot be used (not a regular file, over the byte or pixel cap, empty, not an
image, corrupt; see :mod:`engine.data.image_files` for the limits) are skipped and listed
with the reason. A class with no usable image, a class with too few to give both the
training and the test split one (checked before any training), or a folder with no class
folders, is a :class:`DataError` that names the folder. File and folder names need not be
UTF-8: they are kept as Python decodes them and survive JSON and the store
(:mod:`engine.files.json_text`).

Decoding uses TensorFlow (already a dependency): files are read in Python and decoded in
batches by one compiled ``tf.function`` (10,000 small PNGs in about 1.5 s on 2 cores); a batch
with a bad file is halved until the bad file is alone.
"""

from __future__ import annotations

import errno
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from engine.data.errors import DataError
from engine.data.image_files import MAX_IMAGE_PIXELS, image_size, read_image
from engine.i18n import N_, _
from engine.i18n.message import Message

IMAGE_SIZE = 28
TEST_FRACTION = 0.2
MIN_IMAGES = 10
BATCH_FILES = 1024
BATCH_BYTES = 64 << 20
BATCH_PIXELS = 2 * MAX_IMAGE_PIXELS  # decoded pixels per batch: bounds the decoder's memory
_IGNORED_NAMES = {"thumbs.db", "desktop.ini"}
_GRAY_WEIGHTS = (0.2989, 0.5870, 0.1140)  # as tf.image.rgb_to_grayscale

Progress = Callable[[int, int], None]


class SkippedFile(NamedTuple):
    path: str
    reason: str


# a folder dataset's ``Dataset.source`` (a Message, stored with a run)
FROM_FOLDER = N_(
    "{folder} (image folder: {images} images in {classes} classes, split {train}/{test})"
)


@dataclass
class FolderImages:
    """A folder's images as uint8 arrays, split into train and test with a fixed seed."""

    root: Path
    class_names: tuple[str, ...]
    x_train: np.ndarray  # uint8 (N, size, size)
    y_train: np.ndarray  # int32 (N,)
    x_test: np.ndarray
    y_test: np.ndarray
    skipped: list[SkippedFile] = field(default_factory=list)
    stray_files: list[str] = field(default_factory=list)  # files directly in root, ignored

    @property
    def source(self) -> Message:
        n_tr, n_te = len(self.x_train), len(self.x_test)
        return Message(
            FROM_FOLDER,
            {
                "folder": str(self.root),
                "images": f"{n_tr + n_te:,}",
                "classes": len(self.class_names),
                "train": f"{n_tr:,}",
                "test": f"{n_te:,}",
            },
        )

    def notes(self, shown: int = 5) -> list[str]:
        out = []
        if self.skipped:
            names = ", ".join(
                _("{file} ({reason})").format(file=_rel(s.path, self.root), reason=s.reason)
                for s in self.skipped[:shown]
            )
            if len(self.skipped) > shown:
                names = _("{files} and {n} more").format(
                    files=names, n=f"{len(self.skipped) - shown:,}"
                )
            total = len(self.x_train) + len(self.x_test) + len(self.skipped)
            out.append(
                _(
                    "skipped {n} of {total} files in {folder} that are not usable images: {files}"
                ).format(
                    n=f"{len(self.skipped):,}", total=f"{total:,}", folder=self.root, files=names
                )
            )
        if self.stray_files:
            out.append(
                _(
                    "ignored {n} files directly in {folder}; only images inside class "
                    "subfolders are used"
                ).format(n=f"{len(self.stray_files):,}", folder=self.root)
            )
        return out


def _rel(path: str, root: Path) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return path


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.lower() in _IGNORED_NAMES


def scan_folder(root: str | os.PathLike) -> tuple[list[str], list[list[str]], list[str]]:
    """Class names, each class's candidate file paths (sorted), and files directly in root."""
    root = Path(root).expanduser()
    try:
        os.stat(root)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DataError(
                root, _("is a symbolic link that loops; point --data-dir at the image folder")
            ) from None
    if not root.exists():
        raise DataError(root, _("folder does not exist; point --data-dir at the image folder"))
    if not root.is_dir():
        raise DataError(
            root,
            _(
                "is not a folder; point --data-dir at a folder with one subfolder of images "
                "per class"
            ),
        )
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise DataError(
            root, _("cannot be listed ({reason})").format(reason=exc.strerror or exc)
        ) from None
    class_dirs = [Path(e.path) for e in entries if not _hidden(e.name) and _is_dir(e)]
    stray = [e.path for e in entries if not _hidden(e.name) and not _is_dir(e)]
    if not class_dirs:
        if stray:
            problem = _(
                "holds files but no class subfolders; put each class's images in a subfolder "
                "named for the class (DIR/cat/1.png, DIR/dog/2.jpg, ...)"
            )
        else:
            problem = _(
                "holds no class subfolders; put each class's images in a subfolder named for "
                "the class (DIR/cat/1.png, DIR/dog/2.jpg, ...)"
            )
        raise DataError(root, problem)
    files: list[list[str]] = []
    for d in class_dirs:
        found: list[str] = []
        for dirpath, dirnames, filenames in os.walk(d):
            dirnames[:] = [n for n in dirnames if not _hidden(n)]
            found.extend(os.path.join(dirpath, n) for n in filenames if not _hidden(n))
        files.append(sorted(found))
    if not any(files):
        raise DataError(
            root,
            _("holds no images: its {n} class folders are empty").format(n=len(class_dirs)),
        )
    for d, fs in zip(class_dirs, files, strict=True):
        if not fs:
            raise DataError(
                d,
                _(
                    "class folder {name} holds no files; every class needs images (PNG, JPEG, "
                    "BMP or GIF)"
                ).format(name=repr(d.name)),
            )
    return [d.name for d in class_dirs], files, stray


def _is_dir(entry: os.DirEntry) -> bool:
    """A folder (or a link to one); False for a link that loops or dangles."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def load_folder(
    root: str | os.PathLike,
    *,
    seed: int,
    size: int = IMAGE_SIZE,
    test_fraction: float = TEST_FRACTION,
    progress: Progress | None = None,
) -> FolderImages:
    """Read every image under ``root``'s class folders and split them, stratified by class.

    ``progress(files_done, files_total)`` is called after every batch.
    """
    root = Path(root).expanduser()
    class_names, class_files, stray = scan_folder(root)
    if len(class_names) < 2:
        raise DataError(
            root,
            _(
                "holds only one class folder ({name}); a classifier needs at least two classes"
            ).format(name=repr(class_names[0])),
        )
    paths = [p for fs in class_files for p in fs]
    labels = np.concatenate([np.full(len(fs), k, np.int32) for k, fs in enumerate(class_files)])
    images, ok, skipped = decode_files(paths, size, progress)
    labels = labels[ok]
    if not len(labels):
        raise DataError(
            root,
            _("holds no usable images: all {n} files were skipped (e.g. {file}: {reason})").format(
                n=f"{len(paths):,}", file=_rel(skipped[0].path, root), reason=skipped[0].reason
            ),
        )
    for k, d in enumerate(class_names):
        if not np.any(labels == k):
            n = len(class_files[k])
            raise DataError(
                root / d,
                _(
                    "class folder {name} has no usable image ({n} files, all skipped: empty, "
                    "corrupt or not PNG/JPEG/BMP/GIF)"
                ).format(name=repr(d), n=f"{n:,}"),
            )
    if len(labels) < MIN_IMAGES:
        raise DataError(
            root,
            _("holds only {n} usable images; too few to train on").format(n=len(labels)),
        )
    _check_split(root, class_names, labels)
    train, test = stratified_split(labels, test_fraction, seed)
    return FolderImages(
        root=root,
        class_names=tuple(class_names),
        x_train=images[train],
        y_train=labels[train],
        x_test=images[test],
        y_test=labels[test],
        skipped=skipped,
        stray_files=stray,
    )


def _check_split(root: Path, class_names: Sequence[str], labels: np.ndarray) -> None:
    """Refused before any training: a class with one usable image cannot give both the
    training and the test split one, so it could be neither learnt nor tested."""
    counts = np.bincount(labels, minlength=len(class_names))
    short = [class_names[k] for k in np.flatnonzero(counts < 2)]
    if short:
        names = ", ".join(repr(n) for n in short[:5])
        if len(short) > 5:
            names = _("{files} and {n} more").format(files=names, n=f"{len(short) - 5:,}")
        raise DataError(
            root,
            _(
                "{n} class folders have only one usable image ({names}); every class needs "
                "at least two, one for training and one for the test split"
            ).format(n=f"{len(short):,}", names=names),
        )


def stratified_split(
    labels: np.ndarray, test_fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Index arrays (train, test): ``test_fraction`` of each class (at least one image of a
    class with two or more) goes to test; each class is shuffled with its own seeded RNG, so
    adding images to one class leaves the others' split alone."""
    train_parts, test_parts = [], []
    for k in np.unique(labels):
        idx = np.flatnonzero(labels == k)
        idx = idx[np.random.default_rng([seed, int(k)]).permutation(len(idx))]
        n_test = min(max(1, int(round(len(idx) * test_fraction))), len(idx) - 1)
        test_parts.append(idx[:n_test])
        train_parts.append(idx[n_test:])
    rng = np.random.default_rng(seed)  # a different stream from the per-class ones
    train = rng.permutation(np.concatenate(train_parts))
    test = rng.permutation(np.concatenate(test_parts))
    return train, test


def decode_files(
    paths: Sequence[str | os.PathLike],
    size: int = IMAGE_SIZE,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, list[SkippedFile]]:
    """Decode ``paths`` to uint8 (N, size, size) gray images.

    Returns the images of the usable files (in order), a boolean mask over ``paths`` of
    which were usable, and the skipped files with their reasons.
    """
    n = len(paths)
    ok = np.zeros(n, dtype=bool)
    out = np.zeros((n, size, size), dtype=np.uint8)
    skipped: list[SkippedFile] = []
    batch: list[tuple[int, bytes, str]] = []  # (index, contents, format)
    batch_bytes = batch_pixels = 0
    for i, p in enumerate(paths):
        read = read_image(p)  # regular files within the byte and pixel caps only
        if isinstance(read, str):
            skipped.append(SkippedFile(os.fspath(p), read))
            continue
        data, fmt = read
        width, height = image_size(data, fmt) or (0, 0)
        if batch and batch_pixels + width * height > BATCH_PIXELS:
            _decode_batch(batch, size, out, ok, skipped, paths)
            batch, batch_bytes, batch_pixels = [], 0, 0
        batch.append((i, data, fmt))
        batch_bytes += len(data)
        batch_pixels += width * height
        if len(batch) >= BATCH_FILES or batch_bytes >= BATCH_BYTES:
            _decode_batch(batch, size, out, ok, skipped, paths)
            batch, batch_bytes, batch_pixels = [], 0, 0
            if progress:
                progress(i + 1, n)
    if batch:
        _decode_batch(batch, size, out, ok, skipped, paths)
    if progress:
        progress(n, n)
    skipped.sort(key=lambda s: s.path)
    return out[ok], ok, skipped


def _decode_batch(
    batch: list[tuple[int, bytes, str]],
    size: int,
    out: np.ndarray,
    ok: np.ndarray,
    skipped: list[SkippedFile],
    paths: Sequence[str | os.PathLike],
) -> None:
    """Decode a batch in one call; a batch that fails is halved until the bad files are
    alone (so one bad file among 1,024 costs about 20 extra calls, not 1,024)."""
    from engine.tf_runtime import tf as get_tf

    tf = get_tf()
    batch_fn, one_fn = _decoder(size)
    if len(batch) <= 4:
        for i, data, fmt in batch:
            try:
                out[i] = one_fn(data).numpy()
                ok[i] = True
            except tf.errors.OpError as exc:
                reason = _("corrupt {format}: {reason}").format(format=fmt, reason=_why(exc))
                skipped.append(SkippedFile(str(paths[i]), reason))
        return
    try:
        imgs = batch_fn(tf.constant([b for _i, b, _f in batch])).numpy()
    except tf.errors.OpError:
        half = len(batch) // 2
        _decode_batch(batch[:half], size, out, ok, skipped, paths)
        _decode_batch(batch[half:], size, out, ok, skipped, paths)
        return
    for (i, _data, _fmt), img in zip(batch, imgs, strict=True):
        out[i] = img
        ok[i] = True


def _why(exc: Exception) -> str:
    """TensorFlow's reason for refusing an image, in one short line."""
    text = re.sub(r"\{\{[^}]*\}\}|\[Op:.*$", "", str(getattr(exc, "message", exc)), flags=re.S)
    text = " ".join(text.split()).rstrip(" .")
    return text[:120] or _("cannot be decoded")


_decoders: dict[int, tuple[Callable, Callable]] = {}
_decoders_lock = threading.Lock()


def _decoder(size: int) -> tuple[Callable, Callable]:
    """(batch, one): a compiled function from a 1-D string tensor of file contents to uint8
    (B, size, size), and the same decoding for one file, run eagerly."""
    with _decoders_lock:
        if size not in _decoders:
            _decoders[size] = _make_decoder(size)
        return _decoders[size]


def _make_decoder(size: int) -> tuple[Callable, Callable]:
    from engine.tf_runtime import tf as get_tf

    tf = get_tf()
    weights = tf.constant(_GRAY_WEIGHTS, dtype=tf.float32)

    def one(contents):
        img = tf.io.decode_image(contents, channels=0, dtype=tf.uint8, expand_animations=False)
        img.set_shape([None, None, None])
        x = tf.cast(img, tf.float32)
        gray = tf.cond(
            tf.shape(x)[-1] >= 3,
            lambda: tf.reduce_sum(x[..., :3] * weights, axis=-1, keepdims=True),
            lambda: x[..., :1],  # gray, or gray + alpha
        )
        hw = tf.shape(gray)[:2]
        small = tf.cond(  # box filter when shrinking, smooth when enlarging
            tf.reduce_all(hw >= size),
            lambda: tf.image.resize(gray, (size, size), method="area"),
            lambda: tf.image.resize(gray, (size, size), method="bilinear", antialias=True),
        )
        return tf.cast(tf.round(tf.clip_by_value(small[..., 0], 0.0, 255.0)), tf.uint8)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
    def decode(contents):
        return tf.map_fn(
            one,
            contents,
            parallel_iterations=32,
            fn_output_signature=tf.TensorSpec((size, size), tf.uint8),
        )

    return decode, one
