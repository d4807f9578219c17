"""What tracing a training step leaves behind in TensorFlow, and letting it go.

Every trace of a step that calls a Keras optimizer's ``apply_gradients`` goes through
``tf.distribute``'s ``all_reduce``, a ``tf.custom_gradient``. In graph mode (inside a
``tf.function``) each such call registers a new gradient function, ``CustomGradient-<uid>``,
in TensorFlow's global gradient registry, and nothing ever removes it. That function
closes over tensors of the traced graph, so the whole ``FuncGraph`` of every step ever
traced stays alive: about 1.6 MB per training run for the seed CNN (measured with
``bench/soak.py``). The registered function is only needed while the step is being traced
(the tape looks it up to build the gradient); once the job's tracing is done it is dead
weight.

:func:`released_custom_gradients` removes, on leaving the block, the custom-gradient
entries that were registered inside it. Compiled steps are also reused from run to run
(``engine.training.steps.reusable_steps``), so most jobs trace nothing new at all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

PREFIX = "CustomGradient-"
_lock = threading.Lock()


def _registry() -> dict | None:
    """TensorFlow's gradient registry (a private dict), or None where it is not found."""
    from engine.tf_runtime import tf as _tf

    _tf()
    try:
        from tensorflow.python.framework import ops
    except ImportError:
        return None
    table = getattr(getattr(ops, "_gradient_registry", None), "_registry", None)
    return table if isinstance(table, dict) else None


def custom_gradient_names() -> set[str]:
    """The custom-gradient entries registered now (empty when the registry is not found)."""
    table = _registry()
    if table is None:
        return set()
    with _lock:
        return {k for k in list(table) if isinstance(k, str) and k.startswith(PREFIX)}


def release_custom_gradients(registered: set[str]) -> None:
    """Remove the custom-gradient entries registered since ``registered`` (what
    :func:`custom_gradient_names` said before), so the graphs they hold can be freed."""
    table = _registry()
    if table is None:
        return
    with _lock:
        for name in [k for k in list(table) if isinstance(k, str) and k.startswith(PREFIX)]:
            if name not in registered:
                table.pop(name, None)


@contextmanager
def released_custom_gradients() -> Iterator[None]:
    """Remove, when the block ends (however it ends), the custom-gradient entries that
    tracing inside it registered, so their graphs can be freed. Entries that were there
    before are left alone. Only one job traces at a time (the window runs one job per
    device, the CLI one per process), so what is new was registered by this block."""
    registered = custom_gradient_names()
    try:
        yield
    finally:
        release_custom_gradients(registered)
