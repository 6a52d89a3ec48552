"""Builds the application's objects once and hands them to the window."""

from __future__ import annotations

import pathlib

from gui.icons import app_icon
from gui.main_window import MainWindow
from gui.models.history import HistoryModel
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore
from gui.net.client import WebSocketClient
from gui.net.controller import ConnectionController
from gui.server.launcher import ServerLauncher
from gui.settings import AppSettings

HISTORY_FILE = "history.sqlite3"
SETTINGS_FILE = "settings.ini"


def build_window(data_dir: pathlib.Path) -> MainWindow:
    """Build the main window with everything it needs; all files under ``data_dir``.

    Does not show the window or start the event loop. Needs a QApplication.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = AppSettings(data_dir / SETTINGS_FILE)
    store = HistoryStore(data_dir / HISTORY_FILE)
    inbox = RecordInbox()
    model = HistoryModel(store, inbox)
    client = WebSocketClient(inbox)
    launcher = ServerLauncher()
    controller = ConnectionController(client, launcher, inbox)
    window = MainWindow(settings, model, controller, launcher)
    window.setWindowIcon(app_icon())
    # The window owns the non-widget objects so they live exactly as long as it does.
    for obj in (model, client, launcher, controller):
        obj.setParent(window)
    return window
