"""The checks a tab runs on every received JSON message: its JSON Schema. Qt-free.

A tab's schema is typed (or loaded from a file) as text; :func:`schema_from_text` reads
it: a JSON error with its line and column, a schema that is not a schema with where in
the schema, or a :class:`SchemaCheck` ready to use. The session thread calls
:meth:`ReceivedChecks.verdict` on each received document, before the row is written and
shown, so a flood is checked off the GUI thread.

Two validators, one verdict. ``jsonschema`` (what the scenario runner uses) checks the
schema itself against its dialect's meta-schema, with the same wording as the runner;
``jsonschema-rs`` (a Rust validator, about 35 times faster than ``jsonschema`` on small
messages that pass and 30 times on those that fail, see ``bench/checks.py``) gives the
verdict of each message and its first error, so that checks keep up with the ingest of
the history even when every message fails. Both read the dialect from ``$schema``
(2020-12 by default) and check ``format``; a test holds their verdicts equal. Neither
fetches a ``$ref`` from the network: such a schema is refused at the field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import jsonschema_rs

from gui.core.jsontext import NotJsonError, loads
from gui.core.match import CheckResult, Schema, SchemaInvalid, compile_schema, json_path
from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, shorten


@dataclass(frozen=True, slots=True)
class Verdict:
    """A received message against the tab's schema: ``ok``, and for a failure the JSON
    path of the first error and its reason (English, from ``jsonschema``)."""

    ok: bool
    path: str = ""
    reason: str = ""


PASSED = Verdict(True)


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    """Why a schema text cannot be used: ``message`` in English (``why`` as a value,
    for the window to word), and where: ``line`` and ``column`` (1-based) for a JSON
    error, ``schema_path`` for a schema error."""

    message: str
    line: int | None = None
    column: int | None = None
    schema_path: str | None = None
    pos: int | None = None  # 0-based offset in the text, for a JSON error
    why: Outcome | None = None  # a SchemaTrouble, or the CheckResult of an invalid schema


class SchemaTrouble(Outcome):
    """:attr:`SchemaProblem.why`. ``reason`` is a validator's own words (English)."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "not_json": QT_TRANSLATE_NOOP(
            "SchemaTrouble", "not JSON: {detail} (line {line}, column {column})"
        ),
        "too_deep": QT_TRANSLATE_NOOP("SchemaTrouble", "not usable: nested too deeply"),
        "not_usable": QT_TRANSLATE_NOOP("SchemaTrouble", "not usable: {reason}"),
    }


def _problem(why: Outcome, **where: Any) -> SchemaProblem:
    return SchemaProblem(why.message, why=why, **where)


class SchemaCheck:
    """A valid JSON Schema, compiled for both validators. Immutable: the GUI thread
    swaps one for another, the session threads read it."""

    def __init__(self, text: str, schema: Schema, fast: Any) -> None:
        self.text = text
        self.schema = schema
        self._fast = fast

    def verdict(self, document: Any) -> Verdict:
        """The verdict for a parsed message (any thread): the fast validator's, with
        the path and reason of the first error it finds; ``jsonschema``'s best match
        for a value the Rust side cannot take (an integer beyond 64 bits...)."""
        try:
            for error in self._fast.iter_errors(document):
                path = json_path(list(error.instance_path))
                return Verdict(False, path, shorten(error.message, 200))
        except (ValueError, TypeError, OverflowError):
            result = self.schema.check(document)
            return PASSED if result.ok else _verdict(result)
        return PASSED


def _verdict(result: CheckResult) -> Verdict:
    return Verdict(False, result.path, str(result.data.get("reason", result.message)))


def schema_from_text(text: str) -> SchemaCheck | SchemaProblem | None:
    """The schema in ``text``: None when it is blank (no checks), a
    :class:`SchemaProblem` when it cannot be used, else a :class:`SchemaCheck`."""
    if not text.strip():
        return None
    try:
        schema = loads(text)
    except (json.JSONDecodeError, NotJsonError) as exc:
        spot = {"detail": exc.msg, "line": exc.lineno, "column": exc.colno}
        return _problem(
            SchemaTrouble("not_json", spot), line=exc.lineno, column=exc.colno, pos=exc.pos
        )
    except RecursionError:
        return _problem(SchemaTrouble("too_deep"))
    try:
        compiled = compile_schema(schema)
    except SchemaInvalid as exc:
        where = str(exc.result.data.get("schema_path", "/"))
        return _problem(exc.result, schema_path=where)
    try:
        fast = jsonschema_rs.validator_for(schema, validate_formats=True, offline=True)
    except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return _problem(
            SchemaTrouble("not_usable", {"reason": shorten(reason, 200)}), schema_path="/"
        )
    return SchemaCheck(text, compiled, fast)


class ReceivedChecks:
    """What one tab checks on its received messages, shared by the tab (GUI thread,
    which sets :attr:`schema`) and its session threads (which call :meth:`verdict`).
    Replacing the attribute is atomic: a message is checked against the old schema or
    the new one, never half of each."""

    def __init__(self, schema: SchemaCheck | None = None) -> None:
        self.schema = schema

    def verdict(self, document: Any) -> Verdict | None:
        """The verdict for a received JSON document; None when nothing is checked."""
        schema = self.schema
        if schema is None:
            return None
        return schema.verdict(document)
