"""Score formulas (docs/scores.md) on hand-computed numbers; missing inputs give None."""

from __future__ import annotations

import json
import math

import pytest

from engine.scoring import score

# The seed CNN, Adam, batch 32 (see test_flops.py): per-sample FLOPs and float32 size.
TRAIN_PER_SAMPLE = 1_648_281.75  # 562,492 forward + 1,065,386 backward + 652,920 / 32 update
INFER_PER_SAMPLE = 562_492
MODEL_BYTES = 54_410 * 4  # 217,640


def test_article_ai_suanli_for_five_epochs_of_the_seed_cnn():
    c = score.training_flops(TRAIN_PER_SAMPLE, 54_000 * 5)
    r = score.inference_flops(INFER_PER_SAMPLE, 10_000)
    assert c == 445_036_072_500
    assert r == 5_624_920_000
    assert score.ai_suanli(c, r, MODEL_BYTES) == pytest.approx(2_070_671.717, abs=1e-3)


def test_ai_suanli_small_numbers():
    assert score.ai_suanli(300, 100, 200) == 2.0


def test_ai_suanli_per_sample_form():
    assert score.ai_suanli_per_sample(600, 3, 100, 2, 10) == (200 + 50) / 10
    c = score.training_flops(TRAIN_PER_SAMPLE, 270_000)
    r = score.inference_flops(INFER_PER_SAMPLE, 10_000)
    per_sample = score.ai_suanli_per_sample(c, 270_000, r, 10_000, MODEL_BYTES)
    assert per_sample == pytest.approx((TRAIN_PER_SAMPLE + INFER_PER_SAMPLE) / MODEL_BYTES)
    assert per_sample == pytest.approx(10.1579, abs=1e-4)


def test_training_flops_counted_from_steps_when_the_last_batch_is_short():
    # 54,000 samples at batch 32 = 1,688 steps per epoch (the last one of 16 samples).
    c = score.training_flops_from_steps(562_492 + 1_065_386, 12 * 54_410, 270_000, 5 * 1688)
    assert c == 1_627_878 * 270_000 + 652_920 * 8_440 == 445_037_704_800


def test_achieved_tflops_and_efficiency():
    assert score.achieved_tflops(3e12, 1.5) == 2.0
    assert score.efficiency_percent(2.0, 8.0) == 25.0
    assert score.samples_per_second(6_000, 1.5) == 4_000.0


def test_samples_per_joule():
    # counter differences (one that went back too): tests/engine/telemetry/test_energy_meter.py
    assert score.samples_per_joule(1_000, 250.0) == 4.0


def test_sub_score_ratio_is_above_one_when_better():
    assert score.sub_score_ratio(200, 100) == 2.0
    assert score.sub_score_ratio(50, 100, higher_is_better=False) == 2.0


def test_geometric_mean():
    assert score.geometric_mean([2, 8]) == pytest.approx(4.0)
    assert score.geometric_mean([5]) == pytest.approx(5.0)
    assert score.geometric_mean([]) is None
    assert score.geometric_mean([2, None]) is None
    assert score.geometric_mean([2, 0]) is None


@pytest.mark.parametrize(
    ("fn", "args"),
    [
        (score.training_flops, (None, 10)),
        (score.training_flops, (10, None)),
        (score.training_flops, (-1, 10)),
        (score.training_flops_from_steps, (1, 1, None, 1)),
        (score.inference_flops, (math.nan, 10)),
        (score.ai_suanli, (None, 1, 1)),
        (score.ai_suanli, (1, None, 1)),
        (score.ai_suanli, (1, 1, None)),
        (score.ai_suanli, (1, 1, 0)),
        (score.ai_suanli, (1, 1, -4)),
        (score.ai_suanli_per_sample, (1, 0, 1, 1, 1)),
        (score.ai_suanli_per_sample, (1, 1, 1, None, 1)),
        (score.achieved_tflops, (1e12, 0)),
        (score.achieved_tflops, (None, 1)),
        (score.achieved_tflops, (1e12, math.inf)),
        (score.efficiency_percent, (1, None)),
        (score.efficiency_percent, (1, 0)),
        (score.samples_per_second, (True, 1)),
        (score.samples_per_joule, (10, 0.0)),
        (score.samples_per_joule, (10, None)),
        (score.sub_score_ratio, (0, 1)),
        (score.sub_score_ratio, (1, None)),
        (score.sub_score_ratio, ("1", 1)),
    ],
)
def test_unavailable_or_impossible_inputs_give_none(fn, args):
    assert fn(*args) is None


# --------------------------------------------------------------------------- composite


