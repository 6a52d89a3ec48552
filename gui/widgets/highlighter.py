"""Syntax colours for JSON in a QTextDocument, from the theme's roles."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from gui.theme import Role, Scheme, colour, scheme_of

_TOKEN = re.compile(
    r'(?P<string>"(?:[^"\\]|\\.)*"?)(?P<colon>\s*:)?'
    r"|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<literal>\btrue\b|\bfalse\b|\bnull\b)"
    r"|(?P<punct>[{}\[\],:])"
)


_ROLES = {
    "key": (Role.JSON_KEY, True),
    "string": (Role.JSON_STRING, False),
    "number": (Role.JSON_NUMBER, False),
    "literal": (Role.JSON_LITERAL, True),
    "punct": (Role.JSON_PUNCTUATION, False),
}


def _format(role: Role, scheme: Scheme, bold: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(colour(role, scheme))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


class JsonHighlighter(QSyntaxHighlighter):
    """Colours keys, strings, numbers, literals and punctuation, line by line.

    Lines longer than ``max_line``, and whole documents longer than ``max_document``
    characters, are left plain so that pasting a large document stays fast.

    The colours are the theme's, light or dark as the palette of ``widget`` (the view
    of the document; default: the application's palette) is; they change, and the
    document is coloured again, when that palette changes.

    Signals:
        formatsChanged(): the theme changed the formats (the document is coloured
            again; a :class:`~gui.widgets.large_text.VisibleHighlighter` using
            :meth:`tokens` must refresh).
    """

    formatsChanged = Signal()

    def __init__(
        self,
        document: QTextDocument | None,
        max_line: int = 20_000,
        max_document: int = 300_000,
        *,
        widget: QWidget | None = None,
    ) -> None:
        if document is not None:
            super().__init__(document)
        elif widget is not None:  # a document comes later (setDocument)
            super().__init__(widget)
        else:
            raise TypeError("a JsonHighlighter needs a document or a widget")
        self._max_line = max_line
        self.max_document = max_document
        self._widget = widget
        palette = widget.palette() if widget is not None else QApplication.palette()
        self._scheme = scheme_of(palette)
        self._formats = self._make_formats(self._scheme)
        if widget is not None:
            widget.installEventFilter(self)

    @staticmethod
    def _make_formats(scheme: Scheme) -> dict[str, QTextCharFormat]:
        return {kind: _format(role, scheme, bold) for kind, (role, bold) in _ROLES.items()}

    @property
    def scheme(self) -> Scheme:
        """The scheme of the colours in use."""
        return self._scheme

    def set_scheme(self, scheme: Scheme) -> None:
        """Colour with ``scheme``'s colours (the whole document again)."""
        if scheme is self._scheme:
            return
        self._scheme = scheme
        self._formats = self._make_formats(scheme)
        if self.document() is not None:
            self.rehighlight()
        self.formatsChanged.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        widget = self._widget
        if widget is not None and watched is widget and event.type() == QEvent.Type.PaletteChange:
            self.set_scheme(scheme_of(widget.palette()))
        return False

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
