"""``python -m engine download {mnist,fashion-mnist}``: fetch a dataset into the cache.

Exit 0 when the files are in the cache and verified; errors (offline, checksum, interrupted)
are :class:`~engine.data.download.DownloadError`, which ``engine.cli.main.main`` prints as one
line with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from engine.data.download import DEFAULT_MIRROR, DEFAULT_TIMEOUT_S, MIRROR_ENV, REMOTE
from engine.i18n import _


def add_parsers(subparsers) -> None:
    p = subparsers.add_parser(
        "download",
        help=_("download mnist or fashion-mnist into the local cache"),
        description=_(
            "Download a dataset from the Keras dataset mirror into "
            "$SUANLI_HOME/datasets/<name>/, verified by sha256."
        ),
    )
    p.add_argument("dataset", choices=tuple(REMOTE), help=_("which dataset"))
    p.add_argument(
        "--mirror",
        metavar="URL",
        help=_("base URL of the mirror (default ${env}, else {mirror})").format(
            env=MIRROR_ENV, mirror=DEFAULT_MIRROR
        ),
    )
    p.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=DEFAULT_TIMEOUT_S,
        metavar="S",
        help=_("network timeout in seconds (default {seconds})").format(
            seconds=f"{DEFAULT_TIMEOUT_S:g}"
        ),
    )
    p.set_defaults(func=cmd_download)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a number of seconds").format(text=repr(text))
        ) from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(
            _("{text} is not between 0 and 3600 seconds").format(text=text)
        )
    return value


class DownloadBar:
    """``progress(done_bytes, total_bytes)`` drawn as one redrawn line on a terminal.

    Off a terminal it stays silent (the summary line says what happened).
    """

    def __init__(
        self, stream: TextIO | None = None, rate_hz: float = 10.0, width: int = 28
    ) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = 1.0 / rate_hz
        self.width = width
        self._t0: float | None = None
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.tty:
            return
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        if now - self._last < self.interval and done < total:
            return
        self._last = now
        frac = done / total if total else 1.0
        filled = int(self.width * frac)
        rate = done / (now - self._t0) if now > self._t0 else 0.0
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {frac:4.0%} "
            f"{done / 1e6:.1f}/{total / 1e6:.1f} MB {rate / 1e6:.1f} MB/s\033[K"
        )
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False


def cmd_download(args) -> int:
    from engine.data.download import download_dataset, human_size, mirror_url

    bar = DownloadBar()

    def log(level: str, message: str) -> None:
        bar.close()
        print(message, file=sys.stderr)

    try:
        result = download_dataset(
            args.dataset, mirror=args.mirror, progress=bar, log=log, timeout=args.timeout
        )
    finally:
        bar.close()
    if result.downloaded:
        print(
            _(
                "{dataset}: downloaded {files} ({size}, sha256 verified) from {mirror} to {folder}"
            ).format(
                dataset=args.dataset,
                files=", ".join(result.downloaded),
                size=human_size(result.bytes_downloaded),
                mirror=mirror_url(args.mirror),
                folder=result.directory,
            )
        )
    else:
        print(
            _("{dataset}: already in {folder} (sha256 verified)").format(
                dataset=args.dataset, folder=result.directory
            )
        )
    return 0
