"""Helpers that keep a QPlainTextEdit responsive with documents of several megabytes.

Qt inserts text into a document in one go: 5 MB of pretty-printed JSON take seconds,
during which the event loop is stuck. :class:`ChunkedInserter` inserts it in slices,
one per event-loop turn, as a single undo step; a very long line goes in as the
soft-broken display blocks of :mod:`gui.widgets.soft_lines`. :class:`VisibleHighlighter` colours
only the lines on screen, for documents too large for a QSyntaxHighlighter (which colours
every line of the document, up front).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QRect, QTimer, Signal, Slot
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from gui.widgets.soft_lines import (
    CHUNK,
    SOFT_LINE,
    SoftLineEdit,
    insert_long_line,
    insert_plain,
)

Tokenizer = Callable[[str], Iterable[tuple[int, int, QTextCharFormat]]]


class ChunkedInserter(QObject):
    """Inserts a long text into an editor a slice per event-loop turn, as one undo step.

    The editor is read-only while it runs, so the user cannot edit a half-pasted text.

    Signals:
        progress(int done, int total): characters inserted so far.
        finished(): the whole text is in.
    """

    progress = Signal(int, int)
    finished = Signal()

    BUDGET_S = 0.02  # work per event-loop turn: well under a visible stall

    def __init__(self, edit: QPlainTextEdit, chunk: int = 65_536) -> None:
        super().__init__(edit)
        self._edit = edit
        self._chunk = chunk
        self._text = ""
        self._done = 0
        self._to_remove = 0  # characters of the old selection still to delete
        self._cursor: QTextCursor | None = None
        self._was_read_only = False
        self._follow = True
        self._long_line: str | None = None  # the long line going in, by display blocks
        self._long_start = self._long_at = 0
        self.made_soft = False  # a long line was cut into soft-broken blocks
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def busy(self) -> bool:
        """True while a text is being inserted."""
        return self._cursor is not None

    def insert(self, cursor: QTextCursor, text: str, *, follow: bool = True) -> None:
        """Replace ``cursor``'s selection with ``text``, a slice at a time. The editor's
        cursor ends after the text (``follow``, as a paste does) or at the start."""
        self.cancel()
        self._follow = follow
        self._text = text.replace("\r\n", "\n")
        self._done = 0
        self._long_line = None
        self.made_soft = False
        own = self._cursor = QTextCursor(cursor)
        self._to_remove = cursor.selectionEnd() - cursor.selectionStart()
        document = cursor.document()
        lines = (
            document.findBlock(cursor.selectionEnd()).blockNumber()
            - document.findBlock(cursor.selectionStart()).blockNumber()
            + 1
        )
        # Long lines: cutting slices off one would lay it out again each time.
        remove_at_once = self._to_remove <= 4 * self._chunk or self._to_remove / lines > self._chunk
        own.setPosition(cursor.selectionStart())
        self._was_read_only = self._edit.isReadOnly()
        self._edit.setReadOnly(True)
        if isinstance(self._edit, SoftLineEdit):
            self._edit.inserting = True
        own.beginEditBlock()
        if remove_at_once:
            own.setPosition(cursor.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            own.removeSelectedText()
            self._to_remove = 0
        if isinstance(self._edit, SoftLineEdit) and document.isEmpty():
            # Now, while it is cheap: a change of wrap mode lays the document out again.
            self._edit.set_soft(False)
        self._step()
        own.endEditBlock()
        if isinstance(self._edit, SoftLineEdit):
            self._edit.inserting = False
        if self._cursor is not None:
            self._timer.start()

    def cancel(self) -> None:
        """Stop inserting (what is in stays in)."""
        if self._cursor is not None:
            self._timer.stop()
            self._cursor = None
            self._edit.setReadOnly(self._was_read_only)

    def _step(self) -> None:
        assert self._cursor is not None
        if self._to_remove:
            # Deleting megabytes at once stalls too: the old text goes by slices first.
            cursor = self._cursor
            count = min(self._to_remove, self._chunk * 4)
            start = cursor.position()
            cursor.setPosition(start + count, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            self._to_remove -= count
            emptied = not self._to_remove and cursor.document().isEmpty()
            if emptied and isinstance(self._edit, SoftLineEdit):
                self._edit.set_soft(False)
            return
        text, done, cursor = self._text, self._done, self._cursor
        line_end = text.find("\n", done)
        if line_end < 0:
            line_end = len(text)
        if self._long_line is not None or line_end - done > SOFT_LINE:
            # A long line: a display block of it per step, each marked as continuing it.
            if self._long_line is None:
                self._long_line, self._long_start, self._long_at = text[done:line_end], done, 0
                self.made_soft = True
                if isinstance(self._edit, SoftLineEdit):
                    self._edit.set_soft(True)  # wrapped: while little is in, it is cheap
            line = self._long_line
            self._long_at = insert_long_line(cursor, line, self._long_at, limit=CHUNK)
            self._done = self._long_start + self._long_at
            if self._long_at >= len(line):
                self._long_line = None
        else:
            # Slices end at a line break: appending to a line again and again would lay
            # it out again each time.
            end = text.rfind("\n", done, done + self._chunk) + 1
            if end <= done:
                end = line_end + 1 if line_end < len(text) else len(text)
            insert_plain(cursor, text[done:end])
            self._done = end
        self.progress.emit(self._done, len(self._text))
        if self._done >= len(self._text):
            cursor = self._cursor
            self.cancel()
            if self._follow:
                self._edit.setTextCursor(cursor)
            else:
                self._edit.moveCursor(QTextCursor.MoveOperation.Start)
            self._text = ""
            self.finished.emit()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._cursor is None:
            return
        cursor = self._cursor
        deadline = time.perf_counter() + self.BUDGET_S
        soft_edit = self._edit if isinstance(self._edit, SoftLineEdit) else None
        if soft_edit is not None:
            soft_edit.inserting = True  # it knows what it makes: marks, or none
        try:
            cursor.joinPreviousEditBlock()  # one undo step for the whole insertion
            while self._cursor is not None and time.perf_counter() < deadline:
                self._step()
            cursor.endEditBlock()
        finally:
            if soft_edit is not None:
                soft_edit.inserting = False


class VisibleHighlighter(QObject):
    """Colours the blocks shown in an editor's viewport, and only those.

    Formats go straight onto each block's layout; a block is coloured again only when its
    text changed (its revision is kept in the block's user state).
    """

    def __init__(self, edit: QPlainTextEdit, tokenize: Tokenizer, max_line: int) -> None:
        super().__init__(edit)
        self._edit = edit
        self._tokenize = tokenize
        self._max_line = max_line
        self._enabled = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.colour_visible)
        edit.updateRequest.connect(self._on_edit_update_request)

    @property
    def enabled(self) -> bool:
        """Whether visible blocks are coloured."""
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        """Start or stop colouring what is visible."""
        self._enabled = on
        if on:
            self._timer.start()

    @Slot()
    def refresh(self) -> None:
        """Colour the visible blocks again (Qt drops layout formats during some edits,
        such as a long insertion, without changing the blocks' revisions)."""
        if self._enabled:
            for block in self.visible_blocks():
                block.setUserState(-1)
            self._timer.start()

    @Slot(QRect, int)
    def _on_edit_update_request(self, rect: QRect, dy: int) -> None:
        if self._enabled and not self._timer.isActive():
            self._timer.start()

    def visible_blocks(self) -> list[QTextBlock]:
        """The blocks that the viewport shows (plus one below, for smooth scrolling)."""
        edit = self._edit
        block = edit.firstVisibleBlock()
        height = edit.viewport().height()
        offset = edit.contentOffset()
        blocks = []
        # A block may wrap over several lines (soft-broken long lines are wrapped):
        # stop at the first block below the viewport, not after a count of lines.
        while block.isValid():
            blocks.append(block)
            if edit.blockBoundingGeometry(block).translated(offset).top() > height:
                break
            block = block.next()
        return blocks

    @Slot()
    def colour_visible(self) -> None:
        """Colour the visible blocks whose text changed since they were coloured."""
        if not self._enabled:
            return
        document = self._edit.document()
        for block in self.visible_blocks():
            if block.userState() == block.revision():
                continue
            text = block.text()
            ranges = []
            if len(text) <= self._max_line:
                for start, length, fmt in self._tokenize(text):
                    item = QTextLayout.FormatRange()
                    item.start, item.length, item.format = start, length, fmt
                    ranges.append(item)
            block.layout().setFormats(ranges)
            block.setUserState(block.revision())
            document.markContentsDirty(block.position(), block.length())
