"""Classification report and confusion matrix (same numbers as scikit-learn's)."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.i18n import _, display_width, rjust
from engine.i18n.vocabulary import SUMMARY_ROWS


def confusion_matrix(y_true, y_pred, num_classes: int) -> np.ndarray:
    """Rows are true classes, columns predicted classes."""
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    return np.bincount(y_true * num_classes + y_pred, minlength=num_classes * num_classes).reshape(
        num_classes, num_classes
    )


def _safe_div(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    # scikit-learn's zero_division default: 0.0 where the denominator is 0
    out = np.zeros_like(num, dtype=np.float64)
    np.divide(num, den, out=out, where=den != 0)
    return out


def classification_report(y_true, y_pred, class_names) -> dict[str, Any]:
    """Per-class precision, recall, f1 and support; accuracy; micro, macro and weighted averages.

    The dict has one entry per class name, then ``"accuracy"``, ``"micro avg"``,
    ``"macro avg"`` and ``"weighted avg"``, as in ``sklearn.metrics.classification_report``
    with ``output_dict=True`` (plus the micro average the article prints).
    """
    n = len(class_names)
    cm = confusion_matrix(y_true, y_pred, n)
    tp = np.diag(cm).astype(np.float64)
    support = cm.sum(axis=1).astype(np.float64)
    predicted = cm.sum(axis=0).astype(np.float64)
    precision = _safe_div(tp, predicted)
    recall = _safe_div(tp, support)
    f1 = _safe_div(2 * precision * recall, precision + recall)
    total = support.sum()
    report: dict[str, Any] = {}
    for i, name in enumerate(class_names):
        report[str(name)] = {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1-score": float(f1[i]),
            "support": int(support[i]),
        }
    accuracy = float(tp.sum() / total) if total else 0.0
    report["accuracy"] = accuracy
    micro_p = float(tp.sum() / predicted.sum()) if predicted.sum() else 0.0
    micro_r = float(tp.sum() / total) if total else 0.0
    micro_f = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    report["micro avg"] = {
        "precision": micro_p,
        "recall": micro_r,
        "f1-score": micro_f,
        "support": int(total),
    }
    report["macro avg"] = {
        "precision": float(precision.mean()),
        "recall": float(recall.mean()),
        "f1-score": float(f1.mean()),
        "support": int(total),
    }
    w = support / total if total else support
    report["weighted avg"] = {
        "precision": float((precision * w).sum()),
        "recall": float((recall * w).sum()),
        "f1-score": float((f1 * w).sum()),
        "support": int(total),
    }
    return report


def format_report(report: dict[str, Any], digits: int = 4) -> str:
    """Render the report as a text table (the layout scikit-learn prints), its headings
    in the user's language (columns aligned by terminal width)."""
    rows = [k for k in report if k not in SUMMARY_ROWS]
    names = {k: _(v) for k, v in SUMMARY_ROWS.items()}
    heads = [_("precision"), _("recall"), _("f1-score"), _("support")]
    width = max(display_width(r) for r in [*rows, *names.values()])
    col = max(9, *(display_width(h) for h in heads))
    head = "  ".join([" " * width, *(rjust(h, col) for h in heads)])
    lines = [head, ""]

    def line(name: str, d: dict) -> str:
        return (
            f"{rjust(name, width)}  {d['precision']:>{col}.{digits}f}  "
            f"{d['recall']:>{col}.{digits}f}  {d['f1-score']:>{col}.{digits}f}  "
            f"{d['support']:>{col}d}"
        )

    lines += [line(r, report[r]) for r in rows]
    lines.append("")
    total = report["macro avg"]["support"]
    lines.append(
        f"{rjust(names['accuracy'], width)}  {'':>{col}}  {'':>{col}}  "
        f"{report['accuracy']:>{col}.{digits}f}  {total:>{col}d}"
    )
    for avg in ("micro avg", "macro avg", "weighted avg"):
        lines.append(line(names[avg], report[avg]))
    return "\n".join(lines)
