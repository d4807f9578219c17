"""RunConfig's fields are described once (engine.config.FIELDS): every field has one
description, validate() follows its bounds and choices, and the ``train`` flags built from
the descriptions are the flags the CLI has always had, in English and in Chinese."""

from __future__ import annotations

import argparse
import dataclasses
import math

import pytest

from engine import i18n, models
from engine.cli.export import add_tensorboard_argument
from engine.cli.json_out import add_json_argument
from engine.cli.run_args import add_field_argument, add_run_arguments, config_from_args
from engine.config import FIELDS, ConfigError, RunConfig, field_names, field_spec
from engine.i18n.argparse_support import TranslatedArgumentParser


def test_every_field_has_one_description_in_field_order():
    assert [s.name for s in FIELDS] == [f.name for f in dataclasses.fields(RunConfig)]
    assert field_names() == tuple(f.name for f in dataclasses.fields(RunConfig))
    for spec in FIELDS:
        assert field_spec(spec.name) is spec
        assert spec.default == getattr(RunConfig(), spec.name)
        assert spec.type in (str, int, float, bool)
        assert spec.optional == (spec.default is None)
    with pytest.raises(KeyError):
        field_spec("no_such_field")


def test_the_descriptions_carry_the_engines_choices_and_bounds():
    assert field_spec("model").choices == tuple(models.names())  # read when asked
    assert field_spec("optimizer").choices == ("adam", "sgd", "rmsprop", "adamw")
    assert field_spec("dataset").choices == ("mnist", "fashion-mnist", "synthetic", "folder")
    b = field_spec("batch_size")
    assert (b.minimum, b.maximum, b.flag, b.dest) == (1, 65536, "--batch-size", "batch_size")
    lr = field_spec("learning_rate")
    assert (lr.minimum, lr.maximum, lr.exclusive_minimum, lr.flag) == (0, 10, True, "--lr")
    assert (field_spec("dev_fraction").minimum, field_spec("dev_fraction").maximum) == (0, 0.5)
    assert field_spec("target_accuracy").maximum == 1 and field_spec("target_accuracy").optional
    assert field_spec("checkpoints").negated and field_spec("checkpoints").flag == (
        "--no-checkpoints"
    )
    # the run form: its Advanced section, and spin-box tops where the engine sets no maximum
    assert field_names(advanced=True) == (
        "dev_fraction", "seed", "lr_schedule", "early_stopping", "monitor",
        "target_accuracy", "precision", "xla", "steps_per_call", "checkpoints",
    )  # fmt: skip
    for spec in FIELDS:
        if spec.type is int:
            assert spec.minimum is not None
            assert (spec.maximum is None) != (spec.widget_maximum is None), spec.name


def just_outside(spec, bound: str) -> list:
    """Values next to ``spec``'s bound that validate() must refuse."""
    if bound == "minimum":
        low = spec.minimum
        return [low] if spec.exclusive_minimum else [low - 1 if spec.type is int else low - 1e-9]
    return [spec.maximum + 1 if spec.type is int else spec.maximum + 1e-9]


@pytest.mark.parametrize(
    "spec", [s for s in FIELDS if s.type in (int, float)], ids=lambda s: s.name
)
def test_validate_keeps_each_numbers_bounds(spec):
    inside = [spec.minimum + (1e-9 if spec.exclusive_minimum else 0)]
    if spec.maximum is not None:
        inside.append(spec.maximum)
    for value in inside:
        RunConfig(**{spec.name: spec.type(value) if spec.type is int else value}).validate()
    outside = just_outside(spec, "minimum") + (
        just_outside(spec, "maximum") if spec.maximum is not None else []
    )
    for value in [*outside, "1", True, math.nan] + ([] if spec.optional else [None]):
        with pytest.raises(ConfigError) as err:
            RunConfig(**{spec.name: value}).validate()
        assert err.value.field == spec.name and err.value.value is value


@pytest.mark.parametrize("spec", [s for s in FIELDS if s.choice_source], ids=lambda s: s.name)
def test_validate_keeps_each_fields_choices(spec):
    for value in spec.choices:
        RunConfig(**{spec.name: value}).validate()
    with pytest.raises(ConfigError) as err:
        RunConfig(**{spec.name: "nothing-like-it"}).validate()
    assert str(err.value.allowed) == f"one of {', '.join(spec.choices)}"


def refusals() -> list:
    """Every "allowed" Message validate() can give, from a spread of bad values per field."""
    bad = [None, True, "x", -1, 0, 0.0, 1e9, 2**20, math.nan, "gpu:0,cpu", 2.5]
    return [t for s in FIELDS for v in bad if (t := s.refusal(v)) is not None]


def test_every_refusal_reads_in_chinese():
    """The window and the CLI say ConfigError.allowed (a Message) in their language."""
    messages = refusals()
    texts = {m.english() for m in messages}
    assert {"an integer from 1 to 65536", "a number in (0, 1], or none", "true or false"} <= texts
    i18n.set_language("zh_CN")
    try:
        assert [m.english() for m in messages if m.text() == m.english()] == []
    finally:
        i18n.set_language(None)


# --------------------------------------------------------------------------- the train flags


def train_parser() -> argparse.ArgumentParser:
    """``train`` as add_run_arguments builds it, plus the --json every run command has and
    --tensorboard."""
    p = TranslatedArgumentParser(prog="python -m engine")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    t = sub.add_parser("train", help=i18n._("train a model and print the classification report"))
    add_run_arguments(t)
    add_json_argument(t)
    add_tensorboard_argument(t)
    return t


def cli_train_parser() -> argparse.ArgumentParser:
    from engine.cli import main as cli

    sub = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices["train"]


