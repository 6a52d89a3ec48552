"""Very long lines shown as several display blocks, the text itself kept whole.

Qt lays a paragraph (a ``QTextBlock``) out in one piece, and lays it out again on every
change to it: a JSON document of 5 MB on one line stalls the window for seconds when it
goes in, and again at each key typed into it, however the insertion is sliced. So a
line longer than :data:`SOFT_LINE` characters is put in the document as blocks of about
:data:`CHUNK` characters: each block after the first carries a *soft break* mark (a
property of its ``QTextBlockFormat``), which says that it continues the line of the
block before. Every block is then small to lay out; the editor wraps them to its width,
so they read as the one paragraph they are.

:class:`SoftLineEdit` is a ``QPlainTextEdit`` that keeps to this: :meth:`text` joins
the blocks back (a line break only where a block is not marked), a copy or a drag
gives the real text, positions in the real text map to positions in the document, and
Enter in a marked block starts a real line. Undo and redo restore the marks with the
blocks. Text put in with ``insertPlainText`` or ``setPlainText`` is not cut (use
:meth:`SoftLineEdit.insert` or a paste).
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QMimeData, Qt, QTimer, Slot
from PySide6.QtGui import (
    QClipboard,
    QGuiApplication,
    QKeyEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget
from shiboken6 import Shiboken

SOFT_LINE = 10_000  # lines longer than this are cut into display blocks
CHUNK = 4_000  # characters per display block of such a line
_SOFT_BREAK = int(QTextFormat.Property.UserProperty) + 1


def soft_break_format() -> QTextBlockFormat:
    """The format of a block that continues the line of the block before."""
    fmt = QTextBlockFormat()
    fmt.setProperty(_SOFT_BREAK, True)
    return fmt


def _hand_the_clipboard_to_qt() -> None:
    """Put the text this process copied back on the clipboard as Qt's own object.

    A copy gives the clipboard a ``QMimeData`` made in Python, and the clipboard keeps
    it until Qt's exit handlers run, after the interpreter is gone: deleting it then
    crashes the process. Setting the same text again while Python still runs deletes
    ours now, and what the user copied stays on the clipboard after exit.
    """
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        mime = clipboard.mimeData(mode)
        if mime is not None and Shiboken.createdByPython(mime):
            clipboard.setText(mime.text(), mode)


_clipboard_handed_back_at_exit = False


def continues_line(block: QTextBlock) -> bool:
    """Whether ``block`` continues the line of the block before (a soft break)."""
    return block.blockFormat().boolProperty(_SOFT_BREAK)


def chunk_end(text: str, start: int, end: int) -> int:
    """Where a display block of ``text[start:end]`` (a piece of one long line) ends:
    after the last comma or space of its last few hundred characters, if any, so
    that tokens are rarely cut; else at ``end``."""
    if end - start < CHUNK:
        return end
    low = max(start + 1, end - 400)
    cut = max(text.rfind(",", low, end), text.rfind(" ", low, end))
    return cut + 1 if cut >= 0 else end


def utf16_length(text: str) -> int:
    """Qt counts UTF-16 units; Python counts code points."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def insert_plain(cursor: QTextCursor, text: str) -> None:
    """Insert ``text`` (no line of it long) at ``cursor``; its line breaks are real ones
    even when the cursor is in a marked block (Qt would copy the mark to new blocks)."""
    if "\n" in text and continues_line(cursor.block()):
        head, rest = text.split("\n", 1)
        cursor.insertText(head)
        cursor.insertBlock(QTextBlockFormat())
        cursor.insertText(rest)
    else:
        cursor.insertText(text)


def insert_long_line(cursor: QTextCursor, line: str, start: int = 0, limit: int = 0) -> int:
    """Insert ``line[start:]`` (part of a long line) at ``cursor`` as display blocks,
    each after the first marked as a soft break; stop after ``limit`` characters when
    given, before a mark. Return where it stopped."""
    stop = len(line) if not limit else min(len(line), start + limit)
    while start < stop:
        end = chunk_end(line, start, min(len(line), start + CHUNK))
        cursor.insertText(line[start:end])
        start = end
        if start < len(line):
            cursor.insertBlock(soft_break_format())
    return start


def insert_text(cursor: QTextCursor, text: str) -> bool:
    """Insert ``text`` at ``cursor``, long lines as soft-broken blocks, line breaks as
    real ones (also inside a marked block); return whether it made a soft break."""
    if len(text) <= SOFT_LINE:
        insert_plain(cursor, text)
        return False
    soft = False
    buffer: list[str] = []  # short lines, inserted in one call
    for number, line in enumerate(text.split("\n")):
        if number:
            buffer.append("\n")
        if len(line) <= SOFT_LINE:
            buffer.append(line)
            continue
        if buffer:
            insert_plain(cursor, "".join(buffer))
            buffer = []
        insert_long_line(cursor, line)
        soft = True
    if buffer:
        insert_plain(cursor, "".join(buffer))
    return soft


