"""The wire protocol of ``/websock1-2/`` as plain functions (no Django, no I/O).

A request is any JSON document (RFC 8259) in a text frame. Replies:

- ``{"type": "echo", "data": <the document>}``
- ``{"type": "error", "code": ..., "message": ...}``, with ``line``/``column`` for
  ``invalid_json`` and ``nesting_too_deep``, ``size`` for ``unsupported_frame``.

Replies are compact JSON with non-ASCII text unescaped. JSON is read and written with
orjson (2 to 10 times faster than ``json``), and with the standard library wherever
orjson would answer differently from it (see ``decode``), so the documents accepted, the
values echoed and the line and column of an error are those of ``json``, with one rule
of RFC 8259 on top: ``NaN``, ``Infinity`` and ``-Infinity`` are not JSON, so they are
refused like any other invalid text.

A few valid documents cannot be written back by either encoder: integers of more than
4,300 digits (Python's int/str conversion limit, a guard against quadratic-time
conversions), numbers beyond a double (``1e999`` would become ``Infinity``, which is not
JSON) and nesting deeper than the encoders go (orjson writes 254 levels, ``json`` stops
at the interpreter's recursion limit). Those are echoed verbatim: ``data`` is the
request's own text (an ``orjson.Fragment``), whitespace around it removed, which is the
same document, exactly.
Nesting deeper than 1024 levels, the most orjson reads, is refused with
``nesting_too_deep``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import orjson

INVALID_JSON = "invalid_json"
NESTING_TOO_DEEP = "nesting_too_deep"
UNSUPPORTED_FRAME = "unsupported_frame"
MAX_DEPTH = 1024
"""The deepest nesting accepted (orjson's limit; RFC 8259 section 9 lets parsers set one)."""


class RequestError(Exception):
    """A request the server answers with an error reply instead of an echo."""

    def __init__(self, reply: dict[str, Any]) -> None:
        super().__init__(reply["message"])
        self.reply = reply


def error_reply(code: str, message: str, **details: Any) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": message, **details}


def echo_reply(document: Any) -> dict[str, Any]:
    return {"type": "echo", "data": document}


def parse_request(text: str | None, data: bytes | None) -> Any:
    """Return the JSON document of a frame, or raise ``RequestError`` with the reply.

    The size of a message is not checked here: daphne (autobahn) closes the connection
    with 1009 before a message over the limit reaches the consumer.
    """
    return decode(text, data)[0]


# Digits and the decimal point all become "0": a run of 19 means a number literal of
# 19 or more digits, or of 18 or more with a decimal point (see ``decode``).
_NUMBER_CHARACTERS = bytes.maketrans(b"123456789.", b"0" * 10)
_LONG_NUMBER = b"0" * 19


def decode(text: str | None, data: bytes | None = None) -> tuple[Any, bool]:
    """Parse a frame as ``json.loads`` would, NaN and infinities refused; return the
    document and whether orjson may encode it (True) or the standard library must
    (False). Raise ``RequestError`` with the reply for a binary frame, invalid JSON and
    nesting deeper than ``MAX_DEPTH``. A document no encoder can write (an integer
    over the digit limit, a number beyond a double) comes back as an
    ``orjson.Fragment`` of its own text, which orjson writes as it is.

    The text is encoded to UTF-8 once, and those bytes serve orjson (which would
    otherwise encode the str itself) and the check for long numbers.

    orjson is tried first. The standard library decides whenever orjson could differ:

    - orjson refuses: numbers too large for a double, lone surrogates (``"\\ud800"``),
      invalid JSON (whose line and column must be json's, so json parses it again and
      reports them);
    - orjson accepts but reads differently: an integer beyond 64 bits becomes a float
      in orjson and stays exact in json. Every integer of up to 18 digits fits in 64
      bits, so any literal with 19 or more digits (or 18+ significant digits with a
      point, in case a long mantissa rounds differently) goes to json. The check is
      one ``bytes.translate`` and one substring search, both in C.

    A document parsed by orjson holds no big integer or lone surrogate, the values
    orjson would refuse to write, so orjson can encode it; one parsed by json may hold
    them, so json must encode it.
    """
    if text is None:
        raise RequestError(
            error_reply(
                UNSUPPORTED_FRAME,
                "binary frames are not supported here: send JSON as a text frame"
                " (the raw /echo/ endpoint echoes binary frames)",
                size=len(data or b""),
            )
        )
    try:
        raw = text.encode()
    except UnicodeEncodeError:  # a raw lone surrogate: never from a socket (UTF-8)
        return _stdlib_decode(text)
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        if error.msg == "depth limit exceeded":
            raise RequestError(_too_deep(error.lineno, error.colno)) from None
    else:
        if len(raw) < len(_LONG_NUMBER) or _LONG_NUMBER not in raw.translate(_NUMBER_CHARACTERS):
            return document, True
    return _stdlib_decode(text)


class _NotJson(ValueError):
    """Raised by the parser's hook for NaN, Infinity and -Infinity."""


class _NotWritable(ValueError):
    """Raised by the parser's hook for a number beyond a double (``1e999``)."""


def _refuse_constant(name: str) -> Any:
    raise _NotJson(name)


def _finite_float(literal: str) -> float:
    value = float(literal)
    if value in (math.inf, -math.inf):
        raise _NotWritable(literal)
    return value


def _stdlib_decode(text: str) -> tuple[Any, bool]:
    try:
        return _stdlib_loads(text, parse_float=_finite_float), False
    except _NotWritable:
        pass
    except ValueError:
        pass  # an integer over Python's int/str digit limit (4300 by default)
    # Check the whole document without converting its numbers (``len`` takes the
    # literal and returns an int, in C), and echo it as received.
    _stdlib_loads(text, parse_int=len, parse_float=len)
    return orjson.Fragment(text.strip(" \t\n\r")), True


def _stdlib_loads(text: str, **hooks: Any) -> Any:
    """``json.loads`` with NaN refused, its errors turned into error replies."""
    try:
        return json.loads(text, parse_constant=_refuse_constant, **hooks)
    except json.JSONDecodeError as exc:
        raise RequestError(_invalid(exc.msg, exc.lineno, exc.colno)) from None
    except _NotJson as exc:
        raise RequestError(_constant_refused(text, str(exc))) from None
    except RecursionError:
        raise RequestError(_too_deep()) from None


def _invalid(message: str, line: int, column: int) -> dict[str, Any]:
    return error_reply(
        INVALID_JSON,
        f"invalid JSON: {message} at line {line} column {column}",
        line=line,
        column=column,
    )


def _too_deep(line: int | None = None, column: int | None = None) -> dict[str, Any]:
    """orjson tells where the limit was crossed; json's RecursionError does not."""
    if line is None or column is None:
        where, line, column = "", 1, 1
    else:
        where = f" at line {line} column {column}"
    return error_reply(
        NESTING_TOO_DEEP,
        f"JSON nested too deeply: this server reads at most {MAX_DEPTH} levels{where}",
        line=line,
        column=column,
        limit=MAX_DEPTH,
    )


# Strings or the constants; json accepted everything before the first constant, so
# every string before it is well formed and the first constant outside one is it.
_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)


