"""The window by keyboard: shortcuts on the current tab, menus and buttons enabled
together, the tab order, Escape and default buttons, accessible names, Help ▸ Keyboard
shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.main_window import MainWindow
from gui.widgets.binary_dialog import BinaryDialog
from gui.widgets.expectation_dialog import ExpectationDialog
from gui.widgets.focus import takes_tab_focus
from gui.widgets.shortcuts_dialog import ShortcutsDialog, command_name, shortcut_text
from tests.gui.servers import ThreadedServer, json_echo


def press(qtbot: QtBot, action: QAction) -> None:
    """Press ``action``'s first shortcut where the focus is, as a user would."""
    combination = action.shortcuts()[0][0]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def go_remote(window: MainWindow, port: int) -> None:
    panel = window.connection_panel
    panel.mode_combo.setCurrentIndex(panel.mode_combo.findData("remote"))
    panel.port_spin.setValue(port)


def test_shortcuts_act_on_the_current_tab(qtbot: QtBot, window: MainWindow) -> None:
    first = window.current_tab()
    first.editor.set_text('{"a":1}')
    focus(qtbot, window, first.history.table)
    press(qtbot, window.new_tab_action)  # Ctrl+T
    assert window.tabs.count() == 2
    second = window.current_tab()
    assert second is not first
    second.editor.set_text('{"b":2}')
    focus(qtbot, window, second.history.table)
    press(qtbot, window.format_action)  # Ctrl+Shift+F: this tab's editor only
    assert second.editor.text() == '{\n  "b": 2\n}'
    assert first.editor.text() == '{"a":1}'
    press(qtbot, window.settings_action)  # Ctrl+E unfolds this tab's settings
    assert second.settings_editor.isVisible() and second.settings_button.isChecked()
    assert not first.settings_action.isChecked()
    press(qtbot, window.previous_tab_action)
    assert window.current_tab() is first
    press(qtbot, window.format_action)
    assert first.editor.text() == '{\n  "a": 1\n}'
    assert not window.settings_action.isChecked()  # the menu item follows the tab
    press(qtbot, window.next_tab_action)
    assert window.current_tab() is second and window.settings_action.isChecked()
    focus(qtbot, window, second.history.table)
    press(qtbot, window.close_tab_action)  # Ctrl+W
    assert window.tabs.tabs() == [first]


