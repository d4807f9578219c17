"""Where a run executes: one device, or a ``tf.distribute`` strategy over several."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from engine.config import ConfigError
from engine.i18n import N_
from engine.i18n.message import Message
from engine.tf_runtime import tf as _tf

MIRRORED = N_("MirroredStrategy over {devices}")  # a Placement's description (stored)
MULTIWORKER = N_("MultiWorkerMirroredStrategy, {replicas} replicas, this is {kind} {index}")


@dataclass
class Placement:
    device: str  # TF device name for single-device runs (the first device otherwise)
    strategy: Any | None = None  # a tf.distribute strategy, or None for one device
    replicas: int = 1
    chief: bool = True  # this process writes results (multi-worker: worker 0)
    description: Message | str = ""  # a device name, or a Message for a strategy


def _one(spec: str, tf) -> str:
    kind, _, index = spec.partition(":")
    devices = tf.config.list_logical_devices(kind.upper())
    i = int(index or 0)
    if not devices:
        raise ConfigError(
            "device", spec, Message(N_("auto or cpu (TensorFlow sees no GPU on this machine)"))
        )
    if i >= len(devices):
        raise ConfigError(
            "device",
            spec,
            Message(
                N_("{first} to {last}"),
                {"first": f"{kind}:0", "last": f"{kind}:{len(devices) - 1}"},
            ),
        )
    return devices[i].name


def place(device: str) -> Placement:
    """Resolve a ``RunConfig.device`` value, or raise ConfigError with what is available."""
    tf = _tf()
    if device == "multiworker":  # must come before anything initialises the TF runtime
        return _multiworker(tf)
    gpus = tf.config.list_logical_devices("GPU")
    if device == "auto":
        name = gpus[0].name if gpus else tf.config.list_logical_devices("CPU")[0].name
        return Placement(device=name, description=name)
    if device == "all-gpus":
        if not gpus:
            raise ConfigError("device", device, Message(N_("auto or cpu (TensorFlow sees no GPU)")))
        names = [g.name for g in gpus]
    else:
        names = [_one(s, tf) for s in device.split(",")]
    if len(set(names)) != len(names):
        raise ConfigError("device", device, Message(N_("each device once")))
    if len(names) == 1:
        return Placement(device=names[0], description=names[0])
    strategy = tf.distribute.MirroredStrategy(devices=names)
    return Placement(
        device=names[0],
        strategy=strategy,
        replicas=strategy.num_replicas_in_sync,
        description=Message(MIRRORED, {"devices": ", ".join(names)}),
    )


def _multiworker(tf) -> Placement:
    raw = os.environ.get("TF_CONFIG")
    if not raw:
        raise ConfigError(
            "device",
            "multiworker",
            Message(N_("set $TF_CONFIG (cluster workers and this task) first; see README")),
        )
    try:
        task = json.loads(raw)["task"]
        index, kind = int(task["index"]), task["type"]
    except (ValueError, KeyError, TypeError):
        raise ConfigError(
            "device", "multiworker", Message(N_("a valid JSON $TF_CONFIG with a task"))
        ) from None
    try:
        strategy = tf.distribute.MultiWorkerMirroredStrategy()
    except RuntimeError as exc:
        raise ConfigError(
            "device",
            "multiworker",
            Message(
                N_("a fresh process (TensorFlow was already in use: {reason})"),
                {"reason": str(exc)},
            ),
        ) from None
    return Placement(
        device=tf.config.list_logical_devices()[0].name,
        strategy=strategy,
        replicas=strategy.num_replicas_in_sync,
        chief=(kind in ("chief", "worker") and index == 0),
        description=Message(
            MULTIWORKER,
            {"replicas": strategy.num_replicas_in_sync, "kind": kind, "index": index},
        ),
    )


__all__ = ["Placement", "place"]
