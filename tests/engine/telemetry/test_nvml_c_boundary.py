"""engine.telemetry.nvml through the real nvidia-ml-py, over a stand-in libnvidia-ml.

Values are an H200's in NVML's own units; errors are NVML's return codes, raised as
pynvml's own ``NVMLError_*`` classes.
"""

from __future__ import annotations

import pytest
from fake_libnvml import H200_MEMORY, H200_RESERVED, MIB, FakeGpu, FakeMig, h200s

from engine.telemetry import nvml
from engine.telemetry.snapshot import (
    FUNCTION_NOT_FOUND,
    GPU_LOST,
    NO_PERMISSION,
    NOT_SUPPORTED,
    POWER_1S_AVERAGE,
    POWER_INSTANT,
)


def test_an_h200_reads_in_si_units_through_pynvml(libnvml, clock):
    lib = libnvml(h200s(1, power=[(0.0, 412.0)]), clock=clock)
    (g,) = nvml.read_gpus()
    assert nvml.driver_version() == "570.124.06"
    assert nvml.cuda_driver_version() == "12.8"
    assert g.name == "NVIDIA H200" and g.uuid.startswith("GPU-5d2f8c1e")
    assert g.pci_bus_id == "00000000:19:00.0"
    assert g.power_w == 412.0 and g.power_kind == POWER_INSTANT  # NVML_FI_DEV_POWER_INSTANT
    assert g.energy_j == pytest.approx(9_876_543.210 + 412.0 * clock.t, abs=1e-3)
    assert g.memory_total_bytes == H200_MEMORY
    assert g.power_limit_w == 700.0
    assert g.fan_percent is None and ("fan", NOT_SUPPORTED) in g.unreadable
    assert g.throttle_reasons == ("gpu_idle",)
    assert g.pcie_tx_bytes_per_s == 1_000 * 1024
    assert g.monotonic is not None and not g.lost
    assert lib.initialised == 1


def test_memory_used_is_the_v2_figure_without_driver_reserved_memory(libnvml):
    libnvml()
    (g,) = nvml.read_gpus()
    assert g.memory_used_bytes == 0  # an idle H200: nvidia-smi shows ~0 MiB
    assert g.memory_reserved_bytes == H200_RESERVED


def test_an_old_driver_without_memory_v2_falls_back_to_v1_once(libnvml):
    lib = libnvml(missing={"nvmlDeviceGetMemoryInfo_v2"})
    nvml.read_gpus()
    (g,) = nvml.read_gpus()
    assert g.memory_used_bytes == H200_RESERVED  # v1 counts reserved memory as used
    assert g.memory_reserved_bytes is None
    assert [n for n, _ in lib.calls].count("nvmlDeviceGetMemoryInfo_v2") == 0  # FUNCTION_NOT_FOUND
    assert not any(f == "memory" for f, _ in g.unreadable)


def test_without_the_instant_power_field_ampere_and_newer_power_is_a_1s_average(libnvml, clock):
    libnvml(h200s(1, instant_power=False, power=[(clock.t - 0.5, 500.0)]), clock=clock)
    (g,) = nvml.read_gpus()
    assert g.power_kind == POWER_1S_AVERAGE
    assert g.power_w == pytest.approx(0.5 * 75.0 + 0.5 * 500.0)  # the step is half in
    assert nvml.power_kinds() == {0: POWER_1S_AVERAGE}


def test_a_pre_ampere_gpu_reports_instantaneous_power(libnvml, clock):
    libnvml([FakeGpu(name="Tesla V100", arch=5, instant_power=False)], clock=clock)
    assert nvml.read_gpus()[0].power_kind == POWER_INSTANT


def test_old_drivers_missing_symbols_give_function_not_found_and_the_old_names(libnvml):
    lib = libnvml(
        missing={
            "nvmlDeviceGetCurrentClocksEventReasons",
            "nvmlSystemGetCudaDriverVersion_v2",
            "nvmlDeviceGetTotalEnergyConsumption",
            "nvmlDeviceGetMigMode",
        }
    )
    (g,) = nvml.read_gpus()
    assert g.throttle_reasons == ("gpu_idle",)  # from ...ThrottleReasons
    assert nvml.cuda_driver_version() == "12.8"
    assert g.energy_j is None and ("energy", FUNCTION_NOT_FOUND) in g.unreadable
    assert g.mig_enabled is None
    assert lib.initialised == 1


def test_eight_gpus_are_read_with_their_own_pci_ids_and_timestamps(libnvml):
    libnvml(h200s(8))
    gpus = nvml.read_gpus()
    assert [g.index for g in gpus] == list(range(8))
    assert len({g.pci_bus_id for g in gpus}) == 8 and len({g.uuid for g in gpus}) == 8
    assert all(g.monotonic is not None for g in gpus)


# --------------------------------------------------------------------------- a lost GPU


