"""Filtering the history by text and by direction, through a proxy model."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QIdentityProxyModel, QObject

from gui.core.filtering import fold
from gui.core.records import Direction, MessageRecord
from gui.models.history import HistoryModel


class HistoryFilterModel(QIdentityProxyModel):
    """Shows the rows whose content contains a text (case-insensitive, see
    :mod:`gui.core.filtering`) and whose direction is in an allowed set. Both
    empty/None mean "everything".

    The work is the source :class:`HistoryModel`'s: it filters in SQL, over the whole
    stored history, rather than a proxy asking for every one of a million rows. This
    proxy keeps the view's API (and lets a view swap models) and passes rows through.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def _history(self) -> HistoryModel:
        source = self.sourceModel()
        if not isinstance(source, HistoryModel):
            raise TypeError("HistoryFilterModel needs a HistoryModel as its source")
        return source

    def set_text(self, text: str) -> None:
        """Only show rows whose content contains ``text`` (ignoring case)."""
        history = self._history()
        history.set_row_filter(replace(history.row_filter, needle=fold(text)))

    def set_directions(
        self,
        directions: frozenset[Direction] | None,
        *,
        error_replies: bool = False,
        schema_errors: bool = False,
    ) -> None:
        """Only show rows in these directions (``None``: all); with ``error_replies``,
        received error replies (``{"type": "error", ...}``) too; with
        ``schema_errors``, only received messages that failed their tab's schema."""
        history = self._history()
        history.set_row_filter(
            replace(
                history.row_filter,
                directions=directions,
                error_replies=error_replies,
                schema_errors=schema_errors,
            )
        )

    def accepts(self, rec: MessageRecord) -> bool:
        """Whether a record passes the current filter."""
        return self._history().accepts(rec)
