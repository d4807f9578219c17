"""The epoch loop measures energy over training steps only: not pauses, dev passes or
checkpoints; each epoch's energy is in its logs."""

from __future__ import annotations

import threading

from engine import metrics as m
from engine.control import RunControl
from engine.events import CallbackList
from engine.training.loop import fit


class Meter:
    """Records what happened inside and outside its windows."""

    def __init__(self) -> None:
        self.open = False
        self.log: list[str] = []
        self.laps = 0

    def start(self) -> None:
        assert not self.open
        self.open = True
        self.log.append("start")

    def stop(self) -> None:
        if self.open:
            self.log.append("stop")
        self.open = False

    def lap(self):
        self.laps += 1

        class R:
            joules = 10.0 * self.laps

        return R()


def test_energy_windows_hold_the_steps_and_nothing_else():
    meter, control = Meter(), RunControl()
    events = []

    def step(x):
        events.append(("step", meter.open))
        if len(events) == 2:  # pause after the second step; resume from another thread
            control.pause()
            threading.Timer(0.05, control.resume).start()
        return [0.5, 1.0, 1]

    def dev():
        events.append(("dev", meter.open))
        return 0.4, 0.9

    def checkpoint(epoch):
        events.append(("checkpoint", meter.open))

    out = fit(
        epochs=2,
        steps_per_epoch=3,
        batches=lambda epoch: [(0,)] * 3,
        step=step,
        dev=dev,
        events=CallbackList([]),
        control=control,
        checkpoint=checkpoint,
        energy=meter,
    )
    assert all(inside for what, inside in events if what == "step")
    assert not any(inside for what, inside in events if what != "step")
    # epoch 1: the pause splits its window in two
    assert meter.log == ["start", "stop", "start", "stop", "start", "stop"]
    assert [e[m.ENERGY_J] for e in out.epochs] == [10.0, 20.0]


def test_without_a_meter_the_logs_have_no_energy():
    out = fit(
        epochs=1,
        steps_per_epoch=1,
        batches=lambda epoch: [(0,)],
        step=lambda x: [0.5, 1.0, 1],
        dev=lambda: (0.4, 0.9),
        events=CallbackList([]),
        control=RunControl(),
    )
    assert m.ENERGY_J not in out.epochs[0]
