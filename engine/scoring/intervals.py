"""Estimators and 95 % intervals for measured figures, and verdicts on ratios.

One estimator for every timed figure: the **median of short windows**. Each window times
the same work; the median is what the machine does in a typical window, and one window
disturbed by a neighbour moves it by at most one rank (a mean moves with every outlier,
a maximum rewards luck). Its interval is **distribution-free**: the order statistics
``x(k) <= median <= x(n-k+1)`` whose binomial coverage is at least 95 % (no assumption
about the shape of the windows' spread, no random resampling, the same answer every
time). With fewer than 6 windows no such pair reaches 95 %; the interval is then
``[min, max]`` and its true coverage (``1 - 2 * 0.5**n``) is stated.

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


def _binom_cdf(k: int, n: int) -> float:
    """P(X <= k) for X ~ Binomial(n, 1/2)."""
    return math.fsum(math.comb(n, i) for i in range(k + 1)) / 2.0**n


def median_rank(n: int, confidence: float = CONFIDENCE) -> int | None:
    """The largest k (1-based) such that ``[x(k), x(n-k+1)]`` covers the median with at
    least ``confidence``; None when even ``[min, max]`` does not."""
    best = None
    for k in range(1, n // 2 + 1):
        coverage = 1.0 - 2.0 * _binom_cdf(k - 1, n)
        if coverage >= confidence:
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


def quantile_ci(
    values: Iterable[Any], q: float, confidence: float = CONFIDENCE
) -> tuple[float, float] | None:
    """Interval for the ``q`` quantile (0 < q < 1) from order statistics: ranks ``n q -+
    z sqrt(n q (1 - q))`` (the normal approximation of the binomial), clipped to the
    sample; the median uses :func:`median_ci`'s exact ranks. None for fewer than 2 values."""
    if abs(q - 0.5) < 1e-12:
        return median_ci(values, confidence)
    xs = sorted(_finite(values))
    n = len(xs)
    if n < 2:
        return None
    z = Z95 if confidence == CONFIDENCE else _z(confidence)
    half = z * math.sqrt(n * q * (1 - q))
    lo = max(0, math.floor(n * q - half) - 1)
    hi = min(n - 1, math.ceil(n * q + half))
    return xs[lo], xs[hi]


def _z(confidence: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + confidence / 2)


def interval_coverage(n: int, confidence: float = CONFIDENCE) -> float | None:
    """The coverage :func:`median_ci` really has for ``n`` values."""
    if n < 2:
        return None
    k = median_rank(n, confidence) or 1
    return 1.0 - 2.0 * _binom_cdf(k - 1, n)


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
