"""Compute-power scores: pure functions, each one formula of ``docs/scores.md``.

Every function takes plain numbers and returns a float, or ``None`` when an input is not
available (``None``), not a finite number, negative where that makes no sense, or a
denominator is zero. None of them raises on such inputs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from engine.paths import resource_path
from engine.scoring import intervals

Number = float | int
MaybeNumber = Number | None

REFERENCE_PROFILE_PATH = resource_path("reference_profile.json")
REFERENCE_SCHEMA = "suanli.reference-profile"
COMPOSITE_SCALE = 1000.0


def _num(x: Any) -> float | None:
    """``x`` as a finite float, else None (bools are not numbers here)."""
    if isinstance(x, bool) or not isinstance(x, int | float):
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _nonneg(x: Any) -> float | None:
    v = _num(x)
    return v if v is not None and v >= 0 else None


def _pos(x: Any) -> float | None:
    v = _num(x)
    return v if v is not None and v > 0 else None


def _ratio(numerator: Any, denominator: Any) -> float | None:
    n, d = _nonneg(numerator), _pos(denominator)
    return None if n is None or d is None else n / d


# --------------------------------------------------------------------------- FLOP totals


def training_flops(train_per_sample: MaybeNumber, samples_seen: MaybeNumber) -> float | None:
    """C = training FLOPs per sample (forward + backward + update/batch) x samples seen."""
    a, n = _nonneg(train_per_sample), _nonneg(samples_seen)
    return None if a is None or n is None else a * n


def training_flops_from_steps(
    forward_backward_per_sample: MaybeNumber,
    update_per_step: MaybeNumber,
    samples_seen: MaybeNumber,
    steps: MaybeNumber,
) -> float | None:
    """C counted exactly when the last batch is short: fwd+bwd x samples + update x steps."""
    fb, up = _nonneg(forward_backward_per_sample), _nonneg(update_per_step)
    n, s = _nonneg(samples_seen), _nonneg(steps)
    if fb is None or up is None or n is None or s is None:
        return None
    return fb * n + up * s


def inference_flops(inference_per_sample: MaybeNumber, samples: MaybeNumber) -> float | None:
    """R = forward FLOPs per sample x samples evaluated (the test set)."""
    return training_flops(inference_per_sample, samples)


# --------------------------------------------------------------------------- AI suanli


def ai_suanli(
    train_flops: MaybeNumber, inference_flops: MaybeNumber, model_bytes: MaybeNumber
) -> float | None:
    """The article's AI算力 = (C + R) / S, in FLOP/byte."""
    c, r = _nonneg(train_flops), _nonneg(inference_flops)
    if c is None or r is None:
        return None
    return _ratio(c + r, model_bytes)


def ai_suanli_per_sample(
    train_flops: MaybeNumber,
    n_train: MaybeNumber,
    inference_flops: MaybeNumber,
    n_test: MaybeNumber,
    model_bytes: MaybeNumber,
) -> float | None:
    """Per-sample form (C / n_train + R / n_test) / S, in FLOP/byte (independent of epochs)."""
    c, r = _ratio(train_flops, n_train), _ratio(inference_flops, n_test)
    if c is None or r is None:
        return None
    return _ratio(c + r, model_bytes)


# --------------------------------------------------------------------------- speed, energy


def achieved_tflops(flops: MaybeNumber, seconds: MaybeNumber) -> float | None:
    """Achieved TFLOP/s = FLOPs / seconds / 1e12."""
    r = _ratio(flops, seconds)
    return None if r is None else r / 1e12


def samples_per_second(samples: MaybeNumber, seconds: MaybeNumber) -> float | None:
    return _ratio(samples, seconds)


