"""The one history of the app: every connection's rows, numbered, written, kept.

Every tab puts its records into an inbox of its own (:meth:`RecordInbox.tagged`), all on
one queue; a :class:`HistoryLog` drains that queue on a GUI-thread timer, numbers each
batch, hands it to the one :class:`~gui.models.writer.HistoryWriter` (one SQLite file,
one transaction per batch) and announces it. The table models
(:class:`~gui.models.history.HistoryModel`) are views of the log: a tab's shows its own
connection's rows, the "All connections" one every row.
"""

from __future__ import annotations

import collections
import heapq
import operator
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gui.core.records import ALL_CONNECTIONS, MessageRecord, system_record
from gui.core.turns import TURNS
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore
from gui.models.writer import HistoryWriter, WriteStatus

_CONNECTION = operator.attrgetter("connection")


class HistoryLog(QObject):
    """Drains the inbox, numbers rows, writes them, keeps the newest in memory.

    The log keeps in memory every row the writer has not dealt with yet, and the newest
    :attr:`RECENT` others, so that views show new rows without reading SQLite. A view
    whose filter query runs in a thread holds the rows after its snapshot
    (:meth:`hold`) until the query is done.

    Signals:
        appended(int first_id, list batch, dict offsets): a batch of records, ids
            ``first_id``... in order; ``offsets`` maps each connection id to the
            positions in ``batch`` of its records.
        writeStatusChanged(WriteStatus): writing to SQLite failed, or works again.
        cleared(object connections): the rows of these connections (None: all) were
            deleted.
    """

    appended = Signal(object, object, object)
    writeStatusChanged = Signal(object)
    cleared = Signal(object)

    MAX_BATCH = 5_000
    MAX_UNWRITTEN = 20_000  # rows drained but not yet written, before the drain waits
    RECENT = 20_000  # newest records kept in memory once written

    def __init__(
        self,
        store: HistoryStore,
        inbox: RecordInbox,
        interval_ms: int = 30,
        parent: QObject | None = None,
        writer: HistoryWriter | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._inbox = inbox
        self._news = inbox.tagged(ALL_CONNECTIONS)
        self._writer = writer or HistoryWriter(store.path)
        self._write_status = self._writer.status
        self._next_id = store.max_id() + 1
        self._stored_before = self._next_id - 1  # rows of earlier runs: all in the file
        self._recent: collections.OrderedDict[int, MessageRecord] = collections.OrderedDict()
        self._holds: dict[int, int] = {}  # by holder: keep rows after this id
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    # --- what views read -----------------------------------------------------------

    @property
    def inbox(self) -> RecordInbox:
        """The shared queue (records keep whatever connection they were given)."""
        return self._inbox

    @property
    def store(self) -> HistoryStore:
        """The history file, as read by the GUI thread."""
        return self._store

    @property
    def writer(self) -> HistoryWriter:
        """The writer thread."""
        return self._writer

    @property
    def recent(self) -> collections.OrderedDict[int, MessageRecord]:
        """Records in memory by id: every row not yet dealt with, and the newest."""
        return self._recent

    @property
    def next_id(self) -> int:
        """The id the next row will get."""
        return self._next_id

    @property
    def settled_id(self) -> int:
        """Every row up to this id is in SQLite, held by the writer, or lost; every
        row after it is in :attr:`recent`."""
        return max(self._stored_before, self._writer.processed_id)

    def record(self, row_id: int) -> MessageRecord | None:
        """The record of ``row_id`` if it is in memory (new, or held unwritten)."""
        return self._recent.get(row_id) or self._writer.unsaved(row_id)

    def memory(self) -> dict[int, MessageRecord]:
        """Every record that is (or may not yet be) readable from SQLite, by id."""
        memory = dict(self._recent)
        memory.update(self._writer.unsaved_records())
        return memory

    def records(self, connections: frozenset[str] | None = None) -> list[MessageRecord]:
        """Every record (of ``connections`` when given), oldest first, read from the
        store, with the rows the writer holds in their place."""
        if not self._store.closed:
            self.wait_written()
            held = [
                (row_id, rec)
                for row_id, rec in sorted(self._writer.unsaved_records().items())
                if connections is None or rec.connection in connections
            ]
            stored = self._store.iter_rows(connections=connections)
            return [rec for _, rec in heapq.merge(stored, held, key=lambda row: row[0])]
        store = HistoryStore(self._store.path)
        try:
            return list(store.iter_records(connections=connections))
        finally:
            store.close()

    def hold(self, holder: object, upto: int) -> None:
        """Keep every row after ``upto`` in memory until :meth:`release` (a filter
        query in a thread sees the file up to ``upto``; the rest must stay here)."""
        self._holds[id(holder)] = upto

    def release(self, holder: object) -> None:
        """End a :meth:`hold`."""
        self._holds.pop(id(holder), None)

    # --- feeding -------------------------------------------------------------------

    def put_news(self, text: str, *, error: bool = False) -> None:
        """A row about the history itself, which every connection shows."""
        self._news.put(system_record(text, error=error))

    def flush(self) -> None:
        """Drain everything waiting in the inbox now."""
        while self._drain_once():
            pass

    def stop(self) -> None:
        """Stop the drain timer and write out what is left (on shutdown), a change of
        the write status not yet told included."""
        self._timer.stop()
        self._writer.flush()
        self._check_write_status()
        self.flush()

    def close(self) -> None:
        """Stop, write out what is left and close the store. Rows that could not be
        written go to a rescue file (:attr:`write_status`)."""
        if self._store.closed:
            return
        self.stop()
        self._writer.close()
        self._store.close()
        self._check_write_status()

    def wait_written(self) -> None:
        """Wait until every row so far is in SQLite (or held, when writes fail)."""
        self.flush()
        self._writer.flush()

    @property
    def write_status(self) -> WriteStatus:
        """How writing to SQLite stands."""
        return self._writer.status

    def retry_writing(self) -> None:
        """Try the rows that could not be written again, now."""
        self._writer.retry_now()

    def clear(self, connections: frozenset[str] | None = None) -> None:
        """Delete every row (of ``connections`` when given), here and in the store."""
        self.flush()
        self._writer.clear(connections)
        if connections is None:
            self._recent.clear()
        else:
            for row_id in [i for i, r in self._recent.items() if r.connection in connections]:
                del self._recent[row_id]
        self.cleared.emit(connections)

    @Slot()
    def _on_timer_timeout(self) -> None:
        # While the writer is far behind, rows wait in the inbox (and readers for room
        # there, RecordInbox.wait_for_room): the history takes rows in no faster than
        # it can keep them, instead of holding ever more of them in memory.
        if self._next_id - 1 - self._writer.processed_id <= self.MAX_UNWRITTEN:
            self._drain_once()
        self._check_write_status()

    def _check_write_status(self) -> None:
        status = self._writer.status
        before, self._write_status = self._write_status, status
        if status == before:
            return
        if status.error is not None and status.error != before.error:
            text = self.tr("history not saved to disk: {error}").format(error=status.error)
            self.put_news(text, error=True)
        elif status.error is None and before.error is not None:
            written = status.written - before.written
            text = self.tr("history saved to disk again ({count} messages)")
            self.put_news(text.format(count=written))
        self.writeStatusChanged.emit(status)

    def _drain_once(self) -> bool:
        if not len(self._inbox):
            return False
        # The tabs' readers pause meanwhile: under a flood, every call this makes into
        # Qt (models, views, signals) would otherwise wait behind them for the GIL.
        with TURNS.gui_first():
            return self._drain_batch()

    def _drain_batch(self) -> bool:
        batch = self._inbox.drain(self.MAX_BATCH)
        if not batch:
            return False
        first_id = self._next_id
        self._next_id += len(batch)
        self._writer.put(first_id, batch)
        # In C loops where it can be: this runs for every row, on the GUI thread.
        self._recent.update(zip(range(first_id, first_id + len(batch)), batch, strict=True))
        connections = list(map(_CONNECTION, batch))
        distinct = set(connections)
        offsets: dict[str, list[int]]
        if len(distinct) == 1:
            offsets = {connections[0]: list(range(len(batch)))}
        else:
            offsets = {connection: [] for connection in distinct}
            for k, connection in enumerate(connections):
                offsets[connection].append(k)
        self.appended.emit(first_id, batch, offsets)
        self._trim_recent()
        return True

    def _trim_recent(self) -> None:
        # Only rows the writer has dealt with (written, or held by it) may go; and none
        # that a filter query in a thread will not see.
        keep_from = self._writer.processed_id
        if self._holds:
            keep_from = min(keep_from, *self._holds.values())
        recent = self._recent
        popitem = recent.popitem
        for _ in range(len(recent) - self.RECENT):
            oldest, record = popitem(last=False)
            if oldest > keep_from:  # put back where it was, and stop
                recent[oldest] = record
                recent.move_to_end(oldest, last=False)
                break


#: Turns a connection id into what the "Connection" column shows.
ConnectionNamer = Callable[[str], str]
