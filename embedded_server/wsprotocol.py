"""daphne's WebSocket protocol, without autobahn's per-frame debug-log formatting,
checking UTF-8 once instead of twice, and sending a reply at once when nothing else is
waiting.

autobahn builds the arguments of a ``log.debug`` call for every chunk of bytes it
receives and every frame it sends: ``hltype(...)`` and ``hlval(...)`` look up qualified
names and colour them with ``click.style``, a few microseconds each, before the logger
finds out that debug is off and drops them. On a 100-byte echo that was about 6% of the
server's CPU (py-spy, ``bench/README-server.md``).

``QuietWebSocketProtocol`` takes the same paths minus those two log calls:

- ``dataReceived``: autobahn's version logs, then calls ``_dataReceived``; this one only
  calls ``_dataReceived``.
- ``sendData``: autobahn's direct path (no chopping, nothing queued, not synchronous,
  no octet logging) is ``transport.write`` + the debug log + the traffic counter of
  the connection's state. This one does that for an open connection and hands every
  other case to autobahn unchanged.

Text messages were checked for valid UTF-8 twice: by autobahn's incremental
validator, frame by frame (12% of the CPU on 256 KB documents), then by daphne's
``payload.decode("utf8")``, which is strict too (it refuses overlong forms and
surrogates, as RFC 6455 requires). autobahn's check is turned off for this protocol,
and a ``UnicodeDecodeError`` from daphne's decode fails the connection the way autobahn
would have: close code 1007, invalid payload. (Close reasons are still checked by
autobahn; that check does not depend on this option.)

Twisted never writes to a socket from ``transport.write``: it buffers the bytes,
registers the socket for writing (``epoll_ctl``), and sends on the next turn of the
event loop, then unregisters it (``epoll_ctl`` again). That batches well when many
replies are made in one turn, but costs a ping-pong exchange two system calls and a
whole loop turn per message, most of daphne's extra latency over a bare asyncio server.
``_write`` sends at once, as asyncio's own transports do, but only when it is safe and
useful:

- the connection's input queue is empty, so no other reply will follow in this turn
  (while messages are queued, replies are buffered and go out together as before);
- the transport is plain TCP (not TLS), connected, not closing, and Twisted's buffer is
  empty, so these bytes cannot overtake buffered ones.

It then uses Twisted's own ``writeSomeData`` (which sends what the socket takes and
reports a lost connection instead of raising); whatever it did not send, error or not,
goes through ``transport.write`` as usual, so Twisted sends the rest in order or
notices the lost connection and closes as it always does.

The CLI uses it unless ``--log-level debug`` asks for autobahn's debug lines.
"""

from __future__ import annotations

from typing import Any

from daphne.ws_protocol import WebSocketProtocol
from twisted.internet import tcp


class QuietWebSocketProtocol(WebSocketProtocol):
    """daphne's ``WebSocketProtocol`` minus autobahn's debug-log formatting per frame."""

    def _connectionMade(self) -> None:
        super()._connectionMade()  # copies the factory's options onto the protocol
        self.utf8validateIncoming = False  # daphne's decode checks (module docstring)

    def onMessage(self, payload: bytes, isBinary: bool) -> None:
        try:
            super().onMessage(payload, isBinary)
        except UnicodeDecodeError:
            self._invalid_payload("text message payload is not valid UTF-8")

    def dataReceived(self, data: bytes) -> None:
        self._dataReceived(data)

    def sendData(self, data: bytes, sync: bool = False, chopsize: Any = None) -> None:
        if chopsize or sync or self.send_queue or self.logOctets:
            super().sendData(data, sync, chopsize)
        elif self.state == self.STATE_OPEN:
            self._write(data)
            self.trafficStats.outgoingOctetsWireLevel += len(data)
        else:
            super().sendData(data, sync, chopsize)

    def _write(self, data: bytes) -> None:
        """``transport.write``, sending at once when safe (see the module docstring)."""
        transport = self.transport
        queue = getattr(self, "application_queue", None)
        if (
            queue is None
            or not queue.empty()
            or not isinstance(transport, tcp.Connection)
            or transport.TLS
            or not transport.connected
            or transport.disconnecting
            or transport._writeDisconnected
            or transport._tempDataBuffer
            or transport.offset < len(transport.dataBuffer)
        ):
            transport.write(data)
            return
        sent = transport.writeSomeData(data)
        if isinstance(sent, Exception) or sent < 0:
            sent = 0
        if sent < len(data):
            transport.write(data[sent:])
