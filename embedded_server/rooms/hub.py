"""The rooms of one server process, on Channels groups.

Each server has one *relay* channel. It joins the Channels group of every room that has
a member connected to this server, and leaves it when the last one goes. A message to a
room is one ``group_send``: the layer hands it to each server once (not once per
member), and each server's relay hands it to its own members' outboxes. So a message
costs the layer one delivery per server, and is encoded to JSON once, by its sender.

Presence (who is where) and the message counter live in a ``Presence`` store shared by
all servers; a heartbeat keeps this server alive in it and sweeps up the members of
servers that stopped beating (killed, or cut off), telling their rooms they left.

When the layer or the store cannot be reached, requests raise ``LayerUnavailable``
(the consumer answers ``layer_unavailable``), local members are told once, and the
heartbeat keeps trying; once it gets through, this server's members, groups and
counters are written again and the rooms work as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from channels.layers import get_channel_layer

from embedded_server import protocol
from embedded_server.layers import DEFAULT_CAPACITY, GroupFull
from embedded_server.rooms.names import group_name
from embedded_server.rooms.outbox import ROOM_OVERLOADED, Outbox
from embedded_server.rooms.presence import (
    DeadServer,
    LayerUnavailable,
    Member,
    MemoryPresence,
    Presence,
)

logger = logging.getLogger("embedded_server.rooms")

LAYER_UNAVAILABLE = "layer_unavailable"
RETRY_SECONDS = 0.5


class RoomOverloaded(Exception):
    """The layer refused a message for some servers of the room (their channel full)."""

    def __init__(self, full: int, total: int, seq: int | None = None) -> None:
        super().__init__(f"{full} of {total} servers of the room could not take it")
        self.full = full
        self.total = total
        self.seq = seq


@dataclass
class _Local:
    member: Member
    outbox: Outbox


def encode(reply: dict[str, Any]) -> str:
    return protocol.encode_reply(reply, orjson_safe=True)


def unavailable_text(detail: str) -> str:
    return encode(
        protocol.error_reply(
            LAYER_UNAVAILABLE,
            f"the channel layer is unavailable ({detail}); rooms work again once it is back",
        )
    )


class RoomHub:
    """The rooms of this server process (see the module docstring).

    ``presence_factory`` makes the store for the running event loop; ``heartbeat`` is
    the period of the heartbeat and of the sweep (the store's time-to-live of a server
    is a few periods, see ``Presence``).
    """

    def __init__(
        self,
        presence_factory: Callable[[Any], Presence] | None = None,
        *,
        layer_alias: str = "default",
        presence_ttl: float = 10.0,
    ) -> None:
        self._presence_factory = presence_factory or self._presence_for
        self._layer_alias = layer_alias
        self.presence_ttl = presence_ttl
        self.heartbeat_seconds = presence_ttl / 4
        self.capacity = DEFAULT_CAPACITY
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting: tuple[asyncio.AbstractEventLoop, asyncio.Task[None]] | None = None
        self._recovering = asyncio.Lock()
        self._tasks: list[asyncio.Task[None]] = []
        self._rooms: dict[str, dict[str, _Local]] = {}
        self._grouped: set[str] = set()
        self._locks: dict[str, asyncio.Lock] = {}
        self._seqs: dict[str, int] = {}
        self.available = True
        self.layer: Any = None
        self.presence: Presence = MemoryPresence()
        self._new_server()

    def _presence_for(self, layer: Any) -> Presence:
        """Presence beside ``layer``: in Redis for channels_redis, else in memory."""
        hosts = getattr(layer, "hosts", None)
        if hosts:
            from embedded_server.rooms.redis_presence import RedisPresence

            return RedisPresence(hosts[0], ttl=self.presence_ttl)
        return MemoryPresence()

    def _new_server(self) -> None:
        self.server_id = secrets.token_hex(8)
        self.relay = f"tsushin-relay.{self.server_id}"

    # -- lifetime

    async def ready(self) -> None:
        """Start the relay (and heartbeat) in the running loop, once per loop.
        Raises ``LayerUnavailable`` (and tries again next time) if the layer is away."""
        loop = asyncio.get_running_loop()
        if self._loop is loop:
            return
        if self._starting is None or self._starting[0] is not loop:
            self._starting = (loop, loop.create_task(self._start(loop)))
        task = self._starting[1]
        try:
            await asyncio.shield(task)
        finally:
            if task.done() and self._starting is not None and self._starting[1] is task:
                self._starting = None

    async def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._tasks:  # a new loop (tests): start over, as a new server
            self._rooms.clear()
            self._grouped.clear()
            self._locks.clear()
            self._seqs.clear()
            self._tasks = []
            self._new_server()
        layer = get_channel_layer(self._layer_alias)
        if layer is None:
            raise LayerUnavailable(f"no channel layer {self._layer_alias!r} is configured")
        presence = self._presence_factory(layer)
        if presence.shared:
            # Beat once before the first member is stored: a server that died before
            # its first beat would leave members that no sweep ever finds.
            try:
                await presence.heartbeat(self.server_id, self.relay, {}, {})
            except Exception as error:
                await presence.close()
                if presence.is_unavailable(error):
                    raise LayerUnavailable(str(error) or type(error).__name__) from error
                raise
        self.layer, self.presence, self.available = layer, presence, True
        self._recovering = asyncio.Lock()
        self.capacity = getattr(layer, "capacity", DEFAULT_CAPACITY)
        self._tasks = [loop.create_task(self._relay_loop(), name="rooms-relay")]
        if presence.shared:
            self._tasks.append(loop.create_task(self._heartbeat_loop(), name="rooms-heartbeat"))
        self._loop = loop
        logger.info(
            "rooms started",
            extra={"event": "rooms.start", "server": self.server_id, "layer": str(layer)},
        )

    async def stop(self) -> None:
        """Leave every room (the others are told) and forget this server."""
        for room, local in list(self._rooms.items()):
            for entry in list(local.values()):
                with contextlib.suppress(Exception):
                    await self.leave(room, entry.member)
        for task in self._tasks:
            task.cancel()
        with contextlib.suppress(Exception):
            await self.presence.goodbye(self.server_id)
        with contextlib.suppress(Exception):
            await self.presence.close()

    def _lock(self, room: str) -> asyncio.Lock:
        lock = self._locks.get(room)
        if lock is None:
            lock = self._locks[room] = asyncio.Lock()
        return lock

    def _unavailable(self, error: BaseException) -> LayerUnavailable:
        """Note that the layer is gone (telling local members once) and return the
        exception to raise."""
        if self.available:
            self.available = False
            logger.warning(
                "channel layer unavailable: rooms answer layer_unavailable until it is back",
                extra={"event": "rooms.layer_lost", "error": repr(error)},
            )
            text = unavailable_text(type(error).__name__)
            for local in self._rooms.values():
                for entry in local.values():
                    asyncio.get_running_loop().create_task(entry.outbox.deliver(text))
        if isinstance(error, LayerUnavailable):
            return error
        return LayerUnavailable(str(error) or type(error).__name__)

    async def _recovered(self) -> None:
        """While the layer is marked lost, try to get it back (once at a time) before
        a request goes on: a request must not see the store before this server's
        members are written back into it."""
        if self.available:
            return
        async with self._recovering:
            if not self.available:
                try:
                    await self._beat()
                except Exception as error:
                    if self.presence.is_unavailable(error):
                        raise self._unavailable(error) from error
                    raise

    async def _guarded(self, call: Any) -> Any:
        try:
            await self._recovered()
        except BaseException:
            call.close()
            raise
        try:
            return await call
        except (RoomOverloaded, GroupFull):
            raise
        except Exception as error:
            if self.presence.is_unavailable(error):
                raise self._unavailable(error) from error
            raise

    # -- what the consumers call

    async def join(self, room: str, member: Member, outbox: Outbox) -> list[Member]:
        """Enter ``room``: returns every member (``member`` included) for the welcome.
        ``outbox`` is held until the consumer has sent the welcome and releases it;
        room traffic that arrives meanwhile waits in it."""
        await self.ready()
        member = replace(member, server=self.server_id)
        local = self._rooms.setdefault(room, {})
        local[member.id] = _Local(member, outbox)
        try:
            await self._join_group(room)
            members = await self._guarded(self.presence.join(room, member))
        except BaseException:
            await self._forget(room, member.id)
            raise
        members.sort(key=lambda m: m.joined)
        text = encode({"type": "joined", "room": room, "member": member.public()})
        try:
            await self._broadcast(room, text, skip=member.id)
        except (LayerUnavailable, RoomOverloaded) as error:
            logger.info(
                "join not announced", extra={"event": "room.join_lost", "error": str(error)}
            )
        logger.info(
            "member joined",
            extra={
                "event": "room.join",
                "room": room,
                "member": member.id,
                "member_name": member.name,
            },
        )
        return members

    async def leave(self, room: str, member: Member) -> None:
        """Leave ``room``; the others get ``left``. Never raises for a lost layer (the
        store is put right when it is back)."""
        entry = await self._forget(room, member.id)
        if entry is None:
            return
        member = entry.member
        try:
            await self._guarded(self.presence.leave(room, member))
            text = encode({"type": "left", "room": room, "member": member.public()})
            await self._broadcast(room, text, skip=member.id)
        except (LayerUnavailable, RoomOverloaded) as error:
            logger.info(
                "leave not announced", extra={"event": "room.leave_lost", "error": str(error)}
            )
        logger.info(
            "member left",
            extra={
                "event": "room.leave",
                "room": room,
                "member": member.id,
                "member_name": member.name,
            },
        )

    async def members(self, room: str) -> list[Member]:
        await self.ready()
        members = await self._guarded(self.presence.members(room))
        members.sort(key=lambda m: m.joined)
        return members

    async def publish(
        self,
        room: str,
        member: Member,
        document: Any,
        orjson_safe: bool,
        source: str | None = None,
    ) -> int:
        """Number ``document`` and send it to every member of the room (the sender
        too); ``source`` is the text it was parsed from (see
        ``protocol.encode_carrying``). Raises ``RoomOverloaded`` when some server's
        relay channel was full."""
        await self.ready()
        # One number and one group_send at a time per room on this server: the
        # messages of this server's senders go out in the order of their numbers.
        async with self._lock(room):
            seq = await self._guarded(self.presence.next_seq(room))
            if seq > self._seqs.get(room, 0):
                self._seqs[room] = seq
            envelope = {"type": "message", "room": room, "from": member.public(), "seq": seq}
            text = protocol.encode_carrying(envelope, document, source, orjson_safe)
            await self._broadcast(room, text, sender=member.id, seq=seq)
        # Let the relay run before this sender's next message: with the in-memory
        # layer nothing above waits, and a burst of one client's frames (already in
        # its input queue) would otherwise fill the relay channel before it drains.
        await asyncio.sleep(0)
        return seq

    # -- groups and relay

    async def _join_group(self, room: str) -> None:
        async with self._lock(room):
            if room not in self._grouped:
                await self._guarded(self.layer.group_add(group_name(room), self.relay))
                self._grouped.add(room)

    async def _forget(self, room: str, member_id: str) -> _Local | None:
        """Drop a local member; leave the room's group when it was the last one."""
        local = self._rooms.get(room)
        entry = local.pop(member_id, None) if local is not None else None
        if entry is not None:
            entry.outbox.close()
        if local is not None and not local:
            async with self._lock(room):
                if self._rooms.get(room) == {}:
                    del self._rooms[room]
                    if room in self._grouped:
                        self._grouped.discard(room)
                        with contextlib.suppress(Exception):
                            await self.layer.group_discard(group_name(room), self.relay)
        return entry

    async def _broadcast(
        self,
        room: str,
        text: str,
        *,
        skip: str | None = None,
        sender: str | None = None,
        seq: int | None = None,
    ) -> None:
        event: dict[str, Any] = {"type": "room.deliver", "room": room, "text": text}
        if skip is not None:
            event["skip"] = skip
        if sender is not None:
            event.update(sender=sender, origin=self.relay, seq=seq)
        try:
            await self._guarded(self.layer.group_send(group_name(room), event))
        except GroupFull as full:
            logger.warning(
                "room message refused by full relay channels",
                extra={"event": "room.overloaded", "room": room, "full": len(full.full)},
            )
            raise RoomOverloaded(len(full.full), full.total, seq) from None

    async def _relay_loop(self) -> None:
        batch = getattr(self.layer, "receive_batch", None)
        while True:
            try:
                if batch is not None:
                    events = await batch(self.relay)
                else:
                    events = [await self.layer.receive(self.relay)]
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if self.presence.is_unavailable(error):
                    self._unavailable(error)
                else:
                    logger.exception("relay receive failed", extra={"event": "rooms.relay"})
                await asyncio.sleep(RETRY_SECONDS)
                continue
            for event in events:
                try:
                    await self._on_event(event)
                except Exception:
                    logger.exception("relay event failed", extra={"event": "rooms.relay"})

    async def _on_event(self, event: dict[str, Any]) -> None:
        local = self._rooms.get(event.get("room", ""))
        if not local:
            return
        kind = event.get("type")
        if kind == "room.deliver":
            skip = event.get("skip")
            text = event["text"]
            refused = 0
            for member_id, entry in list(local.items()):
                if member_id != skip and not await entry.outbox.deliver(text):
                    refused += 1
            if refused and event.get("sender"):
                await self._tell_sender(event, refused)
        elif kind == "room.notify":
            target = local.get(event.get("to", ""))
            if target is not None:
                await target.outbox.deliver(event["text"])

    async def _tell_sender(self, event: dict[str, Any], refused: int) -> None:
        room = event["room"]
        text = encode(
            protocol.error_reply(
                ROOM_OVERLOADED,
                f"message {event['seq']} did not reach {refused} member(s) of room {room}: "
                "their connections are not reading",
                room=room,
                seq=event["seq"],
                undelivered=refused,
            )
        )
        notice = {"type": "room.notify", "room": room, "to": event["sender"], "text": text}
        if event.get("origin") == self.relay:
            await self._on_event(notice)
            return
        with contextlib.suppress(Exception):
            await self.layer.send(event["origin"], notice)

    # -- heartbeat, recovery, dead servers

    def _local_members(self) -> dict[str, list[Member]]:
        return {room: [e.member for e in local.values()] for room, local in self._rooms.items()}

    async def _heartbeat_loop(self) -> None:
        while True:
            started = time.monotonic()
            try:
                await self._beat()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if self.presence.is_unavailable(error):
                    self._unavailable(error)
                else:
                    logger.exception("heartbeat failed", extra={"event": "rooms.heartbeat"})
            delay = self.heartbeat_seconds if self.available else RETRY_SECONDS
            await asyncio.sleep(max(0.0, delay - (time.monotonic() - started)))

    async def _beat(self) -> None:
        lost = await self.presence.heartbeat(
            self.server_id, self.relay, self._local_members(), dict(self._seqs)
        )
        if lost or not self.available:
            for room in list(self._rooms):
                await self.layer.group_add(group_name(room), self.relay)
                self._grouped.add(room)
            if not self.available:
                logger.warning(
                    "channel layer back: rooms work again",
                    extra={"event": "rooms.layer_back", "server": self.server_id},
                )
            self.available = True
        for dead in await self.presence.sweep(self.server_id):
            await self._bury(dead)

    async def _bury(self, dead: DeadServer) -> None:
        gone = sum(len(members) for members in dead.members.values())
        logger.warning(
            "a server stopped beating: its members left",
            extra={"event": "rooms.server_dead", "server": dead.server, "members": gone},
        )
        for room, members in dead.members.items():
            with contextlib.suppress(Exception):
                await self.layer.group_discard(group_name(room), dead.relay)
            for member in members:
                text = encode({"type": "left", "room": room, "member": member.public()})
                with contextlib.suppress(RoomOverloaded):
                    await self._broadcast(room, text)