def profile(**sub_scores) -> dict:
    return {"schema": score.REFERENCE_SCHEMA, "sub_scores": sub_scores}


def spec(value, higher=True, composite=True, optional=False) -> dict:
    return {
        "value": value,
        "unit": "u",
        "higher_is_better": higher,
        "in_composite": composite,
        "optional": optional,
    }


REFERENCE = profile(
    train_samples_per_s=spec(100.0),
    latency_s=spec(10.0, higher=False),
    train_samples_per_j=spec(50.0, optional=True),
    train_tflops=spec(1.0, composite=False),
)


def test_matching_the_reference_scores_1000():
    measured = {"train_samples_per_s": 100.0, "latency_s": 10.0, "train_samples_per_j": 50.0}
    assert score.suanli_score(measured, REFERENCE) == pytest.approx(1000.0)


def test_composite_is_1000_times_the_geometric_mean_of_ratios():
    # ratios: 200/100 = 2, 10/1.25 = 8 (lower is better), 200/50 = 4 -> geomean 4
    measured = {"train_samples_per_s": 200.0, "latency_s": 1.25, "train_samples_per_j": 200.0}
    detail = score.composite_detail(measured, REFERENCE)
    assert detail["score"] == pytest.approx(4000.0)
    assert detail["ratios"] == {
        "train_samples_per_s": 2.0,
        "latency_s": 8.0,
        "train_samples_per_j": 4.0,
    }
    assert detail["used"] == ["train_samples_per_s", "latency_s", "train_samples_per_j"]
    assert detail["missing"] == []


def test_an_optional_sub_score_that_is_not_available_is_left_out():
    measured = {"train_samples_per_s": 200.0, "latency_s": 1.25, "train_samples_per_j": None}
    detail = score.composite_detail(measured, REFERENCE)
    assert detail["score"] == pytest.approx(1000.0 * math.sqrt(2.0 * 8.0))
    assert detail["missing"] == ["train_samples_per_j"]


def test_a_missing_required_sub_score_makes_the_composite_unavailable():
    assert score.suanli_score({"latency_s": 1.0}, REFERENCE) is None


def test_informational_sub_scores_do_not_move_the_composite():
    base = {"train_samples_per_s": 100.0, "latency_s": 10.0, "train_samples_per_j": 50.0}
    assert score.suanli_score({**base, "train_tflops": 99.0}, REFERENCE) == pytest.approx(1000.0)


def test_a_reference_with_nothing_in_the_composite_gives_none():
    assert score.suanli_score({"x": 1.0}, profile(x=spec(1.0, composite=False))) is None


# --------------------------------------------------------------------------- shipped reference


def test_the_shipped_reference_profile_is_a_marked_placeholder_until_measured():
    ref = score.load_reference_profile()
    assert ref["name"] == "suanli-reference-v3"
    if not ref["placeholder"]:  # measured: at least 5 suites, each figure with its interval
        assert len(ref["composite"]["suite_scores"]) >= 5
        for name in ("train_samples_per_s", "inference_samples_per_s"):
            spec = ref["sub_scores"][name]
            low, high = spec["ci95"]
            assert low <= spec["value"] <= high and spec["repeat_cv_percent"] >= 0
        assert ref["machine"]["cpu_model"] and ref["machine"]["cpu_logical_cores"]
    if ref["placeholder"]:
        assert all(v is None for v in score.reference_values(ref).values())
        assert "PLACEHOLDER" in ref["note"]
        measured = {name: 1.0 for name in ref["sub_scores"]}
        assert score.suanli_score(measured, ref) is None  # not a made-up number
    composite = [n for n, s in ref["sub_scores"].items() if s["in_composite"]]
    assert composite == ["train_samples_per_s", "inference_samples_per_s", "train_samples_per_j"]


@pytest.mark.parametrize(
    ("doc", "problem"),
    [
        ({"schema": "other"}, "not a suanli.reference-profile"),
        ({"schema": score.REFERENCE_SCHEMA, "sub_scores": {}}, "non-empty"),
        (profile(a=spec(-1.0)), "sub_scores.a.value"),
        (profile(a={**spec(1.0), "in_composite": "yes"}), "sub_scores.a.in_composite"),
        (profile(a={**spec(1.0), "unit": None}), "sub_scores.a.unit"),
    ],
)
def test_a_malformed_reference_profile_is_refused_with_one_line(tmp_path, doc, problem):
    path = tmp_path / "ref.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(ValueError, match=problem) as info:
        score.load_reference_profile(path)
    assert "\n" not in str(info.value)


def test_an_unreadable_reference_profile_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="cannot be read"):
        score.load_reference_profile(tmp_path / "missing.json")
