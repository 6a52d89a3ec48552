"""Two things daphne 4.2's ``Server`` does not do, added by the CLI's server class.

- Close reasons: daphne sends ``websocket.close`` with its code only and drops the
  ``reason`` (``serverClose(code=...)``). A close with a reason is sent here with
  autobahn's ``sendClose(code, reason)``, so that ``/private/`` can say
  ``4401 login required``.
- Flow control for room members: ``scope["extensions"]["tsushin.flow"]`` tells whether a
  connection's client reads what it is sent (``paused`` while more than ``HIGH_WATER``
  bytes wait in Twisted's write buffer) and lets a writer wait until it drained
  (``drained``). A room member that does not read then fills only its own outbox
  (``embedded_server.rooms.outbox``) instead of the server's memory.
"""

from __future__ import annotations

import asyncio
from typing import Any

from daphne.ws_protocol import WebSocketProtocol

FLOW_EXTENSION = "tsushin.flow"
HIGH_WATER = 256 * 1024
LOW_WATER = 64 * 1024
POLL_SECONDS = 0.02


def buffered_bytes(transport: Any) -> int:
    """Bytes Twisted holds for ``transport`` that the socket has not taken yet."""
    try:
        return len(transport.dataBuffer) - transport.offset + int(transport._tempDataLen)
    except AttributeError:  # not a Twisted TCP transport: nothing known
        return 0


class ConnectionFlow:
    """The ``tsushin.flow`` extension of one WebSocket connection."""

    def __init__(self, protocol: Any) -> None:
        self._protocol = protocol

    def _gone(self) -> bool:
        transport = self._protocol.transport
        return transport is None or not getattr(transport, "connected", False)

    @property
    def paused(self) -> bool:
        if self._gone():
            return False
        return buffered_bytes(self._protocol.transport) > HIGH_WATER

    async def drained(self) -> None:
        """Return once the write buffer is below ``LOW_WATER`` (or the client left)."""
        while not self._gone() and buffered_bytes(self._protocol.transport) > LOW_WATER:
            await asyncio.sleep(POLL_SECONDS)


class ServerHooksMixin:
    """Mix in before daphne's ``Server`` (see the module docstring)."""

    connections: dict[Any, dict[str, Any]]

    def create_application(self, protocol: Any, scope: dict[str, Any]) -> Any:
        if isinstance(protocol, WebSocketProtocol):
            extensions = dict(scope.get("extensions") or {})
            extensions[FLOW_EXTENSION] = ConnectionFlow(protocol)
            scope["extensions"] = extensions
        return super().create_application(protocol, scope)  # type: ignore[misc]

    async def handle_reply(self, protocol: Any, message: dict[str, Any]) -> None:
        if (
            message.get("type") == "websocket.close"
            and message.get("reason")
            and isinstance(protocol, WebSocketProtocol)
            and protocol.state == protocol.STATE_OPEN
            and protocol in self.connections
            and not self.connections[protocol].get("disconnected")
        ):
            protocol.sendClose(code=message.get("code") or 1000, reason=message["reason"])
            return
        await super().handle_reply(protocol, message)  # type: ignore[misc]
