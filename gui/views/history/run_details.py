"""A stored run's Details and Score card tabs as (label, value) rows of plain text (no
widgets): what ran, where, and how it ended; the card's measured values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.i18n import _
from engine.i18n.formatting import fmt_duration
from engine.i18n.vocabulary import NOT_AVAILABLE, unit_text
from engine.reports.compare import fact_label
from engine.store.records import RunRecord
from gui.formatting import fact_text, one_line, when
from gui.score_names import pretty_name
from gui.theme import fmt_number
from gui.views.history.run_table import default_name, kind_text, named_text, status_text
from gui.widgets.qt_score_panel import score_items
from gui.wording import device_text, error_text, source_text

# The dataset splits in a run's info ("train 320 / dev 32 / test 30").
SPLIT_NAMES = {
    "train": QT_TRANSLATE_NOOP("QtHistoryView", "train"),
    "dev": QT_TRANSLATE_NOOP("QtHistoryView", "dev"),
    "test": QT_TRANSLATE_NOOP("QtHistoryView", "test"),
}
# The environment facts on the Details tab, in this order (labels: engine.reports.compare's).
ENV_FACTS = (
    "gpus",
    "driver_version",
    "cuda_driver_version",
    "tensorflow",
    "keras",
    "cpu_model",
    "cpu_logical_cores",
    "ram_total_gib",
    "os",
    "python",
)


def record_rows(rec: RunRecord) -> list[tuple[str, str]]:
    """The Details tab: what ran, where, and how it ended."""

    def label(text: str) -> str:
        return QCoreApplication.translate("QtHistoryView", text)

    s = rec.summary
    info = rec.info if isinstance(rec.info, dict) else {}
    rows = [
        (
            label(QT_TRANSLATE_NOOP("QtHistoryView", "Run")),
            f"{s.id} ({one_line(s.name) or default_name(s)})",
        ),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Engine run id")), one_line(s.uid)),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Kind")), kind_text(s.kind)),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Status")), status_text(s.status)),
    ]
    if s.error:
        rows.append(
            (label(QT_TRANSLATE_NOOP("QtHistoryView", "Error")), one_line(error_text(s.error), 400))
        )
    rows += [
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Started")), when(s.started_at)),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Ended")), when(s.ended_at)),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Wall time")), fmt_duration(s.wall_seconds)),
        (
            label(QT_TRANSLATE_NOOP("QtHistoryView", "Training time")),
            fmt_duration(s.train_seconds),
        ),
    ]
    if s.kind == "train" or s.steps or s.samples_seen:  # a benchmark counts no steps
        rows += [
            (label(QT_TRANSLATE_NOOP("QtHistoryView", "Steps")), f"{s.steps:,}"),
            (label(QT_TRANSLATE_NOOP("QtHistoryView", "Samples seen")), f"{s.samples_seen:,}"),
        ]
    rows += [
        (
            label(QT_TRANSLATE_NOOP("QtHistoryView", "Device")),
            one_line(device_text(info.get("device") or s.device or "–")),
        ),
        (label(QT_TRANSLATE_NOOP("QtHistoryView", "Tags")), ", ".join(s.tags) or "–"),
    ]
    model = info.get("model") if isinstance(info.get("model"), dict) else {}
    if model.get("parameters") is not None:
        rows.append(
            (
                label(QT_TRANSLATE_NOOP("QtHistoryView", "Model parameters")),
                f"{model['parameters']:,}",
            )
        )
    data = info.get("dataset") if isinstance(info.get("dataset"), dict) else {}
    if data.get("source"):
        rows.append(
            (
                label(QT_TRANSLATE_NOOP("QtHistoryView", "Data")),
                one_line(source_text(data["source"])),
            )
        )
    sizes = data.get("sizes") if isinstance(data.get("sizes"), dict) else {}
    if sizes:
        images = " / ".join(f"{named_text(SPLIT_NAMES, str(k))} {v:,}" for k, v in sizes.items())
        rows.append((label(QT_TRANSLATE_NOOP("QtHistoryView", "Images")), images))
    config = QCoreApplication.translate("QtHistoryView", "config: {key}")
    for key, value in sorted((rec.config or {}).items()):
        rows.append((config.format(key=one_line(key, 60)), one_line(value)))
    env = rec.environment if isinstance(rec.environment, dict) else {}
    facts = env.get("facts") if isinstance(env.get("facts"), dict) else {}
    for key in ENV_FACTS:
        if key in facts:
            rows.append((fact_label(key), fact_text(key, facts[key])))
    return rows


def card_rows(card: dict[str, Any]) -> list[tuple[str, str]]:
    rows = []
    for item in score_items(card):
        value = (
            _(NOT_AVAILABLE)
            if item.value is None
            else f"{fmt_number(item.value, 4)} {one_line(unit_text(item.unit), 30)}".strip()
        )
        rows.append((one_line(pretty_name(item.name), 80), value))
    return rows


# --------------------------------------------------------------------------- the view
