"""Rooms across two real server processes sharing a real redis-server."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import websocket

from tests.embedded_server.live import ServerProcess, running_server, spawn
from tests.processes import kill_hard
from tests.redis_server import RedisServer, free_port

pytestmark = pytest.mark.live
TTL = 2.0


class Client:
    """A room member over a real WebSocket (websocket-client)."""

    def __init__(self, server: ServerProcess, room: str, name: str, **kwargs: Any) -> None:
        self.ws = websocket.create_connection(
            server.ws_url(f"/rooms/{room}/?name={name}"), timeout=10, **kwargs
        )
        self.welcome = self.next()

    @property
    def me(self) -> dict[str, str]:
        return self.welcome["you"]

    def send(self, document: Any) -> None:
        self.ws.send(json.dumps(document))

    def next(self) -> dict[str, Any]:
        return json.loads(self.ws.recv())

    def next_of(self, kind: str) -> dict[str, Any]:
        message = self.next()
        assert message["type"] == kind, message
        return message

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def two_servers(redis_server: RedisServer) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    args = ("--redis", redis_server.url, "--presence-ttl", str(TTL), "--exit-with-parent")
    with running_server(*args) as first, running_server(*args) as second:
        yield first, second


def test_members_and_messages_cross_servers(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    first, second = two_servers
    alice = Client(first, "lobby", "alice")
    bob = Client(second, "lobby", "bob")
    assert [m["name"] for m in bob.welcome["members"]] == ["alice", "bob"]
    assert alice.next_of("joined")["member"] == bob.me

    bob.send({"hello": "from the other server"})
    alice.send({"n": 2})
    for client in (alice, bob):
        got = [client.next_of("message") for _ in range(2)]
        assert sorted(m["seq"] for m in got) == [1, 2]
        assert {m["from"]["name"]: m["data"] for m in got} == {
            "bob": {"hello": "from the other server"},
            "alice": {"n": 2},
        }
    alice.send({"type": "who"})
    members = alice.next_of("members")
    assert members["room"] == "lobby"
    assert [m["name"] for m in members["members"]] == ["alice", "bob"]

    bob.close()
    assert alice.next_of("left")["member"] == bob.me
    alice.send({"type": "who"})
    assert [m["name"] for m in alice.next_of("members")["members"]] == ["alice"]
    alice.close()


def test_seq_is_shared_and_each_senders_order_is_kept(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    first, second = two_servers
    clients = [Client(first, "count", "a"), Client(second, "count", "b")]
    clients[0].next_of("joined")
    count = 200
    for n in range(count):
        for client in clients:
            client.send({"n": n})
    for receiver in clients:
        got = [receiver.next_of("message") for _ in range(2 * count)]
        assert sorted(m["seq"] for m in got) == list(range(1, 2 * count + 1))
        for sender in ("a", "b"):
            numbers = [m["data"]["n"] for m in got if m["from"]["name"] == sender]
            assert numbers == list(range(count))
    for client in clients:
        client.close()


def test_members_of_a_killed_server_leave_within_bounded_time(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    first, second = two_servers
    alice = Client(first, "r", "alice")
    bob = Client(second, "r", "bob")
    carol = Client(second, "r", "carol")
    alice.next_of("joined")
    alice.next_of("joined")
    killed = time.monotonic()
    kill_hard(second.process.pid)
    left = {alice.next_of("left")["member"]["name"] for _ in range(2)}
    elapsed = time.monotonic() - killed
    assert left == {"bob", "carol"}
    # The store's time-to-live, then a sweep period, plus slack for a loaded machine.
    assert elapsed < 2 * TTL + 3, elapsed
    alice.send({"type": "who"})
    assert [m["name"] for m in alice.next_of("members")["members"]] == ["alice"]
    alice.close()
    del bob, carol


def test_redis_unreachable_at_start_is_one_line_and_exit_code_2() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    server = spawn("--port", "0", "--redis", url)
    code = server.process.wait(timeout=30)
    assert code == 2
    server.wait_for_log("error")
    lines = [line for line in server.stderr_lines if line.strip()]
    assert len(lines) == 1 and url in lines[0], lines


def _outage_notice(message: dict[str, Any]) -> bool:
    return message["type"] == "error" and message["code"] == "layer_unavailable"


def test_redis_lost_and_back(redis_server: RedisServer) -> None:
    args = ("--redis", redis_server.url, "--presence-ttl", str(TTL), "--exit-with-parent")
    with running_server(*args) as server:
        alice = Client(server, "r", "alice")
        redis_server.stop()
        alice.send({"lost": True})
        error = alice.next_of("error")
        assert error["code"] == "layer_unavailable"
        # The echo endpoints do not use the layer.
        echo = websocket.create_connection(server.ws_url("/websock1-2/"), timeout=5)
        echo.send('{"still": "echoing"}')
        assert json.loads(echo.recv()) == {"type": "echo", "data": {"still": "echoing"}}
        echo.close()
        # Joining a room now is refused with the same error and close code 4503.
        late = websocket.create_connection(server.ws_url("/rooms/r/"), timeout=5)
        assert json.loads(late.recv())["code"] == "layer_unavailable"
        opcode, data = late.recv_data(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_CLOSE
        assert int.from_bytes(data[:2], "big") == 4503
        assert data[2:] == b"layer unavailable"
        late.close()

        redis_server.start()
        deadline = time.monotonic() + 15
        while True:
            try:
                bob = Client(server, "r", "bob")
                if bob.welcome["type"] == "welcome":
                    break
            except (websocket.WebSocketException, OSError):
                pass
            assert time.monotonic() < deadline, "rooms did not recover"
            time.sleep(0.2)
        assert [m["name"] for m in bob.welcome["members"]] == ["alice", "bob"]
        bob.send({"back": True})
        for client, wanted in ((alice, ["joined", "message"]), (bob, ["message"])):
            # Notices of the outage may come first (one per time it was seen).
            seen = []
            while len(seen) < len(wanted):
                message = client.next()
                if not _outage_notice(message):
                    seen.append(message)
            assert [m["type"] for m in seen] == wanted
            assert seen[-1]["data"] == {"back": True}
        alice.close()
        bob.close()
