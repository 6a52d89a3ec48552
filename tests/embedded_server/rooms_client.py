"""Helpers for the rooms tests: an in-process member (Channels' WebsocketCommunicator)."""

from __future__ import annotations

import json
from typing import Any

from channels.testing import WebsocketCommunicator


class Member:
    """One room member driven through the real ASGI application, in process."""

    def __init__(self, application: Any, room: str, name: str | None = None, **kwargs: Any):
        path = f"/rooms/{room}/" + (f"?name={name}" if name else "")
        self.communicator = WebsocketCommunicator(application, path, **kwargs)
        self.welcome: dict[str, Any] = {}
        self.subprotocol: str | None = None

    async def join(self, timeout: float = 2.0) -> dict[str, Any]:
        connected, subprotocol = await self.communicator.connect(timeout)
        assert connected, "handshake refused"
        self.subprotocol = subprotocol
        self.welcome = await self.next(timeout)
        assert self.welcome["type"] == "welcome", self.welcome
        return self.welcome

    @property
    def id(self) -> str:
        return self.welcome["you"]["id"]

    async def send(self, document: Any) -> None:
        await self.communicator.send_to(text_data=json.dumps(document, ensure_ascii=False))

    async def send_raw(self, text: str | None = None, data: bytes | None = None) -> None:
        await self.communicator.send_to(text_data=text, bytes_data=data)

    async def next(self, timeout: float = 2.0) -> dict[str, Any]:
        return json.loads(await self.communicator.receive_from(timeout))

    async def next_of(self, kind: str, timeout: float = 2.0) -> dict[str, Any]:
        """The next message of type ``kind``, skipping none: anything else fails."""
        message = await self.next(timeout)
        assert message["type"] == kind, message
        return message

    async def quiet(self) -> bool:
        return await self.communicator.receive_nothing(0.05)

    async def leave(self) -> None:
        await self.communicator.disconnect()
