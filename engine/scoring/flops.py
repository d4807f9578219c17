"""Analytic FLOP counts for the Keras CNNs Suanli trains.

Conventions (written out with examples in ``docs/scores.md``):

* A multiply-add is 2 FLOPs, as TensorFlow's profiler counts it. Counts are keyed by the
  TensorFlow op that does the work (``Conv2D``, ``MatMul``, ``BiasAdd``...), so they can
  be compared with ``tf.compat.v1.profiler`` op by op.
* Forward, per sample: Conv2D ``2*Kh*Kw*(Cin/groups)*Cout*Hout*Wout``; Dense
  ``2*in*out``; bias add 1 per output element; ReLU 1 per element (the profiler counts
  0); softmax 5 per element (as the profiler does); max pooling ``Kh*Kw`` per output
  element (as the profiler does); Flatten/Reshape/Input 0.
* Backward, per sample: each weight layer costs 2x its forward multiply-adds -- the
  gradient with respect to its input (``Conv2DBackpropInput`` / a ``MatMul``) and with
  respect to its weights (``Conv2DBackpropFilter`` / a ``MatMul``), each equal to the
  forward product. This is the standard convention and counts the input gradient of the
  first layer too, which TensorFlow prunes at run time; ``skip_first_input_grad=True``
  leaves it out (and the backward of any weightless layer before it). Bias gradient 1 per output element; ReLU gradient 1 per element;
  max-pool gradient 1 per input plus 1 per output element (as the profiler does). The
  softmax gradient is fused with the loss gradient (``p - y``) and, like the loss
  itself, is not counted.
* Optimizer update, per step: FLOPs per trainable parameter (:data:`UPDATE_FLOPS_PER_PARAM`,
  counted from the element-wise ops in Keras 3's ``update_step``), independent of batch.

Nothing here imports TensorFlow; layers are read through their Keras attributes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

#: Element-wise FLOPs per trainable parameter per optimizer step (Keras 3 update rules).
UPDATE_FLOPS_PER_PARAM: dict[str, int] = {
    # p -= lr * g
    "sgd": 2,
    # m = m*momentum - g*lr ; p += m
    "sgd_momentum": 4,
    # m = m*momentum - g*lr ; p += m*momentum - g*lr
    "sgd_nesterov": 7,
    # m += (g - m)(1-b1) ; v += (g^2 - v)(1-b2) ; p -= m*alpha / (sqrt(v) + eps)
    "adam": 12,
    # adam, then p = p - p*wd*lr
    "adamw": 15,
    # v = rho*v + (1-rho)*g^2 ; p -= lr*g / sqrt(v + eps)
    "rmsprop": 9,
}

_ACTIVATION_FORWARD = {"linear": 0, "relu": 1, "softmax": 5}
_ACTIVATION_BACKWARD = {"linear": 0, "relu": 1, "softmax": 0}
_ACTIVATION_OP = {"relu": "Relu", "softmax": "Softmax"}
_ACTIVATION_GRAD_OP = {"relu": "ReluGrad"}


class UnsupportedLayerError(ValueError):
    """The model holds a layer (or activation) this counter has no formula for."""


@dataclass(frozen=True)
class LayerFlops:
    """FLOPs of one layer for one sample, split by the TensorFlow op that does the work."""

    name: str
    kind: str
    output_shape: tuple[int, ...]
    params: int
    trainable_params: int
    forward: dict[str, int] = field(default_factory=dict)
    backward: dict[str, int] = field(default_factory=dict)

    @property
    def forward_total(self) -> int:
        return sum(self.forward.values())

    @property
    def backward_total(self) -> int:
        return sum(self.backward.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "output_shape": list(self.output_shape),
            "params": self.params,
            "trainable_params": self.trainable_params,
            "forward": dict(self.forward),
            "backward": dict(self.backward),
            "forward_total": self.forward_total,
            "backward_total": self.backward_total,
        }


@dataclass(frozen=True)
class FlopReport:
    """Per-layer table and totals. ``*_per_sample`` are FLOPs for one sample.

    ``train_per_sample`` = forward + backward + ``update_per_step / batch_size``: the
    optimizer step is shared by the samples of a batch.
    """

    model_name: str
    batch_size: int
    optimizer: str
    layers: tuple[LayerFlops, ...]
    params: int
    trainable_params: int
    update_flops_per_param: int

    @property
    def forward_per_sample(self) -> int:
        return sum(layer.forward_total for layer in self.layers)

    @property
    def backward_per_sample(self) -> int:
        return sum(layer.backward_total for layer in self.layers)

    @property
    def update_per_step(self) -> int:
        return self.update_flops_per_param * self.trainable_params

    @property
    def inference_per_sample(self) -> int:
        return self.forward_per_sample

    @property
    def train_per_sample(self) -> float:
        return (
            self.forward_per_sample
            + self.backward_per_sample
            + self.update_per_step / self.batch_size
        )

    @property
    def forward_per_batch(self) -> int:
        return self.forward_per_sample * self.batch_size

    @property
    def backward_per_batch(self) -> int:
        return self.backward_per_sample * self.batch_size

    @property
    def train_per_batch(self) -> int:
        return self.forward_per_batch + self.backward_per_batch + self.update_per_step

    def by_op(self, direction: str = "forward") -> dict[str, int]:
        """Per-sample totals per TensorFlow op type, ``direction`` "forward" or "backward"."""
        if direction not in ("forward", "backward"):
            raise ValueError(f"direction = {direction!r} is not allowed: forward or backward")
        totals: dict[str, int] = {}
        for layer in self.layers:
            for op, flops in getattr(layer, direction).items():
                totals[op] = totals.get(op, 0) + flops
        return totals

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_name": self.model_name,
            "batch_size": self.batch_size,
            "optimizer": self.optimizer,
            "params": self.params,
            "trainable_params": self.trainable_params,
            "update_flops_per_param": self.update_flops_per_param,
            "forward_per_sample": self.forward_per_sample,
            "backward_per_sample": self.backward_per_sample,
            "update_per_step": self.update_per_step,
            "inference_per_sample": self.inference_per_sample,
            "train_per_sample": self.train_per_sample,
            "train_per_batch": self.train_per_batch,
            "layers": [layer.to_dict() for layer in self.layers],
        }


def update_flops_per_param(optimizer: Any) -> tuple[str, int]:
    """(name, FLOPs per parameter) for an optimizer name or a Keras optimizer object."""
    if isinstance(optimizer, str):
        name = optimizer.strip().lower()
    else:
        name = type(optimizer).__name__.lower()
        if name == "sgd" and float(getattr(optimizer, "momentum", 0) or 0) > 0:
            name = "sgd_nesterov" if getattr(optimizer, "nesterov", False) else "sgd_momentum"
    if name not in UPDATE_FLOPS_PER_PARAM:
        raise ValueError(
            f"optimizer = {optimizer!r} is not allowed: one of {', '.join(UPDATE_FLOPS_PER_PARAM)}"
        )
    return name, UPDATE_FLOPS_PER_PARAM[name]


def count_flops(
    model: Any,
    batch_size: int = 1,
    optimizer: Any = "adam",
    *,
    skip_first_input_grad: bool = False,
) -> FlopReport:
    """Count FLOPs of a built Keras model; see the module docstring for what is counted.

    Raises :class:`UnsupportedLayerError` naming the first layer without a formula.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size = {batch_size!r} is not allowed: an integer >= 1")
    opt_name, per_param = update_flops_per_param(optimizer)
    rows: list[LayerFlops] = []
    first_weight_layer = True
    for layer in _leaf_layers(model):
        row = _count_layer(layer)
        if row is None:
            continue
        if skip_first_input_grad and first_weight_layer:
            # Nothing up to and including the first weight layer's input needs a gradient.
            first_weight_layer = row.trainable_params == 0
            row = _without_input_grad(row) if not first_weight_layer else replace(row, backward={})
        rows.append(row)
    return FlopReport(
        model_name=str(getattr(model, "name", "model")),
        batch_size=batch_size,
        optimizer=opt_name,
        layers=tuple(rows),
        params=int(model.count_params()),
        trainable_params=int(sum(_size(w.shape) for w in model.trainable_weights)),
        update_flops_per_param=per_param,
    )


