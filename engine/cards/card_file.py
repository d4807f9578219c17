"""Score-card files: export a run's card to one JSON file, import cards from other machines.

Importing is strict, because a card file comes from somewhere else. In order, before
anything is stored:

1. size: at most :data:`MAX_CARD_BYTES`, checked with ``stat`` and again while reading
   (never more than the limit plus one byte is read);
2. text: UTF-8 (a leading byte-order mark is tolerated);
3. nesting depth at most :data:`MAX_DEPTH`, measured without recursion (a NumPy scan
   of the brackets outside strings), so a hostile file cannot exhaust the stack;
4. JSON: no ``NaN``/``Infinity`` literals, no number that overflows to infinity, no key
   twice in one object, no number with thousands of digits;
5. every string (keys too) at most :data:`MAX_STRING` characters and valid Unicode;
6. fields the card format does not know (at the top level or in a sub-score) are listed
   in the result and dropped;
7. the content, by :func:`engine.cards.card.card_from_dict` (schema version, types, finite
   numbers, hashes that match).

A card already in the store (same content hash: sha256 of the validated card as
canonical JSON) is reported as a duplicate and not stored again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.cards import card as card_mod
from engine.cards.card import CardError, ScoreCard, card_from_dict
from engine.hashing import json_sha256
from engine.i18n import _
from engine.i18n.program import program_name

MAX_CARD_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
MAX_STRING = 4096

_STRING_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_DEPTH_TABLE = np.zeros(256, dtype=np.int8)
_DEPTH_TABLE[[ord("["), ord("{")]] = 1
_DEPTH_TABLE[[ord("]"), ord("}")]] = -1


class CardFileError(Exception):
    """A card file was rejected. ``str()`` is one line: file, reason, what to do."""

    def __init__(self, name: str, reason: str, advice: str) -> None:
        self.name, self.reason, self.advice = name, reason, advice
        super().__init__(f"{name}: rejected: {reason}; {advice}")


@dataclass
class LoadedCard:
    """A card that passed every check, with the fields that were dropped."""

    card: ScoreCard
    sha256: str
    unknown_fields: list[str] = field(default_factory=list)
    source_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return self.card.to_dict()


@dataclass
class ImportResult:
    """What happened to one file: ``imported``, ``duplicate`` or ``rejected``."""

    path: str
    status: str
    message: str
    card_id: int | None = None
    unknown_fields: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "rejected"


def display_name(path: str | os.PathLike[str]) -> str:
    """A file name fit for one line of output (control characters escaped)."""
    return printable(os.fspath(path))


def printable(text: str, limit: int = 200) -> str:
    """``text`` with control characters escaped and cut to ``limit`` characters."""
    out = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def card_sha256(card: ScoreCard | Mapping[str, Any]) -> str:
    """The content hash used to recognise a card already in the store."""
    doc = card.to_dict() if isinstance(card, ScoreCard) else card_from_dict(dict(card)).to_dict()
    return json_sha256(doc)


def read_card_file(path: str | os.PathLike[str], max_bytes: int = MAX_CARD_BYTES) -> LoadedCard:
    """Read and validate one card file. Raises :class:`CardFileError` (one line)."""
    name = display_name(path)
    p = Path(path)
    try:
        if not p.is_file():
            if p.is_dir():
                what = "is a folder"
            elif p.exists():  # a FIFO, socket or device: reading it could block or never end
                what = "is not a regular file"
            else:
                what = "does not exist"
            raise CardFileError(name, f"the file {what}", "give the path of a .json score card")
        size = p.stat().st_size
        if size > max_bytes:
            raise _too_big(name, size, max_bytes)
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise CardFileError(
            name, f"cannot be read ({exc.strerror or exc})", "check the path and its permissions"
        ) from None
    if len(data) > max_bytes:  # it grew after stat
        raise _too_big(name, len(data), max_bytes)
    loaded = parse_card_bytes(data, name)
    loaded.source_name = p.name
    return loaded


def parse_card_bytes(data: bytes, name: str = "card") -> LoadedCard:
    """Validate the bytes of a card file (all checks but the size on disk)."""
    redo = "export the card again on the machine it came from"
    if len(data) > MAX_CARD_BYTES:
        raise _too_big(name, len(data), MAX_CARD_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CardFileError(
            name,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "a score card is UTF-8 JSON; " + redo,
        ) from None
    if not text.strip():
        raise CardFileError(name, "the file is empty", redo)
    depth = json_depth(text)
    if depth > MAX_DEPTH:
        raise CardFileError(
            name,
            f"JSON nested {depth} levels deep (at most {MAX_DEPTH})",
            "this is not a Suanli score card",
        )
    try:
        doc = json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            object_pairs_hook=_unique_keys,
        )
    except _JsonProblem as exc:
        raise CardFileError(name, str(exc), redo) from None
    except json.JSONDecodeError as exc:
        raise CardFileError(
            name,
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            "the file may be truncated or edited; " + redo,
        ) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer with too many digits
        why = (
            "a number has thousands of digits" if "digits" in str(exc) else printable(str(exc), 100)
        )
        raise CardFileError(name, f"not a usable JSON document ({why})", redo) from None
    problem = _check_strings(doc)
    if problem:
        raise CardFileError(name, problem, redo)
    _check_schema(doc, name)
    unknown = strip_unknown_fields(doc)
    try:
        card = card_from_dict(doc)
    except CardError as exc:
        reason = printable(str(exc).removeprefix("score card: "), 300)
        raise CardFileError(name, reason, redo) from None
    return LoadedCard(card=card, sha256=card_sha256(card), unknown_fields=unknown)


def _check_schema(doc: Any, name: str) -> None:
    if not isinstance(doc, dict) or doc.get("schema") != card_mod.SCHEMA:
        raise CardFileError(
            name,
            f'not a score card (no "schema": "{card_mod.SCHEMA}")',
            _("export the card with `{prog} runs export ID FILE`").format(prog=program_name()),
        )
    version = doc.get("schema_version")
    if version not in card_mod.READABLE_VERSIONS or isinstance(version, bool):
        shown = printable(json.dumps(version), 30)
        newer = isinstance(version, int) and version > card_mod.SCHEMA_VERSION
        raise CardFileError(
            name,
            f"score-card schema version {shown}; this Suanli reads versions "
            f"{', '.join(map(str, card_mod.READABLE_VERSIONS))}",
            "update Suanli here to read newer cards"
            if newer
            else "export the card again with a current Suanli",
        )


def json_depth(text: str) -> int:
    """Deepest nesting of arrays/objects in JSON ``text``, without recursion.

    Strings are blanked first so brackets inside them do not count; in malformed JSON
    (an unterminated string) the figure may be too high, which only rejects it sooner.
    """
    skeleton = _STRING_RE.sub('""', text)
    raw = np.frombuffer(skeleton.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    steps = _DEPTH_TABLE[raw].astype(np.int32)
    return int(np.cumsum(steps).max(initial=0))


def strip_unknown_fields(doc: Any) -> list[str]:
    """Drop fields the card format does not know; return their dotted names."""
    unknown: list[str] = []
    if not isinstance(doc, dict):
        return unknown
    version = doc.get("schema_version")
    card_fields = card_mod.card_keys(version)
    sub_fields = card_mod.sub_score_keys(version)
    for key in [k for k in doc if k not in card_fields]:
        unknown.append(printable(key, 60))
        del doc[key]
    subs = doc.get("sub_scores")
    if isinstance(subs, list):
        for i, sub in enumerate(subs):
            if isinstance(sub, dict):
                for key in [k for k in sub if k not in sub_fields]:
                    unknown.append(f"sub_scores[{i}].{printable(key, 60)}")
                    del sub[key]
    return unknown


class _JsonProblem(ValueError):
    pass


def _reject_constant(literal: str) -> Any:
    raise _JsonProblem(f"the JSON holds {literal}, but every number must be finite")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise _JsonProblem(f"the number {literal[:30]} is too large for a finite number")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _JsonProblem(f"the key {printable(key, 60)!r} appears twice in one object")
        out[key] = value
    return out


def _check_strings(doc: Any) -> str | None:
    """Every key and string short and valid Unicode (an iterative walk)."""
    stack: list[Any] = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            if len(value) > MAX_STRING:
                return (
                    f"a text of {len(value):,} characters "
                    f"(at most {MAX_STRING:,}): {printable(value, 40)!r}"
                )
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "a text holds an invalid \\u escape (a lone surrogate)"
    return None


def _too_big(name: str, size: int, limit: int) -> CardFileError:
    return CardFileError(
        name,
        f"the file is {size / 2**20:.1f} MB; a score card is at most {limit / 2**20:.0f} MB",
        "check that this is a Suanli score card (.json)",
    )


def card_label(card: ScoreCard) -> str:
    """A short description of the machine a card was measured on."""
    facts = card.environment.get("facts", {}) if isinstance(card.environment, dict) else {}
    gpus = facts.get("gpus") or []
    names = [g.get("name") for g in gpus if isinstance(g, dict) and g.get("name")]
    device = ", ".join(str(n) for n in names) or str(facts.get("cpu_model") or "unknown device")
    return printable(device, 120)
