"""Estimators and 95 % intervals for measured figures, and verdicts on ratios.

Timed figures are **quantiles of short windows** (which one: ``engine.benchmark.windows``,
the 90th percentile; latencies report p50 and p99). Each window times the same work; a
quantile moves by at most one rank when one window is disturbed (a mean moves with every
outlier). Its interval is **distribution-free**: the order statistics ``x(l) <= q-quantile
<= x(h)`` whose exact binomial coverage is at least 95 %, equal tails (no assumption
about the shape of the windows' spread, no random resampling, the same answer every
time). Where the sample is too small for that the ranks are clipped to ``[min, max]``;
for the median the true coverage (``1 - 2 * 0.5**n``) is stated.

Intervals travel in log space: a figure's interval is the two distances ``log(value) -
log(low)`` and ``log(high) - log(value)``; the composite (a geometric mean of k ratios)
gets ``sqrt(sum d_i**2) / k`` on each side (independent errors), and a ratio of two
figures gets ``sqrt(d_a**2 + d_b**2)``. A ``floor`` (the between-suite spread measured on
the reference machine, as a relative standard deviation) widens each figure's interval by
``1.96 * floor`` in quadrature: windows within one suite cannot see what changes between
suites (a neighbour starting, the CPU clock of the hour).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

Z95 = 1.959963984540054
CONFIDENCE = 0.95
BETTER, WORSE, WITHIN_NOISE = "better", "worse", "within noise"


def _finite(values: Iterable[Any]) -> list[float]:
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int | float):
            continue
        if math.isfinite(v):
            out.append(float(v))
    return out


def median(values: Iterable[Any]) -> float | None:
    """The median of the finite numbers in ``values``; None when there are none."""
    xs = sorted(_finite(values))
    n = len(xs)
    if not n:
        return None
    mid = n // 2
    return xs[mid] if n % 2 else (xs[mid - 1] + xs[mid]) / 2


def _binom_cdfs(n: int, p: float) -> list[float]:
    """``[P(X <= k) for k in 0..n]`` for X ~ Binomial(n, p), summed in log space."""
    if p <= 0.0 or p >= 1.0:
        return [1.0 if p <= 0.0 or k == n else 0.0 for k in range(n + 1)]
    lp, lq, log_n_fact = math.log(p), math.log1p(-p), math.lgamma(n + 1)
    out, acc = [], 0.0
    for k in range(n + 1):
        log_pmf = log_n_fact - math.lgamma(k + 1) - math.lgamma(n - k + 1)
        acc += math.exp(log_pmf + k * lp + (n - k) * lq)
        out.append(min(1.0, acc))
    return out


def median_rank(n: int, confidence: float = CONFIDENCE) -> int | None:
    """The largest k (1-based) such that ``[x(k), x(n-k+1)]`` covers the median with at
    least ``confidence``; None when even ``[min, max]`` does not."""
    cdf = _binom_cdfs(n, 0.5)
    best = None
    for k in range(1, n // 2 + 1):
        if 1.0 - 2.0 * cdf[k - 1] >= confidence:
            best = k
        else:
            break
    return best


def median_ci(values: Iterable[Any], confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    """Distribution-free interval for the median of ``values`` (see the module text);
    ``[min, max]`` when there are too few values for ``confidence``; None for fewer than 2."""
    xs = sorted(_finite(values))
    n = len(xs)
    if n < 2:
        return None
    k = median_rank(n, confidence) or 1
    return xs[k - 1], xs[n - k]


def quantile(values: Iterable[Any], q: float) -> float | None:
    """The ``q`` quantile (0 < q < 1) of the finite numbers in ``values``, interpolated
    between the two nearest order statistics as ``numpy.percentile`` does; None when
    there are none."""
    xs = sorted(_finite(values))
    n = len(xs)
    if not n:
        return None
    pos = q * (n - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, n - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def quantile_ranks(n: int, q: float, confidence: float = CONFIDENCE) -> tuple[int, int]:
    """0-based ranks ``(lo, hi)`` whose order statistics ``[x(lo), x(hi)]`` hold the ``q``
    quantile with at least ``confidence`` (exact binomial, equal tails), clipped to the
    sample (so for few values near the edge the true coverage is lower)."""
    cdf = _binom_cdfs(n, q)
    tail = (1.0 - confidence) / 2
    # x(lo) lies above the quantile when at most lo values fall below it: P(B <= lo)
    lo = 0
    for k in range(n):
        if cdf[k] > tail:
            break
        lo = k
    # x(hi) lies below it when more than hi values do: 1 - P(B <= hi)
    hi = n - 1
    for k in range(n - 1, -1, -1):
        if cdf[k] >= 1.0 - tail:
            hi = k
    return lo, hi


def quantile_ci(
    values: Iterable[Any], q: float, confidence: float = CONFIDENCE
) -> tuple[float, float] | None:
    """Distribution-free interval for the ``q`` quantile (0 < q < 1) from order
    statistics (:func:`quantile_ranks`); the median uses :func:`median_ci`'s ranks.
    None for fewer than 2 values."""
    if abs(q - 0.5) < 1e-12:
        return median_ci(values, confidence)
    xs = sorted(_finite(values))
    n = len(xs)
    if n < 2:
        return None
    lo, hi = quantile_ranks(n, q, confidence)
    return xs[lo], xs[hi]


def interval_coverage(n: int, confidence: float = CONFIDENCE) -> float | None:
    """The coverage :func:`median_ci` really has for ``n`` values."""
    if n < 2:
        return None
    k = median_rank(n, confidence) or 1
    return 1.0 - 2.0 * _binom_cdfs(n, 0.5)[k - 1]


def cv_percent(values: Iterable[Any]) -> float | None:
    """Sample standard deviation over mean, in percent (None for fewer than 2 values)."""
    xs = _finite(values)
    if len(xs) < 2:
        return None
    m = math.fsum(xs) / len(xs)
    if m == 0:
        return None
    var = math.fsum((x - m) ** 2 for x in xs) / (len(xs) - 1)
    return 100.0 * math.sqrt(var) / abs(m)


# --------------------------------------------------------------------------- log space


def log_spread(
    value: float | None, ci: Sequence[float] | None, floor: float = 0.0
) -> tuple[float, float] | None:
    """``(down, up)``: the interval as distances in log space, widened by ``floor`` (a
    relative standard deviation) in quadrature. None when ``value`` is not positive.
    Without an interval the spread is the floor's alone."""
    if value is None or not math.isfinite(value) or value <= 0:
        return None
    down = up = 0.0
    if ci is not None and len(ci) == 2 and ci[0] is not None and ci[1] is not None:
        lo, hi = float(ci[0]), float(ci[1])
        if lo > 0:
            down = max(0.0, math.log(value) - math.log(lo))
        else:
            down = math.inf
        up = max(0.0, math.log(hi) - math.log(value)) if hi > 0 else 0.0
    f = Z95 * max(0.0, floor)
    return math.hypot(down, f), math.hypot(up, f)


