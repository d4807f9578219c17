"""Translations for the command line, without Qt: ``_("English text")`` in the user's language.

Messages are English in the source (gettext style) and looked up in a plain JSON catalog,
``resources/i18n/engine_<lang>.json`` = ``{"English text": "translation", ...}``; a text
missing from the catalog stays English. Texts with values are ``str.format`` templates with
named fields, formatted after the lookup::

    print(_("Result written to {path}").format(path=out))

so the translation may move the fields (it must keep their names; a test checks that).

The language is ``$SUANLI_LANG`` (``en``, ``zh_CN``; ``auto`` or empty = as the system),
else the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set: ``zh…`` gives
``zh_CN``, anything else English. It is read once, on the first lookup
(:func:`set_language` changes it, e.g. in tests). :func:`N_` marks a text for the catalog
without translating it (for constants; translate with ``_()`` where it is shown); the words
both the CLI and the window show are marked once, in :mod:`engine.i18n.vocabulary`.

What the engine says with values it keeps or stores (a stop reason, a data source, a
ConfigError's "allowed" part) is a :class:`engine.i18n.message.Message`, said in the
current language where it is shown. ``engine.i18n.argparse_support`` has an ``argparse``
parser that says its own words in this language too.
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from engine.paths import resource_path

log = logging.getLogger(__name__)

ENV_VAR = "SUANLI_LANG"
DEFAULT = "en"
#: Languages the CLI speaks: code -> the language's own name.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
#: The catalog of each language but English (whose texts are the source).
CATALOGS = {"zh_CN": resource_path("i18n/engine_zh_CN.json")}
_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")

_state: dict[str, Any] = {"lang": None, "catalog": None}


def normalize_language(text: str | None) -> str | None:
    """A language code from a locale or language name, or ``None`` for "as the system".

    ``zh``, ``zh_CN``, ``zh-CN``, ``zh_CN.UTF-8``, ``zh-Hans-CN`` -> ``zh_CN``; ``en_US``,
    ``C``, ``POSIX`` and languages Suanli does not speak -> ``en``; ``""``, ``auto``,
    ``system`` -> ``None``.
    """
    if text is None:
        return None
    t = text.strip()
    if not t or t.lower() in ("auto", "system", "default"):
        return None
    base = re.split(r"[.@:]", t, maxsplit=1)[0].replace("-", "_").lower()
    if base.startswith("zh"):
        return "zh_CN"
    return DEFAULT


def system_language(environ: dict[str, str] | None = None) -> str:
    """The language of the POSIX locale variables (LC_ALL, LC_MESSAGES, LANG)."""
    env = os.environ if environ is None else environ
    for var in _LOCALE_VARS:
        value = env.get(var)
        if value:
            return normalize_language(value) or DEFAULT
    return DEFAULT


def choose_language(environ: dict[str, str] | None = None) -> str:
    """``$SUANLI_LANG`` if it names a language, else the system's."""
    env = os.environ if environ is None else environ
    return normalize_language(env.get(ENV_VAR)) or system_language(env)


def language() -> str:
    """The language ``_()`` translates into (chosen on first use)."""
    if _state["lang"] is None:
        set_language(None)
    return _state["lang"]


def set_language(lang: str | None) -> str:
    """Translate into ``lang`` from now on (``None``: choose again from the environment)."""
    chosen = normalize_language(lang) if lang is not None else None
    _state["lang"] = chosen or choose_language()
    _state["catalog"] = None
    return _state["lang"]


def load_catalog(lang: str) -> dict[str, str]:
    """The ``{english: translation}`` catalog of ``lang`` (``{}`` for English or on trouble)."""
    path = CATALOGS.get(lang)
    if path is None:
        return {}
    return read_catalog(path)


def read_catalog(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("translations not loaded from %s: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("translations not loaded from %s: not a JSON object", path)
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str) and v}


def _(message: str) -> str:
    """``message`` in the current language (itself when there is no translation)."""
    lang = language()
    if lang == DEFAULT:
        return message
    if _state["catalog"] is None:
        _state["catalog"] = load_catalog(lang)
    return _state["catalog"].get(message, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog; return it untranslated."""
    return message


#: Between a context and its text in a catalog key (as in gettext's compiled catalogs).
CONTEXT_SEPARATOR = "\x04"


def pgettext(context: str, message: str) -> str:
    """``message`` as meant in ``context``, for an English word that translates two ways
    (the run report's "Epochs" heading is not the window's "Epochs" count). The catalog key
    is ``context + "\\x04" + message`` (gettext's msgctxt); untranslated: ``message``."""
    key = f"{context}{CONTEXT_SEPARATOR}{message}"
    text = _(key)
    return message if text == key else text


# --------------------------------------------------------------------------- terminal width


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK (East Asian wide) characters take two."""
    return sum(
        0
        if unicodedata.combining(ch)
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in text
    )


def ljust(text: str, width: int) -> str:
    """``text.ljust(width)`` by terminal columns."""
    return text + " " * max(0, width - display_width(text))


def rjust(text: str, width: int) -> str:
    """``text.rjust(width)`` by terminal columns."""
    return " " * max(0, width - display_width(text)) + text


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (CJK characters take two).

    Lines break at spaces and between CJK characters (never before closing punctuation such
    as ``，`` or ``）``, nor after an opening one); a word longer than a line is cut.
    """
    units: list[tuple[bool, str]] = []  # (a space before it, the text that stays together)
    space = False
    for ch in text:
        if ch.isspace():
            space = True
            continue
        if units and not space:
            prev = units[-1][1]
            both_narrow = display_width(ch) == 1 and display_width(prev[-1]) == 1
            if both_narrow or ch in _NO_BREAK_BEFORE or prev[-1] in _NO_BREAK_AFTER:
                units[-1] = (units[-1][0], prev + ch)
                continue
        units.append((space, ch))
        space = False
    lines: list[str] = []
    line = ""
    for space_before, unit in units:
        piece = (" " if space_before and line else "") + unit
        if line and display_width(line + piece) > width:
            lines.append(line)
            line = unit
        else:
            line += piece
        while display_width(line) > width and len(line) > 1:
            cut = 1
            while cut < len(line) and display_width(line[: cut + 1]) <= width:
                cut += 1
            after = max(line.rfind("-", 0, cut), line.rfind("/", 0, cut)) + 1
            cut = after if after > 1 else cut  # a URL or a path: after a "-" or "/"
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


_NO_BREAK_BEFORE = frozenset("，。、；：！？）」』》〉】,.;:!?)")
_NO_BREAK_AFTER = frozenset("（「『《〈【(")


def has_wide(text: str) -> bool:
    """True when ``text`` holds a character that takes two terminal columns."""
    return display_width(text) != len(text)
