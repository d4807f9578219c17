"""Import TensorFlow quietly and once; everything in the engine gets TF from here.

GPU memory growth is switched on before anything touches a GPU, so TensorFlow takes GPU
memory as the model needs it instead of nearly all of it at start: the Device tab's
memory panel then says something about the model. ``$SUANLI_TF_MEMORY_GROWTH=0`` keeps
TensorFlow's default (one big pool), e.g. to measure without allocator growth.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading

_lock = threading.Lock()
_tf = None


def tf():
    """Return the ``tensorflow`` module, importing it on first use (takes seconds)."""
    global _tf
    if _tf is None:
        with _lock:
            if _tf is None:
                module = _quiet_import()
                _split_cpu(module)
                enable_memory_growth(module)
                _tf = module
    return _tf


def _split_cpu(tf) -> None:
    """``$SUANLI_LOGICAL_CPUS=N`` splits the CPU into N logical devices (multi-device tests)."""
    n = os.environ.get("SUANLI_LOGICAL_CPUS")
    if not n or not n.isdigit() or int(n) < 2:
        return
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(int(n))]
    )


def enable_memory_growth(tf) -> list[str]:
    """Memory growth on for every GPU (unless ``$SUANLI_TF_MEMORY_GROWTH=0``); the GPUs
    it was set for. A GPU already initialised keeps its pool (TensorFlow refuses)."""
    if os.environ.get("SUANLI_TF_MEMORY_GROWTH", "1").strip() == "0":
        return []
    done = []
    try:
        gpus = tf.config.list_physical_devices("GPU")
    except Exception:
        return []
    for gpu in gpus:
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
            done.append(gpu.name)
        except (RuntimeError, ValueError):
            pass
    return done


def is_loaded() -> bool:
    return _tf is not None


def _quiet_import():
    """Import TensorFlow with its C++ start-up chatter kept off the user's terminal.

    TensorFlow's native libraries print absl/oneDNN/CUDA-probe lines straight to
    file descriptor 2 before any log level applies; they are captured and shown
    only if the import fails.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    try:
        saved = os.dup(2)
    except OSError:  # no usable stderr (e.g. a frozen windowed app)
        import tensorflow

        return tensorflow
    with tempfile.TemporaryFile() as tmp:
        sys.stderr.flush()
        os.dup2(tmp.fileno(), 2)
        try:
            import tensorflow
        except BaseException:
            os.dup2(saved, 2)
            tmp.seek(0)
            sys.stderr.write(tmp.read().decode("utf-8", "replace"))
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    return tensorflow
