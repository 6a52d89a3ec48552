"""A lean WebSocket load generator for ``bench/server.py``.

The client must cost far less CPU per message than the servers it measures, or it
measures itself. A general client library (``websockets``, ``websocket-client``) spends
about as much per message as a server does, so this one is cut to the bone:

- an ``asyncio.Protocol`` that parses server frames straight out of ``data_received``;
- request frames built before the clock starts, masked with the all-zero key. RFC 6455
  wants an unpredictable key from browsers (against cache poisoning through proxies);
  on loopback it changes nothing for the server, which unmasks every byte either way,
  and it spares the client a Python-level XOR of every payload;
- the next request written from the callback that received a reply (no task switch).

Every reply is decoded and compared with the document that was sent, in order; a wrong,
missing or extra reply raises ``BenchError``.
"""

from __future__ import annotations

import asyncio
import base64
import os
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson


class BenchError(Exception):
    """A reply was wrong, lost, or the connection failed: the run is invalid."""


DEFLATE_OFFER = "permessage-deflate; client_no_context_takeover; server_no_context_takeover"
"""What a ``deflate`` connection offers: every message compressed on its own (RFC 7692),
so request frames can be compressed before the clock starts."""


def text_frame(payload: bytes, deflate: bool = False) -> bytes:
    """A final, masked text frame (zero masking key, see the module docstring);
    with ``deflate``, its payload compressed (RSV1 set)."""
    first = 0x81
    if deflate:
        compressor = zlib.compressobj(wbits=-15)
        payload = (compressor.compress(payload) + compressor.flush(zlib.Z_SYNC_FLUSH))[:-4]
        first = 0xC1
    size = len(payload)
    if size < 126:
        header = bytes((first, 0x80 | size))
    elif size < 65536:
        header = bytes((first, 0x80 | 126)) + size.to_bytes(2, "big")
    else:
        header = bytes((first, 0x80 | 127)) + size.to_bytes(8, "big")
    return header + b"\0\0\0\0" + payload


@dataclass
class Workload:
    """What one connection sends: the documents, and the frames that carry them."""

    documents: Sequence[Any]
    deflate: bool = False
    frames: list[bytes] = field(init=False)

    def __post_init__(self) -> None:
        self.frames = [text_frame(orjson.dumps(doc), self.deflate) for doc in self.documents]


class Connection(asyncio.Protocol):
    """One client WebSocket connection driving a ``Workload`` with a window of
    ``in_flight`` requests, recording each round trip in ``round_trips`` (seconds)."""

    def __init__(self, host: str, port: int, path: str, deflate: bool = False) -> None:
        extensions = f"Sec-WebSocket-Extensions: {DEFLATE_OFFER}\r\n" if deflate else ""
        self._request = (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\n"
            f"{extensions}\r\n"
        ).encode()
        self.deflate = deflate
        self._compressed = False
        self._buffer = bytearray()
        self._handshake_done = False
        self._fragments: list[bytes] = []
        self.transport: asyncio.Transport | None = None
        self.opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.done: asyncio.Future[None] | None = None
        self.round_trips: list[float] = []
        self._workload: Workload | None = None

    # -- asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.transport.write(self._request)

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(BenchError(f"connection lost: {exc or 'closed by the server'}"))

    def data_received(self, data: bytes) -> None:
        buffer = self._buffer
        buffer += data
        if not self._handshake_done:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(buffer[: buffer.find(b"\r\n")])
            head = bytes(buffer[:end]).lower()
            del buffer[: end + 4]
            if b" 101 " not in status:
                self._fail(BenchError(f"handshake refused: {status!r}"), opened=True)
                return
            if self.deflate and b"permessage-deflate" not in head:
                self._fail(BenchError("the server did not accept permessage-deflate"), True)
                return
            self._handshake_done = True
            self.opened.set_result(None)
        self._parse_frames()

    # -- frames

    def _parse_frames(self) -> None:
        buffer = self._buffer
        position, available = 0, len(buffer)
        while available - position >= 2:
            first, second = buffer[position], buffer[position + 1]
            size, header = second & 0x7F, 2
            if size == 126:
                if available - position < 4:
                    break
                size, header = int.from_bytes(buffer[position + 2 : position + 4], "big"), 4
            elif size == 127:
                if available - position < 10:
                    break
                size, header = int.from_bytes(buffer[position + 2 : position + 10], "big"), 10
            end = position + header + size
            if end > available:
                break
            payload = bytes(buffer[position + header : end])
            position = end
            self._on_frame(first, payload)
        if position:
            del buffer[:position]

    def _on_frame(self, first: int, payload: bytes) -> None:
        opcode = first & 0x0F
        if opcode == 0x8:
            code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else None
            self._fail(BenchError(f"server closed the connection (code {code})"))
            return
        if opcode in (0x9, 0xA):  # ping / pong: not used by these servers' echo path
            return
        if not self._fragments:
            self._compressed = bool(first & 0x40)
        self._fragments.append(payload)
        if first & 0x80:
            message = self._fragments[0] if len(self._fragments) == 1 else b"".join(self._fragments)
            self._fragments = []
            if self._compressed:
                message = zlib.decompressobj(wbits=-15).decompress(message + b"\0\0\xff\xff")
            self._on_message(message)

    # -- the workload

    def start(self, workload: Workload, in_flight: int) -> asyncio.Future[None]:
        """Start sending; the returned future is done when every reply has arrived."""
        self._workload = workload
        self._received = 0
        self._sent = 0
        self._sent_at = [0.0] * len(workload.frames)
        self.round_trips = []
        self.done = asyncio.get_running_loop().create_future()
        for _ in range(min(in_flight, len(workload.frames))):
            self._send_next()
        return self.done

    def _send_next(self) -> None:
        assert self._workload is not None and self.transport is not None
        self._sent_at[self._sent] = time.perf_counter()
        self.transport.write(self._workload.frames[self._sent])
        self._sent += 1

    def _on_message(self, message: bytes) -> None:
        now = time.perf_counter()
        workload = self._workload
        if workload is None or self.done is None or self.done.done():
            self._fail(BenchError(f"unexpected reply: {message[:80]!r}"))
            return
        index = self._received
        try:
            reply = orjson.loads(message)
        except orjson.JSONDecodeError:
            reply = None
        if (
            not isinstance(reply, dict)
            or reply.get("type") != "echo"
            or reply.get("data") != workload.documents[index]
            or len(reply) != 2
        ):
            self._fail(BenchError(f"wrong reply #{index}: {message[:120]!r}"))
            return
        self.round_trips.append(now - self._sent_at[index])
        self._received = index + 1
        if self._sent < len(workload.frames):
            self._send_next()
        elif self._received == len(workload.frames):
            self.done.set_result(None)

    def _fail(self, error: BenchError, opened: bool = False) -> None:
        if not self.opened.done():
            self.opened.set_exception(error)
        if self.done is not None and not self.done.done():
            self.done.set_exception(error)

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.done = None
            self.transport.write(b"\x88\x82\0\0\0\0\x03\xe8")  # close, code 1000
            self.transport.close()


async def open_connection(host: str, port: int, path: str, deflate: bool = False) -> Connection:
    loop = asyncio.get_running_loop()
    _, connection = await loop.create_connection(
        lambda: Connection(host, port, path, deflate), host, port
    )
    await asyncio.wait_for(connection.opened, 10)
    return connection
