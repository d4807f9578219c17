"""The ``train`` flags, built from RunConfig's field descriptions (``engine.config.FIELDS``).

:func:`add_run_arguments` adds one flag per field, in field order, with the description's
metavar, choices, default and help (in the CLI's language); :func:`config_from_args` turns
the parsed arguments back into a :class:`RunConfig`. Commands that take only some of the
fields (``resume``'s ``--data-dir``, ``compress``) add them one by one with
:func:`add_field_argument`, overriding what differs, and read them with
:func:`values_from_args`.
"""

from __future__ import annotations

import argparse
from typing import Any

from engine.config import FIELDS, FieldSpec, RunConfig, field_spec
from engine.i18n import _


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """Add a flag for every RunConfig field (``--dataset`` … ``--download``) to ``parser``."""
    for spec in FIELDS:
        add_field_argument(parser, spec.name)


def add_field_argument(
    parser: argparse.ArgumentParser, name: str, **overrides: Any
) -> argparse.Action:
    """Add the flag of RunConfig field ``name``; ``overrides`` replace ``add_argument``'s
    keywords (e.g. ``help=_("…")``, already translated, or another ``default``)."""
    kwargs = {**argument_options(field_spec(name)), **overrides}
    return parser.add_argument(field_spec(name).flag, **kwargs)


def argument_options(spec: FieldSpec) -> dict[str, Any]:
    """``add_argument``'s keywords for the flag of ``spec``'s field."""
    options: dict[str, Any] = {}
    if spec.type is bool:
        options["action"] = "store_true"  # a ``--no-…`` flag when the field is on by default
    else:
        if spec.type is not str:
            options["type"] = spec.type
        if spec.choice_source and spec.cli_choices:
            options["choices"] = spec.choices
        options["default"] = spec.default
        if spec.metavar:
            options["metavar"] = spec.metavar
    if spec.help:
        options["help"] = help_text(spec)
    return options


def help_text(spec: FieldSpec) -> str:
    """The help of ``spec``'s flag in the CLI's language, its ``{choices}`` filled in."""
    text = _(spec.help)
    return text.format(choices=", ".join(spec.choices)) if spec.choice_source else text


def values_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """RunConfig field -> value, for every field whose flag ``args`` holds."""
    values = {}
    for spec in FIELDS:
        if hasattr(args, spec.dest):
            value = getattr(args, spec.dest)
            values[spec.name] = not value if spec.negated else value
    return values


def config_from_args(args: argparse.Namespace) -> RunConfig:
    """The RunConfig of parsed ``train`` arguments, not yet validated."""
    return RunConfig(**values_from_args(args))
