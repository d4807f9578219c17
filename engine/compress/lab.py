"""The compression lab: train a baseline, quantize, prune and distil it, and measure every
variant the same way. :func:`run_compression` runs it; ``engine.jobs.compress`` (what the
CLI and the window call) runs it recorded in the results store.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from engine import models
from engine.compress import measure, tflite
from engine.compress.config import CompressConfig
from engine.compress.distill import distill
from engine.compress.prune import nonzero_forward_flops, prune
from engine.compress.stages import StageEvents, StageTraining, stage_name
from engine.config import ConfigError
from engine.control import RunControl
from engine.data import Dataset, load_dataset
from engine.events import Callback, CallbackList
from engine.i18n import N_, _
from engine.i18n.message import Message, stored
from engine.scoring import score
from engine.tf_runtime import tf as _tf
from engine.training.placement import place
from engine.training.run import run, trained_model
from engine.training.traces import released_custom_gradients

# Stored in the result (English); the window translates them where it shows them.
LABELS = {
    "keras": N_("Keras float32 (baseline)"),
    "tflite-fp32": N_("TFLite float32"),
    "tflite-fp16": N_("TFLite float16"),
    "tflite-dynamic": N_("TFLite dynamic range"),
    "tflite-int8": N_("TFLite full int8"),
    "pruned": N_("Pruned (Keras)"),
    "distilled": N_("Distilled student (Keras)"),
}


class _Stopped(Exception):
    """A stage ended early because the user asked to stop."""


def run_compression(
    config: CompressConfig,
    callbacks: Callback | list[Callback] | None = None,
    control: RunControl | None = None,
    dataset: Dataset | None = None,
    *,
    out_dir: str | Path | None = None,
) -> dict[str, Any]:
    """Run the whole lab and return a plain dict (see :func:`format_table` for a view).

    Callbacks see one job: ``on_run_begin``, epochs and steps of every training stage
    (baseline, prune, teacher, distill) numbered on and tagged with ``"stage"``, ``on_log``
    lines, and ``on_run_end(result_dict)``. A callback that defines
    ``on_variant(row: dict)`` receives each variant's row as soon as it is measured.
    ``control`` stops or pauses between batches and between variants; a stopped lab
    returns the rows measured so far with ``status`` ``"stopped"``.

    Model files are written to ``out_dir`` (default ``$SUANLI_HOME/compress/<time>-<id>``).
    ``engine.jobs.compress`` runs the lab and keeps it in the results store.
    Raises ``ConfigError``/``DataError`` before any work for bad input.
    """
    config.validate()
    cbs = (
        callbacks
        if isinstance(callbacks, CallbackList)
        else CallbackList([callbacks] if isinstance(callbacks, Callback) else callbacks)
    )
    control = control or RunControl()
    wall0 = time.perf_counter()
    uid = uuid.uuid4().hex
    if dataset is None:
        cbs.on_log("info", _("Loading {dataset}…").format(dataset=config.dataset))
        dataset = load_dataset(config.dataset, config.data_dir, config.dev_fraction, config.limit)
    for note in dataset.notes:
        cbs.on_log("warning", note)
    ds = dataclasses.replace(dataset, notes=[])
    tf = _tf()
    placement = place(config.device)
    if placement.strategy is not None:
        raise ConfigError(
            "device",
            config.device,
            Message(N_("one device (auto, cpu, gpu or gpu:N) for the compression lab")),
        )
    device = placement.device
    if out_dir is None:
        from engine.paths import suanli_home

        out_dir = suanli_home() / "compress" / f"{time.strftime('%Y%m%d-%H%M%S')}-{uid[:8]}"
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    total_epochs = 3 * config.epochs + config.prune_epochs
    facts = models.model_facts(models.build(config.model, num_classes=len(ds.class_names)))
    info = {
        "kind": "compress",
        "dataset": {
            "name": ds.name,
            "source": stored(ds.source),
            "sizes": ds.sizes,
            "class_names": list(ds.class_names),
        },
        "model": {**facts, "registry_name": config.model},
        "teacher": config.teacher,
        "device": device,
        "epochs": total_epochs,
        "batch_size": config.batch_size,
        "stages": [
            ["baseline", config.epochs],
            ["prune", config.prune_epochs],
            ["teacher", config.epochs],
            ["distill", config.epochs],
        ],
        "threads": config.threads or _cpu_count(),
        "tensorflow": tf.__version__,
        "litert": _litert_version(),
        "files": str(out),
    }
    result: dict[str, Any] = {
        "kind": "compress",
        "uid": uid,
        "status": "running",
        "config": config.to_dict(),
        "info": info,
        "variants": [],
        "stages": {},
        "steps": 0,
        "samples_seen": 0,
        "train_seconds": 0.0,
        "wall_seconds": 0.0,
        "error": None,
        "test": None,
    }
    cbs.on_run_begin({"config": config.to_dict(), **info})
    lab = _Lab(config, ds, device, out, cbs, control, result, total_epochs)
    try:
        with released_custom_gradients():  # what tracing left in TensorFlow
            lab.run()
        result["status"] = "finished"
    except _Stopped:
        result["status"] = "stopped"
        cbs.on_log(
            "info",
            _("Stopped; {measured} variants measured.").format(measured=len(result["variants"])),
        )
    except Exception as exc:
        result["status"] = "failed"
        result["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        result["wall_seconds"] = time.perf_counter() - wall0
        cbs.on_log("error", result["error"])
        cbs.on_run_end(result)
        raise
    result["wall_seconds"] = time.perf_counter() - wall0
    cbs.on_run_end(result)
    return result


def _cpu_count() -> int:
    import os

    return os.cpu_count() or 1


def _litert_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("ai-edge-litert")
    except Exception:
        return None


class _Lab:
    def __init__(
        self,
        config: CompressConfig,
        ds: Dataset,
        device: str,
        out: Path,
        cbs: CallbackList,
        control: RunControl,
        result: dict[str, Any],
        total_epochs: int,
    ) -> None:
        self.cfg = config
        self.ds = ds
        self.device = device
        self.out = out
        self.cbs = cbs
        self.control = control
        self.result = result
        self.total_epochs = total_epochs
        self.epoch_offset = 0
        self.x1 = ds.x_test[:1]
        self.xb = measure.throughput_batch(ds.x_test)

    # ------------------------------------------------------------------ stages

    def run(self) -> None:
        cfg, ds = self.cfg, self.ds
        base = self._train("baseline", cfg.model)
        base_model = self._model(base)
        self.result["test"] = {
            "accuracy": base.test["accuracy"],
            "loss": base.test["loss"],
            "samples": base.test["samples"],
        }
        fl = _flops(base_model, cfg.batch_size)
        c_base = score.training_flops(fl and fl.train_per_sample, base.samples_seen)
        self._keras_row("keras", base_model, c_base, fl)
        self._tflite_rows(base_model, c_base, fl)

        self._check_stop()
        events = self._events("prune")
        self.cbs.on_log(
            "info",
            _("{stage}: fine-tuning to {sparsity} sparsity, {epochs} epochs").format(
                stage=stage_name("prune"), sparsity=f"{cfg.sparsity:.0%}", epochs=cfg.prune_epochs
            ),
        )
        pr = prune(
            base_model, ds, sparsity=cfg.sparsity, training=self._training(events, cfg.prune_epochs)
        )
        self._stage_done(
            "prune",
            pr.fit.status,
            pr.fit.epochs,
            pr.fit.steps,
            pr.fit.samples_seen,
            pr.fit.seconds,
            cfg.prune_epochs,
        )
        c_prune = _add(
            c_base, score.training_flops(fl and fl.train_per_sample, pr.fit.samples_seen)
        )
        self.result["pruning"] = {
            "target_sparsity": cfg.sparsity,
            **pr.sparsity,
            "schedule": pr.schedule,
        }
        self._keras_row(
            "pruned",
            pr.model,
            c_prune,
            fl,
            extra={
                "sparsity": pr.sparsity["sparsity"],
                "target_sparsity": cfg.sparsity,
                "nonzero_flops_per_sample": nonzero_forward_flops(pr.model, fl) if fl else None,
            },
        )

        self._check_stop()
        teacher = self._train("teacher", cfg.teacher)
        teacher_model = self._model(teacher)
        tfl = _flops(teacher_model, cfg.batch_size)
        c_teacher = score.training_flops(tfl and tfl.train_per_sample, teacher.samples_seen)
        soft_targets = score.inference_flops(tfl and tfl.inference_per_sample, len(ds.x_train))
        events = self._events("distill")
        self.cbs.on_log(
            "info",
            _("{stage}: {student} from {teacher}, T = {temperature}, alpha = {alpha}").format(
                stage=stage_name("distill"),
                student=cfg.model,
                teacher=cfg.teacher,
                temperature=f"{cfg.temperature:g}",
                alpha=f"{cfg.alpha:g}",
            ),
        )
        dr = distill(
            teacher_model,
            cfg.model,
            ds,
            temperature=cfg.temperature,
            alpha=cfg.alpha,
            training=self._training(events, cfg.epochs),
        )
        self._stage_done(
            "distill",
            dr.fit.status,
            dr.fit.epochs,
            dr.fit.steps,
            dr.fit.samples_seen,
            dr.fit.seconds,
            cfg.epochs,
        )
        c_student = score.training_flops(fl and fl.train_per_sample, dr.fit.samples_seen)
        c_distill = _add(_add(c_teacher, soft_targets), c_student)
        row = self._keras_row(
            "distilled",
            dr.model,
            c_distill,
            _flops(dr.model, cfg.batch_size),
            extra={"teacher": cfg.teacher, "temperature": cfg.temperature, "alpha": cfg.alpha},
        )
        self.result["distillation"] = {
            "teacher": {
                "model": cfg.teacher,
                "test_accuracy": teacher.test["accuracy"],
                "parameters": teacher.info["model"]["parameters"],
            },
            "student": cfg.model,
            "temperature": cfg.temperature,
            "alpha": cfg.alpha,
            "epochs": cfg.epochs,
            "student_test_accuracy": row["test_accuracy"],
            "no_teacher_test_accuracy": base.test["accuracy"],
            "gain_points": 100 * (row["test_accuracy"] - base.test["accuracy"]),
            "no_teacher_is": "the baseline: same model, seed, initial weights, batches "
            "and epochs, trained on labels only",
        }

    def _train(self, stage: str, model: str) -> Any:
        self._check_stop()
        epochs = self.cfg.epochs
        events = self._events(stage)
        r = run(
            self.cfg.run_config(model=model, epochs=epochs), [events], self.control, dataset=self.ds
        )
        self._stage_done(
            stage, r.status, r.epochs, r.steps, r.samples_seen, r.train_seconds, epochs
        )
        return r

    def _model(self, r: Any) -> Any:
        """A stage's trained model, on the lab's device (a run keeps weights, not models)."""
        with _tf().device(self.device):
            return trained_model(r)

    def _training(self, events: StageEvents, epochs: int) -> StageTraining:
        cfg = self.cfg
        return StageTraining(
            epochs=epochs,
            batch_size=cfg.batch_size,
            learning_rate=cfg.learning_rate,
            seed=cfg.seed,
            device=self.device,
            events=events,
            control=self.control,
        )

    def _events(self, stage: str) -> StageEvents:
        return StageEvents(
            self.cbs, stage, self.epoch_offset, self.result["steps"], self.total_epochs
        )

    def _stage_done(
        self,
        stage: str,
        status: str,
        epochs: list,
        steps: int,
        samples: int,
        seconds: float,
        planned: int,
    ) -> None:
        self.result["stages"][stage] = {
            "status": status,
            "epochs": epochs,
            "steps": steps,
            "samples_seen": samples,
            "train_seconds": seconds,
        }
        self.result["steps"] += steps
        self.result["samples_seen"] += samples
        self.result["train_seconds"] += seconds
        self.epoch_offset += planned
        if status != "finished":
            raise _Stopped

    def _check_stop(self) -> None:
        go_on = self.control.wait_if_paused()
        while go_on and self.control.paused:
            go_on = self.control.wait_if_paused(0.5)
        if not go_on:
            raise _Stopped

    # ------------------------------------------------------------------ measuring

    def _keras_row(
        self, name: str, model: Any, c: float | None, fl: Any, extra: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        self._check_stop()
        path = self.out / f"{name}.keras"
        model.save(path)
        predict = measure.keras_predictor(model, self.device)
        acc = measure.accuracy(measure.batched(predict, self.ds.x_test), self.ds.y_test)
        return self._row(name, "keras", path, model, acc, predict, predict, c, fl, extra)

    def _tflite_rows(self, model: Any, c_base: float | None, fl: Any) -> None:
        n_cal = min(self.cfg.calibration_samples, len(self.ds.x_train))
        rep = self.ds.x_train[
            np.random.default_rng(self.cfg.seed).permutation(len(self.ds.x_train))[:n_cal]
        ]
        for kind in tflite.KINDS:
            self._check_stop()
            name = f"tflite-{kind}"
            content = tflite.convert(model, kind, rep if kind == "int8" else None)
            path = self.out / f"{name}.tflite"
            path.write_bytes(content)
            tm = tflite.TFLiteModel(content, self.cfg.threads)
            acc = measure.accuracy(tm.predict(self.ds.x_test), self.ds.y_test)
            c = c_base
            extra: dict[str, Any] = {
                "tensor_types": tm.tensor_types(),
                "input_dtype": tm.input_dtype.name,
            }
            if kind == "int8":
                c = _add(c_base, score.inference_flops(fl and fl.inference_per_sample, n_cal))
                extra["calibration_samples"] = n_cal
            self._row(
                name,
                "tflite",
                path,
                model,
                acc,
                tm.runner(1),
                tm.runner(measure.THROUGHPUT_BATCH),
                c,
                fl,
                extra,
            )

    def _row(
        self,
        name: str,
        fmt: str,
        path: Path,
        model: Any,
        acc: float,
        run1: Callable[[np.ndarray], np.ndarray],
        runb: Callable[[np.ndarray], np.ndarray],
        c: float | None,
        fl: Any,
        extra: dict[str, Any] | None,
    ) -> dict[str, Any]:
        cfg = self.cfg
        size, gz = measure.file_sizes(path)
        lat = measure.latency_ms(run1, self.x1, cfg.latency_runs)
        tput = measure.throughput(runb, self.xb, cfg.throughput_batches)
        r_sample = fl.inference_per_sample if fl else None
        r_total = score.inference_flops(r_sample, len(self.ds.x_test))
        base = self.result["variants"][0]["test_accuracy"] if self.result["variants"] else acc
        row = {
            "variant": name,
            "label": LABELS.get(name, name),
            "format": fmt,
            "file": str(path),
            "size_bytes": size,
            "gzip_bytes": gz,
            "parameters": int(model.count_params()),
            "test_accuracy": acc,
            "accuracy_delta_points": 100 * (acc - base),
            "inference_flops_per_sample": r_sample,
            "inference_flops": r_total,
            "training_flops": c,
            "ai_suanli": score.ai_suanli(c, r_total, size),
            "ai_suanli_gzip": score.ai_suanli(c, r_total, gz),
            "latency_ms_p50": lat["p50"],
            "latency_ms_p99": lat["p99"],
            "latency_ms_mean": lat["mean"],
            "latency_runs": cfg.latency_runs,
            "throughput_samples_per_s": tput,
            "throughput_batch": measure.THROUGHPUT_BATCH,
            **(extra or {}),
        }
        self.result["variants"].append(row)
        self.cbs.on_log(
            "info",
            _(
                "{variant}: accuracy {accuracy} %, {size} bytes ({gzipped} gzipped), "
                "p50 {p50} ms, {throughput} samples/s"
            ).format(
                variant=name,
                accuracy=f"{100 * acc:.2f}",
                size=f"{size:,}",
                gzipped=f"{gz:,}",
                p50=f"{lat['p50']:.3f}",
                throughput=f"{tput:,.0f}",
            ),
        )
        for cb in self.cbs.callbacks:
            hook = getattr(cb, "on_variant", None)
            if callable(hook):
                hook(dict(row))
        return row


def _flops(model: Any, batch_size: int) -> Any:
    """The model's FLOP report, or None when a layer has no formula (FLOPs then show n/a)."""
    from engine.scoring.flops import count_flops

    try:
        return count_flops(model, batch_size, "adam")
    except ValueError:
        return None


def _add(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b
