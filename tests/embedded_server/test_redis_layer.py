"""ReportingRedisChannelLayer against the real channels_redis class and a real Redis."""

from __future__ import annotations

import importlib.metadata

import pytest
from channels_redis.core import RedisChannelLayer

from embedded_server.layers import GroupFull
from embedded_server.redis_layer import ReportingRedisChannelLayer
from tests.redis_server import RedisServer


def test_the_overridden_version_is_the_pinned_one() -> None:
    assert importlib.metadata.version("channels_redis") == "4.3.0"


@pytest.mark.asyncio
async def test_group_send_reaches_stock_receivers(redis_server: RedisServer) -> None:
    ours = ReportingRedisChannelLayer(hosts=[redis_server.url])
    stock = RedisChannelLayer(hosts=[redis_server.url])
    await ours.group_add("g", "plain.a")
    await ours.group_add("g", "plain.b")
    local = await stock.new_channel()
    await stock.group_add("g", local)
    message = {"type": "x.y", "text": "日本語", "n": [1, 2.5, None]}
    await ours.group_send("g", message)
    assert await stock.receive("plain.a") == message
    assert await stock.receive("plain.b") == message
    assert await stock.receive(local) == message
    # Messages keep their order, as with send().
    for n in range(20):
        await ours.group_send("g", {"type": "n", "n": n})
    assert [(await stock.receive("plain.a"))["n"] for _ in range(20)] == list(range(20))
    await stock.flush()


@pytest.mark.asyncio
async def test_full_channels_are_reported_after_the_others_got_it(
    redis_server: RedisServer,
) -> None:
    ours = ReportingRedisChannelLayer(hosts=[redis_server.url], capacity=3)
    stock = RedisChannelLayer(hosts=[redis_server.url], capacity=3)
    for channel in ("plain.full", "plain.free"):
        await ours.group_add("g", channel)
    for n in range(3):
        await stock.send("plain.full", {"type": "fill", "n": n})
    # The stock layer drops the message for the full channel without a word (#181).
    await stock.group_send("g", {"type": "stock"})
    with pytest.raises(GroupFull) as raised:
        await ours.group_send("g", {"type": "ours"})
    assert raised.value.full == ["plain.full"] and raised.value.total == 2
    assert [(await stock.receive("plain.free"))["type"] for _ in range(2)] == ["stock", "ours"]
    assert [(await stock.receive("plain.full"))["type"] for _ in range(3)] == ["fill"] * 3
    await stock.flush()


@pytest.mark.asyncio
async def test_full_process_local_channel_is_reported_too(redis_server: RedisServer) -> None:
    ours = ReportingRedisChannelLayer(hosts=[redis_server.url], capacity=1)
    local = await ours.new_channel()
    await ours.group_add("g", local)
    await ours.group_send("g", {"type": "first"})
    with pytest.raises(GroupFull) as raised:
        await ours.group_send("g", {"type": "second"})
    assert raised.value.full == [local]
    assert (await ours.receive(local))["type"] == "first"
    await ours.flush()


@pytest.mark.asyncio
async def test_expired_group_members_are_dropped(redis_server: RedisServer) -> None:
    ours = ReportingRedisChannelLayer(hosts=[redis_server.url], group_expiry=1, capacity=1)
    await ours.group_add("g", "plain.old")
    key = ours._group_key("g")
    redis_server.command("ZADD", key.decode(), "1", "plain.old")  # added long ago
    await ours.group_send("g", {"type": "x"})
    await ours.group_send("g", {"type": "x"})  # would be full, were it still a member
    assert redis_server.command("EXISTS", "asgiplain.old") == 0
    await ours.flush()
