"""The energy meter over the real nvidia-ml-py and a stand-in libnvidia-ml on a test clock.

Power follows steps of (time, watts), so each window's energy has an exact answer.
"""

from __future__ import annotations

import pytest
from fake_libnvml import FakeGpu, FakeMig, h200s

from engine.i18n.message import english
from engine.scoring.energy import COUNTER, POWER, EnergyMeter, EnergyReading, run_energy
from engine.telemetry.snapshot import POWER_1S_AVERAGE, POWER_INSTANT

TF_GPU = "/job:localhost/replica:0/task:0/device:GPU:{}"


def tf_gpus(lib):
    """TensorFlow seeing every fake GPU, in PCI order, with its bus id."""
    return [
        {"name": f"/physical_device:GPU:{i}", "pci_bus_id": g.pci_bus_id}
        for i, g in enumerate(lib.gpus)
    ]


def window(meter, clock, seconds):
    meter.start()
    clock.advance(seconds)
    meter.stop()


def test_a_cpu_run_gets_no_gpu_energy_and_says_so(libnvml, clock):
    libnvml(h200s(1, power=[(0, 300.0)]), clock=clock)  # an idle GPU drawing power
    meter = EnergyMeter.for_tf_devices(["/job:localhost/replica:0/task:0/device:CPU:0"])
    window(meter, clock, 10)
    reading = meter.total()
    assert reading.joules is None
    assert english(reading.reason) == "not available: the run used the CPU"


def test_only_the_gpu_tensorflow_trains_on_is_counted(libnvml, clock):
    # 8 H200s; TensorFlow trains on GPU:1, which is NVML 1 at 600 W; the others idle at 75 W
    lib = libnvml(h200s(8), clock=clock)
    lib.gpus[1].power = [(0, 600.0)]
    meter = EnergyMeter.for_tf_devices([TF_GPU.format(1)], tf_gpus=tf_gpus(lib), clock=clock)
    window(meter, clock, 5)
    reading = meter.total()
    assert reading.devices == (1,)
    assert reading.method == COUNTER
    assert reading.joules == pytest.approx(600.0 * 5, abs=0.01)


def test_all_gpus_of_a_mirrored_run_are_summed(libnvml, clock):
    lib = libnvml(h200s(3, power=[(0, 400.0)]), clock=clock)
    names = [TF_GPU.format(i) for i in range(3)]
    meter = EnergyMeter.for_tf_devices(names, tf_gpus=tf_gpus(lib), clock=clock)
    window(meter, clock, 2)
    assert meter.total().joules == pytest.approx(3 * 400.0 * 2, abs=0.01)


def test_only_the_windows_count_pauses_between_them_do_not(libnvml, clock):
    lib = libnvml(h200s(1, power=[(0, 500.0)]), clock=clock)
    meter = EnergyMeter((0,), clock=clock)
    window(meter, clock, 3)
    clock.advance(600)  # ten minutes paused
    window(meter, clock, 3)
    first = meter.lap()
    assert first.joules == pytest.approx(500.0 * 6, abs=0.01) and first.windows == 2
    window(meter, clock, 4)
    assert meter.lap().joules == pytest.approx(2000.0, abs=0.01)
    assert meter.total().joules == pytest.approx(5000.0, abs=0.01)
    assert meter.total().seconds == pytest.approx(10.0)
    assert lib.gpus[0].joules(0, clock.t) > 500.0 * 600  # the pause did draw power


def test_windows_too_short_for_the_counters_resolution_give_none_and_why(libnvml, clock):
    libnvml(h200s(1, power=[(0, 500.0)], energy_update_s=0.1), clock=clock)
    meter = EnergyMeter((0,), clock=clock)
    for _ in range(4):
        window(meter, clock, 0.15)  # inference-sized windows
    reading = meter.total()
    assert reading.joules is None
    assert "average 0.15 s, under the 1 s that NVML energy counter needs" in english(reading.reason)


def test_without_a_counter_power_is_integrated_over_the_whole_window(libnvml, clock):
    # a pre-Ampere GPU without the energy counter: instantaneous power, 250 W then 350 W
    lib = libnvml(
        [FakeGpu(name="Tesla P100", arch=4, instant_power=False, power=[(0, 250.0)])],
        clock=clock,
        missing={"nvmlDeviceGetTotalEnergyConsumption"},
    )
    meter = EnergyMeter((0,), clock=clock, poll_hz=0)  # the test polls by hand
    meter.start()
    for _ in range(10):
        clock.advance(0.1)
        meter.poll_once()
    lib.gpus[0].power = [(0, 350.0)]  # the load changes between polls...
    clock.advance(0.05)
    meter.stop()  # ...and the edge reading at stop brackets the window
    reading = meter.total()
    assert reading.method == POWER and reading.power_kind == POWER_INSTANT
    assert reading.joules == pytest.approx(250.0 * 1.0 + (250.0 + 350.0) / 2 * 0.05, rel=1e-6)


