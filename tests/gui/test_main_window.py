"""Menus, status bar counters and the window's object names."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import gui
from gui.core.records import Direction, make_record
from gui.main_window import MainWindow, human_bytes

OBJECT_NAMES = [
    "hostEdit",
    "portSpin",
    "pathEdit",
    "serverModeCombo",
    "connectButton",
    "connectionStatus",
    "jsonEditor",
    "validationLabel",
    "sendButton",
    "formatButton",
    "historyView",
    "historyFilter",
    "messageDetail",
    "serverLog",
]


def action(window: MainWindow, text: str) -> QAction:
    for act in window.findChildren(QAction):
        if act.text().replace("&", "") == text:
            return act
    raise AssertionError(f"no action {text!r}")


def test_stable_object_names(window: MainWindow) -> None:
    assert window.objectName() == "mainWindow"
    for name in OBJECT_NAMES:
        widgets = window.findChildren(QWidget, name)
        assert len(widgets) == 1, name
        if name not in ("connectButton", "sendButton", "formatButton"):  # named by their text
            assert widgets[0].accessibleName(), name


def test_find_focuses_the_filter(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    action(window, "Filter history").trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.history.filter_edit)


def test_format_action_and_about(qtbot: QtBot, window: MainWindow, monkeypatch) -> None:
    window.editor.set_text('{"a":1}')
    action(window, "Format JSON").trigger()
    assert window.editor.text() == '{\n  "a": 1\n}'
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    action(window, "About Tsushin").trigger()
    assert shown and f"Tsushin (通信) {gui.__version__}" in shown[0]


def test_counters_in_the_status_bar(window: MainWindow) -> None:
    window.model.inbox.put(make_record(Direction.SENT, '{"a": 1}'))
    window.model.inbox.put(make_record(Direction.RECEIVED, "x" * 2048))
    window.model.flush()
    assert window.status_counts.text() == "sent 1 · received 1 · 2.0 KB"


def test_quit_closes_the_window(qtbot: QtBot, window: MainWindow) -> None:
    action(window, "Quit").trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert (window.settings.path).is_file()


def test_human_bytes() -> None:
    assert human_bytes(10) == "10 B"
    assert human_bytes(1536) == "1.5 KB"
    assert human_bytes(5 * 1024**3) == "5.0 GB"


def test_window_icon(window: MainWindow) -> None:
    assert not window.windowIcon().isNull()
    assert window.windowIcon().availableSizes()[0].width() == 256
