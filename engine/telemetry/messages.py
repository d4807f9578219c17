"""Telemetry messages: made in English (snapshots, inventories and score cards store them),
translated where they are shown.

A message is built from an ``N_()`` template with named fields; :func:`translate` finds
the template an English message was made from, reads the fields back and fills the
template's translation (``engine.i18n``). A message made otherwise stays as it is.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from functools import cache

from engine.i18n import _


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """A regex that matches what ``template.format(...)`` makes, one group per field."""
    out = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if name is not None:
            out.append(f"(?P<{name}>.*?)")
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def translate(text: str, templates: Iterable[str]) -> str:
    """``text`` in the current language: a fixed text looked up as it is, else the first of
    ``templates`` it was made from, its translation filled with the same field values."""
    fixed = _(text)
    if fixed != text:
        return fixed
    for template in templates:
        m = _pattern(template).match(text)
        if m:
            return _(template).format(**m.groupdict())
    return text
