"""The one way Suanli writes a file the user named (``--json``, ``bench --out``, ``runs
export|csv|html``, ``compare --html``, the window's exports) and the files it keeps
itself (``run.json``, checkpoint RNG states).

What is refused, before anything is written, each with a one-line :class:`OutputError`:

* an empty path, a path whose folder does not exist or cannot be written;
* a target that exists and is not a regular file: a folder, a FIFO, a socket, a device
  (``/dev/null`` included), a symbolic-link loop;
* the results store's own files (``suanli.db`` and its ``-wal``/``-shm``/``-journal``
  files, anything under ``$SUANLI_HOME/runs``) and any other SQLite database.

Symbolic links are followed: writing to a link to a regular file replaces that file (the
link stays a link and now points at the new contents); a link to something that is not a
regular file, or a link that loops, is refused like the thing itself.

How it is written: into a temporary file in the target's own folder, flushed and
``fsync``-ed, then renamed over the target (a reader sees the old file or the new one,
never half of one); the folder is ``fsync``-ed too. The file gets the old file's
permissions, or the usual ones (``0666`` less the umask) when it is new. When anything
fails, the temporary file is removed and the target is left as it was; a full disk is a
:class:`engine.files.disk.DiskFullError` that names the free space.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from engine.errors import InputError
from engine.files.disk import DiskFullError, is_disk_full
from engine.i18n import _
from engine.paths import suanli_home

STORE_FILE_NAMES = ("suanli.db", "suanli.db-wal", "suanli.db-shm", "suanli.db-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"


class OutputError(InputError):
    """An output path that cannot (or must not) be written; one line: the path, what is
    wrong, what to do."""


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return _("a file")
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("not a regular file")


def _resolved(out: Path) -> Path:
    """``out`` with every symbolic link followed (a loop is an :class:`OutputError`)."""
    try:
        os.stat(out)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(
                _("{path}: is a symbolic link that loops; give a file name").format(path=out)
            ) from None
    return Path(os.path.realpath(out))


def store_files() -> list[Path]:
    """The results store's own files (resolved): never an output."""
    home = Path(os.path.realpath(suanli_home()))
    return [home / name for name in STORE_FILE_NAMES]


def _is_sqlite(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        with open(path, "rb") as fh:  # a regular file: never blocks
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _is_store_file(target: Path) -> bool:
    """One of the results store's files, any SQLite database, or the ``-wal``/``-shm``/
    ``-journal`` file of one."""
    home = Path(os.path.realpath(suanli_home()))
    if target in store_files() or (home / "runs") in target.parents:
        return True
    for suffix in ("-wal", "-shm", "-journal"):
        if target.name.endswith(suffix) and _is_sqlite(
            target.with_name(target.name[: -len(suffix)])
        ):
            return True
    return _is_sqlite(target)


def _named(path: str | os.PathLike[str], what: str, empty: str) -> Path:
    """``path`` with ``~`` expanded; :class:`OutputError` (``empty``, naming the option
    ``what``) when it is blank."""
    text = os.fspath(path)
    if not str(text).strip():
        raise OutputError(empty.format(option=what or _("output")))
    return Path(text).expanduser()


def check_output(path: str | os.PathLike[str], *, what: str = "") -> Path:
    """``path`` (``~`` expanded) when a file may be written there; else :class:`OutputError`.

    ``what`` names the option the path came with (e.g. ``--json``) in the messages."""
    out = _named(path, what, _("{option}: the file name is empty; give a file name"))
    target = _resolved(out)
    shown = out if out == target else f"{out} (-> {target})"
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot be checked ({reason}); choose another path").format(
                path=shown, reason=exc.strerror or exc
            )
        ) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        hint = _("give a file name for {option}").format(option=what) if what else ""
        raise OutputError(
            _("{path}: is {kind}, not a regular file; {advice}").format(
                path=shown,
                kind=_kind(st.st_mode),
                advice=hint or _("give a file name"),
            )
        )
    if st is not None and _is_store_file(target):
        raise OutputError(
            _(
                "{path}: is a results-store database or checkpoint file; writing there would "
                "destroy it; choose another file name"
            ).format(path=shown)
        )
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(
            _("{path}: folder {folder} does not exist; create it or choose another path").format(
                path=shown, folder=parent
            )
        )
    if not os.access(parent, os.W_OK):
        raise OutputError(
            _("{path}: folder {folder} is not writable; choose another path").format(
                path=shown, folder=parent
            )
        )
    _probe(parent, shown)
    if (Path(os.path.realpath(suanli_home())) / "runs") in target.parents:
        raise OutputError(
            _(
                "{path}: is inside the results store's checkpoint folders; choose another file name"
            ).format(path=shown)
        )
    return out


