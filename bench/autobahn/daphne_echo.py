"""Stock daphne's side of the Autobahn comparison: the smallest Channels raw echo.

Every text and binary message comes back unchanged, with nothing of Tsushin in between
(no settings of its own, no origin check, no size limit), so that Autobahn's table for
stock daphne + Channels sits next to the embedded server's::

    cd bench/autobahn && python -m daphne -b 127.0.0.1 -p 0 daphne_echo:application
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

if not settings.configured:
    settings.configure(CHANNEL_LAYERS={})

from channels.generic.websocket import AsyncWebsocketConsumer


class EchoConsumer(AsyncWebsocketConsumer):
    """Sends every message back as it came: text as text, binary as binary."""

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        await self.send(text_data=text_data, bytes_data=bytes_data)


application: Any = EchoConsumer.as_asgi()
