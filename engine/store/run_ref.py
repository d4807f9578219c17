"""The one way a run is named on the command line and in the window: its number in the
store (``7``), the same with a prefix (``run:7``) or the engine's run id, which is also the
name of its checkpoint folder (``20260101-120000-a1b2c3``). ``runs …`` and ``resume``
both parse with :func:`parse_run_ref`.
"""

from __future__ import annotations

import re

from engine.errors import InputError
from engine.i18n import _
from engine.i18n.program import program_name
from engine.store.records import StoreError

#: The largest run number SQLite holds (a signed 64-bit integer).
MAX_RUN_NUMBER = 2**63 - 1
#: An engine run id: letters, digits, ``_``, ``-`` and ``.``; no separators; not hidden.
RUN_UID = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")


class BadRunRef(StoreError, InputError):
    """Text that cannot name a run (one line: what was given, what to give)."""


def _printable(text: str, limit: int = 40) -> str:
    shown = "".join(c if c.isprintable() else "?" for c in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def parse_run_ref(text: str) -> int | str:
    """The run number (an ``int``) of ``N`` or ``run:N``, or the engine run id (a ``str``)
    of anything else that may be one; :class:`BadRunRef` otherwise."""
    t = str(text).strip()
    t = t[4:] if t.lower().startswith("run:") else t
    if t.isascii() and t.isdigit():
        number = int(t)
        if 1 <= number <= MAX_RUN_NUMBER:
            return number
    elif RUN_UID.match(t):
        return t
    raise BadRunRef(
        _(
            "{text} is not a run id: give the number or the run id shown by `{prog} runs list`"
        ).format(text=repr(_printable(str(text))), prog=program_name())
    )
