"""The stock Channels chat room, for ``bench/rooms.py`` to compare against.

What the Channels tutorial's room consumer does: ``AsyncJsonWebsocketConsumer``,
``group_add`` on connect, ``group_send`` of every document to the room's group, no
numbering, no presence. Run it with daphne::

    STOCK_REDIS_URL=redis://127.0.0.1:6379/0 daphne -b 127.0.0.1 -p 8002 stock_rooms:application

(from ``bench/``; without ``STOCK_REDIS_URL`` the layer is Channels' in-memory one).
URL: ``ws://HOST:PORT/rooms/<room>/``.
"""

from __future__ import annotations

import os
from typing import Any

import django
from django.conf import settings

_REDIS = os.environ.get("STOCK_REDIS_URL")
settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    INSTALLED_APPS=[],
    SECRET_KEY="bench-only",
    CHANNEL_LAYERS={
        "default": (
            {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [_REDIS]}}
            if _REDIS
            else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
        )
    },
)
django.setup()

from channels.generic.websocket import AsyncJsonWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import re_path  # noqa: E402


class StockRoomConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    """One member of one room, as in the Channels tutorial."""

    async def connect(self) -> None:
        self.group = "room_" + self.scope["url_route"]["kwargs"]["room"]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: Any) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await self.channel_layer.group_send(self.group, {"type": "room.message", "data": content})

    async def room_message(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "message", "data": event["data"]})


application = ProtocolTypeRouter(
    {"websocket": URLRouter([re_path(r"^rooms/(?P<room>[\w-]+)/$", StockRoomConsumer.as_asgi())])}
)
