"""``channels_redis``' layer with a ``group_send`` that reports full channels.

``RedisChannelLayer.group_send`` (channels_redis 4.3.0) counts the channels of the
group that are over capacity and only logs the count at INFO: the message is lost for
them without a word (channels_redis #181). Tsushin's rooms must answer
``room_overloaded`` instead, so this subclass replaces ``group_send``.

The replacement is one Lua script, one round trip: it drops expired members of the
group, then for each channel drops expired messages and either adds the message (below
capacity) or names the channel as full. It writes what ``receive`` reads back the way
``send`` writes it (a sorted set ``prefix + channel`` scored by time, the message
serialised by the layer's own ``serialize``, the key's expiry renewed), so every
receiver, stock or not, gets it. It covers the case Tsushin uses, one Redis host and
normal (not process-local) channel names; process-local channels of a group are sent
one by one with the public ``send`` (which raises ``ChannelFull`` itself), and so is the
whole group with several hosts or per-channel capacities.

It relies on ``_group_key``, ``connection`` and ``consistent_hash`` of channels_redis
4.3.0, which requirements-server.txt pins; tests/embedded_server/test_redis_layer.py
checks it against the real class and a real redis-server.
"""

from __future__ import annotations

import time
from typing import Any

from channels.exceptions import ChannelFull
from channels_redis.core import RedisChannelLayer

from embedded_server.layers import GroupFull

_GROUP_SEND = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[2])
local full, process_local = {}, {}
local channels = redis.call('ZRANGE', KEYS[1], 0, -1)
for _, channel in ipairs(channels) do
    if string.find(channel, '!', 1, true) then
        table.insert(process_local, channel)
    else
        local key = ARGV[6] .. channel
        redis.call('ZREMRANGEBYSCORE', key, 0, ARGV[3])
        if redis.call('ZCARD', key) < tonumber(ARGV[5]) then
            redis.call('ZADD', key, ARGV[1], ARGV[7])
            redis.call('EXPIRE', key, ARGV[4])
        else
            table.insert(full, channel)
        end
    end
end
return {full, process_local, #channels}
"""


class ReportingRedisChannelLayer(RedisChannelLayer):
    """``RedisChannelLayer`` whose ``group_send`` raises ``GroupFull`` (see above)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._last_score = 0.0

    def _score(self) -> float:
        # Never below the last one: one server's messages keep their order in a
        # receiver's sorted set even if the clock steps back.
        self._last_score = max(time.time(), self._last_score + 1e-6)
        return self._last_score

    async def group_send(self, group: str, message: dict[str, Any]) -> None:
        assert self.require_valid_group_name(group), "Group name not valid"
        if self.ring_size != 1 or self.channel_capacity:
            await self._send_each(group, message, await self._group_channels(group))
            return
        now = self._score()
        connection = self.connection(0)
        full, process_local, total = await connection.eval(
            _GROUP_SEND,
            1,
            self._group_key(group),
            repr(now),
            int(now) - self.group_expiry,
            int(now) - int(self.expiry),
            int(self.expiry),
            self.capacity,
            self.prefix,
            self.serialize(message),
        )
        names = [name.decode() for name in full]
        if process_local:
            try:
                await self._send_each(group, message, [c.decode() for c in process_local])
            except GroupFull as more:
                names += more.full
        if names:
            raise GroupFull(group, names, total)

    async def receive_batch(self, channel: str, limit: int = 100) -> list[dict[str, Any]]:
        """Up to ``limit`` messages of a normal channel, oldest first, waiting (up to
        ``brpop_timeout``, then returning []) while there is none. One round trip per
        batch when messages are waiting, where ``receive`` takes four per message.

        Unlike ``receive`` it keeps no in-flight backup: a batch is lost if the task is
        cancelled in the middle of a round trip. Tsushin's relay is cancelled only when
        its server stops, and then its members are gone anyway.
        """
        assert "!" not in channel, "receive_batch is for normal channels"
        connection = self.connection(self.consistent_hash(channel))
        key = self.prefix + channel
        popped = await connection.zpopmin(key, limit)
        if not popped:
            first = await connection.bzpopmin(key, timeout=self.brpop_timeout)
            if first is None:
                return []
            popped = [(first[1], first[2])]
            if limit > 1:
                popped += await connection.zpopmin(key, limit - 1)
        return [self.deserialize(member) for member, _score in popped]

    async def _group_channels(self, group: str) -> list[str]:
        connection = self.connection(self.consistent_hash(group))
        key = self._group_key(group)
        await connection.zremrangebyscore(key, min=0, max=int(time.time()) - self.group_expiry)
        return [name.decode() for name in await connection.zrange(key, 0, -1)]

    async def _send_each(self, group: str, message: dict[str, Any], channels: list[str]) -> None:
        full = []
        for channel in channels:
            try:
                await self.send(channel, message)
            except ChannelFull:
                full.append(channel)
        if full:
            raise GroupFull(group, full, len(channels))
