"""One WebSocket connection, run by its own Python thread. No widget is touched here.

The thread owns the socket: it connects, sends what the GUI queued, reads frames, pings,
and closes. Received messages become records put straight into the history inbox (no Qt
signal per message); only state changes (opened, failed, closed, pong, finished) are
reported, through the signals of a small :class:`SessionEvents` object, which Qt delivers
to the GUI thread as queued calls.

websocket-client does the handshake and writes frames; the thread reads the socket in
chunks of 256 KB, and :class:`gui.net.frames.MessageReader` cuts them into frames and
messages by the rules of RFC 6455. Readers of all tabs take turns and pause while the
GUI thread drains or paints the history (:mod:`gui.core.turns`), and wait for room
when the history is far behind (:meth:`RecordInbox.wait_for_room`). The close
handshake is this module's: one close frame each way, then the server closes the TCP
connection (RFC 6455 7.1.1), which the client waits for a moment before it closes its
own end.
"""

from __future__ import annotations

import collections
import contextlib
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterator

import websocket
from PySide6.QtCore import QCoreApplication, QObject, Signal

from gui.core.checks import ReceivedChecks
from gui.core.diagnosis import (
    HandshakeFailure,
    diagnose_failure,
    subprotocol_failure,
    tls_files_failure,
)
from gui.core.handshake import ConnectionInfo, ConnectRequest
from gui.core.pairing import ReplyPairing
from gui.core.records import NOT_JSON, Direction, binary_record, parse_record, system_record
from gui.core.target import DEFAULT_CONNECT_TIMEOUT
from gui.core.turns import TURNS, Turns
from gui.models.inbox import RecordInbox
from gui.net.frames import (
    Close,
    Event,
    Message,
    MessageReader,
    Ping,
    Pong,
    ProtocolViolation,
)
from gui.net.tls import Phase, client_context
from gui.words import connected_text, failure_reason

_CLOSE_WAIT_S = 1.0  # for the server's close frame, then for its end of the TCP connection
_READ_TIMEOUT_S = 30.0  # for a TLS record once its first byte came in
_CHUNK_BYTES = 256 * 1024  # read from the socket at once: thousands of small messages
_MISSED_PINGS = 3  # pings without a pong before the connection counts as lost
_MAX_REASON_BYTES = 123  # a close frame's payload is at most 125 bytes, code included

Outgoing = str | bytes


class SessionEvents(QObject):
    """Signals a session thread emits; the receiver lives in the GUI thread.

    Signals:
        opened(int gen, str url): the URL with secret query values masked; the session's
            :attr:`Session.info` tells the rest (subprotocol, TLS, proxy),
        handshakeFailed(int gen, HandshakeFailure failure): why, just before ``failed``,
        failed(int gen, str reason),
        closed(int gen, int code, str reason): the server closed, or the connection
            was lost (1006),
        violated(int gen, int code, str reason): the server broke the protocol, and
            the session failed the connection with ``code`` (1002 or 1007),
        pong(int gen, float ms), finished(int gen): the thread is about to end.
    """

    opened = Signal(int, str)
    handshakeFailed = Signal(int, object)
    failed = Signal(int, str)
    closed = Signal(int, int, str)
    violated = Signal(int, int, str)
    pong = Signal(int, float)
    finished = Signal(int)


