"""Two history rows compared: their differences by JSON path, with the old and new values.

Two JSON messages are compared as documents (:func:`gui.core.jsondiff.json_diff`);
when either is not JSON they are compared as text, line by line (the dialog says so);
a binary message is not compared (the dialog says why). The comparison runs in a
thread, so two 5 MB messages do not hold the window. Each difference is one row of
``jsonDiffList``, its kind coloured from the named roles (:data:`KIND_ROLES`, the one
place that picks them), under a summary (``jsonDiffSummary``): "3 changed, 1 added,
2 removed", or "Identical".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.background import BackgroundRunner
from gui.core import jsontree
from gui.core.jsondiff import ABSENT, LIMIT, Change, ChangeKind, Diff, compare_messages
from gui.core.match import json_path
from gui.core.outcome import shorten
from gui.core.records import MessageRecord, plain_tooltip
from gui.core.times import format_time_ms
from gui.widgets.roles import Role, colour
from gui.words import direction_name

#: The colour role of each kind of difference.
KIND_ROLES = {
    ChangeKind.ADDED: Role.PASS,
    ChangeKind.REMOVED: Role.FAIL,
    ChangeKind.CHANGED: Role.RUNNING,
}

SHOWN_CHARS = 300  # of a value in its cell (the tooltip has more)


class JsonDiffDialog(QDialog):
    """The differences from ``first`` to ``second`` (two history rows).

    Signals:
        compared(): the differences are shown (or why there are none to show).
    """

    compared = Signal()

    KIND, PATH, OLD, NEW = range(4)

    def __init__(
        self, first: MessageRecord, second: MessageRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("jsonDiffDialog")
        self.setWindowTitle(self.tr("Compare messages"))
        self.resize(820, 460)
        self.first, self.second = first, second
        self.diff: Diff | None = None
        self._background = BackgroundRunner(self)
        self._token = 0

        self.sides = QLabel(self)
        self.sides.setObjectName("jsonDiffSides")
        self.sides.setTextFormat(Qt.TextFormat.PlainText)
        self.sides.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("jsonDiffSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        bold = self.summary.font()
        bold.setBold(True)
        self.summary.setFont(bold)
        self.list = QTreeWidget(self)
        self.list.setObjectName("jsonDiffList")
        self.list.setAccessibleName(self.tr("Differences"))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setHeaderLabels(
            [self.tr("Change"), self.tr("Path"), self.tr("First"), self.tr("Second")]
        )
        header = self.list.header()
        header.resizeSection(self.KIND, 80)
        header.resizeSection(self.PATH, 220)
        header.setSectionResizeMode(self.OLD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.NEW, QHeaderView.ResizeMode.Stretch)
        copy = QAction(self.tr("Copy path"), self.list)
        copy.setObjectName("copyDiffPathAction")
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_paths)
        self.list.addAction(copy)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.swap_button = QPushButton(self.tr("Swap"), self)
        self.swap_button.setObjectName("jsonDiffSwap")
        self.swap_button.setToolTip(self.tr("Compare the second message with the first"))
        buttons.addButton(self.swap_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.swap_button.clicked.connect(self._on_swap_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sides)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self._compare()

    # --- public --------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str, str, str]]:
        """The rows listed: kind, path, first value, second value (as shown)."""
        items = (self.list.topLevelItem(n) for n in range(self.list.topLevelItemCount()))
        return [(item.text(0), item.text(1), item.text(2), item.text(3)) for item in items if item]

    @Slot()
    def copy_paths(self) -> None:
        """Copy the selected rows' paths (the current row's when none is), one a line."""
        items = self.list.selectedItems()
        current = self.list.currentItem()
        if not items and current is not None:
            items = [current]
        if items:
            QGuiApplication.clipboard().setText("\n".join(item.text(self.PATH) for item in items))

    # --- comparing -----------------------------------------------------------------

    def _compare(self) -> None:
        self._token += 1
        self.diff = None
        self.list.clear()
        first, second = self.first, self.second
        self.sides.setText(
            self.tr("First: {first}\nSecond: {second}").format(
                first=self._describe(first), second=self._describe(second)
            )
        )
        if first.is_binary or second.is_binary:
            self.summary.setText(
                self.tr("Binary messages are not compared: select two text messages")
            )
            self.swap_button.setEnabled(False)
            self.compared.emit()
            return
        self.summary.setText(self.tr("Comparing…"))
        self.swap_button.setEnabled(False)
        token = self._token
        self._background.run(
            lambda: compare_messages(first.text, first.is_json, second.text, second.is_json),
            lambda diff: self._on_compared(token, diff),
            name="json-diff",
        )

    def _on_compared(self, token: int, diff: Diff) -> None:
        if token != self._token:
            return
        self.diff = diff
        self.swap_button.setEnabled(True)
        self.summary.setText(self._summary(diff))
        items = [self._item(change, diff.by_lines) for change in diff.changes]
        self.list.addTopLevelItems(items)
        self.compared.emit()

    def _summary(self, diff: Diff) -> str:
        if diff.identical:
            text = self.tr("Identical")
        else:
            counts = diff.counts()
            parts = [
                self.tr("{n} changed").format(n=f"{counts[ChangeKind.CHANGED]:,}"),
                self.tr("{n} added").format(n=f"{counts[ChangeKind.ADDED]:,}"),
                self.tr("{n} removed").format(n=f"{counts[ChangeKind.REMOVED]:,}"),
            ]
            kinds = (ChangeKind.CHANGED, ChangeKind.ADDED, ChangeKind.REMOVED)
            text = ", ".join(part for part, kind in zip(parts, kinds, strict=True) if counts[kind])
        if diff.truncated:
            text += self.tr(" (the first {n} differences: there are more)").format(n=f"{LIMIT:,}")
        if diff.by_lines:
            text += self.tr(" · compared as text, line by line")
        return text

    def _item(self, change: Change, by_lines: bool) -> QTreeWidgetItem:
        if by_lines:
            where = self.tr("line {n}").format(n=f"{change.path[0]:,}")
        else:
            where = json_path(change.path)
        cells = [
            self._kind_text(change.kind),
            where,
            self._value_text(change.old, by_lines),
            self._value_text(change.new, by_lines),
        ]
        item = QTreeWidgetItem(cells)
        item.setForeground(self.KIND, QBrush(colour(KIND_ROLES[change.kind], self.palette())))
        for column in (self.OLD, self.NEW):
            value = change.old if column == self.OLD else change.new
            if value is not ABSENT:
                item.setToolTip(column, plain_tooltip(self._full_text(value, by_lines)))
        item.setToolTip(self.PATH, plain_tooltip(where))
        return item

    def _kind_text(self, kind: ChangeKind) -> str:
        if kind is ChangeKind.ADDED:
            return self.tr("added")
        if kind is ChangeKind.REMOVED:
            return self.tr("removed")
        return self.tr("changed")

    @staticmethod
    def _full_text(value: Any, by_lines: bool) -> str:
        return str(value) if by_lines else jsontree.value_json(value)

    def _value_text(self, value: Any, by_lines: bool) -> str:
        if value is ABSENT:
            return ""
        return shorten(self._full_text(value, by_lines), SHOWN_CHARS)

    def _describe(self, record: MessageRecord) -> str:
        kind = self.tr("JSON") if record.is_json else self.tr("text")
        if record.is_binary:
            kind = self.tr("binary")
        return self.tr("{direction} at {time}, {size} bytes, {kind}").format(
            direction=direction_name(record.direction),
            time=format_time_ms(record.time_ms),
            size=f"{record.size:,}",
            kind=kind,
        )

    @Slot()
    def _on_swap_clicked(self) -> None:
        self.first, self.second = self.second, self.first
        self._compare()
