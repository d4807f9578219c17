"""Plain records of the results store: filters, run summaries and records, card rows,
errors, and the small helpers that turn them into SQL and back. No connection here."""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.files.json_text import json_dumps
from engine.i18n import _
from engine.i18n.message import is_stored
from engine.i18n.program import program_name

_SURROGATE = re.compile("[\ud800-\udfff]")

MAX_NAME = 200
MAX_TAG = 64
MAX_TAGS = 32

# Sort keys the history view may ask for: name -> SQL expression.
SORT_KEYS = {
    "id": "r.id",
    "started_at": "r.started_at",
    "ended_at": "r.ended_at",
    "name": "r.name COLLATE NOCASE",
    "status": "r.status",
    "kind": "r.kind",
    "dataset": "r.dataset",
    "model": "r.model",
    "device": "r.device",
    "epochs_done": "r.epochs_done",
    "dev_accuracy": "r.dev_accuracy",
    "test_accuracy": "r.test_accuracy",
    "samples_per_s": "r.samples_per_s",
    "wall_seconds": "r.wall_seconds",
    "score": "r.score",
}
SUMMARY_COLUMNS = (
    "id",
    "uid",
    "kind",
    "name",
    "status",
    "started_at",
    "ended_at",
    "dataset",
    "model",
    "device",
    "epochs_planned",
    "epochs_done",
    "steps",
    "samples_seen",
    "train_loss",
    "train_accuracy",
    "dev_loss",
    "dev_accuracy",
    "test_loss",
    "test_accuracy",
    "samples_per_s",
    "train_seconds",
    "wall_seconds",
    "score",
    "env_sha256",
    "error",
)
SELECT_SUMMARY = (
    f"SELECT {', '.join('r.' + c for c in SUMMARY_COLUMNS)}, "
    "(SELECT group_concat(tag, char(31)) FROM run_tags t WHERE t.run_id = r.id) AS tags, "
    "EXISTS (SELECT 1 FROM cards c WHERE c.run_id = r.id) AS has_card "
    "FROM runs r"
)


class StoreError(Exception):
    """The store cannot do what was asked; the message is one line for the user."""


class RunNotFound(StoreError, LookupError):
    def __init__(self, run_id: Any) -> None:
        super().__init__(
            _("no run with id {run} in the store (see `{prog} runs list`)").format(
                run=repr(run_id), prog=program_name()
            )
        )
        self.run_id = run_id


class CardNotFound(StoreError, LookupError):
    pass


@dataclass(frozen=True)
class RunFilter:
    """What the history view filters on; every field is optional (``None`` = any)."""

    status: str | Sequence[str] | None = None
    kind: str | None = None
    dataset: str | None = None
    model: str | None = None
    device: str | None = None
    tag: str | None = None
    text: str | None = None  # substring of the name, model or dataset (case-insensitive)
    started_after: float | None = None
    started_before: float | None = None


@dataclass(frozen=True)
class RunSummary:
    """One row of the run list: the figures shown in a table, no series."""

    id: int
    uid: str
    kind: str
    name: str
    status: str
    started_at: float
    ended_at: float | None
    dataset: str | None
    model: str | None
    device: str | None
    epochs_planned: int | None
    epochs_done: int
    steps: int
    samples_seen: int
    train_loss: float | None
    train_accuracy: float | None
    dev_loss: float | None
    dev_accuracy: float | None
    test_loss: float | None
    test_accuracy: float | None
    samples_per_s: float | None
    train_seconds: float | None
    wall_seconds: float | None
    score: float | None
    env_sha256: str | None
    error: str | dict[str, Any] | None  # a stored Message (engine.i18n.message), or text
    tags: tuple[str, ...] = ()
    has_card: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = {name: getattr(self, name) for name in SUMMARY_COLUMNS}
        d["tags"] = list(self.tags)
        d["has_card"] = self.has_card
        return d


@dataclass
class RunRecord:
    """Everything stored about one run (what the history view's detail pane shows).

    ``batches`` is column-oriented (``{"step": [...], "loss": [...], ...}``) and, like
    ``samples`` (telemetry snapshots as dicts), downsampled to a bounded size.
    """

    summary: RunSummary
    config: dict[str, Any]
    info: dict[str, Any]
    environment: dict[str, Any] | None
    epochs: list[dict[str, Any]] = field(default_factory=list)
    batches: dict[str, list[Any]] = field(default_factory=dict)
    batch_stride: int = 1
    samples: list[dict[str, Any]] = field(default_factory=list)
    sample_stride: int = 1
    report: dict[str, Any] | None = None
    confusion_matrix: list[list[int]] | None = None
    misclassified: list[dict[str, Any]] = field(default_factory=list)
    result: dict[str, Any] | None = None
    card: dict[str, Any] | None = None
    card_id: int | None = None

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def scores(self) -> list[dict[str, Any]]:
        """A finished training run's own scores as it stored them (AI suanli with C, R and
        S, achieved TFLOP/s, samples/s, samples/J): ``{name, value, unit, ...}`` each."""
        raw = (self.result or {}).get("scores") if isinstance(self.result, dict) else None
        if not isinstance(raw, list):
            return []
        return [s for s in raw if isinstance(s, dict) and isinstance(s.get("name"), str)]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary.to_dict(),
            "scores": self.scores,
            "config": self.config,
            "info": self.info,
            "environment": self.environment,
            "epochs": self.epochs,
            "batches": self.batches,
            "batch_stride": self.batch_stride,
            "samples": self.samples,
            "sample_stride": self.sample_stride,
            "report": self.report,
            "confusion_matrix": self.confusion_matrix,
            "misclassified": self.misclassified,
            "card": self.card,
            "card_id": self.card_id,
        }


