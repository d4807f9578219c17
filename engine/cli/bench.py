"""``python -m engine devices`` and ``python -m engine bench``."""

from __future__ import annotations

import sys
from typing import Any

from engine.cards.card import CARD_NOTES, card_from_dict, sealed
from engine.cli.common import SigintStop, fraction_option, int_option
from engine.cli.json_out import add_json_argument, emit_json, human_output, json_target
from engine.cli.progress import level_prefix
from engine.data.shipped import BENCHMARK_TARGET_ACCURACY
from engine.events import Callback
from engine.i18n import N_, _, ljust, rjust
from engine.i18n.message import shown, stored
from engine.i18n.vocabulary import INTERVAL_95, NOT_AVAILABLE
from engine.telemetry.gpu_advice import gpu_advice


def add_parsers(sub) -> None:
    d = sub.add_parser("devices", help=_("print this machine's inventory and one live snapshot"))
    add_json_argument(d)
    d.set_defaults(func=cmd_devices)
    b = sub.add_parser("bench", help=_("run the benchmark suite and print the score card"))
    size = b.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help=_("the quick suite (default)"))
    size.add_argument("--full", action="store_true", help=_("the full suite (longer windows)"))
    add_json_argument(b, _("write the score card as JSON to FILE (no FILE or -: standard output)"))
    b.add_argument(
        "--out", dest="json", metavar="CARD.json", help=_("deprecated: the same as --json FILE")
    )
    b.add_argument(
        "--target-accuracy",
        type=fraction_option,
        default=BENCHMARK_TARGET_ACCURACY,
        help=_("the dev accuracy time-to-accuracy waits for"),
    )
    b.add_argument(
        "--batch-size", type=int_option(1, 65536), default=32, help=_("samples per training step")
    )
    b.add_argument("--device", default="auto", help=_("the device the suite runs on"))
    b.add_argument(
        "--repeat",
        type=int_option(1, 1000),
        default=1,
        metavar="N",
        help=_(
            "run the suite N times and report the olympic mean and CV "
            "of the composite score (try 3 or 5)"
        ),
    )
    b.set_defaults(func=cmd_bench)


def _fmt(v: Any) -> str:
    if v is None:
        return _(NOT_AVAILABLE)
    if isinstance(v, float):
        if v != 0 and (abs(v) >= 1e6 or abs(v) < 1e-3):
            return f"{v:.4g}"
        return f"{v:,.4f}" if abs(v) < 100 else f"{v:,.1f}"
    return str(v)


def _pct(v) -> str:
    return _(NOT_AVAILABLE) if v is None else f"{v:.1f} %"


