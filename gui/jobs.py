"""The engine jobs the window runs on workers, and how it words what they find (no Qt)."""

from __future__ import annotations

from typing import Any

from engine.config import RunConfig


def train_job(config: RunConfig, callbacks, control):
    """``engine.train.run`` in the worker's shape (imported there: it pulls in TensorFlow)."""
    from engine.train import run

    return run(config, callbacks, control)


def load_tensorflow_job(callbacks, control) -> dict[str, Any]:
    """Import TensorFlow (seconds; off the GUI thread) and describe the machine."""
    from engine import tf_runtime

    tf = tf_runtime.tf()
    try:
        from engine.telemetry.inventory import inventory

        return inventory(include_tensorflow=True)
    except ImportError:  # a build without telemetry: TensorFlow's own view of the devices
        return {
            "tensorflow": {
                "version": tf.__version__,
                "physical_devices": [
                    {"name": d.name, "device_type": d.device_type}
                    for d in tf.config.list_physical_devices()
                ],
            }
        }


def device_choices(inv: dict[str, Any]) -> list[tuple[str, str]]:
    """Device combo entries from the inventory: automatic, CPU, then each GPU TF can use."""
    choices = [("Automatic (GPU if there is one)", "auto"), ("CPU", "cpu")]
    tf = inv.get("tensorflow") or {}
    gpus = [d for d in tf.get("physical_devices", []) if d.get("device_type") == "GPU"]
    nv = {g.get("index"): g.get("name") for g in inv.get("gpus") or []}
    for i, d in enumerate(gpus):
        name = d.get("device_name") or nv.get(i) or d.get("name") or "GPU"
        choices.append((f"GPU {i}: {name}", f"gpu:{i}"))
    return choices


def status_text(inv: dict[str, Any]) -> str:
    """One status-bar line: TensorFlow's version and the devices it will train on."""
    tf = inv.get("tensorflow") or {}
    if tf.get("error"):
        return str(tf["error"])
    gpus = [c for c in device_choices(inv) if c[1].startswith("gpu:")]
    devices = ", ".join(label for label, _ in gpus) if gpus else "no GPU; training on the CPU"
    cpu = (inv.get("cpu") or {}).get("model")
    cpu_text = f" · CPU: {cpu}" if cpu else ""
    return f"TensorFlow {tf.get('version', '?')} ready · {devices}{cpu_text}"
