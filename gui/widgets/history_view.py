"""The history table with its filter box, direction filter and actions."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.core.outcome import QT_TRANSLATE_NOOP
from gui.core.records import Direction, MessageRecord
from gui.core.times import WIDEST_TIME
from gui.core.turns import TURNS
from gui.models.export import ExportJob
from gui.models.filter import HistoryFilterModel
from gui.models.history import RECORD_ROLE, HistoryModel
from gui.theme import scheme_of
from gui.widgets.commands import bind_button, command
from gui.widgets.export_progress import ExportProgress
from gui.widgets.file_dialogs import FileDialogs
from gui.widgets.json_diff_dialog import JsonDiffDialog
from gui.widgets.schema_mark import SchemaMarkDelegate


class HistoryTable(QTableView):
    """The history's table view; while it paints, the tabs' readers pause
    (:meth:`gui.core.turns.Turns.gui_first`): each cell it paints is a call into the
    model's Python, and under a flood each such call would wait behind them."""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return super().viewportEvent(event)
        with TURNS.gui_first():
            return super().viewportEvent(event)


# label, directions shown, whether received error replies are shown too, and whether
# only received messages that failed their tab's schema are shown.
DIRECTION_CHOICES: list[tuple[str, frozenset[Direction] | None, bool, bool]] = [
    (QT_TRANSLATE_NOOP("HistoryPanel", "All"), None, False, False),
    (QT_TRANSLATE_NOOP("HistoryPanel", "Sent"), frozenset({Direction.SENT}), False, False),
    (QT_TRANSLATE_NOOP("HistoryPanel", "Received"), frozenset({Direction.RECEIVED}), False, False),
    (
        QT_TRANSLATE_NOOP("HistoryPanel", "Sent + received"),
        frozenset({Direction.SENT, Direction.RECEIVED}),
        False,
        False,
    ),
    (
        QT_TRANSLATE_NOOP("HistoryPanel", "System"),
        frozenset({Direction.SYSTEM, Direction.ERROR}),
        False,
        False,
    ),
    # Connection errors, and the server's own {"type": "error", ...} replies.
    (QT_TRANSLATE_NOOP("HistoryPanel", "Errors"), frozenset({Direction.ERROR}), True, False),
    # Received JSON messages that failed the tab's JSON Schema (DESIGN.md, Round 2).
    (QT_TRANSLATE_NOOP("HistoryPanel", "Schema errors"), None, False, True),
]

#: Makes the "All connections" view of the history (a new model each time).
ModelFactory = Callable[[], HistoryModel]


