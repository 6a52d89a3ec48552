"""Clients that misbehave slowly, and what they cost the server: its RSS, measured.

    python bench/slow_clients.py [--unread-mb 200] [--clients 4] [--trickle 200]

Starts ``python -m embedded_server --port 0`` and runs two scenarios against it:

- **slow readers**: ``--clients`` connections each send JSON documents to
  ``/websock1-2/`` as fast as the server takes them and never read a reply, until
  ``--unread-mb`` MB in all were sent or the server closed them. The server's RSS is
  sampled all along (peak), then the clients disconnect and it is sampled for 10 s
  more: how much of the growth is still held 1 s, 3 s and 10 s after they are gone.
  Also printed: how each connection ended (the close code and reason the server sent).
- **trickled handshakes**: ``--trickle`` connections send a WebSocket handshake one
  byte per second; after 12 s, how many the server still holds, and its RSS.

Results go to ``bench/results/slow-<UTC date and time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MB = 1_000_000

HANDSHAKE = (
    b"GET /websock1-2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
    b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    b"Sec-WebSocket-Version: 13\r\n\r\n"
)


def text_frame(payload: bytes) -> bytes:
    size = len(payload)
    if size < 126:
        header = bytes((0x81, 0x80 | size))
    elif size < 65536:
        header = bytes((0x81, 0x80 | 126)) + size.to_bytes(2, "big")
    else:
        header = bytes((0x81, 0x80 | 127)) + size.to_bytes(8, "big")
    return header + b"\0\0\0\0" + payload


def start_server(*args: str) -> tuple[subprocess.Popen[bytes], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "embedded_server", "--port", "0", "--exit-with-parent", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    line = process.stdout.readline().decode()
    if not line.startswith("READY "):
        raise SystemExit(f"no READY line: {line!r}")
    return process, int(line.rsplit(":", 1)[1].split("/", 1)[0])


def open_websocket(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(HANDSHAKE)
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed during the handshake")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        raise ConnectionError(head.split(b"\r\n", 1)[0].decode())
    return sock


def close_frame_in(sock: socket.socket, limit: int = 64 * MB) -> str:
    """Read what the server sent (echoes) until its close frame; say what it was."""
    sock.settimeout(5)
    buffer = bytearray()
    position = 0
    try:
        while len(buffer) < limit:
            chunk = sock.recv(1 << 20)
            if not chunk:
                return "TCP closed, no close frame"
            buffer += chunk
            while len(buffer) - position >= 2:
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
                    code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                    return f"close {code} {payload[2:].decode(errors='replace')!r}"
                position = offset + length
    except OSError as error:
        return f"{type(error).__name__} after {len(buffer)} bytes"
    return f"no close frame in the first {limit // MB} MB"


def slow_readers(port: int, clients: int, unread_bytes: int) -> tuple[list[str], int]:
    """Each client sends until its share is sent, the server stops reading (0.3 s), or
    the connection fails; nobody reads. Returns how each ended and the bytes sent."""
    document = json.dumps({"text": "x" * 4000}).encode()
    frame = text_frame(document)
    burst = frame * 64
    outcomes: list[str] = [""] * clients
    sent_total = [0] * clients

    def run(number: int) -> None:
        sock = open_websocket(port)
        sock.settimeout(0.3)
        share = unread_bytes // clients
        try:
            while sent_total[number] < share:
                sent_total[number] += sock.send(burst)
            outcomes[number] = "sent everything"
        except TimeoutError:
            outcomes[number] = "server stopped reading for 0.3 s"
        except OSError as error:
            outcomes[number] = f"connection failed ({type(error).__name__})"
        # Now read: the replies the server kept, then its close frame, if it sent one.
        outcomes[number] += f"; then read: {close_frame_in(sock)}"
        sock.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, sum(sent_total)


def sample(process: psutil.Process, seconds: float, every: float = 0.1) -> list[int]:
    values = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        values.append(process.memory_info().rss)
        time.sleep(every)
    return values


def run_slow_readers(args: argparse.Namespace) -> dict[str, Any]:
    server, port = start_server()
    try:
        watched = psutil.Process(server.pid)
        time.sleep(1)
        baseline = watched.memory_info().rss
        peak = [baseline]
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], watched.memory_info().rss)
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        started = time.monotonic()
        outcomes, sent = slow_readers(port, args.clients, args.unread_mb * MB)
        took = time.monotonic() - started
        at_disconnect = watched.memory_info().rss  # the clients have just closed
        stop.set()
        watcher.join()
        after = sample(watched, 10.0)
        return {
            "clients": args.clients,
            "sent_mb": round(sent / MB, 1),
            "seconds": round(took, 1),
            "outcomes": outcomes,
            "rss_baseline_mb": round(baseline / MB, 1),
            "rss_peak_mb": round(peak[0] / MB, 1),
            "rss_at_disconnect_mb": round(at_disconnect / MB, 1),
            "rss_after_1s_mb": round(after[10] / MB, 1),
            "rss_after_3s_mb": round(after[30] / MB, 1),
            "rss_after_10s_mb": round(after[-1] / MB, 1),
        }
    finally:
        server.terminate()
        server.wait(10)


def run_trickle(args: argparse.Namespace) -> dict[str, Any]:
    server, port = start_server()
    try:
        watched = psutil.Process(server.pid)
        time.sleep(1)
        baseline = watched.memory_info().rss
        sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(args.trickle)]
        open_ = set(range(len(sockets)))
        for second in range(12):
            for number in list(open_):
                try:
                    sockets[number].send(HANDSHAKE[second : second + 1])
                except OSError:
                    open_.discard(number)
            time.sleep(1)
        for number in list(open_):  # a closed one reads EOF (after its 408)
            sock = sockets[number]
            sock.settimeout(0.2)
            try:
                while chunk := sock.recv(4096):
                    if chunk.startswith(b"HTTP/1.1 408"):
                        pass
                else:
                    open_.discard(number)
            except (TimeoutError, OSError):
                pass
        rss = watched.memory_info().rss
        for sock in sockets:
            sock.close()
        return {
            "connections": args.trickle,
            "still_held_after_12s": len(open_),
            "rss_baseline_mb": round(baseline / MB, 1),
            "rss_after_12s_mb": round(rss / MB, 1),
        }
    finally:
        server.terminate()
        server.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unread-mb", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--trickle", type=int, default=200)
    parser.add_argument("--label", default="")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    results = {
        "label": args.label,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "slow_readers": run_slow_readers(args),
        "trickle": run_trickle(args),
    }
    print(json.dumps(results, indent=2))
    if not args.no_save:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        out = BENCH / "results" / f"slow-{stamp}.json"
        out.write_text(json.dumps(results, indent=2) + "\n")
        print(f"written to {os.path.relpath(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