def run_samples_per_second(epochs: Iterable[Mapping[str, Any]]) -> float | None:
    """A training run's ``train_samples_per_s``: samples trained / seconds in training
    steps, over every epoch it finished (a resumed run's earlier epochs too). Each epoch's
    ``samples_per_s`` x ``seconds`` is its samples; dev evaluation, checkpoints and pauses
    are not in ``seconds``; the first epoch's tracing is."""
    samples = seconds = 0.0
    for e in epochs:
        rate, secs = _nonneg(e.get("samples_per_s")), _pos(e.get("seconds"))
        if rate is None or secs is None:
            continue
        samples += rate * secs
        seconds += secs
    return _ratio(samples, seconds)


def training_seconds(epochs: Iterable[Mapping[str, Any]]) -> float | None:
    """Seconds in training steps over every finished epoch (see :func:`run_samples_per_second`)."""
    total = math.fsum(_pos(e.get("seconds")) or 0.0 for e in epochs)
    return total if total > 0 else None


def efficiency_percent(achieved: MaybeNumber, peak: MaybeNumber) -> float | None:
    """100 x achieved / measured peak (both in the same unit, e.g. TFLOP/s)."""
    r = _ratio(achieved, peak)
    return None if r is None else 100.0 * r


def samples_per_joule(samples: MaybeNumber, energy_j: MaybeNumber) -> float | None:
    return _ratio(samples, energy_j)


# --------------------------------------------------------------------------- composite


def sub_score_ratio(
    measured: MaybeNumber, reference: MaybeNumber, higher_is_better: bool = True
) -> float | None:
    """measured / reference (or reference / measured when lower is better); > 1 is better."""
    m, r = _pos(measured), _pos(reference)
    if m is None or r is None:
        return None
    return m / r if higher_is_better else r / m


def geometric_mean(values: Iterable[MaybeNumber]) -> float | None:
    """Geometric mean of positive numbers; None if any is missing or not positive, or none."""
    logs = []
    for v in values:
        p = _pos(v)
        if p is None:
            return None
        logs.append(math.log(p))
    return math.exp(math.fsum(logs) / len(logs)) if logs else None


def composite_detail(
    measured: Mapping[str, MaybeNumber], reference: Mapping[str, Any]
) -> dict[str, Any]:
    """The composite Suanli score and how it was formed.

    ``reference`` is a reference profile (see :func:`load_reference_profile`). Sub-scores
    with ``in_composite`` count; ``score`` = 1000 x geometric mean of their ratios
    (:func:`sub_score_ratio`). A missing ``optional`` sub-score (e.g. energy on a machine
    without an energy counter, or missing from the reference) is left out and listed in
    ``missing``; a missing required one, measured or reference (a placeholder not yet
    filled in), makes ``score`` None.
    """
    ratios: dict[str, float | None] = {}
    used: list[str] = []
    missing: list[str] = []
    complete = True
    for name, spec in reference.get("sub_scores", {}).items():
        if not spec.get("in_composite", False):
            continue
        ratio = sub_score_ratio(
            measured.get(name), spec.get("value"), bool(spec.get("higher_is_better", True))
        )
        ratios[name] = ratio
        if ratio is not None:
            used.append(name)
        else:
            missing.append(name)
            if not spec.get("optional", False):
                complete = False
    mean = geometric_mean(ratios[n] for n in used) if complete else None
    return {
        "score": None if mean is None else COMPOSITE_SCALE * mean,
        "ratios": ratios,
        "used": used,
        "missing": missing,
    }


