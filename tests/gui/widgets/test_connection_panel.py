"""The connection panel on its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.target import RemoteAddress, ServerMode
from gui.widgets.connection_panel import ConnectionPanel


def make(qtbot: QtBot, mode: ServerMode = ServerMode.REMOTE) -> ConnectionPanel:
    panel = ConnectionPanel(mode, RemoteAddress(), ["wss://lan.invalid:8443/ws/"], True)
    qtbot.addWidget(panel)
    return panel


def test_connect_emits_mode_and_address(qtbot: QtBot) -> None:
    panel = make(qtbot)
    panel.host_edit.setText("docker.invalid")
    panel.port_spin.setValue(8001)
    with qtbot.waitSignal(panel.connectRequested) as blocker:
        qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [
        ServerMode.REMOTE,
        RemoteAddress("ws", "docker.invalid", 8001, "/websock1-2/"),
    ]


def test_one_button_connects_and_disconnects(qtbot: QtBot) -> None:
    panel = make(qtbot)
    panel.set_state(ConnectionState.CONNECTING, "connecting to ws://x:1/…")
    assert panel.connect_button.text() == "Disconnect"
    assert not panel.host_edit.isEnabled() and not panel.mode_combo.isEnabled()
    with qtbot.waitSignal(panel.disconnectRequested):
        qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    panel.set_state(ConnectionState.ERROR, "timed out after 5 s waiting for x:1")
    assert panel.connect_button.text() == "Connect"
    assert panel.status_label.text() == "Timed out after 5 s waiting for x:1"
    assert panel.host_edit.isEnabled()


def test_recent_connection_fills_the_fields(qtbot: QtBot) -> None:
    panel = make(qtbot)
    panel.recent_combo.activated.emit(1)
    assert panel.address() == RemoteAddress("wss", "lan.invalid", 8443, "/ws/")
    assert panel.recent_combo.currentIndex() == 0


def test_embedded_mode_hides_the_address(qtbot: QtBot) -> None:
    panel = make(qtbot, ServerMode.EMBEDDED)
    panel.show()
    assert panel.mode() is ServerMode.EMBEDDED
    assert panel.embedded_label.isVisible() and not panel.host_edit.isVisible()
    panel.mode_combo.setCurrentIndex(1)
    assert panel.host_edit.isVisible() and not panel.embedded_label.isVisible()


def test_latency(qtbot: QtBot) -> None:
    panel = make(qtbot)
    panel.set_state(ConnectionState.CONNECTED, "connected to ws://x:1/")
    panel.set_latency(3.25)
    assert panel.latency_label.text() == "ping 3.3 ms"  # QLocale rounds half up
    panel.set_state(ConnectionState.RECONNECTING, "connection lost")
    assert panel.latency_label.text() == ""
