"""The message layer: fed real ``websocket.ABNF`` frames (:meth:`MessageReader.feed`), and
bytes as a socket reads them, cut anywhere (:meth:`MessageReader.events`)."""

from __future__ import annotations

import itertools
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st
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
from tests.gui.frame_server import BINARY, CONT, PING, PONG, TEXT, close_frame, frame


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


# --- bytes in (MessageReader.events): the frames cut from what the socket read -------


def wire(*frames: bytes) -> bytes:
    return b"".join(frames)


CONVERSATION = wire(
    frame(TEXT, "通信".encode()),
    frame(BINARY, bytes(range(256)) * 300),  # a 16-bit length
    frame(TEXT, b"a" * 70_000),  # a 64-bit length
    frame(TEXT, b"x" * 125) + frame(TEXT, b"y" * 126),  # either side of the 7-bit limit
    frame(TEXT, "Grüße, ".encode()[:3], fin=False),
    frame(PING, b"p"),
    frame(CONT, "Grüße, ".encode()[3:] + "世界".encode()),
    frame(PONG, b""),
    close_frame(1000, b"bye"),
)
EXPECTED = [
    Message("通信".encode(), "通信"),
    Message(bytes(range(256)) * 300, None),
    Message(b"a" * 70_000, "a" * 70_000),
    Message(b"x" * 125, "x" * 125),
    Message(b"y" * 126, "y" * 126),
    Ping(b"p"),
    Message("Grüße, 世界".encode(), "Grüße, 世界"),
    Pong(b""),
    Close(1000, "bye"),
]


def test_frames_are_cut_from_the_bytes_in_one_chunk() -> None:
    reader = MessageReader()
    assert list(reader.events(CONVERSATION)) == EXPECTED
    assert reader.buffered == 0


def test_frames_are_cut_from_the_bytes_one_byte_at_a_time() -> None:
    reader = MessageReader()
    events = [e for k in range(len(CONVERSATION)) for e in reader.events(CONVERSATION[k : k + 1])]
    assert events == EXPECTED


@given(st.lists(st.integers(min_value=0, max_value=len(CONVERSATION)), max_size=12))
def test_frames_are_cut_from_the_bytes_at_any_boundaries(cuts: list[int]) -> None:
    reader = MessageReader()
    points = [0, *sorted(cuts), len(CONVERSATION)]
    events = [e for a, b in itertools.pairwise(points) for e in reader.events(CONVERSATION[a:b])]
    assert events == EXPECTED


def test_what_follows_the_close_frame_stays_unread() -> None:
    reader = MessageReader()
    after = frame(TEXT, b"late")
    seen = []
    for event in reader.events(frame(TEXT, b"a") + close_frame(1001) + after):
        seen.append(event)
        if isinstance(event, Close):
            break
    assert seen == [Message(b"a", "a"), Close(1001, "")]
    assert reader.buffered == len(after)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (bytes([0x81, 0x81]) + b"mask" + b"x", 1002),  # masked by the server
        (bytes([0xC1, 1]) + b"x", 1002),  # rsv1
        (bytes([0xA1, 1]) + b"x", 1002),  # rsv2
        (bytes([0x81, 127]) + struct.pack("!Q", 2**63) + b"x", 1002),  # length's top bit
        (frame(0x3, b""), 1002),
        (frame(0xB, b""), 1002),
        (frame(CONT, b"x"), 1002),
        (frame(PING, b"x", fin=False), 1002),
        (frame(PONG, bytes(126)), 1002),
        (frame(TEXT, b"\xff"), 1007),  # one whole frame: the quick way
        (frame(TEXT, "é".encode()[:1]), 1007),
        (frame(TEXT, b"ok", fin=False) + frame(TEXT, b"new"), 1002),
        (close_frame(1005), 1002),
    ],
    ids=[
        "masked", "rsv1", "rsv2", "top-bit", "opcode-3", "opcode-b", "stray-cont",
        "frag-ping", "long-pong", "bad-utf8", "cut-char", "new-before-end", "close-1005",
    ],
)  # fmt: skip
def test_bytes_that_break_the_protocol(raw: bytes, code: int) -> None:
    reader = MessageReader()
    before = frame(TEXT, b"fine")
    events = []
    with pytest.raises(ProtocolViolation) as caught:
        for event in reader.events(before + raw + frame(TEXT, b"never")):
            events.append(event)
    assert caught.value.code == code
    assert events == [Message(b"fine", "fine")]  # what came before the breach was read
