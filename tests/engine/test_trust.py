"""Scores you can trust: the estimator and its intervals on synthetic samples of known
spread, verdicts (identical cards are within noise, x1.5 is better), the content hash
(an edited card is refused, exit 2, nothing stored), version-1 cards, the JSON Schema."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from engine.cards.card import SubScore, card_from_dict, card_to_json, make_card
from engine.hashing import json_sha256
from engine.reports.compare import compare, format_comparison, item_from_card
from engine.reports.comparison_report import comparison_html
from engine.scoring import intervals
from engine.scoring.score import composite_with_ci
from engine.store.cards import rescored

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "card.schema.json").read_text(encoding="utf-8"))
FACTS = {"cpu_model": "Test CPU", "gpus": [], "tensorflow": "2.99"}
ENV = {"facts": FACTS, "sha256": json_sha256(FACTS)}


# --------------------------------------------------------------------------- estimator


def test_the_median_interval_covers_the_true_median_at_least_95_percent_of_the_time():
    rng = np.random.default_rng(1)
    for n in (8, 20, 40):
        hits = 0
        for _trial in range(2000):
            x = rng.lognormal(mean=math.log(1000), sigma=0.1, size=n)  # true median 1000
            lo, hi = intervals.median_ci(x)
            hits += lo <= 1000 <= hi
        assert hits / 2000 >= 0.94, (n, hits)
        assert intervals.interval_coverage(n) >= 0.95


def test_the_interval_narrows_with_more_windows_and_scales_with_the_spread():
    rng = np.random.default_rng(2)
    widths = {}
    for n, sd in ((10, 10.0), (200, 10.0), (200, 40.0)):
        x = rng.normal(1000, sd, size=n)
        lo, hi = intervals.median_ci(x)
        assert lo <= intervals.median(x) <= hi
        widths[n, sd] = hi - lo
    assert widths[200, 10.0] < widths[10, 10.0]
    assert 2.5 < widths[200, 40.0] / widths[200, 10.0] < 6


def test_too_few_windows_give_min_max_with_their_true_coverage():
    assert intervals.median_ci([3.0, 1.0, 2.0, 5.0, 4.0]) == (1.0, 5.0)
    assert intervals.interval_coverage(5) == pytest.approx(1 - 2 * 0.5**5)
    assert intervals.median_ci([1.0]) is None
    assert intervals.median([]) is None
    assert intervals.median([1.0, float("nan"), 3.0]) == 2.0


def test_the_p90_estimate_and_its_interval_hold_the_true_p90():
    rng = np.random.default_rng(4)
    true_p90 = 1000 + 50 * 1.2815515655446004  # normal(1000, 50)
    for n in (60, 100, 300):
        hits = 0
        for _trial in range(1000):
            x = rng.normal(1000, 50, size=n)
            assert intervals.quantile(x, 0.9) == pytest.approx(np.percentile(x, 90))
            lo, hi = intervals.quantile_ci(x, 0.9)
            hits += lo <= true_p90 <= hi
        assert hits / 1000 >= 0.94, (n, hits)
    # the exact ranks: 100 windows -> x(84) .. x(96), 1-based
    assert intervals.quantile_ranks(100, 0.9) == (83, 95)
    # too few windows for 95 % above the 90th percentile: clipped to the largest
    assert intervals.quantile_ranks(10, 0.9)[1] == 9
    assert intervals.quantile([], 0.9) is None and intervals.quantile([7.0], 0.9) == 7.0


def test_the_median_interval_works_for_thousands_of_samples():
    x = list(range(5000))  # 2.0 ** 5000 overflowed the old binomial sum
    lo, hi = intervals.median_ci(x)
    assert 2400 < lo < 2500 < hi < 2600


def test_a_high_quantile_interval_holds_the_true_quantile():
    rng = np.random.default_rng(3)
    hits = 0
    true_p99 = np.exp(2.3263478740408408)  # lognormal(0, 1)
    for _trial in range(500):
        lo, hi = intervals.quantile_ci(rng.lognormal(0, 1, size=1000), 0.99)
        hits += lo <= true_p99 <= hi
    assert hits / 500 >= 0.9


def test_the_composite_interval_is_propagated_in_log_space():
    ref = {
        "sub_scores": {
            "a": {"value": 100.0, "higher_is_better": True, "in_composite": True, "unit": "u"},
            "b": {"value": 10.0, "higher_is_better": False, "in_composite": True, "unit": "s"},
        }
    }
    d = composite_with_ci({"a": (200.0, (180.0, 220.0)), "b": (5.0, (4.5, 5.5))}, ref)
    assert d["score"] == pytest.approx(2000.0)
    down = math.hypot(math.log(200 / 180), math.log(5 / 4.5)) / 2
    up = math.hypot(math.log(220 / 200), math.log(5.5 / 5)) / 2
    assert d["ci95"] == pytest.approx([2000 * math.exp(-down), 2000 * math.exp(up)])
    ref["sub_scores"]["a"]["repeat_cv_percent"] = 10.0  # the between-suite floor widens it
    wider = composite_with_ci({"a": (200.0, (180.0, 220.0)), "b": (5.0, (4.5, 5.5))}, ref)
    assert wider["ci95"][0] < d["ci95"][0] and wider["ci95"][1] > d["ci95"][1]


def test_the_composite_is_widened_by_the_references_own_composite_spread():
    """Sub-scores that slow down together (a shared host) move the composite as much as
    each of them: the reference's composite spread, not the sub-scores' floors divided by
    k, sets the composite's floor."""
    ref = {
        "sub_scores": {
            n: {"value": 100.0, "in_composite": True, "unit": "u", "repeat_cv_percent": 10.0}
            for n in ("a", "b")
        },
        "composite": {"repeat_cv_percent": 10.0},
    }
    d = composite_with_ci({"a": (100.0, (99.0, 101.0)), "b": (100.0, (99.0, 101.0))}, ref)
    windows_only = math.log(100 / 99) * math.sqrt(2) / 2
    down = math.hypot(windows_only, intervals.Z95 * 0.10)
    assert d["ci95"][0] == pytest.approx(1000 * math.exp(-down))
    del ref["composite"]  # without it: each sub-score's floor, as if independent
    old = composite_with_ci({"a": (100.0, (99.0, 101.0)), "b": (100.0, (99.0, 101.0))}, ref)
    assert old["ci95"][0] > d["ci95"][0]


