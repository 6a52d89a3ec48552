"""A thread-safe inbox of message records, filled by any thread, drained by the GUI."""

from __future__ import annotations

import collections

from gui.core.records import MessageRecord


class RecordInbox:
    """Unbounded FIFO of records.

    The socket thread calls :meth:`put` for every frame it reads; the history model
    drains it on a GUI-thread timer in batches. ``deque.append`` and ``popleft`` are
    atomic, so no lock is needed and the socket thread never waits on the GUI.
    """

    def __init__(self) -> None:
        self._items: collections.deque[MessageRecord] = collections.deque()

    def put(self, record: MessageRecord) -> None:
        """Add one record (any thread)."""
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
