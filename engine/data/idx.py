"""Reader for the IDX format of MNIST-style files, raw or gzip-compressed.

Everything is checked before anything large is allocated: the magic bytes, the
dtype code, the number of dimensions, and that the file really holds the
bytes its header claims.
"""

from __future__ import annotations

import gzip
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from engine.data.errors import DataError
from engine.i18n import N_, _

# dtype code -> numpy big-endian dtype
_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
# No MNIST-like file is anywhere near this; a header claiming more is refused outright.
MAX_PAYLOAD_BYTES = 2 * 1024**3
_CHUNK = 1 << 16


def _open(path: Path):
    with open(path, "rb") as fh:
        head = fh.read(2)
    if path.suffix == ".gz" or head == b"\x1f\x8b":
        if head != b"\x1f\x8b":
            raise DataError(
                path, _("is not a gzip file (name ends in .gz but the data is not gzip)")
            )
        return gzip.open(path, "rb")
    return open(path, "rb")


def _read_exact(fh, n: int, path: Path, what: str) -> bytes:
    try:
        data = fh.read(n)
    except (OSError, EOFError, zlib.error) as exc:
        raise DataError(path, _corrupt(exc)) from None
    if len(data) != n:
        raise DataError(
            path,
            _("is truncated: {what} needs {n} bytes, the file has {have}").format(
                what=_(what), n=n, have=len(data)
            ),
        )
    return data


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file (raw or ``.gz``) into a NumPy array in native byte order."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, _("does not exist"))
    if path.stat().st_size == 0:
        raise DataError(path, _("is empty (0 bytes)"))
    with _open(path) as fh:
        head = _read_exact(fh, 4, path, N_("the IDX header"))
        zero, code, ndim = head[:2], head[2], head[3]
        if zero != b"\x00\x00":
            raise DataError(
                path,
                _(
                    "is not an IDX file: bad magic 0x{magic} (expected 0x0000 then dtype code)"
                ).format(magic=head.hex()),
            )
        if code not in _DTYPES:
            raise DataError(
                path, _("has unknown IDX dtype code 0x{code}").format(code=f"{code:02x}")
            )
        if not 1 <= ndim <= 4:
            raise DataError(
                path, _("claims {ndim} dimensions; IDX data here has 1 to 4").format(ndim=ndim)
            )
        sizes = _read_exact(fh, 4 * ndim, path, N_("the dimension sizes"))
        dims = struct.unpack(f">{ndim}I", sizes)
        dtype = _DTYPES[code]
        expected = int(np.prod(dims, dtype=np.int64)) * dtype.itemsize
        if expected > MAX_PAYLOAD_BYTES:
            raise DataError(
                path,
                _(
                    "header claims {claimed} bytes of data (shape {shape}); refusing more than "
                    "{limit}"
                ).format(claimed=f"{expected:,}", shape=dims, limit=f"{MAX_PAYLOAD_BYTES:,}"),
            )
        if isinstance(fh, gzip.GzipFile):
            payload = _read_stream(fh, expected, path, dims)
        else:
            have = path.stat().st_size - 4 - 4 * ndim
            if have != expected:
                raise DataError(path, _mismatch(expected, have, dims))
            payload = _read_exact(fh, expected, path, N_("the data"))
    return np.frombuffer(payload, dtype=dtype).reshape(dims).astype(dtype.newbyteorder("="))


def _read_stream(fh, expected: int, path: Path, dims) -> bytes:
    """Read at most ``expected + 1`` bytes in chunks, so memory follows the real data."""
    chunks: list[bytes] = []
    got = 0
    try:
        while got <= expected:
            chunk = fh.read(min(_CHUNK, expected + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise DataError(path, _corrupt(exc)) from None
    if got != expected:
        have = _("more than that") if got > expected else f"{got:,}"
        raise DataError(path, _mismatch(expected, have, dims))
    return b"".join(chunks)


def _corrupt(exc: BaseException) -> str:
    return _("cannot be decompressed ({reason}); the file is corrupt").format(reason=exc)


def _mismatch(expected: int, have, dims) -> str:
    have_s = have if isinstance(have, str) else f"{have:,}"
    return _(
        "holds {have} bytes of data but its header (shape {shape}) says {expected}; "
        "the file is truncated or corrupt"
    ).format(have=have_s, shape=tuple(dims), expected=f"{expected:,}")
