"""The telemetry sampler thread: clean start/stop, ordered snapshots, never a crash."""

from __future__ import annotations

import json
import math
import threading

import pytest

from engine.events import Callback, RecordingCallback
from engine.telemetry import DeviceSnapshot, TelemetrySampler, nvml

ENOUGH = 10.0  # seconds to wait for an event before calling it a hang (never a pass criterion)


class CountDown(Callback):
    """Records snapshots and sets ``done`` after ``n`` of them."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.snapshots: list[DeviceSnapshot] = []
        self.done = threading.Event()

    def on_device_sample(self, snapshot: DeviceSnapshot) -> None:
        self.snapshots.append(snapshot)
        if len(self.snapshots) >= self.n:
            self.done.set()


def test_start_and_stop_leave_no_thread_behind():
    before = set(threading.enumerate())
    counter = CountDown(3)
    sampler = TelemetrySampler(rate_hz=50, callbacks=counter).start()
    assert sampler.running
    assert counter.done.wait(ENOUGH)
    assert sampler.stop(timeout=ENOUGH) is True
    assert not sampler.running
    assert set(threading.enumerate()) == before


def test_as_a_context_manager_it_stops_on_exit():
    before = set(threading.enumerate())
    counter = CountDown(2)
    with TelemetrySampler(rate_hz=50, callbacks=[counter]) as sampler:
        assert counter.done.wait(ENOUGH)
    assert not sampler.running
    assert set(threading.enumerate()) == before


def test_callbacks_receive_snapshots_in_time_order_and_latest_is_the_last():
    counter = CountDown(5)
    with TelemetrySampler(rate_hz=50, callbacks=counter) as sampler:
        assert counter.done.wait(ENOUGH)
    snaps = list(counter.snapshots)
    monotonic = [s.monotonic for s in snaps]
    assert monotonic == sorted(monotonic) and len(set(monotonic)) == len(monotonic)
    assert [s.timestamp for s in snaps] == sorted(s.timestamp for s in snaps)
    assert sampler.latest is snaps[-1]
    assert sampler.samples_taken == len(snaps)


def test_the_first_snapshot_is_taken_as_soon_as_it_starts():
    counter = CountDown(1)
    with TelemetrySampler(rate_hz=0.01, callbacks=counter):  # next tick would be in 100 s
        assert counter.done.wait(ENOUGH)


def test_stop_does_not_wait_for_the_next_tick():
    counter = CountDown(1)
    sampler = TelemetrySampler(rate_hz=0.01, callbacks=counter).start()
    assert counter.done.wait(ENOUGH)
    assert sampler.stop(timeout=ENOUGH) is True


def test_it_can_be_started_again_after_stopping_but_not_twice_at_once():
    sampler = TelemetrySampler(rate_hz=50)
    sampler.start()
    with pytest.raises(RuntimeError):
        sampler.start()
    sampler.stop()
    sampler.start()
    assert sampler.stop() is True


def test_sample_once_works_without_the_thread_and_delivers():
    rec = RecordingCallback()
    sampler = TelemetrySampler(callbacks=rec)
    first = sampler.sample_once()
    second = sampler.sample_once()
    assert rec.of("on_device_sample") == [("on_device_sample", first), ("on_device_sample", second)]
    assert sampler.latest is second
    assert second.host.cpu_percent is not None  # the sampler's reader compares with the first


def test_without_nvml_snapshots_are_host_only_with_one_notice(real_nvml):
    if nvml.available():
        pytest.skip("this machine has a working NVML")
    snap = TelemetrySampler().sample_once()
    assert snap.gpus == ()
    assert snap.notice == nvml.notice() and str(snap.notice).startswith("No GPU telemetry")
    assert snap.host.ram_total_bytes > 0


def test_with_nvml_snapshots_carry_every_gpu_and_no_notice(install_fake_pynvml):
    install_fake_pynvml(gpu_count=2)
    snap = TelemetrySampler().sample_once()
    assert [g.index for g in snap.gpus] == [0, 1]
    assert snap.gpus[0].power_w == 250.5
    assert snap.notice is None


def test_pcie_is_read_at_most_once_per_interval_and_carried_in_between(fake_pynvml):
    sampler = TelemetrySampler(pcie_interval_s=3600)
    first = sampler.sample_once()
    fake_pynvml.values[0]["pcie_tx_kbps"] = 5  # would be visible if read again
    second = sampler.sample_once()
    assert fake_pynvml.calls.count("nvmlDeviceGetPcieThroughput") == 2  # tx + rx, once
    assert second.gpus[0].pcie_tx_bytes_per_s == first.gpus[0].pcie_tx_bytes_per_s == 1024000
    assert TelemetrySampler(pcie_interval_s=0).sample_once().gpus[0].pcie_tx_bytes_per_s == 5120


def test_a_failing_callback_does_not_stop_sampling_and_is_reported_once():
    class Broken(Callback):
        def on_device_sample(self, snapshot):
            raise RuntimeError("plot widget gone")

    rec = RecordingCallback()
    counter = CountDown(3)
    with TelemetrySampler(rate_hz=50, callbacks=[Broken(), rec, counter]) as sampler:
        assert counter.done.wait(ENOUGH)
    assert sampler.errors >= 3
    assert isinstance(sampler.last_error, RuntimeError)
    assert rec.of("on_log") == [("on_log", "error", "telemetry: RuntimeError: plot widget gone")]


def test_a_snapshot_is_frozen_and_serialises_to_json(fake_pynvml):
    snap = TelemetrySampler().sample_once()
    with pytest.raises(AttributeError):
        snap.notice = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        snap.gpus[0].power_w = 1.0  # type: ignore[misc]
    data = json.loads(json.dumps(snap.to_dict()))
    assert data["gpus"][0]["energy_j"] == 123_456.789
    assert data["gpus"][0]["throttle_reasons"] == ["sw_power_cap", "sw_thermal_slowdown"]
    assert data["host"]["cpu_model"] == snap.host.cpu_model


def test_it_reports_its_own_cpu_time():
    counter = CountDown(3)
    with TelemetrySampler(rate_hz=50, callbacks=counter) as sampler:
        assert counter.done.wait(ENOUGH)
    assert sampler.cpu_seconds > 0
    assert sampler.overhead_percent is not None and sampler.overhead_percent >= 0


@pytest.mark.parametrize("rate", [0, -1, math.nan, math.inf, 1000, True, "4"])
def test_an_impossible_rate_is_refused(rate):
    with pytest.raises(ValueError, match="rate_hz"):
        TelemetrySampler(rate_hz=rate)
