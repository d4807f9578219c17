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

:class:`TranslatedArgumentParser` is an ``argparse`` parser that says its own words (usage,
section titles, error messages) in this language too; English output is argparse's own.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import re
import string
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NoReturn

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


# --------------------------------------------------------------------------- made texts


@functools.cache
def _made_pattern(template: str) -> re.Pattern[str]:
    """A regex that matches what ``template.format(...)`` makes, one group per field
    (templates meant for this have plain ``{fields}``: values are formatted beforehand)."""
    out = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if name is not None:
            out.append(f"(?P<{name}>.*?)")
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def translate_made(
    text: str,
    templates: Iterable[str],
    fields: Mapping[str, Callable[[str], str]] | None = None,
) -> str:
    """A text that was stored in English (a stop reason, a data source, a telemetry notice)
    in the current language: a fixed text is looked up as it is; else the first of
    ``templates`` it was made from gives its translation, filled with the same values (each
    passed through ``fields[name]`` when given). A text made otherwise stays as it is."""
    fixed = _(text)
    if fixed != text:
        return fixed
    for template in templates:
        m = _made_pattern(template).match(text)
        if m:
            values = m.groupdict()
            for name, translate in (fields or {}).items():
                if name in values:
                    values[name] = translate(values[name])
            return _(template).format(**values)
    return text


# --------------------------------------------------------------------------- config errors

# ConfigError's "allowed" part is built in engine/config.py etc. in English; fixed texts
# are looked up as they are, these shapes are recognised and rebuilt.
_ALLOWED_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^one of (?P<choices>.+)$"), N_("one of {choices}")),
    (re.compile(r"^an integer >= (?P<minimum>-?\d+)$"), N_("an integer >= {minimum}")),
    (re.compile(r"^(?P<first>\w+:0) to (?P<last>\w+:\d+)$"), N_("{first} to {last}")),
    (
        re.compile(r"^a fresh process \(TensorFlow was already in use: (?P<reason>.*)\)$"),
        N_("a fresh process (TensorFlow was already in use: {reason})"),
    ),
)
# Fixed "allowed" texts of ConfigError in the engine (a test keeps this list complete).
CONFIG_ALLOWED = (
    N_("an integer from 1 to 65536"),
    N_("a finite number > 0 and <= 10"),
    N_("a number in (0, 0.5]"),
    N_("auto, cpu, gpu, gpu:N, a list like gpu:0,gpu:1, all-gpus, or multiworker"),
    N_("devices of one kind (all cpu or all gpu)"),
    N_("a number in (0, 1], or none"),
    N_("true or false"),
    N_("adam, adamw, sgd or rmsprop"),
    N_("auto or cpu (TensorFlow sees no GPU on this machine)"),
    N_("auto or cpu (TensorFlow sees no GPU)"),
    N_("each device once"),
    N_("a valid JSON $TF_CONFIG with a task"),
    N_("a number between 0 and 1 (exclusive), e.g. 0.5"),
    N_("a number > 0 and <= 100"),
    N_("a number from 0 to 1"),
    N_("set $TF_CONFIG (cluster workers and this task) first; see README"),
    N_("one device (auto, cpu, gpu or gpu:N) for the compression lab"),
)


def translate_allowed(allowed: str) -> str:
    """The "allowed" part of a ConfigError message in the current language."""
    text = _(allowed)
    if text != allowed or language() == DEFAULT:
        return text
    for pattern, template in _ALLOWED_PATTERNS:
        m = pattern.match(allowed)
        if m:
            return _(template).format(**m.groupdict())
    return allowed


def config_error_message(exc: Any, field: str | None = None) -> str:
    """A ConfigError (``field``, ``value``, ``allowed``) as one line in the current language;
    in English exactly ``str(exc)``. ``field``: how to name the field (the window's label of
    it) instead of its RunConfig name."""
    if not all(hasattr(exc, a) for a in ("field", "value", "allowed")):
        return str(exc)
    return _("{field} = {value} is not allowed: {allowed}").format(
        field=exc.field if field is None else field,
        value=repr(exc.value),
        allowed=translate_allowed(str(exc.allowed)),
    )


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


def _has_wide(text: str) -> bool:
    return display_width(text) != len(text)


