"""Headless command line: ``python -m engine <command> ...``.

Exit codes: 0 success, 1 unexpected failure, 2 bad configuration or input,
130 interrupted by Ctrl-C (what was done is still printed and written).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from engine.config import (
    DATASETS,
    DEVICE_HELP,
    LR_SCHEDULES,
    MONITORS,
    OPTIMIZERS,
    PRECISIONS,
    ConfigError,
    RunConfig,
)
from engine.data.errors import DataError
from engine.errors import RunFailed
from engine.i18n import TranslatedArgumentParser, _, config_error_message

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# Modules that add sub-commands: each has ``add_parsers(subparsers)`` and sets
# ``func`` on its parsers to a function taking the parsed args and returning an exit code.
COMMAND_MODULES: list[str] = [
    "engine.cli.bench", "engine.cli.data", "engine.cli.runs", "engine.cli.compress",
    "engine.cli.export",  # after cli_store: it adds actions to ``runs``
]


class UsageError(Exception):
    """Bad input from the user that is not a config field (e.g. an output path)."""


def _parser() -> argparse.ArgumentParser:
    from engine import models

    # argparse's own words and every help text in the CLI's language (engine.i18n)
    p = TranslatedArgumentParser(prog="python -m engine",
                                 description=_("Suanli engine (headless)"))
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    t = sub.add_parser("train", help=_("train a model and print the classification report"))
    d = RunConfig()
    t.add_argument("--dataset", choices=DATASETS, default=d.dataset)
    t.add_argument("--data-dir", metavar="DIR", help=_("folder with the dataset files"))
    t.add_argument("--model", default=d.model,
                   help=_("one of {choices}").format(choices=", ".join(models.names())))
    t.add_argument("--epochs", type=int, default=d.epochs)
    t.add_argument("--batch-size", type=int, default=d.batch_size)
    t.add_argument("--optimizer", default=d.optimizer,
                   help=_("one of {choices}").format(choices=", ".join(OPTIMIZERS)))
    t.add_argument("--lr", type=float, default=d.learning_rate, help=_("learning rate"))
    t.add_argument("--dev-fraction", type=float, default=d.dev_fraction)
    t.add_argument("--seed", type=int, default=d.seed)
    t.add_argument("--limit", type=int, help=_("use at most N training samples"))
    t.add_argument("--device", default=d.device, help=_(DEVICE_HELP))
    t.add_argument("--lr-schedule", choices=LR_SCHEDULES, default=d.lr_schedule)
    t.add_argument("--early-stopping", type=int, default=d.early_stopping, metavar="PATIENCE",
                   help=_("stop when --monitor has not improved for PATIENCE epochs (0 = off)"))
    t.add_argument("--monitor", choices=MONITORS, default=d.monitor)
    t.add_argument("--target-accuracy", type=float,
                   help=_("stop once dev accuracy reaches this"))
    t.add_argument("--precision", choices=PRECISIONS, default=d.precision)
    t.add_argument("--xla", action="store_true", help=_("compile steps with XLA (slower on CPU)"))
    t.add_argument("--no-checkpoints", action="store_true",
                   help=_("do not checkpoint each epoch"))
    t.add_argument("--download", action="store_true",
                   help=_("download MNIST/Fashion-MNIST (sha256-verified) if not found locally"))
    t.add_argument("--json", metavar="FILE", help=_("write the result as JSON"))
    t.set_defaults(func=cmd_train)
    r = sub.add_parser("resume", help=_("continue a stopped or interrupted run"))
    r.add_argument("run_id", metavar="RUN_ID")
    r.add_argument("--data-dir", metavar="DIR", help=_("folder with the dataset files"))
    r.add_argument("--json", metavar="FILE", help=_("write the result as JSON"))
    r.set_defaults(func=cmd_resume)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parsers(sub)
    return p


def _check_writable(path: str) -> Path:
    out = Path(path).expanduser()
    parent = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise UsageError(_("{path}: is a directory; give a file name for --json").format(path=out))
    if not parent.is_dir():
        raise UsageError(_("{path}: folder {folder} does not exist; create it or choose another "
                           "path").format(path=out, folder=parent))
    if not os.access(parent, os.W_OK):
        raise UsageError(_("{path}: folder {folder} is not writable; choose another path")
                         .format(path=out, folder=parent))
    return out


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


class _SigintStop:
    """First Ctrl-C asks the run to stop after the current batch; a second one aborts."""

    def __init__(self, control) -> None:
        self.control = control
        self.hit = False
        self._old = None

    def __enter__(self):
        self._old = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame):
        if self.hit:
            raise KeyboardInterrupt
        self.hit = True
        self.control.stop()
        sys.stderr.write("\n" + _("Stopping after this batch… (Ctrl-C again to abort)") + "\n")

    def __exit__(self, *exc):
        signal.signal(signal.SIGINT, self._old)
        return False


def cmd_train(args) -> int:
    from engine import jobs

    config = RunConfig(
        dataset=args.dataset, data_dir=args.data_dir, model=args.model, epochs=args.epochs,
        batch_size=args.batch_size, optimizer=args.optimizer, learning_rate=args.lr,
        dev_fraction=args.dev_fraction, seed=args.seed, limit=args.limit, device=args.device,
        lr_schedule=args.lr_schedule, early_stopping=args.early_stopping, monitor=args.monitor,
        target_accuracy=args.target_accuracy, precision=args.precision, xla=args.xla,
        checkpoints=not args.no_checkpoints, download=args.download,
    ).validate()
    return _run_and_report(lambda cbs, control, notes: jobs.train(
        config, cbs, control, notes=notes, telemetry=True), args.json)


def cmd_resume(args) -> int:
    from engine import jobs

    return _run_and_report(lambda cbs, control, notes: jobs.resume(
        args.run_id, cbs, control, data_dir=args.data_dir, notes=notes, telemetry=True),
        args.json)


def _run_and_report(start, json_path: str | None) -> int:
    """Run a training job (``engine.jobs``: recorded, with device telemetry) with the
    progress printer and Ctrl-C as stop, then print its report."""
    from engine.cli.notes import CliNotes
    from engine.cli.progress import ProgressPrinter
    from engine.control import RunControl
    from engine.scoring.classification import format_report

    out = _check_writable(json_path) if json_path else None
    control = RunControl()
    with _SigintStop(control) as sig:
        result = start([ProgressPrinter()], control, CliNotes())
    if result.stop_reason and result.status == "finished":
        from engine.training.run import stop_reason_text

        print(_("Stopped early: {reason}.").format(reason=stop_reason_text(result.stop_reason)))
    if result.test:
        print("\n" + _("Test classification report ({samples:,} samples):")
              .format(samples=result.test["samples"]))
        print(format_report(result.test["report"]))
    else:
        print("\n" + _("Run {status} after {steps} steps ({epochs} complete epochs); "
                       "no test evaluation.")
              .format(status=result.status, steps=result.steps, epochs=len(result.epochs)))
    if out:
        write_json(out, result.to_dict())
        print(_("Result written to {path}").format(path=out), file=sys.stderr)
    return EXIT_INTERRUPTED if sig.hit else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(_("error: {message}").format(message=config_error_message(exc)), file=sys.stderr)
        return EXIT_USAGE
    except (DataError, UsageError) as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return EXIT_USAGE
    except RunFailed as exc:
        print(_("error: the run failed: {message}").format(message=exc), file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("\n" + _("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # last resort: one line, no traceback, unless asked
        if os.environ.get("SUANLI_DEBUG"):
            raise
        msg = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(_("error: {message} (set SUANLI_DEBUG=1 for details)").format(message=msg),
              file=sys.stderr)
        return EXIT_FAIL