# --------------------------------------------------------------------------- verdicts


def windows(center: float, n: int, seed: int, spread: float = 0.03) -> list[float]:
    return list(np.random.default_rng(seed).normal(center, center * spread, size=n))


def timed(name: str, samples: list[float], higher: bool = True, unit: str = "samples/s"):
    return SubScore(
        name,
        intervals.median(samples),
        unit,
        higher,
        tuple(samples),
        intervals.median_ci(samples),
    )


def quiet_reference() -> dict:
    """The shipped reference without its measured between-suite spread (the verdict tests
    do not depend on how noisy the reference machine was)."""
    from engine.scoring.score import load_reference_profile

    ref = load_reference_profile()
    for spec in ref["sub_scores"].values():
        spec.pop("repeat_cv_percent", None)
    return ref


def a_card(scale: float = 1.0, seed: int = 0):
    """A realistic v2 card; ``scale`` multiplies every throughput (divides latencies)."""
    card = make_card(
        suite_version="2.0-quick",
        config={"suite": "quick", "batch_size": 32},
        dataset_sha256="ab" * 32,
        environment=ENV,
        sub_scores=[
            timed("train_samples_per_s", [x * scale for x in windows(6000, 20, seed)]),
            timed("inference_samples_per_s", [x * scale for x in windows(50000, 10, seed + 1)]),
            timed(
                "latency_b1_p50_ms",
                [x / scale for x in windows(0.8, 40, seed + 2)],
                False,
                "ms",
            ),
            SubScore("train_samples_per_j", None, "samples/J"),
        ],
        interference={"verdict": "quiet", "windows": 30},
        created_utc="2026-12-01T00:00:00Z",
    )
    return rescored(card, quiet_reference())[0]


