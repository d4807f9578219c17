"""How the command line words what a job tells besides the run's events (on stderr)."""

from __future__ import annotations

import sys

from engine.i18n import _
from engine.i18n.program import program_name
from engine.jobs import JobNotes


class CliNotes(JobNotes):
    """:class:`engine.jobs.JobNotes` as warning and info lines on stderr. A store problem
    during a run is said by the store writer's own ``logging`` warning."""

    def telemetry_failed(self, error: str) -> None:
        print(
            _("warning: device telemetry is not recorded for this run: {message}").format(
                message=error
            ),
            file=sys.stderr,
        )

    def telemetry_not_stopped(self, seconds: float) -> None:
        print(
            _("warning: the telemetry sampler did not stop within {seconds} s").format(
                seconds=f"{seconds:g}"
            ),
            file=sys.stderr,
        )

    def card_recorded(self, run_id: int) -> None:
        print(
            _("Recorded as run {id} ({prog} runs show {id})").format(
                id=run_id, prog=program_name()
            ),
            file=sys.stderr,
        )

    def card_not_stored(self, error: Exception) -> None:
        print(
            _("warning: the score card was not stored: {message}").format(message=error),
            file=sys.stderr,
        )
