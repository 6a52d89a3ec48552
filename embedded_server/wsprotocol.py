"""daphne's WebSocket protocol, made to follow RFC 6455 where daphne does not, and with
the per-message work this server does not need taken out.

``TsushinWebSocketProtocol`` (always used) fixes what daphne 4.2 gets wrong on the wire:

1. Empty messages are sent. daphne's ``handle_reply`` drops ``""`` and ``b""`` (it
   tests the payload's truth, not its presence), so an empty message was never echoed.
2. The message size limit is for what clients send. autobahn applies
   ``maxMessagePayloadSize`` to outgoing messages too and raises, so the echo of a
   request just under the limit (the reply adds the envelope) crashed the consumer and
   closed the connection with 1011. A reply while the connection is closing is dropped
   instead of raising ``Disconnected`` in the application.
3. UTF-8 is decoded once, as it arrives. autobahn's validator is off (the public
   ``utf8validateIncoming`` option, see ``configure``) and daphne's ``decode`` at the
   end of the message is not used: each chunk of a text message is decoded by Python's
   strict UTF-8 codec as it arrives, so invalid UTF-8 fails the connection with 1007 at
   once, as RFC 6455 section 8.1 asks and autobahn's "fail fast" cases check, and the
   text is decoded in one pass instead of validated and then decoded (autobahn's pass
   was 12% of the CPU on 256 KB documents). The codec keeps an incomplete sequence at
   the end of a chunk for the next one; the one prefix it keeps that can never become
   valid, a surrogate (``ED A0``-``ED BF``), is refused at once here.
4. No "message" event: autobahn fires one per message for ``protocol.on("message")``
   observers; daphne registers none, and each firing built a Deferred and an errback.

``LeanWebSocketProtocol`` (used unless ``--log-level debug``) also drops autobahn's
debug-log formatting and sends a reply at once when nothing else is waiting (see its
docstring). Every name of autobahn, daphne or Twisted these classes rely on is checked
against the installed classes by ``tests/embedded_server/test_overrides.py``, and the
versions are pinned in ``requirements-server.txt``.
"""

from __future__ import annotations

import codecs
import logging
import time
from typing import Any

from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateOfferAccept
from daphne.ws_protocol import WebSocketProtocol
from twisted.internet import abstract, tcp
from twisted.internet.protocol import connectionDone

from embedded_server import memory

_utf8_decode = codecs.utf_8_decode
logger = logging.getLogger("embedded_server.ws")


def accept_permessage_deflate(offers: list[Any]) -> PerMessageDeflateOfferAccept | None:
    """Accept the client's first ``permessage-deflate`` offer, with its parameters."""
    for offer in offers:
        if isinstance(offer, PerMessageDeflateOffer):
            return PerMessageDeflateOfferAccept(offer)
    return None


UNREAD_FLOOR = 4 * 1024 * 1024
UNREAD_CLOSE_TIMEOUT = 5.0


def unread_limit(max_message_size: int) -> int:
    """The most reply bytes a connection may leave unread: twice the message limit,
    at least 4 MiB, so that a reply to the largest request always fits."""
    return max(UNREAD_FLOOR, 2 * max_message_size)


def configure(factory: Any, *, compression: bool, lean: bool) -> None:
    """Set the server's WebSocket options and protocol on daphne's factory, before
    the reactor runs (every connection then gets them). daphne has already set the
    message limit (``maxMessagePayloadSize``) from its own arguments."""
    TsushinWebSocketProtocol.unread_limit = unread_limit(factory.maxMessagePayloadSize)
    factory.setProtocolOptions(
        # A clean close with 1009 for an oversized message, instead of dropping TCP.
        failByDrop=False,
        # TsushinWebSocketProtocol decodes text itself, failing fast (see point 3).
        utf8validateIncoming=False,
        perMessageCompressionAccept=accept_permessage_deflate if compression else None,
    )
    factory.protocol = LeanWebSocketProtocol if lean else TsushinWebSocketProtocol


