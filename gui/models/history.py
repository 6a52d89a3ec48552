"""The message history as a table model, fed in batches from a :class:`RecordInbox`,
paged over the SQLite store."""

from __future__ import annotations

import array
import collections
import dataclasses
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

from gui.core.filtering import RowFilter
from gui.core.records import Direction, MessageRecord, plain_tooltip
from gui.core.times import format_time_ms, full_time_ms
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore
from gui.models.writer import HistoryWriter

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
    memory of the newest rows, or are read from SQLite a page at a time as the view
    asks for them and kept in a small cache. The filter (text and directions) runs in
    SQL; rows that arrive later are checked as they come.

    Signals:
        batchAppended(list): the records of each batch, after insertion.
    """

    batchAppended = Signal(list)

    TIME, DIRECTION, FORMAT, SIZE, CONTENT = range(5)
    HEADERS = ("Time", "Direction", "Format", "Size", "Content")
    MAX_BATCH = 5_000
    PAGE = 256  # rows read from SQLite at once
    CACHED_PAGES = 64
    RECENT = 20_000  # newest records kept in memory once written

    def __init__(
        self,
        store: HistoryStore,
        inbox: RecordInbox,
        interval_ms: int = 30,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._inbox = inbox
        self._writer = HistoryWriter(store.path)
        self._next_id = store.max_id() + 1
        self._filter = RowFilter()
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
        stay readable; :meth:`records` reads the file again."""
        self.stop()
        self._writer.close()
        self._store.close()

    def wait_written(self) -> None:
        """Wait until every row so far is in SQLite."""
        self.flush()
        self._writer.flush()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._drain_once()

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
        if not self._filter.everything:
            accepts = self._filter.accepts
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
        written = self._writer.written_id
        recent = self._recent
        while len(recent) > self.RECENT:
            oldest = next(iter(recent))
            if oldest > written:
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
        """All records, oldest first, filtered out or not (reads the whole store)."""
        if not self._store.closed:
            self.wait_written()
            return list(self._store.iter_records())
        store = HistoryStore(self._store.path)
        try:
            return list(store.iter_records())
        finally:
            store.close()

    def shown_records(self, chunk: int = 1_000) -> Iterator[MessageRecord]:
        """The rows' records in order, read from SQLite a chunk at a time (for export)."""
        self.wait_written()
        ids = self._ids
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            page = self._store.fetch(part)
            for row_id in part:
                rec = page[row_id]
                if rec.partial:  # a page holds the first bytes of a binary payload only
                    rec = dataclasses.replace(rec, payload=self._store.payload(row_id))
                yield rec

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
        """Show only rows that pass ``row_filter``."""
        if row_filter == self._filter:
            return
        self.wait_written()  # the query must see every row
        self.beginResetModel()
        self._filter = row_filter
        self._ids = self._store.ids(row_filter)
        self._pages.clear()
        self.endResetModel()

    def accepts(self, rec: MessageRecord) -> bool:
        """Whether a record passes the current filter."""
        return self._filter.accepts(rec)

    # --- paging --------------------------------------------------------------------

    def _lookup(self, row: int) -> MessageRecord | None:
        if not 0 <= row < len(self._ids):
            return None
        row_id = self._ids[row]
        rec = self._recent.get(row_id)
        if rec is not None:
            return rec
        page_no = row // self.PAGE
        page = self._pages.get(page_no)
        if self._store.closed:
            return None if page is None else page.get(row_id)
        if page is None or row_id not in page:
            start = page_no * self.PAGE
            page = self._store.fetch(self._ids[start : start + self.PAGE])
            self._pages[page_no] = page
            while len(self._pages) > self.CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(row_id)

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
            if column == self.FORMAT and not rec.is_json:
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
