"""The runner's WebSocket connection: websocket-client, one thread, no Qt.

:meth:`Transport.open` makes the handshake with the scenario's ``connect`` options
(headers, subprotocols, Origin, cookies, TLS, HTTP proxy); :meth:`Transport.receive`
waits up to a timeout for the next text frame or the end of the connection, answering
pings on the way; :meth:`Transport.send` raises :class:`~gui.core.engine.SendError` once
the connection is gone.
"""

from __future__ import annotations

import contextlib
import select
import ssl
import struct
import time
from dataclasses import dataclass
from typing import Any

import websocket

from gui.core.engine import SendError
from gui.core.scenario_model import Connect
from gui.core.target import parse_url
from gui.core.wording import describe_connect_error

_FRAME_TIMEOUT_S = 30.0  # a frame whose first bytes arrived must be complete by then
_CLOSE_WAIT_S = 1.0


class ConnectFailed(Exception):
    """The handshake failed; the message says why in words."""


@dataclass(frozen=True, slots=True)
class Closed:
    """The connection ended: the close code (None without a close frame) and reason."""

    code: int | None
    reason: str


def _proxy_options(proxy: str) -> dict[str, Any]:
    """websocket-client's options for an HTTP proxy given as ``[http://]host:port``."""
    address = proxy.removeprefix("http://").rstrip("/")
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ConnectFailed(f"proxy {proxy!r} is not host:port")
    return {"http_proxy_host": host.strip("[]"), "http_proxy_port": int(port), "proxy_type": "http"}


def connect_options(connect: Connect, cookie: str | None = None) -> dict[str, Any]:
    """The keyword arguments of ``websocket.WebSocket.connect`` for ``connect``."""
    options: dict[str, Any] = {"timeout": connect.timeout_ms / 1000}
    header = [f"{name}: {value}" for name, value in connect.headers]
    if connect.subprotocols:
        # Offered as a plain header: websocket-client's own `subprotocols` option refuses
        # a server that picks none, which RFC 6455 allows (and the embedded server does
        # for unknown ones). The answer is checked in Transport.open.
        header.append("Sec-WebSocket-Protocol: " + ", ".join(connect.subprotocols))
    if header:
        options["header"] = header
    if connect.origin is not None:
        if connect.origin.strip().lower() == "none":
            options["suppress_origin"] = True
        else:
            options["origin"] = connect.origin
    if cookie:
        options["cookie"] = cookie
    if connect.proxy:
        options.update(_proxy_options(connect.proxy))
    return options


def ssl_options(connect: Connect) -> dict[str, Any]:
    """websocket-client's ``sslopt`` (given to ``WebSocket()``, not to ``connect``)."""
    sslopt: dict[str, Any] = {}
    if not connect.tls_verify:
        sslopt.update(cert_reqs=ssl.CERT_NONE, check_hostname=False)
    if connect.ca_file:
        sslopt["ca_certs"] = connect.ca_file
    if connect.client_cert:
        sslopt["certfile"] = connect.client_cert
        if connect.client_key:
            sslopt["keyfile"] = connect.client_key
    return sslopt


class Transport:
    """One open WebSocket connection (use from one thread)."""

    def __init__(self, ws: websocket.WebSocket, elapsed_ms: float, subprotocol: str | None) -> None:
        self._ws = ws
        self.elapsed_ms = elapsed_ms
        self.subprotocol = subprotocol
        self.closed: Closed | None = None

    @classmethod
    def open(cls, connect: Connect, cookie: str | None = None) -> Transport:
        """Connect; raise :class:`ConnectFailed` with the reason in words."""
        options = connect_options(connect, cookie)
        ws = websocket.WebSocket(
            sslopt=ssl_options(connect), enable_multithread=False, skip_utf8_validation=True
        )
        started = time.monotonic()
        try:
            ws.connect(connect.url, **options)
        except Exception as exc:
            with contextlib.suppress(Exception):
                ws.shutdown()
            address = parse_url(connect.url)
            host, port = (address.host, address.port) if address else (connect.url, 0)
            timeout = connect.timeout_ms / 1000
            raise ConnectFailed(describe_connect_error(exc, host, port, timeout)) from None
        elapsed = (time.monotonic() - started) * 1000
        chosen = (ws.getheaders() or {}).get("sec-websocket-protocol")
        if chosen is not None and chosen.strip() not in connect.subprotocols:
            with contextlib.suppress(Exception):
                ws.shutdown()
            offered = ", ".join(connect.subprotocols) or "none"
            raise ConnectFailed(f"the server chose subprotocol {chosen!r}; offered: {offered}")
        return cls(ws, elapsed, chosen.strip() if chosen else None)

    def send(self, text: str) -> None:
        """Send a text frame; :class:`SendError` once the connection is gone."""
        if self.closed is not None:
            raise SendError("the connection is closed")
        try:
            self._ws.send(text)
        except (websocket.WebSocketException, OSError) as exc:
            self.closed = Closed(None, "connection lost")
            raise SendError(f"connection lost ({type(exc).__name__})") from None

    def receive(self, timeout: float) -> str | Closed | None:
        """The next text frame, the end of the connection, or None after ``timeout`` s."""
        if self.closed is not None:
            return self.closed
        deadline = time.monotonic() + max(0.0, timeout)
        sock = self._ws.sock
        while True:
            if sock is None:
                return self._end(None, "connection lost")
            pending = isinstance(sock, ssl.SSLSocket) and sock.pending() > 0
            if not pending:
                left = deadline - time.monotonic()
                readable, _, _ = select.select([sock], [], [], max(0.0, left))
                if not readable:
                    return None
            result = self._read_frame()
            if result is not None:
                return result
            if time.monotonic() >= deadline:
                return None

    def _read_frame(self) -> str | Closed | None:
        try:
            self._ws.settimeout(_FRAME_TIMEOUT_S)
            opcode, frame = self._ws.recv_data_frame(control_frame=True)
        except (websocket.WebSocketException, OSError, ValueError):
            return self._end(None, "connection lost")
        data: bytes = frame.data if frame is not None else b""
        if opcode == websocket.ABNF.OPCODE_TEXT:
            return data.decode("utf-8", errors="replace")
        if opcode == websocket.ABNF.OPCODE_BINARY:
            shown = data[:64].hex(" ") + (" …" if len(data) > 64 else "")
            return f"(binary frame, {len(data)} bytes) {shown}"
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            if len(data) >= 2:
                code = struct.unpack("!H", data[:2])[0]
                return self._end(code, data[2:].decode("utf-8", errors="replace"))
            return self._end(1005, "")
        return None  # ping (answered by websocket-client) or pong

    def _end(self, code: int | None, reason: str) -> Closed:
        self.closed = Closed(code, reason)
        with contextlib.suppress(Exception):
            self._ws.shutdown()
        return self.closed

    def close(self) -> None:
        """Close cleanly (code 1000), waiting briefly for the server's close frame."""
        if self.closed is None:
            self.closed = Closed(1000, "closed by the runner")
            with contextlib.suppress(Exception):
                self._ws.close(timeout=_CLOSE_WAIT_S)
        with contextlib.suppress(Exception):
            self._ws.shutdown()
