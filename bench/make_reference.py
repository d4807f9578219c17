"""Fill ``resources/reference_profile.json`` from measurements of this machine.

Runs the quick benchmark suite N times (default 3), takes the median of each sub-score the
profile lists, and writes the machine's facts with them. The composite Suanli score of
this machine is then about 1000 by construction; other machines score relative to it.

    .venv/bin/python bench/make_reference.py [--runs 3] [--data-dir ../shared/datasets]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from engine.benchmark.suite import SUITE_VERSION, run_suite
from engine.scoring.score import REFERENCE_PROFILE_PATH, load_reference_profile


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data-dir")
    args = ap.parse_args()
    profile = load_reference_profile()
    cards = []
    for i in range(args.runs):
        cards.append(run_suite(True, data_dir=args.data_dir))
        print(
            f"run {i + 1}/{args.runs}: train "
            f"{_value(cards[-1], 'train_samples_per_s'):,.0f} samples/s, inference "
            f"{_value(cards[-1], 'inference_samples_per_s'):,.0f} samples/s",
            flush=True,
        )
    for name, spec in profile["sub_scores"].items():
        values = [v for c in cards if (v := _value(c, name)) is not None]
        spec["value"] = statistics.median(values) if values else None
    env = cards[-1]["environment"]
    facts = env["facts"]
    profile.update(
        placeholder=False,
        note=(
            f"Measured with bench/make_reference.py: median of {args.runs} quick-suite runs "
            "on the machine below (the project's 2-core CI/development machine, CPU only)."
        ),
        suite_version=f"{SUITE_VERSION}-quick",
        measured_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        machine={
            "description": f"CPU-only {facts.get('cpu_logical_cores')}-core cloud VM, no GPU: "
            f"{facts.get('cpu_model')}, {facts.get('ram_total_gib')} GiB RAM",
            "cpu_model": facts.get("cpu_model"),
            "gpu": None,
            "driver_version": facts.get("driver_version"),
            "tensorflow": facts.get("tensorflow"),
            "environment_sha256": env["sha256"],
        },
    )
    REFERENCE_PROFILE_PATH.write_text(
        json.dumps(profile, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {REFERENCE_PROFILE_PATH}")
    for name, spec in profile["sub_scores"].items():
        print(f"  {name:<28} {spec['value']!s:>24} {spec['unit']}")


def _value(card, name):
    return next((s["value"] for s in card["sub_scores"] if s["name"] == name), None)


if __name__ == "__main__":
    main()
