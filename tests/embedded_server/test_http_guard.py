"""The HTTP phase of a connection, against the real server: a deadline for the whole
handshake, 431 for oversized headers, the Host header, nosniff, the Origin policy."""

from __future__ import annotations

import select
import socket
import time

import pytest
import websocket

from embedded_server.httpchannel import GuardedHTTPChannel
from tests.embedded_server.live import ServerProcess, running_server

pytestmark = pytest.mark.live

HANDSHAKE = (
    b"GET /websock1-2/ HTTP/1.1\r\n"
    b"Host: 127.0.0.1\r\n"
    b"Upgrade: websocket\r\n"
    b"Connection: Upgrade\r\n"
    b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    b"Sec-WebSocket-Version: 13\r\n\r\n"
)


def raw(server: ServerProcess) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=15)
    return sock


def read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_handshake_trickled_a_byte_at_a_time_is_cut_off(
    shared_live_server: ServerProcess,
) -> None:
    # One byte a second: each byte restarts Twisted's idle timeout, so before the fix
    # the connection was held for as long as the client kept trickling.
    sock = raw(shared_live_server)
    started = time.monotonic()
    closed_after = None
    try:
        for byte in HANDSHAKE[:20]:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
            sock.settimeout(1.0)
            try:
                answer = sock.recv(65536)
            except TimeoutError:
                continue
            closed_after = time.monotonic() - started
            assert answer.startswith(b"HTTP/1.1 408 ") or answer == b""
            break
    finally:
        sock.close()
    assert closed_after is not None, "the slow handshake was never cut off"
    assert closed_after < 12


def test_an_idle_connection_that_never_sends_is_closed(shared_live_server: ServerProcess) -> None:
    sock = raw(shared_live_server)
    try:
        sock.settimeout(15)
        assert read_all(sock).startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    finally:
        sock.close()


def test_a_fast_handshake_still_works(shared_live_server: ServerProcess) -> None:
    ws = websocket.create_connection(shared_live_server.ws_url("/websock1-2/"), timeout=10)
    # The handshake deadline (5 s from the connection) must not close an open
    # connection later: past it, nothing has come from the server.
    readable, _, _ = select.select([ws.sock], [], [], GuardedHTTPChannel.handshake_timeout + 1.5)
    assert not readable, "the server closed or sent something unasked"
    ws.settimeout(8)
    ws.send("[1]")
    assert ws.recv() == '{"type":"echo","data":[1]}'
    ws.close()


@pytest.mark.parametrize(
    "head",
    [
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + b"".join(b"X-H%d: %s\r\n" % (n, b"v" * 60) for n in range(400))
        + b"\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + b"".join(b"X-H%d: v\r\n" % n for n in range(600))
        + b"\r\n",
    ],
    ids=["one-long-header", "many-headers-over-16k", "over-500-headers"],
)
def test_oversized_headers_get_431(shared_live_server: ServerProcess, head: bytes) -> None:
    sock = raw(shared_live_server)
    try:
        sock.sendall(head)
        answer = read_all(sock)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")
    assert b"X-Content-Type-Options: nosniff" in answer
    assert answer.endswith(b'{"status":"request_header_fields_too_large","limit":16384}')


def http_get(server: ServerProcess, path: str, host: str) -> bytes:
    sock = raw(server)
    try:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        return read_all(sock)
    finally:
        sock.close()


def test_json_responses_say_nosniff(shared_live_server: ServerProcess) -> None:
    for path in ("/healthz", "/nowhere"):
        answer = http_get(shared_live_server, path, f"127.0.0.1:{shared_live_server.port}")
        head = answer.split(b"\r\n\r\n", 1)[0].lower()
        assert b"content-type: application/json" in head
        assert b"x-content-type-options: nosniff" in head


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8000", "[::1]:9"])
def test_an_allowed_host_is_served(shared_live_server: ServerProcess, host: str) -> None:
    assert http_get(shared_live_server, "/healthz", host).startswith(b"HTTP/1.1 200 ")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io"])
def test_a_foreign_host_header_is_refused_dns_rebinding(
    shared_live_server: ServerProcess, host: str
) -> None:
    answer = http_get(shared_live_server, "/healthz", host)
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b'"status": "bad_request"' in answer or b'"status":"bad_request"' in answer
    assert b'"ok"' not in answer


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example\\@127.0.0.1",
        "http://evil.example@127.0.0.1",
        "http://127.0.0.1/path",
        "http://127.0.0.1 http://evil.example",
        "http://127.0.0.1?x=1",
        "127.0.0.1",
    ],
)
def test_an_origin_a_browser_would_not_send_is_refused(
    shared_live_server: ServerProcess, origin: str
) -> None:
    with pytest.raises(websocket.WebSocketBadStatusException) as info:
        websocket.create_connection(
            shared_live_server.ws_url("/websock1-2/"), timeout=10, origin=origin
        )
    assert info.value.status_code in (400, 403)  # autobahn itself refuses some with 400


@pytest.mark.parametrize("origin", ["http://127.0.0.1", "https://LOCALHOST:8443", "http://[::1]:1"])
def test_a_browser_origin_of_an_allowed_host_is_accepted(
    shared_live_server: ServerProcess, origin: str
) -> None:
    websocket.create_connection(
        shared_live_server.ws_url("/websock1-2/"), timeout=10, origin=origin
    ).close()


def test_the_loopback_host_always_works_even_with_other_allowed_hosts() -> None:
    # The Docker health check asks http://127.0.0.1:8000/healthz inside the container,
    # whatever DJANGO_ALLOWED_HOSTS says; a rebinding page never sends a loopback Host.
    with running_server(env={"DJANGO_ALLOWED_HOSTS": "myhost.test"}) as server:
        assert http_get(server, "/healthz", f"127.0.0.1:{server.port}").startswith(b"HTTP/1.1 200")
        assert http_get(server, "/healthz", "myhost.test").startswith(b"HTTP/1.1 200")
        assert http_get(server, "/healthz", "evil.example").startswith(b"HTTP/1.1 400")
        with pytest.raises(websocket.WebSocketBadStatusException):
            websocket.create_connection(server.ws_url("/websock1-2/"), origin="http://localhost")
