"""The engine's callback protocol (shaped like Keras callbacks).

Every consumer of engine progress -- the CLI progress bar, the results store,
the GUI bridge -- is a :class:`Callback`. ``logs`` always hold plain Python
floats/ints/strings so they can cross threads and be written to JSON as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class Callback:
    """Base class with empty hooks; override the ones you need."""

    def on_run_begin(self, info: dict[str, Any]) -> None:
        """The run is about to train. ``info`` holds config, dataset sizes, model facts."""

    def on_epoch_begin(self, epoch: int, info: dict[str, Any]) -> None:
        """Epoch ``epoch`` (1-based) starts; ``info`` holds ``steps`` in this epoch."""

    def on_batch_end(self, step: int, logs: dict[str, float]) -> None:
        """A training step finished. ``step`` is the global 1-based step number."""

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        """Epoch ``epoch`` finished, with train and dev results."""

    def on_log(self, level: str, message: str) -> None:
        """A human-readable message: ``level`` is ``"info"``, ``"warning"`` or ``"error"``."""

    def on_device_sample(self, snapshot: Any) -> None:
        """A telemetry snapshot (see ``engine.telemetry``)."""

    def on_score(self, card: dict[str, Any]) -> None:
        """A sub-score or score card is available."""

    def on_run_end(self, result: Any) -> None:
        """The run ended (finished, stopped or failed); ``result`` is a ``RunResult``."""


_HOOKS = (
    "on_run_begin",
    "on_epoch_begin",
    "on_batch_end",
    "on_epoch_end",
    "on_log",
    "on_device_sample",
    "on_score",
    "on_run_end",
)


class CallbackList(Callback):
    """Fans every hook out to a list of callbacks, in order.

    Hooks a callback does not override are skipped, so the hot per-batch path
    only calls the callbacks that care about batches.
    """

    def __init__(self, callbacks: Iterable[Callback] | None = None) -> None:
        self.callbacks: list[Callback] = []
        for cb in callbacks or ():
            self.append(cb)
        self._rebuild()

    def append(self, callback: Callback) -> None:
        if isinstance(callback, CallbackList):
            self.callbacks.extend(callback.callbacks)
        else:
            self.callbacks.append(callback)
        self._rebuild()

    def _rebuild(self) -> None:
        self._targets = {
            hook: [
                getattr(cb, hook)
                for cb in self.callbacks
                if getattr(type(cb), hook, None) is not getattr(Callback, hook)
            ]
            for hook in _HOOKS
        }

    def on_run_begin(self, info):
        for fn in self._targets["on_run_begin"]:
            fn(info)

    def on_epoch_begin(self, epoch, info):
        for fn in self._targets["on_epoch_begin"]:
            fn(epoch, info)

    def on_batch_end(self, step, logs):
        for fn in self._targets["on_batch_end"]:
            fn(step, logs)

    def on_epoch_end(self, epoch, logs):
        for fn in self._targets["on_epoch_end"]:
            fn(epoch, logs)

    def on_log(self, level, message):
        for fn in self._targets["on_log"]:
            fn(level, message)

    def on_device_sample(self, snapshot):
        for fn in self._targets["on_device_sample"]:
            fn(snapshot)

    def on_score(self, card):
        for fn in self._targets["on_score"]:
            fn(card)

    def on_run_end(self, result):
        for fn in self._targets["on_run_end"]:
            fn(result)

    @property
    def wants_batches(self) -> bool:
        return bool(self._targets["on_batch_end"])


class RecordingCallback(Callback):
    """Records every event as ``(hook, args...)``; handy for tests and scripts."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def on_run_begin(self, info):
        self.events.append(("on_run_begin", info))

    def on_epoch_begin(self, epoch, info):
        self.events.append(("on_epoch_begin", epoch, info))

    def on_batch_end(self, step, logs):
        self.events.append(("on_batch_end", step, logs))

    def on_epoch_end(self, epoch, logs):
        self.events.append(("on_epoch_end", epoch, logs))

    def on_log(self, level, message):
        self.events.append(("on_log", level, message))

    def on_device_sample(self, snapshot):
        self.events.append(("on_device_sample", snapshot))

    def on_score(self, card):
        self.events.append(("on_score", card))

    def on_run_end(self, result):
        self.events.append(("on_run_end", result))

    def names(self) -> list[str]:
        return [e[0] for e in self.events]

    def of(self, hook: str) -> list[tuple]:
        return [e for e in self.events if e[0] == hook]
