"""Checks on a received message: a partial match and a JSON Schema.

Partial match (``match`` in a scenario's ``expect``, an expected reply in the library):

- an object matches when every key it names is present with a matching value; other
  keys of the message are ignored, at every depth;
- an array matches an array of the same length whose items match one by one, in
  order (so ``[]`` matches only an empty array; to look for one item anywhere in an
  array, use a schema with ``contains``);
- a number matches an equal number (``1`` and ``1.0`` are equal), a string, boolean or
  null only the same value (``true`` is not ``1``);
- a message that is not JSON matches only a ``match`` that is a string equal to its
  whole text (the tutorial server's ``Echo: ...`` replies).

JSON Schema checks use ``jsonschema`` with the dialect the schema names in ``$schema``
(2020-12 when it names none), ``format`` checked where a checker is available. The
schema itself is checked first (:func:`compile_schema`), so a schema that is not a
schema is reported as such rather than failing every message.

Each check returns a :class:`CheckResult`: a code, the JSON path of the first
difference (``$.data.items[2]``), and plain data for the wording.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, short_json, shorten

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class CheckResult(Outcome):
    """The verdict of a check; ``data["path"]`` is where in the message it failed."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "ok": QT_TRANSLATE_NOOP("CheckResult", "matches"),
        "missing_key": QT_TRANSLATE_NOOP("CheckResult", "{path}: missing (expected {expected})"),
        "value_differs": QT_TRANSLATE_NOOP(
            "CheckResult", "{path} is {actual}, expected {expected}"
        ),
        "type_differs": QT_TRANSLATE_NOOP(
            "CheckResult", "{path} is {actual_type} {actual}, expected {expected_type} {expected}"
        ),
        "length_differs": QT_TRANSLATE_NOOP(
            "CheckResult", "{path} has {actual_length} items, expected {expected_length}"
        ),
        "not_json": QT_TRANSLATE_NOOP("CheckResult", "not JSON: {text}"),
        "schema_failed": QT_TRANSLATE_NOOP("CheckResult", "schema: {path}: {reason}"),
        "schema_invalid": QT_TRANSLATE_NOOP(
            "CheckResult", "not a valid JSON Schema: {reason} (at {schema_path})"
        ),
    }
    OK = frozenset({"ok"})

    @property
    def path(self) -> str:
        """The JSON path of the difference (``$`` for the whole message)."""
        return str(self.data.get("path", "$"))


MATCHES = CheckResult("ok", {"path": "$"})


def json_path(parts: Iterable[str | int]) -> str:
    """``$.a.b[0]["odd key"]`` for the keys and indexes ``parts``."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENTIFIER.fullmatch(part):
            out.append(f".{part}")
        else:
            out.append("[" + json.dumps(part, ensure_ascii=False) + "]")
    return "".join(out)


def json_type(value: object) -> str:
    """The JSON type name of a parsed value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def match_partial(expected: Any, actual: Any) -> CheckResult:
    """Whether the parsed message ``actual`` contains ``expected`` (module docstring)."""
    return _match(expected, actual, [])


def _match(expected: Any, actual: Any, where: list[str | int]) -> CheckResult:
    kind, actual_kind = json_type(expected), json_type(actual)
    if kind != actual_kind:
        return CheckResult(
            "type_differs",
            {
                "path": json_path(where),
                "expected_type": kind,
                "actual_type": actual_kind,
                "expected": short_json(expected),
                "actual": short_json(actual),
            },
        )
    if kind == "object":
        for key, wanted in expected.items():
            if key not in actual:
                return CheckResult(
                    "missing_key",
                    {"path": json_path([*where, key]), "key": key, "expected": short_json(wanted)},
                )
            verdict = _match(wanted, actual[key], [*where, key])
            if not verdict.ok:
                return verdict
        return MATCHES
    if kind == "array":
        if len(expected) != len(actual):
            return CheckResult(
                "length_differs",
                {
                    "path": json_path(where),
                    "expected_length": len(expected),
                    "actual_length": len(actual),
                },
            )
        for index, (wanted, got) in enumerate(zip(expected, actual, strict=True)):
            verdict = _match(wanted, got, [*where, index])
            if not verdict.ok:
                return verdict
        return MATCHES
    if expected != actual:
        return CheckResult(
            "value_differs",
            {
                "path": json_path(where),
                "expected": short_json(expected),
                "actual": short_json(actual),
            },
        )
    return MATCHES


class SchemaInvalid(Exception):
    """The schema given is not a valid JSON Schema; :attr:`result` says why."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(result.message)
        self.result = result


class Schema:
    """A checked JSON Schema, ready to validate parsed messages. Build with
    :func:`compile_schema`; it is immutable and safe to share between threads."""

    def __init__(self, schema: Any, validator: Validator) -> None:
        self.schema = schema
        self._validator = validator

    def check(self, document: Any) -> CheckResult:
        """The verdict for a parsed message; on failure, the most relevant error
        (``jsonschema``'s ``best_match``) and its JSON path."""
        error = best_match(self._validator.iter_errors(document))
        if error is None:
            return MATCHES
        return CheckResult(
            "schema_failed",
            {
                "path": json_path(error.absolute_path),
                "schema_path": "/".join(str(p) for p in error.absolute_schema_path) or "/",
                "keyword": str(error.validator),
                "reason": shorten(error.message, 200),
            },
        )


def compile_schema(schema: Any) -> Schema:
    """Check ``schema`` against its dialect's meta-schema and build its validator;
    raise :class:`SchemaInvalid` when it is not a valid schema."""
    if not isinstance(schema, (dict, bool)):
        raise SchemaInvalid(
            CheckResult(
                "schema_invalid",
                {
                    "reason": f"a schema is an object or a boolean, not {json_type(schema)}",
                    "schema_path": "/",
                },
            )
        )
    try:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "/"
        raise SchemaInvalid(
            CheckResult(
                "schema_invalid", {"reason": shorten(exc.message, 200), "schema_path": where}
            )
        ) from None
    return Schema(schema, cls(schema, format_checker=cls.FORMAT_CHECKER))


@dataclass(frozen=True, slots=True)
class Expectation:
    """What an ``expect`` asks of a message: a partial document and/or a schema.

    ``match`` is :data:`ANY` when the expect names none; with neither, any message
    will do.
    """

    match: Any
    schema: Schema | None = None

    def check_text(self, text: str) -> CheckResult:
        """The verdict for a received text frame."""
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            if self.match is ANY and self.schema is None:
                return MATCHES
            if isinstance(self.match, str) and self.schema is None:
                if text == self.match:
                    return MATCHES
                return CheckResult(
                    "value_differs",
                    {"path": "$", "expected": short_json(self.match), "actual": short_json(text)},
                )
            return CheckResult("not_json", {"path": "$", "text": shorten(text)})
        return self.check(document)

    def check(self, document: Any) -> CheckResult:
        """The verdict for a parsed message: the match first, then the schema."""
        if self.match is not ANY:
            verdict = match_partial(self.match, document)
            if not verdict.ok:
                return verdict
        if self.schema is not None:
            return self.schema.check(document)
        return MATCHES


class _Any:
    """The ``match`` of an expect that names none."""

    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Any()
