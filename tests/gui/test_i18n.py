"""The window's translations: every string a gui/ module marks for translation has a
finished zh_CN translation in resources/i18n/suanli_zh_CN.ts, the committed .qm is compiled
from that .ts, the language is chosen as documented, and the help texts cover every score.

Marked strings are found by reading the code (AST), the way ``pyside6-lupdate`` finds them:
``<obj>.tr("…"[, "disambiguation"[, n]])`` and ``tr("…")`` (context: the innermost class,
else ""), ``QCoreApplication.translate("Context", "…"[, "disambiguation"[, n]])``,
``QT_TRANSLATE_NOOP("Context", "…")``, ``QT_TRANSLATE_NOOP3("Context", "…", "disamb.")``
and ``QT_TR_NOOP("…")``. A test runs lupdate itself (when installed) to keep this reading
honest, and one checks that the checker flags an untranslated string.

Every gui/ module is checked, and no text the window shows (a literal passed to a Qt
call that displays it) may bypass ``tr()``. With zh_CN installed, the window speaks Chinese.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from gui import help_texts, i18n
from tests.gui.fakes import LONG_WAIT_MS, SMALL_RUN, wait_for_tensorflow

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "gui"
TS = ROOT / "resources" / "i18n" / "suanli_zh_CN.ts"
QM = ROOT / "resources" / "i18n" / "suanli_zh_CN.qm"
ENGINE_CATALOG = ROOT / "resources" / "i18n" / "engine_zh_CN.json"
APP_CLASSES = {"QCoreApplication", "QGuiApplication", "QApplication"}
NOOPS = {"QT_TRANSLATE_NOOP": 2, "QT_TRANSLATE_NOOP3": 3, "QT_TR_NOOP": 1}
# Arguments a lookup may take (texts marked elsewhere); anything else that is not one
# literal string (an f-string, "a" + b, "…".format()) can never be in a .ts file.
LOOKUPS = (ast.Name, ast.Attribute, ast.Subscript)

Key = tuple[str, str, str | None]  # context, source, disambiguation


@dataclass(frozen=True)
class Marked:
    key: Key
    where: str


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _is_app_translate(func: ast.expr) -> bool:
    if not (isinstance(func, ast.Attribute) and func.attr == "translate"):
        return False
    owner = func.value
    name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", None)
    return name in APP_CLASSES


def extract(path: Path) -> tuple[list[Marked], list[str]]:
    """The strings ``path`` marks for translation, and problems (texts lupdate cannot see)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    marked: list[Marked] = []
    problems: list[str] = []
    rel = path.name

    def visit(node: ast.AST, classes: tuple[str, ...]) -> None:
        if isinstance(node, ast.ClassDef):
            classes = (*classes, node.name)
        if isinstance(node, ast.Call):
            handle(node, classes[-1] if classes else "")
        for child in ast.iter_child_nodes(node):
            visit(child, classes)

    def add(
        ctx: str | None, src_node: ast.AST | None, comment_node: ast.AST | None, line: int
    ) -> None:
        where = f"{rel}:{line}"
        src = _literal(src_node)
        if src is None or ctx is None:
            bad = [n for n in (src_node,) if n is not None and not isinstance(n, LOOKUPS)]
            if bad or (ctx is None and src is not None):
                problems.append(f"{where}: not a literal string, lupdate cannot see it")
            return
        comment = _literal(comment_node) or None
        marked.append(Marked((ctx, src, comment), where))

    def handle(call: ast.Call, cls: str) -> None:
        f, args = call.func, call.args
        arg = args.__getitem__
        if (isinstance(f, ast.Attribute) and f.attr == "tr") or (
            isinstance(f, ast.Name) and f.id == "tr"
        ):
            if args:
                add(cls, arg(0), arg(1) if len(args) > 1 else None, call.lineno)
        elif _is_app_translate(f) and len(args) >= 2:
            ctx = _literal(arg(0))
            if ctx is None and not isinstance(arg(0), LOOKUPS):
                problems.append(f"{rel}:{call.lineno}: the context is not a literal string")
            elif ctx is not None:
                add(ctx, arg(1), arg(2) if len(args) > 2 else None, call.lineno)
        elif isinstance(f, ast.Name) and f.id in NOOPS and len(args) >= NOOPS[f.id]:
            if f.id == "QT_TR_NOOP":
                add(cls, arg(0), None, call.lineno)
            else:
                add(
                    _literal(arg(0)),
                    arg(1),
                    arg(2) if f.id == "QT_TRANSLATE_NOOP3" else None,
                    call.lineno,
                )

    visit(tree, ())
    return marked, problems


