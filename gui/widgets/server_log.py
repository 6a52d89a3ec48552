"""The embedded server's output, line by line."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class ServerLog(QPlainTextEdit):
    """Read-only, plain-text log that keeps the last ``max_lines`` lines."""

    def __init__(self, max_lines: int = 5000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverLog")
        self.setAccessibleName("Embedded server log")
        self.setReadOnly(True)
        self.setMaximumBlockCount(max_lines)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setPlaceholderText(self.tr("The embedded server's log appears here once it starts."))

    @Slot(str)
    def append_line(self, line: str) -> None:
        """Add one line (as plain text)."""
        self.appendPlainText(line)
