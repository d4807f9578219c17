"""The PyInstaller spec bundles every resource the app loads (no build needed).

The spec takes its ``datas``, hidden imports and excludes from ``build_spec/bundle.py``;
these tests read the code for the resources it loads and check the spec covers them.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build_spec" / "suanli.spec"
sys.path.insert(0, str(ROOT / "build_spec"))
import bundle  # noqa: E402

from engine import paths as resources  # noqa: E402

CODE_DIRS = ("engine", "gui")
# Ways the code names a file in resources/: resource_path("x"), RESOURCES / "x",
# "resources" / "x", and a literal "resources/x".
PATTERNS = [
    re.compile(r"""resource_path\(\s*["']([^"']+)["']"""),
    re.compile(r"""\bRESOURCES\s*/\s*["']([^"']+)["']"""),
    re.compile(r"""["']resources["']\s*\)?\s*/\s*["']([^"']+)["']"""),
    re.compile(r"""["']resources/([^"']+)["']"""),
]


def code_files() -> list[Path]:
    files = [p for d in CODE_DIRS for p in sorted((ROOT / d).rglob("*.py"))]
    return files + [bundle.ENTRY_SCRIPT]


def referenced_resources() -> dict[str, list[str]]:
    """Resource name -> the source files that load it."""
    found: dict[str, list[str]] = {}
    for path in code_files():
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for name in pattern.findall(text):
                found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def spec_analysis_keywords() -> dict[str, ast.expr]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Analysis":
            return {kw.arg: kw.value for kw in node.keywords}
    pytest.fail("build_spec/suanli.spec has no Analysis(...) call")


def test_the_scan_finds_the_resources_we_know_the_app_loads():
    found = referenced_resources()
    assert {"reference_profile.json", "suanli.qss", "suanli.svg"} <= set(found), found


def test_every_loaded_resource_exists_and_is_in_the_spec_datas():
    datas = {(Path(src).resolve(), dest) for src, dest in bundle.resource_datas()}
    for name, users in referenced_resources().items():
        src = (bundle.RESOURCES / name).resolve()
        assert src.is_file(), f"{users} load resources/{name}, which does not exist"
        dest = Path(bundle.RESOURCES_DEST, name).parent.as_posix()
        assert (src, dest) in datas, f"resources/{name} ({users}) is not bundled by the spec"


def test_the_spec_takes_datas_imports_and_excludes_from_bundle_py():
    kw = spec_analysis_keywords()
    expected = {"datas": "resource_datas", "hiddenimports": "hidden_imports"}
    for key, func in expected.items():
        call = kw.get(key)
        assert isinstance(call, ast.Call) and ast.unparse(call.func) == f"bundle.{func}", (
            f"the spec's Analysis({key}=...) must be bundle.{func}()"
        )
    assert ast.unparse(kw["excludes"]) == "bundle.EXCLUDES"


def test_files_the_installer_uses_are_resources():
    build_sh = (ROOT / "build_spec" / "build.sh").read_text(encoding="utf-8")
    for name in ("suanli.desktop", "suanli.svg"):
        assert (bundle.RESOURCES / name).is_file()
        assert f"resources/{name}" in build_sh
    desktop = (bundle.RESOURCES / "suanli.desktop").read_text(encoding="utf-8").splitlines()
    assert "Icon=suanli" in desktop and "Exec=suanli" in desktop


def test_resources_destination_matches_engine_resources():
    assert bundle.RESOURCES_DEST == resources.RESOURCE_DIR_NAME
    assert bundle.RESOURCES == resources.resource_dir()


def test_resource_path_from_source_and_frozen(monkeypatch, tmp_path):
    assert resources.resource_path("reference_profile.json").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("suanli.qss") == tmp_path / "resources" / "suanli.qss"


def test_hidden_imports_cover_the_cli_command_modules_and_views():
    hidden = set(bundle.hidden_imports())
    tree = ast.parse((ROOT / "engine" / "cli" / "main.py").read_text(encoding="utf-8"))
    commands = next(
        ast.literal_eval(n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.AnnAssign | ast.Assign)
        and "COMMAND_MODULES"
        in ast.unparse(n.target if isinstance(n, ast.AnnAssign) else n.targets[0])
    )
    assert set(commands) <= hidden
    assert {"engine.paths", "gui.window.qt_main_window", "gui.self_test"} <= hidden
    assert not any(name.endswith("__main__") for name in hidden)  # engine/__main__ exits


def test_nothing_the_app_imports_is_excluded():
    imported = set()
    for path in code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
                imported.update(f"{node.module}.{a.name}" for a in node.names)
    excluded = [
        name
        for name in imported
        if any(name == ex or name.startswith(ex + ".") for ex in bundle.EXCLUDES)
    ]
    assert not excluded, f"the spec excludes modules the app imports: {sorted(excluded)}"


def test_spec_and_bundle_hold_no_machine_paths():
    for path in (SPEC, ROOT / "build_spec" / "bundle.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""["'](/home|/root|/usr|/opt|/work|/tmp|[A-Za-z]:\\)""", text), path


def test_build_requirements_swap_tensorflow_for_the_flavour():
    cpu = bundle.build_requirements("cpu")
    assert any(r.startswith("tensorflow-cpu") for r in cpu)
    assert not any(re.match(r"tensorflow[<>=!~ ]", r) for r in cpu)
    assert any(r.startswith("pyinstaller") for r in cpu)
    assert any(r.startswith("tensorflow[and-cuda]") for r in bundle.build_requirements("gpu"))
