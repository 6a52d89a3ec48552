"""The WebSocket client on the wire, against a server that records every frame."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, MessageRecord
from gui.models.inbox import RecordInbox
from gui.net.client import WebSocketClient
from tests.gui.frame_server import (
    BINARY,
    CLOSE,
    CONT,
    PING,
    PONG,
    TEXT,
    FrameServer,
    close_frame,
    frame,
)


@pytest.fixture
def inbox() -> RecordInbox:
    return RecordInbox()


@pytest.fixture
def client(qapp, inbox: RecordInbox) -> Iterator[WebSocketClient]:
    ws = WebSocketClient(inbox, ping_interval=60.0)
    yield ws
    ws.shutdown()


@pytest.fixture
def serve() -> Iterator:
    servers: list[FrameServer] = []

    def make(script: bytes = b"", **options) -> FrameServer:
        server = FrameServer(script, **options)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


def received(inbox: RecordInbox, records: list[MessageRecord]) -> list[MessageRecord]:
    records.extend(inbox.drain(1000))
    return [r for r in records if r.direction is Direction.RECEIVED]


def data_opcodes(server: FrameServer) -> list[int]:
    """What the client sent, without its own pings (it pings on open)."""
    return [op for op in server.opcodes if op not in (PING, PONG)]


def test_disconnect_sends_one_close_frame_and_waits_for_the_server(
    qtbot: QtBot, client: WebSocketClient, serve
) -> None:
    server = serve()
    with qtbot.waitSignal(client.connected, timeout=5000):
        client.open(server.url)
    client.close()
    assert server.done.wait(5)
    assert data_opcodes(server) == [CLOSE]
    assert server.close_codes() == [1000]
    assert not server.client_closed_tcp_first


def test_server_close_is_answered_once_with_its_code(
    qtbot: QtBot, client: WebSocketClient, serve
) -> None:
    server = serve(close_frame(1001, b"going to lunch"))
    with qtbot.waitSignal(client.disconnected, timeout=5000) as blocker:
        client.open(server.url)
    assert blocker.args == [1001, "going to lunch"]
    assert server.done.wait(5)
    assert data_opcodes(server) == [CLOSE]
    assert server.close_codes() == [1001]
    assert not server.client_closed_tcp_first


@pytest.mark.parametrize(
    ("script", "code"),
    [
        # Text that is not UTF-8, whole or in fragments (the second one breaks it).
        (frame(TEXT, b"caf\xc3"), 1007),
        (frame(TEXT, "κόσμε".encode(), fin=False) + frame(CONT, b"\xf4\x90\x80\x80"), 1007),
        # A close reason that is not UTF-8, close codes that may not be sent.
        (close_frame(1000, b"\xce\xba\xed\xa0\x80"), 1007),
        (close_frame(1005), 1002),
        (close_frame(2999), 1002),
        (frame(CLOSE, b"\x03"), 1002),
        # Control frames fragmented or too long; continuation with nothing to continue.
        (frame(PING, b"x", fin=False), 1002),
        (frame(PONG, b"x", fin=False), 1002),
        (frame(PING, bytes(126)), 1002),
        (frame(CONT, b"lost"), 1002),
        (frame(TEXT, b"a", fin=False) + frame(TEXT, b"b"), 1002),
        (frame(0x3, b""), 1002),
        (b"\xc1\x00", 1002),  # RSV1 set, no extension negotiated
    ],
    ids=[
        "text-invalid-utf8",
        "fragment-invalid-utf8",
        "close-reason-invalid-utf8",
        "close-code-1005",
        "close-code-2999",
        "close-payload-1-byte",
        "fragmented-ping",
        "fragmented-pong",
        "long-ping",
        "stray-continuation",
        "text-inside-text",
        "reserved-opcode",
        "reserved-bit",
    ],
)
def test_protocol_violations_fail_the_connection_with_the_right_code(
    qtbot: QtBot, client: WebSocketClient, inbox: RecordInbox, serve, script: bytes, code: int
) -> None:
    server = serve(script)
    with qtbot.waitSignal(client.protocolViolated, timeout=5000) as blocker:
        client.open(server.url)
    assert blocker.args[0] == code
    assert server.done.wait(5)
    assert data_opcodes(server) == [CLOSE]
    assert server.close_codes() == [code]
    assert not server.client_closed_tcp_first
    # Nothing broken was shown as if it had arrived whole (no U+FFFD stand-ins).
    assert received(inbox, []) == []


def test_fragments_and_pings_between_them(
    qtbot: QtBot, client: WebSocketClient, inbox: RecordInbox, serve
) -> None:
    text = "こんにちは".encode()
    script = (
        frame(TEXT, text[:4], fin=False)  # splits a character between fragments
        + frame(PING, b"are you there")
        + frame(CONT, text[4:], fin=False)
        + frame(CONT, b"!")
        + frame(BINARY, bytes(range(256)) * 3)
        + frame(TEXT, b"")
    )
    server = serve(script)
    with qtbot.waitSignal(client.connected, timeout=5000):
        client.open(server.url)
    records: list[MessageRecord] = []
    qtbot.waitUntil(lambda: len(received(inbox, records)) == 3, timeout=5000)
    first, second, third = received(inbox, records)
    assert (first.text, first.size, first.payload) == ("こんにちは!", 16, None)
    assert second.payload == bytes(range(256)) * 3 and second.size == 768
    assert (third.text, third.size) == ("", 0)
    # The pong went out before the messages were recorded; the server may read it later.
    qtbot.waitUntil(lambda: (PONG, b"are you there") in server.frames, timeout=5000)


def test_binary_is_sent_whole(qtbot: QtBot, client: WebSocketClient, inbox, serve) -> None:
    server = serve(echo=True)
    with qtbot.waitSignal(client.connected, timeout=5000):
        client.open(server.url)
    data = bytes(range(256)) * 1000
    assert client.send_binary(data)
    records: list[MessageRecord] = []
    qtbot.waitUntil(lambda: len(received(inbox, records)) == 1, timeout=5000)
    assert (BINARY, data) in server.frames
    echo = received(inbox, records)[0]
    assert echo.payload == data and echo.size == len(data)
    sent = [r for r in records if r.direction is Direction.SENT]
    assert [r.payload for r in sent] == [data]


def test_the_connected_row_comes_before_the_first_message(
    qtbot: QtBot, client: WebSocketClient, inbox: RecordInbox, serve
) -> None:
    server = serve(frame(TEXT, b'{"hello": 1}'))
    with qtbot.waitSignal(client.connected, timeout=5000):
        client.open(server.url)
    records: list[MessageRecord] = []
    qtbot.waitUntil(lambda: len(received(inbox, records)) == 1, timeout=5000)
    assert [(r.direction, r.text) for r in records] == [
        (Direction.SYSTEM, f"connected to {server.url}"),
        (Direction.RECEIVED, '{"hello": 1}'),
    ]


def test_messages_keep_the_connection_alive_when_pongs_are_late(
    qtbot: QtBot, inbox: RecordInbox, serve
) -> None:
    """A server that sends all the time and never answers a ping is alive: its messages
    say so. (Under a flood a pong waits behind seconds of messages in the buffers; the
    connection was once counted lost after three pings, in the middle of a flood.)"""
    server = serve(drip=(frame(TEXT, b'{"n": 1}'), 0.05))
    ws = WebSocketClient(inbox, ping_interval=0.2)  # silent for 3 x 0.2 s: lost
    lost: list[tuple[int, str]] = []
    ws.disconnected.connect(lambda code, reason: lost.append((code, reason)))
    try:
        with qtbot.waitSignal(ws.connected, timeout=5000):
            ws.open(server.url)
        records: list[MessageRecord] = []
        # 30 messages 50 ms apart: 1.5 s, more than twice the 0.6 s of silence allowed.
        qtbot.waitUntil(lambda: len(received(inbox, records)) >= 30, timeout=10_000)
        assert lost == [] and ws.is_connected
        assert server.opcodes.count(PING) >= 3  # it was pinged, and never answered
    finally:
        ws.shutdown()
