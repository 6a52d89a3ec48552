"""WebSocket consumers: the JSON echo at ``/websock1-2/``, the raw echo at ``/echo/``,
and the refusal of every other path."""

from __future__ import annotations

import logging
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer

from embedded_server import protocol
from embedded_server.dispatch import LeanDispatchMixin
from embedded_server.subprotocols import choose_subprotocol

logger = logging.getLogger("embedded_server.ws")


def _client(scope: dict[str, Any]) -> str:
    client = scope.get("client") or ("?", 0)
    return f"{client[0]}:{client[1]}"


class _LoggedConsumerMixin:
    """Accepts every handshake that reached it and logs connections opened and closed,
    one structured line each."""

    scope: dict[str, Any]
    accept: Any

    async def connect(self) -> None:
        await self.accept(subprotocol=choose_subprotocol(self.scope))
        logger.info(
            "connection opened",
            extra={
                "event": "ws.connect",
                "path": self.scope["path"],
                "client": _client(self.scope),
            },
        )

    async def disconnect(self, code: Any) -> None:
        logger.info(
            "connection closed",
            extra={
                "event": "ws.disconnect",
                "path": self.scope["path"],
                "client": _client(self.scope),
                "code": code,
            },
        )


class JsonEchoConsumer(LeanDispatchMixin, _LoggedConsumerMixin, AsyncJsonWebsocketConsumer):
    """Echoes every JSON document as ``{"type": "echo", "data": doc}``.

    Client mistakes (invalid JSON, binary frames) get an error reply and the connection
    stays open: the tutorial server this replaces died on ``{"x"=1}``. A message over
    the size limit never gets here: daphne closes its connection with 1009.
    Messages are dispatched without Channels' per-message database clean-up (this
    consumer never touches the ORM; see ``embedded_server.dispatch``).
    """

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any
    ) -> None:
        reply, error_code = protocol.answer(text_data, bytes_data)
        if error_code is not None:
            logger.info(
                "request refused",
                extra={"event": "ws.error", "client": _client(self.scope), "code": error_code},
            )
        await self.send(text_data=reply)


class RawEchoConsumer(LeanDispatchMixin, _LoggedConsumerMixin, AsyncWebsocketConsumer):
    """Sends every text and binary frame back unchanged (for testing any client)."""

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any
    ) -> None:
        if text_data is not None:
            await self.send(text_data=text_data)
        else:
            await self.send(bytes_data=bytes_data or b"")


class UnknownPathConsumer(AsyncWebsocketConsumer):
    """Refuses the handshake on any path that is not served, and says why in the log."""

    async def connect(self) -> None:
        logger.warning(
            "handshake refused: no WebSocket endpoint at this path",
            extra={
                "event": "ws.refused",
                "path": self.scope["path"],
                "client": _client(self.scope),
            },
        )
        await self.close()
