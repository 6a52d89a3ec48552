"""Remote mode against small local test servers, and hosts that fail in each way."""

from __future__ import annotations

import base64
import http
import json
import socket
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.records import Direction, MessageRecord
from gui.main_window import MainWindow
from gui.theme import Role, Scheme, colour
from gui.widgets.binary_dialog import BinaryDialog
from tests.gui.frame_server import TEXT, FrameServer, frame
from tests.gui.servers import (
    MuteAfterHandshake,
    ThreadedServer,
    closing_after_first,
    free_port,
    json_echo,
    self_signed_context,
    tutorial_echo,
)


def start_remote(qtbot: QtBot, window: MainWindow, host: str, port: int) -> None:
    combo = window.findChild(QComboBox, "serverModeCombo")
    combo.setCurrentIndex(combo.findData("remote"))
    window.findChild(QLineEdit, "hostEdit").setText(host)
    window.findChild(QSpinBox, "portSpin").setValue(port)
    window.findChild(QLineEdit, "pathEdit").setText("/websock1-2/")
    qtbot.mouseClick(window.findChild(QPushButton, "connectButton"), Qt.MouseButton.LeftButton)


def send(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.findChild(QPlainTextEdit, "jsonEditor")
    editor.selectAll()
    editor.insertPlainText(text)
    send_button = window.findChild(QPushButton, "sendButton")
    qtbot.waitUntil(send_button.isEnabled)
    qtbot.mouseClick(send_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def server_factory() -> Iterator:
    servers: list[ThreadedServer] = []

    def make(handler, port: int = 0) -> ThreadedServer:
        server = ThreadedServer(handler, port).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


def status(window: MainWindow) -> str:
    return window.findChild(QLabel, "connectionStatus").text()


def test_plain_text_reply_is_shown_as_text(qtbot: QtBot, window: MainWindow, server_factory):
    server = server_factory(tutorial_echo)
    with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000) as blocker:
        start_remote(qtbot, window, "127.0.0.1", server.port)
    assert blocker.args == [server.url]
    send(qtbot, window, '{"x": 1}')
    qtbot.waitUntil(lambda: any(r.direction is Direction.RECEIVED for r in window.model.records()))
    reply = next(r for r in window.model.records() if r.direction is Direction.RECEIVED)
    assert reply.text == 'Echo: {"x": 1}'
    assert not reply.is_json
    row = window.history.shown_records().index(reply)
    model = window.history.proxy
    assert model.index(row, 2).data() == "not JSON"
    assert model.index(row, 4).data() == 'Echo: {"x": 1}'
    window.history.table.selectRow(row)
    assert window.detail.text.toPlainText() == 'Echo: {"x": 1}'
    assert "not JSON" in window.detail.header.text()
    # The address is remembered and offered again.
    assert window.settings.recent_urls == [server.url]
    assert window.connection_panel.recent_combo.findData(server.url) > 0


def test_html_is_shown_literally(qtbot: QtBot, window: MainWindow, server_factory):
    server = server_factory(json_echo)
    with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
        start_remote(qtbot, window, "127.0.0.1", server.port)
    html = "<b>bold</b><img src=x>"
    window.editor.set_text(html)
    qtbot.mouseClick(window.editor.send_raw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(r.direction is Direction.RECEIVED for r in window.model.records()))
    row = next(
        i for i, r in enumerate(window.history.shown_records()) if r.direction is Direction.RECEIVED
    )
    assert window.history.proxy.index(row, 4).data() == html
    tooltip = window.history.proxy.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt;&lt;img src=x&gt;" in tooltip and "<img" not in tooltip
    window.history.table.selectRow(row)
    assert window.detail.text.toPlainText() == html
    assert window.detail.header.textFormat() == Qt.TextFormat.PlainText
    assert window.findChild(QLabel, "connectionStatus").textFormat() == Qt.TextFormat.PlainText


def test_server_close_code_and_reason_are_shown(qtbot: QtBot, window: MainWindow, server_factory):
    window.findChild(type(window.connection_panel.auto_check), "autoReconnectCheck").setChecked(
        False
    )
    server = server_factory(closing_after_first(4001, "bad <i>input</i>"))
    with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
        start_remote(qtbot, window, "127.0.0.1", server.port)
    send(qtbot, window, "[1]")
    qtbot.waitUntil(lambda: window.controller.state is ConnectionState.ERROR, timeout=5000)
    assert "4001" in status(window) and "bad <i>input</i>" in status(window)
    assert window.status_state.text() == status(window)
    assert window.status_state.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: any("4001" in r.text for r in window.model.records()))
    row = next(r for r in window.model.records() if "4001" in r.text)
    assert row.direction in (Direction.SYSTEM, Direction.ERROR)
    assert row.text == "server closed the connection: 4001 (application code): bad <i>input</i>"
    assert window.findChild(QPushButton, "connectButton").text() == "Connect"


