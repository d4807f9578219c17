"""Is there an NVIDIA GPU to install TensorFlow's CUDA build for? (``make venv``)

    python build_spec/gpu_detect.py            prints "gpu" or "cpu", and why, on stderr
    python build_spec/gpu_detect.py --extra    prints ",gpu" or "" (for pip's '.[test,gpu]')

``GPU=1`` / ``GPU=0`` in the environment force the answer. Otherwise, on Linux only (the
CUDA wheels of ``tensorflow[and-cuda]`` are Linux-only), a GPU is there when the NVIDIA
kernel driver lists one under ``/proc/driver/nvidia/gpus``, or, failing that, when NVML
(``libnvidia-ml.so.1``, loaded with ctypes: this runs before any venv exists) counts one.
Plain Python, standard library only; the driver folder and the NVML loader are
parameters, so tests use a fake folder and a fake NVML.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

DRIVER_DIR = Path("/proc/driver/nvidia")
NVML_LIBRARY = "libnvidia-ml.so.1"
YES = ("1", "yes", "true", "on")
NO = ("0", "no", "false", "off")


def load_nvml() -> Any:
    """The NVML library (ctypes), or None when the driver's library is not installed."""
    try:
        return ctypes.CDLL(NVML_LIBRARY)
    except OSError:
        return None


def nvml_gpu_count(loader: Callable[[], Any] = load_nvml) -> int:
    """GPUs NVML counts (0 without NVML or when it fails)."""
    lib = loader()
    if lib is None:
        return 0
    try:
        if lib.nvmlInit_v2() != 0:
            return 0
        count = ctypes.c_uint(0)
        ok = lib.nvmlDeviceGetCount_v2(ctypes.byref(count)) == 0
        lib.nvmlShutdown()
        return count.value if ok else 0
    except (AttributeError, OSError):
        return 0


def detect(
    environ: Mapping[str, str] | None = None,
    driver_dir: Path = DRIVER_DIR,
    nvml_loader: Callable[[], Any] = load_nvml,
    platform: str = sys.platform,
) -> tuple[bool, str]:
    """(install the GPU extra?, why)."""
    env = os.environ if environ is None else environ
    forced = env.get("GPU", "").strip().lower()
    if forced in YES:
        return True, "GPU=1 given"
    if forced in NO:
        return False, "GPU=0 given"
    if forced not in ("", "auto"):
        gpu, why = detect({}, driver_dir, nvml_loader, platform)
        return gpu, f"GPU={forced!r} is not 1, 0 or auto; taken as auto: {why}"
    if not platform.startswith("linux"):
        return False, f"tensorflow[and-cuda] is for Linux; this is {platform}"
    gpus = driver_dir / "gpus"
    try:
        listed = sorted(p.name for p in gpus.iterdir()) if gpus.is_dir() else []
    except OSError:
        listed = []
    if listed:
        return True, f"the NVIDIA driver lists {len(listed)} GPU(s) in {gpus}"
    count = nvml_gpu_count(nvml_loader)
    if count:
        return True, f"NVML counts {count} GPU(s)"
    return False, f"no NVIDIA GPU found (nothing in {gpus}, NVML counts none)"


def main(argv: list[str]) -> int:
    gpu, why = detect()
    print(f"gpu_detect: {'gpu' if gpu else 'cpu'}: {why}", file=sys.stderr)
    if argv[:1] == ["--extra"]:
        print(",gpu" if gpu else "")
    else:
        print("gpu" if gpu else "cpu")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
