"""Issue "On the wire, by the book", server part: inputs that used to end in a 1011
close (a traceback in the server) are answered, against the real server process."""

from __future__ import annotations

import asyncio
import json
import os
import struct
import subprocess

import pytest
import websocket
import websockets

from tests.embedded_server.live import PROJECT_ROOT, ServerProcess, running_server, server_command

pytestmark = pytest.mark.live


def connect(server: ServerProcess, path: str = "/websock1-2/") -> websocket.WebSocket:
    return websocket.create_connection(server.ws_url(path), timeout=10, suppress_origin=True)


def next_frame(ws: websocket.WebSocket) -> tuple[int, bytes]:
    """The next data frame, or the close frame's code as 2 bytes (opcode 8)."""
    opcode, frame = ws.recv_data_frame(True)
    return opcode, frame.data


def exchange(server: ServerProcess, text: str, path: str = "/websock1-2/") -> str:
    """Send ``text``; return the reply, failing with the close code if the server
    closed instead, and check that the connection still works after it."""
    ws = connect(server, path)
    try:
        ws.send(text)
        opcode, data = next_frame(ws)
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else None
            pytest.fail(f"closed with {code} {data[2:]!r} instead of a reply")
        ws.send("[0]")
        assert next_frame(ws)[1] in (b'{"type":"echo","data":[0]}', b"[0]")
        return data.decode()
    finally:
        ws.close()


def no_traceback(server: ServerProcess) -> None:
    assert not [line for line in server.stderr_lines if "Traceback" in line or "error" in line]


@pytest.mark.parametrize("depth", [254, 255, 600, 1024])
def test_deep_valid_json_is_echoed_not_closed_with_1011(
    shared_live_server: ServerProcess, depth: int
) -> None:
    text = "[" * depth + "]" * depth
    assert exchange(shared_live_server, text) == '{"type":"echo","data":' + text + "}"
    no_traceback(shared_live_server)


def test_nesting_over_1024_gets_an_error_naming_the_limit(
    shared_live_server: ServerProcess,
) -> None:
    reply = json.loads(exchange(shared_live_server, "[" * 1025 + "]" * 1025))
    assert (reply["code"], reply["limit"]) == ("nesting_too_deep", 1024)


def test_an_integer_of_5000_digits_is_echoed_exactly(shared_live_server: ServerProcess) -> None:
    text = "-" + "7" * 5000
    assert exchange(shared_live_server, text) == '{"type":"echo","data":' + text + "}"
    no_traceback(shared_live_server)


@pytest.mark.parametrize("size", [1_048_554, 1_048_576])
def test_a_request_at_the_size_limit_gets_its_echo(
    shared_live_server: ServerProcess, size: int
) -> None:
    text = json.dumps("x" * (size - 2))
    assert len(text.encode()) == size
    reply = exchange(shared_live_server, text)
    assert reply == '{"type":"echo","data":' + text + "}"
    assert len(reply.encode()) > 1_048_576  # the reply may be over the request limit
    no_traceback(shared_live_server)


@pytest.mark.parametrize(
    ("text", "column"), [("NaN", 1), ("[Infinity]", 2), ('{"a": -Infinity}', 7)]
)
def test_nan_and_infinity_get_invalid_json_with_the_position(
    shared_live_server: ServerProcess, text: str, column: int
) -> None:
    reply = json.loads(exchange(shared_live_server, text))
    assert (reply["code"], reply["line"], reply["column"]) == ("invalid_json", 1, column)


def test_1e999_comes_back_as_sent_not_as_infinity(shared_live_server: ServerProcess) -> None:
    assert exchange(shared_live_server, "[1e999]") == '{"type":"echo","data":[1e999]}'


def test_an_empty_text_is_invalid_json_on_websock(shared_live_server: ServerProcess) -> None:
    reply = json.loads(exchange(shared_live_server, ""))
    assert (reply["code"], reply["line"], reply["column"]) == ("invalid_json", 1, 1)


@pytest.mark.parametrize("opcode", [websocket.ABNF.OPCODE_TEXT, websocket.ABNF.OPCODE_BINARY])
def test_empty_messages_are_echoed_on_echo(shared_live_server: ServerProcess, opcode: int) -> None:
    ws = connect(shared_live_server, "/echo/")
    try:
        ws.send(b"", opcode=opcode)
        assert next_frame(ws) == (opcode, b"")
        ws.send(b"after", opcode=opcode)
        assert next_frame(ws) == (opcode, b"after")
    finally:
        ws.close()


def close_code(ws: websocket.WebSocket) -> int | None:
    opcode, data = next_frame(ws)
    assert opcode == websocket.ABNF.OPCODE_CLOSE, (opcode, data)
    return struct.unpack("!H", data[:2])[0]


