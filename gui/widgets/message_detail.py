"""The detail pane: the selected message, pretty-printed, always as plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from gui.core.binary import hex_dump
from gui.core.jsontext import pretty_or_none
from gui.core.records import Direction, MessageRecord
from gui.core.times import format_time_ms

_PRETTY_LIMIT = 2_000_000


class MessageDetail(QWidget):
    """A header (direction, time, size, JSON or not) above the read-only content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel("Select a message to see it here", self)
        self.header.setObjectName("messageDetailHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("messageDetail")
        self.text.setAccessibleName("Selected message")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)

    @Slot(object)
    def show_record(self, record: MessageRecord | None) -> None:
        """Show ``record`` (or nothing)."""
        if record is None:
            self.header.setText("Select a message to see it here")
            self.text.setPlainText("")
            return
        parts = [record.direction.value, format_time_ms(record.time_ms)]
        body = record.text
        if record.payload is not None:
            parts += [f"{record.size:,} bytes", "binary: shown as a hex dump"]
            body = hex_dump(record.payload, total=record.size)
        elif record.direction in (Direction.SENT, Direction.RECEIVED):
            parts.append(f"{record.size} bytes")
            if record.is_json:
                parts.append("JSON")
                if len(body) < _PRETTY_LIMIT:
                    body = pretty_or_none(body) or body
            else:
                parts.append("not JSON: shown as text")
        self.header.setText(" · ".join(parts))
        self.text.setPlainText(body)
