"""Timed windows: many short measurements of the same work, the disturbed ones measured
again, one estimate with its interval (``engine.scoring.intervals``).

A *window* is one call of a function that does a fixed amount of work and returns its
rate (e.g. samples/s). :class:`WindowRunner` brackets each window with the
:class:`~engine.benchmark.interference.InterferenceMonitor`, runs variants round by round
(interleaved, so a slow minute slows every variant alike) and, while the suite's
re-measure budget lasts, runs one more window for each disturbed one. The estimate keeps
the quiet windows when there are enough of them (:data:`MIN_QUIET`), else every window.

The estimate is the :data:`ESTIMATE_QUANTILE` quantile of the kept windows: what the
machine does when nothing else interferes. On a shared host the machine itself changes
speed over minutes (neighbours on the same physical cores slow its cores when they work
together, one core alone keeps its speed: ``bench/host_contention.py``; no counter in
the guest sees it), and the fast windows of a suite are much closer to the
next suite's fast windows than the typical ones are: over 15-s stretches of a 2-minute
run here, the 90th percentile varied 4.6 % (CV), the median 8.4 % (docs/scores.md, 8).
The 90th, not the maximum: one lucky window moves a maximum, and 10 % of windows is
room for one fast stretch to be many windows wide.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from engine.benchmark.interference import InterferenceMonitor, WindowLoad
from engine.scoring import intervals

MIN_QUIET = 5
#: The quantile of the kept windows that a timed figure reports (see the module text).
ESTIMATE_QUANTILE = 0.9


@dataclass
class Windows:
    """One figure's windows: rates and what else ran during each."""

    rates: list[float] = field(default_factory=list)
    loads: list[WindowLoad] = field(default_factory=list)

    def kept(self) -> tuple[list[float], list[WindowLoad]]:
        """The quiet windows when at least :data:`MIN_QUIET` are quiet, else all."""
        quiet = [(r, w) for r, w in zip(self.rates, self.loads, strict=True) if not w.disturbed]
        if len(quiet) >= MIN_QUIET or (quiet and len(quiet) == len(self.rates)):
            return [r for r, _w in quiet], [w for _r, w in quiet]
        return list(self.rates), list(self.loads)

    @property
    def value(self) -> float | None:
        return intervals.quantile(self.kept()[0], ESTIMATE_QUANTILE)

    @property
    def ci95(self) -> tuple[float, float] | None:
        return intervals.quantile_ci(self.kept()[0], ESTIMATE_QUANTILE)


class Budget:
    """Seconds the suite may spend measuring disturbed windows again."""

    def __init__(self, seconds: float) -> None:
        self.left = max(0.0, seconds)

    def spend(self, seconds: float) -> None:
        self.left -= seconds


class WindowRunner:
    def __init__(
        self,
        monitor: InterferenceMonitor,
        budget: Budget,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> None:
        self.monitor = monitor
        self.budget = budget
        self.should_stop = should_stop

    def one(self, part: str, fn: Callable[[], float], out: Windows) -> float:
        """Run one window of ``fn``; its seconds."""
        start = self.monitor.read()
        rate = fn()
        load = self.monitor.load(start, self.monitor.read())
        self.monitor.record(part, load)
        out.rates.append(float(rate))
        out.loads.append(load)
        return load.seconds

    def run(
        self, parts: Sequence[tuple[str, Callable[[], float]]], rounds: int
    ) -> dict[str, Windows]:
        """``rounds`` rounds, one window of each part per round (interleaved), then the
        disturbed windows measured again while the budget lasts (at most ``rounds`` more
        per part). Raises nothing itself; ``should_stop`` ends it between windows."""
        out = {name: Windows() for name, _fn in parts}
        for _round in range(rounds):
            for name, fn in parts:
                if self.should_stop():
                    return out
                self.one(name, fn, out[name])
        extra = 0
        while extra < rounds and self.budget.left > 0:
            todo = [(n, fn) for n, fn in parts if _wants_more(out[n], rounds)]
            if not todo:
                break
            t0 = time.perf_counter()
            for name, fn in todo:
                if self.should_stop():
                    return out
                self.one(name, fn, out[name])
                self.monitor.count_remeasured(name, 1)
            self.budget.spend(time.perf_counter() - t0)
            extra += 1
        return out


def _wants_more(w: Windows, rounds: int) -> bool:
    """Fewer quiet windows than the rounds asked for: a disturbed one is not yet replaced."""
    return sum(not load.disturbed for load in w.loads) < rounds
