"""Rooms under bad input: a ``who`` flood and 10,000 members joining and leaving.

In process, through the real ASGI application (Channels' WebsocketCommunicator), with
presence in memory and, for the crowd, in a real Redis as well.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import pytest_asyncio
from redis import asyncio as aioredis

from embedded_server.asgi import build_application
from embedded_server.rooms.hub import RoomHub
from embedded_server.rooms.presence import Presence
from embedded_server.rooms.redis_presence import RedisPresence
from tests.embedded_server.rooms_client import Member
from tests.redis_server import RedisServer

pytestmark = pytest.mark.asyncio

FLOOD = 3000
CROWD = 10_000
AT_ONCE = 50


@pytest_asyncio.fixture
async def hub() -> AsyncIterator[RoomHub]:
    hub = RoomHub()
    yield hub
    await hub.stop()


async def test_who_flood_is_answered_in_order_and_the_others_do_not_wait(
    hub: RoomHub,
) -> None:
    app = build_application(hub)
    alice, bob = Member(app, "flood", "alice"), Member(app, "flood", "bob")
    await alice.join()
    await bob.join()
    await alice.next_of("joined")
    # Alice asks FLOOD times without reading a single answer ...
    for _ in range(FLOOD):
        await alice.send({"type": "who"})
    # ... meanwhile Bob's room works as usual.
    await bob.send({"text": "still here"})
    message = await bob.next_of("message")
    assert message["data"] == {"text": "still here"}
    # Every question got its answer, none lost, and the message arrives in its place.
    kinds: list[str] = []
    while len(kinds) < FLOOD + 1:
        reply = await alice.next(timeout=10.0)
        kinds.append(reply["type"])
        if reply["type"] == "members":
            assert [m["name"] for m in reply["members"]] == ["alice", "bob"]
    assert kinds.count("members") == FLOOD and kinds.count("message") == 1
    assert await alice.quiet()
    # Alice is still a member and can talk.
    await alice.send({"n": 1})
    assert (await bob.next_of("message"))["data"] == {"n": 1}
    await alice.leave()
    await bob.leave()


async def _crowd(hub: RoomHub, snapshot: Callable[[], Any]) -> None:
    """CROWD members join and leave room "crowd", AT_ONCE at a time, watched by one
    observer; afterwards the room is empty again and still works."""
    app = build_application(hub)
    observer = Member(app, "crowd", "observer")
    await observer.join()
    seen = {"joined": 0, "left": 0}

    async def watch() -> None:
        while sum(seen.values()) < 2 * CROWD:
            seen[(await observer.next(timeout=30.0))["type"]] += 1

    watcher = asyncio.create_task(watch())
    for start in range(0, CROWD, AT_ONCE):
        batch = [Member(app, "crowd", f"m{n}") for n in range(start, start + AT_ONCE)]
        welcomes = await asyncio.gather(*(member.join(timeout=30.0) for member in batch))
        assert all(w["you"]["name"] == f"m{start + i}" for i, w in enumerate(welcomes))
        await asyncio.gather(*(member.leave() for member in batch))
    await asyncio.wait_for(watcher, 60.0)
    assert seen == {"joined": CROWD, "left": CROWD}

    await observer.send({"type": "who"})
    reply = await observer.next_of("members")
    assert [m["name"] for m in reply["members"]] == ["observer"]
    await observer.send({"after": "crowd"})
    assert (await observer.next_of("message"))["data"] == {"after": "crowd"}
    await observer.leave()
    assert await hub.members("crowd") == []
    assert await snapshot() == {}


# Ten thousand members take ~30 s alone; a shared machine needs more than the
# suite's 120 s guard against hangs.
@pytest.mark.timeout(600)
async def test_ten_thousand_members_join_and_leave_in_memory(hub: RoomHub) -> None:
    async def snapshot() -> Any:
        return hub.presence.snapshot()  # type: ignore[attr-defined]

    await _crowd(hub, snapshot)


# Ten thousand members take ~30 s alone; a shared machine needs more than the
# suite's 120 s guard against hangs.
@pytest.mark.timeout(600)
async def test_ten_thousand_members_join_and_leave_with_presence_in_redis(
    redis_server: RedisServer,
) -> None:
    stores: list[RedisPresence] = []

    def in_redis(layer: Any) -> Presence:
        stores.append(RedisPresence({"address": redis_server.url}, ttl=10.0))
        return stores[-1]

    hub = RoomHub(in_redis)

    async def snapshot() -> Any:
        client = aioredis.from_url(redis_server.url, decode_responses=True)
        try:
            keys = await client.keys("tsushin:room:crowd:members")
            return {key: await client.hlen(key) for key in keys}
        finally:
            await client.aclose()

    try:
        await _crowd(hub, snapshot)
    finally:
        await hub.stop()
