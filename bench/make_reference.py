"""Fill ``resources/reference_profile.json`` from quick suites measured on this machine.

Runs the quick benchmark suite N times (at least 5, each in its own process, as a user
would run it), and writes for each sub-score the profile lists: the median over the
suites (``value``), the distribution-free 95 % interval of that median (``ci95``) and the
spread between suites (``repeat_cv_percent``, which widens every card's interval and every
comparison's: ``engine.scoring.intervals``); then the composite each suite scores against
the new values (``composite``: its scores, interval and spread) and this machine's facts.
This machine then scores 1000 by construction, with its own interval.

    .venv/bin/python bench/make_reference.py [--runs 5]
    .venv/bin/python bench/make_reference.py --cards A.json B.json ...

``--cards`` builds it from suites measured earlier (the JSON lists that
``bench/score_stability.py --cards`` writes), e.g. batches from different hours, so that
the spread between suites is the machine's over hours, not over five minutes; every card
must come from this suite version. ``bench/score_stability.py --write-reference`` does
the same from its quiet suites.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.benchmark.suite import SUITE_VERSION  # noqa: E402
from engine.scoring import intervals  # noqa: E402
from engine.scoring.score import (  # noqa: E402
    REFERENCE_PROFILE_PATH,
    composite_detail,
    load_reference_profile,
)

MIN_RUNS = 5
NAME = "suanli-reference-v3"
PROCESS_SECONDS: dict[str, float] = {}  # each card's process, TensorFlow's import included


def run_quick_suites(n: int, label: str = "suite") -> list[dict[str, Any]]:
    """``n`` quick suites, one process each (``python -m engine bench --quick``), in a
    throw-away results store; their cards."""
    cards = []
    with tempfile.TemporaryDirectory(prefix="suanli-reference-") as tmp:
        for i in range(n):
            out = Path(tmp) / f"card{i}.json"
            cmd = [sys.executable, "-m", "engine", "bench", "--quick", "--out", str(out)]
            t0 = time.perf_counter()
            r = subprocess.run(
                cmd,
                cwd=ROOT,
                env={**os.environ, "SUANLI_HOME": str(Path(tmp) / "home")},
                capture_output=True,
                text=True,
            )
            if r.returncode != 0:
                raise SystemExit(f"{label} {i + 1}: bench failed:\n{r.stderr[-2000:]}")
            card = json.loads(out.read_text(encoding="utf-8"))
            PROCESS_SECONDS[card["content_sha256"]] = time.perf_counter() - t0
            cards.append(card)
            print(
                f"{label} {i + 1}/{n}: score {_num(card.get('suanli_score'))}, train "
                f"{_num(value(card, 'train_samples_per_s'))} samples/s, inference "
                f"{_num(value(card, 'inference_samples_per_s'))} samples/s, "
                f"{(card.get('interference') or {}).get('verdict', '?')}, "
                f"suite {card['extra'].get('suite_seconds', 0):.1f} s",
                flush=True,
            )
    return cards


def value(card: dict[str, Any], name: str) -> float | None:
    return next((s["value"] for s in card["sub_scores"] if s["name"] == name), None)


def samples(card: dict[str, Any], name: str) -> list[float]:
    """The windows a card's sub-score was made from."""
    sub = next((s for s in card["sub_scores"] if s["name"] == name), {})
    return list(sub.get("samples") or [])


def _num(v: float | None) -> str:
    return "n/a" if v is None else f"{v:,.1f}"


def machine_facts(card: dict[str, Any]) -> dict[str, Any]:
    env = card["environment"]
    facts = env["facts"]
    gpus = facts.get("gpus") or []
    gpu = ", ".join(str(g.get("name")) for g in gpus if isinstance(g, dict)) or None
    os_facts = facts.get("os") or {}
    where = "GPU " + gpu if gpu else "CPU only, no GPU"
    return {
        "description": (
            f"{facts.get('cpu_model')} ({facts.get('cpu_logical_cores')} logical cores, "
            f"{facts.get('ram_total_gib')} GiB RAM; {where}), TensorFlow "
            f"{facts.get('tensorflow')}"
        ),
        "cpu_model": facts.get("cpu_model"),
        "cpu_logical_cores": facts.get("cpu_logical_cores"),
        "ram_total_gib": facts.get("ram_total_gib"),
        "gpu": gpu,
        "driver_version": facts.get("driver_version"),
        "os": os_facts if os_facts else platform.platform(),
        "python": facts.get("python"),
        "tensorflow": facts.get("tensorflow"),
        "numpy": facts.get("numpy"),
        "environment_sha256": env["sha256"],
    }


