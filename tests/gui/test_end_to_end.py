"""The real window against the real embedded server child process."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.records import Direction
from gui.main_window import MainWindow
from tests.processes import kill_hard, process_alive

pytestmark = pytest.mark.live


def connect_embedded(qtbot: QtBot, window: MainWindow) -> None:
    assert window.connection_panel.mode_combo.currentData() == "embedded"
    button = window.findChild(QPushButton, "connectButton")
    with qtbot.waitSignal(window.controller.connectedTo, timeout=30_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.controller.state is ConnectionState.CONNECTED
    assert button.text() == "Disconnect"


def type_json(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.findChild(QPlainTextEdit, "jsonEditor")
    editor.selectAll()
    editor.insertPlainText(text)  # keyClicks cannot type non-ASCII here
    qtbot.waitUntil(lambda: window.editor.validation.ok)


def test_send_json_and_see_the_echo(qtbot: QtBot, window: MainWindow) -> None:
    connect_embedded(qtbot, window)
    pid = window.launcher.pid()
    assert pid is not None
    doc = {"type": "greeting", "text": "こんにちは、通信", "n": 1}
    type_json(qtbot, window, json.dumps(doc, ensure_ascii=False))
    editor = window.findChild(QPlainTextEdit, "jsonEditor")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    model = window.model

    def echoed() -> bool:
        return any(
            r.direction is Direction.RECEIVED
            and json.loads(r.text) == {"type": "echo", "data": doc}
            for r in model.records()
            if r.is_json
        )

    qtbot.waitUntil(echoed, timeout=5000)
    sent = [r for r in model.records() if r.direction is Direction.SENT]
    assert [json.loads(r.text) for r in sent] == [doc]

    table = window.findChild(QTableView, "historyView")
    row = next(
        i for i, r in enumerate(window.history.shown_records()) if r.direction is Direction.RECEIVED
    )
    table.selectRow(row)
    detail = window.findChild(QPlainTextEdit, "messageDetail")
    assert json.loads(detail.toPlainText()) == {"type": "echo", "data": doc}
    assert "\n" in detail.toPlainText()  # pretty-printed
    assert "こんにちは、通信" in detail.toPlainText()
    assert window.findChild(QPlainTextEdit, "serverLog").toPlainText().count("READY ws://") == 1
    assert "sent 1 · received 1" in window.status_counts.text()

    with qtbot.waitSignal(window.launcher.stopped, timeout=10_000):
        window.close()  # returns at once; the server stops meanwhile
        assert window.launcher.pid() is None
    assert window.wait_shut_down()
    assert not process_alive(pid)


def test_embedded_server_killed_then_restarted(qtbot: QtBot, window: MainWindow) -> None:
    connect_embedded(qtbot, window)
    pid = window.launcher.pid()
    assert pid is not None
    with qtbot.waitSignal(window.launcher.crashed, timeout=10_000):
        kill_hard(pid)
    qtbot.waitUntil(
        lambda: "embedded server stopped unexpectedly" in window.controller.message, timeout=5000
    )
    status = window.connection_panel.status_label.text()
    assert status.startswith("Embedded server stopped unexpectedly (it crashed or was killed)")
    # Auto-reconnect (on by default) starts a new server and connects to it.
    with qtbot.waitSignal(window.controller.connectedTo, timeout=30_000):
        pass
    assert window.launcher.pid() not in (None, pid)
    texts = [r.text for r in window.model.records() if r.direction is Direction.ERROR]
    assert any("stopped unexpectedly" in t for t in texts)


def test_latency_and_oversized_message_closed_with_1009(qtbot: QtBot, window: MainWindow) -> None:
    window.connection_panel.auto_check.setChecked(False)
    with qtbot.waitSignal(window.controller.latencyChanged, timeout=30_000):
        connect_embedded(qtbot, window)
    assert window.connection_panel.latency_label.text().startswith("ping ")
    big = json.dumps({"blob": "x" * (1024 * 1024 + 100)})
    window.editor.set_text(big)
    qtbot.waitUntil(window.editor.send_button.isEnabled)  # in by slices, then validated
    window.editor.send_button.click()
    qtbot.waitUntil(lambda: window.controller.state is ConnectionState.ERROR, timeout=10_000)
    status = window.connection_panel.status_label.text()
    assert status.startswith("Server closed the connection: 1009 (message too big)")
    qtbot.waitUntil(lambda: any("1009" in r.text for r in window.model.records()))
    row = next(r for r in window.model.records() if "1009" in r.text)
    assert row.direction is Direction.ERROR
    # Connect works again afterwards, on the same embedded server.
    pid = window.launcher.pid()
    connect_embedded(qtbot, window)
    assert window.launcher.pid() == pid


def test_server_crash_after_disconnect_is_reported(qtbot: QtBot, window: MainWindow) -> None:
    connect_embedded(qtbot, window)
    button = window.findChild(QPushButton, "connectButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.controller.state is ConnectionState.DISCONNECTED
    pid = window.launcher.pid()
    assert pid is not None  # the server stays up for the next Connect
    with qtbot.waitSignal(window.launcher.crashed, timeout=10_000):
        kill_hard(pid)
    assert window.controller.state is ConnectionState.ERROR
    assert window.connection_panel.status_label.text().startswith(
        "Embedded server stopped unexpectedly"
    )
    assert "embedded server exited" in window.server_log.toPlainText()
    connect_embedded(qtbot, window)  # Connect starts it again
    assert window.launcher.pid() not in (None, pid)


def test_launch_in_embedded_mode_connects_without_a_click(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.controller.connectedTo, timeout=30_000) as connected:
        assert window.start_embedded_on_launch()
    assert connected.args[0].startswith("ws://127.0.0.1:")
    assert window.controller.state is ConnectionState.CONNECTED
    assert window.findChild(QPushButton, "connectButton").text() == "Disconnect"


def test_launch_in_remote_mode_waits_for_the_user(qtbot: QtBot, window: MainWindow) -> None:
    window.connection_panel.mode_combo.setCurrentIndex(
        window.connection_panel.mode_combo.findData("remote")
    )
    with qtbot.assertNotEmitted(window.launcher.ready, wait=300):
        assert not window.start_embedded_on_launch()
    assert window.launcher.pid() is None
    assert window.controller.state is ConnectionState.DISCONNECTED
