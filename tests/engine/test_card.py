"""Score cards: JSON round trip, and strict validation with one-line errors."""

from __future__ import annotations

import json

import pytest

from engine.cards.card import (
    SCHEMA,
    CardError,
    ScoreCard,
    SubScore,
    card_from_json,
    card_to_json,
    make_card,
)
from engine.hashing import json_sha256

DATASET_SHA = "ab" * 32
FACTS = {"cpu_model": "Test CPU", "gpus": [{"name": "GPU X", "memory_total_mib": 24576}]}
ENVIRONMENT = {"facts": FACTS, "sha256": json_sha256(FACTS)}
CONFIG = {
    "dataset": "mnist",
    "model": "seed-cnn",
    "epochs": 5,
    "batch_size": 32,
    "optimizer": "adam",
    "learning_rate": 0.001,
    "limit": None,
}


def a_card(**changes) -> ScoreCard:
    kwargs = dict(
        suite_version="1",
        config=CONFIG,
        dataset_sha256=DATASET_SHA,
        environment=ENVIRONMENT,
        sub_scores=[
            SubScore(
                "train_samples_per_s", 4_000.5, "samples/s", True, (3_990.0, 4_000.5, 4_010.0)
            ),
            SubScore("train_samples_per_j", None, "samples/J", True, ()),
            {
                "name": "latency_s",
                "value": 0.25,
                "unit": "s",
                "higher_is_better": False,
                "samples": [0.25],
            },
        ],
        suanli_score=1234.5,
        reference_profile="suanli-reference-v1",
        extra={"flops": {"train_per_sample": 1_648_281.75}},
        created_utc="2026-01-02T03:04:05Z",
    )
    kwargs.update(changes)
    return make_card(**kwargs)


def doc(**changes) -> dict:
    d = a_card().to_dict()
    d.update(changes)
    return d


def test_a_card_survives_a_json_round_trip_unchanged():
    card = a_card()
    assert card_from_json(card_to_json(card)) == card
    assert card_from_json(card_to_json(card, indent=None)) == card


def test_a_card_holds_hashes_environment_and_every_sub_score():
    card = a_card()
    data = json.loads(card_to_json(card))
    assert data["schema"] == SCHEMA and data["schema_version"] == 2
    assert data["config_sha256"] == json_sha256(CONFIG)
    assert data["dataset_sha256"] == DATASET_SHA
    assert data["environment"]["sha256"] == json_sha256(FACTS)
    assert data["sub_scores"][0] == {
        "name": "train_samples_per_s",
        "value": 4000.5,
        "unit": "samples/s",
        "higher_is_better": True,
        "samples": [3990.0, 4000.5, 4010.0],
        "ci95": None,
    }
    assert card.sub_score("latency_s").higher_is_better is False
    assert card.values() == {
        "train_samples_per_s": 4000.5,
        "train_samples_per_j": None,
        "latency_s": 0.25,
    }


def test_a_config_object_with_to_dict_is_accepted():
    class Config:
        def to_dict(self):
            return dict(CONFIG)

    assert a_card(config=Config()).config == CONFIG


def test_created_utc_defaults_to_now_in_utc():
    card = a_card(created_utc=None)
    assert card.created_utc.endswith("Z")
    assert card_from_json(card_to_json(card)) == card


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"schema": "something-else"}, "schema must be"),
        ({"schema_version": 3}, "schema_version must be 1 or 2"),
        ({"schema_version": True}, "schema_version"),
        ({"suite_version": ""}, "suite_version"),
        ({"created_utc": "yesterday"}, "created_utc"),
        ({"created_utc": "2026-01-02T03:04:05+08:00"}, "created_utc"),
        ({"config": []}, "config must be an object"),
        ({"config_sha256": "0" * 64}, "config_sha256 does not match"),
        ({"config_sha256": "XYZ"}, "config_sha256 must be 64"),
        ({"dataset_sha256": "abc"}, "dataset_sha256"),
        ({"environment": {"facts": FACTS}}, "environment must be"),
        ({"environment": {"facts": FACTS, "sha256": "0" * 64}}, "environment.sha256 does not"),
        ({"sub_scores": {}}, "sub_scores must be a list"),
        ({"suanli_score": -1}, "suanli_score"),
        ({"suanli_score": "high"}, "suanli_score"),
        ({"reference_profile": 3}, "reference_profile"),
        ({"extra": None}, "extra must be an object"),
        ({"surprise": 1}, "surprise is not a score-card field"),
    ],
)
def test_a_malformed_card_is_refused_with_one_line(changes, problem):
    with pytest.raises(CardError, match=problem) as info:
        card_from_json(json.dumps(doc(**changes)))
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("field", ["config", "sub_scores", "environment", "suanli_score", "extra"])
def test_every_field_is_required(field):
    d = doc()
    del d[field]
    with pytest.raises(CardError, match=f"{field} is missing"):
        card_from_json(json.dumps(d))


def sub(**changes) -> dict:
    s = {
        "name": "x",
        "value": 1.0,
        "unit": "u",
        "higher_is_better": True,
        "samples": [1.0],
        "ci95": None,
    }
    s.update(changes)
    return s


@pytest.mark.parametrize(
    ("bad_sub", "problem"),
    [
        (sub(name=""), r"sub_scores\[0\].name"),
        (sub(value="fast"), r"sub_scores\[x\].value must be a finite number"),
        (sub(value=True), r"sub_scores\[x\].value"),
        (sub(unit=None), r"sub_scores\[x\].unit"),
        (sub(higher_is_better=1), r"sub_scores\[x\].higher_is_better"),
        (sub(samples=[1.0, "2"]), r"sub_scores\[x\].samples"),
        (sub(samples=None), r"sub_scores\[x\].samples"),
        ({"name": "x", "value": 1.0}, r"sub_scores\[0\].unit is missing"),
        (sub(weight=2), r"sub_scores\[0\].weight is not a sub-score field"),
    ],
)
def test_a_malformed_sub_score_is_refused(bad_sub, problem):
    with pytest.raises(CardError, match=problem):
        card_from_json(json.dumps(doc(sub_scores=[bad_sub])))


def test_sub_score_names_are_unique():
    with pytest.raises(CardError, match="'x' appears more than once"):
        card_from_json(json.dumps(doc(sub_scores=[sub(), sub()])))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_refused_anywhere(constant):
    text = card_to_json(a_card()).replace('"value": 4000.5', f'"value": {constant}')
    assert constant in text
    with pytest.raises(CardError, match="finite"):
        card_from_json(text)


def test_make_card_refuses_what_json_cannot_hold():
    with pytest.raises(CardError, match="JSON"):
        a_card(extra={"ratio": float("nan")})
    with pytest.raises(CardError, match="value"):
        a_card(sub_scores=[SubScore("x", float("inf"), "u")])


def test_text_that_is_not_json_is_a_card_error():
    with pytest.raises(CardError, match="not JSON.*line 1"):
        card_from_json("{not json")
    with pytest.raises(CardError, match="must be a JSON object"):
        card_from_json("[1, 2]")