# The verdict tests do not depend on the shipped reference's measured between-suite spread.
NO_FLOOR: dict[str, float] = {}


def test_a_card_compared_with_itself_is_within_noise_everywhere():
    card = a_card()
    cmp = compare([item_from_card("a", card), item_from_card("b", card)], NO_FLOOR)
    for row in cmp.rows:
        if row["values"][0] is None:
            assert row["verdicts"] == [None, None]
            continue
        assert row["verdicts"] == ["within noise", "within noise"], row["name"]
        assert row["ratio_ci95"][1][0] < 1 < row["ratio_ci95"][1][1]
    assert "no clear difference" in "\n".join(cmp.sentences())


def test_every_throughput_times_1_5_is_better_with_a_sentence_that_says_how_much():
    cmp = compare(
        [item_from_card("a", a_card()), item_from_card("b", a_card(1.5, seed=7))], NO_FLOOR
    )
    by = {r["name"]: r for r in cmp.rows}
    for name in ("train_samples_per_s", "inference_samples_per_s", "latency_b1_p50_ms"):
        assert by[name]["verdicts"][1] == "better", name
    assert by["suanli_score"]["verdicts"][1] == "better"
    assert by["train_samples_per_j"]["verdicts"] == [None, None]
    lo, hi = by["train_samples_per_s"]["ratio_ci95"][1]
    assert lo < by["train_samples_per_s"]["ratios"][1] < hi
    text = "\n".join(cmp.sentences())
    assert "[2] trains" in text and "% faster than [1]" in text and "±" in text
    data = json.loads(json.dumps(cmp.to_dict()))
    assert data["sub_scores"][0]["verdicts"][1] in ("better", "worse", "within noise")
    out = format_comparison(cmp)
    assert "Verdicts:" in out and " +" in out
    assert "[2] trains" in comparison_html(cmp)


def test_the_other_way_round_is_worse_and_a_small_gap_under_a_wide_floor_is_noise():
    cmp = compare(
        [item_from_card("a", a_card(1.5, seed=7)), item_from_card("b", a_card())], NO_FLOOR
    )
    assert {r["name"]: r for r in cmp.rows}["train_samples_per_s"]["verdicts"][1] == "worse"
    floors = {"train_samples_per_s": 0.13, "inference_samples_per_s": 0.13, "suanli_score": 0.13}
    near = compare(
        [item_from_card("a", a_card()), item_from_card("b", a_card(1.1, seed=9))], floors
    )
    assert {r["name"]: r for r in near.rows}["train_samples_per_s"]["verdicts"][1] == (
        "within noise"
    )


