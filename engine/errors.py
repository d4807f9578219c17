"""Errors the engine raises to its callers (CLI and window); each message is one line.

Two kinds matter to a front end:

* :class:`InputError`: the user's input (a configuration value, a data file, a score card,
  a command line) cannot be used. The message alone says which input, what is wrong and
  what to do; the CLI prints it and exits 2, the window shows it without a traceback.
* :class:`RunFailed`: a job failed after it started (e.g. out of memory), with the advice.

Every input error of the engine derives from :class:`InputError`, so a caller tells them
apart with one ``isinstance`` and no list of classes.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: the message says which input, what is wrong and what to do."""


class RunFailed(RuntimeError):
    """A job failed after it started (e.g. out of memory); the message says what to do."""
