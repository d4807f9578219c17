"""What a window shows that lives neither in the results store nor in the settings: the
live plots' data, the score tiles, the test report, the benchmark's and the compression
lab's results, the log, the Compare ticks, the run opened in History, the device
timelines (and the telemetry sampler that feeds them), TensorFlow's inventory.

A language switch builds a new window (widgets translate their texts when they are made);
:func:`take_session` collects this from the old window and :func:`restore_session` shows it
again in the new one, so the switch loses nothing and TensorFlow is not loaded again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Session:
    """One window's results, handed to the next window."""

    t0: float
    recorder: Any = None  # TrainingRecorder: the Training tab's curves and epoch table
    device_recorder: Any = None  # DeviceRecorder: the Device tab's timelines
    sampler: Any = None  # the telemetry sampler (kept running: its callbacks move along)
    sample_relay: Any = None
    inventory: dict[str, Any] | None = None
    last_result: Any = None  # the last training run (the Evaluation tab)
    last_card: Any = None  # the last benchmark's card
    tiles: list[tuple[str, tuple, dict]] = field(default_factory=list)  # what the tiles showed
    compression_rows: list[dict[str, Any]] = field(default_factory=list)
    compression_result: dict[str, Any] | None = None
    log_text: str = ""
    log_commands: list[str] = field(default_factory=list)
    progress: tuple[float, str] | None = None  # the run form's progress bar and line
    compare_checked: list[int] = field(default_factory=list)
    compare_baseline: int | None = None
    history_selected: list[int] = field(default_factory=list)


def take_session(window: Any) -> Session:
    """Everything :class:`Session` holds, taken from ``window`` (whose sampler then belongs
    to the session: the window no longer stops it when it closes)."""
    s = Session(
        t0=window.t0,
        recorder=window.recorder,
        device_recorder=window.device_recorder,
        sampler=window.sampler,
        sample_relay=window.sample_relay,
        inventory=window.inventory,
        last_result=window.last_result,
        last_card=window.last_card,
        log_text=window.log.toPlainText(),
        log_commands=list(getattr(window.log, "commands", [])),
    )
    window.sampler = None
    form = window.form
    s.progress = (form.progress.value() / 1000.0, form.progress_text.text())
    if window.live_plots is not None:
        s.tiles = [(method.__name__, a, k) for method, a, k in window.live_plots.scores.shown]
    if window.compression_view is not None:
        s.compression_rows = [dict(r) for r in window.compression_view.rows]
        s.compression_result = window.compression_view.result
    if window.compare_view is not None and not window.compare_view.stale:
        s.compare_checked = window.compare_view.checked_ids()
        baseline = getattr(window.compare_view, "baseline", None)  # the baseline choice
        s.compare_baseline = baseline.currentData() if baseline is not None else None
    if window.history_view is not None:
        s.history_selected = [r.id for r in window.history_view.selected_summaries()]
    return s


def restore_session(window: Any, s: Session) -> None:
    """Show ``s`` in ``window``, whose views are built (see :meth:`QtMainWindow.build_views`)."""
    if s.log_text:
        window.log.restore(s.log_text, s.log_commands)
    if s.progress is not None and s.progress[1]:
        window.form.set_progress(*s.progress)
    plots = window.live_plots
    for name, args, kwargs in s.tiles:
        getattr(plots.scores, name)(*args, **kwargs)
    if s.recorder is not None and s.recorder.global_step:
        plots.finish(s.recorder)
    if s.last_result is not None:
        window.evaluation_view.show_result(s.last_result)
    if s.last_card is not None:
        window.benchmark_view.show_finished(s.last_card, None, False)
    if s.compression_rows:
        view = window.compression_view
        for row in s.compression_rows:
            view.add_row(row)
        result = s.compression_result
        view.show_finished(result, None, result is None or result.get("status") != "finished")
    if s.compare_checked:
        compare = window.compare_view
        compare.refresh()
        compare.set_checked(s.compare_checked, s.compare_baseline)
    if s.history_selected:
        history = window.history_view
        history.refresh()
        history.select_runs(s.history_selected)
        if len(s.history_selected) == 1:
            history.open_run(s.history_selected[0])