class TsushinWebSocketProtocol(WebSocketProtocol):
    """daphne's ``WebSocketProtocol`` by the book (see the module docstring)."""

    unread_limit = UNREAD_FLOOR
    """Set by ``configure`` (see ``unread_limit()``); over it the connection is closed
    with 1008, so a client that stops reading cannot make the server hold its replies
    without bound."""
    peak_unread = 0
    _text_parts: list[str] | None = None
    _text_tail = b""
    handshake_deadline: Any = None
    """Set by ``httpchannel``: the connection's deadline, cancelled once open or lost."""

    def onOpen(self) -> None:
        self._cancel_handshake_deadline()
        super().onOpen()

    def connectionLost(self, reason: Any = connectionDone) -> None:
        self._cancel_handshake_deadline()
        super().connectionLost(reason)
        self._release_buffers()

    # 5: bounded, and released at once.
    def _unread_bytes(self) -> int:
        """Bytes written to the transport that the client has not taken yet."""
        transport: Any = self.transport
        try:
            return len(transport.dataBuffer) - transport.offset + transport._tempDataLen
        except AttributeError:  # not a Twisted FileDescriptor (tests, TLS wrappers)
            return 0

    def _check_unread(self) -> None:
        unread = self._unread_bytes()
        if unread > self.peak_unread:
            self.peak_unread = unread
        if unread > self.unread_limit and self.state == self.STATE_OPEN:
            logger.warning(
                "client does not read its replies: connection closed",
                extra={"event": "ws.unread", "unread": unread, "limit": self.unread_limit},
            )
            # A client that starts reading gets its replies, then this close frame;
            # one that does not is dropped after this many seconds (autobahn's 1 s
            # is too short to read megabytes of replies on a busy machine).
            self.closeHandshakeTimeout = UNREAD_CLOSE_TIMEOUT
            self._fail_connection(
                1008, f"client does not read: over {self.unread_limit} bytes unread"
            )
            # Stop taking its messages too: its sends block, so it learns, and reads
            # the close frame behind its replies (until autobahn's close timeout).
            transport: Any = self.transport
            transport.pauseProducing()

    def _release_buffers(self) -> None:
        """Drop what this connection still holds, now that it is gone: Twisted keeps
        a lost transport's unsent bytes (up to ``unread_limit``), autobahn its unparsed
        input, and the protocol, transport and application refer to each other, so
        without this the memory waited for the cyclic garbage collector."""
        unparsed: bytes = self.data or b""  # type: ignore[has-type]
        held = self._unread_bytes() + len(unparsed)
        transport: Any = self.transport
        if isinstance(transport, abstract.FileDescriptor):
            transport.dataBuffer = b""
            transport.offset = 0
            transport._tempDataBuffer = []
            transport._tempDataLen = 0
            # The HTTP channel that handed the connection over is still its producer.
            transport.unregisterProducer()
        self.data = b""
        self.message_data = None  # type: ignore[assignment]
        self._text_parts = None
        # autobahn resolves is_closed with the protocol itself: protocol -> Deferred ->
        # protocol. Nothing here waits on them once the connection is lost.
        self.is_closed = self.is_open = None
        memory.released(max(held, self.peak_unread))

    def _cancel_handshake_deadline(self) -> None:
        deadline, self.handshake_deadline = self.handshake_deadline, None
        if deadline is not None and deadline.active():
            deadline.cancel()

    # 1: every websocket.send is sent, empty or not.
    def handle_reply(self, message: dict[str, Any]) -> None:
        if message.get("type") == "websocket.send" and self.state != self.STATE_CONNECTING:
            text = message.get("text")
            data = message.get("bytes")
            if text is not None and data is not None:
                raise ValueError("a websocket.send message has both text and bytes")
            if text is not None:
                self.sendMessage(text.encode(), False)
            elif data is not None:
                self.sendMessage(data, True)
            return
        super().handle_reply(message)

    # 2: the limit is for incoming messages only; nothing is sent once closing.
    def sendMessage(
        self,
        payload: bytes,
        isBinary: bool = False,
        fragmentSize: int | None = None,
        sync: bool = False,
        doNotCompress: bool = False,
    ) -> None:
        if self.state != self.STATE_OPEN:
            return
        limit: int = self.maxMessagePayloadSize  # type: ignore[has-type]
        self.maxMessagePayloadSize = 0
        try:
            super().sendMessage(payload, isBinary, fragmentSize, sync, doNotCompress)
        finally:
            self.maxMessagePayloadSize = limit
        self._check_unread()

    # 3: text decoded as it arrives.
    def onMessageBegin(self, isBinary: bool) -> None:
        super().onMessageBegin(isBinary)
        if not isBinary:
            self._text_parts = []
            self._text_tail = b""

    def onMessageFrameData(self, payload: bytes) -> None:
        if self.message_is_binary:
            super().onMessageFrameData(payload)
            return
        if self.failedByMe or self._text_parts is None:
            return
        if self._text_tail:
            payload = self._text_tail + payload
        try:
            text, used = _utf8_decode(payload, "strict", False)
        except UnicodeDecodeError as error:
            self._invalid_payload(f"text message is not valid UTF-8: {error.reason}")
            return
        self._text_parts.append(text)
        tail = payload[used:] if used < len(payload) else b""
        if len(tail) > 1 and tail[0] == 0xED and tail[1] >= 0xA0:
            self._invalid_payload("text message is not valid UTF-8: a surrogate")
            return
        self._text_tail = tail

    def onMessageEnd(self) -> None:
        parts, self._text_parts = self._text_parts, None
        if not self.failedByMe:
            if self.message_is_binary:
                chunks: list[bytes] = self.message_data  # type: ignore[has-type,assignment]
                self._deliver({"type": "websocket.receive", "bytes": b"".join(chunks)})
            elif self._text_tail:
                self._invalid_payload("text message ends inside a UTF-8 sequence")
            elif parts is not None:
                text = parts[0] if len(parts) == 1 else "".join(parts)
                self._deliver({"type": "websocket.receive", "text": text})
        self.message_data = None  # type: ignore[assignment]  # 4: and no "message" event

    def _deliver(self, message: dict[str, Any]) -> None:
        """What daphne's ``onMessage`` does with a message, once it is decoded."""
        if self.muted or self.state != self.STATE_OPEN:
            return
        self.last_ping = time.time()
        self.application_queue.put_nowait(message)


