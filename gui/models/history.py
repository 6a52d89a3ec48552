"""The message history as a table model, fed in batches from a :class:`RecordInbox`,
paged over the SQLite store, written by a :class:`~gui.models.writer.HistoryWriter`."""

from __future__ import annotations

import array
import collections
import heapq
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor

from gui.background import BackgroundRunner
from gui.core.filtering import RowFilter
from gui.core.records import Direction, MessageRecord, now_ms, plain_tooltip, system_record
from gui.core.times import format_time_ms, full_time_ms
from gui.models.inbox import RecordInbox
from gui.models.reading import ExportSource, filtered_ids
from gui.models.store import HistoryStore
from gui.models.writer import HistoryWriter, WriteStatus

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
DIRECTION_ROLE = Qt.ItemDataRole.UserRole + 2

_COLORS = {
    Direction.SENT: QColor("#1d5fa8"),
    Direction.RECEIVED: QColor("#1f7a3a"),
    Direction.SYSTEM: QColor("#6b6b6b"),
    Direction.ERROR: QColor("#b3261e"),
}

_Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """Rows of :class:`MessageRecord`: time, direction, JSON or not, size, preview.

    A GUI-thread timer drains the inbox every ``interval_ms``: each batch is numbered,
    handed to a writer thread (one transaction per batch) and inserted with one
    ``beginInsertRows``.

    The model holds only the ids of its rows (8 bytes each). Records come from a
    memory of the newest rows (and of every row the writer has not dealt with yet),
    from the rows the writer could not write and holds, or are read from SQLite a page
    at a time as the view asks for them and kept in a small cache. A row whose record
    is nowhere (let go of after a long write failure) shows what happened to it: no
    row is ever blank.

    The filter (text and directions) runs in SQL; rows that arrive later are checked
    as they come. Over more than :attr:`ASYNC_FILTER_ROWS` rows the query runs in a
    thread, with a connection of its own, and the rows shown change when it is done
    (``filterApplied``).

    Signals:
        batchAppended(list): the records of each batch, after insertion.
        writeStatusChanged(WriteStatus): writing to SQLite failed, or works again.
        filterApplied(): the rows shown now pass the filter last set.
    """

    batchAppended = Signal(list)
    writeStatusChanged = Signal(object)
    filterApplied = Signal()

    TIME, DIRECTION, FORMAT, SIZE, CONTENT = range(5)
    HEADERS = ("Time", "Direction", "Format", "Size", "Content")
    MAX_BATCH = 5_000
    PAGE = 256  # rows read from SQLite at once
    CACHED_PAGES = 64
    RECENT = 20_000  # newest records kept in memory once written
    ASYNC_FILTER_ROWS = 50_000  # histories larger than this are filtered in a thread

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
        self._writer = writer or HistoryWriter(store.path)
        self._write_status = self._writer.status
        self._next_id = store.max_id() + 1
        self._filter = RowFilter()  # the filter asked for
        self._shown_filter = self._filter  # the filter the rows shown pass
        self._filter_upto: int | None = None  # a query in a thread covers ids up to this
        self._filter_gen = 0  # a query's answer counts only if nothing changed since
        self._background = BackgroundRunner(self)
        self._ids: Sequence[int] = store.ids()
        self._total = len(self._ids)
        # Records by id: every row not yet known to be written, and the newest ones.
        self._recent: collections.OrderedDict[int, MessageRecord] = collections.OrderedDict()
        self._pages: collections.OrderedDict[int, dict[int, MessageRecord]] = (
            collections.OrderedDict()
        )
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    # --- feeding -------------------------------------------------------------------

    @property
    def inbox(self) -> RecordInbox:
        """Where any thread puts new records."""
        return self._inbox

    def flush(self) -> None:
        """Drain everything waiting in the inbox now."""
        while self._drain_once():
            pass

    def stop(self) -> None:
        """Stop the drain timer and write out what is left (on shutdown)."""
        self._timer.stop()
        self.flush()

    def close(self) -> None:
        """Stop, write out what is left and close the store. Rows already in memory
        stay readable; :meth:`records` reads the file again. Rows that could not be
        written go to a rescue file (:attr:`write_status`)."""
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

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._drain_once()
        self._check_write_status()

    def _check_write_status(self) -> None:
        status = self._writer.status
        before, self._write_status = self._write_status, status
        if status == before:
            return
        if status.error is not None and status.error != before.error:
            self._inbox.put(system_record(f"history not saved to disk: {status.error}", error=True))
        elif status.error is None and before.error is not None:
            written = status.written - before.written
            self._inbox.put(system_record(f"history saved to disk again ({written} messages)"))
        self.writeStatusChanged.emit(status)

    def _drain_once(self) -> bool:
        batch = self._inbox.drain(self.MAX_BATCH)
        if not batch:
            return False
        first_id = self._next_id
        self._next_id += len(batch)
        self._writer.put(first_id, batch)
        recent = self._recent
        for k, rec in enumerate(batch):
            recent[first_id + k] = rec
        self._total += len(batch)
        shown: Sequence[int]
        if not self._shown_filter.everything:
            accepts = self._shown_filter.accepts
            shown = [first_id + k for k, rec in enumerate(batch) if accepts(rec)]
        else:
            shown = range(first_id, first_id + len(batch))
        if shown:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._ids_extend(shown)
            self.endInsertRows()
        self._trim_recent()
        self.batchAppended.emit(batch)
        return True

    def _ids_extend(self, ids: Iterable[int]) -> None:
        if not isinstance(self._ids, array.array):
            self._ids = array.array("q", self._ids)
        self._ids.extend(ids)

    def _trim_recent(self) -> None:
        # Only rows the writer has dealt with (written, or held by it) may go; and none
        # that a filter query in a thread will not see.
        keep_from = self._writer.processed_id
        if self._filter_upto is not None:
            keep_from = min(keep_from, self._filter_upto)
        recent = self._recent
        while len(recent) > self.RECENT:
            oldest = next(iter(recent))
            if oldest > keep_from:
                break
            del recent[oldest]

    def clear(self) -> None:
        """Forget every row, here and in the store."""
        self.flush()
        self.beginResetModel()
        self._writer.clear()
        self._ids = array.array("q")
        self._recent.clear()
        self._pages.clear()
        self._total = 0
        self._filter_upto = None
        self._filter_gen += 1  # a query still running would bring the rows back
        self._shown_filter = self._filter
        self.endResetModel()

    def total(self) -> int:
        """Number of messages in the history, filtered out or not."""
        return self._total

    def record(self, row: int) -> MessageRecord:
        """The record shown on ``row``."""
        rec = self._lookup(row)
        if rec is None:
            raise IndexError(row)
        return rec

    def records(self) -> list[MessageRecord]:
        """All records, oldest first, filtered out or not (reads the whole store; rows
        the writer holds, unwritten, are in their place)."""
        if not self._store.closed:
            self.wait_written()
            held = self._writer.unsaved_records()
            stored = self._store.iter_rows()
            rows = heapq.merge(stored, sorted(held.items()), key=lambda row: row[0])
            return [rec for _, rec in rows]
        store = HistoryStore(self._store.path)
        try:
            return list(store.iter_records())
        finally:
            store.close()

    def export_source(self) -> ExportSource:
        """What an export of the rows shown needs, taken now: their ids, and the records
        that are not (or not yet) in SQLite. Reading it in a thread is safe."""
        self.flush()
        memory = dict(self._recent)
        memory.update(self._writer.unsaved_records())
        return ExportSource(
            self._store.path, array.array("q", self._ids), memory, self._writer, self.lost_record
        )

    def shown_records(self, chunk: int = 1_000) -> Iterator[MessageRecord]:
        """The rows' records in order, read from SQLite a chunk at a time (for export)."""
        self.wait_written()
        return self.export_source().records(self._store, chunk)

    # --- filter --------------------------------------------------------------------

    @property
    def row_filter(self) -> RowFilter:
        """The filter the shown rows pass."""
        return self._filter

    @property
    def needle(self) -> str:
        """The text that shown rows contain (case-folded; empty: any)."""
        return self._filter.needle

    @property
    def directions(self) -> frozenset[Direction] | None:
        """The directions of shown rows (None: all)."""
        return self._filter.directions

    def set_filter(
        self,
        text: str,
        directions: frozenset[Direction] | None,
        *,
        error_replies: bool = False,
    ) -> None:
        """Show only rows that contain ``text`` (ignoring case) in ``directions`` (and,
        with ``error_replies``, received error replies too)."""
        self.set_row_filter(RowFilter.of(text, directions, error_replies=error_replies))

    def set_row_filter(self, row_filter: RowFilter) -> None:
        """Show only rows that pass ``row_filter``: at once for a small history, when a
        query in a thread is done for a large one (``filterApplied``)."""
        if row_filter == self._filter:
            return
        self._filter = row_filter
        self._filter_gen += 1
        gen = self._filter_gen
        self.flush()
        upto = self._next_id - 1
        if self._total <= self.ASYNC_FILTER_ROWS:
            self.wait_written()  # the query must see every row
            ids = filtered_ids(self._store, self._writer, row_filter, upto)
            self._show_filtered(gen, row_filter, upto, ids)
            return
        self._filter_upto = upto
        path, writer = self._store.path, self._writer

        def query() -> Sequence[int]:
            writer.flush()  # every row up to ``upto`` is in SQLite now, or held
            store = HistoryStore(path, read_only=True)
            try:
                return filtered_ids(store, writer, row_filter, upto)
            finally:
                store.close()

        self._background.run(
            query,
            lambda ids: self._show_filtered(gen, row_filter, upto, ids),
            lambda exc: self._show_filter_error(gen, exc),
            name="history-filter",
        )

    @property
    def filtering(self) -> bool:
        """True while a filter query runs in a thread."""
        return self._filter != self._shown_filter

    def _show_filtered(
        self, gen: int, row_filter: RowFilter, upto: int, ids: Sequence[int]
    ) -> None:
        if gen != self._filter_gen:
            return  # another filter (or a clear) came meanwhile: its own answer follows
        # Rows that came after the query's snapshot are in memory: check them here.
        tail = [
            row_id
            for row_id in range(upto + 1, self._next_id)
            if (rec := self._recent.get(row_id) or self._writer.unsaved(row_id)) is not None
            and row_filter.accepts(rec)
        ]
        self.beginResetModel()
        self._shown_filter = row_filter
        self._filter_upto = None
        self._ids = ids if isinstance(ids, array.array) else array.array("q", ids)
        self._ids.extend(tail)
        self._pages.clear()
        self.endResetModel()
        self._trim_recent()
        self.filterApplied.emit()

    def _show_filter_error(self, gen: int, exc: BaseException) -> None:
        if gen != self._filter_gen:
            return
        self._filter_upto = None
        self._filter = self._shown_filter  # the rows shown still pass it
        self._inbox.put(system_record(f"the filter could not be applied: {exc}", error=True))
        self.filterApplied.emit()

    def accepts(self, rec: MessageRecord) -> bool:
        """Whether a record passes the filter of the rows shown."""
        return self._shown_filter.accepts(rec)

    # --- paging --------------------------------------------------------------------

    def _lookup(self, row: int) -> MessageRecord | None:
        if not 0 <= row < len(self._ids):
            return None
        row_id = self._ids[row]
        rec = self._recent.get(row_id) or self._writer.unsaved(row_id)
        if rec is not None:
            return rec
        page_no = row // self.PAGE
        page = self._pages.get(page_no)
        if page is not None and row_id in page:
            self._pages.move_to_end(page_no)
            return page[row_id]
        if self._store.closed:
            return self.lost_record(row_id)
        start = page_no * self.PAGE
        page = self._store.fetch(self._ids[start : start + self.PAGE])
        self._pages[page_no] = page
        while len(self._pages) > self.CACHED_PAGES:
            self._pages.popitem(last=False)
        rec = page.get(row_id) or self._writer.unsaved(row_id)  # written or held meanwhile?
        if rec is None:
            rec = page[row_id] = self.lost_record(row_id)
        return rec

    def lost_record(self, row_id: int) -> MessageRecord:
        """What a row whose record is nowhere shows (never a blank row)."""
        if self._writer.lost(row_id):
            why = "it could not be written to the history file and was dropped from memory"
        else:
            why = "it is no longer in the history file"
        return MessageRecord(
            now_ms(), Direction.ERROR, f"(message #{row_id} lost: {why})", 0, False
        )

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self._lookup(index.row())
        if rec is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CONTENT:
            return plain_tooltip(rec.text)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TIME:
            return full_time_ms(rec.time_ms)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.DIRECTION, self.FORMAT):
            if column == self.FORMAT and not rec.is_json and not rec.is_binary:
                return QBrush(_COLORS[Direction.ERROR])
            return QBrush(_COLORS[rec.direction])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ROLE:
            return rec
        if role == DIRECTION_ROLE:
            return rec.direction.value
        return None

    def _display(self, rec: MessageRecord, column: int) -> str:
        if column == self.TIME:
            return format_time_ms(rec.time_ms)
        if column == self.DIRECTION:
            return rec.direction.value
        if column == self.FORMAT:
            if rec.direction in (Direction.SYSTEM, Direction.ERROR):
                return ""
            if rec.is_binary:
                return "binary"
            return "JSON" if rec.is_json else "not JSON"
        if column == self.SIZE:
            return "" if rec.direction in (Direction.SYSTEM, Direction.ERROR) else str(rec.size)
        return rec.preview()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
