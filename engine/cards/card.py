"""The score card: one JSON document per benchmark run, comparable across machines.

A card names what ran (config and dataset hashes, suite version), where (environment
fingerprint) and what came out (every sub-score with its raw samples, and the composite
Suanli score). :func:`card_from_json` checks a document strictly -- required fields,
types, finite numbers, hashes that match their content -- and raises :class:`CardError`
with one line naming the first problem.

Document layout (``schema_version`` 2; version 1 is the same without the fields marked v2)::

    {
      "schema": "suanli.score-card", "schema_version": 2,
      "suite_version": "1", "created_utc": "2026-01-01T12:00:00Z",
      "config": {...}, "config_sha256": "<sha256 of config as canonical JSON>",
      "dataset_sha256": "<64 hex>",
      "environment": {"facts": {...}, "sha256": "<sha256 of facts>"},
      "sub_scores": [{"name": "...", "value": 1.5, "unit": "samples/s",
                      "higher_is_better": true, "samples": [1.4, 1.5, 1.6],
                      "ci95": [1.4, 1.6]}, ...],                        # ci95: v2
      "suanli_score": 1234.5, "suanli_score_ci95": [1200.0, 1270.0],  # v2
      "reference_profile": "suanli-reference-v1",
      "interference": {"verdict": "quiet", ...},                      # v2
      "extra": {...},
      "content_sha256": "<sha256 of everything above as canonical JSON>"  # v2
    }

The content hash covers the figures, their samples and intervals, the config, the
dataset identity, the environment and ``extra``: a card edited by hand no longer matches
it and is refused. (A hash is not a signature: it catches edits and damage, not a forger
who recomputes it; importing also recomputes the composite from the sub-scores and checks
that each figure lies within its own samples.) The published JSON Schema is
``docs/card.schema.json``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from engine.hashing import canonical_json, json_sha256
from engine.i18n import N_

SCHEMA = "suanli.score-card"
SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# Notes a card's ``extra`` may hold, with their labels (shown by the CLI and the HTML report).
CARD_NOTES = (
    ("input_verdict", N_("input verdict")),
    ("energy_note", N_("energy note")),
    ("time_to_accuracy_note", N_("time to accuracy note")),
)
SUB_SCORE_KEYS_V1 = ("name", "value", "unit", "higher_is_better", "samples")
SUB_SCORE_KEYS = (*SUB_SCORE_KEYS_V1, "ci95")
CARD_KEYS_V1 = (
    "schema",
    "schema_version",
    "suite_version",
    "created_utc",
    "config",
    "config_sha256",
    "dataset_sha256",
    "environment",
    "sub_scores",
    "suanli_score",
    "reference_profile",
    "extra",
)
CARD_KEYS = (
    *CARD_KEYS_V1[:10],
    "suanli_score_ci95",
    "reference_profile",
    "interference",
    "extra",
    "content_sha256",
)
# A figure may lie this far outside its samples' range (rounding of a median of two).
SAMPLE_RANGE_SLACK = 1e-9


def card_keys(version: int) -> tuple[str, ...]:
    """The fields of a card of ``schema_version`` ``version``."""
    return CARD_KEYS_V1 if version == 1 else CARD_KEYS


def sub_score_keys(version: int) -> tuple[str, ...]:
    return SUB_SCORE_KEYS_V1 if version == 1 else SUB_SCORE_KEYS


class CardError(ValueError):
    """A score card is malformed; the message is one line naming the field."""


@dataclass(frozen=True)
class SubScore:
    """One measured figure: ``value`` (``None`` = not available here) and its raw samples."""

    name: str
    value: float | None
    unit: str
    higher_is_better: bool = True
    samples: tuple[float, ...] = ()
    ci95: tuple[float, float] | None = None  # the value's 95 % interval (v2)

    def to_dict(self, version: int = SCHEMA_VERSION) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "higher_is_better": self.higher_is_better,
            "samples": list(self.samples),
        }
        if version >= 2:
            out["ci95"] = None if self.ci95 is None else list(self.ci95)
        return out


@dataclass(frozen=True)
class ScoreCard:
    suite_version: str
    created_utc: str
    config: dict[str, Any]
    config_sha256: str
    dataset_sha256: str
    environment: dict[str, Any]
    sub_scores: tuple[SubScore, ...]
    suanli_score: float | None = None
    reference_profile: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION
    suanli_score_ci95: tuple[float, float] | None = None
    interference: dict[str, Any] | None = None
    content_sha256: str | None = None

    @property
    def has_uncertainty(self) -> bool:
        """False for a version-1 card: its figures carry no intervals."""
        return self.schema_version >= 2

    def sub_score(self, name: str) -> SubScore | None:
        return next((s for s in self.sub_scores if s.name == name), None)

    def values(self) -> dict[str, float | None]:
        """``{name: value}`` of every sub-score (what :func:`engine.scoring.score.suanli_score` takes)."""
        return {s.name: s.value for s in self.sub_scores}

    def to_dict(self) -> dict[str, Any]:
        v = self.schema_version
        doc: dict[str, Any] = {
            "schema": SCHEMA,
            "schema_version": v,
            "suite_version": self.suite_version,
            "created_utc": self.created_utc,
            "config": self.config,
            "config_sha256": self.config_sha256,
            "dataset_sha256": self.dataset_sha256,
            "environment": self.environment,
            "sub_scores": [s.to_dict(v) for s in self.sub_scores],
            "suanli_score": self.suanli_score,
            "suanli_score_ci95": _pair(self.suanli_score_ci95),
            "reference_profile": self.reference_profile,
            "interference": self.interference,
            "extra": self.extra,
            "content_sha256": self.content_sha256,
        }
        return {k: doc[k] for k in card_keys(v)}


def content_sha256(doc: Mapping[str, Any]) -> str:
    """The content hash of a card document: sha256 of every field but the hash itself, as
    canonical JSON."""
    return json_sha256({k: v for k, v in doc.items() if k != "content_sha256"})


def _pair(value: Any) -> list[float] | None:
    return None if value is None else [float(value[0]), float(value[1])]


def make_card(
    *,
    suite_version: str,
    config: Mapping[str, Any] | Any,
    dataset_sha256: str,
    environment: Mapping[str, Any],
    sub_scores: Iterable[SubScore | Mapping[str, Any]],
    suanli_score: float | None = None,
    reference_profile: str | None = None,
    extra: Mapping[str, Any] | None = None,
    created_utc: str | None = None,
    suanli_score_ci95: Iterable[float] | None = None,
    interference: Mapping[str, Any] | None = None,
) -> ScoreCard:
    """Build and validate a card. ``config`` may be a mapping or have ``to_dict()``
    (a ``RunConfig``); ``environment`` is :func:`engine.telemetry.inventory.environment_fingerprint`'s
    result. Raises :class:`CardError` if anything would not survive :func:`card_from_json`.
    """
    if not isinstance(config, Mapping) and hasattr(config, "to_dict"):
        config = config.to_dict()
    try:
        config_plain = json.loads(canonical_json(config))
        extra_plain = json.loads(canonical_json(dict(extra or {})))
        env_plain = json.loads(canonical_json(dict(environment)))
        interference_plain = (
            None if interference is None else json.loads(canonical_json(dict(interference)))
        )
    except (TypeError, ValueError) as exc:
        raise CardError(f"score card: not JSON-able: {exc}") from None
    doc = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "suite_version": suite_version,
        "created_utc": created_utc or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "config": config_plain,
        "config_sha256": json_sha256(config_plain),
        "dataset_sha256": dataset_sha256,
        "environment": env_plain,
        "sub_scores": [_sub_doc(s) for s in sub_scores],
        "suanli_score": _as_float(suanli_score),
        "suanli_score_ci95": None
        if suanli_score_ci95 is None
        else [_as_float(x) for x in suanli_score_ci95],
        "reference_profile": reference_profile,
        "interference": interference_plain,
        "extra": extra_plain,
    }
    try:
        doc["content_sha256"] = content_sha256(doc)
    except (TypeError, ValueError):  # not JSON-able: card_from_dict names the field
        doc["content_sha256"] = "0" * 64
    return card_from_dict(doc)


def _sub_doc(s: SubScore | Mapping[str, Any]) -> dict[str, Any]:
    doc = s.to_dict() if isinstance(s, SubScore) else dict(s)
    doc.setdefault("ci95", None)
    # numbers as the card reads them back (floats), so the content hash survives the trip
    doc["value"] = _as_float(doc.get("value"))
    for key in ("samples", "ci95"):
        if isinstance(doc.get(key), list | tuple):
            doc[key] = [_as_float(x) for x in doc[key]]
    return doc


def _as_float(x: Any) -> Any:
    """An int as the float :func:`card_from_dict` makes of it; anything else unchanged (the
    reader names what is wrong with it)."""
    return float(x) if isinstance(x, int) and not isinstance(x, bool) else x


def sealed(card: ScoreCard, **changes: Any) -> ScoreCard:
    """``card`` with ``changes`` (e.g. a recomputed ``suanli_score``) and, for a version-2
    card, its content hash made again; validated like any card."""
    doc = card.to_dict()
    doc.update(changes)
    if card.schema_version >= 2:
        doc["content_sha256"] = content_sha256(doc)
    return card_from_dict(json.loads(canonical_json(doc)))


def card_to_json(card: ScoreCard, indent: int | None = 2) -> str:
    return json.dumps(card.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)


def card_from_json(text: str) -> ScoreCard:
    """Parse and strictly validate a card. Raises :class:`CardError`."""

    def _no_constants(name: str) -> Any:
        raise CardError(f"score card: {name} is not allowed (numbers must be finite)")

    try:
        doc = json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise CardError(
            f"score card: not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    return card_from_dict(doc)


def card_from_dict(doc: Any) -> ScoreCard:
    """Validate a parsed card document and build the :class:`ScoreCard`."""
    _expect(isinstance(doc, dict), "", "must be a JSON object")
    version = doc.get("schema_version")
    _expect(
        _is_int(version) and version in READABLE_VERSIONS,
        "schema_version",
        f"must be 1 or {SCHEMA_VERSION} (the versions this Suanli reads)",
    )
    keys = card_keys(version)
    missing = [k for k in keys if k not in doc]
    _expect(not missing, missing[0] if missing else "", "is missing")
    unknown = sorted(set(doc) - set(keys))
    _expect(not unknown, unknown[0] if unknown else "", "is not a score-card field")
    _expect(doc["schema"] == SCHEMA, "schema", f"must be {SCHEMA!r}")
    _expect(_nonempty_str(doc["suite_version"]), "suite_version", "must be a non-empty string")
    _expect(_is_timestamp(doc["created_utc"]), "created_utc", "must be an ISO 8601 UTC time")

    _expect(isinstance(doc["config"], dict), "config", "must be an object")
    _check_json("config", doc["config"])
    _expect(_is_hex64(doc["config_sha256"]), "config_sha256", "must be 64 lowercase hex digits")
    _expect(
        doc["config_sha256"] == json_sha256(doc["config"]),
        "config_sha256",
        "does not match the config",
    )
    _expect(_is_hex64(doc["dataset_sha256"]), "dataset_sha256", "must be 64 lowercase hex digits")

    env = doc["environment"]
    _expect(
        isinstance(env, dict) and set(env) == {"facts", "sha256"},
        "environment",
        'must be an object with exactly "facts" and "sha256"',
    )
    _expect(isinstance(env["facts"], dict), "environment.facts", "must be an object")
    _check_json("environment.facts", env["facts"])
    _expect(_is_hex64(env["sha256"]), "environment.sha256", "must be 64 lowercase hex digits")
    _expect(
        env["sha256"] == json_sha256(env["facts"]),
        "environment.sha256",
        "does not match environment.facts",
    )

    _expect(isinstance(doc["sub_scores"], list), "sub_scores", "must be a list")
    subs = tuple(_sub_score(i, s, version) for i, s in enumerate(doc["sub_scores"]))
    names = [s.name for s in subs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    _expect(not dupes, "sub_scores", f"name {dupes[0]!r} appears more than once" if dupes else "")

    total = doc["suanli_score"]
    _expect(
        total is None or (_is_finite(total) and total >= 0),
        "suanli_score",
        "must be a finite number >= 0 or null",
    )
    ref = doc["reference_profile"]
    _expect(ref is None or _nonempty_str(ref), "reference_profile", "must be a string or null")
    _expect(isinstance(doc["extra"], dict), "extra", "must be an object")
    _check_json("extra", doc["extra"])
    total_ci = interference = sha = None
    if version >= 2:
        total_ci = _interval("suanli_score_ci95", doc["suanli_score_ci95"], total)
        interference = doc["interference"]
        _expect(
            interference is None
            or (isinstance(interference, dict) and _nonempty_str(interference.get("verdict"))),
            "interference",
            'must be null or an object with a "verdict"',
        )
        _check_json("interference", interference)
        sha = doc["content_sha256"]
        _expect(_is_hex64(sha), "content_sha256", "must be 64 lowercase hex digits")
        _expect(
            sha == content_sha256(doc),
            "content_sha256",
            "does not match the card's content (the card was changed after it was made)",
        )

    return ScoreCard(
        schema_version=doc["schema_version"],
        suite_version=doc["suite_version"],
        created_utc=doc["created_utc"],
        config=doc["config"],
        config_sha256=doc["config_sha256"],
        dataset_sha256=doc["dataset_sha256"],
        environment=env,
        sub_scores=subs,
        suanli_score=None if total is None else float(total),
        reference_profile=ref,
        extra=doc["extra"],
        suanli_score_ci95=total_ci,
        interference=interference,
        content_sha256=sha,
    )


# --------------------------------------------------------------------------- helpers


def _sub_score(i: int, s: Any, version: int = SCHEMA_VERSION) -> SubScore:
    where = f"sub_scores[{i}]"
    _expect(isinstance(s, dict), where, "must be an object")
    keys = sub_score_keys(version)
    missing = [k for k in keys if k not in s]
    _expect(not missing, f"{where}.{missing[0]}" if missing else where, "is missing")
    unknown = sorted(set(s) - set(keys))
    _expect(not unknown, f"{where}.{unknown[0]}" if unknown else where, "is not a sub-score field")
    _expect(_nonempty_str(s["name"]), f"{where}.name", "must be a non-empty string")
    where = f"sub_scores[{s['name']}]"
    value = s["value"]
    _expect(value is None or _is_finite(value), f"{where}.value", "must be a finite number or null")
    _expect(isinstance(s["unit"], str), f"{where}.unit", "must be a string")
    _expect(
        isinstance(s["higher_is_better"], bool),
        f"{where}.higher_is_better",
        "must be true or false",
    )
    samples = s["samples"]
    _expect(
        isinstance(samples, list | tuple) and all(_is_finite(x) for x in samples),
        f"{where}.samples",
        "must be a list of finite numbers",
    )
    ci = None
    if version >= 2:
        ci = _interval(f"{where}.ci95", s["ci95"], value)
        if value is not None and samples:
            slack = SAMPLE_RANGE_SLACK * max(1.0, abs(value))
            _expect(
                min(samples) - slack <= value <= max(samples) + slack,
                f"{where}.value",
                "lies outside its own samples (the card was changed after it was made)",
            )
    return SubScore(
        name=s["name"],
        value=None if value is None else float(value),
        unit=s["unit"],
        higher_is_better=s["higher_is_better"],
        samples=tuple(float(x) for x in samples),
        ci95=ci,
    )


def _interval(where: str, ci: Any, value: Any) -> tuple[float, float] | None:
    """A ``[low, high]`` pair of finite numbers around ``value``, or null."""
    if ci is None:
        return None
    _expect(
        isinstance(ci, list | tuple) and len(ci) == 2 and all(_is_finite(x) for x in ci),
        where,
        "must be null or [low, high] (two finite numbers)",
    )
    lo, hi = float(ci[0]), float(ci[1])
    slack = SAMPLE_RANGE_SLACK * max(1.0, abs(hi))
    inside = value is None or lo - slack <= value <= hi + slack
    _expect(lo <= hi and inside, where, "must have low <= value <= high")
    return lo, hi


def _expect(ok: bool, where: str, problem: str) -> None:
    if not ok:
        prefix = f"score card: {where} " if where else "score card: "
        raise CardError(f"{prefix}{problem}")


def _check_json(where: str, value: Any) -> None:
    """Plain JSON only: string keys, finite numbers, no other types."""
    if isinstance(value, dict):
        for k, v in value.items():
            _expect(isinstance(k, str), where, f"has a non-string key {k!r}")
            _check_json(f"{where}.{k}", v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_json(f"{where}[{i}]", v)
    elif isinstance(value, float):
        _expect(math.isfinite(value), where, "must be a finite number")
    else:
        _expect(
            value is None or isinstance(value, str | int | bool),
            where,
            f"has a {type(value).__name__}",
        )


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_finite(x: Any) -> bool:
    return (_is_int(x) or isinstance(x, float)) and math.isfinite(x)


def _nonempty_str(x: Any) -> bool:
    return isinstance(x, str) and bool(x.strip())


def _is_hex64(x: Any) -> bool:
    return isinstance(x, str) and bool(_HEX64.match(x))


def _is_timestamp(x: Any) -> bool:
    if not isinstance(x, str):
        return False
    try:
        ts = datetime.fromisoformat(x)
    except ValueError:
        return False
    return ts.utcoffset() is not None and ts.utcoffset().total_seconds() == 0
