"""Where a dataset's files are, in one line for the run form (file checks only; no QObject:
texts are translated with ``QCoreApplication.translate("DataStatus", …)``).

``find_data_files(dataset, data_dir, download)`` answers ``(ok, message)``: the MNIST-style
files found (and how they are laid out), the MNIST test split shipped with the app standing in
for them (and how to get all of MNIST), missing (or to be downloaded), an image folder's
class subfolders, or why the folder cannot be used. The engine's messages inside (a
``DataError``) are in the engine's language, which follows the window's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gui.i18n import translator

DOWNLOADABLE = {
    "mnist": QT_TRANSLATE_NOOP("DataStatus", "about 11 MB"),
    "fashion-mnist": QT_TRANSLATE_NOOP("DataStatus", "about 30 MB"),
}
_LAYOUT_WORDS = {
    "idx4": QT_TRANSLATE_NOOP("DataStatus", "train and test files"),
    "t10k": QT_TRANSLATE_NOOP(
        "DataStatus",
        "only the 10,000 test images; Suanli trains on 80 % of them and tests on the rest",
    ),
    "npz": QT_TRANSLATE_NOOP("DataStatus", "one .npz file"),
}


_tr = translator("DataStatus")


def _folder_status(data_dir: str | None) -> tuple[bool, str]:
    if not data_dir:
        return False, QCoreApplication.translate(
            "DataStatus",
            "Choose the image folder: one subfolder of images per class "
            "(for example cat/ and dog/).",
        )
    from engine.data import DataError
    from engine.data.folder import scan_folder

    try:
        classes, files, _stray = scan_folder(data_dir)
    except DataError as exc:
        return False, QCoreApplication.translate("DataStatus", "Not usable: {problem}").format(
            problem=exc
        )
    root = Path(data_dir).expanduser()
    if len(classes) < 2:
        return False, QCoreApplication.translate(
            "DataStatus",
            "Not usable: {folder} has only one class subfolder ({name}); "
            "a classifier needs at least two.",
        ).format(folder=root, name=classes[0])
    shown = ", ".join(classes[:5]) + (", …" if len(classes) > 5 else "")
    n_files = sum(len(f) for f in files)
    return True, QCoreApplication.translate(
        "DataStatus", "Found {classes} classes in {folder} ({names}); {files} files."
    ).format(classes=len(classes), folder=root, names=shown, files=f"{n_files:,}")


def find_data_files(dataset: str, data_dir: str | None, download: bool = False) -> tuple[bool, str]:
    """``(ok, message)`` about where the dataset's files are; cheap (file checks only)."""
    if dataset == "synthetic":
        return True, QCoreApplication.translate(
            "DataStatus", "Synthetic data is generated on the fly; no files are needed."
        )
    if dataset == "folder":
        return _folder_status(data_dir)
    from engine.data import DataError
    from engine.data.sources import locate

    try:
        # without "Download if missing", the split shipped with the app stands in for MNIST
        layout, _paths, directory = locate(dataset, data_dir or None, shipped=not download)
    except DataError as exc:
        if download and dataset in DOWNLOADABLE:
            from engine.data.download import cache_dir

            return True, QCoreApplication.translate(
                "DataStatus",
                "Not found; will be downloaded ({size}) to {folder} when the run starts.",
            ).format(size=_tr(DOWNLOADABLE[dataset]), folder=cache_dir(dataset))
        if dataset in DOWNLOADABLE:
            text = QCoreApplication.translate(
                "DataStatus", "Files missing: {problem}. Tick “Download if missing” to fetch them."
            )
        else:
            text = QCoreApplication.translate("DataStatus", "Files missing: {problem}.")
        return False, text.format(problem=exc)
    if layout == "shipped":
        return True, _shipped_status()
    layout_words = _tr(_LAYOUT_WORDS[layout]) if layout in _LAYOUT_WORDS else layout
    return True, QCoreApplication.translate("DataStatus", "Found in {folder} ({layout}).").format(
        folder=directory, layout=layout_words
    )


def _shipped_status() -> str:
    from engine.data.shipped import FULL_MNIST_IMAGES, SHIPPED_IMAGES
    from engine.data.sources import shipped_split_sizes

    train, test = shipped_split_sizes()
    return QCoreApplication.translate(
        "DataStatus",
        "Using the {images} MNIST test images shipped with Suanli ({train} to train, {test} to "
        "test). For all {full}: tick “Download if missing”, put Keras's mnist.npz in "
        "~/.keras/datasets, or choose a data folder.",
    ).format(
        images=f"{SHIPPED_IMAGES:,}",
        train=f"{train:,}",
        test=f"{test:,}",
        full=f"{FULL_MNIST_IMAGES:,}",
    )
