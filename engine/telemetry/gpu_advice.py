"""Why TensorFlow does not train on a GPU that NVML sees, and what to run about it.

:func:`gpu_advice` reads an inventory (:func:`engine.telemetry.inventory.inventory`) and
returns a :class:`~engine.i18n.message.Message` when the NVIDIA driver (NVML) reports a GPU
but TensorFlow found none; ``devices``, the window's status bar and its Device tab say it.
Nothing here imports TensorFlow or NVML: it reads what the inventory holds, the
environment and which packages are installed.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from engine.i18n import N_
from engine.i18n.message import Message

GPU_UNUSED = N_("NVML sees {gpus}, but TensorFlow trains on the CPU: {reason}")
HIDDEN = N_("CUDA_VISIBLE_DEVICES={value} hides the GPUs; unset it and start Suanli again")
NOT_CUDA_BUILD = N_(
    "this TensorFlow ({version}) is built without CUDA; install the CUDA build: {command}"
)
NO_CUDA_LIBRARIES = N_(
    "TensorFlow's CUDA libraries (nvidia-cudnn-cu12 and the others) are not installed; "
    "install them: {command}"
)
NOT_FOUND = N_(
    "TensorFlow {version} (CUDA {cuda}) found no GPU; the NVIDIA driver {driver} may be too "
    "old for it: update the driver, or see the TensorFlow log (SUANLI_DEBUG=1)"
)
# What installs TensorFlow with CUDA, by how Suanli was installed.
FROZEN_COMMAND = N_("the GPU build of Suanli (the -gpu archive)")
CHECKOUT_COMMAND = "make venv GPU=1"
CUDA_LIBRARY_MODULE = "nvidia.cudnn"  # a package of tensorflow[and-cuda]


def install_command() -> str:
    """What to run for TensorFlow with its CUDA libraries, where Suanli runs from."""
    if getattr(sys, "frozen", False):
        return FROZEN_COMMAND
    root = Path(__file__).resolve().parents[2]
    if (root / "Makefile").is_file() and (root / "pyproject.toml").is_file():
        return CHECKOUT_COMMAND
    return f'{Path(sys.executable).name} -m pip install "tensorflow[and-cuda]"'


def gpu_advice(
    inv: Mapping[str, Any],
    environ: Mapping[str, str] | None = None,
    has_cuda_libraries: bool | None = None,
) -> Message | None:
    """Why the GPUs NVML sees are not used by TensorFlow, and what to do; None when
    TensorFlow uses a GPU, NVML sees none, or TensorFlow did not load (said elsewhere)."""
    env = os.environ if environ is None else environ
    gpus = [g.get("name") or f"GPU {g.get('index', '?')}" for g in inv.get("gpus") or []]
    tf = inv.get("tensorflow")
    if not gpus or not tf or tf.get("error"):
        return None
    devices = tf.get("physical_devices") or []
    if any(d.get("device_type") == "GPU" for d in devices):
        return None
    hidden = env.get("CUDA_VISIBLE_DEVICES")
    if hidden is not None and hidden.strip() in ("", "-1"):
        reason = Message(HIDDEN, {"value": repr(hidden)})
    elif tf.get("is_cuda_build") is False:
        command = install_command()
        reason = Message(
            NOT_CUDA_BUILD,
            {"version": tf.get("version") or "?", "command": _command(command)},
        )
    elif not _cuda_libraries(has_cuda_libraries):
        reason = Message(NO_CUDA_LIBRARIES, {"command": _command(install_command())})
    else:
        reason = Message(
            NOT_FOUND,
            {
                "version": tf.get("version") or "?",
                "cuda": tf.get("cuda_version") or "?",
                "driver": (inv.get("nvml") or {}).get("driver_version") or "?",
            },
        )
    return Message(GPU_UNUSED, {"gpus": ", ".join(gpus), "reason": reason})


def _command(command: str) -> str | Message:
    return Message(command) if command == FROZEN_COMMAND else command


def _cuda_libraries(known: bool | None) -> bool:
    if known is not None:
        return known
    try:
        return importlib.util.find_spec(CUDA_LIBRARY_MODULE) is not None
    except (ImportError, ValueError):
        return False
