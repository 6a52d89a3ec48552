"""A cheaper per-message dispatch for the server's Channels consumers.

Channels' ``AsyncConsumer`` spends most of an echo's time on two things that this
server does not need (measured with py-spy, see ``bench/README-server.md``):

- ``dispatch`` awaits ``aclose_old_connections()`` before every handler: a round trip
  through the thread pool (``sync_to_async``) to close stale Django database
  connections. The consumers here never touch the ORM (``settings.DATABASES`` is empty),
  so there is nothing to close. Code that does need the database must go through
  ``channels.db.database_sync_to_async``, which closes old connections itself, in the
  worker thread, before and after each call; and ``websocket_disconnect`` still calls
  ``aclose_old_connections()`` once per connection. Skipping the per-message call is
  therefore safe for these consumers and for subclasses that follow that rule.
- ``await_many_dispatch`` creates a task and runs ``asyncio.wait`` for every message,
  to listen to the client and to a channel layer at once. With no channel layer
  configured (the default here) there is only the client to listen to, so a plain
  ``await receive()`` loop does the same job in order, without the task and the wait.
  With a channel layer, the stock ``await_many_dispatch`` is used unchanged.
"""

from __future__ import annotations

import functools
from typing import Any

from channels.consumer import get_handler_name
from channels.exceptions import StopConsumer
from channels.layers import get_channel_layer
from channels.utils import await_many_dispatch


class LeanDispatchMixin:
    """Mix in before a Channels ``AsyncConsumer`` subclass; see the module docstring."""

    channel_layer_alias: str
    scope: dict[str, Any]

    def __init__(self, *args: Any, **initkwargs: Any) -> None:
        """Set the options given to ``as_asgi(**initkwargs)`` (Channels' own consumers
        ignore them): each must name a class attribute, as in Django's ``View``."""
        super().__init__(*args)
        for key, value in initkwargs.items():
            if not hasattr(type(self), key):
                raise TypeError(f"{type(self).__name__} has no option {key!r}")
            setattr(self, key, value)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.base_send = send
        try:
            if self.channel_layer is None:
                while True:
                    await self.dispatch(await receive())
            else:
                self.channel_name = await self.channel_layer.new_channel()
                self.channel_receive = functools.partial(
                    self.channel_layer.receive, self.channel_name
                )
                await await_many_dispatch([receive, self.channel_receive], self.dispatch)
        except StopConsumer:
            pass

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Call the handler for ``message["type"]``, without the per-message
        ``aclose_old_connections()`` (safe: see the module docstring)."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)