class LeanWebSocketProtocol(TsushinWebSocketProtocol):
    """``TsushinWebSocketProtocol`` minus per-message work that only costs time.

    1. No debug-log formatting. autobahn builds the arguments of a ``log.debug`` call
       for every chunk it receives and every frame it sends (``hltype``/``hlval`` look
       up qualified names and colour them with ``click.style``) before the logger drops
       them: ~6% of the CPU of a 100-byte echo. ``dataReceived`` calls
       ``_dataReceived`` directly; ``sendData``'s direct path (open connection, no
       chopping, nothing queued, not synchronous, no octet logging) is
       ``transport.write`` plus the traffic counter, without the log call; every other
       case goes to autobahn.

    2. A reply sent at once when nothing else is waiting. Twisted's
       ``transport.write`` only buffers: it registers the socket for writing
       (``epoll_ctl``), sends on the next turn of the loop, and unregisters it
       (``epoll_ctl`` again). That batches well when many replies are made in one
       turn, but costs a ping-pong exchange two system calls and a loop turn per
       message, most of daphne's extra latency over a bare asyncio server. ``_write``
       sends at once, as asyncio's transports do, only when

       - the connection's input queue is empty, so no other reply follows in this turn
         (while messages are queued, replies are buffered and go out together);
       - the transport is plain TCP (not TLS), connected, not closing, and Twisted's
         buffer is empty, so these bytes cannot overtake buffered ones.

       It uses Twisted's own ``writeSomeData`` (sends what the socket takes, reports a
       lost connection instead of raising); whatever was not sent, error or not, goes
       through ``transport.write``, so Twisted sends the rest in order, or notices the
       lost connection and closes as it always does.
    """

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
        """2: ``transport.write``, sending at once when that is safe."""
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
