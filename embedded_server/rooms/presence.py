"""Who is in which room, and each room's message counter.

Channels has no presence API (channels #308, #941), so the rooms keep the member lists
themselves, where every server that shares the channel layer can read them: in this
process for the in-memory layer (``MemoryPresence``), in Redis for ``channels_redis``
(``embedded_server.rooms.redis_presence.RedisPresence``). Each member record names the
server it is connected to, so that the members of a server that died can be found and
removed by the others (``sweep``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any


class LayerUnavailable(Exception):
    """The channel layer (or the presence store beside it) cannot be reached now."""


@dataclass(frozen=True)
class Member:
    """One connection in one room: ``id`` is unique, ``name`` is what others see."""

    id: str
    name: str
    server: str
    joined: float = 0.0

    def public(self) -> dict[str, str]:
        """The member as the protocol shows it: ``{"id": ..., "name": ...}``."""
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class DeadServer:
    """A server whose heartbeat stopped: its relay channel and the members it had."""

    server: str
    relay: str
    members: dict[str, list[Member]]


class Presence:
    """The interface of a presence store (every method may raise ``LayerUnavailable``).

    ``shared``: whether other processes share it (then the hub beats and sweeps).
    """

    shared = False

    async def join(self, room: str, member: Member) -> list[Member]:
        """Add ``member``; return every member of the room, ``member`` included."""
        raise NotImplementedError

    async def leave(self, room: str, member: Member) -> None:
        raise NotImplementedError

    async def members(self, room: str) -> list[Member]:
        raise NotImplementedError

    async def next_seq(self, room: str) -> int:
        """The room's next message number: 1, 2, 3, ... for all servers together."""
        raise NotImplementedError

    async def heartbeat(
        self, server: str, relay: str, local: dict[str, list[Member]], seqs: dict[str, int]
    ) -> bool:
        """Say that ``server`` is alive. Returns True when the store had lost it (it
        was unreachable, restarted or had given the server up for dead): then ``local``
        (its members by room) and ``seqs`` (the highest numbers it handed out) have been
        written again."""
        raise NotImplementedError

    async def sweep(self, server: str) -> list[DeadServer]:
        """Claim the servers whose heartbeat stopped and remove their members. Every
        dead server is returned to exactly one of the servers that sweep."""
        raise NotImplementedError

    async def goodbye(self, server: str) -> None:
        """``server`` stops: forget it (its members have left already)."""

    async def close(self) -> None:
        """Release connections."""

    def is_unavailable(self, error: BaseException) -> bool:
        """Whether ``error`` (from the store or the channel layer) means "unreachable"."""
        return isinstance(error, LayerUnavailable | OSError)


class MemoryPresence(Presence):
    """Presence for one process (the in-memory channel layer): plain dicts."""

    def __init__(self) -> None:
        self._rooms: dict[str, dict[str, Member]] = defaultdict(dict)
        self._seqs: dict[str, itertools.count[int]] = {}
        self._order = itertools.count()

    async def join(self, room: str, member: Member) -> list[Member]:
        self._rooms[room][member.id] = member
        return list(self._rooms[room].values())

    async def leave(self, room: str, member: Member) -> None:
        members = self._rooms.get(room)
        if members is not None:
            members.pop(member.id, None)
            if not members:
                del self._rooms[room]

    async def members(self, room: str) -> list[Member]:
        return list(self._rooms.get(room, {}).values())

    async def next_seq(self, room: str) -> int:
        counter = self._seqs.get(room)
        if counter is None:
            counter = self._seqs[room] = itertools.count(1)
        return next(counter)

    async def heartbeat(
        self, server: str, relay: str, local: dict[str, list[Member]], seqs: dict[str, int]
    ) -> bool:
        return False

    async def sweep(self, server: str) -> list[DeadServer]:
        return []

    def snapshot(self) -> dict[str, Any]:
        """What is stored (for tests)."""
        return {room: sorted(members) for room, members in self._rooms.items()}
