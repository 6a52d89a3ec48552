"""Binary payloads: the hex dump, hex and base64 input, the records and their export."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.core.binary import BinaryInputError, hex_dump, parse_base64, parse_hex
from gui.core.records import Direction, binary_record


def test_hex_dump_lines() -> None:
    data = b'{"a": 1}\x00\xff' + bytes(range(0x41, 0x41 + 10))
    assert hex_dump(data).splitlines() == [
        '00000000  7b 22 61 22 3a 20 31 7d  00 ff 41 42 43 44 45 46  |{"a": 1}..ABCDEF|',
        "00000010  47 48 49 4a                                       |GHIJ|",
    ]
    assert hex_dump(b"") == ""


def test_hex_dump_counts_what_it_does_not_show() -> None:
    lines = hex_dump(bytes(100_000), limit=32).splitlines()
    assert len(lines) == 3
    assert lines[-1] == "… 99,968 more bytes (the first 32 are shown; Export has all)"
    start_only = hex_dump(bytes(16), total=1000).splitlines()
    assert start_only[-1] == "… 984 more bytes (the first 16 are shown; Export has all)"


@given(st.binary(max_size=300))
def test_hex_and_base64_round_trip(data: bytes) -> None:
    assert parse_hex(data.hex(" ")) == data
    assert parse_hex(data.hex()) == data
    assert parse_base64(base64.b64encode(data).decode()) == data
    assert parse_base64(base64.urlsafe_b64encode(data).decode()) == data


def test_hex_separators_and_prefixes() -> None:
    assert parse_hex("0x7b 0x7D\n00:ff,0A-0b") == b"\x7b\x7d\x00\xff\x0a\x0b"
    assert parse_hex("") == b""


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("7b 2g", "not a hex digit: 'g'", 4),
        ("7b 2", "odd number of hex digits (3): the last byte has one digit", 3),
        ("ab 0xz1", "not a hex digit: 'z'", 5),
        ("ab x1", "not a hex digit: 'x'", 3),
    ],
)
def test_bad_hex_says_what_and_where(text: str, message: str, position: int) -> None:
    with pytest.raises(BinaryInputError) as caught:
        parse_hex(text)
    assert (caught.value.message, caught.value.position) == (message, position)


@pytest.mark.parametrize(
    ("text", "start", "position"),
    [
        ("eyJh*IjoxfQ==", "not a base64 character: '*'", 4),
        ("eyJhIjoxfQ", "10 base64 characters: a multiple of 4", 9),
        ("ey==IjoxfQ==", "padding '=' in the middle", 2),
    ],
)
def test_bad_base64_says_what_and_where(text: str, start: str, position: int) -> None:
    with pytest.raises(BinaryInputError) as caught:
        parse_base64(text)
    assert caught.value.message.startswith(start)
    assert caught.value.position == position


def test_binary_record_keeps_every_byte_and_exports_base64() -> None:
    data = bytes(range(256)) * 4
    rec = binary_record(Direction.RECEIVED, data, time_ms=7)
    assert rec.is_binary and rec.payload == data and rec.size == 1024
    assert rec.text.startswith("(binary, 1024 bytes) 00 01 02") and rec.text.endswith("…")
    assert json.loads(rec.to_json_line()) == {
        "time_ms": 7,
        "direction": "received",
        "size": 1024,
        "is_json": False,
        "base64": base64.b64encode(data).decode(),
    }
