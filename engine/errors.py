"""Errors the engine raises to its callers (CLI and window); each message is one line."""

from __future__ import annotations


class RunFailed(RuntimeError):
    """A job failed after it started (e.g. out of memory); the message says what to do."""
