"""Fixtures for the GUI tests: a window on a temporary data folder, test servers."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import keyring
import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from gui.app import build_window
from gui.main_window import MainWindow
from tests.gui.core.keyrings import MemoryKeyring

# Numbers as an English interface writes them ("2,560 bytes"), on a C-locale machine
# too, as the window does (gui.i18n); widgets built without a window see this default.
QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot propagate size hints when a window is
    # shown; that says nothing about the app, so it must not fail the GUI tests.
    here = pathlib.Path(__file__).parent
    for item in items:
        if here in pathlib.Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture
def window_keyring() -> Iterator[MemoryKeyring]:
    """The credential store of the windows a test builds: in memory, never the
    developer's own (a test's windows share it, as runs of the app share the system's)."""
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def make_window(qtbot: QtBot, window_keyring: MemoryKeyring) -> Iterator:
    """Build windows on a data folder; each is closed (server stopped) at the end."""
    built: list[MainWindow] = []

    def make(data_dir: pathlib.Path) -> MainWindow:
        window = build_window(data_dir)
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        built.append(window)
        return window

    yield make
    for window in built:
        window.close()
        window.wait_shut_down()  # no server left exiting behind the test


@pytest.fixture
def window(make_window, tmp_path: pathlib.Path) -> MainWindow:
    """One main window on ``tmp_path``, shown."""
    win = make_window(tmp_path)
    win.show()
    return win
