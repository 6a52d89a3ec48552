"""The tab bar of connections: new, close, rename, reorder, and the current tab's news."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QTabWidget,
    QToolButton,
    QWidget,
)

from gui.core.connection import ConnectionState
from gui.tabs.tab import ConnectionTab


class ConnectionTabs(QTabWidget):
    """``connectionTabs``: one :class:`ConnectionTab` per connection, movable and
    closable, with ``allConnectionsButton`` and ``newTabButton`` in the corner (their
    actions are the window's). Double-clicking a tab (or its context menu)
    renames it.

    Of the tabs' own signals, only the current tab's come out, under the same names
    with a ``cur`` prefix (the way qutebrowser's tabbed browser filters its tabs'
    signals), so the status bar follows whichever tab is shown.

    Signals:
        newTabRequested(): a double click on the bar's empty part.
        closeTabRequested(ConnectionTab tab): a tab's close button or menu.
        duplicateTabRequested(ConnectionTab tab): a tab's menu.
        currentTabChanged(ConnectionTab tab): another tab is shown (or None).
        tabsChanged(): a tab was added, closed, renamed or moved (save them).
        curStateChanged(ConnectionState state, str message)
        curLatencyChanged(float ms)
        curCountsChanged()
        curStatusMessage(str text, int ms)
    """

    newTabRequested = Signal()
    closeTabRequested = Signal(object)
    duplicateTabRequested = Signal(object)
    currentTabChanged = Signal(object)
    tabsChanged = Signal()
    curStateChanged = Signal(object, str)
    curLatencyChanged = Signal(float)
    curCountsChanged = Signal()
    curStatusMessage = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionTabs")
        self.setAccessibleName(self.tr("Connections"))
        self.setMovable(True)
        self.setTabsClosable(True)
        self.setDocumentMode(True)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self.new_tab_button = QToolButton(self)
        self.new_tab_button.setObjectName("newTabButton")
        self.new_tab_button.setAccessibleName(self.tr("New tab"))
        self.new_tab_button.setAutoRaise(True)
        self.all_button = QToolButton(self)
        self.all_button.setObjectName("allConnectionsButton")
        self.all_button.setAutoRaise(True)
        corner = QWidget(self)
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(2)
        row.addWidget(self.all_button)
        row.addWidget(self.new_tab_button)
        self.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        bar = self.tabBar()
        bar.setAccessibleName(self.tr("Connection tabs"))
        bar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.tabCloseRequested.connect(self._on_tab_close_requested)
        self.currentChanged.connect(self._on_current_changed)
        bar.tabBarDoubleClicked.connect(self._on_tab_bar_double_clicked)
        bar.tabMoved.connect(self._on_tab_moved)
        bar.customContextMenuRequested.connect(self._on_tab_bar_context_menu)

    # --- tabs --------------------------------------------------------------------------

    def tabs(self) -> list[ConnectionTab]:
        """The tabs, in the order shown."""
        return [
            tab for i in range(self.count()) if isinstance(tab := self.widget(i), ConnectionTab)
        ]

    def current_tab(self) -> ConnectionTab | None:
        """The tab shown."""
        tab = self.currentWidget()
        return tab if isinstance(tab, ConnectionTab) else None

    def add_tab(self, tab: ConnectionTab, *, current: bool = True, at: int = -1) -> None:
        """Show ``tab`` (at position ``at``; -1: last) and follow its signals."""
        tab.stateChanged.connect(self._on_tab_state_changed)
        tab.latencyChanged.connect(self._on_tab_latency_changed)
        tab.countsChanged.connect(self._on_tab_counts_changed)
        tab.statusMessage.connect(self._on_tab_status_message)
        tab.titleChanged.connect(self._on_tab_title_changed)
        index = self.insertTab(at, tab, tab.title)
        self.setTabToolTip(index, tab.title)
        if current:
            self.setCurrentIndex(index)
        self.tabsChanged.emit()

    def remove_tab(self, tab: ConnectionTab) -> None:
        """Take ``tab`` out of the bar (the caller shuts it down and deletes it)."""
        index = self.indexOf(tab)
        if index < 0:
            return
        for signal in (
            tab.stateChanged,
            tab.latencyChanged,
            tab.countsChanged,
            tab.statusMessage,
            tab.titleChanged,
        ):
            signal.disconnect()
        self.removeTab(index)
        self.tabsChanged.emit()

    def rename_tab(self, tab: ConnectionTab) -> None:
        """Ask for a new title for ``tab``."""
        title, ok = QInputDialog.getText(
            self, self.tr("Rename tab"), self.tr("Name of this connection:"), text=tab.title
        )
        if ok:
            tab.set_title(title)

    # --- slots ---------------------------------------------------------------------

    def _sender_is_current(self) -> bool:
        return self.sender() is self.currentWidget()

    @Slot(object, str)
    def _on_tab_state_changed(self, state: ConnectionState, message: str) -> None:
        if self._sender_is_current():
            self.curStateChanged.emit(state, message)

    @Slot(float)
    def _on_tab_latency_changed(self, ms: float) -> None:
        if self._sender_is_current():
            self.curLatencyChanged.emit(ms)

    @Slot()
    def _on_tab_counts_changed(self) -> None:
        if self._sender_is_current():
            self.curCountsChanged.emit()

    @Slot(str, int)
    def _on_tab_status_message(self, text: str, ms: int) -> None:
        if self._sender_is_current():
            self.curStatusMessage.emit(text, ms)

    @Slot(str)
    def _on_tab_title_changed(self, title: str) -> None:
        index = self.indexOf(self.sender())  # type: ignore[arg-type]
        if index >= 0:
            self.setTabText(index, title)
            self.setTabToolTip(index, title)
            self.tabsChanged.emit()

    @Slot(int)
    def _on_tab_close_requested(self, index: int) -> None:
        tab = self.widget(index)
        if isinstance(tab, ConnectionTab):
            self.closeTabRequested.emit(tab)

    @Slot(int)
    def _on_current_changed(self, index: int) -> None:
        self.currentTabChanged.emit(self.current_tab())

    @Slot(int)
    def _on_tab_bar_double_clicked(self, index: int) -> None:
        tab = self.widget(index)
        if isinstance(tab, ConnectionTab):
            self.rename_tab(tab)
        elif index < 0:  # the empty part of the bar, as in browsers
            self.newTabRequested.emit()

    @Slot(int, int)
    def _on_tab_moved(self, origin: int, to: int) -> None:
        self.tabsChanged.emit()

    @Slot(QPoint)
    def _on_tab_bar_context_menu(self, point: QPoint) -> None:
        bar = self.tabBar()
        tab = self.widget(bar.tabAt(point))
        if not isinstance(tab, ConnectionTab):
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), lambda: self.rename_tab(tab))
        menu.addAction(self.tr("Duplicate"), lambda: self.duplicateTabRequested.emit(tab))
        menu.addSeparator()
        menu.addAction(self.tr("Close"), lambda: self.closeTabRequested.emit(tab))
        menu.exec(bar.mapToGlobal(point))
        menu.deleteLater()
