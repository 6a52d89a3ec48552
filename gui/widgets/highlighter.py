"""Syntax colours for JSON in a QTextDocument."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

_TOKEN = re.compile(
    r'(?P<string>"(?:[^"\\]|\\.)*"?)(?P<colon>\s*:)?'
    r"|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<literal>\btrue\b|\bfalse\b|\bnull\b)"
    r"|(?P<punct>[{}\[\],:])"
)


def _format(color: str, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


class JsonHighlighter(QSyntaxHighlighter):
    """Colours keys, strings, numbers, literals and punctuation, line by line.

    Lines longer than ``max_line``, and whole documents longer than ``max_document``
    characters, are left plain so that pasting a large document stays fast.
    """

    def __init__(
        self, document: QTextDocument, max_line: int = 20_000, max_document: int = 300_000
    ) -> None:
        super().__init__(document)
        self._max_line = max_line
        self.max_document = max_document
        self._formats = {
            "key": _format("#7a1fa2", bold=True),
            "string": _format("#1f7a3a"),
            "number": _format("#1d5fa8"),
            "literal": _format("#b35c00", bold=True),
            "punct": _format("#555555"),
        }

    def is_too_large(self) -> bool:
        """True when the document is too large to colour."""
        document = self.document()
        return document is not None and document.characterCount() > self.max_document

    @property
    def formats(self) -> dict[str, QTextCharFormat]:
        """The character format of each kind of token."""
        return self._formats

    def tokens(self, text: str) -> Iterator[tuple[int, int, QTextCharFormat]]:
        """``(start, length, format)`` of each token of one line."""
        formats = self._formats
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup
            if kind == "colon":
                kind = "string"
            if match.group("string") is not None:
                kind = "key" if match.group("colon") else "string"
                start, end = match.span("string")
            else:
                start, end = match.span()
            if kind is not None:
                yield start, end - start, formats[kind]

    def highlightBlock(self, text: str) -> None:
        if len(text) > self._max_line or self.is_too_large():
            return
        for start, length, fmt in self.tokens(text):
            self.setFormat(start, length, fmt)
