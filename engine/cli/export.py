"""The export commands' bodies: ``runs html``, ``runs tensorboard`` and ``compare --html``
(their parsers are in engine.cli.runs and engine.cli.cards)::

    python -m engine runs html ID FILE          # a self-contained HTML report of the run
    python -m engine runs tensorboard ID DIR    # TensorBoard event files (tensorboard --logdir DIR)
    python -m engine compare CARD_OR_RUN... --html FILE

Exit codes as for the other store commands: 0 success, 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from engine.cli.common import EXIT_OK, UsageError, check_writable, resolve_run_id
from engine.files.output import check_output_folder
from engine.i18n import _
from engine.store.store import Store


def cmd_runs_html(args: argparse.Namespace) -> int:
    from engine.reports.run_report import export_run_html

    out = check_writable(args.file)
    with Store() as store:
        run_id = resolve_run_id(store, args.id)
        export_run_html(store, run_id, out)
    print(
        _("HTML report of run {id} written to {path}").format(id=run_id, path=out), file=sys.stderr
    )
    return EXIT_OK


def cmd_runs_tensorboard(args: argparse.Namespace) -> int:
    from engine.reports.tensorboard import scalar_series, write_tensorboard
    from engine.store.csv_export import epoch_end_times

    logdir = Path(args.dir).expanduser()
    if logdir.exists() and not logdir.is_dir():
        raise UsageError(
            _("{path}: is a file; give a folder for the event files").format(path=logdir)
        )
    with Store() as store:
        run_id = resolve_run_id(store, args.id)
        rec = store.get_run(run_id)
        ended_at = epoch_end_times(store, run_id)
    if not scalar_series(rec, ended_at):
        raise UsageError(
            _("run {id} has no training metrics to write for TensorBoard").format(id=run_id)
        )
    check_output_folder(logdir)  # engine.files: not a file, a FIFO or the store's folders
    try:
        logdir.mkdir(parents=True, exist_ok=True)
        files = write_tensorboard(rec, logdir, ended_at)
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot write the event files: {reason}").format(
                path=getattr(exc, "filename", None) or logdir, reason=exc.strerror or exc
            )
        ) from None
    print(
        _(
            "{files} TensorBoard event files of run {id} written under {path} (open with "
            "`tensorboard --logdir {logdir}`)"
        ).format(files=len(files), id=run_id, path=files[0].parent.parent, logdir=logdir),
        file=sys.stderr,
    )
    return EXIT_OK


def add_tensorboard_argument(parser: argparse.ArgumentParser) -> None:
    """``--tensorboard DIR`` of ``train`` and ``resume``."""
    parser.add_argument(
        "--tensorboard",
        metavar="DIR",
        help=_(
            "write TensorBoard events while the run trains, under DIR/run-<id> "
            "(open with `tensorboard --logdir DIR`)"
        ),
    )


def tensorboard_dir(value: str | None) -> Path | None:
    """``--tensorboard DIR`` checked and created before the run starts (exit 2 if not)."""
    if value is None:
        return None
    logdir = Path(value).expanduser()
    if logdir.exists() and not logdir.is_dir():
        raise UsageError(
            _("{path}: is a file; give a folder for the event files").format(path=logdir)
        )
    try:
        logdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot write the event files: {reason}").format(
                path=logdir, reason=exc.strerror or exc
            )
        ) from None
    if not os.access(logdir, os.W_OK | os.X_OK):
        raise UsageError(
            _("{path}: cannot write the event files: {reason}").format(
                path=logdir, reason=os.strerror(13)
            )
        )
    print(
        _(
            "TensorBoard events of this run go under {path} (open with `tensorboard --logdir {path}`)"
        ).format(path=logdir),
        file=sys.stderr,
    )
    return logdir


def write_comparison_html(result: Any, path: Path) -> None:
    """``compare --html FILE``: called by engine.cli.cards.cmd_compare."""
    from engine.reports.comparison_report import export_comparison_html

    export_comparison_html(result, path)
    print(_("Comparison written to {path}").format(path=path), file=sys.stderr)
