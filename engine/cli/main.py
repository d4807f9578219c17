"""Headless command line: ``python -m engine <command> ...``: the one parser (``train`` and
``resume`` here, the other commands from :data:`COMMAND_MODULES`) and :func:`main`.

Exit codes (engine.cli.common): 0 success, 1 unexpected failure, 2 bad configuration or
input, 130 interrupted by Ctrl-C (what was done is still printed and written), 141 the
reader of the output went away (``… | head``: a quiet exit, as ``cat`` does).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from engine import version
from engine.cli.common import (
    EXIT_FAIL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    SigintStop,
    UsageError,
    names_survive_output,
    resume_run_uid,
)
from engine.cli.export import add_tensorboard_argument, tensorboard_dir
from engine.cli.json_out import add_json_argument, emit_json, human_output, json_target
from engine.cli.run_args import add_field_argument, add_run_arguments, config_from_args
from engine.config import ConfigError
from engine.data.errors import DataError
from engine.errors import InputError, RunFailed
from engine.files.disk import DiskFullError
from engine.i18n import _
from engine.i18n.argparse_support import TranslatedArgumentParser
from engine.i18n.message import config_error_message, shown
from engine.i18n.program import program_name
from engine.i18n.vocabulary import INTERRUPTED

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a program killed by the closed pipe returns

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
    prog = program_name()
    p = TranslatedArgumentParser(prog=prog, description=_("Suanli engine (headless)"))
    p.add_argument(
        "--version",
        action="version",
        version=f"{prog} {version()}",
        help=_("show the version and exit"),
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    t = sub.add_parser("train", help=_("train a model and print the classification report"))
    add_run_arguments(t)
    add_json_argument(t)
    add_tensorboard_argument(t)
    t.set_defaults(func=cmd_train)
    r = sub.add_parser("resume", help=_("continue a stopped or interrupted run"))
    r.add_argument(
        "run_id", metavar="RUN_ID", help=_("the run id that train printed (or runs list shows)")
    )
    add_field_argument(r, "data_dir")
    add_json_argument(r)
    add_tensorboard_argument(r)
    r.set_defaults(func=cmd_resume)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parsers(sub)
    return p


def cmd_train(args) -> int:
    from engine import jobs

    config = config_from_args(args).validate()
    tb = tensorboard_dir(args.tensorboard)
    return _run_and_report(
        lambda cbs, control, notes: jobs.train(
            config, cbs, control, notes=notes, telemetry=True, tensorboard=tb
        ),
        args.json,
    )


def cmd_resume(args) -> int:
    from engine import jobs

    run_uid = resume_run_uid(args.run_id)  # N, run:N or the run id, as `runs …` take
    tb = tensorboard_dir(args.tensorboard)
    return _run_and_report(
        lambda cbs, control, notes: jobs.resume(
            run_uid,
            cbs,
            control,
            data_dir=args.data_dir,
            notes=notes,
            telemetry=True,
            tensorboard=tb,
        ),
        args.json,
    )


def _run_and_report(start, json_value: str | None) -> int:
    """Run a training job (``engine.jobs``: recorded, with device telemetry) with the
    progress printer and Ctrl-C as stop, then print its report, and last its run id and
    how to resume or show it."""
    out = json_target(json_value)
    with human_output(json_value):
        result, interrupted = _run_job(start)
    if json_value is not None:
        written = emit_json(json_value, result.to_dict(), out)
        if written is not None:
            print(_("Result written to {path}").format(path=written), file=sys.stderr)
    return EXIT_INTERRUPTED if interrupted else EXIT_OK


def _run_job(start):
    from engine.cli.notes import CliNotes
    from engine.cli.progress import ProgressPrinter
    from engine.control import RunControl
    from engine.scoring.classification import format_report

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
        if result.info.get("energy"):
            from engine.scoring.energy import energy_text

            print(energy_text(result.info["energy"]))
    else:
        print(
            "\n"
            + _(
                "Run {status} after {steps} steps ({epochs} complete epochs); no test evaluation."
            ).format(status=result.status, steps=result.steps, epochs=len(result.epochs))
        )
    print(run_id_line(result.run_id, result.status))
    return result, sig.hit


def run_id_line(run_id: str, status: str) -> str:
    """The last line of ``train`` and ``resume``: the run id, and the command that goes on
    with the run (or shows it, once finished)."""
    prog = program_name()
    if status == "finished":
        return _("Run id: {run} (details: `{prog} runs show {run}`)").format(run=run_id, prog=prog)
    return _("Run id: {run} (continue it with `{prog} resume {run}`)").format(run=run_id, prog=prog)


def main(argv: list[str] | None = None) -> int:
    names_survive_output()  # a non-UTF-8 file name never fails a print
    try:
        try:
            code = _main(argv)
        except SystemExit:  # --help, --version, a usage error: their output flushed too
            sys.stdout.flush()
            raise
        sys.stdout.flush()  # a closed pipe is found here, not at exit (a traceback there)
        return code
    except BrokenPipeError:
        return quiet_broken_pipe()


def quiet_broken_pipe() -> int:
    """The reader of our output went away (``runs list | head``): say nothing and exit
    141; stdout is pointed at the null device so flushing it at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (tests)
        pass
    return EXIT_BROKEN_PIPE


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        raise
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
