"""``python -m gui --self-test`` as a user (or CI) runs it: a fresh process, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_trains_samples_telemetry_saves_a_screenshot_and_exits_0(tmp_path):
    shot = tmp_path / "window.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # it goes offscreen
    env["SUANLI_HOME"] = str(tmp_path / "home")
    proc = subprocess.run(
        [sys.executable, "-m", "gui", "--self-test", "--screenshot", str(shot)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "self-test passed" in proc.stdout
    assert "trained 4 steps through the worker" in proc.stdout
    assert "telemetry sample:" in proc.stdout
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (tmp_path / "home" / "suanli-gui.ini").exists()  # user settings untouched


def test_screenshot_without_self_test_is_a_usage_error():
    proc = subprocess.run(
        [sys.executable, "-m", "gui", "--screenshot", "x.png"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "--screenshot needs --self-test" in proc.stderr


def test_a_screenshot_path_that_cannot_be_written_is_refused_before_the_self_test(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    env = {**os.environ, "SUANLI_HOME": str(tmp_path / "home")}
    for target, words in [
        (tmp_path / "no" / "such" / "x.png", "does not exist"),
        (tmp_path / "pipe", "FIFO"),
    ]:
        proc = subprocess.run(
            [sys.executable, "-m", "gui", "--self-test", "--screenshot", str(target)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 2 and words in proc.stderr, proc.stderr
        assert "self-test" not in proc.stdout  # nothing ran


def test_the_window_command_line_speaks_the_users_language():
    def run(lang, *args):
        env = {**os.environ, "SUANLI_LANG": lang}
        return subprocess.run(
            [sys.executable, "-m", "gui", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    zh = run("zh_CN", "--help")
    assert zh.returncode == 0 and zh.stdout.startswith("用法：suanli")
    assert "在屏幕外打开窗口，训练几步" in zh.stdout
    en = run("en", "--help")
    assert en.stdout.startswith("usage: suanli") and "--self-test" in en.stdout
    bad = run("zh_CN", "--screenshot", "x.png")
    assert bad.returncode == 2
    assert (
        bad.stderr.rstrip().splitlines()[-1]
        == "suanli：错误：--screenshot 需要与 --self-test 一起使用"
    )
