"""The wire protocol of ``/websock1-2/`` as plain functions (no Django, no I/O).

A request is any JSON document in a text frame. Replies:

- ``{"type": "echo", "data": <the document>}``
- ``{"type": "error", "code": ..., "message": ...}`` plus ``line``/``column`` for
  ``invalid_json`` and ``limit``/``size`` for ``message_too_large``.

Replies are compact JSON with non-ASCII text unescaped. JSON is read and written with
orjson (2 to 10 times faster than ``json``), and with the standard library wherever
orjson would answer differently from it (see ``decode``), so the answers are exactly
those of ``json``: the same documents accepted, the same values echoed, the same line
and column for invalid JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

INVALID_JSON = "invalid_json"
UNSUPPORTED_FRAME = "unsupported_frame"
MESSAGE_TOO_LARGE = "message_too_large"


class RequestError(Exception):
    """A request the server answers with an error reply instead of an echo."""

    def __init__(self, reply: dict[str, Any]) -> None:
        super().__init__(reply["message"])
        self.reply = reply


def error_reply(code: str, message: str, **details: Any) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": message, **details}


def echo_reply(document: Any) -> dict[str, Any]:
    return {"type": "echo", "data": document}


def parse_request(text: str | None, data: bytes | None, limit: int) -> Any:
    """Return the JSON document of a frame, or raise ``RequestError`` with the reply.

    ``limit`` is the largest accepted message in UTF-8 bytes (0 means no limit).
    """
    return decode(text, data, limit)[0]


# Digits and the decimal point all become "0": a run of 19 means a number literal of
# 19 or more digits, or of 18 or more with a decimal point (see ``decode``).
_NUMBER_CHARACTERS = bytes.maketrans(b"123456789.", b"0" * 10)
_LONG_NUMBER = b"0" * 19


def decode(text: str | None, data: bytes | None = None, limit: int = 0) -> tuple[Any, bool]:
    """Parse a frame as ``json.loads`` would; return the document and whether orjson
    may encode it (True) or the standard library must (False). Raise ``RequestError``
    with the reply for a binary frame, a message over ``limit`` UTF-8 bytes (0: no
    limit) and invalid JSON.

    The text is encoded to UTF-8 once, and those bytes serve the size limit, orjson
    (which would otherwise encode the str itself) and the check for long numbers.

    orjson is tried first. The standard library decides whenever orjson could differ:

    - orjson refuses: NaN, Infinity, numbers too large for a double, lone surrogates
      (``"\\ud800"``), nesting deeper than 1024, invalid JSON (whose line and column
      must be json's, so json parses it again and reports them);
    - orjson accepts but reads differently: an integer beyond 64 bits becomes a float
      in orjson and stays exact in json. Every integer of up to 18 digits fits in 64
      bits, so any literal with 19 or more digits (or 18+ significant digits with a
      point, in case a long mantissa rounds differently) goes to json. The check is
      one ``bytes.translate`` and one substring search, both in C.

    A document parsed by orjson holds no NaN, infinity, big integer or lone surrogate,
    the values orjson would write differently from json (NaN as null) or refuse, so
    orjson can encode it; one parsed by json may hold them, so json must encode it.
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
        raw = text.encode("utf-8", "surrogatepass")
        orjson_may_parse = False
    else:
        orjson_may_parse = True
    if limit and len(raw) > limit:
        raise RequestError(
            error_reply(
                MESSAGE_TOO_LARGE,
                f"message of {len(raw)} bytes is over the limit of {limit} bytes",
                size=len(raw),
                limit=limit,
            )
        )
    if orjson_may_parse:
        try:
            document = orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
        else:
            if len(raw) < len(_LONG_NUMBER) or _LONG_NUMBER not in raw.translate(
                _NUMBER_CHARACTERS
            ):
                return document, True
    return _stdlib_decode(text), False


def _stdlib_decode(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RequestError(
            error_reply(
                INVALID_JSON,
                f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                line=exc.lineno,
                column=exc.colno,
            )
        ) from None
    except RecursionError:
        raise RequestError(
            error_reply(INVALID_JSON, "invalid JSON: nested too deeply", line=1, column=1)
        ) from None


def encode_reply(reply: dict[str, Any], orjson_safe: bool = False) -> str:
    """Serialise a reply as compact JSON; non-ASCII text stays as it is (日本語 stays
    日本語). ``orjson_safe``: the reply holds only what ``decode`` let orjson parse."""
    if orjson_safe:
        return orjson.dumps(reply).decode()
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


def answer(text: str | None, data: bytes | None, limit: int) -> tuple[str, str | None]:
    """The reply to one frame, encoded, and the error code if it is an error reply."""
    try:
        document, orjson_safe = decode(text, data, limit)
    except RequestError as error:
        return encode_reply(error.reply), error.reply["code"]
    return encode_reply(echo_reply(document), orjson_safe), None
