"""Menus, status bar counters and the window's object names."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

import gui
from gui.core.records import Direction, make_record, plain_tooltip
from gui.main_window import MainWindow, human_bytes
from tests.gui.servers import ThreadedServer, json_echo

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
    """The window's action (a menu's) of that text; the tabs' own have the same."""
    for act in window.actions():
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


def test_a_long_validation_message_does_not_widen_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    width = 920  # 900 before tabs: the tab widget's frame takes a few pixels
    for dock in window.findChildren(QDockWidget):
        dock.hide()  # the side panels (library, scenarios) take a width of their own

    def resized() -> bool:  # once the window's minimum no longer counts the docks
        window.resize(width, 600)
        return window.width() == width

    qtbot.waitUntil(resized)
    label = window.editor.validation_label
    window.editor.set_text('{"a": [1, 2, 3], "key with a long name": tru' + "e" * 50 + "}")
    window.editor.format_button.click()
    text = label.text()
    assert text.startswith("Cannot format: the text is not valid JSON (Invalid JSON at line 1")
    assert label.fontMetrics().horizontalAdvance(text) > window.editor.width()
    assert window.width() == width
    assert window.minimumSizeHint().width() < width
    assert label.width() <= window.editor.width()
    assert label.elided_text().endswith("…")
    assert label.elided_text()[:-1] in text
    assert label.toolTip() == plain_tooltip(text)  # the whole message, escaped
    long_reason = "server closed the connection: 4000 (application code): " + "why " * 100
    window.status_state.setText(long_reason)  # the status bar too
    assert window.width() == width
    window.editor.set_text("[1]")
    assert label.text() == "✓ Valid JSON"
    assert label.elided_text() == "✓ Valid JSON" and label.toolTip() == ""


def test_ctrl_enter_sends_from_anywhere_in_the_window(qtbot: QtBot, window: MainWindow) -> None:
    server = ThreadedServer(json_echo).start()
    try:
        window.connection_panel.mode_combo.setCurrentIndex(
            window.connection_panel.mode_combo.findData("remote")
        )
        window.findChild(QSpinBox, "portSpin").setValue(server.port)
        with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
            window.connection_panel.connect_button.click()
        window.editor.set_text('{"from": "anywhere"}')
        window.activateWindow()
        for widget, key in (
            (window.history.filter_edit, Qt.Key.Key_Return),
            (window.history.table, Qt.Key.Key_Enter),
            (window.history.direction_combo, Qt.Key.Key_Return),
            (window.detail.text, Qt.Key.Key_Return),
            (window.editor.edit, Qt.Key.Key_Return),
        ):
            widget.setFocus()
            qtbot.waitUntil(lambda w=widget: QApplication.focusWidget() is w)
            with qtbot.waitSignal(window.editor.sendRequested, timeout=5000) as blocker:
                qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)
            assert blocker.args == ['{"from": "anywhere"}']
        qtbot.waitUntil(
            lambda: sum(r.direction is Direction.SENT for r in window.model.records()) == 5
        )
        assert window.editor.text() == '{"from": "anywhere"}'  # no newline typed into it
    finally:
        window.controller.disconnect_from_server()
        server.stop()


def test_escape_clears_the_filter(qtbot: QtBot, window: MainWindow) -> None:
    for text in ('{"a": 1}', '{"b": 2}', '{"c": 3}'):
        window.model.inbox.put(make_record(Direction.SENT, text))
    window.model.flush()
    panel = window.history
    panel.filter_edit.setText('"b"')
    panel.apply_filter_now()
    assert panel.proxy.rowCount() == 1
    window.activateWindow()
    panel.filter_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.filter_edit)
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Escape)
    assert panel.filter_edit.text() == ""
    assert panel.proxy.rowCount() == 3
    panel.filter_edit.setText("c")
    panel.apply_filter_now()
    panel.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.table)
    qtbot.keyClick(panel.table, Qt.Key.Key_Escape)
    assert panel.filter_edit.text() == "" and panel.proxy.rowCount() == 3


def test_rows_of_other_days_show_their_date(window: MainWindow) -> None:
    now = datetime.datetime.now()
    today = int(now.replace(hour=0, minute=0, second=1, microsecond=0).timestamp() * 1000) + 5
    yesterday = today - 86_400_000 + 3_600_000
    window.model.inbox.put(make_record(Direction.SENT, "[1]", time_ms=yesterday))
    window.model.inbox.put(make_record(Direction.SENT, "[2]", time_ms=today))
    window.model.flush()
    model = window.history.proxy
    rows = model.rowCount()
    old, new = model.index(rows - 2, 0), model.index(rows - 1, 0)
    day = datetime.date.fromtimestamp(yesterday / 1000)
    assert old.data() == f"{day:%Y-%m-%d} 01:00:01.005"
    assert new.data() == "00:00:01.005"
    tooltip = old.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith(f"{day:%A} {day.day} {day:%B %Y}, 01:00:01.005 (UTC")
    # The column is wide enough for a date.
    view = window.history.table
    assert view.columnWidth(0) > view.fontMetrics().horizontalAdvance(old.data())