def test_a_gpu_lost_mid_run_is_marked_and_never_called_again(libnvml):
    lib = libnvml(h200s(2))
    nvml.read_gpus()
    lib.gpus[1].lost = True  # fell off the bus (Xid 79)
    first = nvml.read_gpus()
    assert first[1].lost and first[1].power_w is None and first[1].name == "NVIDIA H200"
    assert ("all", GPU_LOST) in first[1].unreadable
    assert not first[0].lost and first[0].power_w is not None
    assert set(nvml.lost_gpus()) == {1}
    calls = lib.calls_to(1)
    for _ in range(5):
        assert nvml.read_gpus()[1].lost
    nvml.read_pcie()
    nvml.read_energy_j([0, 1])
    assert lib.calls_to(1) == calls  # stopped polling it
    assert nvml.gpu_static_info()[1]["lost"] is True


def test_a_gpu_lost_before_start_is_left_out(libnvml):
    gpus = h200s(2)
    gpus[0].lost = True
    libnvml(gpus)
    assert [g.index for g in nvml.read_gpus()] == [1]


# --------------------------------------------------------------------------- MIG


def mig_h200() -> FakeGpu:
    return FakeGpu(
        mig_mode=1,
        migs=[
            FakeMig("3g.71gb", 71_936 * MIB, 2_048 * MIB, "MIG-aaaa"),
            FakeMig("1g.18gb", 17_920 * MIB, 0, "MIG-bbbb"),
        ],
    )


def test_a_mig_board_reads_its_slices_and_says_what_the_parent_cannot_give(libnvml):
    libnvml([mig_h200()])
    (g,) = nvml.read_gpus()
    assert g.mig_enabled is True
    assert [(m.profile, m.uuid) for m in g.mig_devices] == [
        ("3g.71gb", "MIG-aaaa"),
        ("1g.18gb", "MIG-bbbb"),
    ]
    assert g.mig_devices[0].memory_used_bytes == 2_048 * MIB
    assert g.mig_devices[0].name == "NVIDIA H200 MIG 3g.71gb"
    why = dict(g.unreadable)
    assert why["utilization"] == NOT_SUPPORTED
    assert why["memory"] == NO_PERMISSION
    assert g.utilization_gpu_percent is None and g.memory_used_bytes is None
    assert g.power_w is not None  # the whole board's
    (info,) = nvml.gpu_static_info()
    assert info["mig_enabled"] is True
    assert [m["profile"] for m in info["mig_devices"]] == ["3g.71gb", "1g.18gb"]


def test_mig_off_and_mig_unsupported_are_told_apart(libnvml):
    libnvml([FakeGpu(mig_mode=0), FakeGpu(pci_bus_id="00000000:2A:00.0")])
    a, b = nvml.read_gpus()
    assert a.mig_enabled is False and b.mig_enabled is None
    assert a.mig_devices == () and b.mig_devices == ()


def test_the_fingerprint_tells_a_mig_slice_from_the_whole_gpu(libnvml, monkeypatch):
    from engine.telemetry.inventory import environment_fingerprint, inventory

    libnvml([mig_h200()])
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "MIG-bbbb")
    inv = inventory(include_tensorflow=False)
    sliced = environment_fingerprint(inv)
    assert sliced["facts"]["gpus"][0]["mig_profile"] == "1g.18gb"
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES")
    assert environment_fingerprint(inv)["facts"]["gpus"][0]["mig_profile"] == "1g.18gb+3g.71gb"
    whole = dict(inv, gpus=[dict(inv["gpus"][0], mig_enabled=False)])
    assert "mig_profile" not in environment_fingerprint(whole)["facts"]["gpus"][0]
    assert environment_fingerprint(whole)["sha256"] != sliced["sha256"]


def test_a_driver_that_refuses_the_v2_struct_version_falls_back_to_v1(libnvml):
    lib = libnvml()
    lib.gpus[0].unsupported["nvmlDeviceGetMemoryInfo_v2"] = 25  # ARGUMENT_VERSION_MISMATCH
    (g,) = nvml.read_gpus()
    assert g.memory_used_bytes == H200_RESERVED and g.memory_reserved_bytes is None


def test_a_transient_v2_failure_does_not_give_up_on_v2(libnvml):
    lib = libnvml()
    lib.gpus[0].unsupported["nvmlDeviceGetMemoryInfo_v2"] = 999  # NVML_ERROR_UNKNOWN, once
    (g,) = nvml.read_gpus()
    assert g.memory_used_bytes is None and dict(g.unreadable)["memory"] == "error_999"
    del lib.gpus[0].unsupported["nvmlDeviceGetMemoryInfo_v2"]
    (g,) = nvml.read_gpus()
    assert g.memory_used_bytes == 0 and g.memory_reserved_bytes == H200_RESERVED
