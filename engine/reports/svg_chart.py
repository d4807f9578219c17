"""Small line charts as inline SVG, for the HTML reports (no plotting library needed).

Every text that goes into the SVG is escaped here; numbers are formatted here. A series
is cut where a value is missing or not finite (a diverged loss leaves a gap, not a spike).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from engine.i18n import display_width

MAX_POINTS = 1500  # per series; longer series are thinned evenly (the last point is kept)
FONT = (
    "system-ui, -apple-system, Segoe UI, Noto Sans, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
)
INK, MUTED, FRAME, GRID = "#1f2933", "#52606d", "#9aa5b1", "#e4e7eb"


@dataclass(frozen=True)
class Series:
    label: str
    x: Sequence[float | int | None]
    y: Sequence[float | int | None]
    color: str = "#1f77b4"
    markers: bool = False  # a dot on each point (for per-epoch values)
    faint: bool = False  # thin and translucent (raw per-batch values)


def nice_ticks(lo: float, hi: float, count: int = 5, integer: bool = False) -> list[float]:
    """About ``count`` round tick values (1, 2, 2.5, 5 x 10^k steps) covering [lo, hi];
    whole numbers only when ``integer``."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        return [lo]
    raw = (hi - lo) / max(1, count)
    mag = 10 ** math.floor(math.log10(raw))
    steps = [m * mag for m in (1, 2, 2.5, 5, 10)]
    if integer:
        steps = [max(1, round(s)) for s in steps if s >= 1 and float(s).is_integer()] or [1]
    step = next((s for s in steps if s >= raw), steps[-1])
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    t = first
    while t <= hi + step * 1e-9:
        ticks.append(0.0 if abs(t) < step * 1e-9 else t)
        t += step
    return ticks


def fmt_tick(v: float) -> str:
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e6 or a < 1e-3:
        return f"{v:.2g}"
    if a >= 1000:
        return f"{v:,.0f}"
    return f"{v:.6g}" if a >= 1 else f"{v:.3g}"


def _points(s: Series) -> list[list[tuple[float, float]]]:
    """The series' finite points, cut into runs at missing values, thinned to MAX_POINTS."""
    pairs = list(zip(s.x, s.y, strict=False))
    if len(pairs) > MAX_POINTS:
        stride = math.ceil(len(pairs) / MAX_POINTS)
        pairs = pairs[::stride] + ([pairs[-1]] if (len(pairs) - 1) % stride else [])
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in pairs:
        ok = all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            for v in (x, y)
        )
        if ok:
            runs[-1].append((float(x), float(y)))  # type: ignore[arg-type]
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def line_chart(
    title: str,
    series: Sequence[Series],
    *,
    x_label: str = "",
    y_label: str = "",
    width: int = 640,
    height: int = 260,
    no_data: str = "no data",
) -> str:
    """An ``<svg>`` element (a string) plotting ``series`` on shared axes."""
    cut = [(s, _points(s)) for s in series]
    xs = [p[0] for _, runs in cut for r in runs for p in r]
    ys = [p[1] for _, runs in cut for r in runs for p in r]
    left, right, top, bottom = 64, 16, 44, 44
    pw, ph = width - left - right, height - top - bottom
    # Presentation attributes, not CSS: the chart looks the same wherever the SVG goes.
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" font-family="{FONT}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="16" font-size="13" font-weight="600" fill="{INK}">'
        f"{escape(title)}</text>",
        f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="{FRAME}"/>',
    ]
    if not xs:
        out.append(
            f'<text x="{left + pw / 2:.1f}" y="{top + ph / 2:.1f}" font-size="12" '
            f'fill="{MUTED}" text-anchor="middle">{escape(no_data)}</text></svg>'
        )
        return "".join(out)
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    if y1 == y0:
        pad = abs(y0) * 0.05 or 1.0
        y0, y1 = y0 - pad, y1 + pad
    else:
        pad = (y1 - y0) * 0.05
        y0, y1 = y0 - pad, y1 + pad

    def px(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * pw

    def py(y: float) -> float:
        return top + ph - (y - y0) / (y1 - y0) * ph

    tick = f'font-size="11" fill="{MUTED}"'
    for t in nice_ticks(y0, y1):
        if y0 <= t <= y1:
            y = py(t)
            out.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="{GRID}"/>'
                f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {tick}>'
                f"{escape(fmt_tick(t))}</text>"
            )
    whole = all(float(x).is_integer() for x in xs)
    for t in nice_ticks(x0, x1, 6, integer=whole):
        if x0 <= t <= x1:
            out.append(
                f'<text x="{px(t):.1f}" y="{top + ph + 16}" text-anchor="middle" {tick}>'
                f"{escape(fmt_tick(t))}</text>"
            )
    axis = f'font-size="12" fill="{MUTED}" text-anchor="middle"'
    if x_label:
        out.append(
            f'<text x="{left + pw / 2:.1f}" y="{height - 6}" {axis}>{escape(x_label)}</text>'
        )
    if y_label:
        out.append(
            f'<text x="14" y="{top + ph / 2:.1f}" {axis} '
            f'transform="rotate(-90 14 {top + ph / 2:.1f})">{escape(y_label)}</text>'
        )
    for s, runs in cut:
        color = escape(s.color)
        style = 'stroke-width="1" stroke-opacity="0.35"' if s.faint else 'stroke-width="1.8"'
        for r in runs:
            pts = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in r)
            out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" {style}/>')
            if s.markers:
                out += [
                    f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="2.5" fill="{color}"/>'
                    for x, y in r
                ]
    lx = left
    for s, runs in cut:
        if not runs:
            continue
        color = escape(s.color)
        opacity = "0.5" if s.faint else "1"
        out.append(
            f'<line x1="{lx}" y1="32" x2="{lx + 16}" y2="32" stroke="{color}" stroke-width="3" '
            f'stroke-opacity="{opacity}"/>'
            f'<text x="{lx + 20}" y="36" font-size="11" fill="{INK}">{escape(s.label)}</text>'
        )
        lx += 32 + 7 * display_width(s.label)
    out.append("</svg>")
    return "".join(out)
