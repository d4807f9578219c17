"""Packaging: the GPU detection of `make venv`, the wheel's resources, the lock files,
the desktop entry, the AppStream metainfo and the shell completion (no build needed)."""

from __future__ import annotations

import configparser
import ctypes
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build_spec"))
import bundle  # noqa: E402
import gpu_detect  # noqa: E402

from engine import paths, version  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
    "Network", "Office", "Science", "Settings", "System", "Utility",
}  # fmt: skip


def no_nvml():
    return None


class FakeNvml:
    """libnvidia-ml as ctypes sees it: init, count, shutdown."""

    def __init__(self, count: int, init_status: int = 0) -> None:
        self.count, self.init_status = count, init_status

    def nvmlInit_v2(self) -> int:  # noqa: N802 - NVML's name
        return self.init_status

    def nvmlDeviceGetCount_v2(self, ref) -> int:  # noqa: N802
        ctypes.cast(ref, ctypes.POINTER(ctypes.c_uint)).contents.value = self.count
        return 0

    def nvmlShutdown(self) -> int:  # noqa: N802
        return 0


def fake_driver(tmp_path: Path, gpus: int) -> Path:
    driver = tmp_path / "proc" / "driver" / "nvidia"
    (driver / "gpus").mkdir(parents=True)
    (driver / "version").write_text("NVRM version: NVIDIA UNIX x86_64 Kernel Module 570.00\n")
    for i in range(gpus):
        bus = driver / "gpus" / f"0000:0{i + 1}:00.0"
        bus.mkdir()
        (bus / "information").write_text("Model: \t NVIDIA H200\n")
    return driver


def test_a_gpu_listed_by_the_driver_means_the_gpu_extra(tmp_path):
    driver = fake_driver(tmp_path, 2)
    gpu, why = gpu_detect.detect({}, driver, no_nvml, "linux")
    assert gpu and "2 GPU(s)" in why


def test_no_driver_folder_and_no_nvml_means_cpu(tmp_path):
    gpu, why = gpu_detect.detect({}, tmp_path / "absent", no_nvml, "linux")
    assert not gpu and "no NVIDIA GPU" in why
    gpu, _ = gpu_detect.detect({}, fake_driver(tmp_path, 0), no_nvml, "linux")
    assert not gpu


def test_nvml_counts_when_the_driver_folder_lists_none(tmp_path):
    assert gpu_detect.detect({}, tmp_path / "absent", lambda: FakeNvml(1), "linux")[0]
    assert not gpu_detect.detect({}, tmp_path / "absent", lambda: FakeNvml(0), "linux")[0]
    # NVML that fails to start (driver/library mismatch) counts nothing
    assert not gpu_detect.detect({}, tmp_path / "absent", lambda: FakeNvml(4, 9), "linux")[0]


def test_gpu_1_and_0_force_the_answer_and_other_systems_get_cpu(tmp_path):
    driver = fake_driver(tmp_path, 1)
    assert gpu_detect.detect({"GPU": "0"}, driver, no_nvml, "linux") == (False, "GPU=0 given")
    assert gpu_detect.detect({"GPU": "1"}, tmp_path / "x", no_nvml, "darwin")[0]
    assert not gpu_detect.detect({}, driver, no_nvml, "darwin")[0]
    gpu, why = gpu_detect.detect({"GPU": "maybe"}, driver, no_nvml, "linux")
    assert gpu and "taken as auto" in why


def test_the_gpu_extra_is_tensorflow_with_cuda_in_the_range_of_tensorflow():
    deps = PYPROJECT["project"]["dependencies"]
    tf = next(d for d in deps if d.startswith("tensorflow"))
    assert PYPROJECT["project"]["optional-dependencies"]["gpu"] == [
        "tensorflow[and-cuda]" + tf.removeprefix("tensorflow")
    ]


def test_packaging_hygiene():
    assert "setuptools>=77" in PYPROJECT["build-system"]["requires"]
    deps = {
        d.split(">")[0].split("<")[0].split("=")[0].lower(): d
        for d in PYPROJECT["project"]["dependencies"]
    }
    assert "keras" in deps
    assert "<0.15" in deps["pyqtgraph"]  # 0.x: capped below the next minor version
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["license"] == "MIT" and license_text.startswith("MIT License")


@pytest.mark.parametrize("flavor", ["cpu", "gpu"])
def test_the_lock_files_pin_every_build_requirement_with_hashes(flavor):
    assert bundle.lock_problems(flavor) == []
    text = bundle.LOCK_FILES[flavor].read_text(encoding="utf-8")
    pins = bundle.lock_pins(flavor)
    assert len(pins) > 30
    # every pinned package carries at least one sha256
    blocks = [b for b in text.split("\n") if "==" in b and not b.startswith("#")]
    assert all(b.rstrip().endswith("\\") for b in blocks), "a pin without --hash"
    assert text.count("--hash=sha256:") >= len(pins)


def test_a_lock_without_a_requirement_is_refused(tmp_path, monkeypatch):
    lock = tmp_path / "requirements-cpu.lock"
    lock.write_text("numpy==2.0.0 \\\n    --hash=sha256:00\n", encoding="utf-8")
    monkeypatch.setitem(bundle.LOCK_FILES, "cpu", lock)
    problems = bundle.lock_problems("cpu")
    assert any(p.startswith("tensorflow-cpu") and "not in" in p for p in problems)
    assert any(p.startswith("numpy>=1.26") for p in problems) is False


