"""Terminal progress for the CLI: a callback like any other."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from engine.events import Callback
from engine.i18n import _
from engine.i18n.formatting import fmt_duration
from engine.i18n.message import shown


def run_fields(info: dict[str, Any]) -> dict[str, Any]:
    """The fields of a run's first line (model, size, data, batch, device) from the
    ``on_run_begin`` info, the stored texts in the CLI's language."""
    d, m = info["dataset"], info["model"]
    sizes = d["sizes"]
    return {
        "model": m["registry_name"],
        "parameters": m["parameters"],
        "source": shown(d["source"]),
        "train": sizes["train"],
        "dev": sizes["dev"],
        "test": sizes["test"],
        "batch": info["batch_size"],
        "device": shown(info["device"]),
    }


class ProgressPrinter(Callback):
    """A per-epoch progress bar (step, loss, accuracy, samples/s, ETA) and one line per epoch.

    On a terminal the bar redraws in place at most ``rate_hz`` times a second;
    otherwise only the epoch lines are printed.
    """

    def __init__(
        self, stream: TextIO | None = None, rate_hz: float = 10.0, width: int = 24
    ) -> None:
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
        self._write(
            _(
                "{model} ({parameters:,} parameters) on {source}: {train:,} train / {dev:,} dev / "
                "{test:,} test, batch {batch}, device {device}"
            ).format(**run_fields(info))
            + "\n"
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
            "\r"
            + _(
                "epoch {epoch}/{epochs} [{bar}] {step}/{steps} loss {loss:.4f} acc {accuracy:.4f} "
                "{rate:,.0f} samples/s ETA {eta}"
            ).format(
                epoch=logs["epoch"],
                epochs=self._epochs,
                bar=bar,
                step=i,
                steps=n,
                loss=logs["loss"],
                accuracy=logs["accuracy"],
                rate=rate,
                eta=fmt_duration(eta),
            )
            + "\033[K"
        )
        self._bar_shown = True

    def on_epoch_end(self, epoch, logs):
        self._clear_bar()
        self._write(epoch_line(epoch, self._epochs, logs) + "\n")

    def on_log(self, level, message):
        self._clear_bar()
        self._write(level_prefix(level) + f"{message}\n")


def level_prefix(level: str) -> str:
    """``""`` for info, else ``"warning: "`` etc. in the current language."""
    if level == "info":
        return ""
    if level == "warning":
        return _("warning: ")
    if level == "error":
        return _("error: ")
    return f"{level}: "


def epoch_line(epoch: int, epochs: int, logs: dict) -> str:
    """``epoch 2/5: train loss … acc … | dev loss … acc … | N samples/s | S s``."""
    return _(
        "epoch {epoch}/{epochs}: train loss {train_loss:.4f} acc {train_accuracy:.4f} | "
        "dev loss {dev_loss:.4f} acc {dev_accuracy:.4f} | {rate:,.0f} samples/s | {seconds:.1f} s"
    ).format(
        epoch=epoch,
        epochs=epochs,
        train_loss=logs["train_loss"],
        train_accuracy=logs["train_accuracy"],
        dev_loss=logs["dev_loss"],
        dev_accuracy=logs["dev_accuracy"],
        rate=logs["samples_per_s"],
        seconds=logs["seconds"],
    )
