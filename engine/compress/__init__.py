"""Compression lab: quantization (TFLite fp32/fp16/dynamic/int8 run with LiteRT),
magnitude pruning with a polynomial schedule, and knowledge distillation, each variant
measured for size, accuracy, FLOPs, latency, throughput and (C+R)/S.

:func:`run_compression` runs the lab; ``engine.jobs.compress`` (what the CLI's
``python -m engine compress`` and the window call) runs it recorded in the results store;
:func:`format_table` renders its result.
"""

from engine.compress.config import VARIANTS, CompressConfig
from engine.compress.distill import distill, distillation_loss, logits_fn
from engine.compress.lab import run_compression
from engine.compress.prune import (
    magnitude_mask,
    measure_sparsity,
    polynomial_sparsity,
    prunable_weights,
    prune,
)
from engine.compress.table import format_table
from engine.compress.tflite import KINDS as TFLITE_KINDS
from engine.compress.tflite import TFLiteModel, convert

__all__ = [
    "TFLITE_KINDS",
    "VARIANTS",
    "CompressConfig",
    "TFLiteModel",
    "convert",
    "distill",
    "distillation_loss",
    "format_table",
    "logits_fn",
    "magnitude_mask",
    "measure_sparsity",
    "polynomial_sparsity",
    "prunable_weights",
    "prune",
    "run_compression",
]
