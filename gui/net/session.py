"""One WebSocket connection, run by its own Python thread. No widget is touched here.

The thread owns the socket: it connects, sends what the GUI queued, reads frames, pings,
and closes. Received frames become records put straight into the history inbox (no Qt
signal per message); only state changes (opened, failed, closed, pong, finished) are
reported, through the signals of a small :class:`SessionEvents` object, which Qt delivers
to the GUI thread as queued calls.
"""

from __future__ import annotations

import collections
import contextlib
import select
import socket
import ssl
import struct
import threading
import time

import websocket
from PySide6.QtCore import QObject, Signal

from gui.core.records import Direction, MessageRecord, make_record, now_ms, system_record
from gui.core.target import parse_url
from gui.core.wording import describe_connect_error
from gui.models.inbox import RecordInbox

_CLOSE_WAIT_S = 1.0
_READ_TIMEOUT_S = 30.0
_MISSED_PINGS = 3  # pings without a pong before the connection counts as lost


class SessionEvents(QObject):
    """Signals a session thread emits; the receiver lives in the GUI thread.

    Signals:
        opened(int gen, str url), failed(int gen, str reason),
        closed(int gen, int code, str reason), pong(int gen, float ms),
        finished(int gen): the thread is about to end.
    """

    opened = Signal(int, str)
    failed = Signal(int, str)
    closed = Signal(int, int, str)
    pong = Signal(int, float)
    finished = Signal(int)


class Session:
    """A connection attempt and, if it succeeds, the connection until it closes."""

    def __init__(
        self,
        gen: int,
        url: str,
        inbox: RecordInbox,
        events: SessionEvents,
        connect_timeout: float,
        ping_interval: float,
    ) -> None:
        self.gen = gen
        self.url = url
        self.events = events
        self._inbox = inbox
        self._connect_timeout = connect_timeout
        self._ping_interval = ping_interval
        self._outgoing: collections.deque[str] = collections.deque()
        self._closing = False
        self._last_pong = 0.0
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
        """Queue a text frame; the thread sends it and records it as sent."""
        self._outgoing.append(text)
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
        ws = websocket.WebSocket(enable_multithread=True, skip_utf8_validation=True)
        try:
            # websocket-client sends Origin: http(s)://host:port, the server's own address.
            # Channels' AllowedHostsOriginValidator refuses a handshake with no Origin, and
            # accepts this one wherever the host is in ALLOWED_HOSTS (the embedded server too).
            ws.connect(self.url, timeout=self._connect_timeout)
        except Exception as exc:
            address = parse_url(self.url)
            host, port = (address.host, address.port) if address else (self.url, 0)
            self.events.failed.emit(
                self.gen, describe_connect_error(exc, host, port, self._connect_timeout)
            )
            return
        self._ws = ws
        if self._closing:
            self._close_handshake(ws)
            return
        self.opened = True
        self.events.opened.emit(self.gen, self.url)
        code, reason = self._serve(ws)
        with contextlib.suppress(Exception):
            ws.shutdown()
        self.events.closed.emit(self.gen, code, reason)

    def _serve(self, ws: websocket.WebSocket) -> tuple[int, str]:
        ws.settimeout(_READ_TIMEOUT_S)
        sock = ws.sock
        assert sock is not None  # connected
        next_ping = time.monotonic()
        self._last_pong = next_ping
        silence_limit = _MISSED_PINGS * self._ping_interval
        try:
            while True:
                if self._closing:
                    self._close_handshake(ws)
                    return 1000, "closed by the user"
                while self._outgoing:
                    in_flight = self._outgoing[0]
                    ws.send(in_flight)
                    self._outgoing.popleft()
                    self._inbox.put(make_record(Direction.SENT, in_flight))
                now = time.monotonic()
                if now >= next_ping:
                    if now - self._last_pong > silence_limit:
                        return 1006, f"no reply to pings for {silence_limit:g} s"
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
                    result = self._read_frame(ws)
                    if result is not None:
                        return result
        except (websocket.WebSocketException, OSError, ValueError):
            if self._closing:
                return 1000, "closed by the user"
            return 1006, ""
        finally:
            self._report_unsent()

    def _report_unsent(self) -> None:
        """Messages queued but never sent become error rows, so none vanish silently."""
        while self._outgoing:
            text = self._outgoing.popleft()
            shown = text if len(text) <= 200 else text[:200] + "…"
            self._inbox.put(system_record(f"not sent (connection closed): {shown}", error=True))

    def _read_frame(self, ws: websocket.WebSocket) -> tuple[int, str] | None:
        opcode, frame = ws.recv_data_frame(control_frame=True)
        data: bytes = frame.data if frame is not None else b""
        if opcode == websocket.ABNF.OPCODE_TEXT:
            text = data.decode("utf-8", errors="replace")
            self._inbox.put(make_record(Direction.RECEIVED, text, size=len(data)))
        elif opcode == websocket.ABNF.OPCODE_BINARY:
            shown = data[:64].hex(" ") + (" …" if len(data) > 64 else "")
            text = f"(binary frame, {len(data)} bytes) {shown}"
            self._inbox.put(MessageRecord(now_ms(), Direction.RECEIVED, text, len(data), False))
        elif opcode == websocket.ABNF.OPCODE_PONG:
            self._last_pong = time.monotonic()
            with contextlib.suppress(ValueError):
                sent_ns = int(data.decode("ascii"))
                self.events.pong.emit(self.gen, (time.perf_counter_ns() - sent_ns) / 1e6)
        elif opcode == websocket.ABNF.OPCODE_CLOSE:
            if len(data) >= 2:
                code = struct.unpack("!H", data[:2])[0]
                return code, data[2:].decode("utf-8", errors="replace")
            return 1005, ""
        return None

    def _close_handshake(self, ws: websocket.WebSocket) -> None:
        """Send a close frame and wait briefly for the server's."""
        try:
            ws.settimeout(_CLOSE_WAIT_S)
            ws.send_close(websocket.STATUS_NORMAL, b"")
            deadline = time.monotonic() + _CLOSE_WAIT_S
            # Messages still arriving before the server's close frame are kept.
            while time.monotonic() < deadline and self._read_frame(ws) is None:
                pass
        except (websocket.WebSocketException, OSError, ValueError):
            pass
        finally:
            with contextlib.suppress(Exception):
                ws.shutdown()
