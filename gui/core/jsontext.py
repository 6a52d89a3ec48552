"""JSON validation with line and column, and the pretty / compact formatters.

Plain functions on strings, with no Qt, so they can be unit-tested directly and reused
by the editor, the history detail pane and the self-test.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


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

    @property
    def empty(self) -> bool:
        """True when the text held nothing but white space."""
        return not self.ok and self.position is None


def validate_json(text: str) -> Validation:
    """Check ``text`` as one JSON document and say where it is wrong."""
    if not text or text.isspace():
        return Validation(False, "Empty: type a JSON document")
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return Validation(
            False,
            f"Invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            exc.lineno,
            exc.colno,
            exc.pos,
        )
    except RecursionError:
        return Validation(False, "Invalid JSON: nested too deeply", 1, 1, 0)
    return Validation(True, "Valid JSON")


def is_json(text: str) -> bool:
    """True when ``text`` parses as a JSON document."""
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def format_json(text: str, indent: int = 2) -> str:
    """Return ``text`` pretty-printed; raise ``json.JSONDecodeError`` when invalid.

    Keys keep their order and non-ASCII text stays readable (no ``\\u`` escapes).
    """
    return json.dumps(json.loads(text), indent=indent, ensure_ascii=False)


def compact_json(text: str) -> str:
    """Return ``text`` on one line with no optional spaces; raise when invalid."""
    return json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)


def pretty_or_none(text: str) -> str | None:
    """Pretty-print ``text`` if it is JSON, else return ``None``."""
    try:
        return format_json(text)
    except (ValueError, RecursionError):
        return None
