"""The connection controller with stand-in client and launcher (no sockets, no process)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState, backoff_delay
from gui.core.handshake import ConnectRequest
from gui.core.records import Direction
from gui.core.target import RemoteAddress, ServerMode
from gui.models.inbox import RecordInbox
from gui.net.controller import ConnectionController


class FakeClient(QObject):
    connected = Signal(str)
    handshakeDone = Signal(object)
    handshakeFailed = Signal(object)
    connectFailed = Signal(str)
    disconnected = Signal(int, str)
    protocolViolated = Signal(int, str)
    latencyMeasured = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.requests: list[ConnectRequest] = []
        self.ping_interval = 5.0
        self.connect_timeout = 5.0
        self.is_connected = False
        self.closed = 0

    def open(self, request: ConnectRequest) -> None:
        self.opened.append(request.url)
        self.requests.append(request)

    def close(self) -> None:
        self.closed += 1
        self.is_connected = False

    def shutdown(self) -> None:
        self.close()

    def send_text(self, text: str) -> bool:
        return self.is_connected


class FakeLauncher(QObject):
    ready = Signal(str)
    logLine = Signal(str)
    failed = Signal(str)
    crashed = Signal(str)
    stopped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.url: str | None = None
        self.starts = 0
        self.stops = 0

    def start(self) -> None:
        self.starts += 1

    def stop(self) -> None:
        self.stops += 1
        self.url = None


@pytest.fixture
def parts(qapp) -> tuple[ConnectionController, FakeClient, FakeLauncher, RecordInbox]:
    client, launcher, inbox = FakeClient(), FakeLauncher(), RecordInbox()
    controller = ConnectionController(client, launcher, inbox)  # type: ignore[arg-type]
    return controller, client, launcher, inbox


def test_backoff_doubles_up_to_a_cap() -> None:
    assert [backoff_delay(n) for n in range(1, 8)] == [0.5, 1, 2, 4, 8, 15, 15]


def test_embedded_start_then_connect(parts) -> None:
    controller, client, launcher, inbox = parts
    states: list[ConnectionState] = []
    controller.stateChanged.connect(lambda state, message: states.append(state))
    controller.connect_to(ServerMode.EMBEDDED)
    assert launcher.starts == 1 and client.opened == []
    launcher.url = "ws://127.0.0.1:5555/websock1-2/"
    launcher.ready.emit(launcher.url)
    assert client.opened == [launcher.url]
    client.connected.emit(launcher.url)
    assert states == [
        ConnectionState.STARTING_SERVER,
        ConnectionState.CONNECTING,
        ConnectionState.CONNECTED,
    ]
    texts = [r.text for r in inbox.drain(10)]
    assert texts == [f"embedded server ready at {launcher.url}"]  # the session writes the next


def test_remote_failure_is_final_without_a_drop(parts) -> None:
    controller, client, _launcher, inbox = parts
    controller.connect_to(ServerMode.REMOTE, RemoteAddress("ws", "h.invalid", 1, "/p/"))
    assert client.opened == ["ws://h.invalid:1/p/"]
    client.connectFailed.emit("host not found: h.invalid")
    assert controller.state is ConnectionState.ERROR
    assert controller.message == "host not found: h.invalid"
    assert not controller.active
    assert [r.direction for r in inbox.drain(10)] == [Direction.ERROR]


def test_drop_schedules_reconnect_with_backoff(qtbot: QtBot, parts) -> None:
    controller, client, _launcher, _inbox = parts
    controller.connect_to(ServerMode.REMOTE, RemoteAddress())
    client.connected.emit("ws://127.0.0.1:8000/websock1-2/")
    client.disconnected.emit(1011, "boom")
    assert controller.state is ConnectionState.RECONNECTING
    assert controller.message == (
        "server closed the connection: 1011 (internal server error): boom — reconnecting in 0.5 s"
    )
    qtbot.waitUntil(lambda: len(client.opened) == 2, timeout=3000)
    assert controller.message.startswith("attempt 1: connecting to")
    client.connectFailed.emit("connection refused by 127.0.0.1:8000")
    assert controller.message.endswith("reconnecting in 1 s")
    controller.disconnect_from_server()
    assert controller.state is ConnectionState.DISCONNECTED
    with qtbot.assertNotEmitted(controller.stateChanged, wait=1200):
        pass
    assert len(client.opened) == 2


def test_no_reconnect_when_turned_off(parts) -> None:
    controller, client, _launcher, _inbox = parts
    controller.auto_reconnect = False
    controller.connect_to(ServerMode.REMOTE, RemoteAddress())
    client.connected.emit("ws://127.0.0.1:8000/websock1-2/")
    client.disconnected.emit(1006, "")
    assert controller.state is ConnectionState.ERROR
    assert controller.message == "connection lost (1006: no close frame from the server)"


def test_shutdown_stops_the_server(parts) -> None:
    controller, client, launcher, inbox = parts
    controller.connect_to(ServerMode.EMBEDDED)
    client.is_connected = True
    controller.shutdown()
    assert launcher.stops == 1 and client.closed >= 1
    assert inbox.drain(10)[-1].text == "disconnected: the app is closing"
