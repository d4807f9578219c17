"""Headless command line: ``python -m engine <command> ...``: the one parser (``train`` and
``resume`` here, the other commands from :data:`COMMAND_MODULES`) and :func:`main`.

Exit codes (engine.cli.common): 0 success, 1 unexpected failure, 2 bad configuration or
input, 130 interrupted by Ctrl-C (what was done is still printed and written).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from engine.cli.common import (
    EXIT_FAIL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    SigintStop,
    UsageError,
    check_writable,
    names_survive_output,
    resume_run_uid,
    write_json,
)
from engine.cli.run_args import add_field_argument, add_run_arguments, config_from_args
from engine.config import ConfigError
from engine.data.errors import DataError
from engine.errors import InputError, RunFailed
from engine.files.disk import DiskFullError
from engine.i18n import _
from engine.i18n.argparse_support import TranslatedArgumentParser
from engine.i18n.message import config_error_message, shown
from engine.i18n.vocabulary import INTERRUPTED

# Modules that add sub-commands: each has ``add_parsers(subparsers)`` and sets
# ``func`` on its parsers to a function taking the parsed args and returning an exit code.
COMMAND_MODULES: list[str] = [
    "engine.cli.bench",
    "engine.cli.data",
    "engine.cli.runs",
    "engine.cli.cards",
    "engine.cli.compress",
]


def build_parser() -> argparse.ArgumentParser:
    # argparse's own words and every help text in the CLI's language (engine.i18n)
    p = TranslatedArgumentParser(prog="python -m engine", description=_("Suanli engine (headless)"))
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    t = sub.add_parser("train", help=_("train a model and print the classification report"))
    add_run_arguments(t)
    t.add_argument("--json", metavar="FILE", help=_("write the result as JSON"))
    t.set_defaults(func=cmd_train)
    r = sub.add_parser("resume", help=_("continue a stopped or interrupted run"))
    r.add_argument("run_id", metavar="RUN_ID")
    add_field_argument(r, "data_dir")
    r.add_argument("--json", metavar="FILE", help=_("write the result as JSON"))
    r.set_defaults(func=cmd_resume)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parsers(sub)
    return p


def cmd_train(args) -> int:
    from engine import jobs

    config = config_from_args(args).validate()
    return _run_and_report(
        lambda cbs, control, notes: jobs.train(config, cbs, control, notes=notes, telemetry=True),
        args.json,
    )


def cmd_resume(args) -> int:
    from engine import jobs

    run_uid = resume_run_uid(args.run_id)  # N, run:N or the run id, as `runs …` take
    return _run_and_report(
        lambda cbs, control, notes: jobs.resume(
            run_uid, cbs, control, data_dir=args.data_dir, notes=notes, telemetry=True
        ),
        args.json,
    )


def _run_and_report(start, json_path: str | None) -> int:
    """Run a training job (``engine.jobs``: recorded, with device telemetry) with the
    progress printer and Ctrl-C as stop, then print its report."""
    from engine.cli.notes import CliNotes
    from engine.cli.progress import ProgressPrinter
    from engine.control import RunControl
    from engine.scoring.classification import format_report

    out = check_writable(json_path, json_flag=True) if json_path is not None else None
    control = RunControl()
    with SigintStop(control) as sig:
        result = start([ProgressPrinter()], control, CliNotes())
    if result.stop_reason and result.status == "finished":
        print(_("Stopped early: {reason}.").format(reason=shown(result.stop_reason)))
    if result.test:
        print(
            "\n"
            + _("Test classification report ({samples:,} samples):").format(
                samples=result.test["samples"]
            )
        )
        print(format_report(result.test["report"]))
    else:
        print(
            "\n"
            + _(
                "Run {status} after {steps} steps ({epochs} complete epochs); no test evaluation."
            ).format(status=result.status, steps=result.steps, epochs=len(result.epochs))
        )
    if out:
        write_json(out, result.to_dict())
        print(_("Result written to {path}").format(path=out), file=sys.stderr)
    return EXIT_INTERRUPTED if sig.hit else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    names_survive_output()  # a non-UTF-8 file name never fails a print
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(_("error: {message}").format(message=config_error_message(exc)), file=sys.stderr)
        return EXIT_USAGE
    except (DataError, UsageError, InputError) as exc:  # InputError: an output path (engine.files)
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return EXIT_USAGE
    except DiskFullError as exc:  # writing a result: the disk is full (not "the run failed")
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return EXIT_FAIL
    except RunFailed as exc:
        print(_("error: the run failed: {message}").format(message=exc), file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("\n" + _(INTERRUPTED), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # last resort: one line, no traceback, unless asked
        if os.environ.get("SUANLI_DEBUG"):
            raise
        msg = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(
            _("error: {message} (set SUANLI_DEBUG=1 for details)").format(message=msg),
            file=sys.stderr,
        )
        return EXIT_FAIL
