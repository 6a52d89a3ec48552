"""A WebSocket server on a raw socket that works frame by frame, for wire-level tests.

It records every frame the client sends (opcode, payload, close code) and sends the
exact bytes a test scripts, invalid ones included, which a WebSocket library would
refuse to send. It behaves as RFC 6455 asks of a server: it answers the client's close
frame with its own (unless told not to) and then closes the TCP connection itself.
"""

from __future__ import annotations

import base64
import hashlib
import socket
import struct
import threading

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, BINARY, CONT, CLOSE, PING, PONG = 0x1, 0x2, 0x0, 0x8, 0x9, 0xA
# After the close handshake the server keeps reading this long before it closes the TCP
# connection: a client that closes its end sooner did not wait for the server.
LINGER_S = 0.3


def frame(opcode: int, payload: bytes = b"", *, fin: bool = True) -> bytes:
    """An unmasked frame as a server sends it."""
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([n])
    elif n < 65536:
        head += bytes([126]) + struct.pack("!H", n)
    else:
        head += bytes([127]) + struct.pack("!Q", n)
    return head + payload


def close_frame(code: int, reason: bytes = b"") -> bytes:
    """A close frame with ``code`` and raw ``reason`` bytes (valid UTF-8 or not)."""
    return frame(CLOSE, struct.pack("!H", code) + reason)


def script_opcodes(script: bytes) -> list[int]:
    """The opcodes of the unmasked frames in ``script``."""
    opcodes, at = [], 0
    while at + 2 <= len(script):
        opcodes.append(script[at] & 0x0F)
        n, at = script[at + 1] & 0x7F, at + 2
        if n == 126:
            n, at = struct.unpack("!H", script[at : at + 2])[0], at + 2
        elif n == 127:
            n, at = struct.unpack("!Q", script[at : at + 8])[0], at + 8
        at += n
    return opcodes


def accept_handshake(conn: socket.socket) -> bool:
    """Read the client's upgrade request and accept it; False if the client went away."""
    request = b""
    while b"\r\n\r\n" not in request:
        chunk = conn.recv(4096)
        if not chunk:
            return False
        request += chunk
    key = next(
        line.split(":", 1)[1].strip()
        for line in request.decode("latin-1").split("\r\n")
        if line.lower().startswith("sec-websocket-key:")
    )
    accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    conn.sendall(
        (
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
        ).encode()
    )
    return True


class FrameServer:
    """Serves one connection on 127.0.0.1: sends ``script`` (raw bytes) after the
    handshake, echoes text and binary frames when ``echo`` is on, records what comes.

    With ``drip`` (bytes, seconds), it also sends those bytes again and again, at that
    interval, until the connection is over (and it never answers pings).

    ``frames`` lists ``(opcode, payload)`` of every frame received; ``done`` is set when
    the connection is over; ``client_closed_tcp_first`` says whether the client closed
    the TCP connection before this server did (it should wait for the server).
    """

    def __init__(
        self,
        script: bytes = b"",
        *,
        echo: bool = False,
        answer_close: bool = True,
        drip: tuple[bytes, float] | None = None,
    ) -> None:
        self.script = script
        self.drip = drip
        self.echo = echo
        self.answer_close = answer_close
        self.frames: list[tuple[int, bytes]] = []
        self.client_closed_tcp_first = False
        self.done = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    @property
    def opcodes(self) -> list[int]:
        return [op for op, _ in self.frames]

    def close_codes(self) -> list[int]:
        """The status codes of the close frames received, in order."""
        return [struct.unpack("!H", p[:2])[0] for op, p in self.frames if op == CLOSE and p]

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return
        try:
            with conn:
                conn.settimeout(10)
                if accept_handshake(conn):
                    conn.sendall(self.script)
                    if self.drip is not None:
                        threading.Thread(target=self._drip, args=(conn,), daemon=True).start()
                    self._read_frames(conn)
        except OSError:
            pass
        finally:
            self.done.set()

    def _drip(self, conn: socket.socket) -> None:
        assert self.drip is not None
        data, interval = self.drip
        try:
            while not self.done.wait(interval):
                conn.sendall(data)
        except OSError:
            pass

    def _read_exact(self, conn: socket.socket, n: int) -> bytes | None:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _read_frames(self, conn: socket.socket) -> None:
        closing = False
        while True:
            try:
                head = self._read_exact(conn, 2)
            except TimeoutError:
                if closing:
                    return  # the client waited for us: close the TCP connection now
                raise
            if head is None:
                self.client_closed_tcp_first = True
                return
            opcode, n = head[0] & 0x0F, head[1] & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read_exact(conn, 2) or b"\0\0")[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read_exact(conn, 8) or bytes(8))[0]
            mask = self._read_exact(conn, 4) if head[1] & 0x80 else bytes(4)
            payload = self._read_exact(conn, n)
            if mask is None or payload is None:
                self.client_closed_tcp_first = True
                return
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            self.frames.append((opcode, payload))
            if opcode == CLOSE and not closing:
                if self.answer_close and CLOSE not in script_opcodes(self.script):
                    conn.sendall(frame(CLOSE, payload[:2]))
                # Whatever else comes is recorded (a second close frame would be a bug),
                # and a client that closes the TCP connection first is noted.
                closing = True
                conn.settimeout(LINGER_S)
            elif self.echo and opcode in (TEXT, BINARY) and not closing:
                conn.sendall(frame(opcode, payload))

    def stop(self) -> None:
        self._listener.close()
        self._thread.join(5)
