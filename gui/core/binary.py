"""Binary payloads in and out of words: a hex dump to show, hex or base64 to parse.

Parse errors say what is wrong and where (the character position in what was typed),
as the JSON editor does for JSON.
"""

from __future__ import annotations

import binascii
import string
from collections.abc import Callable, Mapping
from typing import ClassVar

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome

DUMP_LIMIT = 64 * 1024  # bytes a hex dump shows; the rest is counted, not shown
_HEX_DIGITS = frozenset(string.hexdigits)
_HEX_SEPARATORS = frozenset(" \t\r\n:,-")
_PRINTABLE = frozenset(range(0x20, 0x7F))


class BinaryProblem(Outcome):
    """Why a text does not spell bytes (or what a hex dump leaves out)."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "not_hex": QT_TRANSLATE_NOOP("BinaryProblem", "not a hex digit: {char}"),
        "odd_hex": QT_TRANSLATE_NOOP(
            "BinaryProblem", "odd number of hex digits ({count}): the last byte has one digit"
        ),
        "not_base64_char": QT_TRANSLATE_NOOP("BinaryProblem", "not a base64 character: {char}"),
        "padding_inside": QT_TRANSLATE_NOOP("BinaryProblem", "padding '=' in the middle"),
        "base64_length": QT_TRANSLATE_NOOP(
            "BinaryProblem",
            "{count} base64 characters: a multiple of 4 is needed (padding '=' missing?)",
        ),
        "not_base64": QT_TRANSLATE_NOOP("BinaryProblem", "not valid base64: {error}"),
        "dump_cut": QT_TRANSLATE_NOOP(
            "BinaryProblem", "… {rest} more bytes (the first {seen} are shown; Export has all)"
        ),
    }


class BinaryInputError(ValueError):
    """Text that does not spell bytes; ``position`` is the 0-based character index."""

    def __init__(self, problem: BinaryProblem, position: int) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.message = problem.message  # the English, for logs
        self.position = position


def hex_dump(
    data: bytes,
    limit: int = DUMP_LIMIT,
    total: int | None = None,
    word: Callable[[Outcome], str] = str,
) -> str:
    """Offset, sixteen bytes in hex and the same bytes as ASCII, per line, as in
    ``00000000  7b 22 61 22 3a 20 31 7d  00 ff  |{"a": 1}..|``.

    At most ``limit`` bytes are shown; a last line counts the rest, of ``total`` bytes
    when ``data`` is only the start of a longer payload (``word`` puts it in words).
    """
    lines = []
    shown = data[:limit]
    total = len(data) if total is None else total
    for offset in range(0, len(shown), 16):
        row = shown[offset : offset + 16]
        left, right = row[:8].hex(" "), row[8:].hex(" ")
        ascii_text = "".join(chr(b) if b in _PRINTABLE else "." for b in row)
        lines.append(f"{offset:08x}  {left:<23}  {right:<23}  |{ascii_text}|")
    if total > len(shown):
        rest, seen = total - len(shown), len(shown)
        cut = BinaryProblem("dump_cut", {"rest": f"{rest:,}", "seen": f"{seen:,}"})
        lines.append(word(cut))
    return "\n".join(lines)


def parse_hex(text: str) -> bytes:
    """Bytes from hex digits; spaces, new lines, ``:``, ``,`` and ``-`` may separate
    them, and each group may start with ``0x``."""
    digits: list[str] = []
    positions: list[int] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _HEX_SEPARATORS:
            i += 1
            continue
        if char == "0" and text[i + 1 : i + 2] in ("x", "X") and _group_start(text, i):
            i += 2
            continue
        if char not in _HEX_DIGITS:
            raise BinaryInputError(BinaryProblem("not_hex", {"char": repr(char)}), i)
        digits.append(char)
        positions.append(i)
        i += 1
    if len(digits) % 2:
        problem = BinaryProblem("odd_hex", {"count": len(digits)})
        raise BinaryInputError(problem, positions[-1])
    return bytes.fromhex("".join(digits))


def _group_start(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _HEX_SEPARATORS


def parse_base64(text: str) -> bytes:
    """Bytes from base64 (the standard alphabet, or the URL-safe one); white space is
    ignored, padding is required where it belongs."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    compact = "".join(c for _, c in kept)
    if "-" in compact or "_" in compact:
        compact = compact.replace("-", "+").replace("_", "/")
    for index, (position, char) in enumerate(kept):
        if not (char.isascii() and (char.isalnum() or char in "+/=-_")):
            problem = BinaryProblem("not_base64_char", {"char": repr(char)})
            raise BinaryInputError(problem, position)
        if char == "=" and any(c != "=" for c in compact[index:]):
            raise BinaryInputError(BinaryProblem("padding_inside"), position)
    if len(compact) % 4:
        end = kept[-1][0] if kept else 0
        raise BinaryInputError(BinaryProblem("base64_length", {"count": len(compact)}), end)
    try:
        return binascii.a2b_base64(compact, strict_mode=True)
    except binascii.Error as exc:
        problem = BinaryProblem("not_base64", {"error": str(exc)})
        raise BinaryInputError(problem, kept[-1][0] if kept else 0) from None
