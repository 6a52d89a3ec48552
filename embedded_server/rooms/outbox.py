"""What one room member has not been sent yet: bounded, and never in the others' way.

The hub hands every message of a room to each local member's ``Outbox.deliver``, one
after the other, so that call must never wait for a slow client. It sends at once when
the member's connection takes data (the usual case: no task switch, no queue); it
queues when the connection is held (before the welcome) or its client does not read
(the server's flow control says the connection is paused, see ``flow``); and when
``limit`` messages are queued already it refuses the message (``deliver`` returns
False: the hub tells the sender, ``room_overloaded``) and, once the member reads
again, tells the member how many it missed, before the next one. Nothing is dropped
without a word.

The member's own replies (welcome, members, errors) go through ``reply``, which waits
while the outbox is full: a client that sends requests and never reads slows only
itself.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from embedded_server import protocol

ROOM_OVERLOADED = "room_overloaded"


class Flow(Protocol):
    """Flow control of one connection (the server's ``tsushin.flow`` ASGI extension)."""

    @property
    def paused(self) -> bool: ...

    async def drained(self) -> None: ...


def missed_notice(room: str, count: int) -> str:
    return protocol.encode_reply(
        protocol.error_reply(
            ROOM_OVERLOADED,
            f"{count} message(s) of room {room} were not delivered to you: "
            "your connection did not read them fast enough",
            room=room,
            missed=count,
        ),
        orjson_safe=True,
    )


class Outbox:
    """Outgoing text frames of one member (see the module docstring)."""

    def __init__(
        self,
        send: Callable[[str], Awaitable[None]],
        limit: int,
        room: str,
        flow: Flow | None = None,
    ) -> None:
        self._send = send
        self._limit = max(1, limit)
        self._room = room
        self._flow = flow
        self._pending: deque[str] = deque()
        self._held = True
        self._closed = False
        self._writer: asyncio.Task[None] | None = None
        self._space = asyncio.Event()
        self.missed = 0

    def __len__(self) -> int:
        return len(self._pending)

    def _idle(self) -> bool:
        """Whether a text may be sent at once: released, nothing being written, and
        the connection taking data."""
        return (
            not self._held
            and (self._writer is None or self._writer.done())
            and (self._flow is None or not self._flow.paused)
        )

    async def deliver(self, text: str) -> bool:
        """Send or queue ``text``; False when the outbox is full (the text is dropped
        and counted in ``missed``). Never waits for the client."""
        if self._closed:
            return True
        if not self._pending and not self.missed and self._idle():
            await self._send(text)
            return True
        if len(self._pending) >= self._limit:
            self.missed += 1
            return False
        if self.missed:
            self._pending.append(missed_notice(self._room, self.missed))
            self.missed = 0
        self._pending.append(text)
        self._start_writer()
        return True

    async def reply(self, text: str) -> None:
        """Send or queue one of the member's own replies, waiting while it is full."""
        while len(self._pending) >= self._limit and not self._closed:
            self._space.clear()
            await self._space.wait()
        if self._closed:
            return
        if not self._pending and self._idle():
            await self._send(text)
            return
        self._pending.append(text)
        self._start_writer()

    def release(self) -> None:
        """Start sending (the welcome has gone out)."""
        self._held = False
        self._start_writer()

    def close(self) -> None:
        self._closed = True
        self._pending.clear()
        self._space.set()
        if self._writer is not None:
            self._writer.cancel()

    def _start_writer(self) -> None:
        if self._held or self._closed or (self._writer is not None and not self._writer.done()):
            return
        if self._pending or self.missed:
            self._writer = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        with contextlib.suppress(asyncio.CancelledError):
            while not self._closed and (self._pending or self.missed):
                if self._flow is not None and self._flow.paused:
                    await self._flow.drained()
                    continue
                if self._pending:
                    text = self._pending.popleft()
                else:
                    text = missed_notice(self._room, self.missed)
                    self.missed = 0
                self._space.set()
                await self._send(text)

    def stats(self) -> dict[str, Any]:
        return {"pending": len(self._pending), "missed": self.missed, "held": self._held}
