"""Reading one image file of an image folder, with limits: what a hostile folder cannot do.

:func:`read_image` gives a file's bytes and format, or the reason it is skipped:

* **regular files only**: the file is opened without blocking (``O_NONBLOCK``) and checked
  with ``fstat`` before anything is read, so a FIFO, a socket, a device (a link to
  ``/dev/zero`` too) or a folder is skipped at once instead of hanging or filling memory;
* **a byte cap**: :data:`MAX_IMAGE_BYTES` (32 MiB) per file; never more than the cap plus
  one byte is read;
* **a pixel cap read from the header** before any decoding: :data:`MAX_IMAGE_PIXELS`
  (width x height, 4096 x 4096 = 16.8 million) from the PNG ``IHDR``, the JPEG ``SOFn``
  segment, the BMP info header or the GIF screen descriptor. A 1 MB PNG of 20,000 x 20,000
  pixels would otherwise decode into gigabytes. A header that cannot be read is "corrupt".

Symbolic links to regular files are read (they are files of the folder); a link that loops
or dangles is skipped with the system's reason.
"""

from __future__ import annotations

import errno
import os
import stat
import struct

from engine.i18n import _

MAX_IMAGE_BYTES = 32 * 1024 * 1024
MAX_IMAGE_PIXELS = 4096 * 4096
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"BM", "BMP"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
# JPEG start-of-frame markers (the ones that carry the image size): C0-CF but C4, C8, CC
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def sniff(head: bytes) -> str | None:
    """The image format a file starts with, or None."""
    for magic, fmt in SIGNATURES:
        if head.startswith(magic):
            return fmt
    return None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISDIR(mode):
        return _("a folder")
    return _("not a regular file")


def read_image(path: str | os.PathLike[str]) -> tuple[bytes, str] | str:
    """``(contents, format)`` of an image file within the caps, or why it is skipped."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _("cannot be read: a symbolic link that loops")
        return _("cannot be read: {reason}").format(reason=exc.strerror or exc)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return _("not a regular file: {kind}").format(kind=_kind(st.st_mode))
        if st.st_size > MAX_IMAGE_BYTES:
            return _too_big(st.st_size)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        return _("cannot be read: {reason}").format(reason=exc.strerror or exc)
    finally:
        os.close(fd)
    if len(data) > MAX_IMAGE_BYTES:  # it grew while being read
        return _too_big(len(data))
    if not data:
        return _("empty file, 0 bytes")
    fmt = sniff(data[:8])
    if fmt is None:
        return _("not an image (not PNG, JPEG, BMP or GIF)")
    size = image_size(data, fmt)
    if size is None:
        return _("corrupt {format}: its header gives no image size").format(format=fmt)
    width, height = size
    if width <= 0 or height <= 0:
        return _("corrupt {format}: its header gives no image size").format(format=fmt)
    if width * height > MAX_IMAGE_PIXELS:
        return _(
            "too large: {width} x {height} pixels (at most {limit} million pixels are decoded)"
        ).format(width=width, height=height, limit=f"{MAX_IMAGE_PIXELS / 1e6:.1f}")
    return data, fmt


def _too_big(n: int) -> str:
    return _("too large: {size} MB (at most {limit} MB per image file)").format(
        size=f"{n / 2**20:,.1f}", limit=MAX_IMAGE_BYTES // 2**20
    )


def image_size(data: bytes, fmt: str) -> tuple[int, int] | None:
    """(width, height) from the file's header, or None when the header is damaged."""
    try:
        if fmt == "PNG":
            if data[12:16] != b"IHDR":
                return None
            w, h = struct.unpack(">II", data[16:24])
            return w, h
        if fmt == "GIF":
            w, h = struct.unpack("<HH", data[6:10])
            return w, h
        if fmt == "BMP":
            header = struct.unpack("<I", data[14:18])[0]
            if header == 12:  # OS/2 BITMAPCOREHEADER
                w, h = struct.unpack("<HH", data[18:22])
                return w, h
            w, h = struct.unpack("<ii", data[18:26])
            return w, abs(h)  # a negative height: rows stored top-down
        if fmt == "JPEG":
            return _jpeg_size(data)
    except struct.error:  # the file ends inside the header
        return None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i, n = 2, len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            i += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no frame header before
            return None
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in _SOF:
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return w, h
        if length < 2:
            return None
        i += 2 + length
    return None
