"""What this machine is: hardware, driver and library versions, and a fingerprint of them.

:func:`inventory` is the full, human-facing description (shown in the GUI's device page
and stored with each run). :func:`environment_fingerprint` keeps only the facts that make
scores comparable or not, and hashes them, so two score cards can be matched by hash.
TensorFlow is imported lazily, and any failure there is reported, not raised.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import sys
from typing import Any

from engine.hashing import json_sha256
from engine.i18n import N_
from engine.i18n.message import Message
from engine.telemetry import host, nvml
from engine.telemetry.device_map import device_map

FINGERPRINT_VERSION = 1
# tensorflow_info()'s "error" (and nvml's "notice"): a stored Message's dict (inventories are
# plain JSON data), said in the user's language by engine.i18n.message.shown.
_NO_TENSORFLOW = N_("TensorFlow could not be imported: {error}")
_CALL_FAILED = N_("{call} failed: {error}")


def inventory(include_tensorflow: bool = True) -> dict[str, Any]:
    """Everything Suanli knows about this machine, as plain JSON-able data."""
    return {
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
        },
        "os": {
            "system": platform.system(),
            "release": platform.release(),
            "version": platform.version(),
            "machine": platform.machine(),
            "platform": platform.platform(),
        },
        "cpu": {
            "model": host.cpu_model(),
            "logical_cores": host.logical_cores(),
            "physical_cores": host.physical_cores(),
        },
        "ram_total_bytes": host.ram_total_bytes(),
        "nvml": {
            "available": nvml.available(),
            "notice": None if (note := nvml.notice()) is None else note.to_dict(),
            "driver_version": nvml.driver_version(),
            "cuda_driver_version": nvml.cuda_driver_version(),
        },
        "gpus": (gpus := nvml.gpu_static_info()),
        "tensorflow": (tf_info := tensorflow_info() if include_tensorflow else None),
        "gpu_links": gpu_links(tf_info, gpus),
        "libraries": {name: _dist_version(name) for name in ("numpy", "psutil", "nvidia-ml-py")},
    }


def tensorflow_info() -> dict[str, Any]:
    """TensorFlow and Keras versions, CUDA/cuDNN it was built with, devices it sees.

    Never raises: a TensorFlow that fails to import gives ``{"error": <a stored Message>}`` plus
    whatever the package metadata knows.
    """
    info: dict[str, Any] = {
        "version": _dist_version("tensorflow"),
        "keras_version": _dist_version("keras"),
        "cuda_version": None,
        "cudnn_version": None,
        "is_cuda_build": None,
        "physical_devices": [],
        "error": None,
    }
    try:
        from engine.tf_runtime import tf as _tf

        tf = _tf()
    except Exception as exc:  # ImportError, missing DLLs, broken wheels
        info["error"] = Message(_NO_TENSORFLOW, {"error": f"{type(exc).__name__}: {exc}"}).to_dict()
        return info
    info["version"] = getattr(tf, "__version__", info["version"])
    try:
        import keras

        info["keras_version"] = getattr(keras, "__version__", info["keras_version"])
    except Exception:
        pass
    try:
        build = dict(tf.sysconfig.get_build_info())
        info["cuda_version"] = _str_or_none(build.get("cuda_version"))
        info["cudnn_version"] = _str_or_none(build.get("cudnn_version"))
        info["is_cuda_build"] = bool(build.get("is_cuda_build", False))
    except Exception as exc:
        info["error"] = _call_failed("tf.sysconfig.get_build_info()", exc)
    try:
        for dev in tf.config.list_physical_devices():
            entry: dict[str, Any] = {"name": dev.name, "device_type": dev.device_type}
            if dev.device_type == "GPU":
                try:
                    details = tf.config.experimental.get_device_details(dev)
                    entry["device_name"] = details.get("device_name")
                    entry["pci_bus_id"] = details.get("pci_bus_id")
                    cc = details.get("compute_capability")
                    entry["compute_capability"] = ".".join(map(str, cc)) if cc else None
                except Exception:
                    pass
            info["physical_devices"].append(entry)
    except Exception as exc:
        info["error"] = _call_failed("tf.config.list_physical_devices()", exc)
    return info


def gpu_links(tf_info: dict[str, Any] | None, gpus: list[dict[str, Any]]) -> list | None:
    """TensorFlow's GPUs matched to NVML's (``engine.telemetry.device_map``):
    ``[{"tf_index", "nvml_index", "how", "pci_bus_id"}]``; None without TensorFlow's view.
    Stored with each run (``environment["gpu_links"]``) so History numbers its GPUs too."""
    if not tf_info or tf_info.get("version") is None:
        return None
    tf_gpus = [d for d in tf_info.get("physical_devices") or [] if d.get("device_type") == "GPU"]
    return [
        {
            "tf_index": link.tf_index,
            "nvml_index": link.nvml_index,
            "how": link.how,
            "pci_bus_id": link.pci_bus_id,
        }
        for link in device_map(tf_gpus, gpus)
    ]


def _call_failed(call: str, exc: BaseException) -> dict[str, Any]:
    return Message(_CALL_FAILED, {"call": call, "error": str(exc)}).to_dict()


def environment_fingerprint(inv: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{"facts": {...}, "sha256": "..."}``: the environment that scores depend on.

    Facts: CPU model and logical cores, RAM rounded to GiB, each GPU's name and memory
    (MiB) and, on a MIG-enabled board, its MIG profile, NVIDIA driver and its CUDA version, OS, Python, TensorFlow/Keras/NumPy
    versions and TensorFlow's CUDA/cuDNN build. Serial numbers, UUIDs and host names are
    left out on purpose: two identical machines share a fingerprint. The hash is the
    sha256 of the facts as canonical JSON, so it is stable across runs and machines.
    Pass an :func:`inventory` result to avoid collecting it twice.
    """
    inv = inv if inv is not None else inventory(include_tensorflow=True)
    tf_info = inv.get("tensorflow") or {}
    ram = inv.get("ram_total_bytes")
    facts = {
        "fingerprint_version": FINGERPRINT_VERSION,
        "cpu_model": inv["cpu"]["model"],
        "cpu_logical_cores": inv["cpu"]["logical_cores"],
        "ram_total_gib": None if ram is None else round(ram / 2**30),
        "gpus": [_gpu_facts(g) for g in inv.get("gpus", [])],
        "driver_version": inv["nvml"]["driver_version"],
        "cuda_driver_version": inv["nvml"]["cuda_driver_version"],
        "os": f"{inv['os']['system']} {inv['os']['release']} {inv['os']['machine']}",
        "python": inv["python"]["version"],
        "tensorflow": tf_info.get("version"),
        "keras": tf_info.get("keras_version"),
        "numpy": inv.get("libraries", {}).get("numpy"),
        "tf_cuda_version": tf_info.get("cuda_version"),
        "tf_cudnn_version": tf_info.get("cudnn_version"),
    }
    return {"facts": facts, "sha256": json_sha256(facts)}


def _gpu_facts(g: dict[str, Any], env: Any = None) -> dict[str, Any]:
    """A GPU's name and memory; on a MIG-enabled board, the MIG profile this process uses
    (``CUDA_VISIBLE_DEVICES`` names the slice) or else all its slices' profiles, so a
    slice never passes for the whole GPU. (No MIG key otherwise: older hashes stand.)"""
    mem = g.get("memory_total_bytes")
    facts: dict[str, Any] = {
        "name": g.get("name"),
        "memory_total_mib": None if mem is None else round(mem / 2**20),
    }
    if g.get("mig_enabled"):
        visible = (os.environ if env is None else env).get("CUDA_VISIBLE_DEVICES") or ""
        tokens = {t.strip().lower() for t in visible.split(",") if t.strip()}
        slices = g.get("mig_devices") or []
        used = [m for m in slices if (m.get("uuid") or "").lower() in tokens]
        profiles = sorted(str(m.get("profile")) for m in (used or slices))
        facts["mig_profile"] = profiles[0] if len(used) == 1 else "+".join(profiles) or "mig"
    return facts


def _dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


if __name__ == "__main__":  # python -m engine.telemetry.inventory
    import json

    json.dump(inventory(), sys.stdout, indent=2)
    print()
