"""``{{variables}}`` in messages, expanded at send time (in the window and the runner).

Built in:

- ``{{uuid}}``: a new random UUID (version 4);
- ``{{now}}``: the time in UTC, ISO 8601 with milliseconds (``2026-11-24T06:13:20.123Z``);
- ``{{now_ms}}``: milliseconds since the Unix epoch;
- ``{{counter}}``: 1, 2, 3, ... counting the messages of this connection that use it
  (per tab in the window, per user in the runner);
- ``{{env:NAME}}``: the environment variable ``NAME``.

Any other ``{{name}}`` is a profile variable: a value from the mapping the scope was
given (a connection profile's variables, a scenario's ``variables``). A name that is
none of these, or an environment variable that is not set, is an error that names it:
it is never sent literally. Spaces inside the braces are ignored: ``{{ uuid }}``.

Values are drawn once per message: every ``{{uuid}}`` (or ``{{counter}}``, ``{{now}}``)
in one message has the same value. The scope remembers the last value of each, so that
an ``expect`` can name the value that was just sent (:meth:`VariableScope.expand_expected`).

Types: in a JSON document, a string that is exactly one variable takes the variable's
own JSON type: ``"n": "{{counter}}"`` sends ``"n": 7`` (a number), as does
``{{now_ms}}``; a profile variable holding a number, boolean, null, object or array
gives that value. Everything else is text: ``"id": "msg-{{counter}}"`` sends
``"msg-7"``, and object keys are always text. In raw text, values are written as text
(a profile value that is not a string as its JSON).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome

BUILTIN_NAMES = frozenset({"uuid", "now", "now_ms", "counter"})
ENV_PREFIX = "env:"

# {{ name }}: anything but braces between the double braces.
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# A JSON string literal; in valid JSON text, every '"' outside a string starts one.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?', re.DOTALL)


class VariableProblem(Outcome):
    """Why a variable could not be expanded (``data["name"]`` names it)."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "unknown_variable": QT_TRANSLATE_NOOP("VariableProblem", "unknown variable {{{{{name}}}}}"),
        "env_missing": QT_TRANSLATE_NOOP(
            "VariableProblem", "environment variable {name} is not set (used as {{{{env:{name}}}}})"
        ),
        "no_value_yet": QT_TRANSLATE_NOOP(
            "VariableProblem",
            "{{{{{name}}}}} in an expect stands for the last value sent, "
            "but no message has used it yet",
        ),
    }


