"""The sampler over the real nvidia-ml-py: PCIe off the tick, a lost GPU said once."""

from __future__ import annotations

import threading

from fake_libnvml import h200s

from engine.events import Callback, RecordingCallback
from engine.telemetry import TelemetrySampler
from engine.telemetry.inventory import gpu_links

ENOUGH = 10.0  # seconds before calling it a hang (never a pass criterion)


class CountDown(Callback):
    def __init__(self, n):
        self.n, self.snapshots, self.done = n, [], threading.Event()

    def on_device_sample(self, snapshot):
        self.snapshots.append(snapshot)
        if len(self.snapshots) >= self.n:
            self.done.set()


def test_ticks_go_on_while_the_slow_pcie_read_blocks(libnvml):
    libnvml(h200s(8))
    release = threading.Event()
    reads = []

    def pcie():  # stands for NVML's 20 ms-per-counter reads, held until the test says
        reads.append(1)
        release.wait(ENOUGH)
        return {i: (1.0, 2.0) for i in range(8)}

    counter = CountDown(4)
    sampler = TelemetrySampler(rate_hz=50, callbacks=counter, pcie_reader=pcie).start()
    try:
        assert counter.done.wait(ENOUGH)  # four ticks while the PCIe read is stuck
        assert reads == [1]
    finally:
        release.set()
        assert sampler.stop(timeout=ENOUGH)
    snap = counter.snapshots[-1]
    assert len(snap.gpus) == 8 and all(g.monotonic is not None for g in snap.gpus)
    assert all(g.monotonic <= snap.monotonic for g in snap.gpus)  # stamped after the reads


def test_a_lost_gpu_is_said_once_as_a_warning(libnvml):
    lib = libnvml(h200s(2))
    rec = RecordingCallback()
    sampler = TelemetrySampler(callbacks=rec)
    sampler.sample_once()
    lib.gpus[1].lost = True
    for _ in range(3):
        snap = sampler.sample_once()
    assert snap.gpus[1].lost and not snap.gpus[0].lost
    warnings = [c for c in rec.of("on_log") if c[1] == "warning"]
    assert len(warnings) == 1
    assert warnings[0][2].startswith("GPU 1 (NVIDIA H200, PCI 00000000:2A:00.0) is lost")


def test_inventory_links_tensorflow_gpus_to_nvml(libnvml):
    from engine.telemetry import nvml

    libnvml(h200s(2))
    tf_info = {
        "version": "2.20",
        "physical_devices": [
            {"name": "/physical_device:CPU:0", "device_type": "CPU"},
            {"name": "/physical_device:GPU:0", "device_type": "GPU", "pci_bus_id": "0000:2a:00.0"},
        ],
    }
    assert gpu_links(tf_info, nvml.gpu_static_info()) == [
        {"tf_index": 0, "nvml_index": 1, "how": "pci_bus_id", "pci_bus_id": "00000000:2A:00.0"}
    ]
    assert gpu_links(None, nvml.gpu_static_info()) is None


def test_the_cli_device_list_says_what_a_mig_board_cannot_give(libnvml, capsys, monkeypatch):
    from fake_libnvml import MIB, FakeGpu, FakeMig

    from engine.cli.main import main
    from engine.telemetry import inventory as inventory_module

    libnvml([FakeGpu(mig_mode=1, migs=[FakeMig("3g.71gb", 71_936 * MIB, 0, "MIG-a")])])
    monkeypatch.setattr(inventory_module, "tensorflow_info", lambda: {"version": None})
    assert main(["devices"]) == 0
    out = capsys.readouterr().out
    assert "GPU 0 is in MIG mode (slices: 3g.71gb)" in out
    assert "utilisation: not shown, NVML does not support it here." in out
    assert "memory: not shown, NVML needs administrator rights for it." in out
