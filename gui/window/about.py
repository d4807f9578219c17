"""What Help ▸ About says (the versions, the device, where the data and the log are, the
MNIST credit) and Help ▸ How the scores are computed (``docs/scores.md``, shown in a
window). Its texts are in the menus' translation context (``QtAppMenus``)."""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from engine import version
from engine.data.shipped import CREDIT as MNIST_CREDIT
from engine.paths import doc_path, suanli_home

# distribution names, first found wins (module name for a frozen app without metadata)
LIBRARIES = (
    ("TensorFlow", ("tensorflow", "tensorflow-cpu"), "tensorflow"),
    ("Keras", ("keras",), "keras"),
    ("NumPy", ("numpy",), "numpy"),
    ("PySide6", ("PySide6-Essentials", "PySide6"), "PySide6"),
    ("pyqtgraph", ("pyqtgraph",), "pyqtgraph"),
)


def library_version(distributions: tuple[str, ...], module: str) -> str | None:
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    loaded = sys.modules.get(module)
    return getattr(loaded, "__version__", None)


def device_line(inventory: dict[str, Any] | None) -> str:
    """The GPUs TensorFlow trains on (else NVML's, else the CPU), from the inventory."""
    if inventory is None:
        return QCoreApplication.translate("QtAppMenus", "(TensorFlow is still loading)")
    tf = inventory.get("tensorflow") or {}
    tf_gpus = [
        d.get("description") or d.get("name", "GPU")
        for d in tf.get("physical_devices") or []
        if d.get("device_type") == "GPU"
    ]
    nvml = [g.get("name") or "GPU" for g in inventory.get("gpus") or []]
    cpu = (inventory.get("cpu") or {}).get("model") or platform.processor() or "CPU"
    if tf_gpus:
        return ", ".join(nvml or tf_gpus) + f" · CPU: {cpu}"
    if nvml:
        return QCoreApplication.translate(
            "QtAppMenus", "{gpus} (not used by TensorFlow) · training on the CPU: {cpu}"
        ).format(gpus=", ".join(nvml), cpu=cpu)
    return QCoreApplication.translate("QtAppMenus", "no GPU · training on the CPU: {cpu}").format(
        cpu=cpu
    )


def about_text(inventory: dict[str, Any] | None, log_file: Path | None = None) -> str:
    """The About box's text, plain."""
    libs = [f"Python {platform.python_version()}", f"Qt {qVersion()}"]
    for label, dists, module in LIBRARIES:
        found = library_version(dists, module)
        if found:
            libs.append(f"{label} {found}")
    lines = [
        f"Suanli (算力) {version()}",
        QCoreApplication.translate(
            "QtAppMenus",
            "Train and profile a CNN on this machine, with live plots and score cards.",
        ),
        "",
        QCoreApplication.translate("QtAppMenus", "Versions: {versions}").format(
            versions=", ".join(libs)
        ),
        QCoreApplication.translate("QtAppMenus", "Device: {device}").format(
            device=device_line(inventory)
        ),
        QCoreApplication.translate("QtAppMenus", "Data folder: {folder}").format(
            folder=suanli_home()
        ),
    ]
    if log_file is not None:
        lines.append(
            QCoreApplication.translate("QtAppMenus", "Log file: {file}").format(file=log_file)
        )
    lines += [
        "",
        MNIST_CREDIT,
        QCoreApplication.translate("QtAppMenus", "Suanli is free software under the MIT license."),
    ]
    return "\n".join(lines)


def scores_page() -> Path | None:
    """``docs/scores.md`` where this copy of Suanli has it (None when it does not)."""
    path = doc_path("scores.md")
    return path if path.is_file() else None


def show_scores_page(parent: QWidget) -> QDialog | None:
    """docs/scores.md rendered in a window (not modal); None when it is not there."""
    path = scores_page()
    if path is None:
        return None
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("QtAppMenus", "How the scores are computed"))
    dialog.resize(820, 640)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(True)
    browser.setMarkdown(path.read_text(encoding="utf-8"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.show()
    return dialog