def cmd_devices(args) -> int:
    from engine.telemetry.gpu_notes import gpu_notes
    from engine.telemetry.inventory import inventory
    from engine.telemetry.sampler import TelemetrySampler

    sampler = TelemetrySampler()
    sampler.sample_once()  # CPU % needs two readings
    inv = inventory()
    snap = sampler.sample_once()
    advice = gpu_advice(inv)
    if args.json is not None:
        emit_json(
            args.json,
            {"inventory": inv, "snapshot": snap.to_dict(), "gpu_advice": stored(advice)},
        )
        return 0
    cpu = inv["cpu"]

    def row(label: str, text: str) -> None:
        print(ljust(label, 8) + " " + text)

    row(
        "CPU",
        _("{model} ({cores} logical cores)").format(model=cpu["model"], cores=cpu["logical_cores"]),
    )
    row("RAM", f"{inv['ram_total_bytes'] / 2**30:.1f} GiB")
    row(_("OS"), f"{inv['os']['platform']}   Python {inv['python']['version']}")
    tfi = inv.get("tensorflow") or {}
    if tfi:
        row(
            "TF",
            f"{tfi.get('version')}  Keras {tfi.get('keras_version')}  "
            f"CUDA {tfi.get('cuda_version') or '-'}  cuDNN {tfi.get('cudnn_version') or '-'}",
        )
        devs = [d["name"] for d in tfi.get("physical_devices") or []]
        row(_("Devices"), ", ".join(devs) or "-")
    if inv["nvml"]["available"]:
        row(
            _("Driver"),
            _("{driver}  CUDA driver {cuda}").format(
                driver=inv["nvml"]["driver_version"], cuda=inv["nvml"]["cuda_driver_version"]
            ),
        )
        for g in snap.gpus:
            row(
                f"GPU {g.index}",
                _(
                    "{name}: {busy} % busy, {temperature} °C, {power} W of {limit} W, "
                    "SM {clock} MHz (max {max_clock})"
                ).format(
                    name=g.name,
                    busy=_fmt(g.utilization_gpu_percent),
                    temperature=_fmt(g.temperature_c),
                    power=_fmt(g.power_w),
                    limit=_fmt(g.power_limit_w),
                    clock=_fmt(g.sm_clock_mhz),
                    max_clock=_fmt(g.sm_clock_max_mhz),
                ),
            )
            for note in gpu_notes(g):
                row("", note)
    else:
        row("GPU", shown(inv["nvml"]["notice"]))
    if advice is not None:
        row(_("Note"), shown(advice))
    h = snap.host
    row(
        _("Now"),
        _("CPU {cpu}, RAM {ram} used ({ram_gib:.1f} GiB), {freq} MHz").format(
            cpu=_pct(h.cpu_percent),
            ram=_pct(h.ram_used_percent),
            ram_gib=h.ram_used_bytes / 2**30,
            freq=_fmt(h.cpu_freq_mhz),
        ),
    )
    return 0


class _BenchPrinter(Callback):
    def on_log(self, level, message):
        print(level_prefix(level) + str(message), file=sys.stderr, flush=True)

    def on_score(self, card):
        print(
            f"    {card['name']:<32} {_fmt(card['value']):>16} {card['unit']}",
            file=sys.stderr,
            flush=True,
        )


def print_card(card: dict[str, Any]) -> None:
    print(
        "\n"
        + _("Suanli score card (suite {suite}, {created})").format(
            suite=card["suite_version"], created=card["created_utc"]
        )
    )
    value = _("value")
    print(
        ljust(_("sub-score"), 32)
        + " "
        + rjust(value, 16)
        + "  "
        + ljust(_(INTERVAL_95), 23)
        + "  "
        + _("unit")
    )
    for s in card["sub_scores"]:
        arrow = "" if s["higher_is_better"] else "  " + _("(lower is better)")
        ci = s.get("ci95")
        span = f"{_fmt(ci[0])} – {_fmt(ci[1])}" if ci else ""
        print(f"{s['name']:<32} {_fmt(s['value']):>16}  {span:<23}  {s['unit']}{arrow}")
    extra = card.get("extra", {})
    for key, label in CARD_NOTES:
        if extra.get(key):
            print(_("{label}: {text}").format(label=_(label), text=extra[key]))
    comp = extra.get("composite", {})
    reference = extra.get("reference_machine") or card.get("reference_profile")
    if card.get("suanli_score") is not None:
        ci = card.get("suanli_score_ci95")
        if ci:
            print(
                _(
                    "Suanli score: {score:.0f}, 95 % interval {low:.0f} – {high:.0f} "
                    "(1000 = {reference})"
                ).format(score=card["suanli_score"], low=ci[0], high=ci[1], reference=reference)
            )
            ref_ci = extra.get("reference_ci95")
            if ref_ci:
                print(
                    _(
                        "  (the reference machine's own suites scored {low:.0f} – {high:.0f})"
                    ).format(low=ref_ci[0], high=ref_ci[1])
                )
        else:
            print(
                _("Suanli score: {score:.1f} (1000 = the reference machine '{reference}')").format(
                    score=card["suanli_score"], reference=reference
                )
            )
        figures = card.get("interference")
        if figures:
            print(interference_line(figures))
    else:
        print(
            _("Suanli score: not available (missing {missing})").format(
                missing=", ".join(comp.get("missing", [])) or "?"
            )
        )


