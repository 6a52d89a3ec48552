"""Help ▸ Keyboard shortcuts: every command that has a shortcut, read from its action."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def command_name(action: QAction) -> str:
    """An action's text as a list shows it: no mnemonic (``&F``, or ``(&F)`` after a
    Japanese text), no ellipsis."""
    text = re.sub(r"\(&[^&]\)", "", action.text())
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...")


def shortcut_text(action: QAction) -> str:
    """Every shortcut of ``action``, as the platform writes keys (``Ctrl+T, Ctrl+N``)."""
    return ", ".join(
        seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in action.shortcuts()
    )


class ShortcutsDialog(QDialog):
    """``shortcutsDialog``: a two-column table (``shortcutsTable``), command and keys,
    one row per action given, in their order; its text is the actions' own at the
    time it is shown, so it always says what the keys do now (Connect or Disconnect).
    Close (the default button) or Escape closes it.
    """

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self._actions = list(actions)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 560)
        self.refresh()

    def refresh(self) -> None:
        """Fill the table from the actions as they are now."""
        shown = [action for action in self._actions if action.shortcuts()]
        self.table.setRowCount(len(shown))
        for row, action in enumerate(shown):
            for column, text in enumerate((command_name(action), shortcut_text(action))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)

    def rows(self) -> list[tuple[str, str]]:
        """The table's rows: (command, keys)."""
        found = []
        for row in range(self.table.rowCount()):
            name, keys = self.table.item(row, 0), self.table.item(row, 1)
            found.append((name.text() if name else "", keys.text() if keys else ""))
        return found

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