def test_a_1s_averaged_power_fallback_needs_a_long_window(libnvml, clock):
    libnvml(
        h200s(1, instant_power=False, power=[(0, 500.0)]),
        clock=clock,
        missing={"nvmlDeviceGetTotalEnergyConsumption"},
    )
    meter = EnergyMeter((0,), clock=clock, poll_hz=0)
    window(meter, clock, 5)
    short = meter.lap()
    assert short.joules is None and "under the 12 s" in english(short.reason)
    window(meter, clock, 20)
    long = meter.lap()
    assert long.joules == pytest.approx(500.0 * 20) and long.power_kind == POWER_1S_AVERAGE


def test_zero_joules_is_a_measurement_not_a_missing_one(libnvml, clock):
    libnvml(h200s(1, idle_w=0.0), clock=clock)
    meter = EnergyMeter((0,), clock=clock)
    window(meter, clock, 2)
    assert meter.total().joules == 0.0 and meter.total().method == COUNTER


def test_a_gpu_lost_during_the_window_voids_it(libnvml, clock):
    lib = libnvml(h200s(2, power=[(0, 500.0)]), clock=clock)
    meter = EnergyMeter((0, 1), clock=clock)
    meter.start()
    clock.advance(5)
    lib.gpus[1].lost = True
    meter.stop()
    reading = meter.total()
    assert reading.joules is None
    assert english(reading.reason) == "not available: GPU 1 was lost during the measurement"


def test_a_mig_board_counter_is_not_charged_to_one_slice(libnvml, clock):
    libnvml([FakeGpu(mig_mode=1, migs=[FakeMig(uuid="MIG-1")])], clock=clock)
    meter = EnergyMeter((0,), clock=clock)
    window(meter, clock, 5)
    assert "MIG-partitioned" in english(meter.total().reason)


def test_a_resumed_run_adds_this_sessions_energy_to_its_stored_epochs():
    session = EnergyReading(1000.0, method=COUNTER, seconds=10, windows=1, devices=(0,))
    assert run_energy([300.0, 200.0], session).joules == 1500.0
    older = run_energy([300.0, None], session)  # an epoch recorded before energy was kept
    assert older.joules is None and "earlier session" in english(older.reason)
    cpu = EnergyReading(None, reason=session.reason)
    assert run_energy([], cpu) is cpu


def test_measure_gives_one_windows_reading(libnvml, clock):
    libnvml(h200s(1, power=[(0, 100.0)]), clock=clock)
    meter = EnergyMeter((0,), clock=clock)
    out, reading = meter.measure(lambda: clock.advance(3) or "done")
    assert out == "done" and reading.joules == pytest.approx(300.0, abs=0.01)


def test_the_cli_line_says_the_energy_or_why_not(libnvml, clock):
    from engine.scoring.energy import energy_text

    libnvml(h200s(1, power=[(0, 100.0)]), clock=clock)
    meter = EnergyMeter((0,), clock=clock)
    window(meter, clock, 3)
    line = energy_text(meter.total().to_dict())
    assert line == "GPU energy over the training steps: 300.0 J on NVML GPU 0 (NVML energy counter)"
    cpu = EnergyMeter.for_tf_devices(["/job:localhost/replica:0/task:0/device:CPU:0"])
    assert energy_text(cpu.total().to_dict()) == "GPU energy: not available: the run used the CPU"


def test_a_counter_that_goes_back_gives_no_energy_and_says_why(libnvml, clock):
    # a driver reload restarts NVML's cumulative counter mid-window
    lib = libnvml(h200s(1, power=[(0, 300.0)]), clock=clock)
    meter = EnergyMeter.for_tf_devices([TF_GPU.format(0)], tf_gpus=tf_gpus(lib), clock=clock)
    meter.start()
    clock.advance(5)
    lib.gpus[0].energy0_mj = 0
    meter.stop()
    reading = meter.total()
    assert reading.joules is None
    assert english(reading.reason) == "not available: the energy counter of GPU 0 went backwards"
