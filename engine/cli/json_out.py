"""One JSON convention for every command that writes JSON: ``--json [FILE]``.

``--json`` alone or ``--json -`` prints the JSON on standard output (and only it: what the
command says besides goes to standard error); ``--json FILE`` writes FILE atomically
(:func:`engine.cli.common.write_json`) after checking, before any work, that it can be
written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.cli.common import check_writable, write_json
from engine.i18n import N_, _

STDOUT = "-"
JSON_HELP = N_("write the result as JSON to FILE (no FILE or -: standard output)")


def add_json_argument(
    parser: argparse.ArgumentParser, help_text: str | None = None, **kwargs: Any
) -> argparse.Action:
    """Add ``--json [FILE]`` to ``parser`` (``help_text`` already translated)."""
    return parser.add_argument(
        "--json",
        nargs="?",
        const=STDOUT,
        default=None,
        metavar="FILE",
        help=help_text or _(JSON_HELP),
        **kwargs,
    )


def json_target(value: str | None) -> Path | None:
    """The checked file of a ``--json`` value; None for standard output (or no ``--json``)."""
    if value is None or value == STDOUT:
        return None
    return check_writable(value, json_flag=True)


def to_stdout(value: str | None) -> bool:
    """True when ``--json`` asks for the JSON on standard output."""
    return value == STDOUT


def emit_json(value: str | None, data: Any, target: Path | None = None) -> Path | None:
    """Write ``data`` where ``--json value`` says (``target``: its :func:`json_target`,
    checked before the work); returns the file written, None for standard output."""
    plain = json.loads(json.dumps(data, default=str))  # dates, paths: as text
    if to_stdout(value):
        sys.stdout.write(json.dumps(plain, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return None
    out = target if target is not None else json_target(value)
    if out is not None:
        write_json(out, plain)
    return out


@contextlib.contextmanager
def human_output(value: str | None) -> Iterator[None]:
    """While the JSON goes to standard output, what the command prints for people goes to
    standard error, so ``cmd --json | jq`` reads JSON only."""
    if not to_stdout(value):
        yield
        return
    with contextlib.redirect_stdout(sys.stderr):
        yield
