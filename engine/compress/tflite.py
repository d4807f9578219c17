"""Post-training quantization with ``tf.lite.TFLiteConverter.from_keras_model``, run with
LiteRT (``ai_edge_litert``).

Four kinds: ``fp32`` (plain conversion), ``fp16`` (float16 weights, float compute),
``dynamic`` (int8 weights, activations quantized on the fly) and ``int8`` (full integer:
int8 weights, activations, input and output, calibrated on representative training
images). In TF 2.21 ``from_keras_model`` accepts a Keras 3 model: it exports the
``training=False`` call through ``keras.export.ExportArchive`` first, which prints the
endpoint to stdout; that print is swallowed here.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from engine.tf_runtime import tf as _tf

KINDS = ("fp32", "fp16", "dynamic", "int8")


def convert(model: Any, kind: str, representative: np.ndarray | None = None) -> bytes:
    """Convert a Keras model to a ``.tflite`` flatbuffer of quantization ``kind``.

    ``representative`` (float images, one per calibration step) is required for ``int8``.
    """
    tf = _tf()
    if kind not in KINDS:
        raise ValueError(f"kind = {kind!r} is not allowed: one of {', '.join(KINDS)}")
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if kind != "fp32":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    if kind == "fp16":
        converter.target_spec.supported_types = [tf.float16]
    elif kind == "int8":
        if representative is None or len(representative) == 0:
            raise ValueError("int8 quantization needs representative images")
        rep = np.asarray(representative, dtype=np.float32)

        def gen() -> Iterator[list[np.ndarray]]:
            for i in range(len(rep)):
                yield [rep[i : i + 1]]

        converter.representative_dataset = gen
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        # int8 I/O: the converter warns that it got no input statistics; the input
        # scale comes from the representative data instead, which is what we want.
        warnings.filterwarnings(
            "ignore", message="Statistics for quantized inputs", category=UserWarning
        )
        return bytes(converter.convert())


class TFLiteModel:
    """A ``.tflite`` model run with LiteRT, taking float images and giving float outputs.

    Quantized inputs/outputs (the ``int8`` kind) are quantized and dequantized here, so
    every kind is called the same way. One interpreter is kept per batch size.
    """

    def __init__(self, content: bytes, threads: int | None = None) -> None:
        self.content = bytes(content)
        self.threads = threads or os.cpu_count() or 1
        self._interpreters: dict[int, Any] = {}
        it = self._interpreter(1)
        self._in = it.get_input_details()[0]
        self._out = it.get_output_details()[0]

    @property
    def input_dtype(self) -> np.dtype:
        return np.dtype(self._in["dtype"])

    @property
    def output_dtype(self) -> np.dtype:
        return np.dtype(self._out["dtype"])

    def _interpreter(self, batch: int) -> Any:
        it = self._interpreters.get(batch)
        if it is None:
            try:
                from ai_edge_litert.interpreter import Interpreter
            except ImportError:
                raise ImportError(
                    "the LiteRT runtime is not installed; pip install 'ai-edge-litert>=2.3,<3'"
                ) from None
            it = Interpreter(model_content=self.content, num_threads=self.threads)
            inp = it.get_input_details()[0]
            if int(inp["shape"][0]) != batch:
                it.resize_tensor_input(inp["index"], [batch, *inp["shape"][1:]], strict=False)
            it.allocate_tensors()
            self._interpreters[batch] = it
        return it

    def _quantize(self, x: np.ndarray) -> np.ndarray:
        dtype = self.input_dtype
        if dtype == np.float32:
            return np.ascontiguousarray(x, dtype=np.float32)
        scale, zero = self._in["quantization"]
        info = np.iinfo(dtype)
        q = np.round(x / np.float32(scale) + zero)
        return np.clip(q, info.min, info.max).astype(dtype)

    def _dequantize(self, y: np.ndarray) -> np.ndarray:
        if self.output_dtype == np.float32:
            return y
        scale, zero = self._out["quantization"]
        return (y.astype(np.float32) - zero) * np.float32(scale)

    def runner(self, batch: int) -> Callable[[np.ndarray], np.ndarray]:
        """A function running one batch of exactly ``batch`` float images."""
        it = self._interpreter(batch)
        i_in, i_out = self._in["index"], self._out["index"]

        def run(x: np.ndarray) -> np.ndarray:
            it.set_tensor(i_in, self._quantize(x))
            it.invoke()
            return self._dequantize(it.get_tensor(i_out))

        return run

    def predict(self, x: np.ndarray, batch: int = 256) -> np.ndarray:
        """Outputs for all of ``x``; the last short batch is padded and trimmed."""
        run = self.runner(batch)
        outs = []
        for i in range(0, len(x), batch):
            chunk = x[i : i + batch]
            n = len(chunk)
            if n < batch:
                chunk = np.concatenate(
                    [chunk, np.zeros((batch - n, *chunk.shape[1:]), dtype=chunk.dtype)]
                )
            outs.append(run(chunk)[:n])
        return np.concatenate(outs)

    def ops(self) -> list[str]:
        """Operator names in the graph, for reports and tests."""
        it = self._interpreter(1)
        try:
            return sorted({d["op_name"] for d in it._get_ops_details()})
        except Exception:  # a private API; missing is not an error
            return []

    def tensor_types(self) -> dict[str, int]:
        """How many tensors of each dtype the model holds (int8 kinds are mostly int8)."""
        it = self._interpreter(1)
        counts: dict[str, int] = {}
        for d in it.get_tensor_details():
            name = np.dtype(d["dtype"]).name
            counts[name] = counts.get(name, 0) + 1
        return counts
