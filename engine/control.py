"""Cooperative run control: stop, pause and resume, checked between batches."""

from __future__ import annotations

import threading


class RunControl:
    """Thread-safe switches a running job polls between batches.

    ``stop()`` makes the job end after the batch in progress; ``pause()`` makes
    it block before the next batch until ``resume()`` (or ``stop()``). Nothing
    kills a thread.
    """

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()  # set = not paused
        self._running.set()

    def stop(self) -> None:
        self._stop.set()
        self._running.set()  # wake a paused job so it can see the stop

    def pause(self) -> None:
        if not self._stop.is_set():
            self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_if_paused(self, timeout: float | None = None) -> bool:
        """Block while paused. Returns ``True`` if the job should go on, ``False`` to stop."""
        if not self._running.is_set():
            self._running.wait(timeout)
        return not self._stop.is_set()
