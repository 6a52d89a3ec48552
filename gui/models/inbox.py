"""A thread-safe inbox of message records, filled by any thread, drained by the GUI."""

from __future__ import annotations

import collections

from gui.core.records import MessageRecord


class RecordInbox:
    """Unbounded FIFO of records.

    The socket thread calls :meth:`put` for every frame it reads; the history drains
    it on a GUI-thread timer in batches. ``deque.append`` and ``popleft`` are atomic,
    so no lock is needed and the socket thread never waits on the GUI.

    Every connection (tab) puts into an inbox of its own, :meth:`tagged` with its id:
    they all share one queue, so the history is drained in the order rows arrived
    across connections, and each row says which connection it belongs to.
    """

    def __init__(
        self,
        connection: str | None = None,
        *,
        items: collections.deque[MessageRecord] | None = None,
    ) -> None:
        self._items: collections.deque[MessageRecord] = (
            items if items is not None else collections.deque()
        )
        self._connection = connection

    @property
    def connection(self) -> str | None:
        """The connection id this inbox stamps on its records (None: left as they are)."""
        return self._connection

    def tagged(self, connection: str) -> RecordInbox:
        """An inbox on the same queue whose records belong to ``connection``."""
        return RecordInbox(connection, items=self._items)

    def put(self, record: MessageRecord) -> None:
        """Add one record (any thread)."""
        if self._connection is not None:
            record.connection = self._connection
        self._items.append(record)

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
        return out

    def __len__(self) -> int:
        return len(self._items)