@dataclass(frozen=True)
class CardRow:
    id: int
    sha256: str
    run_id: int | None
    origin: str
    source_name: str | None
    added_at: float
    label: str
    score: float | None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def dumps(obj: Any) -> str:
    """JSON for storage (NaN allowed: a diverged loss is still a fact worth keeping)."""
    return json_dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(obj: Any) -> Any:
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if hasattr(obj, "tolist"):  # NumPy arrays and scalars
        return obj.tolist()
    if isinstance(obj, tuple | set | frozenset):
        return list(obj)
    return str(obj)


def loads(text: str | None) -> Any:
    """A JSON column's value; ``None`` (with a warning in the log) for a damaged one, so one
    damaged row does not hide the rest of the store."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError as exc:
        logging.getLogger(__name__).warning("a damaged JSON value in the store: %s", exc)
        return None


def message_column(value: Any) -> str | None:
    """What a text column (a run's ``error``) holds for ``value``: a stored Message as its
    JSON, text as it is."""
    if value is None:
        return value
    if isinstance(value, str):
        return text_column(value)
    return dumps(value)


def column_message(text: str | None) -> str | dict[str, Any] | None:
    """A text column's value back: a stored Message's dict, or the text as it is (an
    exception's text, or English stored by an older version)."""
    if text is None or not text.startswith("{"):
        return text
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if is_stored(value) else text


def finite_or_none(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def where_clause(f: RunFilter) -> tuple[str, tuple]:
    conds: list[str] = []
    args: list[Any] = []
    if f.status is not None:
        statuses = [f.status] if isinstance(f.status, str) else list(f.status)
        conds.append(f"r.status IN ({', '.join('?' * len(statuses))})")
        args += statuses
    for col in ("kind", "dataset", "model", "device"):
        value = getattr(f, col)
        if value is not None:
            conds.append(f"r.{col} = ?")
            args.append(value)
    if f.tag is not None:
        conds.append("EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = ?)")
        args.append(f.tag)
    if f.text:
        pattern = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(
            "(r.name LIKE ? ESCAPE '\\' OR r.model LIKE ? ESCAPE '\\' "
            "OR r.dataset LIKE ? ESCAPE '\\')"
        )
        args += [pattern] * 3
    if f.started_after is not None:
        conds.append("r.started_at >= ?")
        args.append(f.started_after)
    if f.started_before is not None:
        conds.append("r.started_at < ?")
        args.append(f.started_before)
    return ("WHERE " + " AND ".join(conds) if conds else ""), tuple(args)


def summary_from_row(row: sqlite3.Row) -> RunSummary:
    d = {c: row[c] for c in SUMMARY_COLUMNS}
    d["error"] = column_message(d["error"])
    tags = row["tags"]
    return RunSummary(
        **d, tags=tuple(sorted(tags.split("\x1f"))) if tags else (), has_card=bool(row["has_card"])
    )


def text_column(text: str) -> str:
    """``text`` as a plain text column can hold it: a lone surrogate (a file name that is
    not UTF-8, decoded by Python) becomes U+FFFD; JSON columns keep it exactly instead
    (:func:`dumps`)."""
    return _SURROGATE.sub("\ufffd", text)


def clean_name(name: str) -> str:
    if not isinstance(name, str):
        raise StoreError(f"a run name must be text, not {type(name).__name__}")
    name = text_column(" ".join(name.split()))  # no newlines or control whitespace
    if len(name) > MAX_NAME:
        raise StoreError(f"a run name is at most {MAX_NAME} characters (got {len(name)})")
    return name


def clean_tags(tags: Iterable[str]) -> list[str]:
    out: list[str] = []
    for tag in tags:
        if not isinstance(tag, str):
            raise StoreError(f"a tag must be text, not {type(tag).__name__}")
        tag = text_column(" ".join(tag.split()))
        if not tag:
            continue
        if len(tag) > MAX_TAG:
            raise StoreError(f"a tag is at most {MAX_TAG} characters: {tag[:20]!r}…")
        if tag not in out:
            out.append(tag)
    if len(out) > MAX_TAGS:
        raise StoreError(f"a run has at most {MAX_TAGS} tags (got {len(out)})")
    return out
