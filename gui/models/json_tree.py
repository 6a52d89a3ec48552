"""A JSON document as a tree model, made as the view asks for it.

The nodes are :class:`gui.core.jsontree.JsonNode`, which make their children on
demand. The model shows none of a container's children until the view expands it
(``canFetchMore`` / ``fetchMore``, which a view calls when it opens a node). A
``QTreeView`` asks for the index, flags and children of every row it lays out, so a
100,000-item array opened in one go would hold the window for seconds: a container of
more than :data:`~gui.core.jsontree.GROUP` children shows them in groups
(``[0…999]``), and no node opens more rows than that. The cost of showing a document
is the cost of what is opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gui.core import jsontree
from gui.core.jsontree import JsonNode
from gui.core.records import plain_tooltip

PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # the node's JSON path, "$.data.items[2]"

_Index = QModelIndex | QPersistentModelIndex
# Made once: flags() is called for every row a view lays out.
_BRANCH = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF = _BRANCH | Qt.ItemFlag.ItemNeverHasChildren


class JsonTreeModel(QAbstractItemModel):
    """Key, value and type of each node of one JSON document, under one root row
    (``$``). Empty until :meth:`set_document`."""

    KEY, VALUE, TYPE = range(3)
    FETCH = jsontree.GROUP  # children made at once: a node never has more

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root: JsonNode | None = None
        self._matches: frozenset[jsontree.Path] = frozenset()
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = (self.tr("Key"), self.tr("Value"), self.tr("Type"))

    # --- the document ----------------------------------------------------------------

    def set_document(self, document: Any) -> None:
        """Show ``document`` (a parsed JSON value)."""
        self.beginResetModel()
        self._root = JsonNode(document)
        self._matches = frozenset()
        self.endResetModel()

    def clear(self) -> None:
        """Show nothing."""
        self.beginResetModel()
        self._root = None
        self._matches = frozenset()
        self.endResetModel()

    @property
    def has_document(self) -> bool:
        """True while a document is shown."""
        return self._root is not None

    @property
    def document(self) -> Any:
        """The document shown (None when there is none: see :attr:`has_document`)."""
        return None if self._root is None else self._root.value

    def root_index(self) -> QModelIndex:
        """The root row (``$``)."""
        return self.index(0, 0)

    def set_matches(self, paths: list[jsontree.Path]) -> None:
        """Show the nodes at ``paths`` in bold (a search's matches). Rows already on
        screen change at the view's next paint (the view repaints itself)."""
        self._matches = frozenset(paths)

    def index_for_path(self, path: jsontree.Path) -> QModelIndex:
        """The index of the node at ``path`` (column 0), making the nodes on the way
        (and telling the view of them); invalid when there is no such node."""
        node = self._root
        if node is None:
            return QModelIndex()
        for part in path:
            position = node.position_of(part)
            if position < 0:
                return QModelIndex()
            while True:  # down through the groups to the item
                row = node.row_towards(position)
                if row >= len(node.kids):
                    self._grow(node, row + 1 - len(node.kids))
                node = node.kids[row]
                if not node.is_group:
                    break
        return self.createIndex(node.row, 0, node)

    def node_of(self, index: _Index) -> JsonNode | None:
        """The node at ``index`` (its value, path...), or None. The value is not a data
        role: Qt would copy a large container into a QVariant."""
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, JsonNode) else None

    def fetch_all(self, index: _Index, budget: int) -> int:
        """Make the nodes under ``index`` a level at a time, no more than ``budget``
        of them; return how many levels under it are all made (-1: every one)."""
        level = [node] if (node := self.node_of(index)) is not None else []
        made = depth = 0
        while level:
            wanted = sum(node.size - len(node.kids) for node in level)
            if made + wanted > budget:
                return depth
            made += wanted
            for node in level:
                self._grow(node, node.size)
            level = [kid for node in level for kid in node.kids if kid.size]
            depth += 1
        return -1

    # --- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < 3 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row == 0 and self._root is not None:
                return self.createIndex(0, column, self._root)
            return QModelIndex()
        node = self.node_of(parent)
        if node is None or parent.column() != 0 or row >= len(node.kids):
            return QModelIndex()
        return self.createIndex(row, column, node.kids[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node_of(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return 1 if self._root is not None else 0
        node = self.node_of(parent)
        if node is None or parent.column() != 0:
            return 0
        return len(node.kids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return self._root is not None
        node = self.node_of(parent)
        return node is not None and parent.column() == 0 and node.size > 0

    def canFetchMore(self, parent: _Index) -> bool:
        node = self.node_of(parent)
        return node is not None and parent.column() == 0 and node.more

    def fetchMore(self, parent: _Index) -> None:
        node = self.node_of(parent)
        if node is not None and parent.column() == 0:
            self._grow(node, self.FETCH)

    def _grow(self, node: JsonNode, count: int) -> None:
        rows = node.next_rows(count)
        if not rows:
            return
        self.beginInsertRows(self.createIndex(node.row, 0, node), rows.start, rows.stop - 1)
        node.grow(count)
        self.endInsertRows()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < 3
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node_of(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if node.is_group:
                return self._group_text(node, column)
            if column == self.KEY:
                return "$" if node.parent is None else str(node.key)
            if column == self.VALUE:
                return jsontree.preview(node.value)
            return self._type_text(node.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.VALUE and not jsontree.is_container(node.value):
                return plain_tooltip(jsontree.preview(node.value, limit=2000))
            return plain_tooltip(node.json_path())
        if role == Qt.ItemDataRole.FontRole and self._matches and not node.is_group:
            return self._bold if node.path() in self._matches else None
        if role == PATH_ROLE:
            return node.json_path()
        return None

    def _group_text(self, node: JsonNode, column: int) -> str:
        if column == self.KEY:
            return f"[{node.lo}…{node.hi - 1}]"
        if column == self.VALUE:
            count = f"{node.hi - node.lo:,}"
            if isinstance(node.value, dict):
                return self.tr("{n} keys of {total}").format(n=count, total=f"{len(node.value):,}")
            return self.tr("{n} items of {total}").format(n=count, total=f"{len(node.value):,}")
        return ""

    @staticmethod
    def _type_text(value: Any) -> str:
        """The JSON type, and a container's size: ``object (3)``, ``array (1,000)``."""
        name = jsontree.type_name(value)
        return f"{name} ({len(value):,})" if jsontree.is_container(value) else name

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        node = self.node_of(index)
        return _LEAF if node is not None and not node.size else _BRANCH
