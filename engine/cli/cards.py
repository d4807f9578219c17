"""CLI for score cards and comparisons: ``cards``, ``import`` and ``compare``.

::

    python -m engine cards list [--json] | delete ID
    python -m engine import CARD...
    python -m engine compare CARD_OR_RUN... [--json] [--html FILE]   # FILE, N, run:N or card:N

Exit codes: 0 success, 2 bad input (one line on stderr per problem, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.cli.common import EXIT_OK, EXIT_USAGE, UsageError, check_writable, store_handler
from engine.cli.export import write_comparison_html
from engine.cli.json_out import STDOUT, add_json_argument, emit_json, to_stdout
from engine.cli.tables import clean, local_time, number, text_table
from engine.i18n import N_, _
from engine.i18n.program import program_name
from engine.store.store import Store


def add_parsers(sub: Any) -> None:
    cards = sub.add_parser("cards", help=_("list or delete stored score cards"))
    csub = cards.add_subparsers(dest="cards_command", required=True, metavar="ACTION")
    p = csub.add_parser("list", help=_("list stored score cards (local and imported)"))
    add_json_argument(p)
    p.set_defaults(func=store_handler(cmd_cards_list))
    p = csub.add_parser("delete", help=_("delete a stored score card"))
    p.add_argument("id", help=_("the card: its number (N or card:N)"))
    p.set_defaults(func=store_handler(cmd_cards_delete))

    p = sub.add_parser("import", help=_("import score cards from other machines"))
    p.add_argument("cards", nargs="+", metavar="CARD", help=_("score-card JSON files"))
    p.set_defaults(func=store_handler(cmd_import))

    p = sub.add_parser("compare", help=_("compare score cards and runs side by side"))
    p.add_argument(
        "refs",
        nargs="+",
        metavar="CARD_OR_RUN",
        help=_("a card file, a run id (N or run:N) or a stored card (card:N)"),
    )
    add_json_argument(p)
    p.set_defaults(func=store_handler(cmd_compare))
    p.add_argument("--html", metavar="FILE", help=_("also write the comparison as HTML"))


def _card_id(text: str) -> int:
    t = text.strip().removeprefix("card:")
    if not t.isdigit() or int(t) < 1:
        raise UsageError(
            _("{text} is not a card id: give the number shown by `{prog} cards list`").format(
                text=repr(text), prog=program_name()
            )
        )
    return int(t)


CARD_COLUMNS = (
    N_("card"),
    N_("origin"),
    N_("run"),
    N_("added"),
    N_("score"),
    N_("device"),
    N_("file"),
)


def cmd_cards_list(args: argparse.Namespace) -> int:
    with Store() as store:
        cards = store.list_cards()
    if args.json is not None:
        emit_json(args.json, [c.to_dict() for c in cards])
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
            local_time(c.added_at),
            number(c.score, ",.1f"),
            clean(c.label, 40),
            clean(c.source_name, 30),
        ]
        for c in cards
    ]
    print(text_table(rows))
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

    opened: list[Store] = []

    def open_store() -> Store:
        if not opened:
            opened.append(Store())
        return opened[0]

    if json_took_a_card(args, lambda ref: resolve(ref, open_store), CompareError):
        args.refs.insert(0, args.json)  # `compare --json a.json b.json`: a.json is a card
        args.json = STDOUT
    if len(args.refs) < 2:
        raise UsageError(_("give at least two cards or runs to compare"))
    html_out = check_writable(args.html) if args.html else None

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
    if args.json is not None:
        emit_json(args.json, result.to_dict())
    if not to_stdout(args.json):
        print(format_comparison(result))
    if html_out is not None:
        write_comparison_html(result, html_out)
    return EXIT_OK


def json_took_a_card(args: argparse.Namespace, resolve_ref, error: type[Exception]) -> bool:
    """True when ``--json`` swallowed the first card (``compare --json a.json b.json``, as
    before ``--json`` took a FILE): its value is an existing file that reads as a score card.
    Such a file is an input and is never overwritten."""
    value = args.json
    if value in (None, STDOUT) or not Path(value).expanduser().is_file():
        return False
    try:
        resolve_ref(value)
    except error:
        return False
    return True
