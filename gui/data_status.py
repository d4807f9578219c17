"""Where a dataset's files are, in one line for the run form (file checks only; no Qt).

``find_data_files(dataset, data_dir, download)`` answers ``(ok, message)``: the MNIST-style
files found (and how they are laid out), missing (or to be downloaded), an image folder's
class subfolders, or why the folder cannot be used.
"""

from __future__ import annotations

from pathlib import Path

DOWNLOADABLE = {"mnist": "about 11 MB", "fashion-mnist": "about 30 MB"}
_LAYOUT_WORDS = {
    "idx4": "train and test files",
    "t10k": "test files only; split 80/20 into training and test",
    "npz": "one .npz file",
}


def _folder_status(data_dir: str | None) -> tuple[bool, str]:
    if not data_dir:
        return False, (
            "Choose the image folder: one subfolder of images per class "
            "(for example cat/ and dog/)."
        )
    from engine.data import DataError
    from engine.data.folder import scan_folder

    try:
        classes, files, _stray = scan_folder(data_dir)
    except DataError as exc:
        return False, f"Not usable: {exc}"
    root = Path(data_dir).expanduser()
    if len(classes) < 2:
        return False, (
            f"Not usable: {root} has only one class subfolder ({classes[0]}); "
            "a classifier needs at least two."
        )
    shown = ", ".join(classes[:5]) + (", …" if len(classes) > 5 else "")
    n_files = sum(len(f) for f in files)
    return True, f"Found {len(classes)} classes in {root} ({shown}); {n_files:,} files."


def find_data_files(dataset: str, data_dir: str | None, download: bool = False) -> tuple[bool, str]:
    """``(ok, message)`` about where the dataset's files are; cheap (file checks only)."""
    if dataset == "synthetic":
        return True, "Synthetic data is generated on the fly; no files are needed."
    if dataset == "folder":
        return _folder_status(data_dir)
    from engine.data import DataError
    from engine.data.sources import locate

    try:
        layout, _paths, directory = locate(dataset, data_dir or None)
    except DataError as exc:
        if download and dataset in DOWNLOADABLE:
            from engine.data.download import cache_dir

            return True, (
                f"Not found; will be downloaded ({DOWNLOADABLE[dataset]}) to "
                f"{cache_dir(dataset)} when the run starts."
            )
        hint = " Tick “Download if missing” to fetch them." if dataset in DOWNLOADABLE else ""
        return False, f"Files missing: {exc}.{hint}"
    return True, f"Found in {directory} ({_LAYOUT_WORDS.get(layout, layout)})."
