"""Download MNIST and Fashion-MNIST from the Keras dataset mirror, verified by sha256.

- Standard-library HTTP only (``urllib``), with a socket timeout on connect and on every read.
- Files are cached in ``$SUANLI_HOME/datasets/<name>/`` under their mirror names, where
  :func:`engine.data.sources.locate` finds them.
- Each file is written to a hidden ``.<name>.*.part`` file in the cache folder and renamed
  into place only after its size and sha256 match. A corrupt, interrupted or cancelled
  download deletes its part file, so the cache never holds half a file.
- ``progress(done_bytes, total_bytes)`` is called after every chunk (total is the sum over
  the files still to fetch); raise from it to cancel the download.
- The mirror is ``mirror=`` if given, else ``$SUANLI_MIRROR``, else :data:`DEFAULT_MIRROR`.

Checksums: MNIST's ``mnist.npz`` is pinned by Keras (``keras.datasets.mnist``). Keras pins no
hash for Fashion-MNIST; its four files on the mirror have the sizes of Zalando Research's
originals (26,421,880 / 29,515 / 4,422,102 / 5,148 bytes), and the sha256 values below are the
ones published for those originals (their MD5s are the ones in Zalando's README). Debian's
``dataset-fashion-mnist`` ships the same images recompressed (24 bytes smaller, other
hashes); it is read in place from ``/usr/share/datasets/fashion-mnist`` and never checked
against these values.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.data.errors import DataError
from engine.i18n import _
from engine.paths import suanli_home

DEFAULT_MIRROR = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
MIRROR_ENV = "SUANLI_MIRROR"
DEFAULT_TIMEOUT_S = 30.0
CHUNK_BYTES = 1 << 16
# A part file nobody has written to for this long belongs to a dead download (a live one
# writes at least every DEFAULT_TIMEOUT_S or fails); it is removed by the next download.
STALE_PART_S = 600.0

Progress = Callable[[int, int], None]
Log = Callable[[str, str], None]  # (level, message), like Callback.on_log


@dataclass(frozen=True)
class RemoteFile:
    name: str  # file name on the mirror and in the cache
    size: int  # bytes
    sha256: str


REMOTE: dict[str, tuple[RemoteFile, ...]] = {
    "mnist": (
        RemoteFile(
            "mnist.npz",
            11_490_434,
            "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
        ),
    ),
    "fashion-mnist": (
        RemoteFile(
            "train-labels-idx1-ubyte.gz",
            29_515,
            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        ),
        RemoteFile(
            "train-images-idx3-ubyte.gz",
            26_421_880,
            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        ),
        RemoteFile(
            "t10k-labels-idx1-ubyte.gz",
            5_148,
            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
        ),
        RemoteFile(
            "t10k-images-idx3-ubyte.gz",
            4_422_102,
            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        ),
    ),
}


class DownloadError(DataError):
    """A download failed; nothing half-written is left behind.

    ``kind`` is ``"offline"`` (host unreachable), ``"http"`` (the server answered with an
    error), ``"interrupted"`` (fewer bytes than announced, connection dropped or timed out),
    ``"checksum"`` (size or sha256 differ) or ``"io"`` (the cache folder is not writable).
    """

    def __init__(self, path: str | os.PathLike | None, problem: str, kind: str) -> None:
        super().__init__(path, problem)
        self.kind = kind


@dataclass
class DownloadResult:
    dataset: str
    directory: Path
    downloaded: list[str] = field(default_factory=list)  # file names fetched now
    cached: list[str] = field(default_factory=list)  # file names already there and verified
    bytes_downloaded: int = 0


def mirror_url(mirror: str | None = None) -> str:
    """The mirror base URL, always ending in ``/``."""
    base = mirror or os.environ.get(MIRROR_ENV) or DEFAULT_MIRROR
    if urllib.parse.urlsplit(base).scheme not in ("http", "https", "file"):
        where = "--mirror" if mirror else f"${MIRROR_ENV}" if os.environ.get(MIRROR_ENV) else ""
        raise DataError(
            None,
            _("mirror {mirror} ({where}) is not an http://, https:// or file:// URL").format(
                mirror=repr(base), where=where
            ),
        )
    return base if base.endswith("/") else base + "/"


def cache_dir(dataset: str) -> Path:
    """Where ``dataset`` is cached: ``$SUANLI_HOME/datasets/<dataset>``."""
    return suanli_home() / "datasets" / dataset


def remote_files(dataset: str) -> tuple[RemoteFile, ...]:
    try:
        return REMOTE[dataset]
    except KeyError:
        raise DataError(
            None,
            _("cannot download {dataset}: only {datasets} can be downloaded").format(
                dataset=repr(dataset), datasets=", ".join(REMOTE)
            ),
        ) from None


def human_size(n: int) -> str:
    if n < 1000:
        return _("{n} bytes").format(n=n)
    if n < 1_000_000:
        return f"{n / 1e3:.1f} kB"
    return f"{n / 1e6:.1f} MB"


def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def is_valid(path: Path, remote: RemoteFile) -> bool:
    """``path`` exists with the expected size and sha256."""
    try:
        return path.stat().st_size == remote.size and sha256_file(path) == remote.sha256
    except OSError:
        return False


def download_dataset(
    dataset: str,
    *,
    mirror: str | None = None,
    progress: Progress | None = None,
    log: Log | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    directory: str | os.PathLike | None = None,
    files: Sequence[RemoteFile] | None = None,
) -> DownloadResult:
    """Make sure every file of ``dataset`` is in the cache, verified; download what is missing.

    ``directory`` defaults to :func:`cache_dir`; ``files`` to :data:`REMOTE` ``[dataset]``
    (tests pass their own sizes and checksums). Raises :class:`DownloadError`.
    """
    files = tuple(files) if files is not None else remote_files(dataset)
    target = Path(directory) if directory is not None else cache_dir(dataset)
    result = DownloadResult(dataset, target)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(
            target,
            _("cannot create the cache folder ({reason})").format(reason=exc.strerror or exc),
            "io",
        ) from None
    _remove_stale_parts(target)
    todo = []
    for f in files:
        if is_valid(target / f.name, f):
            result.cached.append(f.name)
        else:
            todo.append(f)
    if not todo:
        return result
    base = mirror_url(mirror)
    total = sum(f.size for f in todo)
    done = 0
    if progress:
        progress(0, total)
    for f in todo:
        url = base + urllib.parse.quote(f.name)
        if log:
            log(
                "info",
                _("downloading {file} ({size}) from {url}").format(
                    file=f.name, size=human_size(f.size), url=url
                ),
            )

        def chunk_progress(got: int, _offset: int = done) -> None:
            if progress:
                progress(_offset + got, total)

        fetch(
            url,
            target / f.name,
            f,
            progress=chunk_progress,
            timeout=timeout,
            manual=_manual_hint(todo, base, target),
        )
        done += f.size
        result.downloaded.append(f.name)
        result.bytes_downloaded += f.size
    return result


def fetch(
    url: str,
    dest: Path,
    remote: RemoteFile,
    *,
    progress: Callable[[int], None] | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    manual: str = "",
) -> None:
    """Download ``url`` to ``dest`` through a part file, verifying size and sha256.

    ``progress(bytes_of_this_file)`` after every chunk. ``manual`` is appended to the
    offline and checksum messages (what to do by hand).
    """
    host = urllib.parse.urlsplit(url).netloc or url
    request = urllib.request.Request(url, headers={"User-Agent": "suanli-engine"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise DownloadError(
            url,
            _("the server answered HTTP {code} {reason}.").format(code=exc.code, reason=exc.reason)
            + manual,
            "http",
        ) from None
    except urllib.error.URLError as exc:
        raise DownloadError(
            None,
            _("cannot reach {host} ({reason}): are you offline?").format(
                host=host, reason=_reason(exc.reason)
            )
            + manual,
            "offline",
        ) from None
    except (OSError, http.client.HTTPException) as exc:  # e.g. closed before any answer
        raise _interrupted(url, remote, 0, exc) from None
    with response:
        announced = response.headers.get("Content-Length")
        if announced is not None and announced.isdigit() and int(announced) != remote.size:
            raise DownloadError(
                url,
                _(
                    "the server offers {offered} bytes, expected {expected}; wrong file or "
                    "mirror, nothing downloaded."
                ).format(offered=f"{int(announced):,}", expected=f"{remote.size:,}")
                + manual,
                "checksum",
            )
        _receive(response, url, dest, remote, progress, manual)


def _receive(
    response,
    url: str,
    dest: Path,
    remote: RemoteFile,
    progress: Callable[[int], None] | None,
    manual: str,
) -> None:
    try:
        fd, part_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        raise DownloadError(
            dest.parent,
            _("cannot write to the cache folder ({reason})").format(reason=exc.strerror or exc),
            "io",
        ) from None
    part = Path(part_name)
    kept = False
    h = hashlib.sha256()
    got = 0
    try:
        with os.fdopen(fd, "wb") as out:
            while got <= remote.size:  # read at most one byte more than expected
                try:
                    chunk = response.read(min(CHUNK_BYTES, remote.size + 1 - got))
                except (OSError, http.client.HTTPException) as exc:
                    raise _interrupted(url, remote, got, exc) from None
                if not chunk:
                    break
                out.write(chunk)
                h.update(chunk)
                got += len(chunk)
                if progress:
                    progress(min(got, remote.size))
            out.flush()
            os.fsync(out.fileno())
        if got < remote.size:
            raise _interrupted(url, remote, got, None)
        if got > remote.size:
            raise DownloadError(
                url,
                _(
                    "the server sent more than the expected {expected} bytes; wrong file or "
                    "mirror, nothing was kept."
                ).format(expected=f"{remote.size:,}")
                + manual,
                "checksum",
            )
        digest = h.hexdigest()
        if digest != remote.sha256:
            raise DownloadError(
                url,
                _(
                    "sha256 of the download is {digest}, expected {expected}: the file is "
                    "corrupt and was not kept."
                ).format(digest=digest, expected=remote.sha256)
                + manual,
                "checksum",
            )
        try:
            os.replace(part, dest)
        except OSError as exc:
            raise DownloadError(
                dest,
                _("cannot move the download into place ({reason})").format(
                    reason=exc.strerror or exc
                ),
                "io",
            ) from None
        kept = True
    except OSError as exc:  # disk full, permissions while writing
        raise DownloadError(
            dest.parent,
            _("cannot write the download ({reason})").format(reason=exc.strerror or exc),
            "io",
        ) from None
    finally:
        if not kept:
            part.unlink(missing_ok=True)


def _interrupted(
    url: str, remote: RemoteFile, got: int, exc: BaseException | None
) -> DownloadError:
    why = _reason(exc) if exc is not None else _("the connection closed early")
    return DownloadError(
        url,
        _(
            "the download stopped after {got} of {size} bytes ({reason}); nothing was kept, "
            "run the download again"
        ).format(got=f"{got:,}", size=f"{remote.size:,}", reason=why),
        "interrupted",
    )


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return _("timed out")
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    text = str(reason).strip().splitlines()
    return text[0] if text and text[0] else type(reason).__name__


def _manual_hint(files: Sequence[RemoteFile], base: str, target: Path) -> str:
    if len(files) == 1:
        hint = _(
            " Download {url} yourself and put it in {folder}, or point --data-dir at local files."
        )
        return hint.format(url=f"{base}{files[0].name}", folder=target)
    hint = _(
        " Download {files} from {mirror} yourself and put them in {folder}, or point "
        "--data-dir at local files."
    )
    return hint.format(files=", ".join(f.name for f in files), mirror=base, folder=target)


def _remove_stale_parts(directory: Path) -> None:
    now = time.time()
    for p in directory.glob(".*.part"):
        try:
            if now - p.stat().st_mtime > STALE_PART_S:
                p.unlink()
        except OSError:
            pass
