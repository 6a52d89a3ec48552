"""The JSON editor: highlighted text, validation as you type, format, send."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.background import BackgroundRunner
from gui.core.jsontext import Validation, compact_json, format_json, validate_json
from gui.theme import Role, colour, set_role
from gui.widgets.commands import bind_button, command
from gui.widgets.elided_label import ElidedLabel
from gui.widgets.highlighter import JsonHighlighter
from gui.widgets.large_text import ChunkedInserter, VisibleHighlighter
from gui.widgets.soft_lines import SOFT_LINE, SoftLineEdit
from gui.words import word

_LARGE = 200_000  # characters above which only the visible lines are coloured
_CHUNKED = 200_000  # characters above which text goes in by slices, formats in a thread
_MAX_LINE = 20_000  # lines longer than this are not coloured
_LONG_LINES = 20_000  # average characters per line above which editing gets slow


def utf16_offset(text: str, position: int) -> int:
    """Qt positions count UTF-16 units; Python counts code points."""
    head = text[:position]
    return position + sum(1 for ch in head if ord(ch) > 0xFFFF)


class JsonTextEdit(SoftLineEdit):
    """A plain-text editor (very long lines soft-broken, see :mod:`gui.widgets.soft_lines`)
    that turns Ctrl+Enter into :attr:`sendShortcut`.

    Signals:
        sendShortcut(): Ctrl+Enter (or Ctrl+Return) was pressed.
    """

    sendShortcut = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Called with pasted or dropped text; returns True when it inserted it itself.
        self.paste_hook: Callable[[str], bool] | None = None

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if source.hasUrls() and any(url.isLocalFile() for url in source.urls()):
            return False  # a file: the window loads it (its text, not its name)
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText() and self.paste_hook is not None and self.paste_hook(source.text()):
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            self.sendShortcut.emit()
            return
        super().keyPressEvent(event)


class JsonEditor(QWidget):
    """Editor, validation label and the Format / Compact / Send / Send raw buttons.

    Send is enabled only while the text is valid JSON and a connection is open; "Send
    raw" sends whatever is typed (to see how a server treats bad input).

    Signals:
        sendRequested(str text): send this valid JSON document.
        sendRawRequested(str text): send this text as is.
        sendBinaryRequested(): the user wants to send a binary message (the window asks
            for its bytes).
    """

    sendRequested = Signal(str)
    sendRawRequested = Signal(str)
    sendBinaryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._connected = False
        self._validation = validate_json("")

        self.edit = JsonTextEdit(self)
        self.edit.setObjectName("jsonEditor")
        self.edit.setAccessibleName(self.tr("JSON to send"))
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.edit.setPlaceholderText('{"type": "hello", "text": "こんにちは"}')
        self.edit.setTabChangesFocus(True)  # keyboard users go on to Send; Format indents
        self._highlighter = JsonHighlighter(
            self.edit.document(), max_line=_MAX_LINE, max_document=_LARGE, widget=self.edit
        )
        self._visible = VisibleHighlighter(self.edit, self._highlighter.tokens, _MAX_LINE)
        self._highlighter.formatsChanged.connect(self._visible.refresh)
        self._inserter = ChunkedInserter(self.edit, chunk=8_192)
        self._format_token = 0
        self._background = BackgroundRunner(self)
        self._validation_due = False  # a large insertion ended; validation comes next
        self.edit.paste_hook = self._on_edit_paste

        # One line, shortened to fit (whole text in the tooltip): it never widens the window.
        self.validation_label = ElidedLabel(self)
        self.validation_label.setObjectName("validationLabel")
        self.validation_label.setAccessibleName(self.tr("Validation"))

        # The editor's commands (the window's menus stand for the current tab's).
        self.format_action = command(self.tr("Fo&rmat"), self, name="formatAction")
        self.format_action.setToolTip(self.tr("Pretty-print the document (2-space indent)"))
        self.compact_action = command(self.tr("Co&mpact"), self, name="compactAction")
        self.compact_action.setToolTip(self.tr("Put the document on one line"))
        self.send_raw_action = command(self.tr("Send as raw text"), self, name="sendRawAction")
        self.send_raw_action.setToolTip(self.tr("Send the text exactly as typed, even if not JSON"))
        self.send_binary_action = command(self.tr("Send &binary…"), self, name="sendBinaryAction")
        self.send_binary_action.setToolTip(self.tr("Send a binary message: hex, base64 or a file"))
        self.send_action = command(self.tr("&Send"), self, name="sendAction")
        self.send_action.setToolTip(self.tr("Send the JSON document (Ctrl+Enter)"))

        self.format_button = QPushButton(self)
        self.format_button.setObjectName("formatButton")
        bind_button(self.format_button, self.format_action)
        self.compact_button = QPushButton(self)
        self.compact_button.setObjectName("compactButton")
        bind_button(self.compact_button, self.compact_action)
        self.send_raw_button = QPushButton(self)
        self.send_raw_button.setObjectName("sendRawButton")
        bind_button(self.send_raw_button, self.send_raw_action)
        self.send_binary_button = QPushButton(self)
        self.send_binary_button.setObjectName("sendBinaryButton")
        bind_button(self.send_binary_button, self.send_binary_action)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("sendButton")
        bind_button(self.send_button, self.send_action)
        self.send_button.setDefault(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.format_button)
        buttons.addWidget(self.compact_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_binary_button)
        buttons.addWidget(self.send_raw_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("JSON to send"), self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.validation_label)
        layout.addLayout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        # A large text is read on one event-loop turn and checked on the next, so that
        # the two (tens of ms each on megabytes) never make one stall.
        self._staged: tuple[int, str] | None = None
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(0)
        self._check_timer.timeout.connect(self._on_check_timer_timeout)
        self._colouring_timer = QTimer(self)
        self._colouring_timer.setSingleShot(True)
        self._colouring_timer.setInterval(0)
        self._colouring_timer.timeout.connect(self._on_colouring_timer_timeout)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self._inserter.progress.connect(self._on_inserter_progress)
        self._inserter.finished.connect(self._on_inserter_finished)
        self._inserter.finished.connect(self._visible.refresh)
        self.edit.sendShortcut.connect(self._on_send_clicked)
        self.format_action.triggered.connect(self._on_format_clicked)
        self.compact_action.triggered.connect(self._on_compact_clicked)
        self.send_action.triggered.connect(self._on_send_clicked)
        self.send_raw_action.triggered.connect(self._on_send_raw_clicked)
        self.send_binary_action.triggered.connect(self.sendBinaryRequested)
        self.validate_now()

    # --- public --------------------------------------------------------------------

    @property
    def validation(self) -> Validation:
        """The result of the last validation."""
        return self._validation

    def text(self) -> str:
        """The editor's text (whole: soft-broken lines joined again)."""
        return self.edit.text()

    @property
    def busy(self) -> bool:
        """True while a very large text is still going in, or being formatted."""
        return self._inserter.busy or self._format_token < 0 or self._validation_due

    def set_text(self, text: str) -> None:
        """Replace the text as one undoable edit, and validate it.

        Texts over 200,000 characters go in a slice per event-loop turn (see
        :attr:`busy`); they are validated once they are all in.
        """
        cursor = QTextCursor(self.edit.document())
        cursor.select(QTextCursor.SelectionType.Document)
        self._prepare_for(len(text))
        if len(text) > _CHUNKED:  # the inserter unwraps once the old text is out
            self._inserter.insert(cursor, text, follow=False)
            if not self._inserter.busy:  # it all went in at once
                self._on_inserter_finished()
            self._update_buttons()  # no Send while it goes in
            return
        self.edit.set_soft(False)  # a whole new text: soft breaks only if it makes them
        self.edit.insert(cursor, text)
        self.validate_now()

    @Slot()
    def request_send(self) -> None:
        """Send the document, as Send or Ctrl+Enter does (when it is valid JSON and a
        connection is open)."""
        self._on_send_clicked()

    def set_connected(self, connected: bool) -> None:
        """Enable sending only while a connection is open."""
        self._connected = connected
        self._update_buttons()

    def show_send_problem(self, message: str) -> None:
        """Say under the editor why its text was not sent (until the next edit)."""
        set_role(self.validation_label, Role.FAIL)
        self.validation_label.setText(message)

    def validate_now(self) -> Validation:
        """Validate immediately (skipping the debounce)."""
        self._debounce.stop()
        self._check_timer.stop()
        self._staged = None
        if self._inserter.busy:
            return self._validation
        return self._check(self.text())

    def _check(self, text: str) -> Validation:
        self._validation_due = False
        self._validation = validate_json(text)
        self._show_validation(text)
        self._update_buttons()
        return self._validation

    # --- internals -----------------------------------------------------------------

    def _show_validation(self, text: str) -> None:
        result = self._validation
        role = Role.PASS if result.ok else (Role.MUTED if result.empty else Role.FAIL)
        set_role(self.validation_label, role)
        message = ("✓ " if result.ok else "") + self._said(result)
        document = self.edit.document()
        average = document.characterCount() / document.blockCount()
        if result.ok and not self.edit.soft and average > _LONG_LINES:
            # Qt lays a whole line out again on every keystroke.
            message += self.tr(" — very long lines make editing slow: Format splits them")
        self.validation_label.setText(message)
        marks: list[QTextEdit.ExtraSelection] = []
        if result.position is not None:
            pos = min(result.position, max(0, len(text) - 1))
            mark = QTextEdit.ExtraSelection()
            mark.format = self._error_mark_format()
            cursor = QTextCursor(self.edit.document())
            at = self.edit.position_of(pos) if self.edit.soft else utf16_offset(text, pos)
            cursor.setPosition(at)
            cursor.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
            mark.cursor = cursor
            marks.append(mark)
        self.edit.setExtraSelections(marks)

    def _error_mark_format(self) -> QTextCharFormat:
        palette = self.palette()  # the editor's own is updated after this widget's
        fmt = QTextCharFormat()
        fmt.setBackground(colour(Role.ERROR_MARK, palette))
        fmt.setUnderlineColor(colour(Role.FAIL, palette))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        return fmt

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: the mark too
            marks = self.edit.extraSelections()
            for mark in marks:
                mark.format = self._error_mark_format()  # type: ignore[attr-defined]
            if marks:
                self.edit.setExtraSelections(marks)

    def _update_buttons(self) -> None:
        ok = self._validation.ok and not self.busy  # half a text is not the document
        self.send_action.setEnabled(ok and self._connected)
        self.send_raw_action.setEnabled(self._connected and not self.edit.document().isEmpty())
        self.send_binary_action.setEnabled(self._connected)
        self.format_action.setEnabled(True)
        self.compact_action.setEnabled(True)

    def _prepare_for(self, size: int) -> None:
        """Switch to colouring only visible lines before a large insertion: a
        QSyntaxHighlighter would visit every new line during the insertion itself."""
        if size > _LARGE:
            self._set_visible_colouring(True)

    def _set_visible_colouring(self, on: bool) -> None:
        if on == self._visible.enabled:
            return
        if on:
            self._visible.set_enabled(True)  # first: detaching re-enters via textChanged
            self._highlighter.setDocument(None)  # drops every block's colours
            self._visible.refresh()
        else:
            self._visible.set_enabled(False)
            # Colours the whole (now small) document again.
            self._highlighter.setDocument(self.edit.document())

    def _on_edit_paste(self, text: str) -> bool:
        self._prepare_for(len(text))
        if len(text) > _CHUNKED:
            self._inserter.insert(self.edit.textCursor(), text)
            self._update_buttons()  # no Send while it goes in
            return True
        if len(text) > SOFT_LINE or self.edit.soft:  # long lines, or marks to respect
            cursor = self.edit.textCursor()
            self.edit.insert(cursor, text)
            self.edit.setTextCursor(cursor)
            return True
        return False

    @Slot(int, int)
    def _on_inserter_progress(self, done: int, total: int) -> None:
        text = self.tr("Loading… {percent}%").format(percent=100 * done // total)
        if done < total and self.validation_label.text() != text:  # not at every slice
            set_role(self.validation_label, Role.MUTED)
            self.validation_label.setText(text)

    @Slot()
    def _on_colouring_timer_timeout(self) -> None:
        if self._inserter.busy:
            return  # decided when it ends
        self._set_visible_colouring(self.edit.document().characterCount() > _LARGE)

    @Slot()
    def _on_inserter_finished(self) -> None:
        if self._inserter.made_soft:
            self.edit.set_soft(True)
        self._validation_due = True
        self._colouring_timer.start()
        self._debounce.start(0)  # on the next turn: the last slice was work enough

    @Slot()
    def _on_edit_text_changed(self) -> None:
        if self._inserter.busy:
            return
        if self._format_token < 0:
            self._format_token = -self._format_token  # edited meanwhile: drop the result
        large = self.edit.document().characterCount() > _LARGE
        if large != self._visible.enabled:
            # Not from inside the document's change signal: Qt crashes on that.
            self._colouring_timer.start()
        self._debounce.start(600 if large else 250)
        self._update_buttons()

    @Slot()
    def _on_debounce_timeout(self) -> None:
        document = self.edit.document()
        if self._inserter.busy or document.characterCount() <= _LARGE:
            self.validate_now()
            return
        self._staged = (document.revision(), self.text())  # this turn: read it
        self._check_timer.start()  # the next one: check it

    @Slot()
    def _on_check_timer_timeout(self) -> None:
        staged, self._staged = self._staged, None
        if staged is None:
            return
        revision, text = staged
        if revision != self.edit.document().revision():
            self._debounce.start(0)  # edited in between: read it again
            return
        self._check(text)

    def _reformat(self, action: str, formatter: Callable[[str], str]) -> None:
        text = self.text()
        if len(text) > _CHUNKED:
            self._reformat_in_thread(action, formatter, text)
            return
        result = self.validate_now()
        if not result.ok:
            self._cannot(action)
            return
        self.set_text(formatter(text))

    @staticmethod
    def _said(result: Validation) -> str:
        return word(result.verdict) if result.verdict is not None else result.message

    def _cannot(self, action: str) -> None:
        result = self._validation
        if action == "format":
            text = self.tr("Cannot format: the text is not valid JSON")
        else:
            text = self.tr("Cannot compact: the text is not valid JSON")
        if not result.empty:
            text += f" ({self._said(result)})"
        self.validation_label.setText(text)

    def _reformat_in_thread(self, action: str, formatter: Callable[[str], str], text: str) -> None:
        # Pretty-printing megabytes is Python code: in a thread, it leaves the GIL to
        # the event loop between bytecodes instead of freezing it for seconds.
        self._format_token = -(abs(self._format_token) + 1)
        token = self._format_token
        self._update_buttons()
        self.validation_label.setText(
            self.tr("Formatting…") if action == "format" else self.tr("Compacting…")
        )

        def work() -> str:
            try:
                return formatter(text)
            except (ValueError, RecursionError):
                return ""

        self._background.run(
            work, lambda result: self._on_formatted(token, action, result), name="json-format"
        )

    def _on_formatted(self, token: int, action: str, result: str) -> None:
        if token != self._format_token:
            return  # superseded
        self._format_token = -token
        if result:
            self.set_text(result)
        else:
            self.validate_now()
            self._cannot(action)

    @Slot()
    def _on_format_clicked(self) -> None:
        self._reformat("format", format_json)

    @Slot()
    def _on_compact_clicked(self) -> None:
        self._reformat("compact", compact_json)

    @Slot()
    def _on_send_clicked(self) -> None:
        if self.busy:
            return  # half a text is not the document
        if self.validate_now().ok and self._connected:
            self.sendRequested.emit(self.text())

    @Slot()
    def _on_send_raw_clicked(self) -> None:
        if self.busy:
            return
        text = self.text()
        if text and self._connected:
            self.sendRawRequested.emit(text)
