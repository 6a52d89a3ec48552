"""JSON as RFC 8259 defines it: validation with line and column, and the formatters.

Plain functions on strings, with no Qt, so they can be unit-tested directly and reused
by the editor, the history, the detail pane and the self-test.

Python's ``json`` module reads more than JSON and less than JSON: it accepts ``NaN``,
``Infinity`` and ``-Infinity`` (which RFC 8259 forbids), and it raises ``ValueError`` on
an integer of more than 4,300 digits (Python's limit on converting strings to ints),
which is valid JSON. :func:`loads` refuses the first (:class:`NotJsonError`, with the
position) and reads the second. :func:`format_json` and :func:`compact_json` write
every number back as it was written when Python cannot hold it exactly (such an
integer, or ``1e999``, which would otherwise come back as ``Infinity``).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import orjson  # strict RFC 8259 and several times faster: what it accepts is JSON
import simdjson  # checks megabytes in milliseconds, and builds no Python objects

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome

_CONSTANTS = ("NaN", "Infinity", "-Infinity")
# A JSON string (skipped), or one of the constants outside strings.
_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


# What Python's ``json`` says is wrong (``JSONDecodeError.msg``, the C scanner's and the
# pure-Python decoder's), and :class:`NotJsonError`'s; marked so that the window words
# the detail of an invalid document (``gui.words``). A message not here is shown as it is.
JSON_DETAILS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("JsonDetail", "Expecting value"),
    QT_TRANSLATE_NOOP("JsonDetail", "Expecting ',' delimiter"),
    QT_TRANSLATE_NOOP("JsonDetail", "Expecting ':' delimiter"),
    QT_TRANSLATE_NOOP("JsonDetail", "Expecting property name enclosed in double quotes"),
    QT_TRANSLATE_NOOP("JsonDetail", "Extra data"),
    QT_TRANSLATE_NOOP("JsonDetail", "Unterminated string starting at"),
    QT_TRANSLATE_NOOP("JsonDetail", "Invalid control character at"),
    QT_TRANSLATE_NOOP("JsonDetail", "Invalid \\escape"),
    QT_TRANSLATE_NOOP("JsonDetail", "Invalid \\uXXXX escape"),
    QT_TRANSLATE_NOOP("JsonDetail", "Illegal trailing comma before end of object"),
    QT_TRANSLATE_NOOP("JsonDetail", "Illegal trailing comma before end of array"),
    QT_TRANSLATE_NOOP("JsonDetail", "NaN is not allowed in JSON (RFC 8259)"),
    QT_TRANSLATE_NOOP("JsonDetail", "Infinity is not allowed in JSON (RFC 8259)"),
    QT_TRANSLATE_NOOP("JsonDetail", "-Infinity is not allowed in JSON (RFC 8259)"),
)


class NotJsonError(ValueError):
    """Text that Python's ``json`` reads but that is not JSON (``NaN``, ``Infinity``).

    ``pos`` is the 0-based offset of the offending token, ``lineno`` and ``colno``
    (1-based) its line and column, as :class:`json.JSONDecodeError` has them.
    """

    def __init__(self, msg: str, doc: str, pos: int) -> None:
        self.msg, self.doc, self.pos = msg, doc, pos
        self.lineno = doc.count("\n", 0, pos) + 1
        self.colno = pos - doc.rfind("\n", 0, pos)
        super().__init__(f"{msg}: line {self.lineno} column {self.colno} (char {pos})")


class _ConstantFound(Exception):
    pass


def _refuse_constant(name: str) -> Any:
    raise _ConstantFound(name)


@dataclass(frozen=True, slots=True)
class JsonNumber:
    """A number literal that Python cannot hold exactly, kept as written."""

    literal: str


def _int_or_literal(literal: str) -> int | JsonNumber:
    try:
        return int(literal)
    except ValueError:  # more digits than Python converts
        return JsonNumber(literal)


def _float_or_literal(literal: str) -> float | JsonNumber:
    value = float(literal)
    return value if value - value == 0 else JsonNumber(literal)  # inf - inf is nan


def _parse(text: str, exact: bool) -> Any:
    hooks: dict[str, Any] = {"parse_constant": _refuse_constant}
    if exact:
        hooks.update(parse_int=_int_or_literal, parse_float=_float_or_literal)
    try:
        return json.loads(text, **hooks)
    except _ConstantFound as found:
        name = str(found)
        for match in _STRING_OR_CONSTANT.finditer(text):
            if match.group(1) == name:
                raise NotJsonError(
                    f"{name} is not allowed in JSON (RFC 8259)", text, match.start()
                ) from None
        raise NotJsonError(f"{name} is not allowed in JSON (RFC 8259)", text, 0) from None


def loads(text: str) -> Any:
    """Parse ``text`` as one RFC 8259 JSON document.

    Raises :class:`json.JSONDecodeError` or :class:`NotJsonError` (both ``ValueError``,
    with ``pos``, ``lineno`` and ``colno``) when it is not one, ``RecursionError``
    when it is nested too deeply for Python. An integer of more than 4,300 digits comes
    back as a :class:`JsonNumber`; a number beyond a float's range as ``inf`` (see
    :func:`loads_exact`).
    """
    try:
        return _parse(text, exact=False)
    except (json.JSONDecodeError, NotJsonError):
        raise
    except ValueError:  # an integer Python will not convert: read the numbers one by one
        return _parse(text, exact=True)


def parse(text: str) -> Any:
    """The value of a JSON document, as fast as possible, for a look at it (its type,
    its keys): numbers may be less exact than :func:`loads` gives them. Raises as
    :func:`loads` does on what is not JSON."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass  # some JSON orjson refuses (1e999, "\ud800"): the standard library decides
    return loads(text)


