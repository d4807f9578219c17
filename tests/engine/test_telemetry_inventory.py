"""Machine inventory and the environment fingerprint score cards carry."""

from __future__ import annotations

import copy
import json
import platform

import pytest

from engine.hashing import json_sha256
from engine.i18n.message import english, stored
from engine.telemetry import host, nvml
from engine.telemetry.inventory import environment_fingerprint, inventory, tensorflow_info


def test_inventory_without_tensorflow_describes_the_host_as_plain_json(real_nvml):
    inv = inventory(include_tensorflow=False)
    json.dumps(inv)  # plain data only
    assert inv["python"]["version"] == platform.python_version()
    assert inv["os"]["system"] == platform.system()
    assert inv["cpu"]["model"] == host.cpu_model()
    assert inv["cpu"]["logical_cores"] >= 1
    assert inv["ram_total_bytes"] == host.ram_total_bytes()
    assert inv["nvml"]["available"] == nvml.available()
    assert inv["tensorflow"] is None
    assert inv["libraries"]["psutil"]


def test_inventory_lists_gpu_facts_from_nvml(fake_pynvml):
    inv = inventory(include_tensorflow=False)
    assert inv["nvml"] == {
        "available": True,
        "notice": None,
        "driver_version": "550.54.14",
        "cuda_driver_version": "12.4",
    }
    (gpu,) = inv["gpus"]
    assert gpu["name"] == "Fake GeForce RTX 9090"
    assert gpu["memory_total_bytes"] == 24 * 2**30


def test_inventory_without_nvml_keeps_the_notice(real_nvml):
    if nvml.available():
        pytest.skip("this machine has a working NVML")
    inv = inventory(include_tensorflow=False)
    assert inv["gpus"] == []
    assert inv["nvml"]["notice"] == stored(nvml.notice())  # its dict: inventories are JSON


def test_tensorflow_info_reports_versions_build_and_devices():
    tf = pytest.importorskip("tensorflow")
    import keras

    info = tensorflow_info()
    assert info["error"] is None
    assert info["version"] == tf.__version__
    assert info["keras_version"] == keras.__version__
    build = tf.sysconfig.get_build_info()
    assert info["cuda_version"] == build.get("cuda_version")
    assert info["cudnn_version"] == build.get("cudnn_version")
    assert {"name": "/physical_device:CPU:0", "device_type": "CPU"} in info["physical_devices"]


def test_a_tensorflow_that_cannot_be_imported_is_reported_not_raised(monkeypatch):
    import engine.tf_runtime

    def broken():
        raise ImportError("libtensorflow_framework.so.2: cannot open shared object file")

    monkeypatch.setattr(engine.tf_runtime, "tf", broken)
    info = tensorflow_info()
    assert english(info["error"]).startswith("TensorFlow could not be imported")
    assert info["physical_devices"] == []


def fake_inventory() -> dict:
    return {
        "python": {"version": "3.11.7", "implementation": "CPython"},
        "os": {
            "system": "Linux",
            "release": "6.8.0",
            "version": "#1",
            "machine": "x86_64",
            "platform": "Linux-6.8.0-x86_64",
        },
        "cpu": {"model": "Test CPU 9000", "logical_cores": 16, "physical_cores": 8},
        "ram_total_bytes": 64 * 2**30 - 123_456_789,
        "nvml": {
            "available": True,
            "notice": None,
            "driver_version": "550.54.14",
            "cuda_driver_version": "12.4",
        },
        "gpus": [
            {
                "index": 0,
                "name": "GPU X",
                "uuid": "GPU-abc",
                "memory_total_bytes": 24 * 2**30,
                "default_power_limit_w": 450.0,
                "sm_clock_max_mhz": 3105.0,
                "mem_clock_max_mhz": 10501.0,
                "driver_version": "550.54.14",
                "cuda_driver_version": "12.4",
            }
        ],
        "tensorflow": {
            "version": "2.21.0",
            "keras_version": "3.15.1",
            "cuda_version": "12.5.1",
            "cudnn_version": "9",
            "is_cuda_build": True,
            "physical_devices": [],
            "error": None,
        },
        "libraries": {"numpy": "2.1.0", "psutil": "7.2.2", "nvidia-ml-py": "13.615.71"},
    }


def test_fingerprint_holds_hardware_driver_and_library_versions_and_their_hash():
    fp = environment_fingerprint(fake_inventory())
    facts = fp["facts"]
    assert facts["cpu_model"] == "Test CPU 9000"
    assert facts["ram_total_gib"] == 64  # rounded, so small kernel reservations don't matter
    assert facts["gpus"] == [{"name": "GPU X", "memory_total_mib": 24576}]
    assert facts["driver_version"] == "550.54.14"
    assert facts["cuda_driver_version"] == "12.4"
    assert (facts["tensorflow"], facts["keras"], facts["numpy"]) == ("2.21.0", "3.15.1", "2.1.0")
    assert (facts["tf_cuda_version"], facts["tf_cudnn_version"]) == ("12.5.1", "9")
    assert fp["sha256"] == json_sha256(facts)
    assert len(fp["sha256"]) == 64


def test_fingerprint_is_the_same_for_the_same_environment_and_leaves_out_identities():
    a, b = fake_inventory(), fake_inventory()
    b["gpus"][0]["uuid"] = "GPU-another-card-of-the-same-model"
    b["os"]["version"] = "#2 build date"
    assert environment_fingerprint(a) == environment_fingerprint(b)
    assert "GPU-abc" not in json.dumps(environment_fingerprint(a))


@pytest.mark.parametrize(
    "change",
    [
        lambda inv: inv["nvml"].update(driver_version="560.28.03"),
        lambda inv: inv["tensorflow"].update(version="2.20.0"),
        lambda inv: inv["gpus"][0].update(name="GPU Y"),
        lambda inv: inv["cpu"].update(logical_cores=8),
    ],
)
def test_fingerprint_hash_changes_when_the_environment_does(change):
    changed = copy.deepcopy(fake_inventory())
    change(changed)
    assert (
        environment_fingerprint(changed)["sha256"]
        != environment_fingerprint(fake_inventory())["sha256"]
    )


def test_fingerprint_of_this_machine_is_stable(real_nvml):
    pytest.importorskip("tensorflow")
    assert environment_fingerprint() == environment_fingerprint()