class VariableError(Exception):
    """Raised when a message names a variable that cannot be expanded."""

    def __init__(self, problem: VariableProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def names_in(value: object) -> Iterator[str]:
    """Every variable name used in ``value`` (a text, or a JSON document), in order."""
    if isinstance(value, str):
        for found in PLACEHOLDER.finditer(value):
            yield found.group(1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from names_in(key)
            yield from names_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from names_in(item)


def _iso_utc(seconds: float) -> str:
    moment = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _as_text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class VariableScope:
    """The variables of one connection: its counter, its profile values, the last draw.

    ``profile`` maps names to JSON values; ``environ`` defaults to ``os.environ``;
    ``clock`` (seconds since the epoch) and ``new_uuid`` can be replaced in tests.
    """

    def __init__(
        self,
        profile: Mapping[str, Any] | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.time,
        new_uuid: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        self.profile: dict[str, Any] = dict(profile or {})
        self._environ = os.environ if environ is None else environ
        self._clock = clock
        self._new_uuid = new_uuid
        self.counter = 0
        self.last: dict[str, Any] = {}

    # --- checks ------------------------------------------------------------------------

    def problem(self, name: str) -> VariableProblem | None:
        """Why ``name`` cannot be expanded here, or None when it can."""
        if name in BUILTIN_NAMES or name in self.profile:
            return None
        if name.startswith(ENV_PREFIX) and name[len(ENV_PREFIX) :]:
            env_name = name[len(ENV_PREFIX) :]
            if env_name in self._environ:
                return None
            return VariableProblem("env_missing", {"name": env_name})
        return VariableProblem("unknown_variable", {"name": name})

    def first_problem(self, value: object) -> VariableProblem | None:
        """The first variable of ``value`` that cannot be expanded, if any."""
        for name in names_in(value):
            problem = self.problem(name)
            if problem is not None:
                return problem
        return None

    # --- expansion -----------------------------------------------------------------------

    def expand_document(self, document: Any) -> Any:
        """A JSON document (dicts, lists, scalars) with its variables expanded."""
        draw = _Draw(self, fresh=True)
        return _expand_value(document, draw)

    def expand_text(self, text: str) -> str:
        """Raw text with its variables expanded as text."""
        return _Draw(self, fresh=True).text(text)

    def expand_texts(self, texts: Sequence[str]) -> list[str]:
        """Several texts expanded as one message (one draw for all of them)."""
        draw = _Draw(self, fresh=True)
        return [draw.text(text) for text in texts]

    def expand_json_text(self, text: str) -> str:
        """JSON text (valid JSON) with its variables expanded, its layout kept.

        Only the string literals that hold a variable are rewritten, by the rules of
        :meth:`expand_document`; white space, key order and escapes elsewhere stay.
        """
        draw = _Draw(self, fresh=True)

        def replace(found: re.Match[str]) -> str:
            token, colon = found.group(0), found.group(1)
            if "{{" not in token:
                return token
            literal = token[: len(token) - len(colon)] if colon else token
            value = json.loads(literal)
            if colon:
                return json.dumps(draw.text(value), ensure_ascii=False) + colon
            return json.dumps(draw.typed(value), ensure_ascii=False)

        return _JSON_STRING.sub(replace, text)

    def expand_expected(self, document: Any) -> Any:
        """A document to compare with what arrives: ``{{uuid}}``, ``{{counter}}``,
        ``{{now}}`` and ``{{now_ms}}`` stand for the values last sent, nothing new is drawn."""
        return _expand_value(document, _Draw(self, fresh=False))


class _Draw:
    """The values of one message: each built-in is drawn at most once."""

    def __init__(self, scope: VariableScope, *, fresh: bool) -> None:
        self._scope = scope
        self._fresh = fresh
        self._values: dict[str, Any] = {}

    def value(self, name: str) -> Any:
        if name in self._values:
            return self._values[name]
        scope = self._scope
        problem = scope.problem(name)
        if problem is not None:
            raise VariableError(problem)
        if name in BUILTIN_NAMES:
            if not self._fresh:
                if name not in scope.last:
                    raise VariableError(VariableProblem("no_value_yet", {"name": name}))
                value = scope.last[name]
            else:
                value = self._new(name)
                scope.last[name] = value
        elif name in scope.profile:
            value = scope.profile[name]
        else:
            value = scope._environ[name[len(ENV_PREFIX) :]]
        self._values[name] = value
        return value

    def _new(self, name: str) -> Any:
        scope = self._scope
        if name == "counter":
            scope.counter += 1
            return scope.counter
        if name == "uuid":
            return scope._new_uuid()
        moment = scope._clock()
        if name == "now_ms":
            return int(moment * 1000)
        return _iso_utc(moment)

    def text(self, text: str) -> str:
        if "{{" not in text:
            return text
        return PLACEHOLDER.sub(lambda found: _as_text(self.value(found.group(1))), text)

    def typed(self, text: str) -> Any:
        whole = PLACEHOLDER.fullmatch(text)
        if whole is not None:
            return self.value(whole.group(1))
        return self.text(text)


def _expand_value(value: Any, draw: _Draw) -> Any:
    if isinstance(value, str):
        return draw.typed(value)
    if isinstance(value, dict):
        return {draw.text(key): _expand_value(item, draw) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand_value(item, draw) for item in value]
    return value
