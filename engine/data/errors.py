from __future__ import annotations

import os


class DataError(ValueError):
    """Data cannot be used. The message names the file (or directory) and what is wrong."""

    def __init__(self, path: str | os.PathLike | None, problem: str) -> None:
        self.path = None if path is None else str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path is not None else problem)
