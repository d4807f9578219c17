"""Terminal progress for the CLI: a callback like any other."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from engine.events import Callback


def fmt_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ProgressPrinter(Callback):
    """A per-epoch progress bar (step, loss, accuracy, samples/s, ETA) and one line per epoch.

    On a terminal the bar redraws in place at most ``rate_hz`` times a second;
    otherwise only the epoch lines are printed.
    """

    def __init__(self, stream: TextIO | None = None, rate_hz: float = 10.0, width: int = 24) -> None:
        self.stream = stream or sys.stderr
        self.interval = 1.0 / rate_hz
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = 0.0
        self._epochs = 0
        self._bar_shown = False

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def _clear_bar(self) -> None:
        if self._bar_shown:
            self._write("\r\033[K")
            self._bar_shown = False

    def on_run_begin(self, info):
        self._epochs = info.get("epochs", 0)
        d, m = info["dataset"], info["model"]
        sizes = d["sizes"]
        self._write(
            f"{m['registry_name']} ({m['parameters']:,} parameters) on {d['source']}: "
            f"{sizes['train']:,} train / {sizes['dev']:,} dev / {sizes['test']:,} test, "
            f"batch {info['batch_size']}, device {info['device']}\n"
        )

    def on_batch_end(self, step, logs):
        if not self.tty:
            return
        now = time.monotonic()
        if now - self._last < self.interval and logs["epoch_step"] != logs["epoch_steps"]:
            return
        self._last = now
        i, n = logs["epoch_step"], logs["epoch_steps"]
        done = int(self.width * i / n)
        rate = logs["samples_per_s"]
        eta = (n - i) * logs["epoch_seconds"] / i if i else 0.0
        bar = "#" * done + "." * (self.width - done)
        self._write(
            f"\repoch {logs['epoch']}/{self._epochs} [{bar}] {i}/{n} "
            f"loss {logs['loss']:.4f} acc {logs['accuracy']:.4f} "
            f"{rate:,.0f} samples/s ETA {fmt_duration(eta)}\033[K"
        )
        self._bar_shown = True

    def on_epoch_end(self, epoch, logs):
        self._clear_bar()
        self._write(
            f"epoch {epoch}/{self._epochs}: train loss {logs['train_loss']:.4f} "
            f"acc {logs['train_accuracy']:.4f} | dev loss {logs['dev_loss']:.4f} "
            f"acc {logs['dev_accuracy']:.4f} | {logs['samples_per_s']:,.0f} samples/s | "
            f"{logs['seconds']:.1f} s\n"
        )

    def on_log(self, level, message):
        self._clear_bar()
        prefix = "" if level == "info" else f"{level}: "
        self._write(f"{prefix}{message}\n")