class Session:
    """A connection attempt and, if it succeeds, the connection until it closes.

    ``target`` is a :class:`~gui.core.handshake.ConnectRequest` (headers, cookies,
    subprotocols, Origin, TLS, proxy, timeouts: a profile made concrete), or a bare URL
    with ``connect_timeout`` and ``ping_interval``. ``inbox`` gets a record for every
    message sent and received (the Autobahn driver in ``bench/`` subclasses
    :class:`RecordInbox` to answer there). Readers take turns, and pause while the GUI
    thread drains or paints the history (``turns``, :mod:`gui.core.turns`).

    Before a received message goes into the inbox, this thread checks it against the
    tab's schema (``checks``, when given) and pairs it with the sent message it
    answers (its round trip), so that the row is written and shown with both.
    """

    def __init__(
        self,
        gen: int,
        target: str | ConnectRequest,
        inbox: RecordInbox,
        events: SessionEvents,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        ping_interval: float = 5.0,
        checks: ReceivedChecks | None = None,
        turns: Turns = TURNS,
    ) -> None:
        if isinstance(target, str):
            target = ConnectRequest.plain(target, connect_timeout, ping_interval)
        self.gen = gen
        self.request = target
        self.url = target.url
        self.events = events
        self._inbox = inbox
        self._checks = checks
        self._turns = turns
        self._pairing = ReplyPairing()
        self._connect_timeout = target.connect_timeout
        self._ping_interval = target.ping_interval
        self.info: ConnectionInfo | None = None  # set by the thread once the handshake succeeded
        self._outgoing: collections.deque[Outgoing] = collections.deque()
        self._closing = False
        self._last_heard = 0.0  # when the server's last frame came, of any kind
        self.opened = False  # set by the thread once the handshake succeeded
        self._ws: websocket.WebSocket | None = None
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self.thread = threading.Thread(target=self._run, name=f"websocket-{gen}", daemon=True)

    # --- called from the GUI thread ----------------------------------------------------

    def start(self) -> None:
        """Start connecting in the session's thread."""
        self.thread.start()

    def send(self, text: str) -> None:
        """Queue a text message; the thread sends it and records it as sent."""
        self._outgoing.append(text)
        self._wake()

    def send_binary(self, data: bytes) -> None:
        """Queue a binary message; the thread sends it and records it as sent."""
        self._outgoing.append(bytes(data))
        self._wake()

    def close(self) -> None:
        """Ask the thread to close the connection cleanly (code 1000) and end."""
        self._closing = True
        self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"\0")

    # --- the thread ------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._connect_and_serve()
        finally:
            for sock in (self._wake_r, self._wake_w):
                sock.close()
            self.events.finished.emit(self.gen)

    def _connect_and_serve(self) -> None:
        request = self.request
        try:
            context = client_context(request.tls) if request.secure else None
        except (OSError, ssl.SSLError, ValueError) as exc:
            self._report_failure(tls_files_failure(exc, request))
            return
        sslopt = {"context": context} if context is not None else None
        # UTF-8 is checked by MessageReader, fragment by fragment; websocket-client would
        # check each whole message once more (in pure Python, and missing a message that
        # ends inside a character), and close reasons too, with the wrong code (1002).
        ws = websocket.WebSocket(enable_multithread=True, skip_utf8_validation=True, sslopt=sslopt)
        try:
            # Origin: the server's own address unless the profile says otherwise, as
            # websocket-client and browsers send it. Channels' AllowedHostsOriginValidator
            # refuses a handshake with no Origin, and accepts this one wherever the host
            # is in ALLOWED_HOSTS (the embedded server too).
            ws.connect(request.url, **request.connect_options())
        except Exception as exc:
            in_tls = context is not None and context.phase is Phase.TLS
            self._report_failure(diagnose_failure(exc, request, in_tls_handshake=in_tls))
            return
        chosen = (ws.getheaders() or {}).get("sec-websocket-protocol")
        subprotocol = chosen.strip() if chosen else None
        if subprotocol is not None and subprotocol not in request.subprotocols:
            with contextlib.suppress(Exception):
                ws.shutdown()
            self._report_failure(subprotocol_failure(request, subprotocol))
            return
        self._ws = ws
        reader = MessageReader()
        if self._closing:
            self._close_by_us(ws, reader)
            return
        self.info = request.connected(subprotocol)
        self.opened = True
        # Written here, not when the GUI hears of it, so that it comes before the
        # messages the server sends at once.
        self._inbox.put(system_record(connected_text(self.info)))
        self.events.opened.emit(self.gen, self.info.url)
        try:
            code, reason = self._serve(ws, reader)
        except ProtocolViolation as exc:
            # What was queued before the breach goes first (an answer to the messages
            # that came before it, in the same chunk), as it would have frame by frame.
            with contextlib.suppress(websocket.WebSocketException, OSError, ValueError):
                self._send_queued(ws)
            self._fail(ws, exc.code, exc.reason)
            self.events.violated.emit(self.gen, exc.code, exc.reason)
            return
        finally:
            self._report_unsent()
        with contextlib.suppress(Exception):
            ws.shutdown()
        self.events.closed.emit(self.gen, code, reason)

    def _report_failure(self, failure: HandshakeFailure) -> None:
        self.events.handshakeFailed.emit(self.gen, failure)
        self.events.failed.emit(self.gen, failure_reason(failure))

    def _serve(self, ws: websocket.WebSocket, reader: MessageReader) -> tuple[int, str]:
        """Run the open connection until it ends: (code, reason) of the end."""
        ws.settimeout(_READ_TIMEOUT_S)
        sock = ws.sock
        assert sock is not None  # connected
        # The first ping goes out one interval after the handshake, as keepalives do:
        # a ping at once would make the server answer in the middle of whatever it is
        # sending (Autobahn's fuzzing server does, in the middle of a chopped frame).
        self._last_heard = time.monotonic()
        next_ping = self._last_heard + self._ping_interval
        silence_limit = _MISSED_PINGS * self._ping_interval
        try:
            while True:
                if self._closing:
                    self._close_by_us(ws, reader)
                    return 1000, QCoreApplication.translate("Session", "closed by the user")
                self._send_queued(ws)
                now = time.monotonic()
                if now >= next_ping:
                    if now - self._last_heard > silence_limit:
                        text = QCoreApplication.translate(
                            "Session", "no reply to pings for {seconds} s"
                        )
                        return 1006, text.format(seconds=f"{silence_limit:g}")
                    ws.ping(str(time.perf_counter_ns()))
                    next_ping = now + self._ping_interval
                    continue
                pending = isinstance(sock, ssl.SSLSocket) and sock.pending() > 0
                if pending:
                    readable = [sock]
                else:
                    readable, _, _ = select.select([sock, self._wake_r], [], [], next_ping - now)
                if self._wake_r in readable:
                    with contextlib.suppress(OSError):
                        self._wake_r.recv(4096)
                if sock in readable:
                    self._inbox.wait_for_room()
                    data = sock.recv(_CHUNK_BYTES)
                    if not data:
                        return 1006, ""
                    # Any frame shows the connection is alive: under a flood the pong
                    # may wait behind seconds of messages in the socket's buffers.
                    self._last_heard = time.monotonic()
                    with self._turns.reading():
                        closed = self._read(ws, reader, data)
                    if closed is not None:
                        self._answer_close(ws, closed)
                        return closed.code or 1005, closed.reason
        except websocket.WebSocketProtocolException as exc:
            # A frame websocket-client itself refused: bad reserved bits, opcode, close frame.
            raise ProtocolViolation(1002, str(exc) or "invalid frame") from None
        except websocket.WebSocketPayloadException as exc:
            raise ProtocolViolation(1007, str(exc) or "invalid payload") from None
        except (websocket.WebSocketException, OSError, ValueError):
            if self._closing:
                return 1000, QCoreApplication.translate("Session", "closed by the user")
            return 1006, ""

    def _send_queued(self, ws: websocket.WebSocket) -> None:
        while self._outgoing:
            item = self._outgoing[0]
            if isinstance(item, str):
                ws.send(item)
                sent_ns = time.perf_counter_ns()
                record, document = parse_record(Direction.SENT, item)
                if document is not NOT_JSON:
                    self._pairing.sent(document, sent_ns)
            else:
                ws.send(item, websocket.ABNF.OPCODE_BINARY)
                record = binary_record(Direction.SENT, item)
            self._outgoing.popleft()
            self._inbox.put(record)

    def _read(self, ws: websocket.WebSocket, reader: MessageReader, data: bytes) -> Close | None:
        """Act on every frame ``data`` completes; the server's close frame, once it came
        (what follows it is not read)."""
        yield_to_gui = self._turns.yield_to_gui
        for event in reader.events(data):
            yield_to_gui()
            if isinstance(event, Message):
                self._keep(event)
            elif isinstance(event, Ping):
                ws.pong(event.payload)
            elif isinstance(event, Pong):
                with contextlib.suppress(ValueError):
                    sent_ns = int(event.payload.decode("ascii"))
                    self.events.pong.emit(self.gen, (time.perf_counter_ns() - sent_ns) / 1e6)
            elif isinstance(event, Close):
                return event
        return None

    def _keep(self, message: Message) -> None:
        if message.text is None:
            self._inbox.put(binary_record(Direction.RECEIVED, message.payload))
        else:
            received_ns = time.perf_counter_ns()
            size = len(message.payload)
            record, document = parse_record(Direction.RECEIVED, message.text, size=size)
            if document is not NOT_JSON:
                record.rtt_ms = self._pairing.received(document, received_ns)
                checks = self._checks
                if checks is not None:
                    verdict = checks.verdict(document)
                    if verdict is not None:
                        record.schema_ok = verdict.ok
                        record.schema_path = verdict.path
                        record.schema_error = verdict.reason
            self._inbox.put(record)

    def _kept(self, reader: MessageReader, data: bytes) -> Iterator[Event]:
        """The events ``data`` completes, its messages kept on the way."""
        for event in reader.events(data):
            if isinstance(event, Message):
                self._keep(event)
            yield event

    def _report_unsent(self) -> None:
        """Messages queued but never sent become error rows, so none vanish silently."""
        while self._outgoing:
            item = self._outgoing.popleft()
            if isinstance(item, bytes):
                shown = QCoreApplication.translate("Session", "{count} bytes of binary").format(
                    count=len(item)
                )
            else:
                shown = item if len(item) <= 200 else item[:200] + "…"
            text = QCoreApplication.translate(
                "Session", "not sent (connection closed): {message}"
            ).format(message=shown)
            self._inbox.put(system_record(text, error=True))

    # --- the close handshake ---------------------------------------------------------------

    def _answer_close(self, ws: websocket.WebSocket, closed: Close) -> None:
        """The server closed: echo its code once, then let it close the TCP connection."""
        with contextlib.suppress(websocket.WebSocketException, OSError, ValueError):
            ws.send_close(closed.reply_code(), b"")
            self._await_eof(ws, time.monotonic() + _CLOSE_WAIT_S)

    def _close_by_us(self, ws: websocket.WebSocket, reader: MessageReader) -> None:
        """Send one close frame and wait briefly for the server's; messages still
        arriving before it are kept. The server's close frame is not answered: it is
        the answer."""
        deadline = time.monotonic() + _CLOSE_WAIT_S
        try:
            ws.send_close(websocket.STATUS_NORMAL, b"")
            sock = ws.sock
            while sock is not None and time.monotonic() < deadline:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
                data = sock.recv(_CHUNK_BYTES)
                if not data:
                    break
                if any(isinstance(event, Close) for event in self._kept(reader, data)):
                    self._await_eof(ws, deadline)
                    break
        except (websocket.WebSocketException, OSError, ValueError, ProtocolViolation):
            pass
        finally:
            with contextlib.suppress(Exception):
                ws.shutdown()

    def _fail(self, ws: websocket.WebSocket, code: int, reason: str) -> None:
        """Fail the connection (RFC 6455 7.1.7): one close frame with ``code``, then
        whatever the server still sends is dropped until it closes, or briefly."""
        try:
            ws.send_close(code, _reason_bytes(reason))
            self._await_eof(ws, time.monotonic() + _CLOSE_WAIT_S)
        except (websocket.WebSocketException, OSError, ValueError):
            pass
        finally:
            with contextlib.suppress(Exception):
                ws.shutdown()

    @staticmethod
    def _await_eof(ws: websocket.WebSocket, deadline: float) -> None:
        """Read and drop bytes until the server closes the TCP connection or time's up."""
        sock = ws.sock
        if sock is None:
            return
        with contextlib.suppress(OSError, ValueError):
            while (left := deadline - time.monotonic()) > 0:
                sock.settimeout(left)
                if not sock.recv(65536):
                    return


def _reason_bytes(reason: str) -> bytes:
    """``reason`` as UTF-8, cut to fit a close frame without splitting a character."""
    cut = reason.encode("utf-8")[:_MAX_REASON_BYTES]
    return cut.decode("utf-8", errors="ignore").encode("utf-8")
