"""``LeanWebSocketProtocol._write`` on a real Twisted TCP transport over a real socket
pair: it sends at once only when nothing can be overtaken."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest
from twisted.internet import tcp
from twisted.internet.testing import MemoryReactor

from embedded_server.wsprotocol import LeanWebSocketProtocol


class Pair:
    """A real ``tcp.Connection`` on one end of a socket pair; the peer reads."""

    def __init__(self) -> None:
        self.ours, self.peer = socket.socketpair()
        self.peer.setblocking(False)
        self.reactor = MemoryReactor()
        self.transport = tcp.Connection(self.ours, None, self.reactor)
        self.transport.connected = 1

    def received(self) -> bytes:
        chunks = []
        while True:
            try:
                chunk = self.peer.recv(1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)

    @property
    def buffering(self) -> bool:
        """Twisted asked the reactor to tell it when it can write its buffer."""
        return self.transport in self.reactor.writers

    def close(self) -> None:
        self.ours.close()
        self.peer.close()


@pytest.fixture
def pair() -> Iterator[Pair]:
    pair = Pair()
    yield pair
    pair.close()


def protocol_on(pair: Pair, queued: int = 0) -> LeanWebSocketProtocol:
    protocol = LeanWebSocketProtocol()
    protocol.transport = pair.transport
    protocol.application_queue = asyncio.Queue()
    for number in range(queued):
        protocol.application_queue.put_nowait({"n": number})
    return protocol


def test_sends_at_once_when_nothing_is_queued_or_buffered(pair: Pair) -> None:
    protocol_on(pair)._write(b"reply")
    assert pair.received() == b"reply"
    assert not pair.buffering


def test_buffers_while_more_messages_wait_so_replies_go_out_together(pair: Pair) -> None:
    protocol_on(pair, queued=1)._write(b"reply")
    assert pair.received() == b""
    assert pair.buffering
    pair.transport.doWrite()
    assert pair.received() == b"reply"


def test_never_overtakes_bytes_twisted_still_holds(pair: Pair) -> None:
    pair.transport.write(b"earlier ")
    protocol_on(pair)._write(b"reply")
    assert pair.received() == b""
    pair.transport.doWrite()
    assert pair.received() == b"earlier reply"


def test_what_the_socket_does_not_take_goes_to_twisted_in_order(pair: Pair) -> None:
    data = bytes(range(256)) * 40_000  # 10 MB: more than a socket buffer takes
    protocol_on(pair)._write(data)
    got = pair.received()
    assert 0 < len(got) < len(data)
    assert pair.buffering
    while len(got) < len(data):
        pair.transport.doWrite()
        got += pair.received()
    assert got == data


def test_a_lost_connection_is_left_for_twisted_to_report(pair: Pair) -> None:
    pair.peer.close()
    protocol_on(pair)._write(b"reply")  # no exception: Twisted notices on its next write
    assert pair.buffering


def test_a_closing_transport_is_left_to_twisted(pair: Pair) -> None:
    pair.transport.loseConnection()
    protocol_on(pair)._write(b"reply")
    assert pair.received() == b""
