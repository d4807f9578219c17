"""Analytic FLOP counts agree with TensorFlow's profiler, op by op.

The profiler (``tf.compat.v1.profiler`` with ``float_operation()``) counts the FLOPs of
each op in a graph from its static shapes, a multiply-add being 2 FLOPs. We profile the
graph of a concrete function of the model at a fixed batch size.
"""

from __future__ import annotations

import pytest

tf = pytest.importorskip("tensorflow")
keras = pytest.importorskip("keras")

from engine import models  # noqa: E402
from engine.scoring import flops  # noqa: E402

SEED_CONV = 389_376  # 2 * 3*3*1 * 32 * 26*26
SEED_MATMUL = 108_160  # 2 * 5408 * 10


def profiled_flops(fn, *specs) -> dict[str, int]:
    """FLOPs per op type, as TensorFlow's profiler counts them, for ``fn``'s graph."""
    graph = tf.function(fn).get_concrete_function(*specs).graph
    opts = tf.compat.v1.profiler.ProfileOptionBuilder.float_operation()
    opts["output"] = "none"
    root = tf.compat.v1.profiler.profile(
        graph=graph, run_meta=tf.compat.v1.RunMetadata(), cmd="op", options=opts
    )
    totals: dict[str, int] = {}

    def walk(node) -> None:
        for child in node.children:
            if child.float_ops:
                totals[child.name] = totals.get(child.name, 0) + int(child.float_ops)
            walk(child)

    walk(root)
    return totals


def forward_profile(model, batch: int = 1) -> dict[str, int]:
    spec = tf.TensorSpec([batch, *model.input_shape[1:]], tf.float32)
    return profiled_flops(lambda x: model(x, training=False), spec)


def training_profile(model, batch: int = 1) -> dict[str, int]:
    """FLOPs of forward + loss + gradients (no optimizer step)."""
    x_spec = tf.TensorSpec([batch, *model.input_shape[1:]], tf.float32)
    y_spec = tf.TensorSpec([batch], tf.int32)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()

    def step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        return tape.gradient(loss, model.trainable_variables)

    return profiled_flops(step, x_spec, y_spec)


@pytest.fixture(scope="module")
def seed_cnn():
    return models.build("seed-cnn")


# --------------------------------------------------------------------------- forward


def test_seed_cnn_forward_matches_the_profiler(seed_cnn):
    profiled = forward_profile(seed_cnn)
    assert profiled["Conv2D"] == SEED_CONV
    assert profiled["MatMul"] == SEED_MATMUL
    ours = flops.count_flops(seed_cnn).by_op("forward")
    assert ours["Conv2D"] == SEED_CONV
    assert ours["MatMul"] == SEED_MATMUL


def test_every_op_the_profiler_counts_is_counted_the_same(seed_cnn):
    profiled = forward_profile(seed_cnn)
    ours = flops.count_flops(seed_cnn).by_op("forward")
    assert {op: ours[op] for op in profiled} == profiled
    # ReLU is the one op we count (1 per element) that the profiler does not.
    assert set(ours) - set(profiled) == {"Relu"}
    assert ours["Relu"] == 26 * 26 * 32


@pytest.mark.parametrize(
    ("width", "extra_blocks"),
    [(0.5, 0), (2.0, 0), (1.0, 1), (1.0, 2), (0.25, 3), (1.5, 1)],
)
def test_wider_and_deeper_variants_match_the_profiler(width, extra_blocks):
    model = models.build_seed_cnn(width=width, extra_blocks=extra_blocks)
    profiled = forward_profile(model)
    ours = flops.count_flops(model).by_op("forward")
    assert {op: ours[op] for op in profiled} == profiled
    filters = max(1, round(32 * width))
    same_conv = 2 * 3 * 3 * filters * filters * 26 * 26  # padding="same" keeps 26x26
    assert ours["Conv2D"] == 2 * 9 * 1 * filters * 26 * 26 + extra_blocks * same_conv


def test_a_batch_multiplies_every_forward_op(seed_cnn):
    profiled = forward_profile(seed_cnn, batch=4)
    report = flops.count_flops(seed_cnn, batch_size=4)
    assert {op: 4 * n for op, n in report.by_op("forward").items() if op in profiled} == profiled
    assert report.forward_per_batch == 4 * report.forward_per_sample


# --------------------------------------------------------------------------- backward


