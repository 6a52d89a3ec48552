"""Filtering the history by text and by direction, through a proxy model."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from gui.core.records import Direction, MessageRecord
from gui.models.history import RECORD_ROLE


class HistoryFilterModel(QSortFilterProxyModel):
    """Shows the rows whose content contains a text (case-insensitive) and whose
    direction is in an allowed set. Both empty/None mean "everything".
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._directions: frozenset[Direction] | None = None

    def set_text(self, text: str) -> None:
        """Only show rows whose content contains ``text`` (ignoring case)."""
        needle = text.casefold()
        if needle != self._needle:
            self._change(lambda: setattr(self, "_needle", needle))

    def set_directions(self, directions: frozenset[Direction] | None) -> None:
        """Only show rows in these directions (``None``: all)."""
        if directions != self._directions:
            self._change(lambda: setattr(self, "_directions", directions))

    def _change(self, apply: Callable[[], None]) -> None:
        # Qt 6.9 added begin/endFilterChange; older ones only have invalidateRowsFilter.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            apply()
            self.endFilterChange()
        else:
            apply()
            self.invalidateRowsFilter()

    def accepts(self, rec: MessageRecord) -> bool:
        """Whether a record passes the current filter."""
        if self._directions is not None and rec.direction not in self._directions:
            return False
        return not self._needle or self._needle in rec.text.casefold()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._directions is None and not self._needle:
            return True
        model = self.sourceModel()
        rec = model.data(model.index(source_row, 0, source_parent), RECORD_ROLE)
        return rec is not None and self.accepts(rec)
