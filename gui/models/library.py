"""The message library as a tree model (folders, saved messages) and its search proxy.

One :class:`LibraryModel` is built in :mod:`gui.app` and shared by every tab. The model
reads the :class:`~gui.models.library_store.LibraryStore` whole after each change (a
library holds hundreds of messages, not millions) and resets; the view puts its
expanded folders back. Its changes go to the store first, so what the tree shows is
always what the file holds.

Drag and drop moves messages and folders into the folder they are dropped on (the
drop is carried out by :meth:`LibraryModel.dropMimeData`, never by removing rows).
"""

from __future__ import annotations

import json
import pathlib
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QStyle

from gui.core.library import (
    LibraryDocument,
    LibraryEntry,
    is_within,
    leaf,
    library_document,
    parse_library,
)
from gui.core.records import plain_tooltip
from gui.models.library_store import LibraryStore

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the LibraryEntry of a message row (None: folder)
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 2  # a folder's path; a message's folder
MIME_TYPE = "application/x-tsushin-library-items"

_Index = QModelIndex | QPersistentModelIndex


class _Node:
    """A folder (``entry`` None) or a saved message in the tree."""

    __slots__ = ("children", "entry", "parent", "path")

    def __init__(self, parent: _Node | None, path: str, entry: LibraryEntry | None = None):
        self.parent = parent
        self.path = path  # a folder's own path, a message's folder
        self.entry = entry
        self.children: list[_Node] = []

    @property
    def name(self) -> str:
        return self.entry.name if self.entry is not None else leaf(self.path)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


