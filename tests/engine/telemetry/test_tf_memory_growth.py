"""TensorFlow memory growth is switched on for every GPU before first use."""

from __future__ import annotations

import types

from engine import tf_runtime


class FakeTf:
    def __init__(self, gpus, refuse=()):
        self.set_for = []

        def set_memory_growth(gpu, on):
            if gpu.name in refuse:
                raise RuntimeError("Physical devices cannot be modified after being initialized")
            self.set_for.append((gpu.name, on))

        self.config = types.SimpleNamespace(
            list_physical_devices=lambda kind: [types.SimpleNamespace(name=n) for n in gpus],
            experimental=types.SimpleNamespace(set_memory_growth=set_memory_growth),
        )


def test_memory_growth_is_on_for_every_gpu(monkeypatch):
    monkeypatch.delenv("SUANLI_TF_MEMORY_GROWTH", raising=False)
    tf = FakeTf(["/physical_device:GPU:0", "/physical_device:GPU:1"])
    assert tf_runtime.enable_memory_growth(tf) == [
        "/physical_device:GPU:0",
        "/physical_device:GPU:1",
    ]
    assert tf.set_for == [("/physical_device:GPU:0", True), ("/physical_device:GPU:1", True)]


def test_an_initialised_gpu_is_left_as_it_is_and_the_switch_turns_it_off(monkeypatch):
    tf = FakeTf(
        ["/physical_device:GPU:0", "/physical_device:GPU:1"], refuse={"/physical_device:GPU:0"}
    )
    assert tf_runtime.enable_memory_growth(tf) == ["/physical_device:GPU:1"]
    monkeypatch.setenv("SUANLI_TF_MEMORY_GROWTH", "0")
    assert tf_runtime.enable_memory_growth(FakeTf(["/physical_device:GPU:0"])) == []
