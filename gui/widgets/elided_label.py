"""A one-line label that shortens its text to the width it is given."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption, QWidget

from gui.core.records import plain_tooltip


class ElidedLabel(QLabel):
    """Shows its text on one line, cut with "…" when it does not fit, the whole text in
    its tooltip. It never asks for more width than a few characters, so a long text
    cannot widen the window.

    ``text()`` stays the whole text (for tests and accessibility); only the painting
    is shortened.
    """

    MIN_CHARS = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def is_elided(self) -> bool:
        """Whether the text is wider than the label."""
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def elided_text(self) -> str:
        """The text as painted."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().averageCharWidth() * self.MIN_CHARS
        return QSize(width, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self.minimumSizeHint().width(), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        # Escaped: Qt shows a tooltip as rich text when it merely looks like HTML.
        self.setToolTip(plain_tooltip(self.text()) if self.is_elided() else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            option.palette,
            self.isEnabled(),
            self.elided_text(),
            self.foregroundRole(),
        )
        painter.end()
