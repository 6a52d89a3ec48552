"""The message layer above websocket-client's frames, fed real ``websocket.ABNF`` frames."""

from __future__ import annotations

import struct

import pytest
from websocket import ABNF

from gui.net.frames import (
    Close,
    Message,
    MessageReader,
    Ping,
    Pong,
    ProtocolViolation,
    parse_close,
    valid_close_code,
)


def server_frame(opcode: int, data: bytes, fin: bool = True) -> ABNF:
    """A frame as websocket-client's frame buffer hands it over (unmasked)."""
    return ABNF(int(fin), 0, 0, 0, opcode, 0, data)


def test_a_text_message_in_many_fragments() -> None:
    reader = MessageReader()
    payload = "Grüße, 世界 🌏".encode()
    events = [
        reader.feed(server_frame(ABNF.OPCODE_TEXT if i == 0 else ABNF.OPCODE_CONT, b, False))
        for i, b in enumerate(payload[k : k + 1] for k in range(len(payload)))
    ]
    assert events == [None] * len(payload) and reader.in_message
    done = reader.feed(server_frame(ABNF.OPCODE_CONT, b""))
    assert done == Message(payload, "Grüße, 世界 🌏")
    assert not reader.in_message


def test_control_frames_between_fragments() -> None:
    reader = MessageReader()
    assert reader.feed(server_frame(ABNF.OPCODE_BINARY, b"\x00\xff", False)) is None
    assert reader.feed(server_frame(ABNF.OPCODE_PING, b"p")) == Ping(b"p")
    assert reader.feed(server_frame(ABNF.OPCODE_PONG, b"q")) == Pong(b"q")
    message = reader.feed(server_frame(ABNF.OPCODE_CONT, b"\x01"))
    assert message == Message(b"\x00\xff\x01", None)
    assert isinstance(message, Message) and message.is_binary


def test_invalid_utf8_fails_at_the_fragment_that_breaks_it() -> None:
    reader = MessageReader()
    kosme = b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5"  # 11 bytes, Autobahn's
    assert reader.feed(server_frame(ABNF.OPCODE_TEXT, kosme, False)) is None
    with pytest.raises(ProtocolViolation) as caught:
        reader.feed(server_frame(ABNF.OPCODE_CONT, b"\xed\xa0\x80", False))
    assert caught.value.code == 1007
    assert "byte 11" in caught.value.reason


def test_a_message_cut_inside_a_character_is_invalid() -> None:
    reader = MessageReader()
    with pytest.raises(ProtocolViolation) as caught:
        reader.feed(server_frame(ABNF.OPCODE_TEXT, "é".encode()[:1]))
    assert caught.value.code == 1007


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"", Close(None, "")),
        (struct.pack("!H", 1000), Close(1000, "")),
        (struct.pack("!H", 4999) + "さよなら".encode(), Close(4999, "さよなら")),
    ],
)
def test_close_frames(payload: bytes, expected: Close) -> None:
    assert parse_close(payload) == expected


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (b"\x03", 1002),
        (struct.pack("!H", 1005), 1002),
        (struct.pack("!H", 999), 1002),
        (struct.pack("!H", 5000), 1002),
        (struct.pack("!H", 1000) + b"\xff", 1007),
    ],
)
def test_invalid_close_frames(payload: bytes, code: int) -> None:
    with pytest.raises(ProtocolViolation) as caught:
        parse_close(payload)
    assert caught.value.code == code


def test_the_close_reply_echoes_the_code() -> None:
    assert Close(None, "").reply_code() == 1000
    assert Close(4001, "bye").reply_code() == 4001


def test_close_codes_that_may_be_sent() -> None:
    assert [c for c in range(1000, 1016) if valid_close_code(c)] == [
        1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
    ]  # fmt: skip
    assert valid_close_code(3000) and valid_close_code(4999)
    assert not valid_close_code(2999) and not valid_close_code(5000)


@pytest.mark.parametrize(
    "frame",
    [
        server_frame(ABNF.OPCODE_CONT, b"x"),
        server_frame(ABNF.OPCODE_PING, b"x", fin=False),
        server_frame(ABNF.OPCODE_CLOSE, b"", fin=False),
        server_frame(ABNF.OPCODE_PONG, bytes(126)),
        server_frame(0x3, b""),
        ABNF(1, 1, 0, 0, ABNF.OPCODE_TEXT, 0, b"x"),
        ABNF(1, 0, 0, 0, ABNF.OPCODE_TEXT, 1, b"x"),  # masked by the server
    ],
    ids=["stray-cont", "frag-ping", "frag-close", "long-pong", "opcode-3", "rsv1", "masked"],
)
def test_frames_that_break_the_protocol(frame: ABNF) -> None:
    with pytest.raises(ProtocolViolation) as caught:
        MessageReader().feed(frame)
    assert caught.value.code == 1002