def test_an_installed_wheel_finds_its_resources_with_importlib(tmp_path, monkeypatch):
    """An engine inside an installed suanli/ finds suanli.resources with importlib."""
    site = tmp_path / "site-packages"
    top = site / "suanli"
    (top / "resources" / "i18n").mkdir(parents=True)
    (top / "engine").mkdir()
    (top / "__init__.py").write_text("")
    (top / "resources" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(site))
    for name in [m for m in sys.modules if m == "suanli" or m.startswith("suanli.")]:
        monkeypatch.delitem(sys.modules, name)
    assert paths.installed_resource_dir() == top / "resources"
    assert not paths.installed()  # this engine is the checkout's
    assert paths.resource_dir() == ROOT / "resources"
    monkeypatch.setattr(paths, "__file__", str(top / "engine" / "paths.py"))
    assert paths.installed()
    assert paths.resource_dir() == top / "resources"
    assert paths.resource_path("suanli.qss") == top / "resources" / "suanli.qss"


def test_setup_ships_resources_and_the_scores_page():
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert 'RESOURCES_PACKAGE = f"{TOP}.resources"' in text and 'TOP = "suanli"' in text
    assert paths.RESOURCE_PACKAGE == "suanli.resources"
    assert paths.doc_path("scores.md").is_file()
    assert "docs/scores.md" in {
        Path(s).relative_to(ROOT).as_posix() for s, _ in bundle.resource_datas() if "docs" in s
    }


def desktop_entry() -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(ROOT / "resources" / "suanli.desktop", encoding="utf-8")
    return parser


def test_the_desktop_entry_has_one_main_category_and_a_chinese_name():
    entry = desktop_entry()["Desktop Entry"]
    categories = [c for c in entry["Categories"].split(";") if c]
    assert len([c for c in categories if c in MAIN_CATEGORIES]) == 1, categories
    assert entry["Name[zh_CN]"] == "算力" and entry["Comment[zh_CN]"]
    assert entry["Exec"] == "suanli" and entry["Icon"] == "suanli"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_the_desktop_entry_validates():
    p = subprocess.run(
        ["desktop-file-validate", str(ROOT / "resources" / "suanli.desktop")],
        capture_output=True,
        text=True,
    )
    assert p.stdout.splitlines() == []


def test_the_metainfo_has_the_shape_software_centres_read():
    root = ET.parse(ROOT / "resources" / "suanli.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    one = {tag: root.findall(tag) for tag in ("id", "metadata_license", "project_license")}
    assert all(len(found) == 1 for found in one.values())
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]
    names = {
        n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text for n in root.findall("name")
    }
    assert names == {None: "Suanli", "zh-CN": "算力"}
    assert root.findtext("summary") and root.find("description/p") is not None
    launch = root.find("launchable")
    assert launch.get("type") == "desktop-id" and launch.text == "suanli.desktop"
    assert {b.text for b in root.findall("provides/binary")} == {"suanli", "suanli-engine"}
    assert root.find("releases/release").get("version") == version()
    categories = {c.text for c in root.findall("categories/category")}
    entry = desktop_entry()["Desktop Entry"]
    assert categories == {c for c in entry["Categories"].split(";") if c}


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream")
def test_the_metainfo_validates():
    p = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(ROOT / "resources" / "suanli.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    issues = [line for line in p.stdout.splitlines() if line[:2] in ("E:", "W:")]
    # the one warning: the id is the desktop file's name, not a reverse-DNS name
    assert [i for i in issues if "cid-desktopapp-is-not-rdns" not in i] == [], p.stdout


def test_shell_completion_is_generated_from_the_parsers(tmp_path):
    pytest.importorskip("shtab")
    p = subprocess.run(
        [sys.executable, str(ROOT / "build_spec" / "completions.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    bash_file = tmp_path / "bash" / "suanli-engine"
    assert (tmp_path / "zsh" / "_suanli-engine").is_file() and (
        tmp_path / "bash" / "suanli"
    ).is_file()
    script = f"""
source {bash_file}
fn=$(complete -p suanli-engine | sed -E 's/.* -F ([^ ]+) .*/\\1/')
COMP_WORDS=(suanli-engine tr); COMP_CWORD=1; COMP_LINE="suanli-engine tr"; COMP_POINT=16
$fn; echo "${{COMPREPLY[@]}}"
COMP_WORDS=(suanli-engine train --opt); COMP_CWORD=2; COMP_LINE="suanli-engine train --opt"
COMP_POINT=25; $fn; echo "${{COMPREPLY[@]}}"
"""
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["train"], out.stderr
    assert lines[1].split() == ["--optimizer"], out.stderr


def test_the_installed_layout_imports_engine_and_gui_from_inside_suanli(tmp_path):
    """As a wheel installs it (suanli/engine, suanli/gui): importing suanli makes `engine`
    Suanli's own, even where another distribution has a top-level `engine`."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "build_spec" / "wheel" / "suanli", site / "suanli")
    for name in ("engine", "gui"):
        shutil.copytree(
            ROOT / name, site / "suanli" / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copytree(ROOT / "resources", site / "suanli" / "resources")
    other = tmp_path / "other"
    (other / "engine").mkdir(parents=True)
    (other / "engine" / "__init__.py").write_text("OTHER = True\n")
    code = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
        "import suanli, engine, engine.paths as p, engine.cli.main as m, gui.theme\n"
        "assert not hasattr(engine, 'OTHER')\n"
        "print(engine.__file__); print(p.resource_dir()); print(gui.theme.__file__)\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code, str(other), str(site)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SUANLI_LANG": "en", "HOME": str(tmp_path)},
    )
    assert p.returncode == 0, p.stderr
    engine_file, resources, theme_file = p.stdout.splitlines()
    assert engine_file == str(site / "suanli" / "engine" / "__init__.py")
    assert resources == str(site / "suanli" / "resources")
    assert theme_file == str(site / "suanli" / "gui" / "theme.py")
