"""The channel layer: in memory by default, Redis (``channels_redis``) when a URL is given.

``channel_layers_setting`` turns the server's options into Django's ``CHANNEL_LAYERS``.
Both backends are subclasses whose ``group_send`` says when a channel of the group was
over capacity (``GroupFull``): the stock ones drop such a message without a word
(the in-memory layer catches ``ChannelFull``; ``channels_redis`` only logs it at INFO,
channels_redis #181), and Tsushin's rooms must answer ``room_overloaded`` instead.

The echo endpoints use no channel layer at all: they are routed with
``channel_layer_alias=NO_CHANNEL_LAYER``, an alias that ``CHANNEL_LAYERS`` does not
define, for which ``get_channel_layer()`` returns ``None``, so that they keep the lean
loop of ``embedded_server.dispatch`` and go on when Redis is gone.
"""

from __future__ import annotations

from typing import Any

from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer

NO_CHANNEL_LAYER = "tsushin-no-layer"
DEFAULT_CAPACITY = 100
DEFAULT_EXPIRY = 60
REDIS_BACKEND = "embedded_server.redis_layer.ReportingRedisChannelLayer"
MEMORY_BACKEND = "embedded_server.layers.ReportingInMemoryChannelLayer"
# A Redis that is down must be reported at once, not waited for.
REDIS_CONNECTION_OPTIONS = {"socket_connect_timeout": 2}


class GroupFull(ChannelFull):
    """``group_send`` delivered to every channel of the group but ``full`` ones."""

    def __init__(self, group: str, full: list[str], total: int) -> None:
        super().__init__(f"{len(full)} of {total} channels of group {group} over capacity")
        self.group = group
        self.full = full
        self.total = total


def channel_layers_setting(
    redis_url: str | None,
    capacity: int = DEFAULT_CAPACITY,
    expiry: int = DEFAULT_EXPIRY,
) -> dict[str, Any]:
    """``CHANNEL_LAYERS`` for the given options (``redis_url`` None: in memory)."""
    config: dict[str, Any] = {"capacity": capacity, "expiry": expiry}
    if redis_url:
        host = {"address": redis_url, **REDIS_CONNECTION_OPTIONS}
        return {"default": {"BACKEND": REDIS_BACKEND, "CONFIG": {"hosts": [host], **config}}}
    return {"default": {"BACKEND": MEMORY_BACKEND, "CONFIG": config}}


class ReportingInMemoryChannelLayer(InMemoryChannelLayer):
    """Channels' in-memory layer whose ``group_send`` raises ``GroupFull`` (after
    delivering to the others) instead of dropping the message silently."""

    async def group_send(self, group: str, message: dict[str, Any]) -> None:
        assert isinstance(message, dict), "Message is not a dict"
        self.require_valid_group_name(group)
        self._clean_expired()
        channels = list(self.groups.get(group, {}))
        full: list[str] = []
        for channel in channels:
            # InMemoryChannelLayer.send never waits: the loop delivers in order, at once.
            try:
                await self.send(channel, message)
            except ChannelFull:
                full.append(channel)
        if full:
            raise GroupFull(group, full, len(channels))
