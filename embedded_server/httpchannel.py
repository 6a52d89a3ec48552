"""The HTTP side of every connection, before it is a WebSocket or while it is HTTP.

Twisted's ``HTTPChannel`` (which daphne uses as it is) leaves two gaps:

- **No deadline for a request's head.** Its idle timeout restarts with every byte, and
  daphne's handshake timeout (autobahn's ``openHandshakeTimeout``) only starts once the
  headers are complete: a client sending one byte every 10 s held its connection
  forever. Here each request must arrive whole within ``handshake_timeout`` seconds of
  the connection (or of the previous response): past that the connection is answered
  408 and closed. For a WebSocket upgrade the same deadline runs on until the handshake
  is complete (the application accepted it), so the whole handshake is bounded.
- **431 for oversized headers.** Twisted answers a head over 16 KiB (or more than 500
  header lines, or a line over 16 KiB) with a bare 400, or drops the connection; RFC
  6585 gives that case its own status, 431 Request Header Fields Too Large, sent here
  as a short JSON body.

Only public parts of ``HTTPChannel`` and ``LineReceiver`` are overridden
(``connectionMade``, ``lineReceived``, ``lineLengthExceeded``, ``allHeadersReceived``,
``allContentReceived``, ``requestDone``, ``connectionLost``); the factory's ``protocol``
is replaced before the reactor runs (``configure``).
"""

from __future__ import annotations

import logging
from typing import Any

from twisted.web import http

logger = logging.getLogger("embedded_server.http")

HEAD_LIMIT = 16 * 1024
"""The most bytes a request line and its headers may take together (Twisted's)."""

_TOO_LARGE_BODY = b'{"status":"request_header_fields_too_large","limit":%d}' % HEAD_LIMIT
_TIMEOUT_BODY = b'{"status":"request_timeout"}'


def _response(status: bytes, body: bytes) -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\n"
        b"Content-Type: application/json\r\n"
        b"X-Content-Type-Options: nosniff\r\n"
        b"Content-Length: %d\r\n"
        b"Connection: close\r\n\r\n" % len(body)
    ) + body


class GuardedHTTPChannel(http.HTTPChannel):
    """``HTTPChannel`` with a deadline for each request and 431 for oversized heads."""

    handshake_timeout = 5.0
    totalHeadersSize = HEAD_LIMIT
    MAX_LENGTH = HEAD_LIMIT

    _deadline: Any = None
    _receiving = False
    _head_bytes = 0
    _head_lines = 0
    _refused = False

    def connectionMade(self) -> None:
        super().connectionMade()
        self._start_request()

    def _start_request(self) -> None:
        self._receiving = True
        self._head_bytes = self._head_lines = 0
        self._cancel_deadline()
        self._deadline = self.callLater(self.handshake_timeout, self._on_deadline)

    def _cancel_deadline(self) -> None:
        if self._deadline is not None and self._deadline.active():
            self._deadline.cancel()
        self._deadline = None

    def lineReceived(self, line: bytes) -> None:
        if self._refused:
            return
        if self._receiving:
            self._head_bytes += len(line) + 2
            self._head_lines += 1
            if self._head_bytes > self.totalHeadersSize or self._head_lines > self.maxHeaders + 1:
                self._refuse(b"431 Request Header Fields Too Large", _TOO_LARGE_BODY)
                return
        super().lineReceived(line)

    def lineLengthExceeded(self, line: bytes) -> None:
        self._refuse(b"431 Request Header Fields Too Large", _TOO_LARGE_BODY)

    def allHeadersReceived(self) -> None:
        self._head_bytes = self._head_lines = 0
        super().allHeadersReceived()

    def allContentReceived(self) -> None:
        self._receiving = False
        super().allContentReceived()  # daphne upgrades a WebSocket request in here
        transport: Any = self.transport
        upgraded = transport is not None and transport.protocol is not self
        if upgraded and hasattr(transport.protocol, "handshake_deadline"):
            # The WebSocket protocol cancels it once open (or closed).
            transport.protocol.handshake_deadline = self._deadline
            self._deadline = None
            # This channel is done; its request must not keep it alive (a cycle).
            self.requests.clear()
        elif not upgraded:
            self._cancel_deadline()  # the application answers in its own time

    def requestDone(self, request: Any) -> None:
        super().requestDone(request)
        if self.persistent and self.transport is not None and not self.transport.disconnecting:
            self._start_request()

    def connectionLost(self, reason: Any = None) -> None:
        self._cancel_deadline()
        super().connectionLost(reason)

    def _on_deadline(self) -> None:
        self._deadline = None
        transport: Any = self.transport
        if transport is None:
            return
        owner = transport.protocol
        if owner is not self:  # a WebSocket still in its handshake
            owner.onOpenHandshakeTimeout()
        elif self._receiving:
            logger.info(
                "request not complete in time: connection closed",
                extra={"event": "http.timeout", "timeout": self.handshake_timeout},
            )
            self._refuse(b"408 Request Timeout", _TIMEOUT_BODY)

    def _refuse(self, status: bytes, body: bytes) -> None:
        self._refused = True
        self._cancel_deadline()
        transport: Any = self.transport
        transport.write(_response(status, body))
        self.loseConnection()


def configure(http_factory: Any, handshake_timeout: float) -> None:
    """Make daphne's HTTP factory build ``GuardedHTTPChannel``s, before the reactor
    runs. daphne serves plain TCP here (no TLS, so no HTTP/2 to negotiate), so the
    channel need not be wrapped in Twisted's HTTP/1.1-or-2 switch."""

    def build() -> GuardedHTTPChannel:
        channel = GuardedHTTPChannel()
        channel.handshake_timeout = handshake_timeout
        return channel

    http_factory.protocol = build
