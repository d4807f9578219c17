"""Several training steps per compiled call over a training set kept on the device: the
same batches and weights as one step per call, every batch reported, stop within a call."""

from __future__ import annotations

import numpy as np
import pytest

from engine.config import RunConfig, field_spec
from engine.events import Callback
from engine.training import calls
from engine.training.calls import StepsPerCall, epoch_order, index_calls
from engine.training.run import run
from engine.training.steps import make_train_dataset

SMALL = RunConfig(dataset="synthetic", epochs=1, batch_size=32, limit=300, checkpoints=False)


class _Batches(Callback):
    def __init__(self, stop_at: int | None = None, control=None) -> None:
        self.logs: list[dict] = []
        self.stop_at = stop_at
        self.control = control

    def on_batch_end(self, step, logs):
        self.logs.append(dict(logs, step=step))
        if self.stop_at is not None and step == self.stop_at:
            self.control.stop()


def _weights(config: RunConfig) -> list[np.ndarray]:
    return run(config).weights


@pytest.mark.parametrize("k", [0, 4, 16])
def test_weights_after_an_epoch_equal_those_of_one_step_per_call(k):
    one = _weights(SMALL.replace(seed=2, steps_per_call=1))
    many = _weights(SMALL.replace(seed=2, steps_per_call=k))
    for a, b in zip(one, many, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_the_device_path_trains_on_the_batches_the_tf_data_pipeline_gives(monkeypatch):
    device = run(SMALL.replace(seed=1, steps_per_call=8))
    assert device.info["input"] == "device"
    monkeypatch.setattr(calls, "DEVICE_DATA_LIMIT", 0)  # too big: per-batch tf.data
    pipeline = run(SMALL.replace(seed=1))
    assert pipeline.info["input"] == "tf.data"
    assert pipeline.info["steps_per_call"] == 1
    for a, b in zip(device.weights, pipeline.weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_every_batch_reaches_the_callbacks_in_order():
    seen = _Batches()
    result = run(SMALL.replace(epochs=2, steps_per_call=4), [seen])
    per_epoch = result.info["steps_per_epoch"]
    assert [log["step"] for log in seen.logs] == list(range(1, 2 * per_epoch + 1))
    assert [log["epoch_step"] for log in seen.logs] == list(range(1, per_epoch + 1)) * 2
    sizes = [log["size"] for log in seen.logs[:per_epoch]]
    assert sizes[:-1] == [32] * (per_epoch - 1) and 0 < sizes[-1] <= 32
    losses = [log["loss"] for log in seen.logs]
    assert len(set(losses)) == len(losses)  # each batch its own loss, not a call's mean
    assert result.info["steps_per_call"] == 4


def test_each_batch_of_a_call_gets_its_share_of_the_calls_time():
    # the live throughput plot and the stored batches take a batch's time from
    # epoch_seconds: k batches of one call must not all end at the call's end
    seen = _Batches()
    run(SMALL.replace(epochs=1, steps_per_call=4), [seen])
    seconds = [log["epoch_seconds"] for log in seen.logs]
    assert all(b > a for a, b in zip(seconds, seconds[1:], strict=False))
    rates = [log["samples_per_s"] for log in seen.logs]
    assert all(r > 0 for r in rates)


def test_stop_is_answered_within_one_call():
    from engine.control import RunControl

    control = RunControl()
    seen = _Batches(stop_at=3, control=control)
    result = run(SMALL.replace(epochs=3, steps_per_call=4), [seen], control=control)
    assert result.status == "stopped"
    assert result.steps == 4  # the call holding step 3 ends; no further call starts


def test_the_epoch_order_is_the_pipelines():
    x = np.arange(100, dtype=np.float32).reshape(100, 1, 1, 1)
    y = np.arange(100, dtype=np.int32)
    batches = [b[1].numpy() for b in make_train_dataset(x, y, 16, 5, 3)]
    assert (np.concatenate(batches) == epoch_order(100, 5, 3)).all()
    assert not (epoch_order(100, 5, 3) == epoch_order(100, 5, 4)).all()


def test_index_calls_cover_the_epoch_once_with_k_read_before_each_call():
    plan = StepsPerCall(3, steps_per_epoch=8)
    order = np.arange(230, dtype=np.int32)
    got = list(index_calls(order, 32, plan))
    assert [c[0].shape for c in got] == [(3, 32), (3, 32), (1, 32), (1, 6)]
    assert (np.concatenate([c[0].ravel() for c in got]) == order).all()


def test_auto_chooses_about_a_tenth_of_a_second_a_call_after_a_warm_up_and_three_probes():
    plan = StepsPerCall(0, steps_per_epoch=1000)
    assert plan.k == 1
    plan.observe(1, 5.0)  # the warm-up call (tracing) is not counted
    for seconds in (0.002, 0.0025, 0.004):
        plan.observe(1, seconds)
    assert plan.chosen and plan.k == 40  # 0.1 s / 2.5 ms
    plan.observe(40, 1.0)  # once chosen, it stays
    assert plan.k == 40
    assert StepsPerCall(0, steps_per_epoch=5).cap == 5
    slow = StepsPerCall(0, steps_per_epoch=100)
    for seconds in (1.0, 0.5, 0.5, 0.5):
        slow.observe(1, seconds)
    assert slow.k == 1


def test_steps_per_call_is_a_config_field_with_a_flag():
    spec = field_spec("steps_per_call")
    assert spec.flag == "--steps-per-call" and spec.default == 0 and spec.advanced
    with pytest.raises(Exception, match="steps_per_call"):
        RunConfig(steps_per_call=-1).validate()


def test_pause_is_answered_within_one_call_and_loses_no_step():
    import threading

    from engine.control import RunControl

    control = RunControl()
    seen = _Batches(stop_at=None)
    paused = threading.Event()

    class _Pause(Callback):
        def on_batch_end(self, step, logs):
            if step == 2:
                control.pause()
                paused.set()

    config = SMALL.replace(steps_per_call=4)
    box: dict = {}
    t = threading.Thread(target=lambda: box.setdefault("r", run(config, [seen, _Pause()], control)))
    t.start()
    try:
        assert paused.wait(60)
        t.join(0.5)
        assert t.is_alive() and [log["step"] for log in seen.logs] == [1, 2, 3, 4]
    finally:
        control.resume()
        t.join(60)
    assert box["r"].status == "finished" and box["r"].steps == box["r"].info["steps_per_epoch"]