def _probe(folder: Path, shown: object) -> None:
    """Create and remove a temporary file in ``folder``: a read-only mount, a special file
    system or a full disk is found now, not after the work whose result it would hold."""
    try:
        fd, name = tempfile.mkstemp(prefix=".suanli-probe.", dir=folder)
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFullError(folder) from None
        raise OutputError(
            _("{path}: folder {folder} is not writable; choose another path").format(
                path=shown, folder=folder
            )
        ) from None
    os.close(fd)
    try:
        os.unlink(name)
    except OSError:
        pass


def _read_umask() -> int:
    umask = os.umask(0o022)  # read once, at import (no other thread can create a file now)
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def _new_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows: folders cannot be opened
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def open_output(
    path: str | os.PathLike[str],
    mode: str = "w",
    *,
    what: str = "",
    encoding: str | None = "utf-8",
    newline: str | None = None,
    checked: bool = True,
) -> Iterator[IO[Any]]:
    """A file object to write ``path`` through (see the module's notes); the target is
    replaced when the block ends without an error. ``mode``: ``"w"`` or ``"wb"``.
    ``checked=False`` skips :func:`check_output` (for the engine's own files)."""
    out = check_output(path, what=what) if checked else Path(path)
    target = _resolved(out)
    binary = "b" in mode
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFullError(target.parent) from None
        raise OutputError(
            _("{path}: cannot write ({reason}); choose another path").format(
                path=out, reason=exc.strerror or exc
            )
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(
            fd,
            "wb" if binary else "w",
            encoding=None if binary else encoding,
            newline=None if binary else newline,
        ) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _new_mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            if is_disk_full(exc):
                raise DiskFullError(target.parent) from None
            raise OutputError(
                _("{path}: cannot write ({reason}); nothing was changed there").format(
                    path=out, reason=exc.strerror or exc
                )
            ) from None
        raise
    _fsync_folder(target.parent)


def write_text(
    path: str | os.PathLike[str], text: str, *, what: str = "", checked: bool = True
) -> Path:
    """Write ``text`` (UTF-8) to ``path`` safely (see the module's notes); returns ``path``."""
    with open_output(path, "w", what=what, checked=checked) as fh:
        fh.write(text)
    return Path(path).expanduser()


def write_bytes(
    path: str | os.PathLike[str], data: bytes, *, what: str = "", checked: bool = True
) -> Path:
    """Write ``data`` to ``path`` safely (see the module's notes); returns ``path``."""
    with open_output(path, "wb", what=what, checked=checked) as fh:
        fh.write(data)
    return Path(path).expanduser()


def check_output_folder(path: str | os.PathLike[str], *, what: str = "") -> Path:
    """``path`` as a folder to write files into, created when missing: refused when it is
    (or links to) something other than a folder, or lies inside the results store's
    checkpoint folders."""
    out = _named(path, what, _("{option}: the folder name is empty; give a folder"))
    target = _resolved(out)
    if target.exists() and not target.is_dir():
        raise OutputError(
            _("{path}: is {kind}; give a folder").format(
                path=out, kind=_kind(os.stat(target).st_mode)
            )
        )
    home = Path(os.path.realpath(suanli_home()))
    if target == home / "runs" or (home / "runs") in target.parents:
        raise OutputError(
            _(
                "{path}: is inside the results store's checkpoint folders; choose another folder"
            ).format(path=out)
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFullError(target) from None
        raise OutputError(
            _("{path}: cannot create the folder: {reason}").format(
                path=out, reason=exc.strerror or exc
            )
        ) from None
    if not os.access(target, os.W_OK):
        raise OutputError(
            _("{path}: folder is not writable; choose another folder").format(path=out)
        )
    return out
