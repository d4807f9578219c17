"""The lab's result as one plain-text table, with the notes that explain it."""

from __future__ import annotations

from typing import Any

COLUMNS = (
    # header, key, format
    ("variant", "variant", "s"),
    ("S bytes", "size_bytes", "int"),
    ("gzip bytes", "gzip_bytes", "int"),
    ("test acc %", "test_accuracy", "pct"),
    ("R FLOP/sample", "inference_flops_per_sample", "si"),
    ("p50 ms", "latency_ms_p50", "ms"),
    ("p99 ms", "latency_ms_p99", "ms"),
    ("samples/s @256", "throughput_samples_per_s", "int"),
    ("(C+R)/S FLOP/B", "ai_suanli", "si"),
)


def si(x: float | None, digits: int = 3) -> str:
    """``1234567`` -> ``1.23 M``; ``None`` -> ``n/a``."""
    if x is None:
        return "n/a"
    for factor, unit in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= factor:
            return f"{x / factor:.{digits}g} {unit}"
    return f"{x:.{digits}g}"


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return "n/a"
    if kind == "int":
        return f"{value:,.0f}"
    if kind == "pct":
        return f"{100 * value:.2f}"
    if kind == "ms":
        return f"{value:.3f}"
    if kind == "si":
        return si(value)
    return str(value)


def format_table(result: dict[str, Any]) -> str:
    """The variants as an aligned table, then the teacher, pruning and run notes."""
    rows = [[h for h, _, _ in COLUMNS]]
    for v in result.get("variants", []):
        rows.append([_cell(v.get(key), kind) for _, key, kind in COLUMNS])
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = []
    for j, r in enumerate(rows):
        cells = [r[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.extend(notes(result))
    return "\n".join(lines)


def notes(result: dict[str, Any]) -> list[str]:
    out = []
    cfg, info = result.get("config", {}), result.get("info", {})
    pr = result.get("pruning")
    if pr:
        out.append(
            f"pruned: {100 * pr['sparsity']:.2f} % of {pr['weights']:,} kernel weights "
            f"are zero (target {100 * pr['target_sparsity']:.0f} %); dense formats do "
            "not shrink, compare the gzip column"
        )
    d = result.get("distillation")
    if d:
        t = d["teacher"]
        out.append(
            f"distilled: {d['student']} from {t['model']} ({t['parameters']:,} parameters, "
            f"test acc {100 * t['test_accuracy']:.2f} %), T = {d['temperature']:g}, "
            f"alpha = {d['alpha']:g}: {100 * d['student_test_accuracy']:.2f} % vs "
            f"{100 * d['no_teacher_test_accuracy']:.2f} % without a teacher "
            f"({d['gain_points']:+.2f} points, {d['epochs']} epochs each, seed {cfg.get('seed')})"
        )
    if info:
        sizes = info.get("dataset", {}).get("sizes", {})
        out.append(
            f"{cfg.get('model')} on {cfg.get('dataset')} ({sizes.get('train', 0):,} train / "
            f"{sizes.get('test', 0):,} test), device {info.get('device')}, LiteRT threads "
            f"{info.get('threads')}; C = training FLOPs that made the variant, R = inference "
            f"FLOPs on the test set, S = file size"
        )
    if result.get("status") not in (None, "finished"):
        out.append(
            f"status: {result.get('status')}"
            + (f" ({result['error']})" if result.get("error") else "")
        )
    return out
