"""Builds the application's objects once and hands them to the window."""

from __future__ import annotations

import gc
import pathlib

from PySide6.QtWidgets import QApplication

from gui.core.profile_store import ProfileStore
from gui.core.secrets import SecretStore
from gui.core.tab_specs import TabsFile
from gui.i18n import current_language, install_language
from gui.icons import app_icon
from gui.main_window import MainWindow
from gui.models.inbox import RecordInbox
from gui.models.library import LibraryModel
from gui.models.library_store import LibraryStore
from gui.models.log import HistoryLog
from gui.models.store import HistoryStore
from gui.server.launcher import ServerLauncher, server_command
from gui.server.shared import SharedServer
from gui.settings import AppSettings
from gui.tabs.factory import TabFactory
from gui.theme import Theme
from gui.widgets.file_dialogs import FileDialogs

HISTORY_FILE = "history.sqlite3"
SETTINGS_FILE = "settings.ini"
PROFILES_FOLDER = "profiles"


def build_window(data_dir: pathlib.Path) -> MainWindow:
    """Build the main window with everything it needs; all files under ``data_dir``.

    One history (store, writer thread, inbox), one embedded server (its users and
    sessions in ``data_dir`` too) and one profile store (secrets in the system's
    credential store) for every tab; each tab gets its own client, controller and view
    of the history from the :class:`TabFactory`. Does not show the window or start the
    event loop. Needs a QApplication.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = AppSettings(data_dir / SETTINGS_FILE)
    # Before any widget is built: the widgets word themselves once, when made, and
    # are built in the theme's colours.
    app = QApplication.instance()
    assert isinstance(app, QApplication), "build_window needs a QApplication"
    install_language(app, current_language(settings.language))
    theme = Theme(app, settings.theme)
    theme.apply()
    store = HistoryStore(data_dir / HISTORY_FILE)
    log = HistoryLog(store, RecordInbox())
    server = SharedServer(ServerLauncher(server_command(data_dir)))
    profiles = ProfileStore(data_dir / PROFILES_FOLDER, SecretStore())
    factory = TabFactory(log, server, profiles)
    library = LibraryModel(LibraryStore(data_dir / HISTORY_FILE))  # shared by every tab
    dialogs = FileDialogs(settings)  # every file dialog: Documents, then the last folder
    factory.dialogs = dialogs
    window = MainWindow(
        settings, log, factory, TabsFile(data_dir), library=library, dialogs=dialogs, theme=theme
    )
    factory.namer = window.connection_name  # the window knows the tabs' titles
    window.setWindowIcon(app_icon())
    # The window owns the non-widget objects so they live exactly as long as it does.
    for obj in (log, server, server.launcher, library, theme):
        obj.setParent(window)
    return window


FULL_GC_EVERY = 100  # second-generation passes between two full ones (Python: 10)


def settle_memory() -> None:
    """Once the window is up: take what was built so far (modules, widgets, settings)
    out of the garbage collector's full passes (``gc.freeze``), and make those passes
    rarer (:data:`FULL_GC_EVERY`).

    A full pass looks at every object the collector tracks, holding the GIL; under a
    flood it ran every few seconds (13 times for 200,000 messages, 40-60 ms each), in
    whatever thread allocates, and the GUI thread waits for it. What the app builds at
    startup lives as long as the app, so scanning it again and again only lengthens
    those pauses (by ~30 ms here); the rows of a flood are freed by their reference
    counts, not by the collector (they hold no cycles), so passing over them less
    often loses nothing.
    """
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_GC_EVERY)
