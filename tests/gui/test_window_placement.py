"""The window comes back where it was, unless that place is on no screen any more."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from gui.main_window import MainWindow, on_a_screen
from gui.settings import AppSettings


def primary() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def close_at(make_window, data_dir: pathlib.Path, x: int, y: int) -> None:
    window: MainWindow = make_window(data_dir)
    window.resize(window.minimumSizeHint())
    window.show()
    window.move(x, y)
    window.close()  # saves the layout
    window.wait_shut_down()


def test_a_window_saved_off_every_screen_is_centred_on_the_primary(
    make_window, tmp_path: pathlib.Path
) -> None:
    # Where the second monitor was (9000, 7000): it is gone now.
    close_at(make_window, tmp_path, 9000, 7000)
    saved = AppSettings(tmp_path / "settings.ini").window_frame()
    assert saved is not None and saved.topLeft().x() >= 9000
    assert not on_a_screen(saved)

    window = make_window(tmp_path)
    frame = window.frameGeometry()
    assert frame.size().width() <= primary().width()
    centre, middle = frame.center(), primary().center()
    assert abs(centre.x() - middle.x()) <= 2 and abs(centre.y() - middle.y()) <= 2
    assert primary().contains(frame.topLeft())


def test_a_window_saved_on_a_screen_comes_back_there(make_window, tmp_path: pathlib.Path) -> None:
    # (The window's least size about fills the test screen, 800 pixels wide: moved down.)
    close_at(make_window, tmp_path, 0, 150)
    window = make_window(tmp_path)
    assert window.frameGeometry().topLeft().x() in range(-2, 3)
    assert window.frameGeometry().topLeft().y() in range(146, 155)


def test_a_title_bar_just_off_the_screen_counts_as_off() -> None:
    room = primary()
    assert on_a_screen(QRect(room.left(), room.top(), 500, 400))
    # Only its bottom on the screen: its title bar, to drag it by, is above it.
    assert not on_a_screen(QRect(room.left(), room.top() - 390, 500, 400))
    # Only the last 50 pixels of the title bar on the right edge: too little to grab.
    assert not on_a_screen(QRect(room.right() - 50, room.top(), 500, 400))
