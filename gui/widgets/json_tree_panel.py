"""The detail pane's tree of a JSON message: expand, collapse, copy, search.

The tree (``jsonTreeView``) shows one parsed document through a
:class:`~gui.models.json_tree.JsonTreeModel`, which makes nodes as they are opened. Its
context menu and shortcuts copy the current node's value as JSON (Ctrl+C) or its JSON
path (Ctrl+Shift+C) and expand or collapse everything under it. The search box
(``jsonTreeSearch``) finds keys and scalar values (ignoring case, as the history
filter does) in a thread, shows the matches in bold and goes to the first; Enter, F3
and the arrows go to the next or previous one, opening the tree down to it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.background import BackgroundRunner
from gui.core import jsontree
from gui.models.json_tree import JsonTreeModel


class JsonTreePanel(QWidget):
    """A search row above the tree; a sentence instead of the tree when the message
    has none (:meth:`show_reason`).

    Signals:
        searchFinished(int count): a search ended with ``count`` matches.
    """

    searchFinished = Signal(int)

    EXPAND_BUDGET = 20_000  # nodes "Expand all" makes at most

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = JsonTreeModel(self)
        self._background = BackgroundRunner(self)
        self._search_token = 0
        self.matches: list[jsontree.Path] = []
        self.current_match = -1

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("jsonTreeSearch")
        self.search_edit.setAccessibleName(self.tr("Search in the message"))
        self.search_edit.setPlaceholderText(self.tr("Search keys and values…"))
        self.search_edit.setClearButtonEnabled(True)
        self.previous_button = self._tool_button(
            "jsonTreePrevious", Qt.ArrowType.UpArrow, self.tr("Previous match (Shift+F3)")
        )
        self.next_button = self._tool_button(
            "jsonTreeNext", Qt.ArrowType.DownArrow, self.tr("Next match (F3, Enter)")
        )
        self.matches_label = QLabel(self)
        self.matches_label.setObjectName("jsonTreeMatches")
        self.matches_label.setTextFormat(Qt.TextFormat.PlainText)
        self.expand_button = QToolButton(self)
        self.expand_button.setObjectName("jsonTreeExpandAll")
        self.expand_button.setText(self.tr("Expand all"))
        self.collapse_button = QToolButton(self)
        self.collapse_button.setObjectName("jsonTreeCollapseAll")
        self.collapse_button.setText(self.tr("Collapse all"))

        self.view = QTreeView(self)
        self.view.setObjectName("jsonTreeView")
        self.view.setAccessibleName(self.tr("Selected message as a tree"))
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)  # the view then measures one row, not all
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.resizeSection(JsonTreeModel.KEY, 180)
        header.setSectionResizeMode(JsonTreeModel.VALUE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(JsonTreeModel.TYPE, 100)
        self.reason = QLabel(self)
        self.reason.setObjectName("jsonTreeReason")
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.reason)
        self.stack.addWidget(self.view)

        self.copy_value_action = self._action(
            "copyJsonValueAction",
            self.tr("Copy value"),
            self.copy_value,
            QKeySequence.StandardKey.Copy,
        )
        self.copy_path_action = self._action(
            "copyJsonPathAction", self.tr("Copy path"), self.copy_path, QKeySequence("Ctrl+Shift+C")
        )
        separator = QAction(self.view)
        separator.setSeparator(True)
        self.view.addAction(separator)
        self.expand_action = self._action(
            "expandJsonAction",
            self.tr("Expand all under it"),
            self.expand_all,
            QKeySequence("Ctrl+Shift+Right"),
        )
        self.collapse_action = self._action(
            "collapseJsonAction",
            self.tr("Collapse all"),
            self.collapse_all,
            QKeySequence("Ctrl+Shift+Left"),
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for key, slot in (
            (QKeySequence(QKeySequence.StandardKey.FindNext), self.find_next),
            (QKeySequence(QKeySequence.StandardKey.FindPrevious), self.find_previous),
        ):
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.matches_label)
        row.addWidget(self.expand_button)
        row.addWidget(self.collapse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.expand_button.clicked.connect(self.expand_all)
        self.collapse_button.clicked.connect(self.collapse_all)
        self.show_reason("")

    # --- what is shown ---------------------------------------------------------------

    def set_document(self, document: Any) -> None:
        """Show ``document`` (a parsed JSON value), its root open; search it again."""
        self.model.set_document(document)
        self.stack.setCurrentWidget(self.view)
        self._enable(True)
        root = self.model.root_index()
        self.view.expand(root)
        self.view.setCurrentIndex(root)
        self._set_matches([])
        if self.search_edit.text():
            self.search_now()

    def show_reason(self, text: str) -> None:
        """Show ``text`` (why there is no tree) instead of a tree."""
        self._search_token += 1  # a search still running is for another document
        self.model.clear()
        self.reason.setText(text)
        self.stack.setCurrentWidget(self.reason)
        self._enable(False)
        self._set_matches([])

    @property
    def has_document(self) -> bool:
        """True while a document is shown."""
        return self.model.has_document

    # --- copy ------------------------------------------------------------------------

    @Slot()
    def copy_value(self) -> None:
        """Copy the current node's value as JSON (an object or array indented)."""
        node = self.model.node_of(self.view.currentIndex())
        if node is not None:
            indent = 2 if jsontree.is_container(node.value) else None
            value = node.own_value()
            QGuiApplication.clipboard().setText(jsontree.value_json(value, indent))

    @Slot()
    def copy_path(self) -> None:
        """Copy the current node's JSON path (``$.data.items[2]``)."""
        node = self.model.node_of(self.view.currentIndex())
        if node is not None:
            QGuiApplication.clipboard().setText(node.json_path())

    # --- expand and collapse ---------------------------------------------------------

    @Slot()
    def expand_all(self) -> None:
        """Open every node under the current one (the root when none is), making at
        most :attr:`EXPAND_BUDGET` nodes: past that, the rest opens as it is asked for."""
        index = self.view.currentIndex().siblingAtColumn(0)
        if not index.isValid():
            index = self.model.root_index()
        if not index.isValid():
            return
        depth = self.model.fetch_all(index, self.EXPAND_BUDGET)
        if depth == 0:  # even its children are too many: open it alone
            self.view.expand(index)
        else:  # only nodes whose children are made: the view would make the others
            self.view.expandRecursively(index, depth - 1 if depth > 0 else -1)
        if depth >= 0:
            self.matches_label.setText(
                self.tr("Opened {levels} levels: the rest opens as you go").format(levels=depth)
            )

    @Slot()
    def collapse_all(self) -> None:
        """Close every node but the root."""
        self.view.collapseAll()
        root = self.model.root_index()
        if root.isValid():
            self.view.expand(root)
            self.view.setCurrentIndex(root)

    # --- search ----------------------------------------------------------------------

    @Slot()
    def search_now(self) -> None:
        """Search the document for the box's text now (in a thread)."""
        self._search_timer.stop()
        self._search_token += 1
        text = self.search_edit.text()
        if not text or not self.model.has_document:
            self._set_matches([])
            self.searchFinished.emit(0)
            return
        token, document = self._search_token, self.model.document
        self.matches_label.setText(self.tr("Searching…"))
        self._background.run(
            lambda: jsontree.search(document, text),
            lambda paths: self._on_search_done(token, paths),
            name="json-tree-search",
        )

    def _on_search_done(self, token: int, paths: list[jsontree.Path]) -> None:
        if token != self._search_token:
            return  # the text or the document changed meanwhile
        self._set_matches(paths)
        if paths:
            self._go_to(0)
        self.searchFinished.emit(len(paths))

    @Slot()
    def find_next(self) -> None:
        """Go to the next match (the first after the last)."""
        if self.matches:
            self._go_to((self.current_match + 1) % len(self.matches))

    @Slot()
    def find_previous(self) -> None:
        """Go to the previous match (the last before the first)."""
        if self.matches:
            self._go_to((self.current_match - 1) % len(self.matches))

    def _go_to(self, number: int) -> None:
        self.current_match = number
        index = self.model.index_for_path(self.matches[number])
        parent = index.parent()
        while parent.isValid():  # open the way down to it
            self.view.expand(parent)
            parent = parent.parent()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_count()

    def _set_matches(self, paths: list[jsontree.Path]) -> None:
        self.matches = paths
        self.current_match = -1
        self.model.set_matches(paths)
        self.view.viewport().update()
        self._show_count()

    def _show_count(self) -> None:
        if not self.search_edit.text() or not self.model.has_document:
            text = ""
        elif not self.matches:
            text = self.tr("No match")
        elif self.current_match < 0:
            text = self.tr("{n} matches").format(n=f"{len(self.matches):,}")
        else:
            text = self.tr("{k} of {n}").format(
                k=f"{self.current_match + 1:,}", n=f"{len(self.matches):,}"
            )
            if len(self.matches) >= jsontree.SEARCH_LIMIT:
                text = self.tr("{k} of the first {n}").format(
                    k=f"{self.current_match + 1:,}", n=f"{len(self.matches):,}"
                )
        self.matches_label.setText(text)

    @Slot()
    def _on_search_edit_return_pressed(self) -> None:
        if self._search_timer.isActive() or not self.matches:
            self.search_now()
        else:
            self.find_next()

    # --- building --------------------------------------------------------------------

    def _enable(self, on: bool) -> None:
        for widget in (
            self.search_edit,
            self.previous_button,
            self.next_button,
            self.expand_button,
            self.collapse_button,
        ):
            widget.setEnabled(on)

    def _tool_button(self, name: str, arrow: Qt.ArrowType, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setArrowType(arrow)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def _action(
        self, name: str, text: str, slot: Any, key: QKeySequence | QKeySequence.StandardKey
    ) -> QAction:
        action = QAction(text, self.view)
        action.setObjectName(name)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action
