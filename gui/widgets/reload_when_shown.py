"""A view that reads a store reloads when it is shown, not while hidden.

A view that subclasses :class:`ReloadWhenShown` instead of ``QWidget`` gets
:meth:`~ReloadWhenShown.mark_stale` (connect it to "the store changed" signals) and reloads
(its ``refresh()``) at once when visible, else the next time it is shown. ``refresh()``
sets :attr:`~ReloadWhenShown.stale` to False when it has read the store.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class ReloadWhenShown(QWidget):
    """A ``QWidget`` whose data is read again when it is shown after :meth:`mark_stale`."""

    stale = True  # the data shown may be old: read it again when next shown

    def refresh(self) -> bool:
        """Read the data again and show it; True when it was read (then ``stale`` is False)."""
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def mark_stale(self, *_: Any) -> None:
        """The data changed: reload now if shown, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.refresh()