def expect_error(qtbot: QtBot, window: MainWindow, timeout_ms: int) -> None:
    qtbot.waitUntil(lambda: window.controller.state is ConnectionState.ERROR, timeout=timeout_ms)
    assert window.findChild(QPushButton, "connectButton").text() == "Connect"


def test_refused(qtbot: QtBot, window: MainWindow) -> None:
    port = free_port()
    start_remote(qtbot, window, "127.0.0.1", port)
    expect_error(qtbot, window, 5000)
    assert status(window) == f"Connection refused by 127.0.0.1:{port}"
    qtbot.waitUntil(lambda: bool(window.model.records()))
    errors = [r.text for r in window.model.records() if r.direction is Direction.ERROR]
    assert errors == [f"connection refused by 127.0.0.1:{port}"]


def test_host_not_found(qtbot: QtBot, window: MainWindow) -> None:
    start_remote(qtbot, window, "no-such-host.invalid", 8000)
    expect_error(qtbot, window, 10_000)
    assert status(window) == "Host not found: no-such-host.invalid"


def test_host_that_never_answers(qtbot: QtBot, window: MainWindow) -> None:
    """The connect timeout is the user's setting, and the window waits without
    blocking (the longest stall meanwhile is measured in bench/stalls.py)."""
    window.findChild(QDoubleSpinBox, "connectTimeoutSpin").setValue(1.0)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # never accepted, never answered
        port = silent.getsockname()[1]
        started = time.monotonic()
        start_remote(qtbot, window, "127.0.0.1", port)
        # The click returned at once: the attempt goes on in the client's thread.
        assert window.controller.state is ConnectionState.CONNECTING
        expect_error(qtbot, window, 10_000)
    assert time.monotonic() - started > 0.9  # it did wait for the timeout
    assert status(window) == f"Timed out after 1 s waiting for 127.0.0.1:{port}"


def test_drop_and_reconnect_on_the_same_port(qtbot: QtBot, window: MainWindow, server_factory):
    server = server_factory(json_echo)
    port = server.port
    with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
        start_remote(qtbot, window, "127.0.0.1", port)
    server.stop()
    qtbot.waitUntil(lambda: window.controller.state is ConnectionState.RECONNECTING, timeout=5000)
    assert status(window).startswith("Connection lost")
    assert "reconnecting in" in status(window)
    # Attempts fail while nothing listens; then a server comes back on that port.
    qtbot.waitUntil(lambda: "refused" in status(window), timeout=5000)
    with qtbot.waitSignal(window.controller.connectedTo, timeout=15_000):
        server_factory(json_echo, port)
    assert window.controller.state is ConnectionState.CONNECTED
    send(qtbot, window, '{"again": true}')
    qtbot.waitUntil(lambda: any(r.direction is Direction.RECEIVED for r in window.model.records()))


def test_disconnect_while_connecting_is_immediate(qtbot: QtBot, window: MainWindow) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        start_remote(qtbot, window, "127.0.0.1", silent.getsockname()[1])
        button = window.findChild(QPushButton, "connectButton")
        assert button.text() == "Disconnect"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.controller.state is ConnectionState.DISCONNECTED
        assert button.text() == "Connect"
        with qtbot.assertNotEmitted(window.controller.stateChanged, wait=300):
            pass


