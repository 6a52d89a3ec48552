"""``LeanWebSocketProtocol._write``: send at once only when nothing can be overtaken."""

from __future__ import annotations

import asyncio

import pytest
from twisted.internet import main, tcp

from embedded_server.wsprotocol import LeanWebSocketProtocol


class FakeConnection(tcp.Connection):
    """A plain-TCP transport with no socket: records what is sent and buffered."""

    def __init__(self, accepts: int | BaseException = 1 << 30) -> None:  # no super(): no socket
        self.connected = 1
        self.disconnecting = False
        self._writeDisconnected = False
        self._tempDataBuffer: list[bytes] = []
        self._tempDataLen = 0
        self.dataBuffer = b""
        self.offset = 0
        self.accepts = accepts
        self.sent: list[bytes] = []
        self.buffered: list[bytes] = []

    def writeSomeData(self, data: bytes) -> int | BaseException:
        if isinstance(self.accepts, BaseException):
            return self.accepts
        taken = bytes(data[: self.accepts])
        self.sent.append(taken)
        return len(taken)

    def write(self, data: bytes) -> None:
        self.buffered.append(bytes(data))


def protocol_with(transport: FakeConnection, queued: int = 0) -> LeanWebSocketProtocol:
    protocol = LeanWebSocketProtocol.__new__(LeanWebSocketProtocol)
    protocol.transport = transport
    protocol.application_queue = asyncio.Queue()
    for number in range(queued):
        protocol.application_queue.put_nowait({"n": number})
    return protocol


def test_sends_at_once_when_nothing_is_queued_or_buffered() -> None:
    transport = FakeConnection()
    protocol_with(transport)._write(b"reply")
    assert (transport.sent, transport.buffered) == ([b"reply"], [])


def test_buffers_while_more_messages_wait_so_replies_go_out_together() -> None:
    transport = FakeConnection()
    protocol_with(transport, queued=1)._write(b"reply")
    assert (transport.sent, transport.buffered) == ([], [b"reply"])


@pytest.mark.parametrize("buffered", ["temp", "data"])
def test_never_overtakes_bytes_twisted_still_holds(buffered: str) -> None:
    transport = FakeConnection()
    if buffered == "temp":
        transport._tempDataBuffer.append(b"earlier")
    else:
        transport.dataBuffer, transport.offset = b"earlier", 3
    protocol_with(transport)._write(b"reply")
    assert (transport.sent, transport.buffered) == ([], [b"reply"])


def test_what_the_socket_does_not_take_goes_to_twisted_in_order() -> None:
    transport = FakeConnection(accepts=3)
    protocol_with(transport)._write(b"abcdefgh")
    assert (transport.sent, transport.buffered) == ([b"abc"], [b"defgh"])


def test_a_lost_connection_is_left_for_twisted_to_report() -> None:
    transport = FakeConnection(accepts=main.CONNECTION_LOST)
    protocol_with(transport)._write(b"reply")
    assert (transport.sent, transport.buffered) == ([], [b"reply"])


@pytest.mark.parametrize("state", ["closing", "tls", "write-disconnected"])
def test_closing_or_tls_transports_use_twisted_write(state: str) -> None:
    transport = FakeConnection()
    if state == "closing":
        transport.disconnecting = True
    elif state == "tls":
        transport.TLS = True
    else:
        transport._writeDisconnected = True
    protocol_with(transport)._write(b"reply")
    assert (transport.sent, transport.buffered) == ([], [b"reply"])


def protocol_ending_a_message(
    chunks: list[bytes],
) -> tuple[LeanWebSocketProtocol, list[tuple[bytes, bool]]]:
    protocol = LeanWebSocketProtocol.__new__(LeanWebSocketProtocol)
    protocol.failedByMe = False
    protocol.trackedTimings = None
    protocol.message_data = list(chunks)
    protocol.message_is_binary = False
    delivered: list[tuple[bytes, bool]] = []
    protocol._onMessage = lambda payload, binary: delivered.append((payload, binary))
    return protocol, delivered


def test_a_message_is_delivered_whole_without_firing_an_event_nobody_hears() -> None:
    protocol, delivered = protocol_ending_a_message([b'{"a": ', b"1}"])
    protocol.onMessageEnd()
    assert delivered == [(b'{"a": 1}', False)]
    assert protocol.message_data is None


def test_observers_of_message_events_are_still_notified() -> None:
    protocol, delivered = protocol_ending_a_message([b"[1]"])
    heard: list[bytes] = []
    protocol._results = {}  # set by ObservableMixin.__init__, skipped by __new__
    protocol.on("message", lambda payload, is_binary: heard.append(payload))
    protocol.onMessageEnd()
    assert delivered == [(b"[1]", False)]
    assert heard == [b"[1]"]
