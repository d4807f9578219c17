"""Which language the window speaks, and installing its translations.

The window's strings are English in the source, wrapped in ``tr()`` /
``QCoreApplication.translate()`` / ``QT_TRANSLATE_NOOP()``; ``pyside6-lupdate`` collects
them into ``resources/i18n/suanli_<lang>.ts`` and ``pyside6-lrelease`` compiles those to
the ``.qm`` files loaded here (``make translations``). The words the CLI shows too
(units, score and metric names, status words) are not in that catalog: the window shows
them with the engine's (``engine.i18n._`` of an :mod:`engine.i18n.vocabulary` word, or an
:class:`EngineWord` in a table), whose language :func:`install` sets with the window's.

The language is, first that applies: ``$SUANLI_LANG``; the ``language`` setting (the
window's QSettings); the system's (``QLocale.system()``); English. ``auto`` (or empty)
in the variable or the setting means "as the system". Only languages with a ``.qm`` file
(and English, the source) are chosen; any other falls back to English.

Call :func:`install` once the QApplication exists and before the first window is built
(widgets translate their texts when they are made); calling it again switches language
(Qt then sends every widget a ``LanguageChange`` event).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from engine import i18n as engine_i18n
from engine.i18n import ENV_VAR, normalize_language
from engine.paths import resource_dir
from gui.settings import default_settings

DEFAULT = "en"
SETTING_KEY = "language"
I18N_DIR = "i18n"  # under resources/
QM_PREFIX = "suanli_"
#: The name each language has in itself (for a language menu).
NATIVE_NAMES = {"en": "English", "zh_CN": "简体中文"}


class EngineWord(str):
    """A word of the engine's vocabulary (:mod:`engine.i18n.vocabulary`: units, score and
    metric names, status words) in a table of the window's texts: :func:`translate` looks
    it up in the engine's catalog, the table's other texts in Qt's."""

    __slots__ = ()


def translate(context: str, text: str) -> str:
    """``text`` in the window's language: an :class:`EngineWord` from the engine's catalog
    (the window set its language, see :func:`install`), any other from ``context`` of the
    window's Qt catalog."""
    if isinstance(text, EngineWord):
        return engine_i18n._(text)
    return QCoreApplication.translate(context, text)


def translator(context: str) -> Callable[[str], str]:
    """``tr`` for module-level code: texts marked with ``QT_TRANSLATE_NOOP(context, …)``
    looked up in ``context`` (a class's ``self.tr`` does the same for its own name);
    an :class:`EngineWord` in the engine's catalog."""

    def tr(text: str) -> str:
        return translate(context, text)

    return tr


# The translators in effect (kept referenced: Qt does not own them).
_installed: list[QTranslator] = []
_current: list[str] = [DEFAULT]


def translations_dir() -> Path:
    return resource_dir() / I18N_DIR


def qm_path(lang: str) -> Path:
    return translations_dir() / f"{QM_PREFIX}{lang}.qm"


def available_languages() -> dict[str, str]:
    """``{code: native name}``: English and every language with a compiled ``.qm``."""
    found = {DEFAULT: NATIVE_NAMES[DEFAULT]}
    folder = translations_dir()
    if folder.is_dir():
        for path in sorted(folder.glob(f"{QM_PREFIX}*.qm")):
            code = path.stem[len(QM_PREFIX) :]
            found[code] = NATIVE_NAMES.get(code, code)
    return found


def _system_locale_name() -> str:
    """The system's UI language as Qt sees it (e.g. ``zh-Hans-CN`` or ``en_US``)."""
    locale = QLocale.system()
    ui = locale.uiLanguages()
    return ui[0] if ui else locale.name()


def system_language() -> str:
    return _supported(normalize_language(_system_locale_name()))


def _supported(lang: str | None) -> str:
    return lang if lang and lang in available_languages() else DEFAULT


def setting_language(settings: QSettings | None) -> str | None:
    """The ``language`` setting as a code, ``None`` when unset or ``auto``."""
    if settings is None:
        return None
    value = settings.value(SETTING_KEY)
    return normalize_language(value) if isinstance(value, str) else None


def save_language_setting(settings: QSettings, lang: str | None) -> None:
    """Remember the user's choice (``None`` or ``"auto"``: follow the system)."""
    settings.setValue(SETTING_KEY, lang or "auto")
    settings.sync()


def chosen_language(settings: QSettings | None = None, environ: dict | None = None) -> str:
    """$SUANLI_LANG, else the setting, else the system's language; English if unavailable."""
    env = os.environ if environ is None else environ
    for lang in (normalize_language(env.get(ENV_VAR)), setting_language(settings)):
        if lang is not None:
            return _supported(lang)
    return system_language()


def current_language() -> str:
    return _current[0]


def install(
    app: QCoreApplication | None = None,
    lang: str | None = None,
    settings: QSettings | None = None,
) -> str:
    """Install the translators for ``lang`` into ``app``, replacing those installed
    before; returns the language now in effect. Without ``lang`` (or with ``"auto"``) the
    language is :func:`chosen_language` with ``settings``, by default the window's
    settings file (:func:`gui.settings.default_settings`).

    Also loads Qt's own translations (``qtbase_<lang>.qm``: standard buttons and dialogs)
    when Qt ships them, and makes the engine speak the same language (its messages, e.g. a
    data error, are shown in the window). A missing or unreadable ``.qm`` leaves the window
    in English.
    """
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translations")
    wanted = normalize_language(lang)
    if wanted is None and settings is None:
        settings = default_settings()
    code = _supported(wanted) if wanted else chosen_language(settings)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current[0] = DEFAULT
    engine_i18n.set_language(DEFAULT)
    if code == DEFAULT:
        return DEFAULT
    ours = QTranslator(app)
    if not ours.load(str(qm_path(code))):
        return DEFAULT
    engine_i18n.set_language(code)
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{code}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    _current[0] = code
    return code
