"""Run by tests/gui/test_high_dpi.py in a process of its own (Qt reads QT_SCALE_FACTOR
once, before the QApplication): build the window as a first start does, show it and
print, as JSON, what a user at that scaling would see cut off."""

from __future__ import annotations

import json
import pathlib
import sys

import keyring
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QTableView,
    QWidget,
)

from gui.app import build_window
from tests.gui.core.keyrings import MemoryKeyring


def visible_text_widgets(root: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, (QAbstractButton, QLabel)):
            found.append(widget)
    return found


def clipped(widget: QWidget) -> dict | None:
    """A button or a one-line label whose text is wider than the room it has."""
    if isinstance(widget, QAbstractButton):
        text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if not text:
            return None
        room = widget.contentsRect().width()
        icon = widget.iconSize().width() + 4 if not widget.icon().isNull() else 0
        need = widget.fontMetrics().horizontalAdvance(text) + icon
    elif isinstance(widget, QLabel):
        text = widget.text()
        if not text or widget.wordWrap() or "\n" in text or widget.textFormat() == 1:
            return None
        if type(widget).__name__ == "ElidedLabel":  # shortens itself, the full text in a tip
            return None
        room = widget.contentsRect().width()
        need = widget.fontMetrics().horizontalAdvance(text)
    else:
        return None
    if need <= room:
        return None
    return {
        "class": type(widget).__name__,
        "name": widget.objectName(),
        "text": text,
        "need": need,
        "room": room,
    }


def main(data_dir: str) -> int:
    app = QApplication(sys.argv[:1])
    keyring.set_keyring(MemoryKeyring())
    window = build_window(pathlib.Path(data_dir))
    window.show()
    report: dict = {}

    def measure() -> None:
        screen = QGuiApplication.primaryScreen()
        assert screen is not None
        tables = [t for t in window.findChildren(QTableView) if t.isVisible()]
        frame = window.frameGeometry()
        room = screen.availableGeometry()
        report.update(
            ratio=window.devicePixelRatioF(),
            window=[frame.x(), frame.y(), frame.width(), frame.height()],
            screen=[room.x(), room.y(), room.width(), room.height()],
            clipped=[c for w in visible_text_widgets(window) if (c := clipped(w))],
            rows=[
                {
                    "name": t.objectName(),
                    "row": t.verticalHeader().defaultSectionSize(),
                    "line": t.fontMetrics().height(),
                }
                for t in tables
            ],
        )
        window.close()
        window.wait_shut_down()
        app.quit()

    QTimer.singleShot(300, measure)  # once the layouts have settled
    app.exec()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
