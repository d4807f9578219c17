"""A training run's energy: per epoch over its steps, and a resumed run adds its new
epochs to the ones it stored (a CPU run, measured as if on a fake GPU at 200 W)."""

from __future__ import annotations

import pytest
from fake_libnvml import h200s

from engine import metrics as m
from engine.config import RunConfig
from engine.control import RunControl
from engine.events import Callback
from engine.i18n.message import english
from engine.scoring import energy
from engine.training.run import resume, run

SMALL = RunConfig(dataset="synthetic", epochs=3, batch_size=64, limit=512, seed=5)


class StopAfter(Callback):
    def __init__(self, epoch, control):
        self.epoch, self.control = epoch, control

    def on_epoch_end(self, epoch, logs):
        if epoch == self.epoch:
            self.control.stop()


@pytest.fixture
def on_fake_gpu(libnvml, monkeypatch):
    libnvml(h200s(1, power=[(0.0, 200.0)]))
    monkeypatch.setattr(
        energy.EnergyMeter, "for_tf_devices", classmethod(lambda cls, names, **kw: cls((0,)))
    )
    monkeypatch.setitem(energy.MIN_WINDOW_S, energy.COUNTER, 0.0)  # tiny epochs


def test_a_resumed_run_sums_the_energy_of_every_session(on_fake_gpu):
    control = RunControl()
    first = run(SMALL, [StopAfter(2, control)], control)
    assert first.status == "stopped"
    stored = [e[m.ENERGY_J] for e in first.epochs]
    assert all(j is not None and j > 0 for j in stored)
    for e in first.epochs:  # the counter ran only while the epoch's steps did
        assert e[m.ENERGY_J] == pytest.approx(200.0 * e[m.SECONDS], rel=0.2)
    done = resume(first.run_id)
    assert done.status == "finished"
    joules = [e[m.ENERGY_J] for e in done.epochs]
    assert joules[:2] == stored  # the earlier session's epochs, as stored
    assert done.info["energy"]["joules"] == pytest.approx(sum(joules))
    assert done.info["energy"]["method"] == energy.COUNTER
    assert done.train_seconds == pytest.approx(sum(e[m.SECONDS] for e in done.epochs))
    per_j = {s["name"]: s["value"] for s in done.scores}["train_samples_per_j"]
    assert per_j == pytest.approx(done.samples_seen / sum(joules))


def test_a_cpu_run_records_why_it_has_no_energy():
    r = run(SMALL.replace(epochs=1, checkpoints=False))
    assert r.info["energy"]["joules"] is None
    assert english(r.info["energy"]["reason"]) == "not available: the run used the CPU"
    assert {s["name"]: s["value"] for s in r.scores}["train_samples_per_j"] is None
