"""The lean dispatch of the server's consumers (``embedded_server.dispatch``)."""

from __future__ import annotations

import json

import pytest
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from embedded_server.consumers import JsonEchoConsumer
from embedded_server.dispatch import LeanDispatchMixin

pytestmark = pytest.mark.asyncio


@pytest.fixture
def no_database_cleanup(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count calls of Channels' per-message database clean-up."""
    calls: list[int] = []

    async def counted() -> None:
        calls.append(1)

    monkeypatch.setattr("channels.consumer.aclose_old_connections", counted)
    return calls


async def echo_many(communicator: WebsocketCommunicator, count: int) -> None:
    for number in range(count):
        await communicator.send_to(text_data=json.dumps({"n": number}))
    for number in range(count):
        reply = json.loads(await communicator.receive_from())
        assert reply == {"type": "echo", "data": {"n": number}}


async def test_no_channel_layer_plain_loop_in_order_without_db_cleanup(
    no_database_cleanup: list[int],
) -> None:
    communicator = WebsocketCommunicator(JsonEchoConsumer.as_asgi(), "/websock1-2/")
    assert (await communicator.connect())[0]
    await echo_many(communicator, 50)
    assert no_database_cleanup == []
    await communicator.disconnect()
    # websocket.disconnect raised StopConsumer, which ended the consumer cleanly.
    assert communicator.future.done() and communicator.future.exception() is None


async def test_with_a_channel_layer_the_stock_multiplexing_is_kept(
    no_database_cleanup: list[int],
) -> None:
    layers = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    with override_settings(CHANNEL_LAYERS=layers):
        communicator = WebsocketCommunicator(JsonEchoConsumer.as_asgi(), "/websock1-2/")
        assert (await communicator.connect())[0]
        await echo_many(communicator, 20)
        assert no_database_cleanup == []
        await communicator.disconnect()


class _Recorder(LeanDispatchMixin):
    channel_layer_alias = "default"

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def greeting_hello(self, message: dict) -> None:
        self.seen.append(message["text"])


async def test_dispatch_routes_on_type_and_refuses_unknown_types() -> None:
    recorder = _Recorder()
    await recorder.dispatch({"type": "greeting.hello", "text": "hi"})
    assert recorder.seen == ["hi"]
    with pytest.raises(ValueError, match="No handler"):
        await recorder.dispatch({"type": "greeting.unknown"})
    with pytest.raises(ValueError):
        await recorder.dispatch({"type": "_private"})
