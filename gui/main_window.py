"""The main window: the connection tabs over the server log, menus and the status bar."""

from __future__ import annotations

import pathlib
import sys
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QLocale, QRect, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from gui import __version__
from gui.core.connection import ConnectionState
from gui.core.history_import import ExpectMode
from gui.core.profile import Profile, legacy_profile, new_profile_id
from gui.core.profile_store import ProfileStore, ProfileStoreError
from gui.core.records import ALL_CONNECTIONS, BEFORE_CONNECTIONS
from gui.core.tab_specs import TabsFile, TabsFileError, TabSpec, TabsState
from gui.core.target import remember
from gui.instance import bring_forward
from gui.models.history import HistoryModel
from gui.models.library import LibraryModel
from gui.models.log import HistoryLog
from gui.models.writer import WriteStatus
from gui.net.controller import ConnectionController
from gui.server.launcher import ServerLauncher
from gui.server.shared import SharedServer
from gui.settings import AppSettings
from gui.tabs.factory import TabFactory
from gui.tabs.history_files import (
    HistoryImportError,
    HistoryImports,
    NothingSent,
    save_export_as_scenario,
    save_sent_as_scenario,
)
from gui.tabs.scenario_control import ScenarioControl
from gui.tabs.tab import ConnectionTab
from gui.tabs.tab_widget import ConnectionTabs
from gui.theme import Role, Theme, ThemeChoice, set_role
from gui.widgets.commands import ProxyAction
from gui.widgets.connection_panel import ConnectionPanel
from gui.widgets.elided_label import ElidedLabel
from gui.widgets.file_dialogs import FileDialogs
from gui.widgets.file_open import FileOpener, dropped_files
from gui.widgets.history_view import HistoryPanel
from gui.widgets.json_editor import JsonEditor
from gui.widgets.language_menu import LanguageMenu
from gui.widgets.library_panel import LibraryDock
from gui.widgets.message_detail import MessageDetail
from gui.widgets.scenario_panel import ScenarioDock
from gui.widgets.server_log import ServerLog
from gui.widgets.shortcuts_dialog import ShortcutsDialog
from gui.words import word


def on_a_screen(frame: QRect) -> bool:
    """Whether enough of a window's title bar (its top strip) lies on a screen there
    now to grab it with the mouse."""
    title_bar = QRect(frame.left(), frame.top(), frame.width(), 32)
    for screen in QGuiApplication.screens():
        seen = title_bar.intersected(screen.availableGeometry())
        if seen.width() >= 100 and seen.height() >= 8:
            return True
    return False


def human_bytes(count: int) -> str:
    """``1.2 KB`` style sizes for the status bar, the number as the locale writes it."""
    locale = QLocale()
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            digits = 0 if unit == "B" else 1
            return f"{locale.toString(size, 'f', digits)} {unit}"
        size /= 1024
    return f"{count} B"


