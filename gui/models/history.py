"""The message history as a table model, fed in batches from a :class:`RecordInbox`."""

from __future__ import annotations

import datetime
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

from gui.core.records import Direction, MessageRecord, plain_tooltip
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore

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

    A GUI-thread timer drains the inbox every ``interval_ms``: each batch is written to
    the store in one transaction and inserted with one ``beginInsertRows``. Rows are a
    plain list so that a later version can page them from the store instead.

    Signals:
        batchAppended(list): the records of each batch, after insertion.
    """

    batchAppended = Signal(list)

    TIME, DIRECTION, FORMAT, SIZE, CONTENT = range(5)
    HEADERS = ("Time", "Direction", "Format", "Size", "Content")
    MAX_BATCH = 5_000
    INITIAL_ROWS = 50_000

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
        self._rows: list[MessageRecord] = store.load_recent(self.INITIAL_ROWS)
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
        """Stop, write out what is left and close the store (the model stays readable)."""
        self.stop()
        self._store.close()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._drain_once()

    def _drain_once(self) -> bool:
        batch = self._inbox.drain(self.MAX_BATCH)
        if not batch:
            return False
        self._store.append_many(batch)
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()
        self.batchAppended.emit(batch)
        return True

    def clear(self) -> None:
        """Forget every row, here and in the store."""
        self.flush()
        self.beginResetModel()
        self._rows = []
        self._store.clear()
        self.endResetModel()

    def record(self, row: int) -> MessageRecord:
        """The record shown on ``row``."""
        return self._rows[row]

    def records(self) -> list[MessageRecord]:
        """All records, oldest first (a copy)."""
        return list(self._rows)

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CONTENT:
            return plain_tooltip(rec.text)
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
            return "JSON" if rec.is_json else "not JSON"
        if column == self.SIZE:
            return "" if rec.direction in (Direction.SYSTEM, Direction.ERROR) else str(rec.size)
        return rec.preview()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def format_time_ms(time_ms: int) -> str:
    """Local wall-clock time with milliseconds: ``14:03:07.125``."""
    stamp = datetime.datetime.fromtimestamp(time_ms / 1000)
    return stamp.strftime("%H:%M:%S.") + f"{time_ms % 1000:03d}"
