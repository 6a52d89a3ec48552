"""The WebSocket consumer of ``/rooms/<room>/`` (protocol: DESIGN.md, "Round 2").

- on connect: ``welcome`` to the newcomer (every member, itself included), ``joined``
  to the others; on disconnect: ``left``;
- ``{"type": "who"}`` → ``{"type": "members", "room": R, "members": [...]}``;
- any other JSON document D → ``{"type": "message", "room": R, "from": M, "seq": N,
  "data": D}`` to every member, the sender too;
- invalid JSON, binary frames and oversized messages: the error replies of
  ``/websock1-2/``; ``room_overloaded`` when the layer refused the message for some
  members; ``layer_unavailable`` while the channel layer cannot be reached.

Handshakes with a room name or ``?name=`` outside the allowed set are refused (HTTP
403), and the log says why. The consumer itself has no channel in the layer: the hub's
relay channel stands for all the members of this server (``embedded_server.rooms.hub``).
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer

from embedded_server import protocol
from embedded_server.dispatch import LeanDispatchMixin
from embedded_server.rooms import names
from embedded_server.rooms.hub import (
    LAYER_UNAVAILABLE,
    RoomHub,
    RoomOverloaded,
    encode,
    unavailable_text,
)
from embedded_server.rooms.outbox import ROOM_OVERLOADED, Outbox
from embedded_server.rooms.presence import LayerUnavailable, Member
from embedded_server.serverhooks import FLOW_EXTENSION
from embedded_server.subprotocols import choose_subprotocol

logger = logging.getLogger("embedded_server.rooms")

# The room cannot be joined while the channel layer is away: like 1013 "Try Again
# Later", in the range left to applications (autobahn lets them use no other).
CLOSE_TRY_AGAIN_LATER = 4503


def _client(scope: dict[str, Any]) -> str:
    client = scope.get("client") or ("?", 0)
    return f"{client[0]}:{client[1]}"


def _username(scope: dict[str, Any]) -> str | None:
    user = scope.get("user")
    if user is not None and getattr(user, "is_authenticated", False):
        return str(user.get_username())
    return None


class RoomConsumer(LeanDispatchMixin, AsyncWebsocketConsumer):
    """One member of one room. Route it with ``as_asgi(hub=...)``."""

    hub: RoomHub | None = None
    room: str = ""
    member: Member | None = None
    outbox: Outbox | None = None

    @property
    def _hub(self) -> RoomHub:
        assert self.hub is not None, "route RoomConsumer with as_asgi(hub=...)"
        return self.hub

    async def connect(self) -> None:
        self.room = self.scope["url_route"]["kwargs"]["room"]
        name = _username(self.scope)
        problem = names.room_name_problem(self.room)
        if problem is None and name is None:
            query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
            name = query.get("name", [""])[0] or None
            if name is not None:
                problem = names.member_name_problem(name)
        if problem is not None:
            logger.warning(
                f"handshake refused: {problem}",
                extra={
                    "event": "ws.refused",
                    "path": self.scope["path"],
                    "client": _client(self.scope),
                    "reason": problem,
                },
            )
            await self.close()
            return
        await self.accept(subprotocol=choose_subprotocol(self.scope))
        member_id = names.new_member_id()
        self.member = Member(member_id, name or f"guest-{member_id[:4]}", "", time.time())
        flow = (self.scope.get("extensions") or {}).get(FLOW_EXTENSION)
        hub = self._hub
        try:
            await hub.ready()
            self.outbox = Outbox(self._send_text, hub.capacity, self.room, flow)
            members = await hub.join(self.room, self.member, self.outbox)
        except LayerUnavailable as error:
            self.member = None
            await self._send_text(unavailable_text(str(error)))
            await self.close(code=CLOSE_TRY_AGAIN_LATER, reason="layer unavailable")
            return
        welcome = {
            "type": "welcome",
            "room": self.room,
            "you": self.member.public(),
            "members": [m.public() for m in members],
        }
        await self._send_text(encode(welcome))
        if self.outbox is not None:
            self.outbox.release()

    async def _send_text(self, text: str) -> None:
        await self.base_send({"type": "websocket.send", "text": text})

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any
    ) -> None:
        if self.member is None or self.outbox is None:
            return
        try:
            # Oversized messages never get here: daphne closes them with 1009.
            document, orjson_safe = protocol.decode(text_data, bytes_data)
        except protocol.RequestError as error:
            await self.outbox.reply(protocol.encode_reply(error.reply))
            return
        try:
            if isinstance(document, dict) and document.get("type") == "who":
                members = await self._hub.members(self.room)
                reply = {
                    "type": "members",
                    "room": self.room,
                    "members": [m.public() for m in members],
                }
                await self.outbox.reply(encode(reply))
            else:
                await self._hub.publish(
                    self.room, self.member, document, orjson_safe, source=text_data
                )
        except LayerUnavailable as error:
            await self.outbox.reply(unavailable_text(str(error)))
        except RoomOverloaded as error:
            reply = protocol.error_reply(
                ROOM_OVERLOADED,
                f"the room is overloaded: message {error.seq} could not be handed to "
                f"{error.full} of {error.total} servers of room {self.room}",
                room=self.room,
                seq=error.seq,
            )
            await self.outbox.reply(encode(reply))

    async def disconnect(self, code: Any) -> None:
        if self.member is not None:
            await self._hub.leave(self.room, self.member)
            self.member = None


__all__ = ["LAYER_UNAVAILABLE", "RoomConsumer"]
