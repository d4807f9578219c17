"""Shared test data and helpers for the GUI tests (telemetry snapshots, run configs)."""

from __future__ import annotations

from engine.config import RunConfig
from engine.telemetry.snapshot import DeviceSnapshot, GpuSample, HostSample

#: A run that takes a few steps: 256 synthetic images, batches of 64, one epoch.
SMALL_RUN = RunConfig(dataset="synthetic", epochs=1, batch_size=64, limit=256, seed=0)
LONG_WAIT_MS = 180_000  # only a broken run waits this long; passing tests never do


def batch_logs(step: int, epoch_step: int, seconds: float, size: int = 64) -> dict:
    """``on_batch_end`` logs as the engine reports them (epoch 1 of 4-step epochs)."""
    return {
        "loss": 2.0 / step,
        "accuracy": min(1.0, 0.1 * step),
        "size": size,
        "epoch": 1,
        "epoch_step": epoch_step,
        "epoch_steps": 4,
        "epoch_seconds": seconds,
        "samples_per_s": size * epoch_step / seconds,
    }


def wait_for_tensorflow(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.tf_worker is None, timeout=LONG_WAIT_MS)
    assert window.inventory is not None, window.banner_text.text()


def _host(cpu=50.0):
    return HostSample(
        cpu_model="Test CPU",
        logical_cores=2,
        cpu_percent=cpu,
        cpu_percent_per_core=(cpu, cpu),
        cpu_freq_mhz=2000.0,
        ram_used_bytes=2 * 2**30,
        ram_total_bytes=8 * 2**30,
        process_rss_bytes=2**28,
        process_threads=10,
        process_cpu_percent=90.0,
    )


def gpu_sample(index=0, reasons=(), util=80.0):
    return GpuSample(
        index=index,
        name="<b>Fake GPU</b>",
        uuid="GPU-x",
        driver_version="1",
        cuda_driver_version="12.4",
        utilization_gpu_percent=util,
        utilization_memory_percent=40.0,
        memory_used_bytes=6 * 2**30,
        memory_total_bytes=24 * 2**30,
        temperature_c=65.0,
        fan_percent=40.0,
        power_w=250.0,
        power_limit_w=450.0,
        sm_clock_mhz=2400.0,
        sm_clock_max_mhz=3000.0,
        mem_clock_mhz=10000.0,
        mem_clock_max_mhz=10000.0,
        throttle_reasons=tuple(reasons),
        pstate=2,
        pcie_tx_bytes_per_s=None,
        pcie_rx_bytes_per_s=None,
        energy_j=1000.0,
    )


def snapshot(t, gpus=(), notice=None, cpu=50.0):
    return DeviceSnapshot(
        timestamp=1e9 + t, monotonic=t, host=_host(cpu), gpus=tuple(gpus), notice=notice
    )
