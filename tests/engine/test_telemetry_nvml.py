"""NVML access: every failure is "not available", units are converted, init happens once.

The fake ``pynvml`` (``conftest.py``) answers in raw NVML units: 250,500 mW of power,
a 450,000 mW limit, 123,456,789 mJ of energy, PCIe 1,000 KB/s out and 2,000 KB/s in.
"""

from __future__ import annotations

import threading

import pytest

from engine.i18n.message import Message
from engine.telemetry import nvml
from engine.telemetry.snapshot import GpuSample


def only_gpu() -> GpuSample:
    (gpu,) = nvml.read_gpus()
    return gpu


# --------------------------------------------------------------------------- no NVML


def test_without_an_nvidia_driver_nvml_is_unavailable_with_one_notice(real_nvml):
    if nvml.available():
        pytest.skip("this machine has a working NVML; the fakes below cover the no-GPU path")
    assert nvml.available() is False
    assert isinstance(nvml.notice(), Message) and str(nvml.notice()).startswith("No GPU telemetry")
    assert "\n" not in str(nvml.notice())
    assert nvml.read_gpus() == ()
    assert nvml.device_count() == 0
    assert nvml.gpu_static_info() == []
    assert nvml.driver_version() is None


@pytest.mark.parametrize(
    ("error", "words"),
    [
        ("NVMLError_LibraryNotFound", "libnvidia-ml"),
        ("NVMLError_DriverNotLoaded", "driver is not loaded"),
        ("NVMLError_NoPermission", "no permission"),
        ("NVMLError_GpuIsLost", "NVMLError_GpuIsLost"),
    ],
)
def test_an_init_failure_becomes_a_notice_not_an_exception(install_fake_pynvml, error, words):
    install_fake_pynvml(init_error=error)
    assert nvml.available() is False
    assert words in str(nvml.notice())
    assert str(nvml.notice()).endswith("Showing CPU/host telemetry only.")
    assert nvml.read_gpus() == ()


def test_a_driver_without_gpus_is_unavailable_and_says_so(install_fake_pynvml):
    fake = install_fake_pynvml(gpu_count=0)
    assert nvml.available() is False
    assert "found no NVIDIA GPU" in str(nvml.notice())
    assert fake.shutdown_count == 1  # NVML is released, not left initialised


def test_a_missing_pynvml_package_is_a_notice(monkeypatch, install_fake_pynvml):
    import sys

    monkeypatch.setitem(sys.modules, "pynvml", None)  # makes `import pynvml` fail
    nvml.shutdown()
    assert nvml.available() is False
    assert "nvidia-ml-py" in str(nvml.notice())


# --------------------------------------------------------------------------- values and units


def test_values_reach_the_sample_in_si_units(fake_pynvml):
    assert nvml.available() is True
    assert nvml.notice() is None
    gpu = only_gpu()
    assert gpu.index == 0
    assert gpu.name == "Fake GeForce RTX 9090"  # bytes from an old pynvml are decoded
    assert gpu.uuid == "GPU-00000000-1111-2222-3333-444444444444"
    assert gpu.driver_version == "550.54.14"
    assert gpu.cuda_driver_version == "12.4"
    assert gpu.utilization_gpu_percent == 87.0
    assert gpu.utilization_memory_percent == 43.0
    assert gpu.memory_used_bytes == 6 * 2**30
    assert gpu.memory_total_bytes == 24 * 2**30
    assert gpu.memory_used_percent == 25.0
    assert gpu.temperature_c == 65.0
    assert gpu.fan_percent == 40.0
    assert gpu.power_w == 250.5  # mW -> W
    assert gpu.power_limit_w == 450.0
    assert gpu.sm_clock_mhz == 2520.0
    assert gpu.sm_clock_max_mhz == 3105.0
    assert gpu.sm_clock_percent == pytest.approx(100 * 2520 / 3105)
    assert gpu.mem_clock_mhz == gpu.mem_clock_max_mhz == 10501.0
    assert gpu.throttle_reasons == ("sw_power_cap", "sw_thermal_slowdown")
    assert gpu.pstate == 2
    assert gpu.pcie_tx_bytes_per_s == 1000 * 1024  # KB/s -> B/s
    assert gpu.pcie_rx_bytes_per_s == 2000 * 1024
    assert gpu.energy_j == 123_456.789  # mJ -> J


def test_one_unsupported_field_is_none_and_the_rest_still_arrive(fake_pynvml):
    fake_pynvml.fail("nvmlDeviceGetFanSpeed")  # e.g. a passively cooled data-centre card
    gpu = only_gpu()
    assert gpu.fan_percent is None
    assert gpu.power_w == 250.5
    assert gpu.temperature_c == 65.0
    assert gpu.energy_j == 123_456.789


