"""Connection state: embedded server start, connect, drop, reconnect with backoff."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gui.core.connection import ConnectionState, backoff_delay
from gui.core.records import system_record
from gui.core.target import RemoteAddress, ServerMode
from gui.core.wording import describe_close
from gui.models.inbox import RecordInbox
from gui.net.client import WebSocketClient
from gui.server.launcher import ServerLauncher


class ConnectionController(QObject):
    """Drives the client and the embedded server from the user's Connect/Disconnect.

    Writes a system row to the history for each event (server ready, connected, closed
    with code and reason, errors), and reconnects after a drop when ``auto_reconnect``
    is on, waiting longer after each failed attempt.

    Signals:
        stateChanged(ConnectionState state, str message): the message is for the user.
        latencyChanged(float ms): WebSocket ping round trip.
        connectedTo(str url): a connection opened (for the recent list).
    """

    stateChanged = Signal(object, str)
    latencyChanged = Signal(float)
    connectedTo = Signal(str)

    def __init__(
        self,
        client: WebSocketClient,
        launcher: ServerLauncher,
        inbox: RecordInbox,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.auto_reconnect = True
        self._client = client
        self._launcher = launcher
        self._inbox = inbox
        self._state = ConnectionState.DISCONNECTED
        self._message = "disconnected"
        self._wanted = False
        self._mode = ServerMode.EMBEDDED
        self._address = RemoteAddress()
        self._attempt = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._on_retry_timeout)
        client.connected.connect(self._on_client_connected)
        client.connectFailed.connect(self._on_client_connect_failed)
        client.disconnected.connect(self._on_client_disconnected)
        client.protocolViolated.connect(self._on_client_protocol_violated)
        client.latencyMeasured.connect(self.latencyChanged)
        launcher.ready.connect(self._on_launcher_ready)
        launcher.failed.connect(self._on_launcher_failed)
        launcher.crashed.connect(self._on_launcher_crashed)

    @property
    def client(self) -> WebSocketClient:
        """The WebSocket client this controller drives."""
        return self._client

    @property
    def connect_timeout(self) -> float:
        """Seconds the client waits at each step of opening a connection."""
        return self._client.connect_timeout

    @connect_timeout.setter
    def connect_timeout(self, seconds: float) -> None:
        self._client.connect_timeout = seconds

    @property
    def state(self) -> ConnectionState:
        """The current state."""
        return self._state

    @property
    def message(self) -> str:
        """The current status text."""
        return self._message

    @property
    def active(self) -> bool:
        """True from Connect until Disconnect or a final failure."""
        return self._wanted

    def connect_to(self, mode: ServerMode, address: RemoteAddress | None = None) -> None:
        """Start connecting: embedded (start the server first) or to ``address``."""
        self._retry.stop()
        self._wanted = True
        self._mode = mode
        self._address = address or RemoteAddress()
        self._attempt = 0
        self._open()

    def disconnect_from_server(self) -> None:
        """The user's Disconnect: close the socket, stop retrying."""
        was_open = self._client.is_connected
        self._wanted = False
        self._retry.stop()
        self._client.close()
        if was_open:
            self._inbox.put(system_record("disconnected"))
        self._set(ConnectionState.DISCONNECTED, "disconnected")

    def send(self, text: str) -> bool:
        """Send a text frame on the open connection; False when not connected."""
        return self._client.send_text(text)

    def send_binary(self, data: bytes) -> bool:
        """Send a binary frame on the open connection; False when not connected."""
        return self._client.send_binary(data)

    def shutdown(self) -> None:
        """Close the connection cleanly and stop the embedded server (on exit)."""
        was_open = self._client.is_connected
        self._wanted = False
        self._retry.stop()
        if was_open:
            self._inbox.put(system_record("disconnected: the app is closing"))
        self._client.shutdown()
        self._launcher.stop()
        self._set(ConnectionState.DISCONNECTED, "disconnected")

    # --- internals -----------------------------------------------------------------

    def _set(self, state: ConnectionState, message: str) -> None:
        self._state = state
        self._message = message
        self.stateChanged.emit(state, message)

    def _progress(self, state: ConnectionState, message: str) -> None:
        if self._attempt > 0:
            self._set(ConnectionState.RECONNECTING, f"attempt {self._attempt}: {message}")
        else:
            self._set(state, message)

    def _open(self) -> None:
        if self._mode is ServerMode.EMBEDDED:
            url = self._launcher.url
            if url is not None:
                self._progress(ConnectionState.CONNECTING, f"connecting to {url}…")
                self._client.open(url)
            else:
                self._progress(ConnectionState.STARTING_SERVER, "starting the embedded server…")
                self._launcher.start()
        else:
            url = self._address.url
            self._progress(ConnectionState.CONNECTING, f"connecting to {url}…")
            self._client.open(url)

    def _fail(self, reason: str) -> None:
        """A connection attempt failed: retry if reconnecting, else give up."""
        if self._attempt > 0 and self.auto_reconnect:
            self._schedule_retry(reason)
        else:
            self._wanted = False
            self._set(ConnectionState.ERROR, reason)

    def _dropped(self, reason: str) -> None:
        """An open connection (or the server under it) went away."""
        if self.auto_reconnect:
            self._schedule_retry(reason)
        else:
            self._wanted = False
            self._set(ConnectionState.ERROR, reason)

    def _schedule_retry(self, reason: str) -> None:
        delay = backoff_delay(self._attempt + 1)
        self._set(ConnectionState.RECONNECTING, f"{reason} — reconnecting in {delay:g} s")
        self._retry.start(int(delay * 1000))

    @Slot()
    def _on_retry_timeout(self) -> None:
        if self._wanted:
            self._attempt += 1
            self._open()

    @Slot(str)
    def _on_client_connected(self, url: str) -> None:
        self._attempt = 0  # the session wrote the "connected to" row, before any message
        self._set(ConnectionState.CONNECTED, f"connected to {url}")
        self.connectedTo.emit(url)

    @Slot(str)
    def _on_client_connect_failed(self, reason: str) -> None:
        self._inbox.put(system_record(reason, error=True))
        if self._wanted:
            self._fail(reason)

    @Slot(int, str)
    def _on_client_disconnected(self, code: int, reason: str) -> None:
        if code == 1006:
            why = reason or "no close frame from the server"
            text = f"connection lost (1006: {why})"
        else:
            text = f"server closed the connection: {describe_close(code, reason)}"
        self._inbox.put(system_record(text, error=code not in (1000, 1001)))
        if self._wanted:
            self._dropped(text)
        else:
            self._set(ConnectionState.DISCONNECTED, text)

    @Slot(int, str)
    def _on_client_protocol_violated(self, code: int, reason: str) -> None:
        closed = describe_close(code, reason)
        text = f"the server broke the WebSocket protocol: closed with {closed}"
        self._inbox.put(system_record(text, error=True))
        if self._wanted:
            self._dropped(text)
        else:
            self._set(ConnectionState.DISCONNECTED, text)

    @Slot(str)
    def _on_launcher_ready(self, url: str) -> None:
        self._inbox.put(system_record(f"embedded server ready at {url}"))
        if self._wanted and self._mode is ServerMode.EMBEDDED:
            self._progress(ConnectionState.CONNECTING, f"connecting to {url}…")
            self._client.open(url)

    @Slot(str)
    def _on_launcher_failed(self, reason: str) -> None:
        self._inbox.put(system_record(reason, error=True))
        if self._wanted and self._mode is ServerMode.EMBEDDED:
            self._fail(reason)

    @Slot(str)
    def _on_launcher_crashed(self, reason: str) -> None:
        self._inbox.put(system_record(reason, error=True))
        if self._mode is not ServerMode.EMBEDDED:
            return
        if self._wanted:
            self._client.close()
            self._dropped(reason)
        else:
            self._set(ConnectionState.ERROR, reason)