def write_reference(cards: list[dict[str, Any]], path: Path = REFERENCE_PROFILE_PATH) -> dict:
    """The reference profile from ``cards`` (at least :data:`MIN_RUNS`), written to ``path``."""
    if len(cards) < MIN_RUNS:
        raise SystemExit(f"a reference needs at least {MIN_RUNS} suites, got {len(cards)}")
    profile = load_reference_profile()
    for name, spec in profile["sub_scores"].items():
        values = [v for c in cards if (v := value(c, name)) is not None]
        spec["value"] = intervals.median(values)
        ci = intervals.median_ci(values)
        spec["ci95"] = None if ci is None else list(ci)
        spec["repeat_cv_percent"] = intervals.cv_percent(values)
    scores = [
        composite_detail({s["name"]: s["value"] for s in c["sub_scores"]}, profile)["score"]
        for c in cards
    ]
    scores = [s for s in scores if s is not None]
    ci = intervals.median_ci(scores)
    profile["composite"] = {
        "suite_scores": scores,
        "ci95": None if ci is None else list(ci),
        "repeat_cv_percent": intervals.cv_percent(scores),
    }
    verdicts = [(c.get("interference") or {}).get("verdict") for c in cards]
    made = sorted(str(c.get("created_utc")) for c in cards)
    profile.update(
        name=NAME,
        placeholder=False,
        note=(
            f"Measured with bench/make_reference.py: {len(cards)} quick suites, one process "
            f"each, from {made[0]} to {made[-1]}, on the machine below. value = median "
            "over the suites; ci95 = the "
            "distribution-free 95 % interval of that median; repeat_cv_percent = the spread "
            "between suites (it widens every card's and every comparison's interval). "
            f"Interference verdicts of the suites: {', '.join(map(str, verdicts))}."
        ),
        suite_version=f"{SUITE_VERSION}-quick",
        measured_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        machine=machine_facts(cards[-1]),
    )
    path.write_text(json.dumps(profile, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    load_reference_profile(path)  # it must read back
    print(f"wrote {path}")
    for name, spec in profile["sub_scores"].items():
        print(
            f"  {name:<28} {_num(spec['value']):>14} {spec['unit']:<10} ci95 {spec['ci95']} "
            f"between suites CV {_num(spec['repeat_cv_percent'])} %"
        )
    comp = profile["composite"]
    print(
        f"  composite of the suites: {', '.join(f'{s:.0f}' for s in scores)}; "
        f"ci95 {comp['ci95']}; CV {_num(comp['repeat_cv_percent'])} %"
    )
    return profile


def saved_cards(paths: list[Path]) -> list[dict[str, Any]]:
    """The cards in ``paths`` (JSON lists of cards), all of this suite version."""
    cards: list[dict[str, Any]] = []
    want = f"{SUITE_VERSION}-quick"
    for path in paths:
        try:
            got = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SystemExit(f"{path}: cannot read a list of cards ({exc})") from None
        if not isinstance(got, list) or not all(isinstance(c, dict) for c in got):
            raise SystemExit(f"{path}: not a JSON list of cards")
        for c in got:
            if c.get("suite_version") != want:
                raise SystemExit(
                    f"{path}: a card of suite {c.get('suite_version')!r}, not {want!r}: "
                    "measure it again with this version"
                )
        cards += got
    return cards


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=MIN_RUNS)
    ap.add_argument("--cards", type=Path, nargs="+", help="build it from these saved suites")
    args = ap.parse_args()
    if args.runs < MIN_RUNS:
        ap.error(f"--runs must be at least {MIN_RUNS}")
    write_reference(saved_cards(args.cards) if args.cards else run_quick_suites(args.runs))


if __name__ == "__main__":
    main()
