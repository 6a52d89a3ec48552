"""The consumers through Channels' WebsocketCommunicator (no network, no daphne)."""

from __future__ import annotations

import json

import pytest
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from embedded_server.asgi import application, websocket_routes
from embedded_server.origin import BrowserOriginValidator

pytestmark = pytest.mark.asyncio


async def open_socket(path: str = "/websock1-2/", **kwargs) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, path, **kwargs)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def exchange(communicator: WebsocketCommunicator, text: str) -> dict:
    await communicator.send_to(text_data=text)
    return json.loads(await communicator.receive_from())


@pytest.mark.parametrize(
    "document",
    [
        {"message": "hello"},
        [1, 2, 3],
        "just a string",
        42,
        None,
        {"deep": {"er": [{"est": [1, {"x": None}]}]}},
        {"日本語": "こんにちは、世界", "emoji": "🙂", "mixed": ["ä", "ß", "中文"]},
    ],
)
async def test_echoes_documents(document: object) -> None:
    communicator = await open_socket()
    reply = await exchange(communicator, json.dumps(document, ensure_ascii=False))
    assert reply == {"type": "echo", "data": document}
    await communicator.disconnect()


async def test_unicode_stays_unescaped_on_the_wire() -> None:
    communicator = await open_socket()
    await communicator.send_to(text_data='{"text": "日本語"}')
    raw = await communicator.receive_from()
    assert "日本語" in raw
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("text", "raw_reply"),
    [
        ("[1e999, 2]", '{"type":"echo","data":[1e999, 2]}'),
        ("[" * 300 + "]" * 300, '{"type":"echo","data":' + "[" * 300 + "]" * 300 + "}"),
        (f'{{"n": {2**70}}}', f'{{"type":"echo","data":{{"n":{2**70}}}}}'),
        ('"\\ud800 lone"', '{"type":"echo","data":"\\ud800 lone"}'),
    ],
)
async def test_documents_beyond_orjson_are_echoed_exactly(text: str, raw_reply: str) -> None:
    communicator = await open_socket()
    await communicator.send_to(text_data=text)
    assert await communicator.receive_from() == raw_reply
    assert await exchange(communicator, "[1]") == {"type": "echo", "data": [1]}
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [('{"x"=1}', 1, 5), ("{", 1, 2), ("not json", 1, 1), ('{"a": 1,\n "b" 2}', 2, 6)],
)
async def test_invalid_json_gets_error_and_connection_stays_open(
    text: str, line: int, column: int
) -> None:
    communicator = await open_socket()
    reply = await exchange(communicator, text)
    assert reply["type"] == "error"
    assert reply["code"] == "invalid_json"
    assert (reply["line"], reply["column"]) == (line, column)
    assert reply["message"]
    assert await exchange(communicator, '{"still": "open"}') == {
        "type": "echo",
        "data": {"still": "open"},
    }
    await communicator.disconnect()


async def test_binary_frame_gets_error_and_connection_stays_open() -> None:
    communicator = await open_socket()
    await communicator.send_to(bytes_data=b"\x00\xff binary")
    reply = json.loads(await communicator.receive_from())
    assert reply["code"] == "unsupported_frame"
    assert await exchange(communicator, "[1]") == {"type": "echo", "data": [1]}
    await communicator.disconnect()


async def test_nan_is_refused_with_its_position() -> None:
    communicator = await open_socket()
    reply = await exchange(communicator, "[1, NaN]")
    assert (reply["code"], reply["line"], reply["column"]) == ("invalid_json", 1, 5)
    assert await exchange(communicator, "[1]") == {"type": "echo", "data": [1]}
    await communicator.disconnect()


async def test_many_messages_on_one_connection_arrive_in_order() -> None:
    communicator = await open_socket()
    for number in range(200):
        await communicator.send_to(text_data=json.dumps({"n": number}))
    for number in range(200):
        assert json.loads(await communicator.receive_from()) == {
            "type": "echo",
            "data": {"n": number},
        }
    await communicator.disconnect()


async def test_raw_echo_returns_frames_unchanged() -> None:
    communicator = await open_socket("/echo/")
    await communicator.send_to(text_data="not json at all {")
    assert await communicator.receive_from() == "not json at all {"
    await communicator.send_to(bytes_data=b"\x00\x01\xfe\xff")
    assert await communicator.receive_from() == b"\x00\x01\xfe\xff"
    await communicator.disconnect()


async def test_unknown_path_refuses_the_handshake() -> None:
    communicator = WebsocketCommunicator(application, "/nowhere/")
    connected, _ = await communicator.connect()
    assert not connected


@pytest.mark.parametrize(
    ("origin", "accepted"),
    [
        (None, True),
        (b"http://127.0.0.1:8000", True),
        (b"http://localhost", True),
        (b"http://[::1]:9000", True),
        (b"https://evil.example", False),
        (b"http://127.0.0.1.evil.example", False),
        (b"null", False),
    ],
)
async def test_origin_policy(origin: bytes | None, accepted: bool) -> None:
    headers = [(b"origin", origin)] if origin is not None else []
    communicator = WebsocketCommunicator(application, "/websock1-2/", headers=headers)
    connected, _ = await communicator.connect()
    assert connected is accepted
    await communicator.disconnect()


async def test_origin_policy_follows_the_allowed_hosts_given() -> None:
    app = BrowserOriginValidator(URLRouter(websocket_routes), ["tsushin.test"])
    allowed = WebsocketCommunicator(
        app, "/websock1-2/", headers=[(b"origin", b"http://tsushin.test")]
    )
    assert (await allowed.connect())[0]
    await allowed.disconnect()
    refused = WebsocketCommunicator(app, "/websock1-2/", headers=[(b"origin", b"http://localhost")])
    assert not (await refused.connect())[0]