class MainWindow(QMainWindow):
    """The connection tabs (``connectionTabs``) over the embedded server's log.

    Everything it uses is built by :func:`gui.app.build_window` and passed in; the
    tabs are made by the :class:`TabFactory`. The status bar and the menus act on
    the current tab (``model``, ``controller``, ``editor``... are the current tab's).
    The tabs come back on the next start (``tabs.json``). Closing the window closes
    every connection, stops the embedded server, writes the history out and saves
    the tabs and the layout.
    """

    def __init__(
        self,
        settings: AppSettings,
        log: HistoryLog,
        factory: TabFactory,
        tabs_file: TabsFile,
        parent: QWidget | None = None,
        *,
        library: LibraryModel,
        theme: Theme,
        dialogs: FileDialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.theme = theme
        self.setWindowTitle(self.tr("Tsushin — JSON over WebSocket"))
        self.settings = settings
        self.log = log
        self.factory = factory
        self.tabs_file = tabs_file
        self._closed = False
        self._restoring = True
        self._names: dict[str, str] = {}
        self._legacy_owner = ""
        self._splitter_states: dict[str, QByteArray] = {}
        self.dialogs = dialogs if dialogs is not None else FileDialogs()
        self.file_opener = FileOpener(
            self, self.dialogs, lambda: self.editor, self.statusBar().showMessage
        )
        self.setAcceptDrops(True)  # a file dropped anywhere goes into the editor

        self.tabs = ConnectionTabs()
        self.server_log = ServerLog()
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.addTab(self.server_log, self.tr("Server log"))
        self.bottom_tabs.tabBar().setAccessibleName(self.tr("Bottom panels"))
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.tabs)
        self.main_splitter.addWidget(self.bottom_tabs)
        self.main_splitter.setCollapsible(0, False)
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setSizes([590, 130])
        self.main_splitter.setContentsMargins(4, 2, 4, 0)
        self.setCentralWidget(self.main_splitter)

        self.status_state = ElidedLabel()  # a server's close reason can be long
        self.status_state.setObjectName("statusState")
        self.status_counts = QLabel()
        self.status_counts.setObjectName("statusCounts")
        self.status_latency = QLabel()
        for label in (self.status_state, self.status_counts, self.status_latency):
            label.setTextFormat(Qt.TextFormat.PlainText)  # may hold a server's close reason
        # Shown only while the history cannot be written to disk.
        self.status_history = ElidedLabel()
        self.status_history.setObjectName("historyStatus")
        self.status_history.setAccessibleName(self.tr("History file"))
        set_role(self.status_history, Role.FAIL)
        self.status_history.hide()
        self.statusBar().addWidget(self.status_state, 1)
        self.statusBar().addWidget(self.status_history, 2)
        self.statusBar().addPermanentWidget(self.status_latency)
        self.statusBar().addPermanentWidget(self.status_counts)

        self.library = library
        self.library_dock = LibraryDock(library, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.library_dock)
        self.resizeDocks([self.library_dock], [230], Qt.Orientation.Horizontal)
        panel = self.library_dock.panel
        panel.saveRequested.connect(self._on_library_save_requested)
        panel.loadRequested.connect(self._on_library_load_requested)
        panel.statusMessage.connect(self.statusBar().showMessage)
        panel.dialogs = self.dialogs
        self.scenarios_dock = ScenarioDock(self)
        self.addDockWidget(
            Qt.DockWidgetArea.RightDockWidgetArea, self.scenarios_dock, Qt.Orientation.Vertical
        )
        self.resizeDocks([self.scenarios_dock], [300], Qt.Orientation.Horizontal)
        docks = [self.library_dock, self.scenarios_dock]
        self.resizeDocks(docks, [260, 440], Qt.Orientation.Vertical)
        self.scenarios_dock.panel.dialogs = self.dialogs
        self.scenarios = ScenarioControl(self.scenarios_dock.panel, self.current_tab, self)
        self.history_imports = HistoryImports(self)
        self.history_imports.finished.connect(self._on_history_imports_finished)

        self.server.launcher.logLine.connect(self.server_log.append_line)
        log.writeStatusChanged.connect(self._on_log_write_status)
        self.tabs.newTabRequested.connect(self._on_tabs_new_tab_requested)
        self.tabs.closeTabRequested.connect(self.close_tab)
        self.tabs.duplicateTabRequested.connect(self.duplicate_tab)
        self.tabs.currentTabChanged.connect(self._on_tabs_current_changed)
        self.tabs.tabsChanged.connect(self._on_tabs_changed)
        self.tabs.curStateChanged.connect(self._on_current_state)
        self.tabs.curLatencyChanged.connect(self._on_current_latency)
        self.tabs.curCountsChanged.connect(self._show_counts)
        self.tabs.curStatusMessage.connect(self.statusBar().showMessage)

        self.shortcuts_dialog: ShortcutsDialog | None = None
        self._build_actions()
        self._build_menus()
        self.resize(1300, 760)
        self._fit_first_start()
        self._restore_layout()
        self._restore_tabs()
        self._restoring = False

    # --- the current tab (what menus, status bar and tests act on) ---------------------

    @property
    def server(self) -> SharedServer:
        """The embedded server the tabs share."""
        return self.factory.server

    @property
    def launcher(self) -> ServerLauncher:
        """The embedded server's launcher (its process and log)."""
        return self.factory.server.launcher

    def current_tab(self) -> ConnectionTab:
        """The tab shown (there is always one)."""
        tab = self.tabs.current_tab()
        assert tab is not None, "the window always has a tab"
        return tab

    @property
    def model(self) -> HistoryModel:
        """The current tab's history view."""
        return self.current_tab().model

    @property
    def controller(self) -> ConnectionController:
        """The current tab's connection controller."""
        return self.current_tab().controller

    @property
    def connection_panel(self) -> ConnectionPanel:
        """The current tab's connection panel."""
        return self.current_tab().connection_panel

    @property
    def editor(self) -> JsonEditor:
        """The current tab's JSON editor."""
        return self.current_tab().editor

    @property
    def history(self) -> HistoryPanel:
        """The current tab's history panel."""
        return self.current_tab().history

    @property
    def detail(self) -> MessageDetail:
        """The current tab's message detail."""
        return self.current_tab().detail

    # --- actions and menus -------------------------------------------------------------

    def _keys(self, *keys: QKeySequence.StandardKey | str) -> list[QKeySequence]:
        """The platform's bindings of the standard keys, then the others, once each."""
        found: list[QKeySequence] = []
        for key in keys:
            if isinstance(key, QKeySequence.StandardKey):
                sequences = QKeySequence.keyBindings(key)
            else:
                sequences = [QKeySequence(key)]
            found += [seq for seq in sequences if not seq.isEmpty() and seq not in found]
        return found

    def _action(
        self,
        text: str,
        slot: Callable[..., object] | None,
        shortcuts: list[QKeySequence] | None = None,
        *,
        proxy: Callable[[ConnectionTab], QAction] | None = None,
        follow_text: bool = False,
    ) -> QAction:
        """A window action; with ``proxy``, one that stands for that action of the
        current tab (see :class:`ProxyAction`)."""
        if proxy is not None:
            standing = ProxyAction(text, self, follow_text=follow_text)
            self._proxies.append((standing, proxy))
            action: QAction = standing
        else:
            action = QAction(text, self)
        if shortcuts:
            action.setShortcuts(shortcuts)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work with the menu bar hidden too
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self._proxies: list[tuple[ProxyAction, Callable[[ConnectionTab], QAction]]] = []
        self.new_tab_action = self._action(
            self.tr("&New tab"), self._on_tabs_new_tab_requested, self._keys(key.AddTab, key.New)
        )
        self.close_tab_action = self._action(
            self.tr("&Close tab"), self._on_close_tab_triggered, self._keys(key.Close, "Ctrl+W")
        )
        self.rename_tab_action = self._action(
            self.tr("&Rename tab…"), self._on_rename_tab_triggered, self._keys("F2")
        )
        self.duplicate_tab_action = self._action(
            self.tr("&Duplicate tab"), self._on_duplicate_tab_triggered, self._keys("Ctrl+Shift+D")
        )
        self.next_tab_action = self._action(
            self.tr("Ne&xt tab"),
            self._on_next_tab_triggered,
            self._keys(key.NextChild, "Ctrl+PgDown"),
        )
        self.previous_tab_action = self._action(
            self.tr("Pre&vious tab"),
            self._on_previous_tab_triggered,
            self._keys(key.PreviousChild, "Ctrl+PgUp"),
        )
        self.all_connections_action = self._action(
            self.tr("&All connections"),
            self._on_all_connections_triggered,
            self._keys("Ctrl+Shift+A"),
        )
        self.all_connections_action.setCheckable(True)
        self.all_connections_action.setToolTip(
            self.tr(
                "Show the messages of every connection in this tab's history, with a column"
                " naming each one's connection (Ctrl+Shift+A)"
            )
        )
        self.tabs.all_button.setDefaultAction(self.all_connections_action)
        self.new_tab_action.setToolTip(self.tr("New connection tab (Ctrl+T)"))
        self.new_tab_action.setIconText("+")  # what the corner button shows
        self.tabs.new_tab_button.setDefaultAction(self.new_tab_action)
        self.open_file_action = self._action(
            self.tr("&Open…"), self._on_open_file_triggered, self._keys(key.Open)
        )
        self.open_file_action.setToolTip(self.tr("Load a JSON file into the editor"))
        self.export_action = self._action(
            self.tr("&Export history…"),
            None,
            self._keys("Ctrl+Shift+E"),
            proxy=lambda tab: tab.history.export_action,
        )
        self.clear_action = self._action(
            self.tr("C&lear history"),
            None,
            self._keys("Ctrl+Shift+Del"),
            proxy=lambda tab: tab.history.clear_action,
        )
        self.copy_action = self._action(
            self.tr("&Copy messages"),
            None,
            self._keys(key.Copy),
            proxy=lambda tab: tab.history.copy_action,
        )
        self.import_history_action = self._action(
            self.tr("&Import history…"), self._on_import_history_triggered
        )
        self.save_scenario_action = self._action(
            self.tr("Save sent messages as &scenario…"), self._on_save_scenario_triggered
        )
        self.export_scenario_action = self._action(
            self.tr("Scenario from a history e&xport…"), self._on_export_scenario_triggered
        )
        self.quit_action = self._action(
            self.tr("&Quit"), self.close, self._keys(key.Quit, "Ctrl+Q")
        )
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.find_action = self._action(
            self.tr("&Filter history"), self._on_find_triggered, self._keys(key.Find)
        )
        # Anywhere in the window (JsonTextEdit handles the keys itself when on its own).
        self.send_action = self._action(
            self.tr("&Send message"),
            None,
            self._keys("Ctrl+Return", "Ctrl+Enter"),
            proxy=lambda tab: tab.editor.send_action,
        )
        self.send_raw_action = self._action(
            self.tr("Send as &raw text"),
            None,
            self._keys("Ctrl+Shift+Return", "Ctrl+Shift+Enter"),
            proxy=lambda tab: tab.editor.send_raw_action,
        )
        self.send_binary_action = self._action(
            self.tr("Send &binary…"),
            None,
            self._keys("Ctrl+Shift+B"),
            proxy=lambda tab: tab.editor.send_binary_action,
        )
        self.format_action = self._action(
            self.tr("F&ormat JSON"),
            None,
            self._keys("Ctrl+Shift+F"),
            proxy=lambda tab: tab.editor.format_action,
        )
        self.compact_action = self._action(
            self.tr("Co&mpact JSON"),
            None,
            self._keys("Ctrl+Shift+M"),
            proxy=lambda tab: tab.editor.compact_action,
        )
        self.periodic_action = self._action(
            self.tr("&Periodic send"),
            None,
            self._keys("Ctrl+Shift+R"),
            proxy=lambda tab: tab.periodic_bar.action,
        )
        self.connect_action = self._action(
            self.tr("&Connect"),
            None,
            self._keys("F5"),
            proxy=lambda tab: tab.connection_panel.connect_action,
            follow_text=True,
        )
        self.library_save_action = self._action(
            self.tr("Save editor text to &library"), None, self._keys("Ctrl+D")
        )
        self.library_save_action.triggered.connect(self.library_dock.panel.save_action.trigger)
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"),
            self._on_shortcuts_triggered,
            self._keys(key.HelpContents),
        )
        self.about_action = self._action(self.tr("&About Tsushin"), self._on_about_triggered)
        self.save_profile_action = self._action(
            self.tr("&Save profile"),
            None,
            self._keys(key.Save),
            proxy=lambda tab: tab.save_profile_action,
        )
        self.open_profile_action = self._action(
            self.tr("&Open profile…"), self._on_open_profile_triggered, self._keys("Ctrl+Shift+O")
        )
        self.delete_profile_action = self._action(
            self.tr("De&lete profile…"), self._on_delete_profile_triggered
        )
        self.export_profiles_action = self._action(
            self.tr("E&xport profiles…"), self._on_export_profiles_triggered
        )
        self.import_profiles_action = self._action(
            self.tr("&Import profiles…"), self._on_import_profiles_triggered
        )
        self.settings_action = self._action(
            self.tr("Co&nnection settings"),
            None,
            self._keys("Ctrl+E"),
            proxy=lambda tab: tab.settings_action,
        )
        self.login_action = self._action(
            self.tr("&Log in…"),
            None,
            proxy=lambda tab: tab.connection_panel.login_action,
            follow_text=True,
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for action in (self.new_tab_action, self.duplicate_tab_action, self.rename_tab_action):
            file_menu.addAction(action)
        file_menu.addAction(self.close_tab_action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_file_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.import_history_action)
        file_menu.addAction(self.clear_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_scenario_action)
        file_menu.addAction(self.export_scenario_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for action in (self.copy_action, self.find_action, self.format_action, self.compact_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.library_save_action)
        connection_menu = bar.addMenu(self.tr("&Connection"))
        for action in (
            self.connect_action,
            self.send_action,
            self.send_raw_action,
            self.send_binary_action,
            self.periodic_action,
        ):
            connection_menu.addAction(action)
        connection_menu.addSeparator()
        connection_menu.addAction(self.login_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.all_connections_action)
        library_toggle = self.library_dock.toggleViewAction()
        library_toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.addAction(library_toggle)
        view_menu.addAction(library_toggle)
        view_menu.addAction(self.scenarios_dock.toggleViewAction())
        view_menu.addMenu(self._theme_menu())
        view_menu.addSeparator()
        view_menu.addAction(self.next_tab_action)
        view_menu.addAction(self.previous_tab_action)
        view_menu.addSeparator()
        self.language_menu = LanguageMenu(self.settings.language, self)
        self.language_menu.languageChosen.connect(self._on_language_chosen)
        view_menu.addMenu(self.language_menu)
        profile_menu = bar.addMenu(self.tr("&Profiles"))
        for action in (
            self.save_profile_action,
            self.open_profile_action,
            self.duplicate_tab_action,
            self.rename_tab_action,
            self.delete_profile_action,
        ):
            profile_menu.addAction(action)
        profile_menu.addSeparator()
        profile_menu.addAction(self.export_profiles_action)
        profile_menu.addAction(self.import_profiles_action)
        profile_menu.addSeparator()
        profile_menu.addAction(self.settings_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _theme_menu(self) -> QMenu:
        """View ▸ Theme: System / Light / Dark, the current choice checked."""
        menu = QMenu(self.tr("&Theme"), self)
        menu.setObjectName("themeMenu")
        group = QActionGroup(self)
        self.theme_actions: dict[ThemeChoice, QAction] = {}
        labels = {
            ThemeChoice.SYSTEM: self.tr("&System"),
            ThemeChoice.LIGHT: self.tr("&Light"),
            ThemeChoice.DARK: self.tr("&Dark"),
        }
        for choice, label in labels.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(choice is self.theme.choice)
            action.setData(choice.value)
            group.addAction(action)
            self.theme_actions[choice] = action
        self.theme_actions[ThemeChoice.SYSTEM].setToolTip(
            self.tr("Light or dark as the system's colour scheme is, and along with it")
        )
        group.triggered.connect(self._on_theme_group_triggered)
        return menu

    def shortcut_actions(self) -> list[QAction]:
        """The window's actions that have a keyboard shortcut (Help ▸ Keyboard shortcuts)."""
        return [action for action in self.actions() if not action.shortcut().isEmpty()]

    @Slot(str)
    def _on_language_chosen(self, choice: str) -> None:
        self.settings.language = choice
        self.settings.sync()
        self.statusBar().showMessage(
            self.tr("The language changes when Tsushin starts again."), 10_000
        )

    # --- tabs --------------------------------------------------------------------------

    def connection_name(self, connection: str) -> str:
        """What the "All connections" view calls a connection id."""
        for tab in self.tabs.tabs():
            if tab.id == connection:
                return tab.title
        if connection == ALL_CONNECTIONS:
            return self.tr("(history)")
        if connection == BEFORE_CONNECTIONS:
            owner = self._names.get(self._legacy_owner)
            return owner or self.tr("(before tabs)")
        name = self._names.get(connection)
        return self.tr("{name} (closed)").format(name=name) if name else connection

    @property
    def profiles(self) -> ProfileStore:
        """The saved connection profiles."""
        return self.factory.profiles

    def _default_title(self) -> str:
        taken = {tab.title for tab in self.tabs.tabs()} | {p.name for p in self.profiles.profiles}
        number = 1
        while (title := self.tr("Connection {n}").format(n=number)) in taken:
            number += 1
        return title

    def _unique(self, name: str, besides: str | None = None) -> str:
        """``name``, or ``name (2)``...: unique among saved profiles and open tabs."""
        taken = {t.title for t in self.tabs.tabs() if t.profile().id != besides}
        name = self.profiles.unique_name(name, besides=besides)
        number = 2
        base = name
        while name in taken:
            name = f"{base} ({number})"
            number += 1
        return name

    def new_tab(
        self,
        spec: TabSpec | None = None,
        *,
        profile: Profile | None = None,
        current: bool = True,
        at: int = -1,
    ) -> ConnectionTab:
        """Open a tab for ``spec`` with ``profile`` (by default: a new connection, with
        a profile of its own, to where the current tab connects)."""
        if profile is None:
            shown = self.tabs.current_tab()
            base = (
                shown.profile() if shown is not None else Profile(server=self.settings.server_mode)
            )
            title = spec.title if spec is not None and spec.title else self._default_title()
            profile = base.replace(id=new_profile_id(), name=self._unique(title))
        spec = (spec or TabSpec()).replace(title=profile.name, profile_id=profile.id)
        tab = self.factory.build(
            spec,
            profile,
            self.settings.recent_urls,
            legacy_owner=spec.id == self._legacy_owner,
        )
        tab.restore_splitters(self._splitter_states)
        tab.connectedTo.connect(self._on_tab_connected_to)
        tab.history.saveToLibraryRequested.connect(self.library_dock.panel.save_text)
        self._names[tab.id] = tab.title
        self.tabs.add_tab(tab, current=current, at=at)
        if self.profiles.get(profile.id) is None:
            tab.save_profile(quiet=True)  # in the library from the start
        return tab

    @Slot(object)
    def close_tab(self, tab: ConnectionTab) -> None:
        """Close ``tab``: its connection, its hold on the embedded server. The window
        always keeps one tab: closing the last opens a new one."""
        if self.tabs.indexOf(tab) < 0:
            return
        self._splitter_states = {n: s.saveState() for n, s in tab.splitters().items()}
        self._names[tab.id] = tab.title
        tab.save_profile(quiet=True)  # it can be opened again (Profiles ▸ Open profile…)
        tab.shutdown()
        self.tabs.remove_tab(tab)
        tab.deleteLater()
        if not self.tabs.count():
            self.new_tab()

    @Slot(object)
    def duplicate_tab(self, tab: ConnectionTab) -> ConnectionTab:
        """A new tab next to ``tab``, with a copy of its profile (``name (2)``)."""
        profile = tab.profile()
        copy = profile.replace(id=new_profile_id(), name=self._unique(profile.name))
        spec = TabSpec(editor_text=tab.spec().editor_text, schema_text=tab.spec().schema_text)
        return self.new_tab(spec, profile=copy, at=self.tabs.indexOf(tab) + 1)

    def open_profile(self, profile: Profile) -> ConnectionTab:
        """Show a saved profile: its tab if one is open, else a new tab."""
        for tab in self.tabs.tabs():
            if tab.profile().id == profile.id:
                self.tabs.setCurrentWidget(tab)
                return tab
        return self.new_tab(profile=profile)

    def delete_profile(self, profile_id: str) -> None:
        """Delete a saved profile (its secrets too); a tab that has it open closes."""
        for tab in self.tabs.tabs():
            if tab.profile().id == profile_id:
                self.close_tab(tab)
        self.profiles.delete(profile_id)

    def export_profiles(self, path: pathlib.Path) -> int:
        """Write every profile (the open tabs' as they are now) to ``path``, without
        a secret; return how many. Raises :class:`ProfileStoreError`."""
        for tab in self.tabs.tabs():
            tab.save_profile(quiet=True)
        return self.profiles.export(path)

    def import_profiles(self, path: pathlib.Path) -> list[ConnectionTab]:
        """Add the profiles of ``path`` (new names where taken) and open each in a tab;
        problems are said in a message box."""
        report = self.profiles.import_file(path)
        opened = [self.new_tab(profile=profile) for profile in report.profiles]
        if report.problems:
            QMessageBox.warning(
                self,
                self.tr("Import profiles"),
                "\n".join(word(problem) for problem in report.problems),
            )
        self.statusBar().showMessage(
            self.tr("{n} profiles imported from {file}").format(n=len(opened), file=path.name), 8000
        )
        return opened

    def _restore_tabs(self) -> None:
        problems: list[str] = []
        report = self.profiles.load()
        for _path, bad in report.problems:
            problems.append(word(bad))
        for profile_id, keys in report.missing_secrets.items():
            found = self.profiles.get(profile_id)
            problems.append(
                self.tr(
                    "profile {name}: {keys} were kept in memory only and are gone; enter them again"
                ).format(name=found.name if found else profile_id, keys=", ".join(keys))
            )
        try:
            state = self.tabs_file.load()
        except TabsFileError as exc:
            state = None
            problems.append(str(exc))
        if state is None or not state.tabs:
            # A first start, or from a Tsushin without tabs: its settings are the first
            # profile, its editor text the tab's, and the rows it wrote are this tab's.
            default = self.settings.default_profile().replace(name=self.tr("Connection 1"))
            first = TabSpec(editor_text=self.settings.editor_text)
            first = first.replace(profile_id=self.profiles.ensure_default(default).id)
            known = state.names if state is not None else {}
            owner = state.legacy_owner if state is not None and state.legacy_owner else first.id
            state = TabsState([first], 0, owner, known)
        self._names = dict(state.names)
        self._legacy_owner = state.legacy_owner
        for spec in state.tabs:
            self.new_tab(spec, profile=self._profile_of(spec), current=False)
        self.tabs.setCurrentIndex(state.current)
        self._on_tabs_current_changed(self.tabs.current_tab())
        if problems:
            self.statusBar().showMessage("; ".join(problems), 15_000)
            for problem in problems:
                print(f"tsushin: {problem}", file=sys.stderr)

    def _profile_of(self, spec: TabSpec) -> Profile:
        """A saved tab's profile, or one made of what the tab kept (a profile deleted,
        broken, or a tabs file of before profiles)."""
        found = self.profiles.get(spec.profile_id)
        if found is not None and all(t.profile().id != found.id for t in self.tabs.tabs()):
            return found
        profile = legacy_profile(
            spec.mode,
            spec.remote,
            connect_timeout=spec.connect_timeout,
            auto_reconnect=spec.auto_reconnect,
            name=self._unique(spec.title or self._default_title()),
        )
        return profile

    def tabs_state(self) -> TabsState:
        """The tabs as they are now, as saved."""
        for tab in self.tabs.tabs():
            self._names[tab.id] = tab.title
        return TabsState(
            [tab.spec() for tab in self.tabs.tabs()],
            max(0, self.tabs.currentIndex()),
            self._legacy_owner,
            dict(self._names),
        )

    def save_tabs(self) -> None:
        """Write the tabs file now (a failure is said, and changes nothing else)."""
        try:
            self.tabs_file.save(self.tabs_state())
        except OSError as exc:
            self.statusBar().showMessage(
                self.tr("The tabs could not be saved: {error}").format(error=exc), 8000
            )

    # --- layout persistence --------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            frame = self.settings.window_frame()
            if frame is not None and not on_a_screen(frame):
                self._centre_on_primary_screen()  # that screen is gone (a laptop undocked)
        state = self.settings.geometry("mainSplitter")
        if state is not None:
            self.main_splitter.restoreState(state)
        state = self.settings.geometry("windowState")  # the docks
        if state is not None:
            self.restoreState(state)
        for name in ("editorSplitter", "historySplitter", "schemaSplitter"):
            state = self.settings.geometry(name)
            if state is not None:
                self._splitter_states[name] = state

    def _fit_first_start(self) -> None:
        """Without a saved layout, fit the screen: 1300 x 760 is more than a 1920 x 1080
        laptop at 150 % scaling has (1280 x 720, less the taskbar)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None or self.settings.geometry("geometry") is not None:
            return
        room = screen.availableGeometry()
        if self.width() > room.width() or self.height() > room.height():
            self.resize(
                min(self.width(), room.width() - 32),  # the frame, a margin
                min(self.height(), room.height() * 9 // 10),  # the title bar, a margin
            )
            self._centre_on_primary_screen()

    def _centre_on_primary_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.resize(min(self.width(), room.width()), min(self.height(), room.height()))
        frame = self.frameGeometry()
        frame.moveCenter(room.center())
        self.move(frame.topLeft())

    def save_state(self) -> None:
        """Write the layout, the tabs and the current tab's choices to the settings."""
        self.settings.set_geometry("geometry", self.saveGeometry())
        self.settings.set_window_frame(self.frameGeometry())
        self.settings.set_geometry("mainSplitter", self.main_splitter.saveState())
        self.settings.set_geometry("windowState", self.saveState())
        for each in self.tabs.tabs():
            each.save_profile(quiet=True)
        tab = self.tabs.current_tab()
        if tab is not None:
            for name, splitter in tab.splitters().items():
                self.settings.set_geometry(name, splitter.saveState())
            # What a Tsushin without tabs would read, and the first tab of a new start.
            spec = tab.spec()
            self.settings.server_mode = spec.mode
            self.settings.remote = spec.remote
            self.settings.auto_reconnect = spec.auto_reconnect
            self.settings.connect_timeout = spec.connect_timeout
            self.settings.editor_text = spec.editor_text
        self.save_tabs()
        self.settings.sync()

    def shutdown(self) -> None:
        """Close every connection, stop the server, write history and settings (once)."""
        if self._closed:
            return
        self._closed = True
        self.scenarios.stop()
        self.save_state()
        for tab in self.tabs.tabs():
            tab.shutdown()
        self.server.shutdown()
        self.log.close()
        self.library.store.close()
        rescued = self.log.write_status.rescue_file
        if rescued is not None:  # the window is going: say it where it can still be seen
            print(f"tsushin: unsaved messages were written to {rescued}", file=sys.stderr)

    def open_file(self, path: pathlib.Path) -> bool:
        """Load ``path`` into the current tab's editor (File ▸ Open…); whether it was."""
        return self.file_opener.load(path).ok

    @Slot(str)
    def on_show_requested(self, path: str) -> None:
        """Another start on this data folder: come forward (and open its file)."""
        print(
            "tsushin: another start on this data folder: window brought forward",
            file=sys.stderr,
            flush=True,
        )
        bring_forward(self)
        if path:
            self.open_file(pathlib.Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if not files:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.file_opener.load_dropped(files)

    def wait_shut_down(self, timeout_ms: int = 7000) -> bool:
        """After :meth:`shutdown`, wait for the embedded server to exit and the
        connections' close handshakes to end (the window is already gone)."""
        for tab in self.tabs.tabs():
            tab.controller.client.wait_finished(min(2.0, timeout_ms / 1000))
        return self.server.wait_stopped(timeout_ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def start_embedded_on_launch(self) -> bool:
        """Connect every tab that uses the embedded server (starting it once), so a
        double-click is all a user needs. Tabs of remote servers wait for Connect.
        Returns whether any did."""
        started = [tab.start_embedded() for tab in self.tabs.tabs()]
        return any(started)

    # --- slots ---------------------------------------------------------------------

    @Slot()
    def _on_tabs_new_tab_requested(self) -> None:
        self.new_tab()

    @Slot()
    def _on_close_tab_triggered(self) -> None:
        self.close_tab(self.current_tab())

    @Slot()
    def _on_rename_tab_triggered(self) -> None:
        self.tabs.rename_tab(self.current_tab())

    @Slot()
    def _on_duplicate_tab_triggered(self) -> None:
        self.duplicate_tab(self.current_tab())

    @Slot()
    def _on_next_tab_triggered(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    @Slot()
    def _on_previous_tab_triggered(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() - 1) % self.tabs.count())

    @Slot(bool)
    def _on_all_connections_triggered(self, on: bool) -> None:
        self.history.set_all_connections(on)

    @Slot()
    def _on_tabs_changed(self) -> None:
        if not self._restoring and not self._closed:
            self.save_tabs()

    @Slot(object)
    def _on_tabs_current_changed(self, tab: ConnectionTab | None) -> None:
        for proxy, target in self._proxies:
            proxy.set_target(target(tab) if tab is not None else None)
        if tab is None:
            return
        self.all_connections_action.setChecked(tab.history.showing_all)
        self._on_current_state(tab.controller.state, tab.connection_panel.status_label.text())
        self._show_counts()
        if not self._restoring and not self._closed:
            self.save_tabs()

    @Slot(QAction)
    def _on_theme_group_triggered(self, action: QAction) -> None:
        choice = ThemeChoice(action.data())
        self.theme.set_choice(choice)
        self.settings.theme = choice
        self.settings.sync()

    @Slot()
    def _on_open_profile_triggered(self) -> None:
        saved = self.profiles.profiles
        if not saved:
            self.statusBar().showMessage(self.tr("No saved profile"), 4000)
            return
        names = [p.name for p in saved]
        name, ok = QInputDialog.getItem(
            self, self.tr("Open profile"), self.tr("Profile:"), names, 0, False
        )
        if ok and name in names:
            self.open_profile(saved[names.index(name)])

    @Slot()
    def _on_delete_profile_triggered(self) -> None:
        saved = self.profiles.profiles
        names = [p.name for p in saved]
        if not names:
            return
        current = self.current_tab().title
        at = names.index(current) if current in names else 0
        name, ok = QInputDialog.getItem(
            self, self.tr("Delete profile"), self.tr("Profile to delete:"), names, at, False
        )
        if not ok or name not in names:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete profile"),
            self.tr(
                "Delete the profile {name} and its secrets? A tab that has it open closes;"
                " its history stays (All connections)."
            ).format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_profile(saved[names.index(name)].id)

    @Slot()
    def _on_open_file_triggered(self) -> None:
        self.file_opener.ask()

    @Slot()
    def _on_export_profiles_triggered(self) -> None:
        chosen = self.dialogs.save_file(
            self,
            self.tr("Export profiles"),
            "tsushin-profiles.json",
            self.tr("Tsushin profiles (*.json);;All files (*)"),
        )
        if chosen is None:
            return
        name = str(chosen)
        try:
            count = self.export_profiles(chosen)
        except ProfileStoreError as exc:
            QMessageBox.warning(self, self.tr("Export profiles"), word(exc.problem))
            return
        self.statusBar().showMessage(
            self.tr("{n} profiles exported to {file}, without their secrets").format(
                n=count, file=name
            ),
            8000,
        )

    @Slot()
    def _on_import_profiles_triggered(self) -> None:
        chosen = self.dialogs.open_file(
            self, self.tr("Import profiles"), self.tr("Tsushin profiles (*.json);;All files (*)")
        )
        if chosen is not None:
            self.import_profiles(chosen)

    @Slot()
    def _on_find_triggered(self) -> None:
        history = self.history
        history.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        history.filter_edit.selectAll()

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self.shortcut_actions(), self)
        self.shortcuts_dialog.open()

    def _ask_expect_mode(self) -> ExpectMode | None:
        """How a saved scenario checks replies (None: the user cancelled)."""
        choices = [
            self.tr("an expect by the reply's type"),
            self.tr("an expect of the whole reply"),
            self.tr("no expects: sends only"),
        ]
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Save as scenario"),
            self.tr("After each send with a reply:"),
            choices,
            0,
            False,
        )
        if not ok or choice not in choices:
            return None
        modes: tuple[ExpectMode, ...] = ("type", "full", "none")
        return modes[choices.index(choice)]

    def _ask_scenario_file(self, suggested: str) -> pathlib.Path | None:
        return self.dialogs.save_file(
            self,
            self.tr("Save scenario"),
            suggested,
            self.tr("Scenarios (*.json);;All files (*)"),
        )

    def _said_saved(self, sends: int, path: pathlib.Path) -> None:
        self.statusBar().showMessage(
            self.tr("Scenario of {n} sends saved to {file} (python -m gui run {file})").format(
                n=sends, file=str(path)
            ),
            10_000,
        )
        self.scenarios_dock.panel.open_file(path)
        self.scenarios_dock.show()

    @Slot()
    def _on_save_scenario_triggered(self) -> None:
        tab = self.current_tab()
        mode = self._ask_expect_mode()
        if mode is None:
            return
        path = self._ask_scenario_file(f"{tab.title}.json")
        if path is None:
            return
        try:
            sends = save_sent_as_scenario(
                tab,
                path,
                expect=mode,
                embedded_url=self.launcher.url,
            )
        except NothingSent:
            self.statusBar().showMessage(
                self.tr("No sent message in this tab: no scenario was saved"), 8000
            )
            return
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save scenario"), str(exc))
            return
        self._said_saved(sends, path)

    @Slot()
    def _on_import_history_triggered(self) -> None:
        chosen = self.dialogs.open_file(
            self, self.tr("Import history"), self.tr("History exports (*.jsonl);;All files (*)")
        )
        if chosen is not None:
            self.history_imports.import_into(self.current_tab(), chosen)

    @Slot(bool, str)
    def _on_history_imports_finished(self, ok: bool, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)
        if not ok:
            QMessageBox.warning(self, self.tr("Import history"), message)

    @Slot()
    def _on_export_scenario_triggered(self) -> None:
        export = self.dialogs.open_file(
            self,
            self.tr("Scenario from a history export"),
            self.tr("History exports (*.jsonl);;All files (*)"),
        )
        if export is None:
            return
        mode = self._ask_expect_mode()
        if mode is None:
            return
        path = self._ask_scenario_file(str(export.with_suffix(".json")))
        if path is None:
            return
        try:
            sends = save_export_as_scenario(export, path, expect=mode)
        except HistoryImportError as exc:
            QMessageBox.warning(
                self,
                self.tr("Scenario from a history export"),
                self.tr("{file} is not a history export: {problem}").format(
                    file=export.name, problem=word(exc.problem)
                ),
            )
            return
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save scenario"), str(exc))
            return
        self._said_saved(sends, path)

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Tsushin"),
            f"Tsushin (通信) {__version__}\n\n"
            + self.tr("A desktop app for talking JSON over WebSocket to Django Channels servers."),
        )

    @Slot(object, str)
    def _on_current_state(self, state: ConnectionState, message: str) -> None:
        self.status_state.setText(message)
        if state is not ConnectionState.CONNECTED:
            self.status_latency.clear()

    @Slot(float)
    def _on_current_latency(self, ms: float) -> None:
        self.status_latency.setText(
            self.tr("ping {ms} ms").format(ms=QLocale().toString(ms, "f", 1))
        )

    @Slot(str)
    def _on_tab_connected_to(self, url: str) -> None:
        tab = self.sender()
        if isinstance(tab, ConnectionTab) and tab.connection_panel.mode().value == "remote":
            urls = remember(self.settings.recent_urls, url)
            self.settings.recent_urls = urls
            for each in self.tabs.tabs():
                each.set_recent(urls)

    @Slot()
    def _on_library_save_requested(self) -> None:
        self.library_dock.panel.save_text(self.editor.text())

    @Slot(str)
    def _on_library_load_requested(self, text: str) -> None:
        self.editor.set_text(text)
        self.editor.edit.setFocus()

    @Slot(object)
    def _on_log_write_status(self, status: WriteStatus) -> None:
        if not status.failing:
            self.status_history.hide()
            return
        text = self.tr(
            "⚠ History not saved to disk: {error} — {unsaved} messages kept"
            " in memory, retrying (File ▸ Export saves them)"
        ).format(error=status.error, unsaved=status.unsaved)
        if status.lost:
            text += self.tr("; {lost} dropped from memory").format(lost=status.lost)
        self.status_history.setText(text)
        self.status_history.show()

    @Slot()
    def _show_counts(self) -> None:
        tab = self.tabs.current_tab()
        sent, received, size = tab.counts() if tab is not None else (0, 0, 0)
        self.status_counts.setText(
            self.tr("sent {sent} · received {received} · {size}").format(
                sent=sent, received=received, size=human_bytes(size)
            )
        )
