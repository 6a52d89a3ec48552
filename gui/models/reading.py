"""Reading the history in bulk, from any thread: the ids that pass a filter, and the
records of an export. Qt-free.

Both combine what SQLite has with what only memory has: the rows the writer holds
because it could not write them, the newest rows it has not dealt with yet, and
placeholders for rows that are gone, so that a filter or an export never misses a
row the table shows, and never fails on one.
"""

from __future__ import annotations

import array
import dataclasses
import heapq
import pathlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from gui.core.filtering import RowFilter
from gui.core.records import MessageRecord
from gui.models.store import HistoryStore
from gui.models.writer import HistoryWriter


def filtered_ids(
    store: HistoryStore, writer: HistoryWriter, row_filter: RowFilter, upto: int
) -> Sequence[int]:
    """Ids up to ``upto``, in order, of the rows that pass ``row_filter``: those in
    SQLite, and those the writer holds unwritten. Call after ``writer.flush()``."""
    stored = store.ids(row_filter, upto=upto)
    held = sorted(
        row_id
        for row_id, rec in writer.unsaved_records().items()
        if row_id <= upto and row_filter.accepts(rec)
    )
    if not held:
        return stored
    return array.array("q", heapq.merge(stored, held))


@dataclass
class ExportSource:
    """The rows an export writes, taken on the GUI thread, read on any.

    ``ids`` are the rows shown, in order; ``memory`` the records not (yet) readable
    from SQLite; ``placeholder(id)`` what a row found nowhere becomes.
    """

    path: pathlib.Path
    ids: Sequence[int]
    memory: dict[int, MessageRecord]
    writer: HistoryWriter
    placeholder: Callable[[int], MessageRecord]

    def records(self, store: HistoryStore, chunk: int = 1_000) -> Iterator[MessageRecord]:
        """Every row's record, in order, payloads whole."""
        ids, memory = self.ids, self.memory
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            page = store.fetch([i for i in part if i not in memory])
            for row_id in part:
                rec = memory.get(row_id) or page.get(row_id) or self.writer.unsaved(row_id)
                if rec is None:
                    rec = self.placeholder(row_id)
                elif rec.partial:  # a page holds the first bytes of a binary payload only
                    rec = dataclasses.replace(rec, payload=store.payload(row_id))
                yield rec
