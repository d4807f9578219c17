from __future__ import annotations

import math

import pytest

from engine.config import ConfigError, RunConfig


def test_defaults_are_the_articles():
    c = RunConfig().validate()
    assert (c.epochs, c.batch_size, c.optimizer, c.learning_rate, c.model) == (
        5,
        32,
        "adam",
        1e-3,
        "seed-cnn",
    )


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("batch_size", 0, "integer >= 1"),
        ("epochs", -1, "integer >= 1"),
        ("learning_rate", math.nan, "finite number > 0"),
        ("learning_rate", -0.1, "finite number > 0"),
        ("dataset", "cifar", "mnist, fashion-mnist, synthetic, folder"),
        ("model", "resnet-9000", "seed-cnn"),
        ("dev_fraction", 0.0, "(0, 0.5]"),
        ("dev_fraction", 0.6, "(0, 0.5]"),
        ("optimizer", "lion", "adam"),
        ("limit", 0, "integer >= 1"),
        ("device", "tpu", "auto, cpu"),
        ("epochs", 2.5, "integer"),
        ("batch_size", 65537, "an integer from 1 to 65536"),
        ("learning_rate", 10.5, "<= 10"),
        ("target_accuracy", 0.0, "(0, 1], or none"),
        ("device", "cpu,gpu:0", "devices of one kind"),
        ("xla", 1, "true or false"),
    ],
)
def test_bad_values_name_field_value_and_what_is_allowed(field, value, words):
    with pytest.raises(ConfigError) as err:
        RunConfig(**{field: value}).validate()
    msg = str(err.value)
    assert msg.startswith(f"{field} = ")
    assert repr(value) in msg
    assert words in msg
    assert "\n" not in msg


def test_config_is_frozen_and_round_trips():
    c = RunConfig(dataset="synthetic", epochs=2)
    with pytest.raises(AttributeError):
        c.epochs = 3  # type: ignore[misc]
    assert RunConfig.from_dict(c.to_dict()) == c
