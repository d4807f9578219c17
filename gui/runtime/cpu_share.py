"""How the window shares the CPU with the engine's threads: the redraw budget (how much
of a core its drawing may take while a job runs) and, while the window runs, a short GIL
switch interval and garbage collection on the GUI thread only.

A redraw tick draws only while updating and painting the plots has cost at most
:data:`MAX_GUI_SHARE` of one core since the previous redraw. On a CPU-only machine the
window competes with TensorFlow for the cores, so slow painting lowers the frame rate, not
the training speed; with cores to spare (or cheap paints) every tick redraws. 1.5 % of one
core per core: 3 % on 2 cores (a few redraws a second there), 24 % on 16 (every tick).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from gui.runtime import main_thread_gc

MAX_GUI_SHARE = min(0.5, 0.015 * (os.cpu_count() or 1))
SWITCH_INTERVAL_S = 0.0002  # the GIL switch interval while the window runs (ThreadTuning)


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


class ThreadTuning:
    """How the process shares the GIL and collects garbage while the window runs:
    :meth:`hold` when it starts, :meth:`release` (idempotent) when it closes.

    The GIL switch interval is :data:`SWITCH_INTERVAL_S` (Python's default is 5 ms).
    PySide6 lets go of the GIL around Qt calls, so a redraw takes and gives it back
    hundreds of times while the engine thread wants it after every TensorFlow call; a
    short interval keeps each wait short on both sides (measured in bench/gui_bench.py:
    the timer-lateness tail). Cycles are collected on the GUI thread only
    (:mod:`gui.runtime.main_thread_gc`): no Qt object may be freed on a worker.
    """

    def __init__(self) -> None:
        self._saved: float | None = None

    def hold(self) -> None:
        if self._saved is not None:
            return
        self._saved = sys.getswitchinterval()
        sys.setswitchinterval(min(self._saved, SWITCH_INTERVAL_S))
        main_thread_gc.hold()

    def release(self) -> None:
        if self._saved is None:
            return
        sys.setswitchinterval(self._saved)
        self._saved = None
        main_thread_gc.release()
