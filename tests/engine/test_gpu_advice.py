"""When NVML sees a GPU that TensorFlow does not use: why, and what to run."""

from __future__ import annotations

import sys

import pytest

from engine import i18n
from engine.i18n.message import shown
from engine.telemetry import gpu_advice as advice_module
from engine.telemetry.gpu_advice import CHECKOUT_COMMAND, gpu_advice


def inventory(tf_gpus: int = 0, cuda_build: bool | None = True, nvml_gpus: int = 1) -> dict:
    devices = [{"name": "/physical_device:CPU:0", "device_type": "CPU"}]
    devices += [{"name": f"/physical_device:GPU:{i}", "device_type": "GPU"} for i in range(tf_gpus)]
    return {
        "gpus": [{"index": i, "name": "NVIDIA H200"} for i in range(nvml_gpus)],
        "nvml": {"available": bool(nvml_gpus), "driver_version": "535.104"},
        "tensorflow": {
            "version": "2.21.0",
            "cuda_version": "12.5",
            "is_cuda_build": cuda_build,
            "physical_devices": devices,
            "error": None,
        },
    }


def test_no_advice_when_tensorflow_uses_the_gpu_or_there_is_none():
    assert gpu_advice(inventory(tf_gpus=1), environ={}) is None
    assert gpu_advice(inventory(nvml_gpus=0), environ={}) is None
    failed = inventory()
    failed["tensorflow"]["error"] = {"message": "no tensorflow", "args": {}}
    assert gpu_advice(failed, environ={}) is None  # said elsewhere


def test_a_cpu_build_of_tensorflow_says_what_to_install():
    text = shown(gpu_advice(inventory(cuda_build=False), environ={}))
    assert text.startswith("NVML sees NVIDIA H200, but TensorFlow trains on the CPU: ")
    assert "built without CUDA" in text and text.endswith(CHECKOUT_COMMAND)


def test_missing_cuda_libraries_hidden_gpus_and_an_old_driver():
    inv = inventory()
    text = shown(gpu_advice(inv, environ={}, has_cuda_libraries=False))
    assert "nvidia-cudnn-cu12" in text and CHECKOUT_COMMAND in text
    text = shown(gpu_advice(inv, environ={"CUDA_VISIBLE_DEVICES": "-1"}, has_cuda_libraries=True))
    assert "CUDA_VISIBLE_DEVICES='-1' hides the GPUs" in text
    text = shown(gpu_advice(inv, environ={}, has_cuda_libraries=True))
    assert "CUDA 12.5" in text and "driver 535.104" in text


def test_the_frozen_app_points_at_its_gpu_build(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    text = shown(gpu_advice(inventory(cuda_build=False), environ={}))
    assert text.endswith("the GPU build of Suanli (the -gpu archive)")


def test_an_installed_copy_names_pip(monkeypatch, tmp_path):
    monkeypatch.setattr(advice_module, "__file__", str(tmp_path / "a" / "b" / "gpu_advice.py"))
    assert advice_module.install_command().endswith('-m pip install "tensorflow[and-cuda]"')


@pytest.mark.parametrize("lang", ["zh_CN"])
def test_the_advice_in_chinese(lang):
    i18n.set_language(lang)
    try:
        text = shown(gpu_advice(inventory(cuda_build=False), environ={}))
    finally:
        i18n.set_language(None)
    assert text.startswith("NVML 检测到 NVIDIA H200，但 TensorFlow 在 CPU 上训练：")
    assert "未带 CUDA 构建" in text