def from_log_spread(value: float, spread: tuple[float, float]) -> list[float]:
    down, up = spread
    return [value * math.exp(-down) if math.isfinite(down) else 0.0, value * math.exp(up)]


def composite_ci(
    score: float | None, spreads: Sequence[tuple[float, float] | None]
) -> list[float] | None:
    """The interval of a geometric-mean composite from its k ratios' log spreads (each
    ``(down, up)`` of the ratio, already turned for lower-is-better figures)."""
    if score is None or not spreads or any(s is None for s in spreads):
        return None
    k = len(spreads)
    down = math.sqrt(math.fsum(s[0] ** 2 for s in spreads)) / k  # type: ignore[index]
    up = math.sqrt(math.fsum(s[1] ** 2 for s in spreads)) / k  # type: ignore[index]
    return from_log_spread(score, (down, up))


def ratio_ci(
    base: float | None,
    base_ci: Sequence[float] | None,
    other: float | None,
    other_ci: Sequence[float] | None,
    floor: float = 0.0,
) -> list[float] | None:
    """The interval of ``other / base``, each side widened by ``floor``."""
    a, b = log_spread(base, base_ci, floor), log_spread(other, other_ci, floor)
    if a is None or b is None or base is None or other is None:
        return None
    ratio = other / base
    # other/base is low when other is low and base is high
    return from_log_spread(ratio, (math.hypot(b[0], a[1]), math.hypot(b[1], a[0])))


def verdict(ratio_interval: Sequence[float] | None, higher_is_better: bool = True) -> str | None:
    """``"better"``, ``"worse"`` or ``"within noise"`` for an interval of ``other / base``;
    None when there is no interval."""
    if ratio_interval is None:
        return None
    lo, hi = ratio_interval
    if lo > 1.0:
        return BETTER if higher_is_better else WORSE
    if hi < 1.0:
        return WORSE if higher_is_better else BETTER
    return WITHIN_NOISE
