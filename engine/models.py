"""Model registry. ``seed-cnn`` is the article's CNN; variants register beside it.

Builders import Keras lazily so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

INPUT_SHAPE = (28, 28, 1)
NUM_CLASSES = 10


@dataclass(frozen=True)
class ModelSpec:
    name: str
    description: str
    builder: Callable[..., Any]
    params: dict[str, Any]

    def build(self, input_shape=INPUT_SHAPE, num_classes: int = NUM_CLASSES):
        return self.builder(input_shape=input_shape, num_classes=num_classes, **self.params)


_REGISTRY: dict[str, ModelSpec] = {}


def register(key: str, builder: Callable[..., Any], description: str, **params: Any) -> ModelSpec:
    """Register a model builder under ``key`` (a variant is a builder plus params)."""
    spec = ModelSpec(name=key, description=description, builder=builder, params=dict(params))
    _REGISTRY[key] = spec
    return spec


def names() -> list[str]:
    return list(_REGISTRY)


def get(name: str) -> ModelSpec:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown model {name!r}; choose one of {', '.join(_REGISTRY)}") from None


def build(name: str, input_shape=INPUT_SHAPE, num_classes: int = NUM_CLASSES, **overrides):
    """Build a registered model; ``overrides`` (e.g. ``width``, ``extra_blocks``) change its
    registered parameters where the builder accepts them."""
    spec = get(name)
    params = {**spec.params, **overrides}
    return spec.builder(input_shape=input_shape, num_classes=num_classes, **params)


def build_seed_cnn(
    input_shape=INPUT_SHAPE,
    num_classes=NUM_CLASSES,
    width: float = 1.0,
    extra_blocks: int = 0,
    name: str = "seed_cnn",
):
    """Conv2D(32, 3x3, relu) -> MaxPooling2D(2x2) -> Flatten -> Dense(10, softmax).

    ``width`` multiplies the filter count and ``extra_blocks`` adds
    Conv2D(3x3, relu, same) blocks before the pooling, for complexity studies;
    at the defaults it is exactly the article's model (54,410 parameters).
    """
    import keras
    from keras import layers

    filters = max(1, int(round(32 * width)))
    inputs = keras.Input(shape=input_shape, name="image")
    x = layers.Conv2D(filters, (3, 3), activation="relu", name="conv")(inputs)
    for i in range(extra_blocks):
        x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same", name=f"conv_{i + 2}")(
            x
        )
    x = layers.MaxPooling2D((2, 2), name="pool")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="dense", dtype=_output_dtype())(
        x
    )
    return keras.Model(inputs, outputs, name=name)


def _output_dtype():
    """Under a mixed-precision policy the softmax stays float32 (stable loss), else default."""
    import keras

    return "float32" if keras.config.dtype_policy().name.startswith("mixed") else None


register(
    "seed-cnn",
    build_seed_cnn,
    "The article's CNN: Conv2D(32,3x3,relu) > MaxPool(2x2) > Flatten > Dense(10,softmax)",
)


def build_resnet_small(
    input_shape=INPUT_SHAPE,
    num_classes=NUM_CLASSES,
    width: float = 1.0,
    extra_blocks: int = 0,
    name: str = "resnet_small",
):
    """A small residual net: stem conv, ``2 + extra_blocks`` residual blocks
    (two 3x3 convs with batch norm and an identity skip), a strided transition,
    global average pooling and a softmax classifier."""
    import keras
    from keras import layers

    f = max(4, int(round(16 * width)))
    inputs = keras.Input(shape=input_shape, name="image")
    x = layers.Conv2D(f, 3, padding="same", use_bias=False, name="stem")(inputs)
    x = layers.BatchNormalization(name="stem_bn")(x)
    x = layers.ReLU(name="stem_relu")(x)

    def block(x, filters, i):
        y = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"res{i}_a")(x)
        y = layers.BatchNormalization(name=f"res{i}_a_bn")(y)
        y = layers.ReLU(name=f"res{i}_a_relu")(y)
        y = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"res{i}_b")(y)
        y = layers.BatchNormalization(name=f"res{i}_b_bn")(y)
        y = layers.Add(name=f"res{i}_add")([x, y])
        return layers.ReLU(name=f"res{i}_relu")(y)

    n_blocks = 2 + extra_blocks
    for i in range(n_blocks // 2):
        x = block(x, f, i + 1)
    x = layers.Conv2D(2 * f, 3, strides=2, padding="same", activation="relu", name="down")(x)
    for i in range(n_blocks // 2, n_blocks):
        x = block(x, 2 * f, i + 1)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="dense", dtype=_output_dtype())(
        x
    )
    return keras.Model(inputs, outputs, name=name)


register(
    "seed-cnn-wide",
    build_seed_cnn,
    "The seed CNN with twice the filters (64)",
    width=2.0,
    name="seed_cnn_wide",
)
register(
    "seed-cnn-narrow",
    build_seed_cnn,
    "The seed CNN with half the filters (16)",
    width=0.5,
    name="seed_cnn_narrow",
)
register(
    "seed-cnn-deep",
    build_seed_cnn,
    "The seed CNN with two more 3x3 conv layers",
    extra_blocks=2,
    name="seed_cnn_deep",
)
register("resnet-small", build_resnet_small, "A small residual net (2 residual blocks, GAP)")


def model_facts(model) -> dict[str, Any]:
    """Parameter count and dense float32 size of a built model."""
    params = int(model.count_params())
    weight_bytes = int(sum(int(w.numpy().nbytes) for w in model.weights))
    return {"name": model.name, "parameters": params, "weight_bytes": weight_bytes}
