"""The bounded outbox of one room member (embedded_server.rooms.outbox)."""

from __future__ import annotations

import asyncio
import json

import pytest
from django.test import override_settings

from embedded_server.asgi import build_application
from embedded_server.layers import channel_layers_setting
from embedded_server.rooms.hub import RoomHub
from embedded_server.rooms.outbox import Outbox
from tests.embedded_server.rooms_client import Member

pytestmark = pytest.mark.asyncio


class Flow:
    """Stands in for the server's flow control of one connection (tsushin.flow)."""

    def __init__(self) -> None:
        self.paused = False
        self._resumed = asyncio.Event()

    def pause(self) -> None:
        self.paused = True
        self._resumed.clear()

    def resume(self) -> None:
        self.paused = False
        self._resumed.set()

    async def drained(self) -> None:
        await self._resumed.wait()


async def test_sends_at_once_when_released_and_writable() -> None:
    sent: list[str] = []

    async def send(text: str) -> None:
        sent.append(text)

    outbox = Outbox(send, limit=2, room="r")
    assert await outbox.deliver("early")  # held until the welcome is out
    assert sent == []
    await outbox.reply("welcome")
    outbox.release()
    await asyncio.sleep(0)
    assert sent == ["early", "welcome"]
    assert await outbox.deliver("now")
    assert sent[-1] == "now"


async def test_full_outbox_refuses_then_tells_the_member_how_many_it_missed() -> None:
    sent: list[str] = []

    async def send(text: str) -> None:
        sent.append(text)

    flow = Flow()
    outbox = Outbox(send, limit=3, room="r", flow=flow)
    outbox.release()
    flow.pause()
    results = [await outbox.deliver(f"m{i}") for i in range(5)]
    assert results == [True, True, True, False, False]
    assert outbox.missed == 2
    flow.resume()
    for _ in range(10):
        await asyncio.sleep(0)
    assert sent[:3] == ["m0", "m1", "m2"]
    notice = json.loads(sent[3])
    assert notice["type"] == "error" and notice["code"] == "room_overloaded"
    assert notice["missed"] == 2 and notice["room"] == "r"
    assert await outbox.deliver("m5") and sent[-1] == "m5"


async def test_own_replies_wait_for_room_instead_of_being_dropped() -> None:
    sent: list[str] = []

    async def send(text: str) -> None:
        sent.append(text)

    flow = Flow()
    outbox = Outbox(send, limit=1, room="r", flow=flow)
    outbox.release()
    flow.pause()
    await outbox.reply("a")
    waiting = asyncio.ensure_future(outbox.reply("b"))
    await asyncio.sleep(0.01)
    assert not waiting.done()
    flow.resume()
    await asyncio.wait_for(waiting, 1)
    for _ in range(5):
        await asyncio.sleep(0)
    assert sent == ["a", "b"]


@override_settings(CHANNEL_LAYERS=channel_layers_setting(None, capacity=5))
async def test_a_member_that_does_not_read_stalls_nobody_and_the_sender_is_told() -> None:
    hub = RoomHub()
    app = build_application(hub)
    slow_flow = Flow()
    sender, reader = Member(app, "busy", "sender"), Member(app, "busy", "reader")
    slow = Member(app, "busy", "slow")
    slow.communicator.scope["extensions"] = {"tsushin.flow": slow_flow}
    for member in (sender, reader, slow):
        await member.join()
    await sender.next_of("joined")
    await sender.next_of("joined")
    await reader.next_of("joined")
    slow_flow.pause()
    for n in range(20):
        await sender.send({"n": n})
    got = [await reader.next_of("message") for _ in range(20)]
    assert [m["data"]["n"] for m in got] == list(range(20))
    own, errors = [], []
    for _ in range(35):
        message = await sender.next()
        (own if message["type"] == "message" else errors).append(message)
    assert len(own) == 20 and await sender.quiet()
    # The slow member's outbox holds 5; the 15 others were refused, and said so.
    assert len(errors) == 15
    assert {e["code"] for e in errors} == {"room_overloaded"}
    assert sorted(e["seq"] for e in errors) == list(range(6, 21))
    slow_flow.resume()
    received = [await slow.next() for _ in range(6)]
    assert [m["data"]["n"] for m in received[:5]] == [0, 1, 2, 3, 4]
    assert received[5]["code"] == "room_overloaded" and received[5]["missed"] == 15
    for member in (sender, reader, slow):
        await member.leave()
    await hub.stop()