def test_menu_items_and_buttons_are_enabled_together(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    editor, panel = tab.editor, tab.connection_panel
    pairs = [
        (window.send_action, editor.send_button),
        (window.send_raw_action, editor.send_raw_button),
        (window.send_binary_action, editor.send_binary_button),
        (window.copy_action, tab.history.copy_button),
    ]
    assert [(a.isEnabled(), b.isEnabled()) for a, b in pairs] == [(False, False)] * 4
    assert window.connect_action.text() == "&Connect" and panel.connect_button.text() == "Connect"
    server = ThreadedServer(json_echo).start()
    try:
        go_remote(window, server.port)
        with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
            focus(qtbot, window, tab.history.table)
            press(qtbot, window.connect_action)  # F5
        assert [(a.isEnabled(), b.isEnabled()) for a, b in pairs[:3]] == [(True, True)] * 3
        assert window.connect_action.text() == "&Disconnect"
        assert panel.connect_button.text() == "Disconnect"
        with qtbot.waitSignal(editor.sendRequested, timeout=5000):
            press(qtbot, window.send_action)
        qtbot.waitUntil(lambda: window.model.rowCount() >= 2)  # sent, and its echo
        window.history.table.selectRow(0)
        assert window.copy_action.isEnabled() and tab.history.copy_button.isEnabled()

        window.new_tab_action.trigger()  # another tab, not connected: the menus follow it
        other = window.current_tab()
        assert not window.send_action.isEnabled() and not other.editor.send_button.isEnabled()
        assert window.connect_action.text() == "&Connect"
        assert editor.send_button.isEnabled()  # the first tab's own button keeps its state
        window.previous_tab_action.trigger()
        assert window.send_action.isEnabled()

        window.connect_action.trigger()  # Disconnect, from the menu
        qtbot.waitUntil(lambda: tab.controller.state is ConnectionState.DISCONNECTED)
        assert [(a.isEnabled(), b.isEnabled()) for a, b in pairs[:3]] == [(False, False)] * 3
        assert window.connect_action.text() == "&Connect"
    finally:
        window.controller.disconnect_from_server()
        server.stop()


def test_tab_walks_the_tab_page_in_reading_order(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    panel, editor, history = tab.connection_panel, tab.editor, tab.history
    go_remote(window, 9)
    tab.show_settings(True)
    focus(qtbot, window, panel.mode_combo)
    walked: list[QWidget] = []
    for _ in range(200):
        current = QApplication.focusWidget()
        assert current is not None
        if current in walked:
            break
        walked.append(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    expected = [
        panel.mode_combo,
        panel.scheme_combo,
        panel.host_edit,
        panel.port_spin,
        panel.path_edit,
        panel.connect_button,
        panel.login_button,
        panel.timeout_spin,
        panel.auto_check,
        tab.settings_button,
        tab.settings_editor.headers.add_button,
        tab.save_button,
        editor.edit,
        editor.format_button,
        tab.periodic_bar.button,
        tab.schema_panel.edit,
        history.filter_edit,
        history.direction_combo,
        history.table,
        tab.detail.text,
    ]
    missing = [w.objectName() for w in expected if w not in walked]
    assert not missing
    positions = [walked.index(w) for w in expected]
    assert positions == sorted(positions), [w.objectName() for w in walked]


def escape_next_dialog(seen: list[str]) -> None:
    """Press Escape in the next modal dialog (a static QInputDialog's exec); one that
    stays open is noted ``stuck`` and rejected, so the test fails instead of hanging."""

    def unstick(dialog: QDialog) -> None:
        try:
            if dialog.isVisible():
                seen.append("stuck")
                dialog.reject()
        except RuntimeError:  # closed and deleted: as it should be
            pass

    def escape(tries: int = 50) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            if tries:
                QTimer.singleShot(20, lambda: escape(tries - 1))
            return
        seen.append(type(dialog).__name__)
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        QTimer.singleShot(1000, lambda: unstick(dialog))

    QTimer.singleShot(0, escape)


def test_escape_closes_every_dialog(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    go_remote(window, 9)  # the login dialog needs no server to open
    login = tab.open_login_dialog()
    opened: list[Callable[[], QDialog]] = [
        lambda: login,
        lambda: BinaryDialog(window),
        lambda: ExpectationDialog(None, None, window),
    ]
    window.shortcuts_action.trigger()
    opened.append(lambda: window.shortcuts_dialog)  # type: ignore[arg-type,return-value]
    for make in opened:
        dialog = make()
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        defaults = [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]
        assert len(defaults) == 1, dialog.objectName()  # Enter presses it
        target = QApplication.focusWidget() or dialog
        qtbot.keyClick(target, Qt.Key.Key_Escape)
        assert not dialog.isVisible(), dialog.objectName()
        assert dialog.result() == QDialog.DialogCode.Rejected

    title = tab.title
    for action in (window.rename_tab_action, window.open_profile_action):
        seen: list[str] = []
        escape_next_dialog(seen)
        action.trigger()  # returns once the dialog is closed
        assert seen == ["QInputDialog"]
    assert tab.title == title and window.tabs.count() == 1


def test_escape_in_the_filter_clears_it(qtbot: QtBot, window: MainWindow) -> None:
    history = window.history
    focus(qtbot, window, history.table)
    press(qtbot, window.find_action)  # Ctrl+F: to the filter
    assert QApplication.focusWidget() is history.filter_edit
    qtbot.keyClicks(history.filter_edit, "needle")
    assert history.filter_edit.text() == "needle"
    qtbot.keyClick(history.filter_edit, Qt.Key.Key_Escape)
    assert history.filter_edit.text() == "" and history.proxy.rowCount() == history.model.rowCount()


def unnamed(root: QWidget) -> list[str]:
    """Controls Tab stops at with neither text, accessible name nor a label naming them."""
    named_by_label = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    kinds = (
        QAbstractButton,
        QLineEdit,
        QAbstractSpinBox,
        QComboBox,
        QAbstractItemView,
        QPlainTextEdit,
        QTextEdit,
    )
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, kinds) or not takes_tab_focus(widget):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        named = text.replace("&", "").strip() or widget.accessibleName()
        if not named and widget not in named_by_label:
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def test_every_control_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    go_remote(window, 9)
    tab.show_settings(True)
    assert not unnamed(window)
    for dialog in (
        tab.open_login_dialog(),
        BinaryDialog(window),
        ExpectationDialog(None, None, window),
        ShortcutsDialog(window.shortcut_actions(), window),
    ):
        assert not unnamed(dialog), dialog.objectName()
        dialog.close()


def test_the_shortcuts_list_is_made_of_the_actions(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window, window.history.table)
    press(qtbot, window.shortcuts_action)  # F1 (Help contents)
    dialog = window.shortcuts_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    rows = dialog.rows()
    with_keys = [a for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(with_keys) >= 20 and len(rows) == len(with_keys)
    for action in with_keys:
        assert (command_name(action), shortcut_text(action)) in rows
    keys = dict(rows)
    assert keys["Send message"].startswith(QKeySequence("Ctrl+Return").toString())
    assert keys["Connect"] == "F5"
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence(QKeySequence.StandardKey.AddTab).toString(native) in keys["New tab"]
    assert dialog.findChild(QPushButton).isDefault()  # Close, by Enter
