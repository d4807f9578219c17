"""How the window words what the engine reports: device choices, batch and status lines,
stop reasons, errors, data sources, run statuses (texts in the "Jobs" translation context;
no QObject, so the worker and the views can both use them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.i18n import _
from engine.i18n.formatting import fmt_duration
from engine.i18n.message import shown
from engine.i18n.vocabulary import CPU, run_status_text
from engine.telemetry.gpu_advice import gpu_advice

# The datasets the run form and the Compression lab offer (texts in the QtRunForm context).
DATASET_CHOICES = (
    (QT_TRANSLATE_NOOP("QtRunForm", "MNIST (handwritten digits)"), "mnist"),
    (QT_TRANSLATE_NOOP("QtRunForm", "Fashion-MNIST (clothing)"), "fashion-mnist"),
    (QT_TRANSLATE_NOOP("QtRunForm", "Image folder (your images)"), "folder"),
    (QT_TRANSLATE_NOOP("QtRunForm", "Synthetic (generated, no files)"), "synthetic"),
)


def device_choices(inv: dict[str, Any]) -> list[tuple[str, str]]:
    """Device combo entries from the inventory: automatic, CPU, each GPU TF can use, and all
    GPUs at once (MirroredStrategy) when there are two or more."""
    choices = [
        (QCoreApplication.translate("Jobs", "Automatic (GPU if there is one)"), "auto"),
        (_(CPU), "cpu"),
    ]
    tf = inv.get("tensorflow") or {}
    gpus = [d for d in tf.get("physical_devices", []) if d.get("device_type") == "GPU"]
    nv = {g.get("index"): g.get("name") for g in inv.get("gpus") or []}
    for i, d in enumerate(gpus):
        name = d.get("device_name") or nv.get(i) or d.get("name") or "GPU"
        label = QCoreApplication.translate("Jobs", "GPU {index}: {name}")
        choices.append((label.format(index=i, name=name), f"gpu:{i}"))
    if len(gpus) > 1:
        choices.append(
            (QCoreApplication.translate("Jobs", "All GPUs (MirroredStrategy)"), "all-gpus")
        )
    return choices


def status_text(inv: dict[str, Any]) -> str:
    """One status-bar line: TensorFlow's version and the devices it will train on."""
    tf = inv.get("tensorflow") or {}
    if tf.get("error"):
        return shown(tf["error"])
    gpus = [c for c in device_choices(inv) if c[1].startswith("gpu:")]
    if gpus:
        devices = ", ".join(label for label, _ in gpus)
    else:
        devices = QCoreApplication.translate("Jobs", "no GPU; training on the CPU")
    cpu = (inv.get("cpu") or {}).get("model")
    version = tf.get("version", "?")
    if cpu:
        text = QCoreApplication.translate(
            "Jobs", "TensorFlow {version} ready · {devices} · CPU: {cpu}"
        )
    else:
        text = QCoreApplication.translate("Jobs", "TensorFlow {version} ready · {devices}")
    text = text.format(version=version, devices=devices, cpu=cpu)
    advice = gpu_advice(inv)  # NVML sees a GPU TensorFlow does not: why, what to run
    return text if advice is None else f"{text} · {shown(advice)}"


def batch_text(info: dict[str, Any]) -> str:
    """How a run splits its batch over replicas ("" for one replica)."""
    replicas = int(info.get("replicas") or 1)
    if replicas <= 1:
        return ""
    per = float(info.get("per_replica_batch") or 0)
    per_text = f"{per:,.0f}" if per == int(per) else f"{per:,.1f}"
    return QCoreApplication.translate(
        "Jobs", "{replicas} replicas: global batch {batch}, {per} per replica"
    ).format(replicas=replicas, batch=f"{int(info.get('global_batch') or 0):,}", per=per_text)


# What the engine says with values (a stop reason, an error, a data source, a device
# description) it keeps as an engine.i18n.message.Message and stores as its dict; the
# window shows one in its language through the engine's catalog, whose language follows
# the window's (gui.i18n.install). Plain text (a path, a device name, an exception's text,
# English stored by an older version) is shown as it is.