class LibraryModel(QAbstractItemModel):
    """Folders (sorted, first) and their saved messages (sorted by name), one column.

    Signals:
        changed(): the library changed (the tree was read again).
    """

    changed = Signal()

    def __init__(self, store: LibraryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._root = _Node(None, "")
        self._refresh_due = False
        self._build()

    # --- reading ------------------------------------------------------------------------

    def _build(self) -> None:
        root = _Node(None, "")
        folders: dict[str, _Node] = {"": root}
        for path in self.store.folders():
            parent_path = path.rpartition("/")[0]
            parent = folders.get(parent_path, root)
            node = _Node(parent, path)
            parent.children.append(node)
            folders[path] = node
        for folder in folders.values():
            folder.children.sort(key=lambda n: n.name.casefold())
        for entry in self.store.entries():
            parent = folders.get(entry.folder, root)
            parent.children.append(_Node(parent, entry.folder, entry))
        self._root = root

    def refresh(self) -> None:
        """Read the store again and show it."""
        self._refresh_due = False
        self.beginResetModel()
        self._build()
        self.endResetModel()
        self.changed.emit()

    def _refresh_later(self) -> None:
        # Not while a view is inside its drop event.
        if not self._refresh_due:
            self._refresh_due = True
            QTimer.singleShot(0, self, self.refresh)

    def entries(self) -> list[LibraryEntry]:
        """Every saved message, as stored."""
        return self.store.entries()

    def folders(self) -> list[str]:
        """Every folder path."""
        return self.store.folders()

    def index_of_entry(self, entry_id: int) -> QModelIndex:
        """The index of saved message ``entry_id`` (invalid when there is none)."""
        return self._find(lambda n: n.entry is not None and n.entry.id == entry_id)

    def index_of_folder(self, path: str) -> QModelIndex:
        """The index of folder ``path`` (invalid for the top, or none)."""
        return self._find(lambda n: n.entry is None and n.path == path and n is not self._root)

    def _find(self, test: Any) -> QModelIndex:
        stack = [self._root]
        while stack:
            node = stack.pop()
            if node is not self._root and test(node):
                return self.createIndex(node.row(), 0, node)
            stack.extend(node.children)
        return QModelIndex()

    # --- changes (to the store, then the tree) -----------------------------------------------

    def add(
        self,
        folder: str,
        name: str,
        text: str,
        expect_match: str | None = None,
        expect_schema: str | None = None,
    ) -> LibraryEntry:
        """Save a message; raises LibraryError (bad name or expectation) or sqlite3.Error."""
        entry = self.store.add(folder, name, text, expect_match, expect_schema)
        self.refresh()
        return entry

    def add_folder(self, parent: str, name: str) -> str:
        """Make a folder; return its path."""
        path = self.store.add_folder(parent, name)
        self.refresh()
        return path

    def update(self, entry: LibraryEntry) -> LibraryEntry:
        """Write a saved message's name, text and expected reply."""
        stored = self.store.update(entry)
        self.refresh()
        return stored

    def rename_entry(self, entry_id: int, name: str) -> LibraryEntry:
        """Rename a saved message."""
        stored = self.store.rename(entry_id, name)
        self.refresh()
        return stored

    def rename_folder(self, path: str, name: str) -> str:
        """Rename a folder; return its new path."""
        new = self.store.move_folder(path, path.rpartition("/")[0], name)
        self.refresh()
        return new

    def move(self, entry_ids: Sequence[int], folders: Sequence[str], target: str) -> None:
        """Move saved messages and folders into folder ``target``."""
        for path in folders:
            if not is_within(target, path):  # not into itself
                self.store.move_folder(path, target)
        if entry_ids:
            self.store.move(list(entry_ids), target)
        self.refresh()

    def delete(self, entry_ids: Sequence[int], folders: Sequence[str]) -> None:
        """Delete saved messages and folders (with what they hold)."""
        for path in folders:
            self.store.delete_folder(path)
        if entry_ids:
            self.store.delete(list(entry_ids))
        self.refresh()

    def import_text(self, text: str, into: str = "") -> int:
        """Import a library file's text, all or nothing; return how many messages came
        in. Raises LibraryError (not a library file) before anything is written."""
        document: LibraryDocument = parse_library(text)
        count = self.store.import_document(document, into)
        self.refresh()
        return count

    def export_to(self, path: pathlib.Path, folder: str | None = None) -> int:
        """Write the library (or folder ``folder`` and what it holds) as a library file;
        return how many messages it holds. Raises OSError."""
        entries = self.store.entries()
        folders = self.store.folders()
        if folder:
            entries = [e for e in entries if is_within(e.folder, folder)]
            folders = [f for f in folders if is_within(f, folder)]
        document = library_document(folders, entries)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
        return len(entries)

    # --- QAbstractItemModel --------------------------------------------------------------

    def _node(self, index: _Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return bool(self._node(parent).children)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return node.name
        if role == Qt.ItemDataRole.DecorationRole:
            style = QApplication.style()
            kind = QStyle.StandardPixmap
            return style.standardIcon(kind.SP_DirIcon if node.entry is None else kind.SP_FileIcon)
        if role == ENTRY_ROLE:
            return node.entry
        if role == FOLDER_ROLE:
            return node.path
        if role == Qt.ItemDataRole.ToolTipRole and node.entry is not None:
            tip = node.entry.text
            if node.entry.has_expectation:
                tip += "\n\n" + self.tr("Expected reply:")
                for text in (node.entry.expect_match, node.entry.expect_schema):
                    if text is not None:
                        tip += "\n" + text
            return plain_tooltip(tip, 600)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled  # the top of the library takes drops
        if not index.isValid():
            return base
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemIsDragEnabled
        if self._node(index).entry is None:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        else:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # type: ignore[override]
        entries: list[int] = []
        folders: list[str] = []
        for index in indexes:
            node = self._node(index)
            if node.entry is not None:
                entries.append(node.entry.id)
            elif node is not self._root:
                folders.append(node.path)
        mime = QMimeData()
        payload = json.dumps({"entries": entries, "folders": folders})
        mime.setData(MIME_TYPE, QByteArray(payload.encode("utf-8")))
        return mime

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        try:
            items = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
            entries = [int(i) for i in items["entries"]]
            folders = [str(p) for p in items["folders"]]
        except (ValueError, KeyError, TypeError):
            return False
        target = self._node(parent).path  # a message dropped on: its folder
        for path in folders:
            if not is_within(target, path):
                self.store.move_folder(path, target)
        if entries:
            self.store.move(entries, target)
        self._refresh_later()
        return True


class LibraryFilter(QSortFilterProxyModel):
    """Shows the saved messages whose name or text holds the search text (case folded),
    with their folders, and folders whose name holds it, with everything in them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_needle(self, text: str) -> None:
        """Filter by ``text`` (empty: show everything)."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._needle = text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = text.strip().casefold()
            self.invalidateRowsFilter()

    @property
    def needle(self) -> str:
        """The search text, case folded."""
        return self._needle

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if self._needle in name.casefold():
            return True
        entry = index.data(ENTRY_ROLE)
        return isinstance(entry, LibraryEntry) and self._needle in entry.text.casefold()
