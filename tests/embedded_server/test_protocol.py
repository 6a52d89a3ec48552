"""Unit tests of the wire protocol's plain functions."""

from __future__ import annotations

import pytest

from embedded_server import protocol


def refused(text: str | None, data: bytes | None = None) -> dict:
    with pytest.raises(protocol.RequestError) as info:
        protocol.parse_request(text, data)
    return info.value.reply


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"x"=1}', 1, 5),
        ("{", 1, 2),
        ("", 1, 1),
        ("   ", 1, 4),
        ('{"a": 1,}', 1, 9),
        ("[1, 2", 1, 6),
        ("{'single': 1}", 1, 2),
        ('{\n  "a": 1\n  "b": 2\n}', 3, 3),
        ('"unterminated', 1, 1),
        ("[1] [2]", 1, 5),
        ("Echo: {'x': 1}", 1, 1),
        ("<html><body>hi</body></html>", 1, 1),
        ('{"a": tru}', 1, 7),
    ],
)
def test_invalid_json_reply_names_line_and_column(text: str, line: int, column: int) -> None:
    reply = refused(text)
    assert reply["type"] == "error"
    assert reply["code"] == protocol.INVALID_JSON
    assert (reply["line"], reply["column"]) == (line, column)
    assert f"line {line} column {column}" in reply["message"]


def test_deeply_nested_document_is_an_error_that_names_the_limit() -> None:
    reply = refused("[" * 100_000 + "]" * 100_000)
    assert reply["code"] == protocol.NESTING_TOO_DEEP
    assert reply["limit"] == 1024
    assert "1024 levels" in reply["message"]
    assert (reply["line"], reply["column"]) == (1, 1026)


def test_binary_frame_is_unsupported() -> None:
    reply = refused(None, b"\x00\x01\x02")
    assert reply["code"] == protocol.UNSUPPORTED_FRAME
    assert reply["size"] == 3


def test_valid_documents_parse_as_json() -> None:
    assert protocol.parse_request('{"a": [1, 2.5, null, true]}', None) == {
        "a": [1, 2.5, None, True]
    }
    assert protocol.parse_request("123456789012345678901234567890", None) == (
        123456789012345678901234567890
    )


@pytest.mark.parametrize("orjson_safe", [True, False])
def test_replies_are_compact_and_keep_unicode_unescaped(orjson_safe: bool) -> None:
    encoded = protocol.encode_reply(protocol.echo_reply({"名前": "日本語"}), orjson_safe)
    assert encoded == '{"type":"echo","data":{"名前":"日本語"}}'