INTERFERENCE_WORDS = {"quiet": N_("quiet"), "disturbed": N_("disturbed")}


def interference_line(figures: dict[str, Any]) -> str:
    """'Interference: disturbed (other processes 1.22 cores on average, max 2.81; 134 of
    142 windows disturbed, 71 measured again; steal 0.1 %)'."""
    verdict = str(figures.get("verdict"))
    return _(
        "Interference: {verdict} (other processes {mean} cores on average, max {max}; "
        "{disturbed} of {windows} windows disturbed, {again} measured again; steal {steal})"
    ).format(
        verdict=_(INTERFERENCE_WORDS[verdict]) if verdict in INTERFERENCE_WORDS else verdict,
        mean=_fmt2(figures.get("other_cpu_cores_mean")),
        max=_fmt2(figures.get("other_cpu_cores_max")),
        disturbed=figures.get("windows_disturbed", 0),
        windows=figures.get("windows", 0),
        again=figures.get("remeasured", 0),
        steal=_pct(figures.get("steal_percent_mean")),
    )


def _fmt2(v: Any) -> str:
    return _(NOT_AVAILABLE) if not isinstance(v, int | float) else f"{v:.2f}"


def with_extra(card: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """``card`` with more in its ``extra``, its content hash made again."""
    checked = card_from_dict(card)
    return sealed(checked, extra={**checked.extra, **extra}).to_dict()


def cmd_bench(args) -> int:
    out = json_target(args.json)
    with human_output(args.json):
        card, stopped = _run_suite(args)
    if args.json is not None:
        written = emit_json(args.json, card, out)
        if written is not None:
            print(_("Score card written to {path}").format(path=written), file=sys.stderr)
    return stopped or 0


def _run_suite(args) -> tuple[dict[str, Any], int | None]:
    """The suite's card (run ``--repeat`` times) and, when Ctrl-C or SIGTERM stopped it,
    the exit code to give (130 or 143); what was measured is recorded either way."""
    from engine import jobs
    from engine.benchmark.suite import coefficient_of_variation, olympic_mean
    from engine.cli.notes import CliNotes
    from engine.control import RunControl

    control = RunControl()
    cards = []
    with SigintStop(control, sigterm=True) as sig:
        for i in range(max(1, args.repeat)):
            if args.repeat > 1:
                print(
                    _("--- suite run {n}/{total}").format(n=i + 1, total=args.repeat),
                    file=sys.stderr,
                )
            cards.append(
                jobs.bench(
                    [_BenchPrinter()],
                    control,
                    notes=CliNotes(),
                    quick=not args.full,
                    batch_size=args.batch_size,
                    target_accuracy=args.target_accuracy,
                    device=args.device,
                )
            )
            if sig.hit:
                break
    card = cards[-1]
    print_card(card)
    print(_("Suite wall time: {seconds:.1f} s").format(seconds=card["extra"]["suite_seconds"]))
    scores = [c["suanli_score"] for c in cards if c["suanli_score"] is not None]
    if len(cards) > 1:
        repeat: dict[str, Any] = {"runs": len(cards), "scores": scores}
        if len(scores) == len(cards):
            om, cv = olympic_mean(scores), coefficient_of_variation(scores)
            repeat.update(olympic_mean=om, cv_percent=cv)
            print(
                _(
                    "Repeatability over {runs} runs: olympic mean {mean:.1f}, CV {cv:.2f} %  "
                    "(scores: {scores})"
                ).format(
                    runs=len(scores), mean=om, cv=cv, scores=", ".join(f"{s:.1f}" for s in scores)
                )
            )
        card = with_extra(card, repeatability=repeat)
    return card, sig.exit_code if sig.hit else None
