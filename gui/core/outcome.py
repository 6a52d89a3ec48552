"""Outcomes as values: a code, plain data, and a default English wording.

The scenario engine, the checks, the variables and the Django login report what
happened as an :class:`Outcome` rather than as a sentence, so that the window can word
it in the user's language (by ``code``, with ``data`` filled in) while the headless
runner prints the English default. ``data`` holds only JSON-like values (str, int,
float, bool, None, lists of them).

Each template is marked with :func:`QT_TRANSLATE_NOOP` under its class's name, so that
``pyside6-lupdate`` finds it; ``gui.words.word`` translates it under that context.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

_SHORT = 120


def QT_TRANSLATE_NOOP(context: str, template: str) -> str:
    """Mark ``template`` for translation under ``context``; returns it unchanged."""
    return template


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened, as a code with data. Subclasses set :attr:`TEMPLATES` and :attr:`OK`.

    ``message`` is the English wording: the template of ``code`` formatted with
    ``data``; a code without a template reads as the code itself.
    """

    code: str
    data: Mapping[str, Any] = field(default_factory=dict)

    TEMPLATES: ClassVar[Mapping[str, str]] = {}
    OK: ClassVar[frozenset[str]] = frozenset()

    @property
    def ok(self) -> bool:
        """True for the codes that mean success."""
        return self.code in self.OK

    @property
    def message(self) -> str:
        """The default English wording."""
        template = self.TEMPLATES.get(self.code)
        if template is None:
            return self.code
        try:
            return template.format_map(self.data)
        except (KeyError, IndexError, ValueError):
            return f"{self.code} {dict(self.data)}"

    def __str__(self) -> str:
        return self.message


def short_json(value: object, limit: int = _SHORT) -> str:
    """``value`` as compact JSON text, cut to ``limit`` characters (for messages)."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(value)
    return shorten(text, limit)


def shorten(text: str, limit: int = _SHORT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    line = " ".join(text.split()) if ("\n" in text or "\r" in text) else text
    return line if len(line) <= limit else line[: limit - 1] + "…"
