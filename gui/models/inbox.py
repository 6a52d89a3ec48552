"""A thread-safe inbox of message records, filled by any thread, drained by the GUI."""

from __future__ import annotations

import collections
import threading

from gui.core.records import MessageRecord

ROOM = 20_000  # records waiting to be drained before readers wait
MAX_WAIT_S = 0.25  # a reader waits at most this long at a time (nobody draining)


class _Queue:
    """What every tagged inbox of one history shares: the records, how many may wait
    before readers do, and the event that tells waiting readers there is room again."""

    def __init__(self, room: int, max_wait_s: float) -> None:
        self.items: collections.deque[MessageRecord] = collections.deque()
        self.room = room
        self.max_wait_s = max_wait_s
        self.has_room = threading.Event()
        self.has_room.set()


class RecordInbox:
    """Unbounded FIFO of records, with back-pressure for the readers that want it.

    The socket thread calls :meth:`put` for every frame it reads; the history drains
    it on a GUI-thread timer in batches. ``deque.append`` and ``popleft`` are atomic,
    so no lock is needed and the socket thread never waits on the GUI in :meth:`put`.
    A reader that can wait (before it reads its next chunk from the socket) calls
    :meth:`wait_for_room`: while more than ``room`` records wait to be drained it
    waits (at most ``max_wait_s`` at a time), and the socket's own buffers then slow
    the server down (TCP flow control), instead of the records piling up in memory
    faster than the window shows them.

    Every connection (tab) puts into an inbox of its own, :meth:`tagged` with its id:
    they all share one queue, so the history is drained in the order rows arrived
    across connections, and each row says which connection it belongs to.
    """

    def __init__(
        self,
        connection: str | None = None,
        *,
        room: int = ROOM,
        max_wait_s: float = MAX_WAIT_S,
        queue: _Queue | None = None,
    ) -> None:
        self._queue = queue if queue is not None else _Queue(room, max_wait_s)
        self._items = self._queue.items
        self._connection = connection

    @property
    def connection(self) -> str | None:
        """The connection id this inbox stamps on its records (None: left as they are)."""
        return self._connection

    def tagged(self, connection: str) -> RecordInbox:
        """An inbox on the same queue whose records belong to ``connection``."""
        return RecordInbox(connection, queue=self._queue)

    def put(self, record: MessageRecord) -> None:
        """Add one record (any thread)."""
        if self._connection is not None:
            record.connection = self._connection
        self._items.append(record)

    def wait_for_room(self) -> bool:
        """Wait while more than ``room`` records wait to be drained (at most
        ``max_wait_s``); True when there is room (any thread but the draining one)."""
        queue = self._queue
        if len(self._items) <= queue.room:
            return True
        queue.has_room.clear()
        # The drain may have made room between the test above and the clear.
        if len(self._items) <= queue.room:
            queue.has_room.set()
            return True
        return queue.has_room.wait(queue.max_wait_s)

    def drain(self, limit: int) -> list[MessageRecord]:
        """Take up to ``limit`` records, oldest first (GUI thread)."""
        items = self._items
        out: list[MessageRecord] = []
        pop = items.popleft
        try:
            for _ in range(limit):
                out.append(pop())
        except IndexError:
            pass
        queue = self._queue
        if len(items) <= queue.room:
            queue.has_room.set()
        return out

    def __len__(self) -> int:
        return len(self._items)