class HistoryPanel(QWidget):
    """Filter row, table and actions (clear, copy, export) over a :class:`HistoryModel`.

    The table follows new rows while it is scrolled to the bottom, and stays put once
    the user scrolls up. With an ``all_model`` factory, :meth:`set_all_connections`
    shows every connection's rows instead of this one's, with a column naming each
    row's connection (a view made when asked for, dropped when left).

    Export runs in a thread, with a progress bar; its outcome is reported, never raised.

    Signals:
        recordSelected(object): the selected :class:`MessageRecord`, or None.
        resendRequested(str text): a sent text message was double-clicked.
        resendBinaryRequested(object record): a sent binary message was double-clicked.
        exportFinished(str message): an export ended (done, failed or cancelled).
        saveToLibraryRequested(str text): a row's "Save to library" (its text).

    Two selected rows can be compared (:meth:`compare_selection`, "Compare…", Ctrl+K).
    """

    recordSelected = Signal(object)
    resendRequested = Signal(str)
    resendBinaryRequested = Signal(object)
    exportFinished = Signal(str)
    saveToLibraryRequested = Signal(str)

    def __init__(
        self,
        model: HistoryModel,
        parent: QWidget | None = None,
        *,
        all_model: ModelFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self.dialogs = FileDialogs()  # the app's own is set by whoever builds this
        self._own_model = model
        self._model = model
        self._all_factory = all_model
        self._all_model: HistoryModel | None = None
        self.proxy = HistoryFilterModel(self)
        self.proxy.setSourceModel(model)
        self._follow = True

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("historyFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter messages"))
        self.filter_edit.setPlaceholderText(self.tr("Filter messages…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.direction_combo = QComboBox(self)
        self.direction_combo.setObjectName("directionFilter")
        self.direction_combo.setAccessibleName(self.tr("Show directions"))
        for label, directions, error_replies, schema_errors in DIRECTION_CHOICES:
            self.direction_combo.addItem(self.tr(label), (directions, error_replies, schema_errors))
        # The panel's commands (the window's menus stand for the current tab's).
        self.clear_action = command(self.tr("Clear"), self, name="clearHistoryAction")
        self.clear_action.setToolTip(self.tr("Delete every message of this history"))
        self.copy_action = command(self.tr("Copy"), self, name="copyMessagesAction")
        self.copy_action.setToolTip(self.tr("Copy the selected messages' content"))
        self.copy_action.setEnabled(False)
        self.export_action = command(self.tr("Export…"), self, name="exportHistoryAction")
        self.export_action.setToolTip(self.tr("Save the shown messages as JSON Lines"))
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clearHistoryButton")
        bind_button(self.clear_button, self.clear_action)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyButton")
        bind_button(self.copy_button, self.copy_action)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportButton")
        bind_button(self.export_button, self.export_action)
        self.export_progress = ExportProgress(self)

        self.table = HistoryTable(self)
        self.table.setObjectName("historyView")
        self.table.setAccessibleName("Message history")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # rows are chosen whole: Tab goes on
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Tall enough for the font (a Japanese one, larger text) with room above and below.
        self.table.verticalHeader().setDefaultSectionSize(
            max(22, self.table.fontMetrics().height() + 8)
        )
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegateForColumn(HistoryModel.FORMAT, SchemaMarkDelegate(self.table))
        # Wide enough for the date that rows of other days show.
        self._time_width = self.table.fontMetrics().horizontalAdvance(WIDEST_TIME) + 16
        self._size_columns()

        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.direction_combo)
        row.addWidget(self.copy_button)
        row.addWidget(self.export_progress)
        row.addWidget(self.export_button)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.direction_combo.currentIndexChanged.connect(self._on_direction_combo_changed)
        self.clear_action.triggered.connect(self._on_clear_clicked)
        self.copy_action.triggered.connect(self.copy_selection)
        self.export_action.triggered.connect(self._on_export_clicked)
        self.export_progress.finished.connect(self._on_export_finished)
        self.export_progress.failed.connect(self._on_export_failed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.verticalScrollBar().valueChanged.connect(self._on_scroll_changed)
        self.proxy.rowsInserted.connect(self._on_proxy_rows_inserted)
        self.proxy.modelReset.connect(self._on_proxy_model_reset)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(self.copy_action)
        self.table.addAction(self._save_to_library_action())
        self.compare_action = self._compare_action()
        self.table.addAction(self.compare_action)
        self.addAction(self._clear_filter_action())
        # Timers and queued calls name the panel as their context: none runs once it is gone.
        QTimer.singleShot(0, self, self._scroll_to_bottom_if_following)

    # --- public --------------------------------------------------------------------

    @property
    def model(self) -> HistoryModel:
        """The model shown: this connection's, or the "All connections" one."""
        return self._model

    @property
    def showing_all(self) -> bool:
        """True while every connection's rows are shown."""
        return self._all_model is not None

    def set_all_connections(self, on: bool) -> None:
        """Show every connection's rows (on) or this connection's (off)."""
        if self._all_factory is None or on == self.showing_all:
            return
        if on:
            self._all_model = self._all_factory()
            self._show_model(self._all_model)
        else:
            self._show_model(self._own_model)
            dropped, self._all_model = self._all_model, None
            if dropped is not None:
                dropped.close()
                dropped.deleteLater()

    def close_views(self) -> None:
        """Stop following the history (the tab is closing)."""
        self.export_progress.cancel()
        if self._all_model is not None:
            self._all_model.close()

    def selected_records(self) -> list[MessageRecord]:
        """The selected records, in table order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(row, 0).data(RECORD_ROLE) for row in rows]

    def shown_records(self) -> list[MessageRecord]:
        """The records that pass the filter, in table order."""
        return [self.proxy.index(row, 0).data(RECORD_ROLE) for row in range(self.proxy.rowCount())]

    @Slot()
    def copy_selection(self) -> None:
        """Copy the selected messages' content (one per line) to the clipboard."""
        records = self.selected_records()
        if records:
            QGuiApplication.clipboard().setText("\n".join(rec.text for rec in records))

    def export_to(self, path: pathlib.Path) -> int:
        """Write the shown messages as JSON Lines to ``path`` now, on this thread; return
        how many. Raises ``OSError`` when it cannot (the Export button never does: see
        :meth:`start_export`)."""
        return ExportJob(self._model.export_source(), path).run()

    def start_export(self, path: pathlib.Path) -> None:
        """Export the shown messages to ``path`` in a thread, with a progress bar."""
        self.export_progress.start(self._model.export_source(), path)
        self.export_action.setText(self.tr("Cancel export"))

    def apply_filter_now(self) -> None:
        """Apply the filter box's text at once (skipping the typing debounce)."""
        self._filter_timer.stop()
        self.proxy.set_text(self.filter_edit.text())

    # --- internals -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: so do the rows
            scheme = scheme_of(self.palette())
            for model in (self._own_model, self._all_model):
                if model is not None:
                    model.set_scheme(scheme)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        widths = [(HistoryModel.TIME, self._time_width), (1, 80), (2, 90), (3, 70)]
        if self._model.columnCount() > HistoryModel.CONNECTION:
            widths.append((HistoryModel.CONNECTION, 130))
            # The connection reads best next to the time, before the long content.
            header.moveSection(header.visualIndex(HistoryModel.CONNECTION), 1)
        for column, width in widths:
            header.resizeSection(column, width)
        header.setSectionResizeMode(HistoryModel.CONTENT, QHeaderView.ResizeMode.Stretch)

    def _show_model(self, model: HistoryModel) -> None:
        self._model = model
        self.proxy.setSourceModel(model)
        directions, error_replies, schema_errors = self.direction_combo.currentData()
        self.proxy.set_directions(
            directions, error_replies=error_replies, schema_errors=schema_errors
        )
        self.proxy.set_text(self.filter_edit.text())
        self._size_columns()
        self._follow = True
        self.recordSelected.emit(None)
        QTimer.singleShot(0, self, self._scroll_to_bottom_if_following)

    def _save_to_library_action(self) -> QAction:
        action = QAction(self.tr("Save to library…"), self.table)
        action.setObjectName("saveRowToLibraryAction")
        action.triggered.connect(self._on_save_to_library_triggered)
        return action

    @Slot()
    def _on_save_to_library_triggered(self) -> None:
        index = self.table.currentIndex()
        rec = index.data(RECORD_ROLE) if index.isValid() else None
        if not isinstance(rec, MessageRecord):
            records = self.selected_records()
            rec = records[-1] if records else None
        if rec is not None and not rec.is_binary:
            self.saveToLibraryRequested.emit(rec.text)

    def _compare_action(self) -> QAction:
        action = QAction(self.tr("Compare…"), self.table)
        action.setObjectName("compareRowsAction")
        action.setToolTip(self.tr("Compare the two selected messages (Ctrl+K)"))
        action.setShortcut(QKeySequence("Ctrl+K"))  # Ctrl+D: save to library
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setEnabled(False)
        action.triggered.connect(self.compare_selection)
        return action

    @Slot()
    def compare_selection(self) -> JsonDiffDialog | None:
        """Show the differences between the two selected rows (the earlier first);
        None when not exactly two are selected."""
        records = self.selected_records()
        if len(records) != 2:
            return None
        dialog = JsonDiffDialog(records[0], records[1], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _clear_filter_action(self) -> QAction:
        action = QAction(self.tr("Clear the filter"), self)
        action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(self._on_clear_filter_triggered)
        return action

    @Slot()
    def _on_clear_filter_triggered(self) -> None:
        """Escape in the filter box or the table: show every row again."""
        self.filter_edit.clear()
        self.apply_filter_now()

    @Slot(int)
    def _on_scroll_changed(self, value: int) -> None:
        self._follow = value >= self.table.verticalScrollBar().maximum()

    @Slot()
    def _on_proxy_model_reset(self) -> None:
        self.copy_action.setEnabled(self.table.selectionModel().hasSelection())

    @Slot(QModelIndex, int, int)
    def _on_proxy_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._follow:
            # After the layout update, so the new maximum is known.
            QTimer.singleShot(0, self, self._scroll_to_bottom_if_following)

    @Slot()
    def _scroll_to_bottom_if_following(self) -> None:
        if self._follow:
            self.table.scrollToBottom()

    @Slot()
    def _on_filter_timer_timeout(self) -> None:
        self.proxy.set_text(self.filter_edit.text())

    @Slot(int)
    def _on_direction_combo_changed(self, index: int) -> None:
        directions, error_replies, schema_errors = self.direction_combo.itemData(index)
        self.proxy.set_directions(
            directions, error_replies=error_replies, schema_errors=schema_errors
        )

    @Slot()
    def _on_clear_clicked(self) -> None:
        count = self._model.total()
        if count:
            answer = QMessageBox.question(
                self,
                self.tr("Clear history"),
                self.tr(
                    "Delete all {count} messages from the history? This cannot be undone."
                ).format(count=count),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._model.clear()
        self._follow = True
        self.recordSelected.emit(None)

    @Slot()
    def _on_export_clicked(self) -> None:
        if self.export_progress.running:
            self.export_progress.cancel()
            return
        chosen = self.dialogs.save_file(
            self,
            self.tr("Export history"),
            "history.jsonl",
            self.tr("JSON Lines (*.jsonl);;All files (*)"),
        )
        if chosen is not None:
            self.start_export(chosen)

    @Slot(str)
    def _on_export_finished(self, message: str) -> None:
        self.export_action.setText(self.tr("Export…"))
        self.exportFinished.emit(message)

    @Slot(str)
    def _on_export_failed(self, message: str) -> None:
        self.export_action.setText(self.tr("Export…"))
        self.exportFinished.emit(message)
        if not self.export_progress.last_cancelled:
            QMessageBox.warning(self, self.tr("Export failed"), message)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        rec = index.data(RECORD_ROLE)
        if isinstance(rec, MessageRecord) and rec.direction is Direction.SENT:
            if rec.is_binary:
                self.resendBinaryRequested.emit(rec)
            else:
                self.resendRequested.emit(rec.text)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        selection = self.table.selectionModel()
        self.copy_action.setEnabled(selection.hasSelection())
        self.compare_action.setEnabled(len(selection.selectedRows()) == 2)
        current = selection.currentIndex()
        if current.isValid() and selection.isRowSelected(current.row(), QModelIndex()):
            self.recordSelected.emit(current.data(RECORD_ROLE))
            return
        rows = selection.selectedRows()
        self.recordSelected.emit(rows[-1].data(RECORD_ROLE) if rows else None)
