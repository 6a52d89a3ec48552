"""The message library panel: search, the tree of saved messages, and its commands."""

from __future__ import annotations

import pathlib
import sqlite3

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.core.library import LibraryEntry, LibraryError, default_name, leaf
from gui.models.library import ENTRY_ROLE, FOLDER_ROLE, LibraryFilter, LibraryModel
from gui.widgets.commands import OwnShortcuts, bind_button
from gui.widgets.expectation_dialog import ExpectationDialog
from gui.widgets.file_dialogs import FileDialogs
from gui.words import word


class LibraryPanel(QWidget):
    """``librarySearch`` over ``libraryView`` (folders and saved messages), with
    ``saveToLibraryButton`` (saves the current tab's editor text), a new-folder,
    import and export button, and a context menu: load, rename, move, edit the
    expected reply, delete. A double-click loads a message into the editor; drag and
    drop moves messages and folders.

    Signals:
        saveRequested(): Save was clicked (the window answers with :meth:`save_text`).
        loadRequested(str text): put this text into the current tab's editor.
        statusMessage(str text, int ms): a passing word for the status bar.
    """

    saveRequested = Signal()
    loadRequested = Signal(str)
    statusMessage = Signal(str, int)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs = FileDialogs()  # the app's own is set by whoever builds this
        self.model = model
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(model)
        self._expanded: set[str] = set()

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setPlaceholderText(self.tr("Search names and texts…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search the library"))
        self.view = QTreeView(self)
        self.view.setObjectName("libraryView")
        self.view.setAccessibleName(self.tr("Message library"))
        self.view.setModel(self.proxy)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.save_action = QAction(self.tr("Save editor text"), self)
        self.save_action.setObjectName("saveToLibraryAction")
        self.save_action.setToolTip(self.tr("Save the current tab's editor text in the library"))
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveToLibraryButton")
        bind_button(self.save_button, self.save_action)
        self.folder_action = QAction(self.tr("New folder…"), self)
        self.import_action = QAction(self.tr("Import…"), self)
        self.export_action = QAction(self.tr("Export…"), self)
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("libraryMoreButton")
        self.more_button.setText(self.tr("More"))
        self.more_button.setToolTip(self.tr("New folder, import, export"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        for action in (self.folder_action, self.import_action, self.export_action):
            more.addAction(action)
        self.more_button.setMenu(more)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.save_button, 1)
        buttons.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self._delete_action = QAction(self.tr("Delete"), self.view)
        self._delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self._delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_action.triggered.connect(self.delete_selected)
        self.view.addAction(self._delete_action)
        self._rename_action = QAction(self.tr("Rename…"), self.view)
        self._rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self._rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._rename_action.triggered.connect(self.rename_current)
        self.view.addAction(self._rename_action)
        # F2 is the window's Rename tab too: in the library, it renames the entry.
        self._own_keys = OwnShortcuts(self.view, [self._rename_action, self._delete_action])

        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.save_action.triggered.connect(self.saveRequested)
        self.folder_action.triggered.connect(self._on_folder_action_triggered)
        self.import_action.triggered.connect(self._on_import_action_triggered)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        model.modelReset.connect(self._on_model_reset)

    # --- selection -------------------------------------------------------------------------

    def _source(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapToSource(index) if index.model() is self.proxy else index

    def selected(self) -> tuple[list[LibraryEntry], list[str]]:
        """The selected saved messages and folders."""
        entries: list[LibraryEntry] = []
        folders: list[str] = []
        for index in self.view.selectionModel().selectedRows():
            entry = index.data(ENTRY_ROLE)
            if isinstance(entry, LibraryEntry):
                entries.append(entry)
            else:
                folders.append(str(index.data(FOLDER_ROLE)))
        return entries, folders

    def current_folder(self) -> str:
        """Where a new message or folder goes: the current folder, or the folder of
        the current message (the top when nothing is current)."""
        index = self.view.currentIndex()
        return str(index.data(FOLDER_ROLE)) if index.isValid() else ""

    def select_entry(self, entry_id: int) -> None:
        """Make saved message ``entry_id`` current (and shown)."""
        self._select(self.model.index_of_entry(entry_id))

    def select_folder(self, path: str) -> None:
        """Make folder ``path`` current (and shown)."""
        self._select(self.model.index_of_folder(path))

    def _select(self, source: QModelIndex) -> None:
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.view.scrollTo(index)
            self.view.setCurrentIndex(index)

    # --- commands ------------------------------------------------------------------------

    def save_text(self, text: str, folder: str | None = None) -> LibraryEntry | None:
        """Ask for a name and save ``text`` in ``folder`` (default: the current one)."""
        if not text.strip():
            self.statusMessage.emit(self.tr("Nothing to save: the text is empty"), 4000)
            return None
        name, ok = QInputDialog.getText(
            self, self.tr("Save to library"), self.tr("Name:"), text=default_name(text)
        )
        if not ok:
            return None
        target = self.current_folder() if folder is None else folder
        try:
            entry = self.model.add(target, name, text)
        except (LibraryError, sqlite3.Error) as exc:
            self._refused(self.tr("Not saved"), exc)
            return None
        self.select_entry(entry.id)
        where = target or self.tr("the library")
        self.statusMessage.emit(
            self.tr("Saved {name} in {where}").format(name=entry.name, where=where), 4000
        )
        return entry

    def new_folder(self) -> str | None:
        """Ask for a name and make a folder in the current one."""
        name, ok = QInputDialog.getText(self, self.tr("New folder"), self.tr("Folder name:"))
        if not ok:
            return None
        try:
            path = self.model.add_folder(self.current_folder(), name)
        except (LibraryError, sqlite3.Error) as exc:
            self._refused(self.tr("No folder made"), exc)
            return None
        self.select_folder(path)
        return path

    @Slot()
    def rename_current(self) -> None:
        """Ask for a new name for the current message or folder."""
        index = self.view.currentIndex()
        if not index.isValid():
            return
        entry = index.data(ENTRY_ROLE)
        old = entry.name if isinstance(entry, LibraryEntry) else leaf(str(index.data(FOLDER_ROLE)))
        name, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("New name:"), text=old)
        if not ok:
            return
        try:
            if isinstance(entry, LibraryEntry):
                renamed = self.model.rename_entry(entry.id, name)
                self.select_entry(renamed.id)
            else:
                self.select_folder(self.model.rename_folder(str(index.data(FOLDER_ROLE)), name))
        except (LibraryError, ValueError, sqlite3.Error) as exc:
            self._refused(self.tr("Not renamed"), exc)

    def move_selected(self) -> None:
        """Ask for a folder and move the selection into it."""
        entries, folders = self.selected()
        if not entries and not folders:
            return
        top = self.tr("(top of the library)")
        choices = [top, *self.model.folders()]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Move to folder"), self.tr("Folder:"), choices, 0, False
        )
        if ok:
            self.move_to("" if choice == top else choice, entries, folders)

    def move_to(self, target: str, entries: list[LibraryEntry], folders: list[str]) -> None:
        """Move saved messages and folders into ``target``."""
        try:
            self.model.move([e.id for e in entries], folders, target)
        except (LibraryError, ValueError, sqlite3.Error) as exc:
            self._refused(self.tr("Not moved"), exc)

    @Slot()
    def delete_selected(self) -> None:
        """Delete the selection, once the user agrees."""
        entries, folders = self.selected()
        if not entries and not folders:
            return
        names = [e.name for e in entries] + [leaf(f) + "/" for f in folders]
        shown = ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
        question = self.tr("Delete {names} from the library?").format(names=shown)
        if folders:
            question += " " + self.tr("A folder goes with everything in it.")
        answer = QMessageBox.question(
            self,
            self.tr("Delete"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.model.delete([e.id for e in entries], folders)
        except sqlite3.Error as exc:
            self._refused(self.tr("Not deleted"), exc)

    def edit_expectation(self, entry: LibraryEntry) -> None:
        """Edit the expected reply of ``entry``."""
        dialog = ExpectationDialog(entry.expect_match, entry.expect_schema, self)
        try:
            if dialog.exec() != ExpectationDialog.DialogCode.Accepted:
                return
            match, schema = dialog.values()
        finally:
            dialog.deleteLater()
        changed = LibraryEntry(entry.id, entry.folder, entry.name, entry.text, match, schema)
        try:
            self.model.update(changed)
        except (LibraryError, sqlite3.Error) as exc:
            self._refused(self.tr("Not saved"), exc)
            return
        self.select_entry(entry.id)

    def import_file(self, path: pathlib.Path) -> int | None:
        """Import a library file into the current folder; a file that is not a library
        is refused whole (said in a message box), and the library stays as it was."""
        try:
            text = path.read_text("utf-8-sig")
            count = self.model.import_text(text, self.current_folder())
        except (OSError, UnicodeDecodeError, LibraryError, sqlite3.Error) as exc:
            reason = word(exc.problem) if isinstance(exc, LibraryError) else str(exc)
            message = self.tr("{file} was not imported: {reason}").format(
                file=path.name, reason=reason
            )
            self.statusMessage.emit(message, 10_000)
            QMessageBox.warning(self, self.tr("Import failed"), message)
            return None
        self.statusMessage.emit(
            self.tr("Imported {count} messages from {file}").format(count=count, file=path.name),
            6000,
        )
        return count

    def export_file(self, path: pathlib.Path, folder: str | None = None) -> int | None:
        """Write the library (or ``folder``) to ``path``; say how it went."""
        try:
            count = self.model.export_to(path, folder)
        except OSError as exc:
            message = self.tr("The library was not exported: {reason}").format(reason=exc)
            self.statusMessage.emit(message, 10_000)
            QMessageBox.warning(self, self.tr("Export failed"), message)
            return None
        self.statusMessage.emit(
            self.tr("Exported {count} messages to {file}").format(count=count, file=path.name),
            6000,
        )
        return count

    def _file_types(self) -> str:
        return self.tr("Tsushin library (*.json);;All files (*)")

    def _refused(self, what: str, exc: Exception) -> None:
        reason = word(exc.problem) if isinstance(exc, LibraryError) else str(exc)
        self.statusMessage.emit(f"{what}: {reason}", 8000)

    # --- slots -------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_needle(text)
        if self.proxy.needle:
            self.view.expandAll()

    @Slot(QModelIndex)
    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, LibraryEntry):
            self.loadRequested.emit(entry.text)

    @Slot(QPoint)
    def _on_view_context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid() and not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)
        elif not index.isValid():
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        menu = QMenu(self)
        if isinstance(entry, LibraryEntry):
            menu.addAction(self.tr("Load into editor"), lambda: self.loadRequested.emit(entry.text))
            menu.addAction(self.tr("Expected reply…"), lambda: self.edit_expectation(entry))
        if index.isValid():
            menu.addAction(self._rename_action)
            menu.addAction(self.tr("Move to…"), self.move_selected)
            menu.addAction(self._delete_action)
            menu.addSeparator()
        menu.addAction(self.tr("New folder…"), self.new_folder)
        if index.isValid() and entry is None:
            folder = str(index.data(FOLDER_ROLE))
            menu.addAction(self.tr("Export this folder…"), lambda: self._ask_export(folder))
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    @Slot()
    def _on_folder_action_triggered(self) -> None:
        self.new_folder()

    @Slot()
    def _on_import_action_triggered(self) -> None:
        chosen = self.dialogs.open_file(
            self, self.tr("Import into the library"), self._file_types()
        )
        if chosen is not None:
            self.import_file(chosen)

    @Slot()
    def _on_export_action_triggered(self) -> None:
        self._ask_export(None)

    def _ask_export(self, folder: str | None) -> None:
        suggested = f"{leaf(folder)}.json" if folder else "library.json"
        chosen = self.dialogs.save_file(
            self, self.tr("Export the library"), suggested, self._file_types()
        )
        if chosen is not None:
            self.export_file(chosen, folder)

    @Slot()
    def _on_model_about_to_be_reset(self) -> None:
        self._expanded = set()
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if self.view.isExpanded(index):
                    self._expanded.add(str(index.data(FOLDER_ROLE)))
                    stack.append(index)

    @Slot()
    def _on_model_reset(self) -> None:
        for path in self._expanded:
            index = self.proxy.mapFromSource(self.model.index_of_folder(path))
            if index.isValid():
                self.view.expand(index)
        if self.proxy.needle:
            self.view.expandAll()


class LibraryDock(QDockWidget):
    """``libraryDock``: the :class:`LibraryPanel` at the side of the window (it can be
    closed, floated or moved; View ▸ Library brings it back)."""

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Library"), parent)
        self.setObjectName("libraryDock")
        self.panel = LibraryPanel(model, self)
        self.setWidget(self.panel)
        self.toggleViewAction().setText(self.tr("&Library"))
