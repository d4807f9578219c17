"""A full disk, said as such: which folder, how much space is left, what to do.

Writing into a full file system fails with ``ENOSPC`` (or ``EDQUOT`` over a quota); some
libraries (TensorFlow's checkpoint writer) turn that into their own error whose text still
says "No space left on device". :func:`is_disk_full` recognises both; :class:`DiskFullError`
is the one error every writer raises for it, with the free space named.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from engine.errors import RunFailed
from engine.i18n import _

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_FULL_TEXTS = ("no space left on device", "disk quota exceeded", "database or disk is full")


class DiskFullError(RunFailed):
    """Writing failed because the disk (or the user's quota) is full. One line: the folder,
    the space still free, what to do. Nothing half-written is left behind."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.free_bytes = free_bytes(self.folder)
        super().__init__(
            _(
                "the disk is full: writing to {folder} failed with {free} free; free some "
                "space there (or choose another folder) and try again"
            ).format(folder=self.folder, free=human_bytes(self.free_bytes))
        )


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (an ``OSError``, or a library's error wrapping one) is a full disk."""
    if isinstance(exc, DiskFullError):
        return True
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    text = str(getattr(exc, "message", "") or exc).lower()
    return any(t in text for t in _FULL_TEXTS)


def free_bytes(folder: str | os.PathLike[str]) -> int | None:
    """Bytes free for an unprivileged user on the disk holding ``folder`` (its nearest
    existing parent), or ``None`` when that cannot be told."""
    p = Path(folder)
    for candidate in (p, *p.parents):
        try:
            if candidate.exists():
                st = os.statvfs(candidate)
                return int(st.f_bavail * st.f_frsize)
        except (OSError, AttributeError):  # no statvfs (Windows): the total free space
            try:
                return int(shutil.disk_usage(candidate).free)
            except OSError:
                return None
    return None


def human_bytes(n: int | None) -> str:
    """``1.5 MB``-style (powers of 1,000, as file managers show them); ``?`` for unknown."""
    if n is None:
        return "?"
    size = float(n)
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if size < 1000 or unit == "TB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} bytes"  # pragma: no cover
