"""Presence in Redis, beside ``channels_redis``: what every server of the layer sees.

Keys (``tsushin:`` prefix):

- ``room:<room>:members``   hash member id → JSON ``{"id", "name", "server", "joined"}``
- ``room:<room>:seq``       the room's message counter (``INCR``)
- ``servers``               hash server id → its relay channel
- ``server:<id>:alive``     set with a time-to-live, renewed by each heartbeat
- ``server:<id>:rooms``     the rooms where that server has (or had) members

A server whose ``alive`` key expired is dead: the first server that sweeps removes it
from ``servers`` (``HDEL`` answers 1 to exactly one of them), and so owns the clean-up
of its members, which it returns (``sweep``) so that the hub tells their rooms.
"""

from __future__ import annotations

import json
from typing import Any

from redis import asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from embedded_server.rooms.presence import DeadServer, LayerUnavailable, Member, Presence

PREFIX = "tsushin:"
_SERVERS = PREFIX + "servers"

# Raise a room's counter to at least ARGV[1] (after Redis lost it).
_RAISE_SEQ = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
"""


def _members_key(room: str) -> str:
    return f"{PREFIX}room:{room}:members"


def _seq_key(room: str) -> str:
    return f"{PREFIX}room:{room}:seq"


def _alive_key(server: str) -> str:
    return f"{PREFIX}server:{server}:alive"


def _rooms_key(server: str) -> str:
    return f"{PREFIX}server:{server}:rooms"


def _record(member: Member) -> str:
    return json.dumps(
        {"id": member.id, "name": member.name, "server": member.server, "joined": member.joined},
        ensure_ascii=False,
    )


def _member(raw: str) -> Member:
    data = json.loads(raw)
    return Member(data["id"], data["name"], data["server"], float(data.get("joined", 0)))


class RedisPresence(Presence):
    """Presence shared by every server on one Redis (see the module docstring).

    ``host`` is a channels_redis host entry (``{"address": "redis://...", ...}``).
    """

    shared = True

    def __init__(self, host: dict[str, Any], ttl: float = 10.0) -> None:
        options = dict(host)
        address = options.pop("address")
        # Typed as Any: redis-py's stubs type every reply as a union of all of them.
        self._redis: Any = aioredis.Redis.from_url(address, decode_responses=True, **options)
        self.ttl = ttl

    def is_unavailable(self, error: BaseException) -> bool:
        return isinstance(
            error, LayerUnavailable | RedisConnectionError | RedisTimeoutError | OSError
        )

    async def join(self, room: str, member: Member) -> list[Member]:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hset(_members_key(room), member.id, _record(member))
            pipe.sadd(_rooms_key(member.server), room)
            pipe.hvals(_members_key(room))
            *_, records = await pipe.execute()
        return [_member(raw) for raw in records]

    async def leave(self, room: str, member: Member) -> None:
        await self._redis.hdel(_members_key(room), member.id)

    async def members(self, room: str) -> list[Member]:
        return [_member(raw) for raw in await self._redis.hvals(_members_key(room))]

    async def next_seq(self, room: str) -> int:
        return int(await self._redis.incr(_seq_key(room)))

    async def heartbeat(
        self, server: str, relay: str, local: dict[str, list[Member]], seqs: dict[str, int]
    ) -> bool:
        ttl_ms = max(1, int(self.ttl * 1000))
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.set(_alive_key(server), b"1", px=ttl_ms, get=True)
            pipe.hset(_SERVERS, server, relay)
            was_alive, _ = await pipe.execute()
        if was_alive is not None:
            return False
        await self._rewrite(server, local, seqs)
        return True

    async def _rewrite(
        self, server: str, local: dict[str, list[Member]], seqs: dict[str, int]
    ) -> None:
        """Make the store say what this server knows: its members, nothing more."""
        rooms = set(await self._redis.smembers(_rooms_key(server)))
        for room in rooms | set(local):
            wanted = {m.id: m for m in local.get(room, [])}
            stored = await self._redis.hgetall(_members_key(room))
            stale = [
                key
                for key, raw in stored.items()
                if _member(raw).server == server and key not in wanted
            ]
            async with self._redis.pipeline(transaction=False) as pipe:
                if stale:
                    pipe.hdel(_members_key(room), *stale)
                for member in wanted.values():
                    pipe.hset(_members_key(room), member.id, _record(member))
                if wanted:
                    pipe.sadd(_rooms_key(server), room)
                else:
                    pipe.srem(_rooms_key(server), room)
                await pipe.execute()
        for room, seq in seqs.items():
            await self._redis.eval(_RAISE_SEQ, 1, _seq_key(room), seq)

    async def sweep(self, server: str) -> list[DeadServer]:
        servers = {
            key: relay
            for key, relay in (await self._redis.hgetall(_SERVERS)).items()
            if key != server
        }
        if not servers:
            return []
        async with self._redis.pipeline(transaction=False) as pipe:
            for other in servers:
                pipe.exists(_alive_key(other))
            alive = await pipe.execute()
        dead = []
        for (other, relay), beating in zip(servers.items(), alive, strict=True):
            if beating or not await self._redis.hdel(_SERVERS, other):
                continue  # alive, or another server claimed it first
            dead.append(DeadServer(other, relay, await self._remove_members_of(other)))
        return dead

    async def _remove_members_of(self, server: str) -> dict[str, list[Member]]:
        removed: dict[str, list[Member]] = {}
        for room in await self._redis.smembers(_rooms_key(server)):
            stored = await self._redis.hgetall(_members_key(room))
            theirs = [m for m in map(_member, stored.values()) if m.server == server]
            if theirs:
                await self._redis.hdel(_members_key(room), *[m.id for m in theirs])
                removed[room] = theirs
        await self._redis.delete(_rooms_key(server))
        return removed

    async def goodbye(self, server: str) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.delete(_alive_key(server), _rooms_key(server))
            pipe.hdel(_SERVERS, server)
            await pipe.execute()

    async def close(self) -> None:
        await self._redis.aclose()
