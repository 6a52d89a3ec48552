"""While the first start migrates the database, only what needs it waits.

The migration is held (the readiness event is left unset), so that a request that
waited for it would never be answered here: the anonymous ones must be answered all the
same, and the ones with a session cookie must wait until the database is ready.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from embedded_server import database
from embedded_server.asgi import build_application
from embedded_server.rooms.hub import RoomHub
from tests.embedded_server.rooms_client import Member


@pytest.fixture
def migrating(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The database is "being migrated" until the test sets the event."""
    ready = threading.Event()
    monkeypatch.setattr(database, "_ready", ready)
    yield ready
    ready.set()


@pytest.mark.asyncio
async def test_anonymous_room_member_and_private_handshake_do_not_wait(
    migrating: threading.Event,
) -> None:
    hub = RoomHub()
    app = build_application(hub)
    try:
        alice = Member(app, "lobby", "alice")
        welcome = await alice.join(timeout=2.0)
        assert welcome["you"]["name"] == "alice"
        private = WebsocketCommunicator(app, "/private/")
        connected, _ = await private.connect(timeout=2.0)
        assert connected
        closed = await private.receive_output(2.0)
        assert closed == {"type": "websocket.close", "code": 4401, "reason": "login required"}
        await alice.leave()
    finally:
        await hub.stop()


@pytest.mark.asyncio
async def test_a_handshake_with_a_session_cookie_waits_for_the_database(
    migrating: threading.Event,
) -> None:
    hub = RoomHub()
    app = build_application(hub)
    try:
        member = Member(app, "lobby", "bob", headers=[(b"cookie", b"sessionid=abc")])
        joining = asyncio.ensure_future(member.join(timeout=10.0))
        await asyncio.sleep(0.3)
        assert not joining.done()
        migrating.set()
        welcome = await joining
        # The session is unknown: an anonymous member with the name it asked for.
        assert welcome["you"]["name"] == "bob"
        await member.leave()
    finally:
        await hub.stop()


def test_http_outside_accounts_without_a_cookie_does_not_wait(
    migrating: threading.Event,
) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/").status_code == 404


def test_http_needs_wait_for_accounts_and_session_cookies() -> None:
    assert database.needs_wait("/accounts/login/", {})
    assert database.needs_wait("/anything/", {"sessionid": "abc"})
    assert not database.needs_wait("/admin/", {"csrftoken": "x"})
    assert not database.needs_wait("/healthz", {})


@pytest.mark.asyncio
async def test_an_http_login_page_waits_for_the_database(migrating: threading.Event) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    loading = asyncio.ensure_future(
        sync_to_async(client.get, thread_sensitive=False)("/accounts/login/")
    )
    await asyncio.sleep(0.3)
    assert not loading.done()
    migrating.set()
    response = await asyncio.wait_for(loading, 10.0)
    assert response.status_code == 200