def test_peer_that_stops_answering_pings_counts_as_lost(qtbot: QtBot, window: MainWindow) -> None:
    window.connection_panel.auto_check.setChecked(False)
    window.current_tab().settings_editor.ping_spin.setValue(0.2)  # the tab's "Ping every"
    server = MuteAfterHandshake()
    try:
        with qtbot.waitSignal(window.controller.connectedTo, timeout=5000):
            start_remote(qtbot, window, "127.0.0.1", server.port)
        qtbot.waitUntil(lambda: window.controller.state is ConnectionState.ERROR, timeout=5000)
    finally:
        server.stop()
    assert status(window) == "Connection lost (1006: no reply to pings for 0.6 s)"


def test_wss_with_an_untrusted_certificate(qtbot: QtBot, window: MainWindow, tmp_path) -> None:
    server = ThreadedServer(json_echo, ssl_context=self_signed_context(tmp_path)).start()
    try:
        window.findChild(QComboBox, "schemeCombo").setCurrentText("wss")
        start_remote(qtbot, window, "127.0.0.1", server.port)
        expect_error(qtbot, window, 5000)
    finally:
        server.stop()
    assert status(window).startswith("TLS certificate of 127.0.0.1 not trusted")


def test_wss_with_a_trusted_certificate(
    qtbot: QtBot, window: MainWindow, tmp_path, monkeypatch
) -> None:
    server = ThreadedServer(json_echo, ssl_context=self_signed_context(tmp_path)).start()
    monkeypatch.setenv("WEBSOCKET_CLIENT_CA_BUNDLE", str(tmp_path / "cert.pem"))
    try:
        window.findChild(QComboBox, "schemeCombo").setCurrentText("wss")
        with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000) as blocker:
            start_remote(qtbot, window, "127.0.0.1", server.port)
    finally:
        server.stop()
    assert blocker.args == [f"wss://127.0.0.1:{server.port}/websock1-2/"]


def test_wss_against_a_plain_server_that_waits(qtbot: QtBot, window: MainWindow) -> None:
    """A plain HTTP server (daphne, for one) reads the TLS ClientHello as the start of a
    request and waits for the rest of it: no TLS handshake ever comes back."""
    plain = MuteAfterHandshake()
    try:
        window.findChild(QDoubleSpinBox, "connectTimeoutSpin").setValue(1.0)
        window.findChild(QComboBox, "schemeCombo").setCurrentText("wss")
        start_remote(qtbot, window, "127.0.0.1", plain.port)
        expect_error(qtbot, window, 5000)
    finally:
        plain.stop()
    assert status(window) == (
        f"No TLS handshake came back from 127.0.0.1:{plain.port} within 1 s: "
        "is it a plain ws:// server? Try ws://"
    )


def test_wss_against_a_plain_server_that_refuses(
    qtbot: QtBot, window: MainWindow, server_factory
) -> None:
    """The ``websockets`` server answers the ClientHello with an HTTP 400 and hangs up."""
    server = server_factory(json_echo)
    window.findChild(QComboBox, "schemeCombo").setCurrentText("wss")
    start_remote(qtbot, window, "127.0.0.1", server.port)
    expect_error(qtbot, window, 5000)
    assert status(window).endswith("is it a plain ws:// server? Try ws://")


def test_origin_is_the_servers_own_address(qtbot: QtBot, window: MainWindow, server_factory):
    """Channels' AllowedHostsOriginValidator refuses a handshake without Origin."""
    origins: list[str | None] = []

    async def record_origin(ws) -> None:
        origins.append(ws.request.headers.get("Origin"))
        await json_echo(ws)

    server = server_factory(record_origin)
    with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
        start_remote(qtbot, window, "127.0.0.1", server.port)
    assert origins == [f"http://127.0.0.1:{server.port}"]


def test_handshake_refused_with_403(qtbot: QtBot, window: MainWindow) -> None:
    def refuse(connection, request):
        return connection.respond(http.HTTPStatus.FORBIDDEN, "Access denied\n")

    server = ThreadedServer(json_echo, process_request=refuse).start()
    try:
        start_remote(qtbot, window, "127.0.0.1", server.port)
        expect_error(qtbot, window, 5000)
    finally:
        server.stop()
    assert status(window) == "Server rejected the handshake: 403 — check ALLOWED_HOSTS / origin"