@pytest.mark.parametrize(
    ("function", "fields"),
    [
        ("nvmlDeviceGetPowerUsage", ["power_w"]),
        ("nvmlDeviceGetTotalEnergyConsumption", ["energy_j"]),
        ("nvmlDeviceGetPcieThroughput", ["pcie_tx_bytes_per_s", "pcie_rx_bytes_per_s"]),
        ("nvmlDeviceGetMemoryInfo", ["memory_used_bytes", "memory_total_bytes"]),
        (
            "nvmlDeviceGetUtilizationRates",
            ["utilization_gpu_percent", "utilization_memory_percent"],
        ),
        ("nvmlDeviceGetCurrentClocksEventReasons", ["throttle_reasons"]),
        ("nvmlDeviceGetPerformanceState", ["pstate"]),
    ],
)
def test_each_unsupported_function_blanks_only_its_own_fields(fake_pynvml, function, fields):
    healthy = only_gpu().to_dict()
    fake_pynvml.fail(function)
    degraded = only_gpu().to_dict()
    for name, value in degraded.items():
        if name in ("monotonic", "unreadable"):  # when it was read; what NVML refused
            continue
        if name in fields:
            assert value is None, name
        else:
            assert value == healthy[name], name


def test_a_function_this_pynvml_lacks_is_none_too(fake_pynvml):
    fake_pynvml.remove("nvmlDeviceGetTotalEnergyConsumption")  # older nvidia-ml-py
    assert only_gpu().energy_j is None


def test_the_older_throttle_reasons_call_is_used_when_the_new_one_is_missing(fake_pynvml):
    fake_pynvml.remove("nvmlDeviceGetCurrentClocksEventReasons")
    fake_pynvml.nvmlDeviceGetCurrentClocksThrottleReasons = lambda h: 0x1
    assert only_gpu().throttle_reasons == ("gpu_idle",)


def test_no_active_throttle_reason_is_an_empty_tuple_not_none(install_fake_pynvml):
    install_fake_pynvml(overrides={"event_reasons": 0})
    assert only_gpu().throttle_reasons == ()


def test_throttle_reason_names_include_unknown_bits():
    assert nvml.throttle_reason_names(None) is None
    assert nvml.throttle_reason_names(0x8 | 0x40) == ("hw_slowdown", "hw_thermal_slowdown")
    assert nvml.throttle_reason_names(0x1 | 0x10000) == ("gpu_idle", "other_0x10000")


def test_unknown_pstate_is_none(install_fake_pynvml):
    install_fake_pynvml(overrides={"pstate": 32})  # NVML_PSTATE_UNKNOWN
    assert only_gpu().pstate is None


def test_pcie_can_be_skipped_because_nvml_reads_it_over_20_ms(fake_pynvml):
    gpu = nvml.read_gpus(include_pcie=False)[0]
    assert gpu.pcie_tx_bytes_per_s is None and gpu.pcie_rx_bytes_per_s is None
    assert "nvmlDeviceGetPcieThroughput" not in fake_pynvml.calls


def test_every_gpu_is_sampled(install_fake_pynvml):
    install_fake_pynvml(gpu_count=3)
    assert [g.index for g in nvml.read_gpus()] == [0, 1, 2]


def test_a_gpu_whose_handle_fails_is_left_out(install_fake_pynvml):
    fake = install_fake_pynvml(gpu_count=2)
    real_get = fake.nvmlDeviceGetHandleByIndex

    def get_handle(index):
        if index == 0:
            raise fake.NVMLError_GpuIsLost()
        return real_get(index)

    fake.nvmlDeviceGetHandleByIndex = get_handle
    assert [g.index for g in nvml.read_gpus()] == [1]


def test_static_info_lists_facts_that_do_not_change(fake_pynvml):
    (info,) = nvml.gpu_static_info()
    assert info == {
        "index": 0,
        "name": "Fake GeForce RTX 9090",
        "uuid": "GPU-00000000-1111-2222-3333-444444444444",
        "memory_total_bytes": 24 * 2**30,
        "default_power_limit_w": 450.0,
        "sm_clock_max_mhz": 3105.0,
        "mem_clock_max_mhz": 10501.0,
        "driver_version": "550.54.14",
        "cuda_driver_version": "12.4",
        "pci_bus_id": None,  # this fake pynvml has no nvmlDeviceGetPciInfo
        "power_kind": None,  # ... nor nvmlDeviceGetArchitecture or field values
        "mig_enabled": None,
        "mig_devices": [],
        "lost": False,
    }


# --------------------------------------------------------------------------- lifecycle


def test_nvml_is_initialised_lazily_and_only_once_across_threads(fake_pynvml):
    assert fake_pynvml.init_count == 0  # nothing happens on import or install
    barrier = threading.Barrier(8)

    def use() -> None:
        barrier.wait()
        nvml.read_gpus()

    threads = [threading.Thread(target=use) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fake_pynvml.init_count == 1
    assert fake_pynvml.calls.count("nvmlDeviceGetHandleByIndex") == 1  # handles are reused


def test_shutdown_releases_nvml_and_the_next_use_starts_again(fake_pynvml):
    nvml.read_gpus()
    nvml.shutdown()
    assert fake_pynvml.shutdown_count == 1
    nvml.read_gpus()
    assert fake_pynvml.init_count == 2