def described(action: argparse.Action) -> tuple:
    return (
        type(action).__name__, tuple(action.option_strings), action.dest, action.default,
        action.type, tuple(action.choices or ()), action.metavar, action.help,
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_flags_are_the_clis_train_flags(lang):
    i18n.set_language(lang)
    try:
        ours = [described(a) for a in train_parser()._actions]
        cli = [described(a) for a in cli_train_parser()._actions]
    finally:
        i18n.set_language(None)
    assert ours == cli
    flags = [a[1][0] for a in ours[1:-2]]  # without -h, --json and --tensorboard
    assert flags == [s.flag for s in FIELDS]


CHINESE_TRAIN_HELP = """\
用法：python -m engine train [-h]
                             [--dataset {mnist,fashion-mnist,synthetic,folder}]
                             [--data-dir DIR] [--model MODEL]
                             [--epochs EPOCHS] [--batch-size BATCH_SIZE]
                             [--optimizer {adam,sgd,rmsprop,adamw}] [--lr LR]
                             [--dev-fraction DEV_FRACTION] [--seed SEED]
                             [--limit LIMIT] [--device DEVICE]
                             [--lr-schedule {constant,step,cosine}]
                             [--early-stopping PATIENCE]
                             [--monitor {dev_loss,dev_accuracy}]
                             [--target-accuracy TARGET_ACCURACY]
                             [--precision {float32,mixed_float16,mixed_bfloat16}]
                             [--xla] [--steps-per-call K] [--no-checkpoints]
                             [--download] [--json [FILE]] [--tensorboard DIR]

选项：
  -h, --help            显示此帮助信息并退出
  --dataset {mnist,fashion-mnist,synthetic,folder}
                        用于训练的数据集（默认：mnist）
  --data-dir DIR        存放数据集文件的文件夹
  --model MODEL         要训练的模型：seed-cnn, seed-cnn-wide,
                        seed-cnn-narrow, seed-cnn-deep, resnet-small（默认：
                        seed-cnn）
  --epochs EPOCHS       遍历训练集的轮数（默认：5）
  --batch-size BATCH_SIZE
                        每个训练步的样本数（默认：32）
  --optimizer {adam,sgd,rmsprop,adamw}
                        优化器（默认：adam）
  --lr LR               学习率（默认：0.001）
  --dev-fraction DEV_FRACTION
                        从训练集中留作验证集的比例（默认：0.1）
  --seed SEED           随机种子（种子相同，数据划分和初始权重也相同）（默认：
                        0）
  --limit LIMIT         最多使用 N 个训练样本
  --device DEVICE       auto、cpu、gpu、gpu:N、形如 gpu:0,gpu:1 的列表、
                        all-gpus 或 multiworker（默认：auto）
  --lr-schedule {constant,step,cosine}
                        学习率调度（默认：constant）
  --early-stopping PATIENCE
                        --monitor 连续 PATIENCE 轮没有改善时停止（0 = 关闭）
                        （默认：0）
  --monitor {dev_loss,dev_accuracy}
                        提前停止所监视的指标（默认：dev_loss）
  --target-accuracy TARGET_ACCURACY
                        验证集准确率达到此值时停止
  --precision {float32,mixed_float16,mixed_bfloat16}
                        模型的数值格式（默认：float32）
  --xla                 用 XLA 编译训练步（在 CPU 上更慢）
  --steps-per-call K    每次编译调用执行的训练步数（0 = 自动，每次调用约 0.1
                        秒）（默认：0）
  --no-checkpoints      不在每轮结束时保存检查点
  --download            本地找不到时下载 MNIST/Fashion-MNIST（经 sha256 校验）
  --json [FILE]         将结果以 JSON 写入 FILE（不给 FILE 或给 -：输出到标准
                        输出）
  --tensorboard DIR     训练时把 TensorBoard 事件写入 DIR/run-<id>（用
                        `tensorboard --logdir DIR` 打开）
"""


def test_the_chinese_help_is_unchanged(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    i18n.set_language("zh_CN")
    try:
        text = train_parser().format_help()
    finally:
        i18n.set_language(None)
    assert text == CHINESE_TRAIN_HELP


def test_config_from_args_reads_every_flag():
    p = train_parser()
    assert config_from_args(p.parse_args([])) == RunConfig()
    args = p.parse_args(
        "--dataset synthetic --data-dir /d --model seed-cnn-wide --epochs 3 --batch-size 64 "
        "--optimizer sgd --lr 0.05 --dev-fraction 0.2 --seed 7 --limit 500 --device cpu "
        "--lr-schedule cosine --early-stopping 2 --monitor dev_accuracy --target-accuracy 0.9 "
        "--precision mixed_float16 --xla --steps-per-call 3 --no-checkpoints --download "
        "--json out.json".split()
    )
    assert config_from_args(args) == RunConfig(
        dataset="synthetic", data_dir="/d", model="seed-cnn-wide", epochs=3, batch_size=64,
        optimizer="sgd", learning_rate=0.05, dev_fraction=0.2, seed=7, limit=500, device="cpu",
        lr_schedule="cosine", early_stopping=2, monitor="dev_accuracy", target_accuracy=0.9,
        precision="mixed_float16", xla=True, steps_per_call=3, checkpoints=False, download=True,
    )  # fmt: skip


def test_a_command_takes_some_fields_with_its_own_words():
    p = argparse.ArgumentParser()
    add_field_argument(p, "data_dir")
    add_field_argument(p, "model", help="the student", default="seed-cnn-narrow")
    args = p.parse_args(["--data-dir", "/x"])
    assert (args.data_dir, args.model) == ("/x", "seed-cnn-narrow")
    assert "the student" in p.format_help()
