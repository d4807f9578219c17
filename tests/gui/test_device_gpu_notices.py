"""The Device tab says when a GPU is lost and what a MIG-enabled board cannot report, and
numbers GPUs as TensorFlow (the run form) does."""

from __future__ import annotations

import dataclasses

import pytest

from engine.telemetry.snapshot import NO_PERMISSION, NOT_SUPPORTED, MigSample
from gui.runtime.plot_buffers import DeviceRecorder
from tests.gui.fakes import gpu_sample, snapshot


@pytest.fixture
def device_view(qtbot):
    from gui.views.device.qt_device_view import QtDeviceView

    view = QtDeviceView()
    qtbot.addWidget(view)
    return view


def lost(index):
    return dataclasses.replace(
        gpu_sample(index), lost=True, power_w=None, utilization_gpu_percent=None
    )


def mig_board():
    return dataclasses.replace(
        gpu_sample(0, util=None),
        memory_used_bytes=None,
        mig_enabled=True,
        mig_devices=(MigSample(0, "MIG-a", "H200 MIG 3g.71gb", "3g.71gb", 2 * 2**30, 70 * 2**30),),
        unreadable=(("utilization", NOT_SUPPORTED), ("memory", NO_PERMISSION)),
    )


def test_a_lost_gpu_is_said_in_the_notice(device_view):
    rec = DeviceRecorder(t0=0.0)
    rec.on_device_sample(snapshot(1.0, [gpu_sample(0), gpu_sample(1)]))
    device_view.refresh(rec)
    assert device_view.notice.isHidden()
    rec.on_device_sample(snapshot(2.0, [gpu_sample(0), lost(1)]))
    device_view.refresh(rec)
    assert not device_view.notice.isHidden()
    text = device_view.notice.text()
    assert "GPU 1 (<b>Fake GPU</b>, PCI ?) is lost" in text and "GPU 0" not in text


def test_a_mig_board_says_what_cannot_be_read_and_why(device_view):
    rec = DeviceRecorder(t0=0.0)
    rec.on_device_sample(snapshot(1.0, [mig_board()]))
    device_view.refresh(rec)
    text = device_view.notice.text()
    assert "MIG mode (slices: 3g.71gb)" in text
    assert "utilisation: not shown, NVML does not support it here." in text
    assert "memory: not shown, NVML needs administrator rights for it." in text
    assert "MIG 3g.71gb: memory 2.0 of 70.0 GiB" in text


def test_gpus_are_numbered_as_tensorflow_numbers_them(device_view):
    inv = {
        "cpu": {"model": "x", "logical_cores": 2},
        "gpus": [
            {"index": 0, "name": "NVIDIA T400", "pci_bus_id": "00000000:19:00.0"},
            {"index": 1, "name": "NVIDIA H200", "pci_bus_id": "00000000:2A:00.0"},
        ],
        "gpu_links": [{"tf_index": 0, "nvml_index": 1, "how": "pci_bus_id"}],
        "tensorflow": {"version": "2.x", "physical_devices": []},
    }
    rec = DeviceRecorder(t0=0.0)
    rec.on_device_sample(snapshot(1.0, [gpu_sample(0), gpu_sample(1)]))
    device_view.refresh(rec)
    assert device_view.gpu_panels["power"].curve("power1").name() == "GPU 1"  # NVML's, for now
    device_view.set_inventory(inv)
    assert "GPU 0: NVIDIA H200" in device_view.machine.text()
    assert "GPU 0 (NVML): NVIDIA T400" in device_view.machine.text()
    rec.on_device_sample(snapshot(2.0, [gpu_sample(0), gpu_sample(1)]))
    device_view.refresh(rec)
    assert device_view.gpu_panels["power"].curve("power1").name() == "GPU 0"
    assert device_view.gpu_panels["power"].curve("power0").name() == "GPU 0 (NVML)"
    assert "GPU 0 80 %" in device_view.now.text()