class SoftLineEdit(QPlainTextEdit):
    """A plain-text editor that shows very long lines as soft-broken blocks.

    ``soft`` is True once a soft break may be in the document; while it is, the text
    is read block by block and wrapped to the editor's width.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._soft = False
        self._wrap = self.lineWrapMode()
        #: True while this editor's own code inserts (it knows what it makes then).
        self.inserting = False
        self.document().contentsChange.connect(self._on_document_contents_change)

    @Slot(int, int, int)
    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        # An undo or a redo can bring marked blocks back: look at what changed.
        if self._soft or self.inserting or not added:
            return
        document = self.document()
        block, end = document.findBlock(position), position + added
        while block.isValid() and block.position() <= end:
            if continues_line(block):
                self._soft = True  # at once, for text(); the wrapping on the next turn
                QTimer.singleShot(0, self, self._on_soft_found)
                return
            block = block.next()

    @Slot()
    def _on_soft_found(self) -> None:
        self._soft = False
        self.set_soft(True)

    @property
    def soft(self) -> bool:
        """Whether the document may hold soft breaks."""
        return self._soft

    def set_soft(self, soft: bool) -> None:
        """Say whether the document holds soft breaks (after a whole new text)."""
        if soft == self._soft:
            return
        self._soft = soft
        if soft:
            self._wrap = self.lineWrapMode()
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        else:
            self.setLineWrapMode(self._wrap)

    def insert(self, cursor: QTextCursor, text: str) -> None:
        """Insert ``text`` at ``cursor`` as one edit, long lines soft-broken."""
        self.inserting = True
        try:
            cursor.beginEditBlock()
            made_soft = insert_text(cursor, text.replace("\r\n", "\n"))
            cursor.endEditBlock()
        finally:
            self.inserting = False
        if made_soft:
            self.set_soft(True)

    def text(self) -> str:
        """The real text: soft-broken blocks joined again."""
        document = self.document()
        if not self._soft:
            return document.toPlainText()
        # Block by block: quicker than toPlainText() on megabytes, and no positions to map.
        return self._text_between(document.begin(), None, 0, None)

    def position_of(self, offset: int) -> int:
        """The document position of character ``offset`` of :meth:`text`."""
        block = self.document().begin()
        real = 0
        while block.isValid():
            text = block.text()
            nxt = block.next()
            if offset <= real + len(text) or not nxt.isValid():
                inside = min(len(text), max(0, offset - real))
                return block.position() + utf16_length(text[:inside])
            real += len(text) + (0 if continues_line(nxt) else 1)
            block = nxt
        return 0

    def _text_between(
        self, first: QTextBlock, last: QTextBlock | None, start: int, end: int | None
    ) -> str:
        """The real text from position ``start`` in ``first`` to ``end`` in ``last``."""
        parts: list[str] = []
        block = first
        while block.isValid():
            text = block.text()
            cut_start = block == first and start > block.position()
            cut_end = end is not None and block == last
            if parts and not continues_line(block):
                parts.append("\n")
            if cut_start or cut_end:
                lo = start - block.position() if cut_start else 0
                hi = end - block.position() if cut_end and end is not None else utf16_length(text)
                text = _slice_utf16(text, lo, hi)
            parts.append(text)
            if last is not None and block == last:
                break
            block = block.next()
        joined = "".join(parts)
        return joined.replace("\u2028", "\n").replace("\u00a0", " ")  # as toPlainText()

    def createMimeDataFromSelection(self) -> QMimeData:
        if not self._soft:
            return super().createMimeDataFromSelection()
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        document = self.document()
        global _clipboard_handed_back_at_exit
        if not _clipboard_handed_back_at_exit:
            atexit.register(_hand_the_clipboard_to_qt)
            _clipboard_handed_back_at_exit = True
        mime = QMimeData()
        first, last = document.findBlock(start), document.findBlock(end)
        mime.setText(self._text_between(first, last, start, end))
        return mime

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if enter and plain and self._soft and not self.isReadOnly():
            cursor = self.textCursor()
            if continues_line(cursor.block()):
                cursor.insertBlock(QTextBlockFormat())  # Qt would copy the soft mark
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
                event.accept()
                return
        super().keyPressEvent(event)


def _slice_utf16(text: str, lo: int, hi: int) -> str:
    """``text`` between UTF-16 positions ``lo`` and ``hi``."""
    if text.isascii() or utf16_length(text) == len(text):
        return text[lo:hi]
    units = text.encode("utf-16-le")
    return units[2 * lo : 2 * hi].decode("utf-16-le", errors="replace")