def stop_reason_text(reason: Any) -> str:
    """A run's stop reason (a Message, or as stored) in the window's language."""
    return shown(reason)


def error_text(error: Any) -> str:
    """A run's error (a Message, or as stored) in the window's language; an exception's
    text as it is."""
    return shown(error)


def device_text(description: Any) -> str:
    """Where a run trains (a ``Placement.description``, or as stored) in the window's
    language; a device name as it is."""
    return shown(description)


def source_text(source: Any) -> str:
    """Where a run's data came from (a ``Dataset.source``, or as stored) in the window's
    language; a file's path as it is."""
    return shown(source)


def finished_text(result: Any) -> str:
    """One line on how a run ended: finished (and why early), or stopped (and how to go on)."""
    cfg = getattr(result, "config", {}) or {}
    total = int(cfg.get("epochs") or 0)
    done = len(getattr(result, "epochs", []) or [])
    test = getattr(result, "test", None)
    if result.status == "finished" and test:
        values = {
            "time": fmt_duration(result.wall_seconds),
            "accuracy": f"{100 * test['accuracy']:.2f}",
            "done": done,
            "total": total,
        }
        reason = getattr(result, "stop_reason", None)
        if reason:
            return QCoreApplication.translate(
                "Jobs",
                "Finished early after {done} of {total} epochs ({reason}) in {time}: test "
                "accuracy {accuracy} %. The Evaluation tab has the details.",
            ).format(reason=stop_reason_text(reason), **values)
        return QCoreApplication.translate(
            "Jobs",
            "Finished in {time}: test accuracy {accuracy} %. The Evaluation tab has the details.",
        ).format(**values)
    if result.status == "stopped":
        if total == 1:
            text = QCoreApplication.translate("Jobs", "Stopped with {done} of {total} epoch done.")
        else:
            text = QCoreApplication.translate("Jobs", "Stopped with {done} of {total} epochs done.")
        text = text.format(done=done, total=total)
        if not cfg.get("checkpoints", True):
            tail = QCoreApplication.translate(
                "Jobs", "{text} Checkpoints were off, so this run cannot be resumed."
            )
        elif not done:
            tail = QCoreApplication.translate(
                "Jobs", "{text} No epoch was finished, so there is nothing to resume."
            )
        else:
            tail = QCoreApplication.translate(
                "Jobs", "{text} “Resume a run…” goes on from epoch {next}."
            )
        return tail.format(text=text, next=done + 1)
    return QCoreApplication.translate("Jobs", "Run {status} after {steps} steps.").format(
        status=status_word(result.status), steps=f"{result.steps:,}"
    )


def status_word(status: str) -> str:
    """A run status (``finished``, ``stopped``, …) in the window's language (the engine's
    words: the CLI shows them too)."""
    return run_status_text(status)


def shipped_reference() -> dict[str, Any] | None:
    """The shipped reference profile, or None when it cannot be read (then "1000 = the
    reference machine")."""
    from engine.scoring.score import load_reference_profile

    try:
        return load_reference_profile()
    except ValueError:
        return None


def reference_words(reference: Any) -> str:
    """The reference machine in words, from a reference profile's machine facts (CPU
    model, cores, RAM, GPU, TensorFlow), for "1000 = …"."""
    machine = reference.get("machine") if isinstance(reference, dict) else None
    if not isinstance(machine, dict) or not machine.get("cpu_model"):
        return QCoreApplication.translate("Jobs", "the reference machine")
    return QCoreApplication.translate(
        "Jobs", "{cpu}, {cores} logical cores, {ram} GiB RAM, {gpu}, TensorFlow {tf}"
    ).format(
        cpu=machine.get("cpu_model"),
        cores=machine.get("cpu_logical_cores") or "?",
        ram=machine.get("ram_total_gib") or "?",
        gpu=machine.get("gpu") or QCoreApplication.translate("Jobs", "no GPU"),
        tf=machine.get("tensorflow") or "?",
    )
