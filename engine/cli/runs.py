"""CLI for the stored runs: ``runs``.

::

    python -m engine runs list [--json] [--status S] [--tag T] [--sort KEY] [--limit N]
    python -m engine runs show ID [--json]
    python -m engine runs export ID FILE        # the run's score card, one JSON file
    python -m engine runs csv ID FILE|-         # epoch and batch metrics (- = stdout)
    python -m engine runs rename ID NAME
    python -m engine runs tag ID TAG... [--remove]
    python -m engine runs delete ID
    python -m engine runs html ID FILE          # a self-contained HTML report of the run
    python -m engine runs tensorboard ID DIR    # TensorBoard event files (tensorboard --logdir DIR)

Exit codes: 0 success, 2 bad input (one line on stderr per problem, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from engine.cli.common import (
    EXIT_OK,
    RUN_REF,
    UsageError,
    check_writable,
    int_option,
    resolve_run_id,
    store_handler,
)
from engine.cli.export import cmd_runs_html, cmd_runs_tensorboard
from engine.cli.json_out import add_json_argument, emit_json
from engine.cli.tables import clean, local_time, number, text_table
from engine.i18n import N_, _
from engine.i18n.message import shown
from engine.i18n.program import program_name
from engine.i18n.vocabulary import METRIC_NAMES, N_A, SECONDS, UNIT_WORDS
from engine.metrics import DEV_LOSS
from engine.store.records import SORT_KEYS, RunSummary
from engine.store.schema import STATUSES
from engine.store.store import Store

RUN_ID_HELP = N_("the run: its number (N or run:N) or its run id")


def add_parsers(sub: Any) -> None:
    runs = sub.add_parser("runs", help=_("list, show, export, delete stored runs"))
    rsub = runs.add_subparsers(dest="runs_command", required=True, metavar="ACTION")
    p = rsub.add_parser("list", help=_("list stored runs, newest first"))
    add_json_argument(p)
    p.add_argument("--status", choices=STATUSES, help=_("only runs with this status"))
    p.add_argument("--tag", help=_("only runs with this tag"))
    p.add_argument(
        "--sort",
        default="-started_at",
        help=_("one of {keys}; '-' in front for descending").format(keys=", ".join(SORT_KEYS)),
    )
    p.add_argument("--limit", type=int_option(1), metavar="N", help=_("at most N runs"))
    p.set_defaults(func=store_handler(cmd_runs_list))
    p = rsub.add_parser("show", help=_("show one run"))
    p.add_argument("id", help=_(RUN_ID_HELP))
    add_json_argument(p, _("write everything as JSON to FILE (no FILE or -: standard output)"))
    p.set_defaults(func=store_handler(cmd_runs_show))
    p = rsub.add_parser("export", help=_("write a run's score card to a JSON file"))
    p.add_argument("id", help=_(RUN_ID_HELP))
    p.add_argument("file", help=_("the JSON file to write"))
    p.set_defaults(func=store_handler(cmd_runs_export))
    p = rsub.add_parser("csv", help=_("write a run's epoch and batch metrics to a CSV file"))
    p.add_argument("id", help=_(RUN_ID_HELP))
    p.add_argument("file", help=_("the CSV file to write; - writes to standard output"))
    p.set_defaults(func=store_handler(cmd_runs_csv))
    p = rsub.add_parser("rename", help=_("give a run a name"))
    p.add_argument("id", help=_(RUN_ID_HELP))
    p.add_argument("name", help=_("the run's new name"))
    p.set_defaults(func=store_handler(cmd_runs_rename))
    p = rsub.add_parser("tag", help=_("add (or --remove) tags"))
    p.add_argument("id", help=_(RUN_ID_HELP))
    p.add_argument("tags", nargs="+", metavar="TAG", help=_("the tags"))
    p.add_argument("--remove", action="store_true", help=_("remove the tags instead"))
    p.set_defaults(func=store_handler(cmd_runs_tag))
    p = rsub.add_parser("delete", help=_("delete a run with its metrics and card"))
    p.add_argument("id", help=_(RUN_ID_HELP))
    p.set_defaults(func=store_handler(cmd_runs_delete))
    p = rsub.add_parser("html", help=_("write a run's HTML report (plots, report, score card)"))
    p.add_argument("id", help=_(RUN_ID_HELP))
    p.add_argument("file", help=_("the HTML file to write"))
    p.set_defaults(func=store_handler(cmd_runs_html))
    p = rsub.add_parser("tensorboard", help=_("write a run's metrics as TensorBoard event files"))
    p.add_argument("id", help=_(RUN_ID_HELP))
    p.add_argument("dir", metavar="DIR", help=_("the folder for the event files"))
    p.set_defaults(func=store_handler(cmd_runs_tensorboard))


def _summary_row(s: RunSummary) -> list[str]:
    return [
        str(s.id),
        clean(s.uid, 32),
        local_time(s.started_at),
        s.status,
        clean(s.name, 30),
        clean("/".join(x for x in (s.model, s.dataset) if x), 30),
        f"{s.epochs_done}/{s.epochs_planned}" if s.epochs_planned else "-",
        number(s.dev_accuracy),
        number(s.test_accuracy),
        number(s.samples_per_s, ",.0f"),
        number(s.score, ",.1f"),
        clean(",".join(s.tags), 30),
    ]


RUN_COLUMNS = (
    N_("id"),
    N_("run id"),
    N_("started"),
    N_("status"),
    N_("name"),
    N_("model/dataset"),
    N_("epochs"),
    N_("dev acc"),
    N_("test acc"),
    UNIT_WORDS["samples/s"],
    N_("score"),
    N_("tags"),
)
EPOCH_COLUMNS = (
    N_("epoch"),
    N_("train loss"),
    N_("train acc"),
    METRIC_NAMES[DEV_LOSS],
    N_("dev acc"),
    UNIT_WORDS["samples/s"],
    SECONDS,
)


def cmd_runs_list(args: argparse.Namespace) -> int:
    if args.sort.lstrip("-+") not in SORT_KEYS:
        raise UsageError(
            _("--sort {sort}: one of {keys}").format(
                sort=repr(args.sort), keys=", ".join(SORT_KEYS)
            )
        )
    if args.limit is not None and args.limit < 1:
        raise UsageError(_("--limit must be at least 1"))
    with Store() as store:
        runs = store.list_runs(
            {"status": args.status, "tag": args.tag}, sort=args.sort, limit=args.limit
        )
    if args.json is not None:
        emit_json(args.json, [r.to_dict() for r in runs])
        return EXIT_OK
    if not runs:
        print(_("No runs stored yet (train with `{prog} train`).").format(prog=program_name()))
        return EXIT_OK
    head = [_(h) for h in RUN_COLUMNS]
    print(text_table([head] + [_summary_row(r) for r in runs]))
    return EXIT_OK


def cmd_runs_show(args: argparse.Namespace) -> int:
    with Store() as store:
        rec = store.get_run(resolve_run_id(store, args.id), series=args.json is not None)
    if args.json is not None:
        emit_json(args.json, rec.to_dict())
        return EXIT_OK
    s = rec.summary
    print(
        _("run {id} ({uid})  {name}  [{status}]").format(
            id=s.id, uid=clean(s.uid, 64), name=clean(s.name, 80) or _("(no name)"), status=s.status
        )
    )
    print(
        "  "
        + _("kind {kind}; started {started}; ended {ended}").format(
            kind=s.kind, started=local_time(s.started_at), ended=local_time(s.ended_at) or "-"
        )
        + (
            _("; wall {seconds:.1f} s").format(seconds=s.wall_seconds)
            if s.wall_seconds is not None
            else ""
        )
    )
    print(
        "  "
        + _(
            "{model} on {dataset}, device {device}; epochs {done}/{planned}; steps {steps:,}"
        ).format(
            model=clean(s.model),
            dataset=clean(s.dataset),
            device=clean(s.device),
            done=s.epochs_done,
            planned=s.epochs_planned or "?",
            steps=s.steps,
        )
    )
    cfg = ", ".join(f"{k}={clean(json.dumps(v), 30)}" for k, v in sorted(rec.config.items()))
    print("  " + _("config: {config}").format(config=cfg))
    if s.tags:
        print("  " + _("tags: {tags}").format(tags=clean(", ".join(s.tags), 200)))
    if s.error:
        print("  " + _("error: {message}").format(message=clean(shown(s.error), 200)))
    stop_reason = (rec.result or {}).get("stop_reason")
    if stop_reason:
        print("  " + _("stopped: {reason}").format(reason=clean(shown(stop_reason), 200)))
    if s.status in ("stopped", "interrupted") and _has_checkpoints(s.uid):
        print("  " + _("resume with `{prog} resume {uid}`").format(uid=s.uid, prog=program_name()))
    if rec.epochs:
        rows = [[_(h) for h in EPOCH_COLUMNS]]
        rows += [
            [
                str(e.get("epoch")),
                number(e.get("train_loss")),
                number(e.get("train_accuracy")),
                number(e.get("dev_loss")),
                number(e.get("dev_accuracy")),
                number(e.get("samples_per_s"), ",.0f"),
                number(e.get("seconds"), ".1f"),
            ]
            for e in rec.epochs
        ]
        print()
        print(text_table(rows))
    if rec.scores:
        print()
        print(_("Scores of this run:"))
        rows = [[_("score"), _("value"), _("unit")]]
        rows += [
            [
                clean(str(sc["name"]), 40),
                score_number(sc.get("value")),
                clean(str(sc.get("unit") or ""), 20),
            ]
            for sc in rec.scores
        ]
        print(text_table(rows))
    if rec.report:
        from engine.scoring.classification import format_report

        print(
            "\n"
            + _("Test classification report (accuracy {accuracy}):").format(
                accuracy=number(s.test_accuracy)
            )
        )
        print(format_report(rec.report))
    if rec.card is not None:
        print(
            "\n"
            + _(
                "Score card: card:{card}, Suanli score {score} (export with "
                "`{prog} runs export {id} FILE`)"
            ).format(
                card=rec.card_id,
                score=number(s.score, ",.1f") or _(N_A),
                id=s.id,
                prog=program_name(),
            )
        )
    return EXIT_OK


def score_number(value: Any) -> str:
    """A run score: 4 significant digits for the tiny and the huge, grouped otherwise."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return _(N_A)
    a = abs(value)
    if a and (a >= 1e7 or a < 1e-2):
        return f"{value:.4g}"
    return number(value, ",.1f" if a >= 100 else ".4f")