def test_binary_sent_from_hex_comes_back_whole(
    qtbot: QtBot, window: MainWindow, server_factory, tmp_path, monkeypatch
) -> None:
    """Send binary from the dialog; the echo keeps every byte: hex dump in the detail
    pane, its real size in the counts, base64 in the export."""
    server = server_factory(json_echo)  # echoes binary frames as binary
    with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
        start_remote(qtbot, window, "127.0.0.1", server.port)
    data = bytes(range(256)) * 20  # 5,120 bytes: more than a page of the history holds

    def fill_and_accept(dialog: BinaryDialog) -> int:
        dialog.input.setPlainText(data.hex(" "))
        assert dialog.send_button.isEnabled()
        return BinaryDialog.DialogCode.Accepted

    monkeypatch.setattr(BinaryDialog, "exec", fill_and_accept)
    button = window.findChild(QPushButton, "sendBinaryButton")
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def echoed() -> list[MessageRecord]:
        return [r for r in window.model.records() if r.direction is Direction.RECEIVED]

    qtbot.waitUntil(lambda: bool(echoed()), timeout=5000)
    (echo,) = echoed()
    assert echo.payload == data and echo.size == len(data)
    assert window.findChild(QLabel, "statusCounts").text() == ("sent 1 · received 1 · 10.0 KB")
    row = window.history.shown_records().index(echo)
    format_cell = window.history.proxy.index(row, 2)
    assert format_cell.data() == "binary"
    received = colour(Role.RECEIVED, Scheme.LIGHT)
    assert format_cell.data(Qt.ItemDataRole.ForegroundRole).color() == received
    window.history.table.selectRow(row)
    header = window.findChild(QLabel, "messageDetailHeader").text()
    assert header.endswith("5,120 bytes · binary: shown as a hex dump")
    dump = window.findChild(QPlainTextEdit, "messageDetail").toPlainText().splitlines()
    assert dump[0] == (
        "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|"
    )
    assert dump[4] == (
        "00000040  40 41 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f  |@ABCDEFGHIJKLMNO|"
    )
    assert len(dump) == 5120 // 16
    target = tmp_path / "export.jsonl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.history.exportFinished, timeout=10_000):
        window.history.export_button.click()  # in a thread
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    binary = [line for line in lines if "base64" in line]
    assert [base64.b64decode(line["base64"]) for line in binary] == [data, data]
    assert [line["size"] for line in binary] == [5120, 5120]

    # A sent binary message double-clicked opens the dialog on its bytes, not the editor.
    offered: list[bytes | None] = []

    def look_and_cancel(dialog: BinaryDialog) -> int:
        offered.append(dialog.payload())
        return BinaryDialog.DialogCode.Rejected

    monkeypatch.setattr(BinaryDialog, "exec", look_and_cancel)
    editor_text = window.editor.text()
    sent_row = next(
        i for i, r in enumerate(window.history.shown_records()) if r.direction is Direction.SENT
    )
    window.history.table.doubleClicked.emit(window.history.proxy.index(sent_row, 4))
    assert offered == [data]
    assert window.editor.text() == editor_text


def test_invalid_utf8_from_the_server_fails_the_connection(qtbot: QtBot, window: MainWindow):
    """Not shown with U+FFFD stand-ins: the connection is failed with 1007, in words."""
    window.connection_panel.auto_check.setChecked(False)
    server = FrameServer(frame(TEXT, b'{"a": "caf\xe9"}'))
    try:
        start_remote(qtbot, window, "127.0.0.1", server.port)
        expect_error(qtbot, window, 5000)
        assert server.done.wait(5)
    finally:
        server.stop()
    assert server.close_codes() == [1007]
    assert status(window) == (
        "The server broke the WebSocket protocol: closed with 1007 (invalid payload):"
        " text message is not valid UTF-8 (byte 10)"
    )
    qtbot.waitUntil(lambda: any(r.direction is Direction.ERROR for r in window.model.records()))
    assert not [r for r in window.model.records() if r.direction is Direction.RECEIVED]
