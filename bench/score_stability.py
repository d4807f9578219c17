"""How stable is the Suanli score on this machine? Prints every figure issue #18 asks for.

1. ``--runs`` (5) quick suites back to back, one process each: their composites, mean,
   CV (target <= 3 %), each card's 95 % interval and interference verdict, and whether
   the quiet mean lies inside each card's interval;
2. one quick suite while another process keeps one core busy the whole time: the card
   should say ``"disturbed"``, or its score stay within 5 % of the quiet mean;
3. the quick suite's wall time (the suite's own clock, and the process with TensorFlow's
   import), and how much the estimator matters: the spread between suites of the median
   and of the 90th percentile of the same windows (each card's samples), side by side;
4. the spread of quiet scores at different hours: every batch of (1) is appended to a
   log (``--log``), and all batches in it are printed by UTC hour with the ratio of their
   means (run the script again an hour or two later to fill it).

``--write-reference`` also writes ``resources/reference_profile.json`` from the quiet
suites of (1) (``bench/make_reference.py``'s method; at least 5 suites).

    .venv/bin/python bench/score_stability.py [--runs 5] [--no-disturbed] [--write-reference]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_reference import (  # noqa: E402
    PROCESS_SECONDS,
    ROOT,
    run_quick_suites,
    samples,
    write_reference,
)

from engine.benchmark.windows import ESTIMATE_QUANTILE  # noqa: E402
from engine.scoring import intervals  # noqa: E402

DEFAULT_LOG = Path.home() / ".cache" / "suanli" / "score_stability.jsonl"
BURNER = "import os, sys\nos.sched_setaffinity(0, {int(sys.argv[1])})\nwhile True:\n    pass\n"


def scores_of(cards: list[dict[str, Any]]) -> list[float]:
    return [c["suanli_score"] for c in cards if c.get("suanli_score") is not None]


def print_batch(cards: list[dict[str, Any]]) -> tuple[float | None, float | None]:
    scores = scores_of(cards)
    mean = sum(scores) / len(scores) if scores else None
    cv = intervals.cv_percent(scores)
    print()
    print(f"1. {len(cards)} quick suites back to back")
    for i, c in enumerate(cards, 1):
        ci = c.get("suanli_score_ci95")
        inter = c.get("interference") or {}
        inside = (
            ""
            if not ci or mean is None
            else ("  (quiet mean inside)" if ci[0] <= mean <= ci[1] else "  (quiet mean OUTSIDE)")
        )
        print(
            f"   suite {i}: {c['suanli_score']:.1f}  95 % interval "
            f"{'n/a' if not ci else f'{ci[0]:.0f} - {ci[1]:.0f}'}  {inter.get('verdict', '?')}"
            f" (others {_f(inter.get('other_cpu_cores_mean'))} cores, steal "
            f"{_f(inter.get('steal_percent_mean'))} %, CPU {_f(inter.get('cpu_freq_mhz_min'))}-"
            f"{_f(inter.get('cpu_freq_mhz_max'))} MHz, "
            f"{inter.get('windows_disturbed', '?')}/{inter.get('windows', '?')} windows "
            f"disturbed){inside}"
        )
    if mean is not None:
        print(
            f"   mean {mean:.1f}, CV {_f(cv)} % (target <= 3 %: {'met' if cv is not None and cv <= 3 else 'NOT met'})"
        )
    return mean, cv


def disturbed_suite(quiet_mean: float | None) -> None:
    core = 0
    burner = subprocess.Popen([sys.executable, "-c", BURNER, str(core)])
    try:
        time.sleep(1.0)
        (card,) = run_quick_suites(1, label="disturbed suite")
    finally:
        burner.terminate()  # our own burner, by its pid
        burner.wait(timeout=10)
    inter = card.get("interference") or {}
    score = card.get("suanli_score")
    print()
    print("2. one quick suite with another process keeping core 0 busy the whole time")
    off = None if score is None or not quiet_mean else 100 * (score / quiet_mean - 1)
    print(
        f"   score {_f(score)} ({_f(off)} % from the quiet mean), verdict "
        f"{inter.get('verdict')}, others {_f(inter.get('other_cpu_cores_mean'))} cores on "
        f"average, {inter.get('windows_disturbed')}/{inter.get('windows')} windows disturbed, "
        f"{inter.get('remeasured')} measured again"
    )
    ok = inter.get("verdict") == "disturbed" or (off is not None and abs(off) <= 5)
    print(f"   says 'disturbed' or stays within 5 %: {'yes' if ok else 'NO'}")


def wall_times(cards: list[dict[str, Any]]) -> None:
    suite = [c["extra"].get("suite_seconds") for c in cards]
    proc = [PROCESS_SECONDS.get(c.get("_was", c)["content_sha256"], float("nan")) for c in cards]
    print()
    print("3. quick suite wall time")
    print(
        f"   suite: {', '.join(f'{s:.1f}' for s in suite)} s (max {max(suite):.1f} s; target <= 60 s)"
    )
    print(f"   process, with TensorFlow's import: {', '.join(f'{s:.1f}' for s in proc)} s")
    print("   spread between suites (CV %) of each estimator over the same windows:")
    for name in ("train_samples_per_s", "inference_samples_per_s"):
        cols = []
        for q in (0.5, 0.75, ESTIMATE_QUANTILE, 0.95):
            per_suite = [intervals.quantile(samples(c.get("_was", c), name), q) for c in cards]
            cols.append(f"q{q:.2f} {_f(intervals.cv_percent(per_suite))}")
        print(f"     {name}: {', '.join(cols)}")


def hours(log: Path, cards: list[dict[str, Any]]) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    scores = scores_of(cards)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(
            json.dumps(
                {
                    "utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "host": os.uname().nodename,
                    "estimator_quantile": ESTIMATE_QUANTILE,
                    "scores": scores,
                }
            )
            + "\n"
        )
    batches = []
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            batches.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    print()
    print(f"4. quiet scores by hour (log: {log}; batches with this estimator)")
    means = []
    for b in batches:
        s = b.get("scores") or []
        if not s or b.get("estimator_quantile", 0.5) != ESTIMATE_QUANTILE:
            continue
        m = sum(s) / len(s)
        means.append(m)
        print(
            f"   {b['utc']}: n={len(s)}, mean {m:.1f}, min {min(s):.1f}, max {max(s):.1f}, "
            f"CV {_f(intervals.cv_percent(s))} %"
        )
    if len(means) >= 2:
        print(f"   highest / lowest batch mean: {max(means) / min(means):.3f}")
    else:
        print("   one batch so far: run this script again later to see another hour")


def _f(v: Any) -> str:
    return "n/a" if not isinstance(v, int | float) else f"{v:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-disturbed", action="store_true", help="skip the disturbed suite")
    ap.add_argument("--log", type=Path, default=DEFAULT_LOG)
    ap.add_argument("--write-reference", action="store_true")
    ap.add_argument(
        "--cards", type=Path, help="also write the quiet suites' cards here (JSON list)"
    )
    args = ap.parse_args()
    print(
        f"machine: {os.uname().nodename}, load average {os.getloadavg()}, {time.strftime('%H:%M UTC', time.gmtime())}"
    )
    cards = run_quick_suites(args.runs)
    if args.cards:
        args.cards.write_text(json.dumps(cards), encoding="utf-8")
    if args.write_reference:
        write_reference(cards)
        # the composites against the new reference
        from engine.cards.card import card_from_dict
        from engine.scoring.score import load_reference_profile
        from engine.store.cards import rescored

        ref = load_reference_profile()
        cards = [rescored(card_from_dict(c), ref)[0].to_dict() | {"_was": c} for c in cards]
    mean, _cv = print_batch(cards)
    if not args.no_disturbed:
        disturbed_suite(mean)
    wall_times(cards)
    hours(args.log, cards)
    print(f"\n(ran from {ROOT})")


if __name__ == "__main__":
    main()