def cmd_runs_export(args: argparse.Namespace) -> int:
    from engine.store.cards import export_run_card

    out = check_writable(args.file)
    with Store() as store:
        run_id = resolve_run_id(store, args.id)
        export_run_card(store, run_id, out)
    print(
        _("Score card of run {id} written to {path}").format(id=run_id, path=out), file=sys.stderr
    )
    return EXIT_OK


def cmd_runs_csv(args: argparse.Namespace) -> int:
    from engine.store.csv_export import epoch_end_times, metric_rows, write_metrics_csv, write_rows

    to_stdout = args.file == "-"
    out = None if to_stdout else check_writable(args.file)
    with Store() as store:
        run_id = resolve_run_id(store, args.id)
        record = store.get_run(run_id)
        ends = epoch_end_times(store, run_id)
    if not metric_rows(record, ends):
        raise UsageError(
            _(
                "run {id} has no epoch, batch or test figures to write (a benchmark run "
                "keeps a score card: see `{prog} runs show {id}`)"
            ).format(id=run_id, prog=program_name())
        )
    if to_stdout:
        write_rows(metric_rows(record, ends), sys.stdout)
        return EXIT_OK
    n = write_metrics_csv(record, out, ends)
    print(
        _("{rows} rows of run {id} written to {path}").format(rows=n, id=run_id, path=out),
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_runs_rename(args: argparse.Namespace) -> int:
    with Store() as store:
        store.rename_run(resolve_run_id(store, args.id), args.name)
    return EXIT_OK


def cmd_runs_tag(args: argparse.Namespace) -> int:
    with Store() as store:
        run_id = resolve_run_id(store, args.id)
        (store.remove_tags if args.remove else store.add_tags)(run_id, args.tags)
        print(", ".join(store.get_summary(run_id).tags) or _("(no tags)"))
    return EXIT_OK


def cmd_runs_delete(args: argparse.Namespace) -> int:
    from engine import jobs

    with Store() as store:
        run_id = resolve_run_id(store, args.id)
        removed = jobs.delete_run(store, run_id)
    if removed is None:  # the folder is still there (permissions, a busy file system)
        done = _("Run {id} deleted; its checkpoint folder could not be removed.")
    elif removed:
        done = _("Run {id} deleted with its checkpoints.")
    else:
        done = _("Run {id} deleted.")
    print(done.format(id=run_id), file=sys.stderr)
    return EXIT_OK


def _has_checkpoints(uid: str) -> bool:
    from engine.paths import suanli_home

    return RUN_REF.match(uid) is not None and (suanli_home() / "runs" / uid).is_dir()
