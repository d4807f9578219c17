"""Python's cyclic garbage collector runs on the GUI thread only, while a window is open.

Why: CPython collects cycles on whichever thread happens to allocate past the threshold;
in Suanli that is usually the TensorFlow worker. When such a collection frees the last
Python wrapper of a Qt object (a closed window's menus, actions, plot items), Shiboken
destroys the C++ object on the worker: ``QObject::~QObject`` takes Qt's connection locks,
then asks for the GIL to look up Python overrides, while the GUI thread holds the GIL and
waits for those same locks to delete widgets Shiboken queued for it. Both threads stop for
good (seen as a rare hang of the window's tests: gdb shows ``gc_collect_main`` under a
TensorFlow op on the worker, ``Shiboken::GilState::acquire`` inside ``~QObject``, and the
GUI thread in ``BindingManager::runDeletionInMainThread`` -> ``QBasicMutex::lockInternal``).

So while a window is open, automatic collection is off and a timer on the GUI thread
collects instead, generation by generation with CPython's own thresholds. Reference
counting (which frees almost everything) is untouched. :func:`hold` / :func:`release`
nest: the collector is given back as it was when the last holder lets go.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QTimer

INTERVAL_MS = 500  # how often the GUI thread looks at the allocation counts

_state: dict = {"holders": 0, "was_enabled": True, "timer": None, "collections": 0}
_lock = threading.Lock()


def collect_due() -> int | None:
    """Collect the oldest generation whose count is past its threshold, as CPython's
    automatic collector would; the generation collected, or ``None`` when none was due."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            _state["collections"] += 1
            return generation
    return None


def freeze_heap() -> None:
    """Leave what exists now (TensorFlow's and Keras's ~300,000 module-level objects, once
    TensorFlow has loaded) out of every later collection: a full collection then scans only
    what came after (measured: 0.4-0.6 s -> under 1 ms right after the import), instead of
    freezing the window for half a second about once a minute of training."""
    gc.freeze()


def hold() -> None:
    """From now on, collect cycles on this (the GUI) thread only. Call on the GUI thread."""
    with _lock:
        _state["holders"] += 1
        if _state["holders"] > 1:
            return
        _state["was_enabled"] = gc.isenabled()
        gc.disable()
        timer = _state["timer"]
        if timer is None:  # one for the process, owned here (no parent that could die first)
            timer = _state["timer"] = QTimer()
            timer.setObjectName("suanli-main-thread-gc")
            timer.setInterval(INTERVAL_MS)
            timer.timeout.connect(collect_due)
        timer.start()


def release() -> None:
    """Undo one :func:`hold`; the last one stops the timer and gives the collector back."""
    with _lock:
        if _state["holders"] == 0:
            return
        _state["holders"] -= 1
        if _state["holders"]:
            return
        if _state["timer"] is not None:
            _state["timer"].stop()
        if _state["was_enabled"]:
            gc.enable()


def holding() -> bool:
    return _state["holders"] > 0


def holders() -> int:
    """How many :func:`hold` calls are in force."""
    return _state["holders"]
