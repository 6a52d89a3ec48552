"""The detail pane: the selected message, pretty-printed as plain text ("Text"), and a
JSON message as a tree ("Tree", :mod:`gui.widgets.json_tree_panel`).

JSON is coloured as in the editor (up to :attr:`MessageDetail.COLOURED` characters), in
the theme's colours.

A large message would stall the window twice: pretty-printing it (Python code) and
putting it in the view (Qt lays out what it inserts). Above :attr:`MessageDetail.AT_ONCE`
characters, the text is prepared in a thread, then goes in a slice per event-loop turn,
its very long lines as soft-broken blocks (:mod:`gui.widgets.soft_lines`). The tree's
document is parsed only while the Tree tab is shown, in a thread above the same size;
the text is prepared only while the Text tab is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from gui.background import BackgroundRunner
from gui.core.binary import hex_dump
from gui.core.jsontext import pretty_or_none
from gui.core.jsontree import parse_document
from gui.core.records import Direction, MessageRecord
from gui.core.times import format_time_ms
from gui.widgets.highlighter import JsonHighlighter
from gui.widgets.json_tree_panel import JsonTreePanel
from gui.widgets.large_text import ChunkedInserter
from gui.widgets.soft_lines import SoftLineEdit
from gui.words import direction_name, word

_PRETTY_LIMIT = 20_000_000  # characters; pretty-printing a large one runs in a thread
_NOTHING = object()  # what the tree shows before the first record


class MessageDetail(QWidget):
    """A header (direction, time, size, JSON or not) above the read-only content."""

    AT_ONCE = 50_000  # characters of a message prepared and shown without a thread
    SLICED = 200_000  # characters of a text above which it goes in by slices
    COLOURED = 200_000  # characters of JSON above which it is shown plain

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self.tr("Select a message to see it here"), self)
        self.header.setObjectName("messageDetailHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.checks = QLabel(self)
        self.checks.setObjectName("messageDetailChecks")
        self.checks.setTextFormat(Qt.TextFormat.PlainText)
        self.checks.setWordWrap(True)
        self.checks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks.setVisible(False)
        self.text = SoftLineEdit(self)
        self.text.setObjectName("messageDetail")
        self.text.setAccessibleName(self.tr("Selected message"))
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # On the document only while it holds JSON small enough to colour at once.
        self._highlighter = JsonHighlighter(None, widget=self.text)
        self._inserter = ChunkedInserter(self.text, chunk=16_384)
        self._inserter.finished.connect(self._on_inserter_finished)
        self._background = BackgroundRunner(self)
        self._token = 0
        self._preparing = False
        self._json = False
        self.tree = JsonTreePanel(self)
        self._record: MessageRecord | None = None
        self._tree_for: object = _NOTHING  # the record the tree shows (or is reading)
        self._text_for: object = None  # the record the text view shows (or prepares)
        self._parsing = False
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("messageDetailTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.text, self.tr("Text"))
        self.tabs.addTab(self.tree, self.tr("Tree"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.checks)
        layout.addWidget(self.tabs, 1)

    @property
    def busy(self) -> bool:
        """True while a large message is being prepared or put in the view (or parsed
        for the tree)."""
        return self._preparing or self._inserter.busy or self._parsing

    def show_tree(self, on: bool = True) -> None:
        """Show the Tree tab (on) or the Text tab."""
        self.tabs.setCurrentWidget(self.tree if on else self.text)

    @Slot(object)
    def show_record(self, record: MessageRecord | None) -> None:
        """Show ``record`` (or nothing), in the tab shown; the other tab follows when
        it is shown (a 5 MB message is not laid out as text while the tree is read)."""
        self._token += 1  # what is still being prepared for another message is dropped
        self._preparing = False
        self._inserter.cancel()
        self._record = record
        self._text_for = _NOTHING
        self._show_checks(record)
        if record is None:
            self.header.setText(self.tr("Select a message to see it here"))
        else:
            parts = [direction_name(record.direction), format_time_ms(record.time_ms)]
            size = self.tr("{count} bytes").format(count=QLocale().toString(record.size))
            if record.payload is not None:
                parts += [size, self.tr("binary: shown as a hex dump")]
            elif record.direction in (Direction.SENT, Direction.RECEIVED):
                parts.append(size)
                parts.append("JSON" if record.is_json else self.tr("not JSON: shown as text"))
            self.header.setText(" · ".join(parts))
        if self.tabs.currentWidget() is self.tree:
            self._fill_tree()
        else:
            self._fill_text()

    def _fill_text(self) -> None:
        """Show the selected record in the text view (in a thread when large)."""
        record = self._record
        if record is self._text_for:
            return  # shown, or being prepared
        self._text_for = record
        if record is None:
            self._put("")
            return
        self._json = record.is_json and record.payload is None
        if len(record.text) <= self.AT_ONCE and len(record.payload or b"") <= self.AT_ONCE:
            self._put(self._body(record))
            return
        token = self._token
        self._preparing = True
        self._put("")
        self._background.run(
            lambda: self._body(record),
            lambda body: self._on_prepared(token, body),
            name="detail-prepare",
        )

    def _show_checks(self, record: MessageRecord | None) -> None:
        """The schema's verdict and the round trip, when the record has them."""
        parts: list[str] = []
        if record is not None and record.schema_ok is not None:
            if record.schema_ok:
                parts.append(self.tr("Schema: passed"))
            else:
                parts.append(
                    self.tr("Schema: failed at {path}: {reason}").format(
                        path=record.schema_path or "$", reason=record.schema_error
                    )
                )
        if record is not None and record.rtt_ms is not None:
            parts.append(
                self.tr("Round trip: {ms} ms (from the sent message it answers)").format(
                    ms=f"{record.rtt_ms:,.1f}" if record.rtt_ms < 1000 else f"{record.rtt_ms:,.0f}"
                )
            )
        self.checks.setText("\n".join(parts))
        self.checks.setVisible(bool(parts))

    @staticmethod
    def _body(record: MessageRecord) -> str:
        """What the pane shows of ``record`` (any thread: no Qt here)."""
        if record.payload is not None:
            return hex_dump(record.payload, total=record.size, word=word)
        talk = record.direction in (Direction.SENT, Direction.RECEIVED)
        if record.is_json and talk and len(record.text) < _PRETTY_LIMIT:
            return pretty_or_none(record.text) or record.text
        return record.text

    def _on_prepared(self, token: int, body: str) -> None:
        if token != self._token:
            return  # another message was selected meanwhile
        self._preparing = False
        self._put(body)

    def _put(self, body: str) -> None:
        self._highlighter.setDocument(None)  # not line by line while it goes in
        cursor = QTextCursor(self.text.document())
        cursor.select(QTextCursor.SelectionType.Document)
        if len(body) > self.SLICED:  # the inserter unwraps once the old text is out
            self._inserter.insert(cursor, body, follow=False)
        else:
            self.text.set_soft(False)
            self.text.insert(cursor, body)
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
            if self._json and body and len(body) <= self.COLOURED:
                self._highlighter.setDocument(self.text.document())
                self._highlighter.rehighlight()  # now, not on the next turn

    def _fill_tree(self) -> None:
        """Show the selected record in the tree, or why it has none."""
        record = self._record
        if record is self._tree_for:
            return  # shown, or being read
        self._tree_for = record
        self._parsing = False
        if record is None:
            self.tree.show_reason(self.tr("Select a message to see it here"))
            return
        if record.payload is not None:
            self.tree.show_reason(self.tr("A binary message has no tree: see Text"))
            return
        if record.direction not in (Direction.SENT, Direction.RECEIVED):
            self.tree.show_reason(self.tr("Only sent and received messages have a tree"))
            return
        if not record.is_json:
            self.tree.show_reason(self.tr("Not JSON: this message is shown as text only"))
            return
        if len(record.text) <= self.AT_ONCE:
            self._on_parsed(record, self._parse(record.text))
            return
        self._parsing = True
        self.tree.show_reason(self.tr("Reading the message…"))
        self._background.run(
            lambda: self._parse(record.text),
            lambda parsed: self._on_parsed(record, parsed),
            name="detail-tree-parse",
        )

    @staticmethod
    def _parse(text: str) -> tuple[bool, object]:
        """(True, the document), or (False, why not) (any thread: no Qt here)."""
        try:
            return True, parse_document(text)
        except RecursionError:
            return False, "deep"
        except ValueError:
            return False, "not json"

    def _on_parsed(self, record: MessageRecord, parsed: tuple[bool, object]) -> None:
        if record is not self._tree_for:
            return  # another message was selected meanwhile
        self._parsing = False
        ok, value = parsed
        if ok:
            self.tree.set_document(value)
        elif value == "deep":
            self.tree.show_reason(self.tr("Nested too deeply to show as a tree: see Text"))
        else:
            self.tree.show_reason(self.tr("Not JSON: this message is shown as text only"))

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.tree:
            self._fill_tree()
        else:
            self._fill_text()

    @Slot()
    def _on_inserter_finished(self) -> None:
        if self._inserter.made_soft:
            self.text.set_soft(True)
