"""The compression lab's answer in one line, without a window: which variant is best for
deployment, and by how much ("TFLite int8: 4.1x smaller, 3.2x faster, accuracy −0.1 points
— best for deployment"). Texts are marked in the "QtCompressionView" translation context.

The best variant is the smallest file among those that keep the original's test accuracy
within :data:`ACCURACY_TOLERANCE` (ties: the faster one at batch 1); the original itself
when none does.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication

from gui.views.compression.variant_table import variant_name

ACCURACY_TOLERANCE = 0.005  # half a point of test accuracy
BASELINE = "keras"


def _number(row: dict[str, Any], key: str) -> float | None:
    v = row.get(key)
    return float(v) if isinstance(v, int | float) and math.isfinite(v) and v > 0 else None


def best_variant(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The row best for deployment (None without a measured original)."""
    base = next((r for r in rows if r.get("variant") == BASELINE), None)
    if base is None or _number(base, "test_accuracy") is None:
        return None
    floor = base["test_accuracy"] - ACCURACY_TOLERANCE
    fit = [
        r
        for r in rows
        if r is not base
        and _number(r, "size_bytes") is not None
        and (_number(r, "test_accuracy") or 0.0) >= floor
    ]
    if not fit:
        return base
    return min(fit, key=lambda r: (r["size_bytes"], _number(r, "latency_ms_p50") or math.inf))


def _times(ratio: float) -> str:
    return f"{ratio:.1f}x"


def verdict_text(rows: list[dict[str, Any]]) -> str:
    """One line: the best variant and how it compares with the original ("" until the
    original is measured)."""
    best = best_variant(rows)
    if best is None:
        return ""
    if best.get("variant") == BASELINE:
        return QCoreApplication.translate(
            "QtCompressionView",
            "No variant keeps the original's accuracy within {points} points: the original "
            "stays the best choice.",
        ).format(points=f"{100 * ACCURACY_TOLERANCE:g}")
    base = next(r for r in rows if r.get("variant") == BASELINE)
    parts = []
    size, base_size = _number(best, "size_bytes"), _number(base, "size_bytes")
    if size and base_size:
        parts.append(
            QCoreApplication.translate("QtCompressionView", "{ratio} smaller").format(
                ratio=_times(base_size / size)
            )
        )
    p50, base_p50 = _number(best, "latency_ms_p50"), _number(base, "latency_ms_p50")
    if p50 and base_p50:
        if p50 <= base_p50:
            parts.append(
                QCoreApplication.translate("QtCompressionView", "{ratio} faster").format(
                    ratio=_times(base_p50 / p50)
                )
            )
        else:
            parts.append(
                QCoreApplication.translate("QtCompressionView", "{ratio} slower").format(
                    ratio=_times(p50 / base_p50)
                )
            )
    change = 100 * (best["test_accuracy"] - base["test_accuracy"])
    parts.append(
        QCoreApplication.translate("QtCompressionView", "accuracy {change} points").format(
            change=f"{change:+.1f}".replace("-", "−")
        )
    )
    name = variant_name(str(best.get("variant")))
    return QCoreApplication.translate(
        "QtCompressionView", "{variant}: {facts} — best for deployment"
    ).format(
        variant=name[:1].upper() + name[1:],
        facts=QCoreApplication.translate("QtCompressionView", ", ").join(parts),
    )
