"""The redraw budget: how much of a core the window's drawing may take while a job runs.

A redraw tick draws only while updating and painting the plots has cost at most
:data:`MAX_GUI_SHARE` of one core since the previous redraw. On a CPU-only machine the
window competes with TensorFlow for the cores, so slow painting lowers the frame rate, not
the training speed; with cores to spare (or cheap paints) every tick redraws. 1.5 % of one
core per core: 3 % on 2 cores (a few redraws a second there), 24 % on 16 (every tick).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MAX_GUI_SHARE = min(0.5, 0.015 * (os.cpu_count() or 1))


def _no_paint() -> float:
    return 0.0


class RedrawBudget:
    """Counts the CPU time of redraws (and, through ``paint_seconds``, of painting)."""

    def __init__(self, share: float = MAX_GUI_SHARE) -> None:
        self.share = share
        # CPU seconds spent painting plots (gui.widgets.qt_plot_panel.paint_seconds, set
        # once pyqtgraph is loaded)
        self.paint_seconds: Callable[[], float] = _no_paint
        self._spent = 0.0  # CPU seconds spent in redraws (painting is counted apart)
        self._last = (time.perf_counter(), 0.0)

    def allows(self, busy: bool) -> bool:
        """True if a redraw may run now (always when no job runs); counts it as done."""
        wall, spent = time.perf_counter(), self._spent + self.paint_seconds()
        wall0, spent0 = self._last
        if busy and spent - spent0 > self.share * (wall - wall0):
            return False  # over budget while a job runs: the engine gets this tick
        self._last = (wall, spent)
        return True

    @contextmanager
    def spending(self) -> Iterator[None]:
        """Count this thread's CPU time inside the block as redraw time."""
        t0 = time.thread_time()
        try:
            yield
        finally:
            self._spent += time.thread_time() - t0