# --------------------------------------------------------------------------- command line

# argparse's own words. argparse looks them up with gettext in its module; the parser and
# formatters below put ours in their place (argparse itself is left as it is).
ARGPARSE_USAGE = N_("usage: ")
ARGPARSE_POSITIONALS = N_("positional arguments")
ARGPARSE_OPTIONALS = N_("options")
ARGPARSE_HELP = N_("show this help message and exit")
ARGPARSE_DEFAULT = N_(" (default: %(default)s)")
ARGPARSE_ERROR = N_("{prog}: error: {message}")
# argparse's error messages (Python 3.11+) as templates; a message of one of these shapes is
# rebuilt in the current language, a field named ``message`` translated in turn.
ARGPARSE_ERRORS = (
    N_("argument {argument}: {message}"),
    N_("unrecognized arguments: {arguments}"),
    N_("the following arguments are required: {arguments}"),
    N_("one of the arguments {arguments} is required"),
    N_("not allowed with argument {argument}"),
    N_("ignored explicit argument {value}"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected {count} argument"),
    N_("expected {count} arguments"),
    N_("ambiguous option: {option} could match {matches}"),
    N_("unexpected option string: {option}"),
    N_("invalid {type} value: {value}"),
    N_("invalid choice: {value} (choose from {choices})"),
)


def argparse_message(message: str) -> str:
    """An argparse error message in the current language (as it is in English, or when its
    shape is unknown)."""
    if language() == DEFAULT:
        return message
    return translate_made(message, ARGPARSE_ERRORS, {"message": argparse_message})


class TranslatedHelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter in the current language: ``usage:`` translated, and text
    holding CJK characters wrapped by terminal columns. English output is argparse's own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wide_headings: set[str] = set()

    def _format_usage(
        self, usage: str | None, actions: Any, groups: Any, prefix: str | None
    ) -> str:
        if prefix is not None or language() == DEFAULT:
            return super()._format_usage(usage, actions, groups, prefix)
        prefix = _(ARGPARSE_USAGE)
        pad = " " * display_width(prefix)  # continuation lines line up under the prefix
        text = super()._format_usage(usage, actions, groups, pad)
        return prefix + text[len(pad) :]

    def start_section(self, heading: str | None) -> None:
        if heading and _has_wide(heading):
            self._wide_headings.add(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self._wide_headings:
            # argparse ends a section title with ":"; Chinese takes the full-width "："
            text = re.sub(
                rf"(?m)^( *){re.escape(heading)}:$", lambda m, h=heading: f"{m[1]}{h}：", text
            )
        return text

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not _has_wide(text):
            return super()._split_lines(text, width)
        return wrap_columns(re.sub(r"\s+", " ", text).strip(), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _has_wide(text):
            return super()._fill_text(text, width, indent)
        lines = wrap_columns(re.sub(r"\s+", " ", text).strip(), width - len(indent))
        return "\n".join(indent + line for line in lines)


class TranslatedDefaultsHelpFormatter(TranslatedHelpFormatter):
    """``argparse.ArgumentDefaultsHelpFormatter`` in the current language."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help_text = action.help or ""
        if (
            "%(default)" not in help_text
            and action.default is not argparse.SUPPRESS
            and (
                action.option_strings or action.nargs in (argparse.OPTIONAL, argparse.ZERO_OR_MORE)
            )
        ):
            help_text += _(ARGPARSE_DEFAULT)
        return help_text


class TranslatedArgumentParser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` whose own words (section titles, ``-h`` help, usage
    prefix, error messages) are in the current language; sub-parsers are of the same class.
    The help texts given to it are translated by the caller (``help=_("...")``). English
    output is exactly argparse's. Keyword arguments only."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", TranslatedHelpFormatter)
        super().__init__(**kwargs)
        self._positionals.title = _(ARGPARSE_POSITIONALS)
        self._optionals.title = _(ARGPARSE_OPTIONALS)
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _(ARGPARSE_HELP)

    def error(self, message: str) -> NoReturn:
        if language() == DEFAULT:
            super().error(message)
        self.print_usage(sys.stderr)
        text = _(ARGPARSE_ERROR).format(prog=self.prog, message=argparse_message(message))
        self.exit(2, text + "\n")
