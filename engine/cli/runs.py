"""CLI for the results store: ``runs``, ``cards``, ``import`` and ``compare``.

::

    python -m engine runs list [--json] [--status S] [--tag T] [--sort KEY] [--limit N]
    python -m engine runs show ID [--json]
    python -m engine runs export ID FILE        # the run's score card, one JSON file
    python -m engine runs csv ID FILE           # epoch and batch metrics
    python -m engine runs rename ID NAME
    python -m engine runs tag ID TAG... [--remove]
    python -m engine runs delete ID
    python -m engine cards list [--json] | delete ID
    python -m engine import CARD...
    python -m engine compare CARD_OR_RUN...     # FILE, N, run:N or card:N

Exit codes: 0 success, 2 bad input (one line on stderr per problem, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.cards.card_file import printable
from engine.cli.main import EXIT_OK, EXIT_USAGE, UsageError
from engine.i18n import N_, _, display_width, ljust
from engine.store.records import SORT_KEYS, RunSummary, StoreError
from engine.store.schema import STATUSES
from engine.store.store import Store

Handler = Callable[[argparse.Namespace], int]


def add_parsers(sub: Any) -> None:
    runs = sub.add_parser("runs", help=_("list, show, export, delete stored runs"))
    rsub = runs.add_subparsers(dest="runs_command", required=True, metavar="ACTION")
    p = rsub.add_parser("list", help=_("list stored runs, newest first"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--tag")
    p.add_argument(
        "--sort",
        default="-started_at",
        help=_("one of {keys}; '-' in front for descending").format(keys=", ".join(SORT_KEYS)),
    )
    p.add_argument("--limit", type=int)
    p.set_defaults(func=_handler(cmd_runs_list))
    p = rsub.add_parser("show", help=_("show one run"))
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help=_("print everything as JSON"))
    p.set_defaults(func=_handler(cmd_runs_show))
    p = rsub.add_parser("export", help=_("write a run's score card to a JSON file"))
    p.add_argument("id")
    p.add_argument("file")
    p.set_defaults(func=_handler(cmd_runs_export))
    p = rsub.add_parser("csv", help=_("write a run's epoch and batch metrics to a CSV file"))
    p.add_argument("id")
    p.add_argument("file")
    p.set_defaults(func=_handler(cmd_runs_csv))
    p = rsub.add_parser("rename", help=_("give a run a name"))
    p.add_argument("id")
    p.add_argument("name")
    p.set_defaults(func=_handler(cmd_runs_rename))
    p = rsub.add_parser("tag", help=_("add (or --remove) tags"))
    p.add_argument("id")
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=_handler(cmd_runs_tag))
    p = rsub.add_parser("delete", help=_("delete a run with its metrics and card"))
    p.add_argument("id")
    p.set_defaults(func=_handler(cmd_runs_delete))

    cards = sub.add_parser("cards", help=_("list or delete stored score cards"))
    csub = cards.add_subparsers(dest="cards_command", required=True, metavar="ACTION")
    p = csub.add_parser("list", help=_("list stored score cards (local and imported)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_handler(cmd_cards_list))
    p = csub.add_parser("delete", help=_("delete a stored score card"))
    p.add_argument("id")
    p.set_defaults(func=_handler(cmd_cards_delete))

    p = sub.add_parser("import", help=_("import score cards from other machines"))
    p.add_argument("cards", nargs="+", metavar="CARD")
    p.set_defaults(func=_handler(cmd_import))

    p = sub.add_parser("compare", help=_("compare score cards and runs side by side"))
    p.add_argument(
        "refs",
        nargs="+",
        metavar="CARD_OR_RUN",
        help=_("a card file, a run id (N or run:N) or a stored card (card:N)"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_handler(cmd_compare))


def _handler(fn: Handler) -> Handler:
    """Store errors become one line and exit code 2 (via engine.cli.main.main)."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except StoreError as exc:
            raise UsageError(str(exc)) from None

    wrapped.__name__ = fn.__name__
    return wrapped


_RUN_REF = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _run_id(store: Store, text: str) -> int:
    """A run's id from ``N``, ``run:N`` or the engine's run id (as ``resume`` takes)."""
    t = text.strip().removeprefix("run:")
    if not _RUN_REF.match(t) or (t.isdigit() and int(t) < 1):
        raise UsageError(
            _("{text} is not a run id: give the number or the run id shown by "
              "`python -m engine runs list`").format(text=repr(printable(text, 40)))
        )
    return store.find_run(t)


def _card_id(text: str) -> int:
    t = text.strip().removeprefix("card:")
    if not t.isdigit() or int(t) < 1:
        raise UsageError(
            _("{text} is not a card id: give the number shown by `python -m engine cards list`")
            .format(text=repr(text))
        )
    return int(t)


def _when(ts: float | None) -> str:
    return "" if ts is None else time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))


