"""Connecting from a profile: what the handshake carries, against real servers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from gui.core.connection import ConnectionState
from gui.core.profile import OriginMode, Profile, Row
from gui.core.target import RemoteAddress, ServerMode
from tests.gui.net.conftest import Link
from tests.gui.servers import ThreadedServer

TOKEN = "Bearer s3cr3t-t0ken"
SESSION = "s3ss10n-value"
QUERY_TOKEN = "q-t0k3n"


class Recorder:
    """A websockets server that keeps every handshake request and echoes text."""

    def __init__(self, **options: object) -> None:
        self.requests: list[ServerConnection] = []
        self.server = ThreadedServer(self._handle, **options).start()

    async def _handle(self, ws: ServerConnection) -> None:
        self.requests.append(ws)
        with contextlib.suppress(ConnectionClosed):
            async for message in ws:
                await ws.send(message)

    def profile(self, **changes: object) -> Profile:
        return Profile(name="t", port=self.server.port, path="/ws/").replace(**changes)

    def request(self, number: int, qtbot):
        """The ``number``-th handshake request (1, 2...), once the server has it."""
        qtbot.waitUntil(lambda: len(self.requests) >= number, timeout=5000)
        return self.requests[number - 1].request


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    made = Recorder(subprotocols=["tsushin.v1", "json"])
    yield made
    made.server.stop()


def test_headers_cookies_subprotocols_origin_and_query(link: Link, recorder, monkeypatch) -> None:
    monkeypatch.setenv("TSUSHIN_TEST_TRACE", "trace-7")
    profile = recorder.profile(
        path="/ws/{{room}}/",
        query=(Row("token", QUERY_TOKEN, secret=True), Row("page", "2"), Row("x", "1", on=False)),
        headers=(
            Row("Authorization", TOKEN, secret=True),
            Row("X-Trace", "{{env:TSUSHIN_TEST_TRACE}}"),
            Row("X-Off", "never", on=False),
        ),
        cookies=(Row("sessionid", SESSION, secret=True), Row("theme", "dark")),
        subprotocols=("json", "tsushin.v1"),
        origin=OriginMode.CUSTOM,
        custom_origin="https://app.example.test",
        variables={"room": "lobby"},
    )
    assert link.connect(profile) is ConnectionState.CONNECTED
    request = recorder.request(1, link.qtbot)
    assert request.path == f"/ws/lobby/?token={QUERY_TOKEN}&page=2"
    headers = request.headers
    assert headers["Authorization"] == TOKEN
    assert headers["X-Trace"] == "trace-7"  # {{env:...}} expanded at connect time
    assert "X-Off" not in headers
    assert headers["Cookie"] == f"sessionid={SESSION}; theme=dark"
    assert headers["Origin"] == "https://app.example.test"
    assert headers["Sec-WebSocket-Protocol"] == "json, tsushin.v1"  # offered in order
    # The server prefers tsushin.v1 among those offered (websockets' choice).
    assert link.controller.negotiated_protocol == "tsushin.v1"
    assert link.protocols == ["tsushin.v1"]
    info = link.controller.connection_info
    assert info is not None and info.subprotocol == "tsushin.v1"
    connected = link.wait_for_text("connected to")
    assert connected == (
        f"connected to ws://127.0.0.1:{recorder.server.port}/ws/lobby/?token=•••&page=2"
        " (subprotocol tsushin.v1)"
    )
    assert QUERY_TOKEN not in link.controller.message  # the status line is masked too
    for secret in (TOKEN, SESSION, QUERY_TOKEN):
        assert not any(secret in text for text in link.texts())
    link.controller.disconnect_from_server()
    assert link.protocols == ["tsushin.v1", ""]


@pytest.fixture
def plain() -> Iterator[Recorder]:
    made = Recorder()  # no subprotocols: accepts a handshake that offers one with none
    yield made
    made.server.stop()


def test_origin_server_default_and_none(link: Link, plain) -> None:
    assert link.connect(plain.profile()) is ConnectionState.CONNECTED
    headers = plain.request(1, link.qtbot).headers
    assert headers["Origin"] == f"http://127.0.0.1:{plain.server.port}"
    assert "Sec-WebSocket-Protocol" not in headers
    assert link.controller.negotiated_protocol == ""
    link.controller.disconnect_from_server()
    assert link.connect(plain.profile(origin=OriginMode.NONE)) is ConnectionState.CONNECTED
    assert "Origin" not in plain.request(2, link.qtbot).headers


def test_a_subprotocol_the_server_does_not_know_is_not_chosen(link: Link, plain) -> None:
    assert link.connect(plain.profile(subprotocols=("tsushin.v9",))) is ConnectionState.CONNECTED
    assert plain.request(1, link.qtbot).headers["Sec-WebSocket-Protocol"] == "tsushin.v9"
    assert link.controller.negotiated_protocol == ""
    assert link.wait_for_text("connected to") == f"connected to {plain.profile().url()}"


def test_variables_that_cannot_be_expanded_stop_before_connecting(link: Link, recorder) -> None:
    profile = recorder.profile(headers=(Row("X-User", "{{who}}"),))
    assert link.connect(profile) is ConnectionState.ERROR
    assert link.controller.message == "{{who}} is not a variable of this profile or a built-in one"
    assert recorder.requests == []


def test_the_old_address_path_is_a_wrapper(link: Link, plain) -> None:
    address = RemoteAddress("ws", "127.0.0.1", plain.server.port, "/old/")
    link.controller.connect_to(ServerMode.REMOTE, address)
    link.qtbot.waitUntil(lambda: link.controller.state is ConnectionState.CONNECTED, timeout=10_000)
    assert plain.request(1, link.qtbot).path == "/old/"
    assert link.wait_for_text("connected to") == f"connected to {address.url}"
    assert link.controller.profile.server is ServerMode.REMOTE


def test_ping_interval_and_timeout_come_from_the_profile(link: Link, plain) -> None:
    profile = plain.profile(ping_interval=1.0, connect_timeout=3.0)
    assert link.connect(profile) is ConnectionState.CONNECTED
    with link.qtbot.waitSignal(link.controller.latencyChanged, timeout=5000):
        pass  # a ping within about a second, not the client's 60 s


def test_a_profile_with_problems_is_not_connected(link: Link, plain) -> None:
    refused: list = []
    link.controller.profileRefused.connect(refused.append)
    profile = plain.profile(headers=(Row("X-Bad", "a\nb"),), cookies=(Row("c", "x;y"),))
    assert link.connect(profile) is ConnectionState.ERROR
    [problems] = refused
    assert [(p.code, p.field) for p in problems] == [
        ("header_value_newline", "headers[0].value"),
        ("cookie_value_invalid", "cookies[0].value"),
    ]
    assert link.wait_for_text("cannot connect").endswith("(and 1 more)")
    assert plain.requests == [] and not link.controller.active  # refused before any socket