def read_ts(path: Path) -> dict[Key, str]:
    """``{(context, source, disambiguation): state}``; state is ``finished``,
    ``unfinished``, ``empty``, ``vanished`` or ``obsolete``."""
    out: dict[Key, str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or None)
            tr = message.find("translation")
            kind = tr.get("type") if tr is not None else "unfinished"
            if tr is None:
                texts = []
            elif message.get("numerus") == "yes":
                texts = [n.text or "" for n in tr.iter("numerusform")]
            else:
                texts = [tr.text or ""]
            state = kind or ("finished" if texts and all(t.strip() for t in texts) else "empty")
            out[key] = state
    return out


def untranslated(files: list[Path], ts: Path) -> list[str]:
    """Each marked string of ``files`` without a finished translation in ``ts``."""
    catalog = read_ts(ts)
    found = []
    for path in files:
        marked, problems = extract(path)
        found += problems
        for m in marked:
            state = catalog.get(m.key, "missing from the .ts")
            if state != "finished":
                ctx, src, comment = m.key
                label = f"[{ctx}] {src!r}" + (f" ({comment})" if comment else "")
                found.append(f"{m.where}: {label}: {state}")
    return found


def gui_modules() -> list[Path]:
    return sorted(p for p in GUI.rglob("*.py") if "__pycache__" not in p.parts)


def uses_tr(path: Path) -> bool:
    marked, problems = extract(path)
    return bool(marked or problems)


def qt_tool(name: str) -> Path:
    tool = Path(sys.executable).parent / name
    if not tool.exists():
        found = shutil.which(name)
        if not found:
            pytest.skip(f"{name} is not installed")
        tool = Path(found)
    return tool


# --------------------------------------------------------------------------- the .ts


def test_every_marked_gui_string_has_a_zh_CN_translation():
    """Over every gui/ module."""
    files = gui_modules()
    assert GUI / "help_texts.py" in files and GUI / "window" / "qt_main_window.py" in files
    assert untranslated(files, TS) == [], "run `make translations`, then translate in the .ts"


def shared_sources(ts: Path, engine_catalog: Path) -> list[str]:
    """Source texts of ``ts`` that are also keys of the engine's JSON catalog."""
    keys = json.loads(engine_catalog.read_text(encoding="utf-8"))
    return sorted({src for _ctx, src, _comment in read_ts(ts)} & set(keys))


def test_the_window_and_the_engine_share_no_source_text():
    """One source of truth: a text the CLI shows too (a unit, a score or metric name, a
    status word) is the engine's (engine/i18n/vocabulary.py); the window shows it with
    ``engine.i18n._``, so the window's catalog does not hold it a second time."""
    assert shared_sources(TS, ENGINE_CATALOG) == [], (
        "show these with the engine's _() (engine.i18n.vocabulary) instead of tr()"
    )


def test_the_shared_source_check_finds_a_twin(tmp_path):
    ts = tmp_path / "x_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="zh_CN">'
        "<context><name>X</name><message><source>samples/s</source>"
        "<translation>样本/秒</translation></message>"
        "<message><source>Only the window</source><translation>仅窗口</translation>"
        "</message></context></TS>",
        encoding="utf-8",
    )
    assert shared_sources(ts, ENGINE_CATALOG) == ["samples/s"]


# Qt calls whose first argument is shown to people (a heuristic, for the wrapping phase).
SHOWN = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setPlaceholderText",
    "setTitle",
    "addTab",
    "insertTab",
    "setTabText",
    "setHeaderLabels",
    "showMessage",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QToolButton",
    "plain_label",
}