VALID = "κόσμε".encode()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (VALID, b"\xf4\x90\x80\x80"),  # beyond U+10FFFF, as a whole (Autobahn 6.4.1)
        (VALID + b"\xf4", b"\x90"),  # the same, split inside the sequence (6.4.2)
        (VALID + b"\xed", b"\xa0"),  # a surrogate, which Python's codec holds back
    ],
)
@pytest.mark.parametrize("split", ["frames", "chunks"])
def test_invalid_utf8_fails_at_once_before_the_message_ends(
    shared_live_server: ServerProcess, first: bytes, second: bytes, split: str
) -> None:
    ws = connect(shared_live_server, "/echo/")
    try:
        if split == "frames":
            ws.send_frame(websocket.ABNF.create_frame(first, websocket.ABNF.OPCODE_TEXT, fin=0))
            ws.send_frame(websocket.ABNF.create_frame(second, websocket.ABNF.OPCODE_CONT, fin=0))
        else:
            payload = first + second + b"rest of the message"
            frame = websocket.ABNF.create_frame(payload, websocket.ABNF.OPCODE_TEXT).format()
            header = len(frame) - len(payload)
            ws.sock.sendall(frame[: header + len(first)])
            ws.sock.sendall(frame[header + len(first) : header + len(first) + len(second)])
        # The rest of the message is never sent: the server must not wait for it.
        assert close_code(ws) == 1007
    finally:
        ws.close()


def test_valid_utf8_split_anywhere_is_echoed_whole(shared_live_server: ServerProcess) -> None:
    text = "日本語 🙂 κόσμε"
    data = text.encode()
    ws = connect(shared_live_server, "/echo/")
    try:
        for cut in range(1, len(data)):
            ws.send_frame(websocket.ABNF.create_frame(data[:cut], websocket.ABNF.OPCODE_TEXT, 0))
            ws.send_frame(websocket.ABNF.create_frame(data[cut:], websocket.ABNF.OPCODE_CONT, 1))
            assert next_frame(ws) == (websocket.ABNF.OPCODE_TEXT, data)
    finally:
        ws.close()


def test_a_text_message_ending_inside_a_sequence_closes_with_1007(
    shared_live_server: ServerProcess,
) -> None:
    ws = connect(shared_live_server, "/echo/")
    try:
        ws.send(VALID + b"\xe6\x97", opcode=websocket.ABNF.OPCODE_TEXT)
        assert close_code(ws) == 1007
    finally:
        ws.close()


def closes_with_1009(server: ServerProcess, size: int) -> bool:
    ws = connect(server)
    try:
        ws.send(json.dumps("x" * (size - 2)))
        opcode, data = next_frame(ws)
        return opcode == websocket.ABNF.OPCODE_CLOSE and data[:2] == struct.pack("!H", 1009)
    finally:
        ws.close()


def test_the_environment_sets_the_message_limit() -> None:
    with running_server(env={"TSUSHIN_MAX_MESSAGE_SIZE": "1000"}) as server:
        assert closes_with_1009(server, 1001)
        assert not closes_with_1009(server, 1000)


def test_the_flag_wins_over_the_environment_only_when_given() -> None:
    env = {"TSUSHIN_MAX_MESSAGE_SIZE": "1000"}
    with running_server("--max-message-size", "5000", env=env) as server:
        assert not closes_with_1009(server, 5000)
        assert closes_with_1009(server, 5001)


def test_a_bad_limit_in_the_environment_is_one_line_and_exit_code_2() -> None:
    result = subprocess.run(
        server_command("--port", "0"),
        cwd=PROJECT_ROOT,
        env={**os.environ, "TSUSHIN_MAX_MESSAGE_SIZE": "1 MB"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: TSUSHIN_MAX_MESSAGE_SIZE must be a number of bytes (at least 1), not '1 MB'"
    ]


async def _deflate_echo(url: str) -> tuple[str | None, list[object]]:
    async with websockets.connect(url, compression="deflate", max_size=None) as ws:
        extensions = ws.response.headers.get("Sec-WebSocket-Extensions")
        replies = []
        for text in ["[1]", json.dumps({"big": "通信 " * 50_000}), ""]:
            await ws.send(text)
            replies.append(await ws.recv())
        return extensions, replies


def test_permessage_deflate_is_negotiated_and_echoes_compressed(
    shared_live_server: ServerProcess,
) -> None:
    extensions, replies = asyncio.run(_deflate_echo(shared_live_server.ws_url("/echo/")))
    assert extensions is not None and extensions.startswith("permessage-deflate")
    assert replies == ["[1]", json.dumps({"big": "通信 " * 50_000}), ""]


def test_no_permessage_deflate_turns_it_off() -> None:
    with running_server("--no-permessage-deflate") as server:
        extensions, replies = asyncio.run(_deflate_echo(server.ws_url("/echo/")))
    assert extensions is None
    assert replies[0] == "[1]"


def test_a_compressed_message_over_the_limit_after_inflating_closes_with_1009() -> None:
    async def bomb(url: str) -> int | None:
        async with websockets.connect(url, compression="deflate", max_size=None) as ws:
            await ws.send("0" * 2_000_000)  # a few KB on the wire, 2 MB inflated
            try:
                await ws.recv()
            except websockets.ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else None
            return None

    with running_server() as server:
        assert asyncio.run(bomb(server.ws_url("/echo/"))) == 1009
