"""``python -m engine compress``: the compression lab on the command line, one table out."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from engine.cli.common import EXIT_INTERRUPTED, EXIT_OK, SigintStop
from engine.cli.json_out import add_json_argument, emit_json, human_output, json_target
from engine.cli.progress import ProgressPrinter, run_fields
from engine.cli.run_args import add_field_argument, values_from_args
from engine.config import DEVICE_HELP
from engine.files.output import check_output_folder
from engine.i18n import _
from engine.i18n.argparse_support import TranslatedDefaultsHelpFormatter


class CompressPrinter(ProgressPrinter):
    """The training progress bar of ``train``, with each epoch line tagged by its stage."""

    def on_run_begin(self, info: dict[str, Any]) -> None:
        self._epochs = info.get("epochs", 0)
        stages = ", ".join(f"{name} {n}" for name, n in info.get("stages", []))
        self._write(
            _(
                "Compression lab: {model} ({parameters:,} parameters) on {source}: {train:,} train "
                "/ {dev:,} dev / {test:,} test, batch {batch}, device {device}"
            ).format(**run_fields(info))
            + "\n"
            + _("epochs per stage: {stages}").format(stages=stages)
            + "\n"
        )

    def on_epoch_begin(self, epoch: int, info: dict[str, Any]) -> None:
        self._epochs = info.get("epochs", self._epochs)

    def on_epoch_end(self, epoch: int, logs: dict[str, Any]) -> None:
        self._clear_bar()
        extra = (
            _(" | sparsity {sparsity:.3f}").format(sparsity=logs["sparsity"])
            if "sparsity" in logs
            else ""
        )
        self._write(
            _(
                "[{stage}] epoch {epoch}/{epochs}: train loss {train_loss:.4f} acc "
                "{train_accuracy:.4f} | dev loss {dev_loss:.4f} acc {dev_accuracy:.4f}{extra} | "
                "{rate:,.0f} samples/s | {seconds:.1f} s"
            ).format(
                stage=logs.get("stage", "?"),
                epoch=epoch,
                epochs=self._epochs,
                train_loss=logs["train_loss"],
                train_accuracy=logs["train_accuracy"],
                dev_loss=logs["dev_loss"],
                dev_accuracy=logs["dev_accuracy"],
                extra=extra,
                rate=logs["samples_per_s"],
                seconds=logs["seconds"],
            )
            + "\n"
        )


def add_parsers(sub: Any) -> None:
    from engine.compress.config import CompressConfig

    d = CompressConfig()
    p = sub.add_parser(
        "compress",
        help=_("quantize, prune and distil a trained model; print one table"),
        description=_(
            "Train the baseline, convert it to TFLite float32/float16/dynamic-range/"
            "int8, prune it to --sparsity with fine-tuning, distil it from a wider "
            "teacher, and measure every variant: size, test accuracy, inference FLOPs, "
            "latency at batch 1, throughput at batch 256 and (C+R)/S."
        ),
        formatter_class=TranslatedDefaultsHelpFormatter,  # argparse's, in the CLI's language
    )
    # the flags of the fields the lab shares with a training run, from RunConfig's descriptions
    add_field_argument(p, "dataset")
    add_field_argument(p, "data_dir")
    add_field_argument(p, "model", help=_("baseline and distillation student"))
    p.add_argument("--teacher", default=d.teacher, help=_("the distillation teacher"))
    add_field_argument(
        p, "epochs", help=_("epochs for the baseline, the teacher and the student each")
    )
    add_field_argument(p, "batch_size")
    add_field_argument(p, "learning_rate", help=_("learning rate (Adam)"))
    add_field_argument(p, "seed")
    add_field_argument(p, "limit")
    add_field_argument(p, "device", help=_("one device: {devices}").format(devices=_(DEVICE_HELP)))
    p.add_argument("--sparsity", type=float, default=d.sparsity, help=_("pruning target"))
    p.add_argument(
        "--prune-epochs",
        type=int,
        default=d.prune_epochs,
        help=_("fine-tuning epochs while pruning"),
    )
    p.add_argument(
        "--temperature", type=float, default=d.temperature, help=_("distillation temperature T")
    )
    p.add_argument(
        "--alpha",
        type=float,
        default=d.alpha,
        help=_("weight of the hard-label loss (1 - alpha: teacher loss)"),
    )
    p.add_argument(
        "--calibration-samples",
        type=int,
        default=d.calibration_samples,
        help=_("training images used to calibrate int8"),
    )
    p.add_argument(
        "--latency-runs",
        type=int,
        default=d.latency_runs,
        help=_("timed batch-1 calls per variant"),
    )
    p.add_argument(
        "--throughput-batches",
        type=int,
        default=d.throughput_batches,
        help=_("timed batch-256 calls per variant"),
    )
    p.add_argument("--threads", type=int, help=_("LiteRT threads (default: all cores)"))
    p.add_argument(
        "--out-dir",
        metavar="DIR",
        help=_("where to write the model files (default: $SUANLI_HOME/compress/...)"),
    )
    p.add_argument("--no-store", action="store_true", help=_("do not record the job in the store"))
    add_json_argument(p)
    p.set_defaults(func=cmd_compress)


def cmd_compress(args: argparse.Namespace) -> int:
    from engine.compress import CompressConfig

    config = CompressConfig(
        **values_from_args(args),  # the fields shared with a training run
        teacher=args.teacher,
        sparsity=args.sparsity,
        prune_epochs=args.prune_epochs,
        temperature=args.temperature,
        alpha=args.alpha,
        calibration_samples=args.calibration_samples,
        latency_runs=args.latency_runs,
        throughput_batches=args.throughput_batches,
        threads=args.threads,
    ).validate()
    out = json_target(args.json)
    if args.out_dir is not None:  # a file, a FIFO or the store's folders: refused before work
        check_output_folder(args.out_dir, what="--out-dir")
    with human_output(args.json):
        result, interrupted = _run_lab(config, args)
    if args.json is not None:
        written = emit_json(args.json, result, out)
        if written is not None:
            print(_("Result written to {path}").format(path=written), file=sys.stderr)
    return EXIT_INTERRUPTED if interrupted else EXIT_OK


def _run_lab(config: Any, args: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    from engine import jobs
    from engine.compress import format_table
    from engine.control import RunControl

    control = RunControl()
    with SigintStop(control) as sig:
        result = jobs.compress(
            config, [CompressPrinter()], control, out_dir=args.out_dir, record=not args.no_store
        )
    print()
    print(format_table(result))
    print(_("Model files in {folder}").format(folder=result["info"]["files"]), file=sys.stderr)
    if result.get("store_run_id") is not None:
        print(
            _("Recorded in the results store as run {id}").format(id=result["store_run_id"]),
            file=sys.stderr,
        )
    return result, sig.hit