def unwrapped(path: Path) -> list[str]:
    """Literal texts with letters passed straight to a SHOWN call (not through tr())."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
        arg = (
            node.args[1]
            if name in ("addTab", "insertTab", "setTabText") and len(node.args) > 1
            else node.args[0]
        )
        text = _literal(arg)
        if name in SHOWN and text and re.search(r"[A-Za-z]{2}", text):
            out.append(f"{path.name}:{node.lineno}: {text!r}")
    return out


def test_texts_the_window_shows_are_wrapped_in_tr():
    found = [u for p in gui_modules() for u in unwrapped(p)]
    assert found == [], f"{len(found)} texts not wrapped in tr(), e.g. {found[:5]}"


def test_the_wrapping_check_finds_a_bare_label(tmp_path):
    py = tmp_path / "qt_bare.py"
    py.write_text(
        'from PySide6.QtWidgets import QLabel\nQLabel("Plain text")\n'
        'QLabel(self.tr("Wrapped"))\nQLabel("42")\n',
        encoding="utf-8",
    )
    assert unwrapped(py) == ["qt_bare.py:2: 'Plain text'"]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def read_translations(path: Path) -> list[tuple[str, str, str]]:
    """``(context, source, translation)`` of every message with a translation."""
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            text = message.findtext("translation") or ""
            if text:
                out.append((context.findtext("name") or "", message.findtext("source") or "", text))
    return out


def test_every_translation_keeps_the_fields_of_its_source():
    """The window formats the looked-up text: a renamed field would raise in the window."""
    wrong = [
        f"[{ctx}] {src!r}: {sorted(_fields(src))} vs {sorted(_fields(tr))}"
        for ctx, src, tr in read_translations(TS)
        if _fields(src) != _fields(tr)
    ]
    assert wrong == []


def test_the_fields_check_finds_a_renamed_field(tmp_path):
    ts = tmp_path / "x_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="zh_CN">'
        "<context><name>X</name><message><source>Epoch {epoch}</source>"
        "<translation>第 {epcoh} 轮</translation></message></context></TS>",
        encoding="utf-8",
    )
    [(ctx, src, tr)] = read_translations(ts)
    assert _fields(src) == {"epoch"} and _fields(tr) == {"epcoh"}


def test_the_ts_holds_no_stale_or_vanished_entries():
    used = {m.key for p in gui_modules() for m in extract(p)[0]}
    ts = read_ts(TS)
    assert [k for k, state in ts.items() if state in ("vanished", "obsolete")] == []
    assert [k for k in ts if k not in used] == []


FIXTURE_PY = """
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

NOTE = QT_TRANSLATE_NOOP("Notes", "Translated note")


class QtFixture(QWidget):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Translated title"))
        self.tr("Still unfinished")
        self.tr("Never collected")
        self.tr("Start", "verb")
        self.tr(f"Run {n}")
        QCoreApplication.translate("Notes", "Context text")
        QCoreApplication.translate("Notes", NOTE)  # a lookup: fine

    class Inner(QWidget):
        def label(self) -> str:
            return self.tr("Inner text")
"""
FIXTURE_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context><name>Notes</name>
  <message><source>Translated note</source><translation>已翻译的注释</translation></message>
  <message><source>Context text</source><translation>上下文文本</translation></message>
</context>
<context><name>QtFixture</name>
  <message><source>Translated title</source><translation>已翻译的标题</translation></message>
  <message><source>Still unfinished</source>
    <translation type="unfinished">草稿</translation></message>
  <message><source>Start</source><translation>开始</translation></message>
</context>
<context><name>Inner</name>
  <message><source>Inner text</source><translation></translation></message>
</context>
</TS>
"""


@pytest.fixture
def fixture_files(tmp_path: Path) -> tuple[Path, Path]:
    py = tmp_path / "qt_fixture.py"
    py.write_text(FIXTURE_PY, encoding="utf-8")
    ts = tmp_path / "fixture_zh_CN.ts"
    ts.write_text(FIXTURE_TS, encoding="utf-8")
    return py, ts


def test_the_checker_flags_untranslated_strings(fixture_files):
    py, ts = fixture_files
    problems = untranslated([py], ts)
    flagged = {re.sub(r"^qt_fixture\.py:\d+: ", "", p) for p in problems}
    assert flagged == {
        "[QtFixture] 'Still unfinished': unfinished",
        "[QtFixture] 'Never collected': missing from the .ts",
        "[QtFixture] 'Start' (verb): missing from the .ts",  # "Start" alone is not enough
        "not a literal string, lupdate cannot see it",  # the f-string
        "[Inner] 'Inner text': empty",
    }


