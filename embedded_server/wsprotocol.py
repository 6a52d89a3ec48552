"""daphne's WebSocket protocol with the per-message work this server does not need
taken out. Each change was found with py-spy on ``bench/server.py`` (figures in
``bench/README-server.md``) and each keeps autobahn's or Twisted's own code for every
case it does not cover.

1. No debug-log formatting. autobahn builds the arguments of a ``log.debug`` call for
   every chunk it receives and every frame it sends (``hltype``/``hlval`` look up
   qualified names and colour them with ``click.style``) before the logger drops them:
   ~6% of the CPU of a 100-byte echo. ``dataReceived`` calls ``_dataReceived``
   directly; ``sendData``'s direct path (open connection, no chopping, nothing
   queued, not synchronous, no octet logging) is ``transport.write`` plus the traffic
   counter, without the log call; every other case goes to autobahn.

2. No "message" event without observers. After each message autobahn fires an event
   for observers registered with ``protocol.on("message", ...)``; daphne registers
   none, yet each firing builds a resolved Deferred and attaches an errback: ~8% per
   100-byte message. ``onMessageEnd`` skips it when there are no observers and no
   timing tracker.

3. UTF-8 checked once. autobahn validated text frames incrementally (12% of the CPU
   on 256 KB documents), then daphne's ``payload.decode("utf8")`` checked them again,
   just as strictly (it refuses overlong forms and surrogates, as RFC 6455 requires).
   autobahn's check is off; a ``UnicodeDecodeError`` from daphne's decode fails the
   connection the way autobahn would have: close code 1007, invalid payload. (Close
   reasons are still checked by autobahn; that check does not use this option.)

4. A reply sent at once when nothing else is waiting. Twisted's ``transport.write``
   only buffers: it registers the socket for writing (``epoll_ctl``), sends on the
   next turn of the loop, and unregisters it (``epoll_ctl`` again). That batches well
   when many replies are made in one turn, but costs a ping-pong exchange two system
   calls and a loop turn per message, most of daphne's extra latency over a bare
   asyncio server. ``_write`` sends at once, as asyncio's transports do, only when

   - the connection's input queue is empty, so no other reply follows in this turn
     (while messages are queued, replies are buffered and go out together as before);
   - the transport is plain TCP (not TLS), connected, not closing, and Twisted's
     buffer is empty, so these bytes cannot overtake buffered ones.

   It uses Twisted's own ``writeSomeData`` (sends what the socket takes, reports a
   lost connection instead of raising); whatever was not sent, error or not, goes
   through ``transport.write``, so Twisted sends the rest in order, or notices the
   lost connection and closes as it always does.

The CLI uses this protocol unless ``--log-level debug`` asks for autobahn's debug lines.
"""

from __future__ import annotations

from typing import Any

from daphne.ws_protocol import WebSocketProtocol
from twisted.internet import tcp


class LeanWebSocketProtocol(WebSocketProtocol):
    """daphne's ``WebSocketProtocol`` minus per-message work (see the module docstring)."""

    def _connectionMade(self) -> None:
        super()._connectionMade()  # copies the factory's options onto the protocol
        self.utf8validateIncoming = False  # 3: daphne's decode checks

    def onMessage(self, payload: bytes, isBinary: bool) -> None:
        try:
            super().onMessage(payload, isBinary)
        except UnicodeDecodeError:  # 3: what autobahn's validator would have done
            self._invalid_payload("text message payload is not valid UTF-8")

    def onMessageEnd(self) -> None:
        if self._listeners is not None or self.trackedTimings:
            super().onMessageEnd()
            return
        # 2: autobahn's onMessageEnd without the event nobody listens to.
        if not self.failedByMe:
            chunks: list[bytes] = self.message_data  # type: ignore[has-type]
            self._onMessage(b"".join(chunks), self.message_is_binary)
        self.message_data = None

    def dataReceived(self, data: bytes) -> None:
        self._dataReceived(data)  # 1: without the debug log

    def sendData(self, data: bytes, sync: bool = False, chopsize: Any = None) -> None:
        if chopsize or sync or self.send_queue or self.logOctets:
            super().sendData(data, sync, chopsize)
        elif self.state == self.STATE_OPEN:
            self._write(data)  # 1: without the debug log
            self.trafficStats.outgoingOctetsWireLevel += len(data)
        else:
            super().sendData(data, sync, chopsize)

    def _write(self, data: bytes) -> None:
        """4: ``transport.write``, sending at once when that is safe."""
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
