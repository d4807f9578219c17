"""The export commands' bodies: ``runs html``, ``runs tensorboard`` and ``compare --html``
(their parsers are in engine.cli.runs and engine.cli.cards)::

    python -m engine runs html ID FILE          # a self-contained HTML report of the run
    python -m engine runs tensorboard ID DIR    # TensorBoard event files (tensorboard --logdir DIR)
    python -m engine compare CARD_OR_RUN... --html FILE

Exit codes as for the other store commands: 0 success, 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
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

    logdir = Path(args.dir).expanduser()
    if logdir.exists() and not logdir.is_dir():
        raise UsageError(
            _("{path}: is a file; give a folder for the event files").format(path=logdir)
        )
    with Store() as store:
        run_id = resolve_run_id(store, args.id)
        rec = store.get_run(run_id)
    if not any(scalar_series(rec).values()):
        raise UsageError(
            _("run {id} has no training metrics to write for TensorBoard").format(id=run_id)
        )
    check_output_folder(logdir)  # engine.files: not a file, a FIFO or the store's folders
    files = write_tensorboard(rec, logdir)
    print(
        _(
            "{files} TensorBoard event files of run {id} written under {path} (open with "
            "`tensorboard --logdir {path}`)"
        ).format(files=len(files), id=run_id, path=logdir),
        file=sys.stderr,
    )
    return EXIT_OK


def write_comparison_html(result: Any, path: Path) -> None:
    """``compare --html FILE``: called by engine.cli.cards.cmd_compare."""
    from engine.reports.comparison_report import export_comparison_html

    export_comparison_html(result, path)
    print(_("Comparison written to {path}").format(path=path), file=sys.stderr)
