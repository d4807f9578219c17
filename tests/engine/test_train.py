"""Training on the real MNIST test split, events, and cooperative stop/pause."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from sklearn.metrics import classification_report as sk_report
from sklearn.metrics import confusion_matrix as sk_confusion

from engine.config import RunConfig
from engine.control import RunControl
from engine.data import load_dataset
from engine.events import Callback, RecordingCallback
from engine.training.run import run

SEEDS = (0, 1, 2)


@pytest.fixture(scope="module")
def article_runs(mnist_dir):
    """The article's defaults (5 epochs, batch 32, Adam 1e-3) on MNIST, three seeds."""
    out = []
    for seed in SEEDS:
        rec = RecordingCallback()
        result = run(RunConfig(dataset="mnist", data_dir=str(mnist_dir), seed=seed), [rec])
        out.append((rec, result))
    return out


@pytest.mark.slow
def test_article_defaults_reach_96_percent_on_the_hold_out(article_runs):
    accs = [r.test["accuracy"] for _, r in article_runs]
    assert all(r.status == "finished" for _, r in article_runs)
    assert all(a > 0.94 for a in accs), accs
    assert np.mean(accs) >= 0.96, accs


@pytest.mark.slow
def test_report_and_confusion_matrix_equal_scikit_learn(article_runs):
    _, r = article_runs[0]
    names = [str(i) for i in range(10)]
    ref = sk_report(
        r.test_labels,
        r.test_predictions,
        target_names=names,
        output_dict=True,
        digits=6,
        zero_division=0,
    )
    for key in [*names, "macro avg", "weighted avg"]:
        for metric in ("precision", "recall", "f1-score", "support"):
            assert r.test["report"][key][metric] == pytest.approx(ref[key][metric], abs=1e-12)
    assert r.test["report"]["accuracy"] == pytest.approx(ref["accuracy"], abs=1e-12)
    micro = r.test["report"]["micro avg"]
    assert (
        micro["precision"] == micro["recall"] == micro["f1-score"] == pytest.approx(ref["accuracy"])
    )
    assert r.test["confusion_matrix"] == sk_confusion(r.test_labels, r.test_predictions).tolist()
    assert r.test["accuracy"] == pytest.approx(np.mean(r.test_labels == r.test_predictions))


@pytest.mark.slow
def test_events_arrive_in_order_with_the_right_counts(article_runs):
    rec, r = article_runs[0]
    names = rec.names()
    assert names[0] == "on_log" and names[1] == "on_run_begin" and names[-1] == "on_run_end"
    steps_per_epoch = -(-7200 // 32)
    assert len(rec.of("on_batch_end")) == 5 * steps_per_epoch == r.steps
    assert [e[1] for e in rec.of("on_epoch_end")] == [1, 2, 3, 4, 5]
    assert [e[1] for e in rec.of("on_batch_end")] == list(range(1, r.steps + 1))
    # each epoch: begin, its batches, end
    epoch_events = [n for n in names if n in ("on_epoch_begin", "on_epoch_end")]
    assert epoch_events == ["on_epoch_begin", "on_epoch_end"] * 5
    logs = rec.of("on_batch_end")[0][2]
    assert all(type(v) in (float, int) for v in logs.values())
    assert rec.of("on_run_end")[0][1] is r
    for e in r.epochs:
        assert set(e) >= {
            "epoch",
            "train_loss",
            "train_accuracy",
            "dev_loss",
            "dev_accuracy",
            "samples_per_s",
            "seconds",
        }
    assert r.epochs[-1]["train_loss"] < r.epochs[0]["train_loss"]


def test_same_seed_same_losses_on_cpu():
    cfg = RunConfig(dataset="synthetic", epochs=1, batch_size=64, limit=1024, seed=3)
    a, b = run(cfg), run(cfg)
    assert [e["train_loss"] for e in a.epochs] == [e["train_loss"] for e in b.epochs]
    for wa, wb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(wa, wb)


class _AtStep(Callback):
    def __init__(self, step, action):
        self.step, self.action, self.seen = step, action, []

    def on_batch_end(self, step, logs):
        self.seen.append(step)
        if step == self.step:
            self.action()


def test_stop_returns_within_one_batch_marked_stopped():
    control = RunControl()
    cb = _AtStep(3, control.stop)
    cfg = RunConfig(dataset="synthetic", epochs=3, batch_size=32, limit=2048, steps_per_call=1)
    r = run(cfg, [cb], control)
    assert r.status == "stopped"
    assert cb.seen == [1, 2, 3] and r.steps == 3
    assert r.test is None and r.epochs == []


def test_pause_blocks_between_batches_and_loses_or_repeats_no_step():
    control = RunControl()
    paused_at = threading.Event()

    def pause():
        control.pause()
        paused_at.set()

    cb = _AtStep(5, pause)
    # one step a call: pause answers between batches (with k a call, within the call)
    cfg = RunConfig(dataset="synthetic", epochs=1, batch_size=64, limit=1280, steps_per_call=1)
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("r", run(cfg, [cb], control)))
    t.start()
    assert paused_at.wait(60)
    t.join(0.5)
    assert t.is_alive() and cb.seen == [1, 2, 3, 4, 5]  # blocked, no step while paused
    control.resume()
    t.join(60)
    r = box["r"]
    assert r.status == "finished"
    assert cb.seen == list(range(1, 21)) and r.samples_seen == 1280


def test_stop_while_paused_ends_the_run():
    control = RunControl()
    cb = _AtStep(2, control.pause)
    cfg = RunConfig(dataset="synthetic", epochs=1, batch_size=64, limit=1280, steps_per_call=1)
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("r", run(cfg, [cb], control)))
    t.start()
    while not control.paused:
        t.join(0.01)
    control.stop()
    t.join(60)
    assert box["r"].status == "stopped" and box["r"].steps == 2


def test_given_dataset_is_used_and_limit_caps_training(mnist_dir):
    ds = load_dataset("mnist", str(mnist_dir), limit=320)
    r = run(RunConfig(dataset="mnist", epochs=1), dataset=ds)
    assert r.samples_seen == 320 and r.steps == 10
    assert len(r.misclassified) == len(r.misclassified_images) > 0
    m = r.misclassified[0]
    assert m["true"] != m["pred"] and r.test_labels[m["index"]] == m["true"]
