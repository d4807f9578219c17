"""A run's device telemetry read back from the results store: ``Store.device_samples``
returns the snapshots StoreWriter kept, as their dicts, in time order, thinned as the
writer thinned them (every ``sample_stride``-th one), across epochs and a resumed run."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from engine.store.records import RunNotFound
from engine.store.store import Store
from engine.store.writer import StoreWriter
from engine.telemetry.snapshot import DeviceSnapshot, GpuSample, HostSample
from tests.engine.test_store import ENV, epoch_logs, info, result


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "suanli.db") as s:
        yield s


def snap(i: int, gpus: int = 0) -> DeviceSnapshot:
    """The ``i``-th tick of a sampler: half a second apart, CPU load ``i`` %."""
    host = HostSample(
        cpu_model="Test CPU",
        logical_cores=4,
        cpu_percent=None if i == 0 else float(i % 100),
        cpu_percent_per_core=None,
        cpu_freq_mhz=2000.0,
        ram_used_bytes=(2 << 30) + i,
        ram_total_bytes=8 << 30,
        process_rss_bytes=1 << 28,
        process_threads=9,
        process_cpu_percent=50.0,
    )
    gpu = [
        GpuSample(
            index=g,
            name="GPU X",
            uuid=f"GPU-{g}",
            driver_version="1",
            cuda_driver_version="12",
            utilization_gpu_percent=float(i % 100),
            utilization_memory_percent=None,
            memory_used_bytes=1 << 30,
            memory_total_bytes=16 << 30,
            temperature_c=60.0,
            fan_percent=None,
            power_w=100.0 + g,
            power_limit_w=300.0,
            sm_clock_mhz=None,
            sm_clock_max_mhz=None,
            mem_clock_mhz=None,
            mem_clock_max_mhz=None,
            throttle_reasons=(),
            pstate=None,
            pcie_tx_bytes_per_s=None,
            pcie_rx_bytes_per_s=None,
            energy_j=None,
        )
        for g in range(gpus)
    ]
    return DeviceSnapshot(
        timestamp=1e9 + 0.5 * i, monotonic=100.0 + 0.5 * i, host=host, gpus=tuple(gpu)
    )


def test_a_runs_samples_come_back_as_snapshot_dicts_in_time_order(store):
    w = StoreWriter(store, environment=ENV)
    w.on_run_begin(info())
    snaps = [snap(i, gpus=2) for i in range(7)]
    for s in snaps[:4]:
        w.on_device_sample(s)
    w.on_epoch_end(1, epoch_logs(1))
    assert store.device_samples(w.run_id) == [s.to_dict() for s in snaps[:4]]  # flushed
    for s in snaps[4:]:
        w.on_device_sample(s)
    w.on_run_end(result())
    got = store.device_samples(w.run_id)
    assert got == [s.to_dict() for s in snaps]
    assert got[3]["host"]["ram_used_bytes"] == (2 << 30) + 3
    assert [g["index"] for g in got[0]["gpus"]] == [0, 1] and got[0]["gpus"][1]["power_w"] == 101.0
    assert store.get_run(w.run_id).samples == got  # what the history view opens


def test_samples_are_thinned_as_the_writer_thinned_them(store):
    w = StoreWriter(store, environment=ENV, max_device_samples=8)
    w.on_run_begin(info())

    def sampler(first: int, count: int) -> None:  # the sampler's thread, not the job's
        for i in range(first, first + count):
            w.on_device_sample(snap(i))

    n = 0
    for epoch in (1, 2, 3):
        t = threading.Thread(target=sampler, args=(n, 13))
        t.start()
        t.join()
        n += 13
        w.on_epoch_end(epoch, epoch_logs(epoch))
    w.on_run_end(result())
    stride = store.get_run(w.run_id, series=False).sample_stride
    got = store.device_samples(w.run_id)
    assert stride == 8  # 39 ticks into at most 8 points
    assert got == [snap(i).to_dict() for i in range(0, n, stride)]
    stamps = [s["timestamp"] for s in got]
    assert stamps == sorted(stamps) and 4 <= len(got) <= 8


def test_only_points_on_the_runs_stride_are_read(store):
    w = StoreWriter(store, environment=ENV)
    w.on_run_begin(info())
    for i in range(4):
        w.on_device_sample(snap(i))
    w.on_run_end(result())
    with store.transaction() as conn:  # as if a prune had not reached every row
        conn.execute("UPDATE runs SET sample_stride = 2 WHERE id = ?", (w.run_id,))
    assert store.device_samples(w.run_id) == [snap(0).to_dict(), snap(2).to_dict()]


def test_a_resumed_run_keeps_its_earlier_samples_first(store):
    run_info = {**info(), "run_id": "20260101-000000-abcdef"}
    w = StoreWriter(store, environment=ENV)
    w.on_run_begin(run_info)
    for i in range(3):
        w.on_device_sample(snap(i))
    w.on_run_end(result("stopped"))
    w2 = StoreWriter(store, environment=ENV)
    w2.on_device_sample(snap(10))  # the resumed run's sampler starts before the run begins
    w2.on_run_begin({**run_info, "start_epoch": 2})
    w2.on_device_sample(snap(11))
    w2.on_run_end(result())
    assert w2.run_id == w.run_id
    got = [s["timestamp"] for s in store.device_samples(w.run_id)]
    assert got == [snap(i).timestamp for i in (0, 1, 2, 10, 11)]


def test_a_run_without_telemetry_has_no_samples_and_an_unknown_run_is_refused(store):
    w = StoreWriter(store, environment=ENV)
    w.on_run_begin(info())
    w.on_epoch_end(1, epoch_logs(1))
    w.on_run_end(result())
    assert store.device_samples(w.run_id) == []
    with pytest.raises(RunNotFound):
        store.device_samples(w.run_id + 1)