# --------------------------------------------------------------------------- per layer


def _leaf_layers(model: Any) -> Iterator[Any]:
    for layer in model.layers:
        if hasattr(layer, "layers") and type(layer).__name__ in (
            "Functional",
            "Sequential",
            "Model",
        ):
            yield from _leaf_layers(layer)
        else:
            yield layer


def _count_layer(layer: Any) -> LayerFlops | None:
    kind = type(layer).__name__
    if kind == "InputLayer":
        return None
    in_shape, out_shape = _shapes(layer)
    out_elems = _size(out_shape)
    forward: dict[str, int] = {}
    backward: dict[str, int] = {}
    activation = None

    if kind == "Conv2D":
        kh, kw = layer.kernel_size
        channels_last = getattr(layer, "data_format", "channels_last") == "channels_last"
        c_in = in_shape[-1] if channels_last else in_shape[0]
        h_out, w_out, c_out = (
            out_shape if channels_last else (out_shape[1], out_shape[2], out_shape[0])
        )
        groups = int(getattr(layer, "groups", 1) or 1)
        macs = kh * kw * (c_in // groups) * c_out * h_out * w_out
        forward["Conv2D"] = 2 * macs
        backward["Conv2DBackpropInput"] = 2 * macs
        backward["Conv2DBackpropFilter"] = 2 * macs
        if layer.use_bias:
            forward["BiasAdd"] = out_elems
            backward["BiasAddGrad"] = out_elems
        activation = layer.activation
    elif kind == "Dense":
        macs = _size(in_shape) * int(layer.units)
        forward["MatMul"] = 2 * macs
        backward["MatMul"] = 4 * macs  # grad wrt input + grad wrt kernel
        if layer.use_bias:
            forward["BiasAdd"] = out_elems
            backward["BiasAddGrad"] = out_elems
        activation = layer.activation
    elif kind == "MaxPooling2D":
        ph, pw = layer.pool_size
        forward["MaxPool"] = ph * pw * out_elems
        backward["MaxPoolGrad"] = _size(in_shape) + out_elems
    elif kind in ("Flatten", "Reshape"):
        pass
    elif kind == "Activation":
        activation = layer.activation
    elif kind == "ReLU":
        activation = "relu"
    elif kind == "Softmax":
        activation = "softmax"
    else:
        raise UnsupportedLayerError(
            f"layer {layer.name!r} ({kind}) has no FLOP formula; supported: Conv2D, Dense, "
            "MaxPooling2D, Flatten, Reshape, Activation/ReLU/Softmax"
        )

    if activation is not None:
        act = activation if isinstance(activation, str) else getattr(activation, "__name__", "?")
        if act not in _ACTIVATION_FORWARD:
            raise UnsupportedLayerError(
                f"layer {layer.name!r} uses activation {act!r}, which has no FLOP formula; "
                f"supported: {', '.join(_ACTIVATION_FORWARD)}"
            )
        if _ACTIVATION_FORWARD[act]:
            forward[_ACTIVATION_OP[act]] = _ACTIVATION_FORWARD[act] * out_elems
        if _ACTIVATION_BACKWARD[act]:
            backward[_ACTIVATION_GRAD_OP[act]] = _ACTIVATION_BACKWARD[act] * out_elems

    params = int(layer.count_params()) if layer.built else 0
    trainable = int(sum(_size(w.shape) for w in layer.trainable_weights))
    return LayerFlops(
        name=layer.name,
        kind=kind,
        output_shape=out_shape,
        params=params,
        trainable_params=trainable,
        forward=forward,
        backward=backward,
    )


def _without_input_grad(row: LayerFlops) -> LayerFlops:
    backward = dict(row.backward)
    if "Conv2DBackpropInput" in backward:
        del backward["Conv2DBackpropInput"]
    elif "MatMul" in backward:
        backward["MatMul"] //= 2
    return replace(row, backward=backward)


def _shapes(layer: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Per-sample input and output shapes (batch dimension dropped)."""
    try:
        in_shape = tuple(layer.input.shape)
        out_shape = tuple(layer.output.shape)
    except (AttributeError, ValueError) as exc:
        raise ValueError(
            f"layer {getattr(layer, 'name', layer)!r} has no known input/output shape; "
            "build the model on a keras.Input first"
        ) from exc
    in_shape, out_shape = in_shape[1:], out_shape[1:]
    if any(d is None for d in in_shape + out_shape):
        raise ValueError(
            f"layer {layer.name!r} has unknown dimensions {in_shape} -> {out_shape}; "
            "FLOPs need static shapes"
        )
    return tuple(int(d) for d in in_shape), tuple(int(d) for d in out_shape)


def _size(shape: Any) -> int:
    return int(math.prod(int(d) for d in shape))