def test_backward_counts_match_the_profiler_where_conventions_agree():
    model = models.build_seed_cnn(extra_blocks=1)
    profiled = training_profile(model)
    forward = flops.count_flops(model).by_op("forward")
    backward = flops.count_flops(model).by_op("backward")
    # Dense: forward MatMul + grad wrt input + grad wrt kernel = 3x forward.
    assert profiled["MatMul"] == forward["MatMul"] + backward["MatMul"] == 3 * SEED_MATMUL
    assert profiled["MaxPoolGrad"] == backward["MaxPoolGrad"] == 26 * 26 * 32 + 13 * 13 * 32
    # Each conv gradient equals the forward product; the profiler agrees for padding="same"
    # but sizes the first (valid, 28x28 -> 26x26) layer's gradients by its 28x28 input.
    first_layer_gap = 2 * 9 * 1 * 32 * (28 * 28 - 26 * 26)
    for op in ("Conv2DBackpropInput", "Conv2DBackpropFilter"):
        assert backward[op] == forward["Conv2D"]
        assert profiled[op] == backward[op] + first_layer_gap


def test_seed_cnn_totals_by_hand(seed_cnn):
    report = flops.count_flops(seed_cnn, batch_size=32, optimizer="adam")
    # conv 389,376 + bias 21,632 + relu 21,632 | pool 21,632 | matmul 108,160 + bias 10 + softmax 50
    assert report.forward_per_sample == 562_492
    assert report.inference_per_sample == 562_492
    # conv 2*389,376 + bias 21,632 + relu 21,632 | pool 27,040 | matmul 2*108,160 + bias 10
    assert report.backward_per_sample == 1_065_386
    assert report.params == report.trainable_params == 54_410
    assert report.update_per_step == 12 * 54_410
    assert report.train_per_sample == 562_492 + 1_065_386 + 12 * 54_410 / 32
    assert report.train_per_batch == 32 * (562_492 + 1_065_386) + 12 * 54_410
    assert [layer.name for layer in report.layers] == ["conv", "pool", "flatten", "dense"]
    assert report.layers[0].output_shape == (26, 26, 32)
    assert report.layers[2].forward_total == 0


def test_skipping_the_first_layers_input_gradient(seed_cnn):
    standard = flops.count_flops(seed_cnn)
    pruned = flops.count_flops(seed_cnn, skip_first_input_grad=True)
    assert standard.backward_per_sample - pruned.backward_per_sample == SEED_CONV
    assert "Conv2DBackpropInput" not in pruned.layers[0].backward


@pytest.mark.parametrize(
    ("optimizer", "per_param"),
    [("sgd", 2), ("adam", 12), ("adamw", 15), ("rmsprop", 9), ("Adam", 12)],
)
def test_optimizer_update_flops_per_parameter(seed_cnn, optimizer, per_param):
    report = flops.count_flops(seed_cnn, optimizer=optimizer)
    assert report.update_flops_per_param == per_param
    assert report.update_per_step == per_param * 54_410


def test_optimizer_objects_are_recognised_including_sgd_momentum():
    assert flops.update_flops_per_param(keras.optimizers.Adam()) == ("adam", 12)
    assert flops.update_flops_per_param(keras.optimizers.SGD(momentum=0.9)) == ("sgd_momentum", 4)
    assert flops.update_flops_per_param(keras.optimizers.SGD()) == ("sgd", 2)


def test_the_report_is_plain_data(seed_cnn):
    data = flops.count_flops(seed_cnn).to_dict()
    assert data["forward_per_sample"] == 562_492
    assert data["layers"][0]["forward"] == {"Conv2D": SEED_CONV, "BiasAdd": 21_632, "Relu": 21_632}


# --------------------------------------------------------------------------- refusals


def test_an_unknown_layer_is_refused_by_name():
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Flatten()(inputs)
    x = keras.layers.Dropout(0.5, name="drop")(x)
    model = keras.Model(inputs, keras.layers.Dense(10)(x))
    with pytest.raises(flops.UnsupportedLayerError, match="'drop'"):
        flops.count_flops(model)


def test_an_unknown_activation_is_refused_by_name():
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(3, activation="tanh", name="d")(inputs))
    with pytest.raises(flops.UnsupportedLayerError, match="'tanh'"):
        flops.count_flops(model)


def test_separate_activation_layers_are_counted():
    inputs = keras.Input((8,))
    x = keras.layers.Dense(4)(inputs)
    x = keras.layers.ReLU()(x)
    x = keras.layers.Activation("softmax")(x)
    report = flops.count_flops(keras.Model(inputs, x))
    assert report.by_op("forward") == {"MatMul": 64, "BiasAdd": 4, "Relu": 4, "Softmax": 20}


@pytest.mark.parametrize(
    ("bad", "word"), [(("batch_size", 0), "batch_size"), (("optimizer", "lion"), "optimizer")]
)
def test_bad_arguments_are_refused(seed_cnn, bad, word):
    with pytest.raises(ValueError, match=word):
        flops.count_flops(seed_cnn, **{bad[0]: bad[1]})
