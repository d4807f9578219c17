"""Messages as ids with arguments: what the engine says, kept apart from the language.

A :class:`Message` is a catalog text (the English source, with ``{fields}``; marked with
``N_()`` where it is defined) and the values of its fields. The engine keeps and stores
messages, not sentences: ``run.json``, the results store and ``--json`` outputs hold
:meth:`Message.to_dict` (``{"message": template, "args": {...}}``), and each front end says
one in its own language when it shows it (:meth:`Message.text`, or :func:`shown` for a
stored value)::

    reason = Message(N_("{monitor} did not improve for {n} epochs"),
                     {"monitor": Message(N_("dev loss")), "n": 3})
    reason.english()  # 'dev loss did not improve for 3 epochs'
    reason.text()     # in the current engine language
    shown(reason.to_dict())  # the same, from what was stored

A value that is a plain string (a path, a device name, an exception's text, or English
stored by an older version) is shown as it is: nothing is translated back from English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.i18n import _

#: The key of a stored message's template (what :func:`shown` recognises).
KEY = "message"


@dataclass(frozen=True)
class Message:
    """A catalog text and the values of its ``{fields}`` (numbers, strings or messages)."""

    template: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """The message in the current engine language (nested messages too)."""
        values = {k: v.text() if isinstance(v, Message) else v for k, v in self.args.items()}
        return _(self.template).format(**values) if values else _(self.template)

    def english(self) -> str:
        """The message in English, the source language (what ``str()`` gives too)."""
        values = {k: v.english() if isinstance(v, Message) else v for k, v in self.args.items()}
        return self.template.format(**values) if values else self.template

    __str__ = english

    def to_dict(self) -> dict[str, Any]:
        """``{"message": template, "args": {...}}``: JSON-safe, nested messages as dicts."""
        return {
            KEY: self.template,
            "args": {k: v.to_dict() if isinstance(v, Message) else v for k, v in self.args.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """The message :meth:`to_dict` made (``ValueError`` for anything else)."""
        if not is_stored(data):
            raise ValueError(f"not a stored message: {data!r}")
        args = data.get("args") or {}
        if not isinstance(args, Mapping):
            raise ValueError(f"not a stored message: {data!r}")
        return cls(
            data[KEY], {str(k): cls.from_dict(v) if is_stored(v) else v for k, v in args.items()}
        )


def is_stored(value: Any) -> bool:
    """True for a message as :meth:`Message.to_dict` stores it."""
    return isinstance(value, Mapping) and isinstance(value.get(KEY), str)


def stored(value: Any) -> Any:
    """What to store for ``value``: a message's dict; anything else as it is."""
    return value.to_dict() if isinstance(value, Message) else value


def loaded(value: Any) -> Any:
    """A stored value back: a message's dict as a :class:`Message`; anything else as it is."""
    return Message.from_dict(value) if is_stored(value) else value


def shown(value: Any) -> str:
    """A value the engine made or stored, for people, in the current engine language.

    A :class:`Message` or a stored message dict is rendered (a broken one: its template as
    it is); a plain string (a path, a value, English stored by an older version) is shown
    as it is; ``None`` is ``""``; anything else its ``str()``.
    """
    if value is None:
        return ""
    if is_stored(value):
        try:
            value = Message.from_dict(value)
        except ValueError:
            return str(value[KEY])
    if isinstance(value, Message):
        try:
            return value.text()
        except (KeyError, IndexError, ValueError):  # a stored message with other fields
            return value.english() if _formats(value) else value.template
    return value if isinstance(value, str) else str(value)


def english(value: Any) -> str:
    """Like :func:`shown`, in English (for a plain-text column, a log or a card file)."""
    if value is None:
        return ""
    if is_stored(value):
        value = loaded(value)
    return value.english() if isinstance(value, Message) else str(value)


def _formats(message: Message) -> bool:
    try:
        message.english()
    except (KeyError, IndexError, ValueError):
        return False
    return True


def config_error_message(exc: Any, field: str | None = None) -> str:
    """A ConfigError (``field``, ``value``, ``allowed``) as one line in the current language;
    in English exactly ``str(exc)``. ``field``: how to name the field (the window's label of
    it) instead of its RunConfig name."""
    if not all(hasattr(exc, a) for a in ("field", "value", "allowed")):
        return str(exc)
    return _("{field} = {value} is not allowed: {allowed}").format(
        field=exc.field if field is None else field,
        value=repr(exc.value),
        allowed=shown(exc.allowed),
    )


__all__ = [
    "KEY",
    "Message",
    "config_error_message",
    "english",
    "is_stored",
    "loaded",
    "shown",
    "stored",
]
