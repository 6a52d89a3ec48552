"""Buttons as views of actions, proxy actions, a widget's own keys before the window's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from gui.widgets.commands import OwnShortcuts, ProxyAction, bind_button, command, set_text
from gui.widgets.shortcuts_dialog import command_name


def test_a_button_shows_its_action_and_triggers_it(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    action = command("&Send", host, name="sendAction")
    action.setToolTip("Send it (Ctrl+Enter)")
    button = QPushButton(host)
    bind_button(button, action)
    assert (button.text(), button.toolTip(), button.isEnabled()) == (
        "&Send",
        "Send it (Ctrl+Enter)",
        True,
    )
    fired: list[bool] = []
    action.triggered.connect(lambda: fired.append(True))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert fired == [True]
    action.setEnabled(False)
    action.setText("Disconnect")
    assert not button.isEnabled() and button.text() == "Disconnect"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert fired == [True]  # a disabled action's button does nothing


def test_a_refused_toggle_puts_the_button_back(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    action = command("Start", host, checkable=True)
    action.triggered.connect(lambda: action.setChecked(False))  # the start is refused
    button = QPushButton(host)
    bind_button(button, action)
    assert button.isCheckable()
    button.click()
    assert not action.isChecked() and not button.isChecked()


def test_a_proxy_follows_its_target(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    first, second = command("Connect", host), command("Disconnect", host)
    set_text(second, "Disconnect", "&Disconnect")
    second.setEnabled(False)
    proxy = ProxyAction("&Connect", host, follow_text=True)
    assert not proxy.isEnabled()  # no target yet
    proxy.set_target(first)
    assert proxy.isEnabled() and proxy.text() == "Connect"  # no menu text: its text
    hits: list[str] = []
    first.triggered.connect(lambda: hits.append("first"))
    second.triggered.connect(lambda: hits.append("second"))
    proxy.trigger()
    proxy.set_target(second)
    assert not proxy.isEnabled() and proxy.text() == "&Disconnect"
    proxy.trigger()  # disabled: nothing
    second.setEnabled(True)
    assert proxy.isEnabled()
    proxy.trigger()
    first.setEnabled(False)  # no longer followed
    assert proxy.isEnabled()
    assert hits == ["first", "second"]


def test_a_checkable_proxy_takes_the_targets_state(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    target = command("Settings", host, checkable=True)
    proxy = ProxyAction("&Settings", host)
    proxy.set_target(target)
    assert proxy.isCheckable() and not proxy.isChecked()
    proxy.trigger()
    assert target.isChecked() and proxy.isChecked()
    target.setChecked(False)
    assert not proxy.isChecked()


def test_a_widgets_own_key_wins_over_the_windows(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    view, other = QListWidget(window), QListWidget(window)
    layout = QVBoxLayout(window)
    layout.addWidget(view)
    layout.addWidget(other)
    hits: list[str] = []
    window_action = QAction("Rename tab", window)
    window_action.setShortcut(QKeySequence("F2"))
    window_action.triggered.connect(lambda: hits.append("window"))
    window.addAction(window_action)
    own = QAction("Rename entry", view)
    own.setShortcut(QKeySequence("F2"))
    own.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    own.triggered.connect(lambda: hits.append("view"))
    view.addAction(own)
    OwnShortcuts(view, [own])
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    other.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is other)
    qtbot.keyClick(other, Qt.Key.Key_F2)
    assert hits == ["view", "window"]


def test_the_shortcuts_list_names_commands_without_mnemonics(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    names = [
        command_name(QAction(text, host))
        for text in ("&Rename tab…", "新しいタブ(&N)", "Save && close", "ログイン(&L)…")
    ]
    assert names == ["Rename tab", "新しいタブ", "Save & close", "ログイン"]
