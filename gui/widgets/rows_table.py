"""A table of name / value rows that can be turned on and off, with secret values masked:
a profile's headers, query parameters and cookies."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.core.profile import Row, looks_secret

MASK = "••••••••"

_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Rows of :class:`Row`: on (a check box), name, value, secret (a check box).

    A secret value shows as dots; editing it gives the real value. A row named like a
    credential (``Authorization``, ``sessionid``, ``token``...) becomes secret when it
    is named, unless the user says otherwise. Problems (from the profile's checks) are
    shown on their cell, with a warning icon and the message as its tooltip.
    """

    ON, NAME, VALUE, SECRET = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._problems: dict[tuple[int, int], str] = {}
        self._headers = (self.tr("On"), self.tr("Name"), self.tr("Value"), self.tr("Secret"))

    def rows(self) -> tuple[Row, ...]:
        """The rows, without the empty ones."""
        return tuple(r for r in self._rows if r.name or r.value)

    def set_rows(self, rows: tuple[Row, ...]) -> None:
        """Show these rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self._problems = {}
        self.endResetModel()

    def add_row(self) -> int:
        """Add an empty row; return its number."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(Row(""))
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        """Remove row ``row``."""
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def set_problems(self, problems: dict[tuple[int, str], str]) -> None:
        """Mark cells: ``(index in rows(), "name" | "value")`` → message (an empty dict
        clears)."""
        columns = {"name": self.NAME, "value": self.VALUE}
        shown = [i for i, r in enumerate(self._rows) if r.name or r.value]
        self._problems = {
            (shown[k], columns.get(part, self.NAME)): message
            for (k, part), message in problems.items()
            if 0 <= k < len(shown)
        }
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 3))

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        problem = self._problems.get((index.row(), column))
        if role == Qt.ItemDataRole.CheckStateRole and column in (self.ON, self.SECRET):
            on = item.on if column == self.ON else item.secret
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return item.name
            if column == self.VALUE:
                return MASK if item.secret and item.value else item.value
        if role == Qt.ItemDataRole.EditRole and column in (self.NAME, self.VALUE):
            return item.name if column == self.NAME else item.value
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem:
                return problem
            if column == self.VALUE and item.secret:
                return self.tr("A secret: shown masked, kept out of the history and exports")
        if role == Qt.ItemDataRole.DecorationRole and problem:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        item = self._rows[row]
        if role == Qt.ItemDataRole.CheckStateRole and column in (self.ON, self.SECRET):
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if column == self.ON:
                item = Row(item.name, item.value, checked, item.secret)
            else:
                item = Row(item.name, item.value, item.on, checked)
        elif role == Qt.ItemDataRole.EditRole and column == self.NAME:
            name = str(value).strip()
            secret = item.secret or (not item.name and looks_secret(name))
            item = Row(name, item.value, item.on, secret)
        elif role == Qt.ItemDataRole.EditRole and column == self.VALUE:
            item = Row(item.name, str(value), item.on, item.secret)
        else:
            return False
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, 3))
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.ON, self.SECRET):
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable


class RowsEditor(QWidget):
    """A :class:`RowsModel` in a table, with Add and Remove buttons.

    Signals:
        changed(): a row was added, removed or edited.
    """

    changed = Signal()

    def __init__(self, object_name: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName(object_name)
        self.table.setAccessibleName(kind)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        # Tall enough for the font (a Japanese one, larger text) with room above and below.
        self.table.verticalHeader().setDefaultSectionSize(
            max(22, self.table.fontMetrics().height() + 8)
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RowsModel.ON, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RowsModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(RowsModel.NAME, 160)
        header.setSectionResizeMode(RowsModel.VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RowsModel.SECRET, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName(f"{object_name}Add")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName(f"{object_name}Remove")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
        ):
            signal.connect(self.changed)

    def rows(self) -> tuple[Row, ...]:
        """The rows (empty ones left out)."""
        return self.model.rows()

    def set_rows(self, rows: tuple[Row, ...]) -> None:
        """Show these rows."""
        self.model.set_rows(rows)

    @Slot()
    def _on_add_clicked(self) -> None:
        row = self.model.add_row()
        index = self.model.index(row, RowsModel.NAME)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    @Slot()
    def _on_remove_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        for row in rows:
            self.model.remove_row(row)
