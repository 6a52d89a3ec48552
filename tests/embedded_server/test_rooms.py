"""Rooms at /rooms/<room>/ with the in-memory channel layer, through the real ASGI app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from channels.testing import WebsocketCommunicator

from embedded_server.asgi import build_application
from embedded_server.rooms.hub import RoomHub
from tests.embedded_server.rooms_client import Member

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def app() -> AsyncIterator[object]:
    """A fresh application (its own hub) on the default in-memory layer."""
    hub = RoomHub()
    yield build_application(hub)
    await hub.stop()


async def test_welcome_joined_left(app: object) -> None:
    alice = Member(app, "lobby", "alice")
    welcome = await alice.join()
    assert welcome["room"] == "lobby"
    assert welcome["you"]["name"] == "alice"
    assert welcome["members"] == [welcome["you"]]

    bob = Member(app, "lobby", "bob")
    welcome = await bob.join()
    assert [m["name"] for m in welcome["members"]] == ["alice", "bob"]
    assert welcome["you"] == welcome["members"][1]
    joined = await alice.next_of("joined")
    assert joined == {"type": "joined", "room": "lobby", "member": welcome["you"]}

    await bob.leave()
    left = await alice.next_of("left")
    assert left == {"type": "left", "room": "lobby", "member": welcome["you"]}
    assert await alice.quiet()
    await alice.leave()


async def test_who_lists_every_member(app: object) -> None:
    members = [Member(app, "r1", f"m{i}") for i in range(3)]
    for member in members:
        await member.join()
    await members[0].send({"type": "who"})
    while (reply := await members[0].next())["type"] == "joined":
        pass
    assert reply["type"] == "members"
    assert reply["room"] == "r1"
    assert [m["name"] for m in reply["members"]] == ["m0", "m1", "m2"]
    assert {m["id"] for m in reply["members"]} == {m.id for m in members}
    for member in members:
        await member.leave()


async def test_messages_reach_everyone_numbered_in_order(app: object) -> None:
    alice, bob = Member(app, "chat", "alice"), Member(app, "chat", "bob")
    await alice.join()
    await bob.join()
    await alice.next_of("joined")
    documents = [{"n": i, "text": "こんにちは"} for i in range(20)] + [[1, 2], "s", 3, None]
    for document in documents:
        await alice.send(document)
    for receiver in (alice, bob):
        got = [await receiver.next_of("message") for _ in documents]
        assert [m["data"] for m in got] == documents
        assert [m["seq"] for m in got] == list(range(1, len(documents) + 1))
        assert all(m["from"] == alice.welcome["you"] and m["room"] == "chat" for m in got)
    # A document whose type is not "who" is a message too.
    await bob.send({"type": "welcome"})
    assert (await alice.next_of("message"))["data"] == {"type": "welcome"}
    await alice.leave()
    await bob.leave()


async def test_rooms_are_separate_and_numbered_separately(app: object) -> None:
    a, b = Member(app, "a"), Member(app, "b")
    await a.join()
    await b.join()
    await a.send({"to": "a"})
    await b.send({"to": "b"})
    assert (await a.next_of("message"))["seq"] == 1
    assert (await b.next_of("message"))["seq"] == 1
    assert await a.quiet() and await b.quiet()
    assert a.welcome["you"]["name"].startswith("guest-")
    await a.leave()
    await b.leave()


async def test_invalid_json_and_binary_frames_are_answered_and_the_member_stays(
    app: object,
) -> None:
    alice, bob = Member(app, "r"), Member(app, "r")
    await alice.join()
    await bob.join()
    await alice.next_of("joined")
    await alice.send_raw('{"x"=1}')
    error = await alice.next_of("error")
    assert (error["code"], error["line"], error["column"]) == ("invalid_json", 1, 5)
    await alice.send_raw(data=b"\x00\x01")
    assert (await alice.next_of("error"))["code"] == "unsupported_frame"
    assert await bob.quiet()  # errors go to the sender only
    await alice.send({"still": "here"})
    assert (await bob.next_of("message"))["data"] == {"still": "here"}
    await alice.leave()
    await bob.leave()


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/rooms//", "empty"),
        (f"/rooms/{'x' * 65}/", "65 characters"),
        ("/rooms/a b/", "outside"),
        ("/rooms/日本/", "outside"),
        ("/rooms/a/b/", "outside"),
        ("/rooms/ok/?name=" + "n" * 65, "65 characters"),
        ("/rooms/ok/?name=%01bell", "control"),
        ("/rooms/ok/?name=%20%20", "empty"),
    ],
)
async def test_bad_room_and_member_names_are_refused_with_the_reason_logged(
    app: object, path: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    communicator = WebsocketCommunicator(app, path)
    with caplog.at_level(logging.WARNING, logger="embedded_server.rooms"):
        connected, _ = await communicator.connect()
    assert not connected
    refused = [r for r in caplog.records if getattr(r, "event", "") == "ws.refused"]
    assert refused and reason in refused[0].getMessage()


async def test_longest_room_name_and_every_allowed_character(app: object) -> None:
    room = ("Az09_-." * 10)[:64]
    member = Member(app, room)
    assert (await member.join())["room"] == room
    await member.leave()


async def test_subprotocol_tsushin_v1(app: object) -> None:
    member = Member(app, "p", subprotocols=["chat", "tsushin.v1"])
    await member.join()
    assert member.subprotocol == "tsushin.v1"
    other = Member(app, "p", subprotocols=["chat"])
    await other.join()
    assert other.subprotocol is None
    await member.leave()
    await other.leave()


@pytest.mark.parametrize("path", ["/websock1-2/", "/echo/"])
async def test_echo_endpoints_negotiate_tsushin_v1_too(path: str) -> None:
    from embedded_server.asgi import application

    communicator = WebsocketCommunicator(application, path, subprotocols=["x", "tsushin.v1"])
    assert await communicator.connect() == (True, "tsushin.v1")
    await communicator.disconnect()
    communicator = WebsocketCommunicator(application, path, subprotocols=["x"])
    assert await communicator.connect() == (True, None)
    await communicator.disconnect()


@pytest.mark.parametrize("depth", [254, 600, 1024])
async def test_deeply_nested_documents_reach_the_room(app: object, depth: int) -> None:
    # orjson writes at most 254 levels and json.dumps hits the recursion limit near
    # 1,000: the message must still go out, with the document as it was sent.
    alice = Member(app, "deep", "alice")
    await alice.join()
    text = "[" * depth + "]" * depth
    await alice.send_raw(text)
    reply = await alice.communicator.receive_from(5)
    assert reply.startswith('{"type":"message"')
    assert reply.endswith(f',"data":{text}}}')
    assert await alice.quiet()
    await alice.leave()