# --------------------------------------------------------------------------- integrity


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        env={**os.environ, "SUANLI_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def edited(doc: dict, path: Path) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_card_with_one_figure_changed_is_refused_exit_2_and_nothing_is_stored(tmp_path):
    doc = a_card().to_dict()
    doc["sub_scores"][0]["samples"][0] *= 2  # one window doubled by hand
    bad = edited(doc, tmp_path / "edited.json")
    r = cli("import", str(bad), home=tmp_path / "home")
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "content_sha256 does not match" in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    listed = cli("cards", "list", "--json", home=tmp_path / "home")
    assert json.loads(listed.stdout) == []


def test_a_doubled_figure_with_its_hash_made_again_is_still_refused(tmp_path):
    from engine.cards.card import content_sha256

    doc = a_card().to_dict()
    doc["sub_scores"][0]["value"] *= 2
    doc["sub_scores"][0]["ci95"] = [x * 2 for x in doc["sub_scores"][0]["ci95"]]
    doc["content_sha256"] = content_sha256(doc)
    with pytest.raises(ValueError, match="outside its own samples"):
        card_from_dict(doc)


def test_import_recomputes_the_composite_and_never_trusts_the_stored_one(tmp_path):
    from engine.cards.card import content_sha256

    doc = a_card().to_dict()
    honest = doc["suanli_score"]
    doc["suanli_score"] = honest * 3
    doc["suanli_score_ci95"] = [honest * 2.9, honest * 3.1]
    doc["content_sha256"] = content_sha256(doc)
    home = tmp_path / "home"
    r = cli("import", str(edited(doc, tmp_path / "inflated.json")), home=home)
    assert r.returncode == 0 and "score recomputed" in r.stdout, r.stdout + r.stderr
    (row,) = json.loads(cli("cards", "list", "--json", home=home).stdout)
    assert row["score"] == pytest.approx(honest)


def v1_card() -> dict:
    """A version-1 card as Suanli wrote them before intervals."""
    doc = a_card().to_dict()
    doc["schema_version"] = 1
    for key in ("suanli_score_ci95", "interference", "content_sha256"):
        del doc[key]
    for sub in doc["sub_scores"]:
        del sub["ci95"]
    return doc


def test_a_version_1_card_still_imports_and_is_shown_as_no_uncertainty(tmp_path):
    home = tmp_path / "home"
    path = edited(v1_card(), tmp_path / "old.json")
    r = cli("import", str(path), home=home)
    assert r.returncode == 0, r.stderr
    card = card_from_dict(v1_card())
    assert not card.has_uncertainty and card.suanli_score_ci95 is None
    assert "content_sha256" not in card.to_dict()
    r = cli("compare", str(path), str(edited(a_card().to_dict(), tmp_path / "new.json")), home=home)
    assert r.returncode == 0, r.stderr
    assert "no uncertainty: [1]" in r.stdout


# --------------------------------------------------------------------------- schema


def test_the_published_schema_accepts_a_card_and_refuses_what_the_reader_refuses():
    doc = json.loads(card_to_json(a_card()))
    jsonschema.validate(doc, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**doc, "schema_version": 1}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**doc, "surprise": 1}, SCHEMA)
    bad = json.loads(json.dumps(doc))
    bad["sub_scores"][0]["ci95"] = [1.0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


# --------------------------------------------------------------------------- telemetry


def test_telemetry_imports_without_tensorflow():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('tensorflow', 'keras'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import engine.telemetry, engine.telemetry.sampler, engine.telemetry.inventory\n"
        "from engine.telemetry import TelemetrySampler\n"
        "snap = TelemetrySampler().sample_once()\n"
        "assert snap.host is not None\n"
        "assert 'tensorflow' not in sys.modules\n"
        "print('ok')\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_bench_repeat_figures_are_added_with_the_hash_made_again():
    from engine.cli.bench import with_extra

    card = a_card().to_dict()
    again = with_extra(card, repeatability={"runs": 2, "scores": [1.0, 2.0]})
    checked = card_from_dict(again)  # the content hash matches the new content
    assert checked.extra["repeatability"]["runs"] == 2
    assert again["content_sha256"] != card["content_sha256"]


def test_a_comparison_says_what_1000_means():
    cmp = compare([item_from_card("a", a_card()), item_from_card("b", a_card())], NO_FLOOR)
    data = cmp.to_dict()
    assert set(data["reference"]) == {"name", "machine", "composite_ci95"}
    assert data["uncertainty"] == [True, True]
    if data["reference"]["machine"]:
        assert "Suanli score 1000 = " in format_comparison(cmp)


def test_a_machine_several_times_as_fast_is_said_as_a_multiple():
    cmp = compare(
        [item_from_card("a", a_card()), item_from_card("b", a_card(3.0, seed=5))], NO_FLOOR
    )
    text = "\n".join(cmp.sentences())
    assert "[2] trains 3.0× as fast as [1] (95 % interval" in text, text


def test_a_card_made_with_whole_numbers_reads_back_with_its_hash_intact():
    # ints become floats when a card is read: the hash is taken over what is read back
    card = make_card(
        suite_version="2",
        config={"batch_size": 32},
        dataset_sha256="ab" * 32,
        environment={"facts": {}, "sha256": json_sha256({})},
        sub_scores=[SubScore("train_samples_per_s", 3000, "samples/s", True, (2990, 3010))],
        suanli_score=750,
        suanli_score_ci95=(700, 800),
    )
    again = card_from_dict(json.loads(card_to_json(card)))
    assert again.content_sha256 == card.content_sha256
    assert again.sub_scores[0].value == 3000.0
