"""Import boundaries: no Qt in the engine, pynvml only in nvml.py, heavy imports stay lazy."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "engine"
MODULES = [
    "engine.telemetry",
    "engine.telemetry.nvml",
    "engine.telemetry.host",
    "engine.telemetry.sampler",
    "engine.telemetry.inventory",
    "engine.scoring.flops",
    "engine.scoring.score",
    "engine.cards.card",
]


def modules_after_importing(names: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ENGINE.parent,
    )
    return set(json.loads(out.stdout))


def test_importing_telemetry_and_scores_pulls_in_no_qt_tensorflow_or_nvml():
    loaded = modules_after_importing(MODULES)
    for heavy in ("PySide6", "pyqtgraph", "tensorflow", "keras", "pynvml"):
        assert heavy not in loaded, heavy


def test_only_nvml_py_imports_pynvml():
    importers = sorted(
        str(path.relative_to(ENGINE.parent))
        for path in ENGINE.rglob("*.py")
        if re.search(r"^\s*(import pynvml|from pynvml)", path.read_text(encoding="utf-8"), re.M)
    )
    assert importers == ["engine/telemetry/nvml.py"]
