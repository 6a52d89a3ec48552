"""The wire protocol of ``/websock1-2/`` as plain functions (no Django, no I/O).

A request is any JSON document in a text frame. Replies:

- ``{"type": "echo", "data": <the document>}``
- ``{"type": "error", "code": ..., "message": ...}`` plus ``line``/``column`` for
  ``invalid_json`` and ``limit``/``size`` for ``message_too_large``.
"""

from __future__ import annotations

import json
from typing import Any

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
    if text is None:
        raise RequestError(
            error_reply(
                UNSUPPORTED_FRAME,
                "binary frames are not supported here: send JSON as a text frame"
                " (the raw /echo/ endpoint echoes binary frames)",
                size=len(data or b""),
            )
        )
    # A str holds at most 4 bytes per code point; only measure when it could be too big.
    if limit and len(text) * 4 > limit:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise RequestError(
                error_reply(
                    MESSAGE_TOO_LARGE,
                    f"message of {size} bytes is over the limit of {limit} bytes",
                    size=size,
                    limit=limit,
                )
            )
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


def encode_reply(reply: dict[str, Any]) -> str:
    """Serialise a reply; non-ASCII text stays as it is (日本語 stays 日本語)."""
    return json.dumps(reply, ensure_ascii=False)