def _constant_refused(text: str, name: str) -> dict[str, Any]:
    position = 0
    for match in _STRING_OR_CONSTANT.finditer(text):
        if match.group(1) is not None:
            position = match.start()
            break
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return _invalid(f"{name} is not a JSON value (RFC 8259)", line, column)


def encode_reply(reply: dict[str, Any], orjson_safe: bool = False) -> str:
    """Serialise a reply as compact JSON; non-ASCII text stays as it is (日本語 stays
    日本語). ``orjson_safe``: the reply holds only what ``decode`` let orjson parse.
    A document nested deeper than orjson writes (254 levels) goes to ``json``, which
    raises ``RecursionError`` near the interpreter's recursion limit."""
    if orjson_safe:
        try:
            return orjson.dumps(reply).decode()
        except orjson.JSONEncodeError:
            pass
    text = json.dumps(reply, ensure_ascii=False, separators=(",", ":"))
    if not text.isascii():
        try:
            text.encode()
        except UnicodeEncodeError:
            text = _escape_lone_surrogates(text)
    return text


# A str holds a surrogate code point only when it is lone (json.loads joins "\ud83d\ude00"
# into one character), and only inside a JSON string in the output, where its \u escape
# means the same. Without it the reply could not be sent: a text frame is UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_lone_surrogates(text: str) -> str:
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def encode_carrying(
    envelope: dict[str, Any], document: Any, source: str | None, orjson_safe: bool
) -> str:
    """``envelope`` with ``"data": document`` added, encoded (the echo reply, a room
    message). A document nested deeper than the encoders write goes out as its own
    text, ``source``, the request it was parsed from: it is the same document."""
    reply = {**envelope, "data": document}
    if orjson_safe:
        try:
            return orjson.dumps(reply).decode()
        except orjson.JSONEncodeError:
            if source is None:
                raise
    else:
        try:
            return encode_reply(reply, False)
        except RecursionError:
            if source is None:
                raise
    reply["data"] = orjson.Fragment(source.strip(" \t\n\r"))
    return orjson.dumps(reply).decode()


def answer(text: str | None, data: bytes | None) -> tuple[str, str | None]:
    """The reply to one frame, encoded, and the error code if it is an error reply."""
    try:
        document, orjson_safe = decode(text, data)
    except RequestError as error:
        return encode_reply(error.reply), error.reply["code"]
    return encode_carrying({"type": "echo"}, document, text, orjson_safe), None
