"""Live tests against the real ``python -m embedded_server`` child process."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import struct
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request

import pytest
import websocket
import websockets

from tests import processes
from tests.embedded_server.live import (
    PROJECT_ROOT,
    ServerProcess,
    process_alive,
    running_server,
    server_command,
    spawn,
    wait_ready,
)

pytestmark = pytest.mark.live


def connect(server: ServerProcess, path: str = "/websock1-2/", **kwargs) -> websocket.WebSocket:
    return websocket.create_connection(server.ws_url(path), timeout=10, **kwargs)


def test_ready_line_names_the_real_port(live_server: ServerProcess) -> None:
    assert re.fullmatch(r"READY ws://127\.0\.0\.1:\d+/websock1-2/", live_server.ready)
    assert live_server.port > 0
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=5):
        pass


def test_debug_log_level_still_prints_ready_on_stdout() -> None:
    # running_server waits for READY on stdout; daphne's debug mode redirects stdout.
    with running_server("--log-level", "debug") as server:
        ws = connect(server)
        ws.send("[1]")
        assert json.loads(ws.recv()) == {"type": "echo", "data": [1]}
        ws.close()
    assert server.wait_for_log("level=debug")


def test_round_trip(live_server: ServerProcess) -> None:
    ws = connect(live_server)
    document = {"message": "こんにちは", "n": [1, 2.5, None, True]}
    ws.send(json.dumps(document, ensure_ascii=False))
    assert json.loads(ws.recv()) == {"type": "echo", "data": document}
    ws.close()


def test_invalid_then_valid_json_on_one_connection(live_server: ServerProcess) -> None:
    ws = connect(live_server)
    ws.send('{"x"=1}')
    error = json.loads(ws.recv())
    assert (error["type"], error["code"], error["line"], error["column"]) == (
        "error",
        "invalid_json",
        1,
        5,
    )
    ws.send('{"x": 1}')
    assert json.loads(ws.recv()) == {"type": "echo", "data": {"x": 1}}
    ws.close()


def test_lone_surrogate_is_echoed_escaped_and_connection_stays_open(
    live_server: ServerProcess,
) -> None:
    ws = connect(live_server)
    ws.send('["\\ud800", 1]')
    assert ws.recv() == '{"type":"echo","data":["\\ud800",1]}'
    ws.send("[true]")
    assert json.loads(ws.recv()) == {"type": "echo", "data": [True]}
    ws.close()


def test_binary_frame_error_keeps_connection(live_server: ServerProcess) -> None:
    ws = connect(live_server)
    ws.send_binary(b"\x01\x02")
    assert json.loads(ws.recv())["code"] == "unsupported_frame"
    ws.send("[true]")
    assert json.loads(ws.recv()) == {"type": "echo", "data": [True]}
    ws.close()


def test_fifty_connections_hundred_messages_none_lost_or_reordered(
    live_server: ServerProcess,
) -> None:
    async def client(number: int) -> list[object]:
        async with websockets.connect(live_server.url, max_size=None) as ws:
            for sequence in range(100):
                await ws.send(json.dumps({"client": number, "seq": sequence}))
            return [json.loads(await ws.recv()) for _ in range(100)]

    async def run() -> list[list[object]]:
        return await asyncio.wait_for(asyncio.gather(*(client(n) for n in range(50))), 90)

    results = asyncio.run(run())
    for number, replies in enumerate(results):
        assert replies == [
            {"type": "echo", "data": {"client": number, "seq": sequence}} for sequence in range(100)
        ]


def test_big_documents_pipelined_arrive_whole_and_in_order(live_server: ServerProcess) -> None:
    # 300 KB replies are bigger than one socket send: part goes at once, the rest through
    # Twisted's buffer, and later replies must queue behind it.
    documents = [{"seq": n, "blob": [str(n) * 50] * 6000} for n in range(12)]

    async def run() -> list[object]:
        async with websockets.connect(live_server.url, max_size=None) as ws:
            for document in documents:
                await ws.send(json.dumps(document))
            return [json.loads(await ws.recv()) for _ in documents]

    replies = asyncio.run(asyncio.wait_for(run(), 60))
    assert replies == [{"type": "echo", "data": document} for document in documents]


def test_healthz_and_unknown_paths(live_server: ServerProcess) -> None:
    with urllib.request.urlopen(live_server.http_url("/healthz"), timeout=5) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/json"
        assert json.loads(response.read()) == {"status": "ok"}
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(live_server.http_url("/admin/"), timeout=5)
    assert info.value.code == 404
    body = info.value.read()
    assert json.loads(body)["status"] == "not_found"
    assert b"<" not in body  # no HTML debug page


def test_raw_echo_endpoint(live_server: ServerProcess) -> None:
    ws = connect(live_server, "/echo/")
    ws.send("plain text, not JSON {")
    assert ws.recv() == "plain text, not JSON {"
    payload = bytes(range(256))
    ws.send_binary(payload)
    opcode, data = ws.recv_data()
    assert (opcode, data) == (websocket.ABNF.OPCODE_BINARY, payload)
    ws.close()


def test_foreign_origin_refused_and_no_origin_accepted(live_server: ServerProcess) -> None:
    with pytest.raises(websocket.WebSocketBadStatusException) as info:
        connect(live_server, origin="https://evil.example")
    assert info.value.status_code == 403
    ws = connect(live_server, suppress_origin=True)
    ws.send("[1]")
    assert json.loads(ws.recv()) == {"type": "echo", "data": [1]}
    ws.close()
    ws = connect(live_server, origin=f"http://localhost:{live_server.port}")
    ws.close()

    assert live_server.wait_for_log("event=ws.refused origin=https://evil.example")


def test_invalid_utf8_text_closes_with_1007_and_spares_others(live_server: ServerProcess) -> None:
    other = connect(live_server)
    ws = connect(live_server)
    ws.send(b'{"x": "\xff\xfe"}', opcode=websocket.ABNF.OPCODE_TEXT)
    opcode, frame = ws.recv_data_frame(True)
    assert opcode == websocket.ABNF.OPCODE_CLOSE
    assert struct.unpack("!H", frame.data[:2])[0] == 1007
    other.send('{"fine": true}')
    assert json.loads(other.recv()) == {"type": "echo", "data": {"fine": True}}
    other.close()


def test_allowed_hosts_from_environment() -> None:
    with running_server(env={"DJANGO_ALLOWED_HOSTS": "tsushin.test"}) as server:
        connect(server, origin="http://tsushin.test").close()
        with pytest.raises(websocket.WebSocketBadStatusException):
            connect(server, origin="http://localhost")


def test_oversized_message_closes_with_1009_and_spares_others() -> None:
    with running_server("--max-message-size", "1000") as server:
        other = connect(server)
        ws = connect(server)
        ws.send(json.dumps("x" * 2000))
        opcode, frame = ws.recv_data_frame(True)
        assert opcode == websocket.ABNF.OPCODE_CLOSE
        assert struct.unpack("!H", frame.data[:2])[0] == 1009
        other.send('{"fine": true}')
        assert json.loads(other.recv()) == {"type": "echo", "data": {"fine": True}}
        other.close()


def test_port_in_use_is_one_line_and_exit_code_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # Tied to the test process; no --exit-with-parent, which would race the bind.
        result = processes.run(
            server_command("--port", str(port)), stdin=subprocess.DEVNULL, timeout=60
        )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(port) in lines[0] and "in use" in lines[0]
    assert "Traceback" not in result.stderr


def stop_signal() -> int:
    return signal.CTRL_BREAK_EVENT if sys.platform == "win32" else signal.SIGTERM


@pytest.mark.parametrize("name", ["terminate", "interrupt"])
def test_signals_stop_cleanly_with_exit_code_0(name: str) -> None:
    server = spawn("--port", "0")
    wait_ready(server)
    ws = connect(server)
    if sys.platform == "win32":
        server.process.send_signal(signal.CTRL_BREAK_EVENT)
    else:
        server.process.send_signal(signal.SIGTERM if name == "terminate" else signal.SIGINT)
    # Open connections are told the server is going away, not dropped.
    opcode, frame = ws.recv_data_frame(True)
    assert opcode == websocket.ABNF.OPCODE_CLOSE
    assert struct.unpack("!H", frame.data[:2])[0] == 1001
    assert server.process.wait(timeout=15) == 0, server.stderr_lines
    assert not any("Traceback" in line for line in server.stderr_lines)


def test_debug_logging_keeps_the_ready_line_on_stdout() -> None:
    with running_server("--log-level", "debug") as server:
        connect(server).close()
        assert server.wait_for_log("event=ws.connect")
    assert not any("level=critical" in line for line in server.stderr_lines)


def test_exits_when_stdin_closes() -> None:
    server = spawn("--port", "0", "--exit-with-parent")
    wait_ready(server)
    assert server.process.stdin is not None
    server.process.stdin.close()
    assert server.process.wait(timeout=10) == 0


def test_no_orphan_when_parent_is_killed() -> None:
    parent_code = textwrap.dedent(
        f"""
        import subprocess, sys
        child = subprocess.Popen({server_command("--port", "0", "--exit-with-parent")!r},
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        ready = child.stdout.readline().decode().strip()
        print(child.pid, ready, flush=True)
        child.wait()
        """
    )
    parent = processes.spawn(
        [sys.executable, "-c", parent_code],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    pid_text, ready = parent.stdout.readline().split(" ", 1)
    assert ready.startswith("READY ws://")
    server_pid = int(pid_text)
    assert process_alive(server_pid)
    parent.kill()
    parent.wait(timeout=5)

    gone = asyncio.run(_wait_gone(server_pid, timeout=3.0))
    assert gone, "the server outlived its killed parent"


async def _wait_gone(pid: int, timeout: float) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if not process_alive(pid):
            return True
        await asyncio.sleep(0.05)
    return not process_alive(pid)
