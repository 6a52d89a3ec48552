"""Failed handshakes explain themselves: each cause against a real server that makes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from websockets.asyncio.server import ServerConnection

from gui.core.connection import ConnectionState
from gui.core.profile import OriginMode, Profile, Row
from tests.gui.net.conftest import Link
from tests.gui.net.handshake_servers import HttpServer
from tests.gui.servers import ThreadedServer, free_port, json_echo

pytestmark = pytest.mark.live
SECRET = "Bearer do-not-log-me"


def remote(port: int, path: str = "/ws/", **changes: object) -> Profile:
    return Profile(name="t", port=port, path=path).replace(**changes)


def failed_row(link: Link) -> str:
    link.qtbot.waitUntil(lambda: any(r.direction.value == "error" for r in link.drain()))
    return next(r.text for r in link.rows if r.direction.value == "error")


def test_403_with_origin_names_allowed_hosts_and_the_origin(link: Link, embedded) -> None:
    profile = remote(
        embedded.port,
        "/websock1-2/",
        origin=OriginMode.CUSTOM,
        custom_origin="http://evil.example",
        headers=(Row("Authorization", SECRET, secret=True), Row("X-Trace", "1")),
        subprotocols=("tsushin.v1",),
    )
    assert link.connect(profile) is ConnectionState.ERROR
    [failure] = link.failures
    assert failure.cause.code == "origin_refused"
    assert failure.cause.data == {"origin": "http://evil.example", "origin_host": "evil.example"}
    assert failure.reply is not None and failure.reply.status == 403
    row = failed_row(link)
    assert row.splitlines() == [
        "server rejected the handshake: 403 — check ALLOWED_HOSTS / origin",
        "likely cause: " + failure.cause.message,
        f"sent: GET ws://127.0.0.1:{embedded.port}/websock1-2/, Origin: http://evil.example, "
        "subprotocols: tsushin.v1, headers: Authorization, X-Trace",
        "received: 403 Access denied",
    ]
    assert "ALLOWED_HOSTS" in failure.cause.message
    assert "AllowedHostsOriginValidator" in failure.cause.message
    assert SECRET not in row


def test_the_embedded_server_refuses_an_unknown_path_with_403(link: Link, embedded) -> None:
    # daphne answers 403 whenever the application refuses before accepting: here the
    # embedded server's router, with the server's own Origin (which it allows).
    assert link.connect(remote(embedded.port, "/no-such-route/")) is ConnectionState.ERROR
    [failure] = link.failures
    assert failure.reply is not None and failure.reply.status == 403
    assert failure.sent.origin == f"http://127.0.0.1:{embedded.port}"
    assert "no route matches the path" in failure.cause.message


def test_403_without_origin(link: Link) -> None:
    async def handler(ws: ServerConnection) -> None:
        await json_echo(ws)

    server = ThreadedServer(handler, origins=["http://127.0.0.1"]).start()
    try:
        assert link.connect(remote(server.port, origin=OriginMode.NONE)) is ConnectionState.ERROR
        [failure] = link.failures
        assert failure.cause.code == "origin_required"
        assert failure.sent.origin is None
        assert (
            failure.reply is not None and failure.reply.server and "Python" in failure.reply.server
        )
        row = failed_row(link)
        assert "no Origin" in row and "refuses clients that send no Origin" in row
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("status", "body", "code"),
    [
        (200, b"<!doctype html><title>My Django site</title>", "not_websocket"),
        (426, b"Upgrade Required", "not_websocket"),
        (404, b"<h1>Not Found</h1><p>The requested resource was not found.</p>", "no_route"),
        (500, b"<h1>Server Error (500)</h1>", "server_error"),
    ],
)
def test_http_servers(link: Link, status: int, body: bytes, code: str) -> None:
    server = HttpServer(status, body)
    try:
        assert link.connect(remote(server.port, "/ws/chat/")) is ConnectionState.ERROR
        [failure] = link.failures
        assert failure.cause.code == code
        assert failure.reply is not None
        assert (failure.reply.status, failure.reply.server) == (status, "WSGIServer/0.2 CPython/3")
        assert failure.reply.body_head == body.decode()
        row = failed_row(link)
        assert f"received: {status} " in row and "Server: WSGIServer/0.2 CPython/3" in row
        assert f"body: {body.decode()}" in row
        if code == "not_websocket":
            assert "WSGI" in row and "ASGI" in row and "daphne" in row
            assert link.controller.message == (
                f"server rejected the handshake: {status} — an HTTP server, not a WebSocket "
                "endpoint (WSGI instead of ASGI?)"
            )
        if code == "no_route":
            assert "no WebSocket route at /ws/chat/" in row and "URLRouter" in row
    finally:
        server.stop()


def test_4401_right_after_accept_means_log_in(link: Link, embedded) -> None:
    profile = remote(embedded.port, "/private/").replace(auto_reconnect=True)
    link.controller.connect_profile(profile)
    link.qtbot.waitUntil(lambda: link.refusals != [], timeout=10_000)
    [cause] = link.refusals
    assert cause.code == "login_required"
    assert cause.data == {"code": 4401, "reason": "login required"}
    assert link.controller.state is ConnectionState.ERROR
    assert not link.controller.active  # no reconnect: it would be refused the same way
    row = link.wait_for_text("4401")
    assert row.startswith("server closed the connection: 4401 (application code): login required")
    assert "log in" in row
    with link.qtbot.assertNotEmitted(link.controller.stateChanged, wait=1500):
        pass


def test_a_session_cookie_that_is_refused(link: Link, embedded) -> None:
    profile = remote(embedded.port, "/private/", cookies=(Row("sessionid", "stale", secret=True),))
    link.controller.connect_profile(profile)
    link.qtbot.waitUntil(lambda: link.refusals != [], timeout=10_000)
    assert link.refusals[0].code == "user_refused"
    assert "stale" not in link.wait_for_text("4401")


def test_wss_on_a_plain_port(link: Link, embedded) -> None:
    profile = remote(embedded.port, "/websock1-2/", scheme="wss", connect_timeout=2.0)
    assert link.connect(profile) is ConnectionState.ERROR
    assert link.failures[0].cause.code == "not_tls"
    assert "try ws://" in failed_row(link)


def test_nothing_listening_is_one_short_row(link: Link) -> None:
    port = free_port()
    assert link.connect(remote(port)) is ConnectionState.ERROR
    assert link.failures[0].cause.code == "refused"
    assert failed_row(link) == f"connection refused by 127.0.0.1:{port}"


@pytest.fixture
def echo_server() -> Iterator[ThreadedServer]:
    server = ThreadedServer(json_echo).start()
    yield server
    server.stop()


def test_a_close_later_is_not_a_refusal(link: Link, echo_server: ThreadedServer) -> None:
    assert link.connect(remote(echo_server.port)) is ConnectionState.CONNECTED
    echo_server.stop()  # dropped: reconnect as usual
    link.qtbot.waitUntil(lambda: "connection lost" in link.controller.message, timeout=5000)
    assert link.refusals == []


def test_4403_right_after_accept_with_cookies_means_this_user_is_refused(link: Link) -> None:
    """A consumer of its own (not the embedded server's) that accepts and closes with
    4403 at once, as ``self.close(code=4403)`` after checking ``scope["user"]``."""

    async def refuse(ws: ServerConnection) -> None:
        await ws.close(4403, "forbidden")

    server = ThreadedServer(refuse).start()
    try:
        profile = remote(server.port, cookies=(Row("sessionid", "s3cret", secret=True),))
        link.controller.connect_profile(profile.replace(auto_reconnect=True))
        link.qtbot.waitUntil(lambda: link.refusals != [], timeout=10_000)
        [cause] = link.refusals
        assert cause.code == "user_refused"
        assert cause.data == {"code": 4403, "reason": "forbidden", "cookies": "sessionid"}
        assert not link.controller.active  # refused the same way again: no reconnect
        row = link.wait_for_text("4403")
        assert row.startswith("server closed the connection: 4403 (application code): forbidden")
        assert "this user is not allowed" in row
        assert "s3cret" not in row
        # Without cookies the same close asks for a login.
        link.refusals.clear()
        link.controller.connect_profile(remote(server.port))
        link.qtbot.waitUntil(lambda: link.refusals != [], timeout=10_000)
        assert link.refusals[0].code == "login_required"
        assert link.refusals[0].data == {"code": 4403, "reason": "forbidden"}
    finally:
        server.stop()
