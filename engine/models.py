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


def register(name: str, builder: Callable[..., Any], description: str, **params: Any) -> ModelSpec:
    """Register a model builder under ``name`` (a variant is a builder plus params)."""
    spec = ModelSpec(name=name, description=description, builder=builder, params=dict(params))
    _REGISTRY[name] = spec
    return spec


def names() -> list[str]:
    return list(_REGISTRY)


def get(name: str) -> ModelSpec:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown model {name!r}; choose one of {', '.join(_REGISTRY)}") from None


def build(name: str, input_shape=INPUT_SHAPE, num_classes: int = NUM_CLASSES):
    return get(name).build(input_shape=input_shape, num_classes=num_classes)


def build_seed_cnn(input_shape=INPUT_SHAPE, num_classes=NUM_CLASSES, width: float = 1.0,
                   extra_blocks: int = 0, name: str = "seed_cnn"):
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
        x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same", name=f"conv_{i + 2}")(x)
    x = layers.MaxPooling2D((2, 2), name="pool")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="dense")(x)
    return keras.Model(inputs, outputs, name=name)


register(
    "seed-cnn",
    build_seed_cnn,
    "The article's CNN: Conv2D(32,3x3,relu) > MaxPool(2x2) > Flatten > Dense(10,softmax)",
)


def model_facts(model) -> dict[str, Any]:
    """Parameter count and dense float32 size of a built model."""
    params = int(model.count_params())
    weight_bytes = int(sum(int(w.numpy().nbytes) for w in model.weights))
    return {"name": model.name, "parameters": params, "weight_bytes": weight_bytes}