def loads_exact(text: str) -> Any:
    """:func:`loads`, with every number Python cannot hold exactly as a
    :class:`JsonNumber` (slower: a Python call per number)."""
    return _parse(text, exact=True)


def _dumps(value: Any, **options: Any) -> str:
    """``json.dumps`` that writes :class:`JsonNumber` literals as they were; raises
    ``ValueError`` on a float it cannot write (``inf``)."""
    literals: list[str] = []
    marker = secrets.token_hex(8)

    def default(obj: object) -> object:
        if isinstance(obj, JsonNumber):
            literals.append(obj.literal)
            return f"\0{marker}:{len(literals) - 1}\0"
        raise TypeError(f"{type(obj).__name__} is not JSON")

    out = json.dumps(value, ensure_ascii=False, allow_nan=False, default=default, **options)
    if not literals:
        return out
    placeholder = re.compile(rf'"\\u0000{marker}:(\d+)\\u0000"')
    return placeholder.sub(lambda match: literals[int(match.group(1))], out)


def dump_value(value: Any, *, indent: int | None = None) -> str:
    """A parsed value as JSON text (keys in order, non-ASCII readable), a
    :class:`JsonNumber` as it was written; ``ValueError`` on a float JSON cannot write
    (``inf``, which :func:`loads_exact` never gives)."""
    return _dumps(value, indent=indent)


def _reformat(text: str, **options: Any) -> str:
    try:
        return _dumps(loads(text), **options)
    except (json.JSONDecodeError, NotJsonError):
        raise
    except ValueError:  # a number beyond a float's range: keep it as written
        return _dumps(loads_exact(text), **options)


class JsonVerdict(Outcome):
    """What :func:`validate_json` says of a text, for the window to word."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "empty": QT_TRANSLATE_NOOP("JsonVerdict", "Empty: type a JSON document"),
        "valid": QT_TRANSLATE_NOOP("JsonVerdict", "Valid JSON"),
        "invalid": QT_TRANSLATE_NOOP(
            "JsonVerdict", "Invalid JSON at line {line}, column {column}: {detail}"
        ),
        "too_deep": QT_TRANSLATE_NOOP("JsonVerdict", "Invalid JSON: nested too deeply"),
    }
    OK: ClassVar[frozenset[str]] = frozenset({"valid"})


@dataclass(frozen=True, slots=True)
class Validation:
    """Outcome of checking a text as a JSON document.

    ``line`` and ``column`` are 1-based; ``position`` is the 0-based character offset of
    the error in the text. They are ``None`` when the text is valid or empty.
    """

    ok: bool
    message: str
    line: int | None = None
    column: int | None = None
    position: int | None = None
    verdict: JsonVerdict | None = None  # ``message`` as a value, for the window

    @property
    def empty(self) -> bool:
        """True when the text held nothing but white space."""
        return not self.ok and self.position is None


def validate_json(text: str) -> Validation:
    """Check ``text`` as one JSON document and say where it is wrong."""
    if not text or text.isspace():
        return _verdict(JsonVerdict("empty"))
    if _simdjson_accepts(text):
        return _verdict(JsonVerdict("valid"))
    try:
        loads(text)
    except (json.JSONDecodeError, NotJsonError) as exc:
        where = {"line": exc.lineno, "column": exc.colno, "detail": exc.msg}
        return _verdict(JsonVerdict("invalid", where), exc.lineno, exc.colno, exc.pos)
    except RecursionError:
        return _verdict(JsonVerdict("too_deep"), 1, 1, 0)
    return _verdict(JsonVerdict("valid"))


def _verdict(
    verdict: JsonVerdict, line: int | None = None, column: int | None = None, at: int | None = None
) -> Validation:
    return Validation(verdict.ok, verdict.message, line, column, at, verdict)


def _simdjson_accepts(text: str) -> bool:
    """Whether simdjson (strict RFC 8259, UTF-8 checked) reads ``text``. Parsing into
    Python objects holds the GIL for hundreds of ms on 5 MB (``json`` and ``orjson``
    alike); simdjson only checks it, in C++. What it refuses (an error, and a few
    valid documents: integers beyond 64 bits, 1e999, nesting beyond 1024) the standard
    library decides, with the line and column of the error."""
    try:
        document = simdjson.Parser().parse(text.encode("utf-8"))
    except (ValueError, RuntimeError, UnicodeEncodeError):
        return False
    del document  # a view into the parser's memory
    return True


def is_json(text: str) -> bool:
    """True when ``text`` is one JSON document."""
    try:
        parse(text)
    except (ValueError, RecursionError):
        return False
    return True


def format_json(text: str, indent: int = 2) -> str:
    """Return ``text`` pretty-printed; raise ``ValueError`` when it is not JSON.

    Keys keep their order and non-ASCII text stays readable (no ``\\u`` escapes).
    """
    return _reformat(text, indent=indent)


def compact_json(text: str) -> str:
    """Return ``text`` on one line with no optional spaces; raise when it is not JSON."""
    return _reformat(text, separators=(",", ":"))


def pretty_or_none(text: str) -> str | None:
    """Pretty-print ``text`` if it is JSON, else return ``None``."""
    try:
        return format_json(text)
    except (ValueError, RecursionError):
        return None