def composite_with_ci(
    measured: Mapping[str, tuple[MaybeNumber, Any]], reference: Mapping[str, Any]
) -> dict[str, Any]:
    """:func:`composite_detail` plus the composite's 95 % interval.

    ``measured`` maps each sub-score's name to ``(value, ci95)`` (``ci95`` a ``[low,
    high]`` pair or None). The used ratios' log spreads (their windows' intervals) are
    propagated (:mod:`engine.scoring.intervals`), then widened by the reference's
    between-suite spread of the composite itself (``composite.repeat_cv_percent``): on a
    shared host the sub-scores slow down together, so their own floors, combined as if
    independent, would understate it. A reference without that spread widens each ratio by
    its sub-score's ``repeat_cv_percent`` instead. ``ci95`` is None when the score is.
    """
    detail = composite_detail({n: v for n, (v, _ci) in measured.items()}, reference)
    specs = reference.get("sub_scores", {})
    own_floor = repeat_floor(reference.get("composite", {}))
    spreads = []
    for name in detail["used"]:
        value, ci = measured[name]
        floor = 0.0 if own_floor else repeat_floor(specs.get(name, {}))
        spreads.append(intervals.log_spread(value, ci, floor))
    ci95 = intervals.composite_ci(detail["score"], spreads)
    if ci95 is not None and own_floor:
        score = detail["score"]
        ci95 = intervals.from_log_spread(score, intervals.log_spread(score, ci95, own_floor))
    detail["ci95"] = ci95
    return detail


def repeat_floor(spec: Mapping[str, Any]) -> float:
    """A reference sub-score's between-suite spread as a fraction (0 where not measured)."""
    cv = _nonneg(spec.get("repeat_cv_percent")) if isinstance(spec, Mapping) else None
    return 0.0 if cv is None else cv / 100.0


def reference_floors(reference: Mapping[str, Any]) -> dict[str, float]:
    """``{name: between-suite spread as a fraction}`` of a reference profile, plus the
    composite's as ``suanli_score``."""
    out = {n: repeat_floor(spec) for n, spec in reference.get("sub_scores", {}).items()}
    out["suanli_score"] = repeat_floor(reference.get("composite", {}))
    return out


def suanli_score(measured: Mapping[str, MaybeNumber], reference: Mapping[str, Any]) -> float | None:
    """Composite score = 1000 x geometric mean of measured/reference sub-scores."""
    return composite_detail(measured, reference)["score"]


# --------------------------------------------------------------------------- reference


def load_reference_profile(path: str | Path | None = None) -> dict[str, Any]:
    """Read and check a reference profile (default: ``resources/reference_profile.json``).

    Raises ``ValueError`` with one line naming the problem. Values may be ``null``
    (placeholder, not yet measured); filled values must be finite and positive.
    """
    path = Path(path) if path is not None else REFERENCE_PROFILE_PATH
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"reference profile {path}: cannot be read: {exc}") from None
    check_reference_profile(doc, source=str(path))
    return doc


def check_reference_profile(doc: Any, source: str = "reference profile") -> None:
    if not isinstance(doc, dict) or doc.get("schema") != REFERENCE_SCHEMA:
        raise ValueError(f"{source}: not a {REFERENCE_SCHEMA} document")
    subs = doc.get("sub_scores")
    if not isinstance(subs, dict) or not subs:
        raise ValueError(f"{source}: sub_scores must be a non-empty object")
    for name, spec in subs.items():
        if not isinstance(spec, dict):
            raise ValueError(f"{source}: sub_scores.{name} must be an object")
        value = spec.get("value")
        if value is not None and _pos(value) is None:
            raise ValueError(
                f"{source}: sub_scores.{name}.value = {value!r} is not a positive number"
            )
        for key in ("higher_is_better", "in_composite"):
            if not isinstance(spec.get(key), bool):
                raise ValueError(f"{source}: sub_scores.{name}.{key} must be true or false")
        if not isinstance(spec.get("unit"), str):
            raise ValueError(f"{source}: sub_scores.{name}.unit must be a string")
        cv = spec.get("repeat_cv_percent")
        if cv is not None and _nonneg(cv) is None:
            raise ValueError(f"{source}: sub_scores.{name}.repeat_cv_percent must be >= 0")


def reference_values(doc: Mapping[str, Any]) -> dict[str, float | None]:
    """``{name: value}`` of a reference profile."""
    return {name: spec.get("value") for name, spec in doc.get("sub_scores", {}).items()}
