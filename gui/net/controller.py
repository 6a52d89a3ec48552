"""Connection state: embedded server start, connect, drop, reconnect with backoff.

The controller connects from a :class:`~gui.core.profile.Profile`
(:meth:`ConnectionController.connect_profile`): each attempt turns it into a
:class:`~gui.core.handshake.ConnectRequest` at that moment (variables expanded, the
embedded server's current port, the cookies of a Django login). The window's older
``connect_to(mode, address)`` is a thin wrapper that makes a profile of its address.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gui.core.connection import ConnectionState, backoff_delay
from gui.core.diagnosis import HandshakeFailure, diagnose_close
from gui.core.handshake import ConnectionInfo, RequestError, build_request
from gui.core.profile import Profile, legacy_profile
from gui.core.profile_check import ProfileProblem, check_profile
from gui.core.records import system_record
from gui.core.target import RemoteAddress, ServerMode
from gui.core.variables import VariableScope
from gui.models.inbox import RecordInbox
from gui.net.client import WebSocketClient
from gui.server.launcher import ServerLauncher
from gui.server.shared import ServerLease
from gui.words import close_text, failure_text, state_name, word


class ConnectionController(QObject):
    """Drives the client and the embedded server from the user's Connect/Disconnect.

    Writes a system row to the history for each event (server ready, connected, closed
    with code and reason, errors), and reconnects after a drop when ``auto_reconnect``
    is on, waiting longer after each failed attempt.

    Signals:
        stateChanged(ConnectionState state, str message): the message is for the user.
        latencyChanged(float ms): WebSocket ping round trip.
        connectedTo(str url): a connection opened (for the recent list; secret query
            values masked).
        connectionInfoChanged(object info): a :class:`ConnectionInfo` when a connection
            opens (subprotocol, TLS verified or not, proxy), None when it ends.
        negotiatedProtocolChanged(str name): the subprotocol the server chose, "" for
            none or when not connected (``negotiatedProtocolLabel``).
        handshakeFailed(object failure): a :class:`HandshakeFailure` (also written to
            the history, explained).
        userRefused(object cause): the consumer accepted and at once closed with
            4401/4403 (a :class:`HandshakeCause`: log in); no reconnect follows.
        profileRefused(object problems): Connect with a profile that cannot be used:
            a list of :class:`ProfileProblem` (code and field), nothing was sent.
    """

    stateChanged = Signal(object, str)
    latencyChanged = Signal(float)
    connectedTo = Signal(str)
    connectionInfoChanged = Signal(object)
    negotiatedProtocolChanged = Signal(str)
    handshakeFailed = Signal(object)
    userRefused = Signal(object)
    profileRefused = Signal(object)

    def __init__(
        self,
        client: WebSocketClient,
        launcher: ServerLauncher | ServerLease,
        inbox: RecordInbox,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.auto_reconnect = True
        self._client = client
        self._launcher = launcher
        self._inbox = inbox
        self._state = ConnectionState.DISCONNECTED
        self._message = state_name(ConnectionState.DISCONNECTED)
        self._wanted = False
        self._profile = Profile()
        self._scope: VariableScope | None = None
        self._login_cookies: dict[str, str] = {}
        self._info: ConnectionInfo | None = None
        self._opened_at = 0.0
        self._failure: HandshakeFailure | None = None
        self._attempt = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._on_retry_timeout)
        client.connected.connect(self._on_client_connected)
        client.handshakeDone.connect(self._on_client_handshake_done)
        client.handshakeFailed.connect(self._on_client_handshake_failed)
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

    @property
    def profile(self) -> Profile:
        """The profile of the last Connect."""
        return self._profile

    @property
    def connection_info(self) -> ConnectionInfo | None:
        """The open connection (subprotocol, TLS, proxy), or None."""
        return self._info

    @property
    def negotiated_protocol(self) -> str:
        """The subprotocol the server chose for the open connection, or ""."""
        return (self._info.subprotocol or "") if self._info else ""

    @property
    def login_cookies(self) -> dict[str, str]:
        """Cookies of a Django login, sent in every handshake of this connection."""
        return dict(self._login_cookies)

    def set_login_cookies(self, cookies: Mapping[str, str]) -> None:
        """Send ``cookies`` (a :class:`~gui.core.django_login.LoginResult`'s) in every
        handshake from now on, with the profile's own (same name: these win).
        They are kept in memory only; reconnect to use them on an open connection."""
        self._login_cookies = dict(cookies)

    def clear_login_cookies(self) -> None:
        """Forget the login's cookies (a logout)."""
        self._login_cookies = {}

    def connect_profile(self, profile: Profile) -> None:
        """Start connecting as ``profile`` says: to the embedded server (started
        first when needed) or to the profile's URL; auto-reconnect as it says.

        A profile with problems (:func:`~gui.core.profile_check.check_profile`, the CA
        and certificate files apart: the session reports those) is not connected:
        :attr:`profileRefused` lists them and the state becomes ERROR."""
        self._retry.stop()
        problems = check_profile(profile, check_files=False)
        if problems:
            self._refuse(problems)
            return
        self._wanted = True
        self._profile = profile
        self._scope = VariableScope(profile.variables)
        self.auto_reconnect = profile.auto_reconnect
        self._attempt = 0
        self._open()

    def connect_to(self, mode: ServerMode, address: RemoteAddress | None = None) -> None:
        """Start connecting: embedded (start the server first) or to ``address``, with
        this controller's timeout and auto-reconnect (the window before profiles)."""
        profile = legacy_profile(
            mode,
            address or RemoteAddress(),
            connect_timeout=self.connect_timeout,
            auto_reconnect=self.auto_reconnect,
        )
        self.connect_profile(profile.replace(ping_interval=self._client.ping_interval))

    def disconnect_from_server(self) -> None:
        """The user's Disconnect: close the socket, stop retrying."""
        was_open = self._client.is_connected
        self._wanted = False
        self._retry.stop()
        self._client.close()
        self._set_info(None)
        if was_open:
            self._inbox.put(system_record(state_name(ConnectionState.DISCONNECTED)))
        self._set(ConnectionState.DISCONNECTED, state_name(ConnectionState.DISCONNECTED))

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
            self._inbox.put(system_record(self.tr("disconnected: the app is closing")))
        self._client.shutdown()
        self._launcher.stop()
        self._set(ConnectionState.DISCONNECTED, state_name(ConnectionState.DISCONNECTED))

    # --- internals -----------------------------------------------------------------

    def _set(self, state: ConnectionState, message: str) -> None:
        self._state = state
        self._message = message
        self.stateChanged.emit(state, message)

    def _progress(self, state: ConnectionState, message: str) -> None:
        if self._attempt > 0:
            text = self.tr("attempt {attempt}: {message}")
            self._set(
                ConnectionState.RECONNECTING, text.format(attempt=self._attempt, message=message)
            )
        else:
            self._set(state, message)

    @property
    def _embedded(self) -> bool:
        return self._profile.server is ServerMode.EMBEDDED

    def _open(self) -> None:
        if self._embedded and self._launcher.url is None:
            self._progress(
                ConnectionState.STARTING_SERVER, self.tr("starting the embedded server…")
            )
            self._launcher.start()
            return
        try:
            request = build_request(
                self._profile,
                scope=self._scope,
                embedded_url=self._launcher.url if self._embedded else None,
                login_cookies=self._login_cookies,
            )
        except RequestError as exc:
            self._refuse([exc.problem])
            return
        self._failure = None
        text = self.tr("connecting to {url}…").format(url=request.shown_url)
        self._progress(ConnectionState.CONNECTING, text)
        self._client.open(request)

    def _refuse(self, problems: list[ProfileProblem]) -> None:
        first = word(problems[0])
        if len(problems) > 1:
            text = self.tr("cannot connect: {problem} (and {more} more)")
        else:
            text = self.tr("cannot connect: {problem}")
        text = text.format(problem=first, more=len(problems) - 1)
        self._inbox.put(system_record(text, error=True))
        self._wanted = False
        self._retry.stop()
        self._set(ConnectionState.ERROR, first)
        self.profileRefused.emit(problems)

    def _set_info(self, info: ConnectionInfo | None) -> None:
        had = self._info
        self._info = info
        if had is None and info is None:
            return
        self.connectionInfoChanged.emit(info)
        self.negotiatedProtocolChanged.emit((info.subprotocol or "") if info else "")

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
        text = self.tr("{reason} — reconnecting in {seconds} s")
        self._set(ConnectionState.RECONNECTING, text.format(reason=reason, seconds=f"{delay:g}"))
        self._retry.start(int(delay * 1000))

    @Slot()
    def _on_retry_timeout(self) -> None:
        if self._wanted:
            self._attempt += 1
            self._open()

    @Slot(str)
    def _on_client_connected(self, url: str) -> None:
        self._attempt = 0  # the session wrote the "connected to" row, before any message
        self._opened_at = time.monotonic()
        if url.lower().startswith("wss:") and not self._profile.tls.verify:
            message = self.tr("connected to {url} (TLS verification off)").format(url=url)
        else:
            message = self.tr("connected to {url}").format(url=url)
        self._set(ConnectionState.CONNECTED, message)
        self.connectedTo.emit(url)

    @Slot(object)
    def _on_client_handshake_done(self, info: ConnectionInfo) -> None:
        self._set_info(info)

    @Slot(object)
    def _on_client_handshake_failed(self, failure: HandshakeFailure) -> None:
        self._failure = failure
        self.handshakeFailed.emit(failure)

    @Slot(str)
    def _on_client_connect_failed(self, reason: str) -> None:
        failure, self._failure = self._failure, None
        self._inbox.put(system_record(failure_text(failure) if failure else reason, error=True))
        if self._wanted:
            self._fail(reason)

    @Slot(int, str)
    def _on_client_disconnected(self, code: int, reason: str) -> None:
        info = self._info
        self._set_info(None)
        cause = None
        if info is not None:
            cause = diagnose_close(code, reason, time.monotonic() - self._opened_at, info.sent)
        if cause is not None:
            # Retrying would be refused the same way: stop, and say what to do.
            closed = close_text(code, reason)
            text = self.tr("server closed the connection: {close}: {cause}")
            text = text.format(close=closed, cause=word(cause))
            self._inbox.put(system_record(text, error=True))
            self._wanted = False
            self._retry.stop()
            text = self.tr("server closed the connection: {close}").format(close=closed)
            self._set(ConnectionState.ERROR, text)
            self.userRefused.emit(cause)
            return
        if code == 1006:
            why = reason or self.tr("no close frame from the server")
            text = self.tr("connection lost (1006: {why})").format(why=why)
        else:
            text = self.tr("server closed the connection: {close}")
            text = text.format(close=close_text(code, reason))
        self._inbox.put(system_record(text, error=code not in (1000, 1001)))
        if self._wanted:
            self._dropped(text)
        else:
            self._set(ConnectionState.DISCONNECTED, text)

    @Slot(int, str)
    def _on_client_protocol_violated(self, code: int, reason: str) -> None:
        self._set_info(None)
        closed = close_text(code, reason)
        text = self.tr("the server broke the WebSocket protocol: closed with {close}")
        text = text.format(close=closed)
        self._inbox.put(system_record(text, error=True))
        if self._wanted:
            self._dropped(text)
        else:
            self._set(ConnectionState.DISCONNECTED, text)

    @Slot(str)
    def _on_launcher_ready(self, url: str) -> None:
        self._inbox.put(system_record(self.tr("embedded server ready at {url}").format(url=url)))
        if self._wanted and self._embedded:
            self._open()

    @Slot(str)
    def _on_launcher_failed(self, reason: str) -> None:
        self._inbox.put(system_record(reason, error=True))
        if self._wanted and self._embedded:
            self._fail(reason)

    @Slot(str)
    def _on_launcher_crashed(self, reason: str) -> None:
        self._inbox.put(system_record(reason, error=True))
        if not self._embedded:
            return
        if self._wanted:
            self._client.close()
            self._set_info(None)
            self._dropped(reason)
        else:
            self._set(ConnectionState.ERROR, reason)
