"""argparse in the CLI's language: its own words (usage, section titles, ``-h`` help, error
messages) looked up in engine.i18n's catalog; English output is argparse's own.

argparse makes its error messages in English itself (they are never stored); they are the
one kind of text rebuilt here from its English shape, by :func:`translate_argparse_error`.
"""

from __future__ import annotations

import argparse
import functools
import re
import string
import sys
from typing import Any, NoReturn

from engine.i18n import DEFAULT, N_, _, display_width, has_wide, language, wrap_columns

# argparse's own words. argparse looks them up with gettext in its module; the parser and
# formatters below put ours in their place (argparse itself is left as it is).
ARGPARSE_USAGE = N_("usage: ")
ARGPARSE_POSITIONALS = N_("positional arguments")
ARGPARSE_OPTIONALS = N_("options")
ARGPARSE_HELP = N_("show this help message and exit")
ARGPARSE_DEFAULT = N_(" (default: %(default)s)")
DEFAULT_WORD = N_("default")  # a help that holds it already tells its default
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


@functools.cache
def _argparse_pattern(template: str) -> re.Pattern[str]:
    """A regex that matches what argparse makes from ``template``, one group per field."""
    out = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if name is not None:
            out.append(f"(?P<{name}>.*?)")
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def translate_argparse_error(message: str) -> str:
    """An error message argparse made (in English, never stored) in the current language:
    rebuilt from the first of :data:`ARGPARSE_ERRORS` it has the shape of, a field named
    ``message`` translated in turn. A message of another shape, or English: as it is.

    Only for argparse's own words: the engine's texts are :class:`engine.i18n.message.Message`
    values, said in a language where they are shown, never translated back from English."""
    if language() == DEFAULT:
        return message
    fixed = _(message)
    if fixed != message:
        return fixed
    for template in ARGPARSE_ERRORS:
        m = _argparse_pattern(template).match(message)
        if m:
            values = m.groupdict()
            if "message" in values:
                values["message"] = translate_argparse_error(values["message"])
            return _(template).format(**values)
    return message


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
        if heading and has_wide(heading):
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
        if not has_wide(text):
            return super()._split_lines(text, width)
        return wrap_columns(re.sub(r"\s+", " ", text).strip(), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not has_wide(text):
            return super()._fill_text(text, width, indent)
        lines = wrap_columns(re.sub(r"\s+", " ", text).strip(), width - len(indent))
        return "\n".join(indent + line for line in lines)


class TranslatedDefaultsHelpFormatter(TranslatedHelpFormatter):
    """``argparse.ArgumentDefaultsHelpFormatter`` in the current language, showing only
    defaults that say something: not an unset one (``None``), not an off switch
    (``store_true``), not one the help already tells (its text holds "default")."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help_text = action.help or ""
        if shows_default(action, help_text):
            help_text += _(ARGPARSE_DEFAULT)
        return help_text


def shows_default(action: argparse.Action, help_text: str) -> bool:
    """True when ``action``'s help should end with its default."""
    if action.default in (None, argparse.SUPPRESS) or isinstance(action.default, bool):
        return False
    if not action.option_strings and action.nargs not in (argparse.OPTIONAL, argparse.ZERO_OR_MORE):
        return False
    if isinstance(action, argparse._VersionAction | argparse._HelpAction):
        return False
    return not any(word in help_text for word in ("%(default)", "default", _(DEFAULT_WORD)))


class TranslatedArgumentParser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` whose own words (section titles, ``-h`` help, usage
    prefix, error messages) are in the current language; sub-parsers are of the same class.
    The help texts given to it are translated by the caller (``help=_("...")``). English
    output is exactly argparse's. Keyword arguments only."""

    def __init__(self, **kwargs: Any) -> None:
        # every option's help ends with its default (where it has one worth saying)
        kwargs.setdefault("formatter_class", TranslatedDefaultsHelpFormatter)
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
        text = _(ARGPARSE_ERROR).format(prog=self.prog, message=translate_argparse_error(message))
        self.exit(2, text + "\n")