def _f(value: float | None, fmt: str = ".4f") -> str:
    return "" if value is None else format(value, fmt)


def _clean(text: str | None, limit: int = 40) -> str:
    return printable(text or "", limit)


def _summary_row(s: RunSummary) -> list[str]:
    return [
        str(s.id),
        _clean(s.uid, 32),
        _when(s.started_at),
        s.status,
        _clean(s.name, 30),
        _clean("/".join(x for x in (s.model, s.dataset) if x), 30),
        f"{s.epochs_done}/{s.epochs_planned}" if s.epochs_planned else "-",
        _f(s.dev_accuracy),
        _f(s.test_accuracy),
        _f(s.samples_per_s, ",.0f"),
        _f(s.score, ",.1f"),
        _clean(",".join(s.tags), 30),
    ]


def _table(rows: list[list[str]]) -> str:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(ljust(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


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
    N_("samples/s"),
    N_("score"),
    N_("tags"),
)
EPOCH_COLUMNS = (
    N_("epoch"),
    N_("train loss"),
    N_("train acc"),
    N_("dev loss"),
    N_("dev acc"),
    N_("samples/s"),
    N_("s"),
)
CARD_COLUMNS = (
    N_("card"),
    N_("origin"),
    N_("run"),
    N_("added"),
    N_("score"),
    N_("device"),
    N_("file"),
)


def cmd_runs_list(args: argparse.Namespace) -> int:
    if args.sort.lstrip("-+") not in SORT_KEYS:
        raise UsageError(_("--sort {sort}: one of {keys}").format(
            sort=repr(args.sort), keys=", ".join(SORT_KEYS)))
    if args.limit is not None and args.limit < 1:
        raise UsageError(_("--limit must be at least 1"))
    with Store() as store:
        runs = store.list_runs(
            {"status": args.status, "tag": args.tag}, sort=args.sort, limit=args.limit
        )
    if args.json:
        print(json.dumps([r.to_dict() for r in runs], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not runs:
        print(_("No runs stored yet (train with `python -m engine train`)."))
        return EXIT_OK
    head = [_(h) for h in RUN_COLUMNS]
    print(_table([head] + [_summary_row(r) for r in runs]))
    return EXIT_OK


def cmd_runs_show(args: argparse.Namespace) -> int:
    with Store() as store:
        rec = store.get_run(_run_id(store, args.id), series=args.json)
    if args.json:
        print(json.dumps(rec.to_dict(), indent=2, ensure_ascii=False, default=str))
        return EXIT_OK
    s = rec.summary
    print(_("run {id} ({uid})  {name}  [{status}]").format(
        id=s.id, uid=_clean(s.uid, 64), name=_clean(s.name, 80) or _("(no name)"),
        status=s.status))
    print(
        "  " + _("kind {kind}; started {started}; ended {ended}").format(
            kind=s.kind, started=_when(s.started_at), ended=_when(s.ended_at) or "-")
        + (_("; wall {seconds:.1f} s").format(seconds=s.wall_seconds)
           if s.wall_seconds is not None else "")
    )
    print(
        "  " + _("{model} on {dataset}, device {device}; epochs {done}/{planned}; steps {steps:,}")
        .format(model=_clean(s.model), dataset=_clean(s.dataset), device=_clean(s.device),
                done=s.epochs_done, planned=s.epochs_planned or "?", steps=s.steps)
    )
    cfg = ", ".join(f"{k}={_clean(json.dumps(v), 30)}" for k, v in sorted(rec.config.items()))
    print("  " + _("config: {config}").format(config=cfg))
    if s.tags:
        print("  " + _("tags: {tags}").format(tags=_clean(", ".join(s.tags), 200)))
    if s.error:
        print("  " + _("error: {message}").format(message=_clean(s.error, 200)))
    stop_reason = (rec.result or {}).get("stop_reason")
    if stop_reason:
        print("  " + _("stopped: {reason}").format(reason=_clean(str(stop_reason), 200)))
    if s.status in ("stopped", "interrupted") and _has_checkpoints(s.uid):
        print("  " + _("resume with `python -m engine resume {uid}`").format(uid=s.uid))
    if rec.epochs:
        rows = [[_(h) for h in EPOCH_COLUMNS]]
        rows += [
            [
                str(e.get("epoch")),
                _f(e.get("train_loss")),
                _f(e.get("train_accuracy")),
                _f(e.get("dev_loss")),
                _f(e.get("dev_accuracy")),
                _f(e.get("samples_per_s"), ",.0f"),
                _f(e.get("seconds"), ".1f"),
            ]
            for e in rec.epochs
        ]
        print()
        print(_table(rows))
    if rec.report:
        from engine.scoring.classification import format_report

        print("\n" + _("Test classification report (accuracy {accuracy}):").format(
            accuracy=_f(s.test_accuracy)))
        print(format_report(rec.report))
    if rec.card is not None:
        print("\n" + _("Score card: card:{card}, Suanli score {score} (export with "
                       "`python -m engine runs export {id} FILE`)").format(
            card=rec.card_id, score=_f(s.score, ",.1f") or _("n/a"), id=s.id))
    return EXIT_OK


def cmd_runs_export(args: argparse.Namespace) -> int:
    from engine.store.cards import export_run_card

    out = _writable(args.file)
    with Store() as store:
        run_id = _run_id(store, args.id)
        export_run_card(store, run_id, out)
    print(_("Score card of run {id} written to {path}").format(id=run_id, path=out),
          file=sys.stderr)
    return EXIT_OK


def cmd_runs_csv(args: argparse.Namespace) -> int:
    from engine.store.csv_export import write_metrics_csv

    out = _writable(args.file)
    with Store() as store:
        run_id = _run_id(store, args.id)
        n = write_metrics_csv(store.get_run(run_id), out)
    print(_("{rows} rows of run {id} written to {path}").format(rows=n, id=run_id, path=out),
          file=sys.stderr)
    return EXIT_OK


def cmd_runs_rename(args: argparse.Namespace) -> int:
    with Store() as store:
        store.rename_run(_run_id(store, args.id), args.name)
    return EXIT_OK


def cmd_runs_tag(args: argparse.Namespace) -> int:
    with Store() as store:
        run_id = _run_id(store, args.id)
        (store.remove_tags if args.remove else store.add_tags)(run_id, args.tags)
        print(", ".join(store.get_summary(run_id).tags) or _("(no tags)"))
    return EXIT_OK


def cmd_runs_delete(args: argparse.Namespace) -> int:
    from engine.training.checkpoint import remove_run_folder

    with Store() as store:
        run_id = _run_id(store, args.id)
        uid = store.get_summary(run_id).uid
        store.delete_run(run_id)
    removed = remove_run_folder(uid)
    done = (_("Run {id} deleted with its checkpoints.") if removed else _("Run {id} deleted."))
    print(done.format(id=run_id), file=sys.stderr)
    return EXIT_OK


def _has_checkpoints(uid: str) -> bool:
    from engine.paths import suanli_home

    return _RUN_REF.match(uid) is not None and (suanli_home() / "runs" / uid).is_dir()


def cmd_cards_list(args: argparse.Namespace) -> int:
    with Store() as store:
        cards = store.list_cards()
    if args.json:
        print(json.dumps([c.to_dict() for c in cards], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not cards:
        print(_("No score cards stored yet."))
        return EXIT_OK
    rows = [[_(h) for h in CARD_COLUMNS]]
    rows += [
        [
            f"card:{c.id}",
            c.origin,
            "" if c.run_id is None else str(c.run_id),
            _when(c.added_at),
            _f(c.score, ",.1f"),
            _clean(c.label, 40),
            _clean(c.source_name, 30),
        ]
        for c in cards
    ]
    print(_table(rows))
    return EXIT_OK


def cmd_cards_delete(args: argparse.Namespace) -> int:
    with Store() as store:
        store.delete_card(_card_id(args.id))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from engine.store.cards import import_card_file

    rejected = 0
    with Store() as store:
        for path in args.cards:
            result = import_card_file(store, path)
            if result.ok:
                print(result.message)
            else:
                rejected += 1
                print(_("error: {message}").format(message=result.message), file=sys.stderr)
    return EXIT_USAGE if rejected else EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from engine.reports.compare import CompareError, compare, format_comparison, resolve

    if len(args.refs) < 2:
        raise UsageError(_("give at least two cards or runs to compare"))
    html_out = _writable(args.html) if getattr(args, "html", None) else None  # cli_export
    opened: list[Store] = []

    def open_store() -> Store:
        if not opened:
            opened.append(Store())
        return opened[0]

    try:
        items = []
        for ref in args.refs:
            try:
                items.append(resolve(ref, open_store))
            except CompareError as exc:
                raise UsageError(str(exc)) from None
    finally:
        for store in opened:
            store.close()
    result = compare(items)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_comparison(result))
    if html_out is not None:
        from engine.cli.export import write_comparison_html

        write_comparison_html(result, html_out)
    return EXIT_OK


def _writable(path: str) -> Path:
    out = Path(path).expanduser()
    parent = out.parent
    if out.is_dir():
        raise UsageError(_("{path}: is a folder; give a file name").format(path=out))
    if not parent.is_dir():
        raise UsageError(_("{path}: folder {folder} does not exist; create it or choose another "
                           "path").format(path=out, folder=parent))
    if not os.access(parent, os.W_OK):
        raise UsageError(_("{path}: folder {folder} is not writable; choose another path")
                         .format(path=out, folder=parent))
    return out
