"""Small WebSocket servers for the remote-mode tests, on 127.0.0.1 only.

Each runs an asyncio loop with the ``websockets`` library in a background thread, so
the Qt event loop of the test keeps running while it serves.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime
import hashlib
import ipaddress
import pathlib
import socket
import ssl
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

Handler = Callable[[ServerConnection], Awaitable[None]]


async def tutorial_echo(ws: ServerConnection) -> None:
    """Like the tutorial's server: answers ``Echo: <text>`` as plain text."""
    with contextlib.suppress(ConnectionClosed):
        async for message in ws:
            await ws.send(f"Echo: {message}")


async def json_echo(ws: ServerConnection) -> None:
    """Sends every text frame back unchanged."""
    with contextlib.suppress(ConnectionClosed):
        async for message in ws:
            await ws.send(message)


def closing_after_first(code: int, reason: str) -> Handler:
    """A server that closes the connection with ``code``/``reason`` on the first message."""

    async def handler(ws: ServerConnection) -> None:
        await ws.recv()
        await ws.close(code, reason)

    return handler


class ThreadedServer:
    """A ``websockets`` server in its own thread; :meth:`stop` and start again at will."""

    def __init__(
        self,
        handler: Handler,
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
        **serve_options: Any,
    ) -> None:
        self.handler = handler
        self.port = port
        self.ssl_context = ssl_context
        self.serve_options = serve_options
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> ThreadedServer:
        started = threading.Event()
        self._loop = asyncio.new_event_loop()

        async def open_server() -> None:
            self._server = await serve(
                self.handler, "127.0.0.1", self.port, ssl=self.ssl_context, **self.serve_options
            )
            self.port = self._server.sockets[0].getsockname()[1]

        def run() -> None:
            assert self._loop is not None
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(open_server())
            started.set()
            self._loop.run_forever()
            self._loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert started.wait(10), "test server did not start"
        return self

    def stop(self) -> None:
        """Stop listening and drop every connection abruptly (no close frame)."""
        loop, server = self._loop, self._server
        if loop is None or server is None:
            return

        async def shut() -> None:
            server.close(close_connections=False)
            for conn in list(server.connections):
                conn.transport.abort()
            await server.wait_closed()

        asyncio.run_coroutine_threadsafe(shut(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        assert self._thread is not None
        self._thread.join(10)
        self._loop = self._server = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/websock1-2/"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (right now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MuteAfterHandshake:
    """Accepts one WebSocket handshake on 127.0.0.1, then never sends another byte
    (no pongs either): a peer that went away without closing the TCP connection."""

    GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._conns: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return
        self._conns.append(conn)
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(4096)
            if not chunk:
                return
            request += chunk
        key = next(
            line.split(":", 1)[1].strip()
            for line in request.decode("latin-1").split("\r\n")
            if line.lower().startswith("sec-websocket-key:")
        )
        accept = base64.b64encode(hashlib.sha1((key + self.GUID).encode()).digest()).decode()
        conn.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )

    def stop(self) -> None:
        self._listener.close()
        for conn in self._conns:
            conn.close()
        self._thread.join(5)


def self_signed_context(directory: pathlib.Path) -> ssl.SSLContext:
    """A server TLS context with a fresh self-signed certificate for 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context
