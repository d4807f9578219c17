from __future__ import annotations

import os

from engine.errors import InputError
from engine.i18n import _


class DataError(InputError):
    """Data cannot be used. The message names the file (or directory) and what is wrong.

    ``problem`` is already in the user's language (the raisers pass ``_("…").format(…)``);
    the message is ``"{path}: {problem}"`` in that language."""

    def __init__(self, path: str | os.PathLike | None, problem: str) -> None:
        self.path = None if path is None else str(path)
        self.problem = problem
        message = (
            problem if path is None else _("{path}: {problem}").format(path=path, problem=problem)
        )
        super().__init__(message)
