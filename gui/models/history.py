"""The message history as table models: views of the one :class:`HistoryLog`, paged
over the SQLite store. A tab's view shows its connection's rows; the "All connections"
view shows every row, with a column that names its connection."""

from __future__ import annotations

import array
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QGuiApplication

from gui.background import BackgroundRunner
from gui.core.filtering import RowFilter
from gui.core.outcome import QT_TRANSLATE_NOOP
from gui.core.records import Direction, MessageRecord, now_ms, plain_tooltip, system_record
from gui.core.times import format_time_ms, full_time_ms
from gui.models.inbox import RecordInbox
from gui.models.log import ConnectionNamer, HistoryLog
from gui.models.reading import ExportSource, filtered_ids
from gui.models.store import HistoryStore
from gui.models.writer import HistoryWriter, WriteStatus
from gui.theme import Role, Scheme, brush, scheme_of
from gui.words import direction_name

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
DIRECTION_ROLE = Qt.ItemDataRole.UserRole + 2
#: On the Format column: True / False for a received message that passed / failed its
#: tab's schema, None when it was not checked (the view marks failures with an icon).
SCHEMA_ROLE = Qt.ItemDataRole.UserRole + 3

_DIRECTION_ROLES = {
    Direction.SENT: Role.SENT,
    Direction.RECEIVED: Role.RECEIVED,
    Direction.SYSTEM: Role.SYSTEM,
    Direction.ERROR: Role.ERROR,
}
_BRUSH_ROLES = (*_DIRECTION_ROLES.values(), Role.SCHEMA_FAIL, Role.ERROR_ROW, Role.SCHEMA_FAIL_ROW)

_Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """Rows of :class:`MessageRecord`: time, direction, JSON or not, size, preview (and,
    with a ``namer``, the connection).

    A view of a :class:`HistoryLog`, limited to the rows of ``connections`` (None: every
    row); each batch the log announces is inserted with one ``beginInsertRows``. Built
    on a :class:`HistoryStore` and an inbox instead, the model makes a log of its own
    (one connection, one model: what tests and tools use).

    The model holds only the ids of its rows (8 bytes each). Records come from the
    log's memory of the newest rows (and of every row the writer has not dealt with
    yet), from the rows the writer could not write and holds, or are read from SQLite a
    page at a time as the view asks for them and kept in a small cache. A row whose
    record is nowhere (let go of after a long write failure) shows what happened to
    it: no row is ever blank.

    The filter (text and directions, within the connections) runs in SQL; rows that
    arrive later are checked as they come. Over more than :attr:`ASYNC_FILTER_ROWS`
    rows the query runs in a thread, with a connection of its own, and the rows shown
    change when it is done (``filterApplied``).

    Colours are the theme's roles (direction and format text, the background of error
    rows and of schema failures), light or dark as :meth:`set_scheme` says (the view
    says so when its palette changes).

    Signals:
        batchAppended(list): the records of each batch that belong to this view's
            connections, after insertion.
        writeStatusChanged(WriteStatus): writing to SQLite failed, or works again.
        filterApplied(): the rows shown now pass the filter last set.
    """

    batchAppended = Signal(object)
    writeStatusChanged = Signal(object)
    filterApplied = Signal()

    TIME, DIRECTION, FORMAT, SIZE, CONTENT, CONNECTION = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "Time"),
        QT_TRANSLATE_NOOP("HistoryModel", "Direction"),
        QT_TRANSLATE_NOOP("HistoryModel", "Format"),
        QT_TRANSLATE_NOOP("HistoryModel", "Size"),
        QT_TRANSLATE_NOOP("HistoryModel", "Content"),
    )
    MAX_BATCH = HistoryLog.MAX_BATCH
    PAGE = 256  # rows read from SQLite at once
    CACHED_PAGES = 64
    ASYNC_FILTER_ROWS = 50_000  # histories larger than this are filtered in a thread

    def __init__(
        self,
        source: HistoryStore | HistoryLog,
        inbox: RecordInbox | None = None,
        interval_ms: int = 30,
        parent: QObject | None = None,
        writer: HistoryWriter | None = None,
        *,
        connections: frozenset[str] | None = None,
        namer: ConnectionNamer | None = None,
    ) -> None:
        super().__init__(parent)
        if isinstance(source, HistoryLog):
            self._log = source
            self._owns_log = False
        else:
            if inbox is None:
                raise TypeError("a HistoryModel on a store needs an inbox")
            self._log = HistoryLog(source, inbox, interval_ms, self, writer)
            self._owns_log = True
        self._inbox = inbox if inbox is not None else self._log.inbox
        self._scope = connections
        self._namer = namer
        self._headers = (
            (*self.HEADERS, QT_TRANSLATE_NOOP("HistoryModel", "Connection"))
            if namer is not None
            else self.HEADERS
        )
        self._filter = RowFilter(connections=connections)  # the filter asked for
        self._shown_filter = self._filter  # the filter the rows shown pass
        self._filter_gen = 0  # a query's answer counts only if nothing changed since
        self._background = BackgroundRunner(self)
        self._ids: Sequence[int] = self._initial_ids()
        self._total = len(self._ids)
        self._pages: dict[int, dict[int, MessageRecord]] = {}
        self._scheme = scheme_of(QGuiApplication.palette())
        self._brushes = {role: brush(role, self._scheme) for role in _BRUSH_ROLES}
        self._log.appended.connect(self._on_log_appended)
        self._log.writeStatusChanged.connect(self.writeStatusChanged)
        self._log.cleared.connect(self._on_log_cleared)

    def _initial_ids(self) -> Sequence[int]:
        """The rows of this view now, without waiting for the writer: up to the id the
        writer has dealt with from SQLite (and what it holds), the rest from memory."""
        log = self._log
        settled = log.settled_id
        ids = filtered_ids(log.store, log.writer, self._filter, settled)
        accepts = self._filter.accepts
        newer = [i for i, rec in log.recent.items() if i > settled and accepts(rec)]
        if not newer:
            return ids
        ids = ids if isinstance(ids, array.array) else array.array("q", ids)
        ids.extend(newer)
        return ids

    # --- what tests and tools look at ---------------------------------------------------

    @property
    def scheme(self) -> Scheme:
        """Whose colours the rows have: the light or the dark theme's."""
        return self._scheme

    def set_scheme(self, scheme: Scheme) -> None:
        """Colour the rows with ``scheme``'s colours (the views repaint every row)."""
        if scheme is self._scheme:
            return
        self._scheme = scheme
        self._brushes = {role: brush(role, scheme) for role in _BRUSH_ROLES}
        if self._ids:
            roles = [Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole]
            last = self.index(len(self._ids) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last, roles)

    @property
    def log(self) -> HistoryLog:
        """The history this model is a view of."""
        return self._log

    @property
    def connections(self) -> frozenset[str] | None:
        """The connections whose rows this view shows (None: every row)."""
        return self._scope

    @property
    def _store(self) -> HistoryStore:
        return self._log.store

    @property
    def _writer(self) -> HistoryWriter:
        return self._log.writer

    @property
    def _recent(self) -> dict[int, MessageRecord]:
        return self._log.recent

    @property
    def RECENT(self) -> int:  # the log's constant, settable per instance
        """Newest records the log keeps in memory once written."""
        return self._log.RECENT

    @RECENT.setter
    def RECENT(self, count: int) -> None:
        self._log.RECENT = count

    # --- feeding -------------------------------------------------------------------

    @property
    def inbox(self) -> RecordInbox:
        """Where any thread puts new records of this view's connection."""
        return self._inbox

    def flush(self) -> None:
        """Drain everything waiting in the inbox now."""
        self._log.flush()

    def stop(self) -> None:
        """Stop the drain timer and write out what is left (on shutdown), when this
        model has a log of its own."""
        if self._owns_log:
            self._log.stop()

    def close(self) -> None:
        """A model with a log of its own: stop, write out what is left and close the
        store (rows already in memory stay readable; :meth:`records` reads the file
        again; rows that could not be written go to a rescue file). A view of a
        shared log: stop following it."""
        if self._owns_log:
            self._log.close()
            return
        self._filter_gen += 1  # a query still running reports to nobody
        for signal, slot in (
            (self._log.appended, self._on_log_appended),
            (self._log.writeStatusChanged, self.writeStatusChanged),
            (self._log.cleared, self._on_log_cleared),
        ):
            signal.disconnect(slot)
        self._log.release(self)

    def wait_written(self) -> None:
        """Wait until every row so far is in SQLite (or held, when writes fail)."""
        self._log.wait_written()

    @property
    def write_status(self) -> WriteStatus:
        """How writing to SQLite stands."""
        return self._log.write_status

    def retry_writing(self) -> None:
        """Try the rows that could not be written again, now."""
        self._log.retry_writing()

    @Slot(object, object, object)
    def _on_log_appended(
        self, first_id: int, batch: list[MessageRecord], offsets: dict[str, list[int]]
    ) -> None:
        scope = self._scope
        positions: Sequence[int]
        if scope is None:
            positions = range(len(batch))
            records = batch
        else:
            parts = [offsets[c] for c in scope if c in offsets]
            if not parts:
                return
            positions = parts[0] if len(parts) == 1 else sorted(itertools.chain(*parts))
            records = [batch[k] for k in positions]
        self._total += len(positions)
        shown_filter = self._shown_filter
        shown: Sequence[int]
        if shown_filter.everything or shown_filter.only_connections:
            shown = [first_id + k for k in positions]
        else:
            accepts = shown_filter.accepts
            shown = [first_id + k for k in positions if accepts(batch[k])]
        if shown:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            if not isinstance(self._ids, array.array):
                self._ids = array.array("q", self._ids)
            self._ids.extend(shown)
            self.endInsertRows()
        self.batchAppended.emit(records)

    def clear(self) -> None:
        """Forget every row of this view's connections, here and in the store."""
        self._log.clear(self._scope)

    @Slot(object)
    def _on_log_cleared(self, connections: frozenset[str] | None) -> None:
        scope = self._scope
        if connections is not None and scope is not None and not (connections & scope):
            return  # none of this view's rows
        self._filter_gen += 1  # a query still running would bring the rows back
        self._log.release(self)
        if connections is None or (scope is not None and scope <= connections):
            self.beginResetModel()
            self._ids = array.array("q")
            self._pages.clear()
            self._total = 0
            self._shown_filter = self._filter
            self.endResetModel()
            return
        # Some of this view's rows went (a tab cleared its own): read what is left.
        log = self._log
        log.wait_written()
        self._total = log.store.count(scope) + sum(
            1
            for rec in log.writer.unsaved_records().values()
            if scope is None or rec.connection in scope
        )
        self._apply_filter(self._filter)

    def total(self) -> int:
        """Number of messages of this view's connections, filtered out or not."""
        return self._total

    def record(self, row: int) -> MessageRecord:
        """The record shown on ``row``."""
        rec = self._lookup(row)
        if rec is None:
            raise IndexError(row)
        return rec

    def records(self) -> list[MessageRecord]:
        """All records of this view's connections, oldest first, filtered out or not
        (reads the whole store; rows the writer holds, unwritten, are in their place)."""
        return self._log.records(self._scope)

    def export_source(self) -> ExportSource:
        """What an export of the rows shown needs, taken now: their ids, and the records
        that are not (or not yet) in SQLite. Reading it in a thread is safe."""
        self.flush()
        return ExportSource(
            self._store.path,
            array.array("q", self._ids),
            self._log.memory(),
            self._writer,
            self.lost_record,
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
        schema_errors: bool = False,
    ) -> None:
        """Show only rows that contain ``text`` (ignoring case) in ``directions`` (and,
        with ``error_replies``, received error replies too; with ``schema_errors``,
        only received messages that failed their tab's schema)."""
        self.set_row_filter(
            RowFilter.of(text, directions, error_replies=error_replies, schema_errors=schema_errors)
        )

    def set_row_filter(self, row_filter: RowFilter) -> None:
        """Show only rows that pass ``row_filter`` (within this view's connections,
        whatever it says): at once for a small history, when a query in a thread is
        done for a large one (``filterApplied``)."""
        row_filter = replace(row_filter, connections=self._scope)
        if row_filter == self._filter:
            return
        self._apply_filter(row_filter)

    def _apply_filter(self, row_filter: RowFilter) -> None:
        self._filter = row_filter
        self._filter_gen += 1
        gen = self._filter_gen
        self.flush()
        upto = self._log.next_id - 1
        if self._total <= self.ASYNC_FILTER_ROWS:
            self.wait_written()  # the query must see every row
            ids = filtered_ids(self._store, self._writer, row_filter, upto)
            self._show_filtered(gen, row_filter, upto, ids)
            return
        self._log.hold(self, upto)
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
        record = self._log.record
        tail = [
            row_id
            for row_id in range(upto + 1, self._log.next_id)
            if (rec := record(row_id)) is not None and row_filter.accepts(rec)
        ]
        self.beginResetModel()
        self._shown_filter = row_filter
        self._ids = ids if isinstance(ids, array.array) else array.array("q", ids)
        self._ids.extend(tail)
        self._pages.clear()
        self.endResetModel()
        self._log.release(self)
        self.filterApplied.emit()

    def _show_filter_error(self, gen: int, exc: BaseException) -> None:
        if gen != self._filter_gen:
            return
        self._log.release(self)
        self._filter = self._shown_filter  # the rows shown still pass it
        self._inbox.put(
            system_record(
                self.tr("the filter could not be applied: {error}").format(error=exc), error=True
            )
        )
        self.filterApplied.emit()

    def accepts(self, rec: MessageRecord) -> bool:
        """Whether a record passes the filter of the rows shown."""
        return self._shown_filter.accepts(rec)

    # --- paging --------------------------------------------------------------------

    def _lookup(self, row: int) -> MessageRecord | None:
        if not 0 <= row < len(self._ids):
            return None
        row_id = self._ids[row]
        rec = self._log.record(row_id)
        if rec is not None:
            return rec
        page_no = row // self.PAGE
        page = self._pages.get(page_no)
        if page is not None and row_id in page:
            self._pages[page_no] = self._pages.pop(page_no)  # the most recently used
            return page[row_id]
        if self._store.closed:
            return self.lost_record(row_id)
        start = page_no * self.PAGE
        page = self._store.fetch(self._ids[start : start + self.PAGE])
        self._pages[page_no] = page
        while len(self._pages) > self.CACHED_PAGES:
            del self._pages[next(iter(self._pages))]
        rec = page.get(row_id) or self._writer.unsaved(row_id)  # written or held meanwhile?
        if rec is None:
            rec = page[row_id] = self.lost_record(row_id)
        return rec

    def lost_record(self, row_id: int) -> MessageRecord:
        """What a row whose record is nowhere shows (never a blank row)."""
        if self._writer.lost(row_id):
            text = self.tr(
                "(message #{row} lost: it could not be written to the history file and was"
                " dropped from memory)"
            )
        else:
            text = self.tr("(message #{row} lost: it is no longer in the history file)")
        return MessageRecord(now_ms(), Direction.ERROR, text.format(row=row_id), 0, False)

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return QCoreApplication.translate("HistoryModel", self._headers[section])
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
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DIRECTION and rec.imported:
            return self.tr("Imported from a history export, not sent or received here")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.FORMAT:
            return self._schema_tooltip(rec)
        if role == SCHEMA_ROLE:
            return rec.schema_ok if column == self.FORMAT else None
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.DIRECTION, self.FORMAT):
            return self._brushes[self._text_role(rec, column)]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._row_brush(rec)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ROLE:
            return rec
        if role == DIRECTION_ROLE:
            return rec.direction.value
        return None

    def _text_role(self, rec: MessageRecord, column: int) -> Role:
        if column == self.FORMAT and rec.direction in (Direction.SENT, Direction.RECEIVED):
            if not rec.is_json and not rec.is_binary:
                return Role.ERROR
            if rec.schema_ok is False:
                return Role.SCHEMA_FAIL
        return _DIRECTION_ROLES[rec.direction]

    def _row_brush(self, rec: MessageRecord) -> QBrush | None:
        if rec.direction is Direction.ERROR or (
            rec.direction is Direction.RECEIVED and rec.doc_type == "error"
        ):  # the server's own error replies, as the Errors filter entry has them
            return self._brushes[Role.ERROR_ROW]
        if rec.schema_ok is False:
            return self._brushes[Role.SCHEMA_FAIL_ROW]
        return None

    def _display(self, rec: MessageRecord, column: int) -> str:
        if column == self.TIME:
            return format_time_ms(rec.time_ms)
        if column == self.DIRECTION:
            if rec.imported:
                return self.tr("{direction} (imported)").format(
                    direction=direction_name(rec.direction)
                )
            return direction_name(rec.direction)
        if column == self.FORMAT:
            if rec.direction in (Direction.SYSTEM, Direction.ERROR):
                return ""
            if rec.is_binary:
                return self.tr("binary")
            if rec.schema_ok is not None:
                return self.tr("JSON ✓") if rec.schema_ok else self.tr("JSON ✗")
            return "JSON" if rec.is_json else self.tr("not JSON")
        if column == self.SIZE:
            return "" if rec.direction in (Direction.SYSTEM, Direction.ERROR) else str(rec.size)
        if column == self.CONNECTION and self._namer is not None:
            return self._namer(rec.connection)
        return rec.preview()

    def _schema_tooltip(self, rec: MessageRecord) -> str | None:
        if rec.schema_ok is None:
            return None
        if rec.schema_ok:
            return self.tr("Passed the tab's JSON Schema")
        return plain_tooltip(
            self.tr("Failed the tab's JSON Schema at {path}: {reason}").format(
                path=rec.schema_path or "$", reason=rec.schema_error
            )
        )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
