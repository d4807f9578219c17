"""A run keeps the device map (TensorFlow's GPU numbers matched to NVML's) with its
environment, so History can number the run's GPUs as TensorFlow did."""

from __future__ import annotations

from engine.store.store import Store
from engine.store.writer import StoreWriter

LINKS = [{"tf_index": 0, "nvml_index": 1, "how": "pci_bus_id", "pci_bus_id": "00000000:2A:00.0"}]


def test_a_run_stores_its_gpu_links_beside_its_fingerprint(monkeypatch):
    from engine.telemetry import inventory as inventory_mod

    inv = {"gpu_links": LINKS}
    monkeypatch.setattr(inventory_mod, "inventory", lambda include_tensorflow=False: inv)
    monkeypatch.setattr(
        inventory_mod,
        "environment_fingerprint",
        lambda given=None: {"facts": {"seen": given is inv}, "sha256": "ab" * 32},
    )
    with Store() as store:
        w = StoreWriter(store, name="t")  # no environment given: the writer collects it
        w.on_run_begin({"config": {"epochs": 1}, "steps_per_epoch": 1})
        w.on_run_end({"status": "finished", "steps": 1, "samples_seen": 1, "wall_seconds": 1.0})
        env = store.get_run(w.run_id).environment
    assert env["gpu_links"] == LINKS
    assert env["facts"] == {"seen": True}  # one inventory for both (TensorFlow asked once)
    assert env["sha256"] == "ab" * 32
