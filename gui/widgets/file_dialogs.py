"""The window's file dialogs: they start in the folder the last one was answered in (at
first the user's Documents folder, see :func:`gui.settings.dialog_folder`) and remember it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from gui.settings import dialog_folder, remember_folder


def start_path(name: str = "") -> str:
    """``name`` in the folder a dialog starts in (the folder alone without a name)."""
    folder = dialog_folder()
    return str(Path(folder) / name) if name else folder


def save_file_name(parent: QWidget, title: str, name: str, filters: str) -> tuple[str, str]:
    """``(path, chosen filter)`` from a save dialog; ``("", "")`` when cancelled."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, start_path(name), filters)
    if path:
        remember_folder(path)
    return path, chosen


def open_file_names(parent: QWidget, title: str, filters: str) -> list[str]:
    """The files picked in an open dialog (none when cancelled)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start_path(), filters)
    if paths:
        remember_folder(paths[0])
    return list(paths)


def existing_folder(parent: QWidget, title: str, start: str = "") -> str:
    """A folder picked in a dialog ("" when cancelled); starts at ``start`` if it exists."""
    begin = start if start and Path(start).is_dir() else start_path()
    path = QFileDialog.getExistingDirectory(parent, title, begin)
    if path:
        remember_folder(path)
    return path
