"""Slow readers against the real server: each connection's unread replies are bounded
(1008 with a reason), and the memory comes back once such clients are gone."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time

import psutil
import pytest

from tests.embedded_server.live import ServerProcess, running_server

pytestmark = pytest.mark.live

MB = 1_000_000
HANDSHAKE = (
    b"GET /websock1-2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
    b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    b"Sec-WebSocket-Version: 13\r\n\r\n"
)
PAYLOAD = json.dumps({"text": "x" * 4000}).encode()
# One masked text frame (zero key), 64 of them per send.
BURST = (bytes((0x81, 0x80 | 126)) + len(PAYLOAD).to_bytes(2, "big") + b"\0" * 4 + PAYLOAD) * 64


REPLY = b'{"type":"echo","data":' + json.dumps(json.loads(PAYLOAD), separators=(",", ":")).encode()
REPLY_FRAME = 4 + len(REPLY) + 1  # header (2 + 2 length bytes), the reply and its "}"


def open_websocket(server: ServerProcess) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(HANDSHAKE)
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 101")
    return sock


def send_without_reading(sock: socket.socket, limit: int) -> int:
    """Send until ``limit`` bytes went out or the server stops taking them."""
    sock.settimeout(0.5)
    sent = 0
    try:
        while sent < limit:
            sent += sock.send(BURST)
    except (TimeoutError, ConnectionError):
        pass
    return sent


def close_frame(sock: socket.socket) -> tuple[int, str] | None:
    """Read the echoes the server kept, then return its close frame's code and reason."""
    sock.settimeout(5)
    buffer = bytearray()
    position = 0
    try:
        while chunk := sock.recv(1 << 20):
            buffer += chunk
            while len(buffer) - position >= 4:
                opcode, length = buffer[position] & 0x0F, buffer[position + 1] & 0x7F
                offset = position + 2
                if length == 126:
                    length, offset = struct.unpack_from("!H", buffer, offset)[0], offset + 2
                elif length == 127:
                    length, offset = struct.unpack_from("!Q", buffer, offset)[0], offset + 8
                if len(buffer) < offset + length:
                    break
                if opcode == 8:
                    payload = bytes(buffer[offset : offset + length])
                    return struct.unpack("!H", payload[:2])[0], payload[2:].decode()
                position = offset + length
    except OSError:
        pass
    return None


def rss(server: ServerProcess) -> int:
    return psutil.Process(server.process.pid).memory_info().rss


def test_clients_that_never_read_are_closed_with_1008_and_memory_stays_bounded() -> None:
    with running_server("--log-level", "info", "--exit-with-parent") as server:
        time.sleep(0.5)
        baseline = rss(server)
        peak = [baseline]
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], rss(server))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        results: list[tuple[int, tuple[int, str] | None]] = []

        def client() -> None:
            sock = open_websocket(server)
            sent = send_without_reading(sock, 100 * MB)
            results.append((sent, close_frame(sock)))
            sock.close()

        clients = [threading.Thread(target=client) for _ in range(2)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join(60)
        done.set()
        watcher.join()

        for sent, close in results:
            assert close is not None, f"no close frame after {sent} bytes sent unread"
            assert close[0] == 1008
            assert "does not read" in close[1]
            assert sent < 60 * MB  # the server stopped taking its messages
        assert server.wait_for_log("event=ws.unread")
        # Before: +430 MB for 200 MB sent unread by four clients, held for good.
        assert peak[0] - baseline < 60 * MB, f"RSS grew by {(peak[0] - baseline) / MB:.0f} MB"

        deadline = time.monotonic() + 10
        while rss(server) - baseline > 15 * MB and time.monotonic() < deadline:
            time.sleep(0.2)
        assert rss(server) - baseline <= 15 * MB, "memory did not come back after disconnect"

        # The server still serves.
        sock = open_websocket(server)
        sock.sendall(BURST[: len(BURST) // 64])
        sock.settimeout(5)
        assert sock.recv(65536)[:2] == b"\x81\x7e"
        sock.close()


def test_a_client_that_reads_slowly_but_keeps_up_is_not_closed(
    shared_live_server: ServerProcess,
) -> None:
    sock = open_websocket(shared_live_server)
    sock.settimeout(10)
    try:
        received = 0
        for _ in range(40):  # 40 × 64 × 4 KB = 10 MB, read as it comes
            sock.sendall(BURST)
            want = received + 64 * REPLY_FRAME
            while received < want:
                chunk = sock.recv(1 << 20)
                assert chunk, "closed"
                assert b"\x88" not in chunk[:1]
                received += len(chunk)
    finally:
        sock.close()
