"""TensorBoard exports read back with TensorFlow's own event reader
(``tf.compat.v1.train.summary_iterator``; the venv has no ``tensorboard`` package): a
folder per run, stored wall times, Keras's tag names and steps, benchmark runs, live
logging during training, and no TensorFlow import (nor its chatter) to export."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.cards.card import SubScore, make_card
from engine.cli.main import main
from engine.hashing import json_sha256
from engine.reports import tensorboard
from engine.reports.tb_events import crc32c
from engine.reports.tensorboard_live import LiveTensorBoard
from engine.scoring.score import load_reference_profile, suanli_score
from engine.store.csv_export import epoch_end_times
from engine.store.store import Store
from engine.store.writer import StoreWriter, record_card

ROOT = Path(__file__).resolve().parents[2]
Events = dict[tuple[str, str, str], list[tuple[int, float, float]]]


def read_events(logdir: Path) -> Events:
    """``{(run folder, subfolder, tag): [(step, value, wall_time), ...]}``."""
    import tensorflow as tf

    out: Events = {}
    for path in sorted(logdir.rglob("events.out.tfevents.*")):
        run, sub = path.parent.parent.name, path.parent.name
        for event in tf.compat.v1.train.summary_iterator(str(path)):
            for v in event.summary.value:
                if v.metadata.plugin_data.plugin_name != "scalars":
                    continue
                value = float(tf.make_ndarray(v.tensor))
                out.setdefault((run, sub, v.tag), []).append((event.step, value, event.wall_time))
    return out


def values(ev: Events, key: tuple[str, str, str]) -> list[tuple[int, float]]:
    return [(s, pytest.approx(v, rel=1e-6)) for s, v, _ in ev[key]]


def record_training(store: Store, losses: list[float], lr: float, pause_s: float = 0.0) -> int:
    """A 2-epoch run with ``len(losses) // 2`` batches per epoch, ``pause_s`` between them."""
    w = StoreWriter(store, environment={})
    w.on_run_begin({"config": {"dataset": "synthetic", "epochs": 2, "batch_size": 8}})
    per_epoch = len(losses) // 2
    for i, loss in enumerate(losses):
        time.sleep(pause_s)
        w.on_batch_end(
            i + 1,
            {"loss": loss, "accuracy": 0.5, "epoch": i // per_epoch + 1, "samples_per_s": 9.0},
        )
        if (i + 1) % per_epoch == 0:
            epoch = (i + 1) // per_epoch
            w.on_epoch_end(
                epoch,
                {
                    "epoch": epoch,
                    "train_loss": loss,
                    "train_accuracy": 0.5,
                    "dev_loss": loss + 0.25,
                    "dev_accuracy": 0.5,
                    "learning_rate": lr / epoch,
                    "samples_per_s": 100.0,
                    "seconds": 0.5,
                },
            )
    w.on_run_end({"status": "finished", "config": {}, "test": {"loss": 0.5, "accuracy": 0.875}})
    assert w.error is None and w.run_id is not None
    return w.run_id


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUANLI_HOME", str(tmp_path))  # the CLI opens $SUANLI_HOME/suanli.db
    return tmp_path


def test_crc32c_matches_the_published_check_value():
    assert crc32c(b"123456789") == 0xE3069283


def test_two_runs_exported_into_one_folder_stay_apart(home):
    with Store() as store:
        first = record_training(store, [2.0, 1.5, 1.25, 1.0], lr=0.01)
        second = record_training(store, [3.0, 2.5], lr=0.001)
    tb = home / "logs"
    assert main(["runs", "tensorboard", str(first), str(tb)]) == 0
    assert main(["runs", "tensorboard", str(second), str(tb)]) == 0
    ev = read_events(tb)
    assert {run for run, _, _ in ev} == {f"run-{first}", f"run-{second}"}
    assert values(ev, (f"run-{first}", "train", "batch_loss")) == [
        (1, 2.0),
        (2, 1.5),
        (3, 1.25),
        (4, 1.0),
    ]
    assert [s for s, _, _ in ev[(f"run-{second}", "train", "batch_loss")]] == [1, 2]
    assert values(ev, (f"run-{first}", "test", "epoch_accuracy")) == [(1, 0.875)]
    # Keras's names and steps: epochs from 0, the learning rate, the dev set as validation
    assert values(ev, (f"run-{first}", "train", "epoch_loss")) == [(0, 1.5), (1, 1.0)]
    assert values(ev, (f"run-{first}", "train", "epoch_learning_rate")) == [(0, 0.01), (1, 0.005)]
    assert values(ev, (f"run-{first}", "validation", "epoch_loss")) == [(0, 1.75), (1, 1.25)]
    assert values(ev, (f"run-{first}", "validation", "evaluation_loss_vs_iterations")) == [
        (2, 1.75),
        (4, 1.25),
    ]
    # exporting a run again replaces its files rather than doubling its points
    assert main(["runs", "tensorboard", str(first), str(tb)]) == 0
    assert len(read_events(tb)[(f"run-{first}", "train", "batch_loss")]) == 4


def test_wall_times_are_the_stored_ones_and_span_the_training(home):
    with Store() as store:
        run_id = record_training(store, [2.0, 1.5, 1.25, 1.0, 0.9, 0.8], lr=0.01, pause_s=0.05)
        rec = store.get_run(run_id)
        ends = epoch_end_times(store, run_id)
    tensorboard.write_tensorboard(rec, home / "tb", ends)
    ev = read_events(home / "tb")
    walls = [w for _, _, w in ev[(f"run-{run_id}", "train", "batch_loss")]]
    assert walls == sorted(walls)
    assert walls[-1] - walls[0] >= 5 * 0.05 * 0.9  # five pauses between six batches
    started, ended = rec.summary.started_at, rec.summary.ended_at
    assert started <= walls[0] and walls[-1] <= ended
    epoch_walls = [w for _, _, w in ev[(f"run-{run_id}", "train", "epoch_loss")]]
    assert epoch_walls == pytest.approx([ends[1], ends[2]])


def test_a_benchmark_run_is_exported_as_its_figures(home):
    card = make_card(
        suite_version="1",
        config={"batch_size": 8},
        dataset_sha256="ab" * 32,
        environment={"facts": {}, "sha256": json_sha256({})},
        sub_scores=[
            SubScore("train_samples_per_s", 100.0, "samples/s", True, (99.0, 101.0)),
            SubScore("inference_samples_per_s", 900.0, "samples/s", True, (900.0,)),
        ],
        suanli_score=None,  # the store computes it from the sub-scores
        reference_profile="ref",
        extra={},
        created_utc="2026-01-02T03:04:05Z",
    )
    run_id = record_card(card.to_dict())
    assert main(["runs", "tensorboard", str(run_id), str(home / "tb")]) == 0
    ev = read_events(home / "tb")
    run = f"run-{run_id}"
    assert values(ev, (run, "scores", "train_samples_per_s")) == [(0, 100.0)]
    assert values(ev, (run, "scores", "train_samples_per_s_samples")) == [(0, 99.0), (1, 101.0)]
    composite = suanli_score(
        {"train_samples_per_s": 100.0, "inference_samples_per_s": 900.0}, load_reference_profile()
    )
    assert values(ev, (run, "scores", "suanli_score")) == [(0, pytest.approx(composite))]


def test_a_named_run_gets_its_name_in_the_folder(tmp_path):
    assert tensorboard.run_folder_name(7, "lr sweep/0.01") == "run-7-lr_sweep_0.01"
    assert tensorboard.run_folder_name(7, "") == "run-7"
    assert tensorboard.run_folder_name(7, "../..") == "run-7"
    assert tensorboard.run_folder_name(7, "学习率 0.01") == "run-7-学习率_0.01"


def test_the_export_imports_no_tensorflow_and_says_one_line(home):
    with Store() as store:
        run_id = record_training(store, [2.0, 1.5], lr=0.01)
    code = (
        "import sys; from engine.cli.main import main; "
        f"rc = main(['runs', 'tensorboard', '{run_id}', {str(home / 'tb')!r}]); "
        "assert 'tensorflow' not in sys.modules, 'tensorflow imported'; sys.exit(rc)"
    )
    p = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "SUANLI_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout == ""
    assert p.stderr.count("\n") == 1 and f"run-{run_id}" in p.stderr


def test_live_logging_writes_what_the_export_writes(tmp_path):
    live = LiveTensorBoard(tmp_path / "live", run_id=lambda: 42, flush_s=0.01, batch_hz=None)
    live.on_run_begin({"config": {"epochs": 1}})
    for step in (1, 2):
        live.on_batch_end(step, {"loss": 1.0 / step, "accuracy": 0.5, "samples_per_s": 10.0})
    time.sleep(0.2)  # the background thread writes while the run trains
    ev = read_events(tmp_path / "live")
    assert [s for s, _, _ in ev[("run-42", "train", "batch_loss")]] == [1, 2]
    live.on_epoch_end(1, {"train_loss": 0.5, "dev_loss": 0.75, "learning_rate": 0.001})
    live.on_run_end(type("R", (), {"test": {"loss": 0.25, "accuracy": 0.9}})())
    ev = read_events(tmp_path / "live")
    assert values(ev, ("run-42", "train", "epoch_learning_rate")) == [(0, 0.001)]
    assert values(ev, ("run-42", "validation", "epoch_loss")) == [(0, 0.75)]
    assert values(ev, ("run-42", "test", "epoch_accuracy")) == [(0, 0.9)]
    assert live.error is None


def test_live_batch_points_are_kept_at_most_20_a_second(tmp_path):
    live = LiveTensorBoard(tmp_path / "live", run_id=lambda: 1, flush_s=3600)
    live.on_run_begin({"config": {}})
    t0 = time.monotonic()
    for step in range(1, 2001):
        live.on_batch_end(step, {"loss": 1.0})
    elapsed = time.monotonic() - t0
    live.on_run_end(None)
    points = read_events(tmp_path / "live")[("run-1", "train", "batch_loss")]
    assert points[0][0] == 1 and len(points) <= 1 + elapsed * 20 + 1


def test_a_run_that_fails_before_it_begins_leaves_no_events(tmp_path):
    live = LiveTensorBoard(tmp_path / "live", run_id=lambda: 1)
    live.on_device_sample({"timestamp": 1.0, "host": {"cpu_percent": 5.0}})
    live.on_run_end({"status": "failed", "test": None})
    assert live.error is None and not (tmp_path / "live").exists()


def test_live_logging_that_fails_never_stops_the_run(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    live = LiveTensorBoard(blocker, run_id=lambda: 1, flush_s=0.01)
    live.on_run_begin({"config": {}})
    live.on_batch_end(1, {"loss": 1.0})
    live.on_run_end(None)
    assert live.error is not None and blocker.read_text() == "not a folder"


def test_train_with_tensorboard_logs_live(home):
    tb = home / "live"
    args = ["train", "--dataset", "synthetic", "--epochs", "2", "--limit", "256"]
    assert main([*args, "--batch-size", "64", "--tensorboard", str(tb)]) == 0
    ev = read_events(tb)
    (run,) = {r for r, _, _ in ev}
    with Store() as store:
        (summary,) = store.list_runs()
    assert run == f"run-{summary.id}"
    assert [s for s, _, _ in ev[(run, "train", "epoch_loss")]] == [0, 1]
    steps = [s for s, _, _ in ev[(run, "train", "batch_loss")]]  # at most 20 a second
    assert steps[0] == 1 and steps == sorted(steps) and steps[-1] <= summary.steps
    assert (run, "train", "epoch_learning_rate") in ev and (run, "test", "epoch_loss") in ev
    assert main([*args, "--tensorboard", str(home / "suanli.db")]) == 2  # a file, not a folder