def test_the_code_reading_agrees_with_lupdate(fixture_files, tmp_path):
    lupdate = qt_tool("pyside6-lupdate")
    files = [fixture_files[0], *gui_modules()]
    out = tmp_path / "check_zh_CN.ts"
    subprocess.run(
        [str(lupdate), *map(str, files), "-ts", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    # lupdate takes an f-string's text as if it were literal; at run time tr() gets the
    # formatted text, which no .ts holds, so the checker flags f-strings instead.
    f_string = ("QtFixture", "Run {n}", None)
    assert set(read_ts(out)) - {f_string} == {m.key for p in files for m in extract(p)[0]}


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path):
    lrelease = qt_tool("pyside6-lrelease")
    out = tmp_path / "fresh.qm"
    subprocess.run(
        [str(lrelease), str(TS), "-qm", str(out)], check=True, capture_output=True, timeout=120
    )
    assert QM.is_file(), "run `make translations`"
    assert QM.read_bytes() == out.read_bytes(), "the .qm is stale: run `make translations`"


# --------------------------------------------------------------------------- installing


@pytest.fixture
def english_after(qapp):
    yield qapp
    i18n.install(qapp, "en")


def test_install_switches_the_language(english_after):
    app = english_after
    assert i18n.install(app, "zh_CN") == "zh_CN" == i18n.current_language()
    assert help_texts.welcome_title() == "欢迎使用算力"
    assert help_texts.score_title("latency_b32_p99_ms") == "批大小 32 时的尾部延迟"
    assert i18n.install(app, "en") == "en"
    assert help_texts.welcome_title() == "Welcome to Suanli"


def test_a_missing_qm_means_english(english_after, monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    assert i18n.available_languages() == {"en": "English"}
    assert i18n.install(english_after, "zh_CN") == "en"
    assert help_texts.welcome_title() == "Welcome to Suanli"


def test_the_language_is_env_then_setting_then_system(settings, monkeypatch):
    monkeypatch.setattr(i18n, "_system_locale_name", lambda: "zh-Hans-CN")
    assert i18n.available_languages() == {"en": "English", "zh_CN": "简体中文"}
    assert i18n.chosen_language(settings, {}) == "zh_CN"  # the system's
    i18n.save_language_setting(settings, "en")
    assert i18n.chosen_language(settings, {}) == "en"  # the setting beats the system
    assert i18n.chosen_language(settings, {"SUANLI_LANG": "zh_CN"}) == "zh_CN"  # env wins
    i18n.save_language_setting(settings, None)
    assert settings.value("language") == "auto"
    assert i18n.chosen_language(settings, {"SUANLI_LANG": "auto"}) == "zh_CN"
    monkeypatch.setattr(i18n, "_system_locale_name", lambda: "fr_FR")
    assert i18n.chosen_language(settings, {}) == "en"  # not spoken: English
    assert i18n.chosen_language(None, {"SUANLI_LANG": "zh"}) == "zh_CN"


# --------------------------------------------------------------------------- help texts


def bench_sub_scores() -> dict[str, bool]:
    """Every sub-score engine/benchmark/suite.py emits -> lower is better ({batch} names as b32)."""
    tree = ast.parse((ROOT / "engine" / "benchmark" / "suite.py").read_text(encoding="utf-8"))
    found: dict[str, bool] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("_emit", "_emit_windows")  # the latter: higher is better
            and node.args
        ):
            first = node.args[0]
            if isinstance(first, ast.JoinedStr):
                name = "".join(
                    v.value if isinstance(v, ast.Constant) else "32" for v in first.values
                )
            else:
                name = _literal(first) or ""
            if not name:  # the helper that passes a name on
                continue
            higher = (
                node.args[3]
                if len(node.args) > 3
                else next((k.value for k in node.keywords if k.arg == "higher"), None)
            )
            found[name] = isinstance(higher, ast.Constant) and higher.value is False
    return found


def test_every_score_has_a_tooltip_with_its_formula():
    from engine.reports.compare import RUN_METRICS

    bench = bench_sub_scores()
    assert len(bench) >= 15 and "train_samples_per_s" in bench
    profile = json.loads((ROOT / "resources" / "reference_profile.json").read_text())
    names = {*bench, *profile["sub_scores"], *(m[0] for m in RUN_METRICS), "suanli_score"}
    for name in sorted(names):
        tip = help_texts.score_tooltip(name)
        assert tip is not None, f"no tooltip for {name}"
        assert "Formula: " in tip and tip.count("\n") >= 2, name
    for name, lower in bench.items():  # the tooltip agrees with the card's direction
        assert ("Lower is better." in help_texts.score_tooltip(name)) == lower, name
    assert help_texts.score_tooltip("no_such_score") is None


def test_the_welcome_explains_the_three_jobs():
    text = help_texts.welcome_text()
    assert all(f"\n{job}:" in text for job in ("Train", "Benchmark", "Compare"))
    assert "<" not in text  # plain text: the window shows it in plain labels


def test_the_window_speaks_chinese_with_zh_CN(english_after, make_window):
    """Translations are looked up when widgets are made: install zh_CN first."""
    assert i18n.install(english_after, "zh_CN") == "zh_CN"
    w = make_window()
    tabs = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert tabs == ["训练", "设备", "评估", "基准测试", "模型压缩", "历史", "对比"]
    assert w.form.start_button.text() == "开始"
    assert w.form.pause_button.text() == "暂停"
    labels = {
        w.form._form.itemAt(i).widget().text()
        for i in range(w.form._form.count())
        if isinstance(w.form._form.itemAt(i).widget(), QLabel)
    }
    assert {"数据集", "模型", "轮数", "批大小", "学习率"} <= labels
    assert w.form.dataset.itemText(0) == "MNIST（手写数字）"
    assert w.windowTitle().startswith("算力")
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["文件(&F)", "运行(&R)", "视图(&V)", "帮助(&H)"]
    tile = w.live_plots.scores.tiles["samples_per_s"]
    assert tile.toolTip() == help_texts.score_tooltip("train_samples_per_s")
    assert "公式" in tile.toolTip()


def test_the_window_is_english_by_default(make_window):
    w = make_window()
    assert w.tabs.tabText(0) == "Training" and w.form.start_button.text() == "Start"
    assert w.welcome_dialog is None  # the first-run welcome is not shown in tests


def test_the_language_menu_saves_the_setting(make_window, settings):
    w = make_window()
    assert set(w.language_actions) == {"auto", "en", "zh_CN"}
    assert w.language_actions["auto"].isChecked()
    w.language_actions["zh_CN"].trigger()
    assert settings.value("language") == "zh_CN"
    assert i18n.chosen_language(settings, {}) == "zh_CN"
    assert "next time" in w.statusBar().currentMessage()


def test_the_welcome_is_shown_once(qtbot, make_window, settings):
    from gui.settings import WELCOME_KEY

    w = make_window(welcome=True)
    qtbot.waitUntil(lambda: w.welcome_dialog is not None, timeout=5000)
    assert help_texts.welcome_title() in w.welcome_dialog.text()
    w.welcome_dialog.accept()
    qtbot.waitUntil(lambda: w.welcome_dialog is None, timeout=5000)
    assert settings.value(WELCOME_KEY, False, type=bool)
    again = make_window(welcome=True)
    qtbot.wait(100)
    assert again.welcome_dialog is None


@pytest.fixture
def suanli(qapp, qtbot, settings, english_after):
    """The app object as ``python -m gui`` makes it (windows started by hand, no welcome)."""
    from gui.qt_app import QtApp

    app = QtApp(qapp, settings, autostart=False, welcome=False)
    yield app
    w = app.window
    if w is not None:
        w.confirm_stop = lambda: True
        w.close()
        qtbot.waitUntil(lambda: not w.threads_running, timeout=LONG_WAIT_MS)
        w.close()
        w.deleteLater()


def test_choosing_chinese_shows_the_window_in_chinese_at_once(qtbot, suanli, settings):
    first = suanli.open()
    first.start()
    wait_for_tensorflow(qtbot, first)
    first.tabs.setCurrentIndex(2)
    first.form.epochs.setValue(7)
    first.language_actions["zh_CN"].trigger()
    w = suanli.window
    assert w is not first and not first.isVisible()
    assert w.tabs.tabText(0) == "训练" and w.form.start_button.text() == "开始"
    assert w.tabs.currentIndex() == 2 and w.form.epochs.value() == 7  # as it was left
    assert w.language_actions["zh_CN"].isChecked()
    assert i18n.chosen_language(settings, {}) == "zh_CN"
    qtbot.waitUntil(lambda: not first.threads_running, timeout=LONG_WAIT_MS)
    wait_for_tensorflow(qtbot, w)
    w.language_actions["en"].trigger()
    assert suanli.window is not w and suanli.window.tabs.tabText(0) == "Training"
    qtbot.waitUntil(lambda: not w.threads_running, timeout=LONG_WAIT_MS)


def test_while_a_run_trains_the_language_waits_for_the_next_start(qtbot, suanli):
    from tests.gui.test_main_window import Hold

    w = suanli.open()
    w.start()
    wait_for_tensorflow(qtbot, w)
    hold = Hold(at=1)
    w.extra_callbacks.append(hold)
    w.form.set_config(SMALL_RUN)
    w.form.start_button.click()
    qtbot.waitUntil(hold.reached.is_set, timeout=LONG_WAIT_MS)
    try:
        w.language_actions["zh_CN"].trigger()
        assert suanli.window is w and w.tabs.tabText(0) == "Training"  # the run goes on
        assert "next time" in w.statusBar().currentMessage()
    finally:
        hold.release.set()
    qtbot.waitUntil(lambda: w.worker is None, timeout=LONG_WAIT_MS)
