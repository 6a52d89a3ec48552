"""The WebSocket client the GUI talks to: one object, signals only."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal, Slot

from gui.core.checks import ReceivedChecks
from gui.core.diagnosis import HandshakeFailure
from gui.core.handshake import ConnectionInfo, ConnectRequest
from gui.core.target import DEFAULT_CONNECT_TIMEOUT
from gui.models.inbox import RecordInbox
from gui.net.session import Session, SessionEvents


class WebSocketClient(QObject):
    """Opens, uses and closes WebSocket connections without blocking the GUI thread.

    Each :meth:`open` starts a :class:`Session` in its own thread. Messages read from the
    socket go into the history inbox; this object only reports state, always in the GUI
    thread. A session that was closed or replaced reports nothing more. ``checks``
    (the tab's schema) are run on every received message, in the session's thread.

    Signals:
        connected(str url): the handshake succeeded (secret query values masked).
        handshakeDone(ConnectionInfo info): the same moment, with the subprotocol the server
            chose, whether TLS was verified, the proxy, and what the handshake sent.
        handshakeFailed(HandshakeFailure failure): why the connection could not be
            opened (what was sent, what came back, the likely cause); just before
        connectFailed(str reason): the same, in a few words for the status line.
        disconnected(int code, str reason): an open connection ended without
            :meth:`close` being called (server close or connection lost: code 1006).
        protocolViolated(int code, str reason): the server broke the WebSocket
            protocol, and the client failed the connection with ``code``.
        latencyMeasured(float ms): round-trip time of the last ping.
    """

    connected = Signal(str)
    handshakeDone = Signal(object)
    handshakeFailed = Signal(object)
    connectFailed = Signal(str)
    disconnected = Signal(int, str)
    protocolViolated = Signal(int, str)
    latencyMeasured = Signal(float)

    def __init__(
        self,
        inbox: RecordInbox,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        ping_interval: float = 5.0,
        checks: ReceivedChecks | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self.checks = checks
        self.connect_timeout = connect_timeout
        self.ping_interval = ping_interval
        self._gen = 0
        self._session: Session | None = None
        self._open = False
        # Sessions whose thread has not finished yet; their event objects must outlive it.
        self._running: dict[int, Session] = {}

    @property
    def is_connected(self) -> bool:
        """True while a connection is open."""
        return self._open

    @property
    def info(self) -> ConnectionInfo | None:
        """The open connection (subprotocol, TLS, proxy), or None."""
        if self._session is None or not self._open:
            return None
        return self._session.info

    def open(self, target: str | ConnectRequest) -> None:
        """Connect to a URL, with this client's timeout and ping interval, or as a
        :class:`ConnectRequest` says (closing any current connection first)."""
        self.close()
        self._gen += 1
        if isinstance(target, str):
            target = ConnectRequest.plain(target, self.connect_timeout, self.ping_interval)
        events = SessionEvents()
        events.opened.connect(self._on_session_opened)
        events.handshakeFailed.connect(self._on_session_handshake_failed)
        events.failed.connect(self._on_session_failed)
        events.closed.connect(self._on_session_closed)
        events.violated.connect(self._on_session_violated)
        events.pong.connect(self._on_session_pong)
        events.finished.connect(self._on_session_finished)
        session = Session(self._gen, target, self._inbox, events, checks=self.checks)
        self._session = session
        self._running[session.gen] = session
        session.start()

    def send_text(self, text: str) -> bool:
        """Send a text frame; False when not connected."""
        if self._session is None or not self._open:
            return False
        self._session.send(text)
        return True

    def send_binary(self, data: bytes) -> bool:
        """Send a binary frame; False when not connected."""
        if self._session is None or not self._open:
            return False
        self._session.send_binary(data)
        return True

    def close(self) -> None:
        """Close the current connection cleanly; no further signals come from it."""
        if self._session is not None:
            self._session.close()
            self._session = None
        self._open = False

    def shutdown(self) -> None:
        """Close every connection; their close handshakes go on in their threads (see
        :meth:`wait_finished`). Returns at once."""
        self.close()
        for session in list(self._running.values()):
            session.close()

    def wait_finished(self, timeout: float = 2.0) -> None:
        """Wait (up to ``timeout`` seconds in all) for open connections to finish their
        close handshake, after :meth:`shutdown` (once no window is shown). Attempts still
        connecting are left to time out on their own (their threads are daemons and
        report to nobody)."""
        deadline = time.monotonic() + timeout
        for session in list(self._running.values()):
            if session.opened and session.thread.is_alive():
                session.thread.join(max(0.0, deadline - time.monotonic()))

    def _current(self, gen: int) -> bool:
        return self._session is not None and gen == self._session.gen

    @Slot(int, str)
    def _on_session_opened(self, gen: int, url: str) -> None:
        if self._current(gen):
            self._open = True
            assert self._session is not None
            self.connected.emit(url)
            self.handshakeDone.emit(self._session.info)

    @Slot(int, object)
    def _on_session_handshake_failed(self, gen: int, failure: HandshakeFailure) -> None:
        if self._current(gen):
            self.handshakeFailed.emit(failure)

    @Slot(int, str)
    def _on_session_failed(self, gen: int, reason: str) -> None:
        if self._current(gen):
            self._session = None
            self.connectFailed.emit(reason)

    @Slot(int, int, str)
    def _on_session_closed(self, gen: int, code: int, reason: str) -> None:
        if self._current(gen):
            self._session = None
            self._open = False
            self.disconnected.emit(code, reason)

    @Slot(int, int, str)
    def _on_session_violated(self, gen: int, code: int, reason: str) -> None:
        if self._current(gen):
            self._session = None
            self._open = False
            self.protocolViolated.emit(code, reason)

    @Slot(int, float)
    def _on_session_pong(self, gen: int, ms: float) -> None:
        if self._current(gen):
            self.latencyMeasured.emit(ms)

    @Slot(int)
    def _on_session_finished(self, gen: int) -> None:
        session = self._running.pop(gen, None)
        if session is not None:
            # The thread only has to return now; joining makes sure that the last
            # reference to its QObject is dropped here, in the GUI thread.
            session.thread.join(1.0)
