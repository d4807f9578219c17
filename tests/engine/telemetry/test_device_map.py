"""TensorFlow's GPU:N matched to NVML's GPU by PCI bus id, or by CUDA_VISIBLE_DEVICES."""

from __future__ import annotations

import pytest
from fake_libnvml import FakeGpu, FakeMig, h200s

from engine.telemetry import nvml
from engine.telemetry.device_map import (
    BY_PCI,
    BY_VISIBLE,
    device_map,
    normalise_pci,
    nvml_indices,
)


def tf(*bus_ids):
    """TensorFlow's GPUs as tf.config.experimental.get_device_details gives them."""
    return [
        {"name": f"/physical_device:GPU:{i}", "pci_bus_id": b, "device_name": "NVIDIA H200"}
        for i, b in enumerate(bus_ids)
    ]


def test_pci_bus_ids_are_compared_whatever_their_spelling():
    assert normalise_pci("00000000:3B:00.0") == normalise_pci("0000:3b:00.0") == "0000:3b:00.0"
    assert normalise_pci("3b:00.0") == "0000:3b:00.0"
    assert normalise_pci(None) is None and normalise_pci("garbage") is None


def test_tensorflow_gpus_are_matched_by_pci_bus_id_even_out_of_order(libnvml):
    libnvml(h200s(8))
    info = nvml.gpu_static_info()
    # CUDA_VISIBLE_DEVICES=5,1: TensorFlow's GPU:0 is NVML 5, GPU:1 is NVML 1
    links = device_map(tf("0000:ab:00.0", "0000:2a:00.0"), info, env={})
    assert [(link.tf_index, link.nvml_index, link.how) for link in links] == [
        (0, 5, BY_PCI),
        (1, 1, BY_PCI),
    ]
    assert links[0].label == "GPU 0" and links[0].uuid == info[5]["uuid"]
    assert nvml_indices(["/job:localhost/replica:0/task:0/device:GPU:1"], links) == (1,)
    assert nvml_indices(["/job:localhost/replica:0/task:0/device:CPU:0"], links) == ()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, [0, 1, 2, 3]),
        ({"CUDA_VISIBLE_DEVICES": "2,0"}, [2, 0]),
        ({"CUDA_VISIBLE_DEVICES": "GPU-5d2f8c1e-0000-4000-8000-000000000003"}, [3]),
        ({"CUDA_VISIBLE_DEVICES": "1,9,2"}, [1]),  # CUDA stops at the first unknown device
        ({"CUDA_VISIBLE_DEVICES": ""}, []),
    ],
)
def test_without_pci_ids_identical_gpus_follow_cuda_visible_devices(libnvml, env, expected):
    libnvml(h200s(4))
    tf_gpus = [{"name": f"/physical_device:GPU:{i}"} for i in range(len(expected))]
    links = device_map(tf_gpus, nvml.gpu_static_info(), env=env)
    assert [link.nvml_index for link in links] == expected
    assert all(link.how == BY_VISIBLE for link in links)


def test_mixed_gpus_in_cuda_fastest_first_order_cannot_be_guessed(libnvml):
    libnvml([FakeGpu(name="NVIDIA T400"), FakeGpu(pci_bus_id="00000000:2A:00.0")])
    info = nvml.gpu_static_info()
    tf_gpus = [{"name": "/physical_device:GPU:0"}, {"name": "/physical_device:GPU:1"}]
    assert [x.nvml_index for x in device_map(tf_gpus, info, env={})] == [None, None]
    assert nvml_indices(["GPU:0"], device_map(tf_gpus, info, env={})) is None
    by_bus = device_map(tf_gpus, info, env={"CUDA_DEVICE_ORDER": "PCI_BUS_ID"})
    assert [x.nvml_index for x in by_bus] == [0, 1]


def test_a_mig_uuid_in_cuda_visible_devices_is_its_board(libnvml):
    libnvml(
        [
            FakeGpu(),
            FakeGpu(pci_bus_id="00000000:2A:00.0", mig_mode=1, migs=[FakeMig(uuid="MIG-1234abcd")]),
        ]
    )
    links = device_map(
        [{"name": "/physical_device:GPU:0"}],
        nvml.gpu_static_info(),
        env={"CUDA_VISIBLE_DEVICES": "MIG-1234abcd"},
    )
    assert links[0].nvml_index == 1
