"""Connection tabs: open, close, rename, reorder, restore; the status bar and menus on
the current tab; each tab's own history rows, and "All connections"."""

from __future__ import annotations

import json
import pathlib
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QTabWidget, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, make_record
from gui.core.target import RemoteAddress
from gui.main_window import MainWindow
from gui.models import schema
from gui.models.history import HistoryModel
from gui.tabs.tab import ConnectionTab
from tests.gui.servers import ThreadedServer, json_echo
from tests.gui.test_main_window import OBJECT_NAMES, action

TAB_NAMES = [name for name in OBJECT_NAMES if name != "serverLog"]


def tab_widget(window: MainWindow) -> QTabWidget:
    found = window.findChild(QTabWidget, "connectionTabs")
    assert found is not None
    return found


def titles(window: MainWindow) -> list[str]:
    tabs = tab_widget(window)
    return [tabs.tabText(i) for i in range(tabs.count())]


def new_tab(qtbot: QtBot, window: MainWindow) -> ConnectionTab:
    before = tab_widget(window).count()
    button = window.findChild(QToolButton, "newTabButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert tab_widget(window).count() == before + 1
    return window.current_tab()


def shown_texts(tab: ConnectionTab) -> list[str]:
    return [r.text for r in tab.history.shown_records()]


def test_each_tab_has_the_widgets_of_a_connection(qtbot: QtBot, window: MainWindow) -> None:
    tabs = tab_widget(window)
    assert tabs.count() == 1
    first = tabs.currentWidget()
    second = new_tab(qtbot, window)
    assert tabs.currentWidget() is second is not first
    for page in (first, second):
        for name in TAB_NAMES:
            assert len(page.findChildren(QWidget, name)) == 1, name
    assert len(window.findChildren(QWidget, "serverLog")) == 1  # the window's
    assert titles(window) == ["Connection 1", "Connection 2"]
    assert second.id != first.id
    # A new tab connects where the current one does, and is not connected yet.
    assert second.connection_panel.mode() is first.connection_panel.mode()
    assert second.connection_panel.connect_button.text() == "Connect"


def test_tabs_are_renamed_moved_and_closed(qtbot: QtBot, window: MainWindow, monkeypatch) -> None:
    tabs = tab_widget(window)
    new_tab(qtbot, window)
    new_tab(qtbot, window)
    answers = iter([("Lobby", True), ("ignored", False), ("  Docker   8001 ", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))
    tabs.tabBar().tabBarDoubleClicked.emit(0)  # double-click on the first tab
    assert titles(window)[0] == "Lobby"
    tabs.setCurrentIndex(1)
    action(window, "Rename tab…").trigger()  # cancelled
    assert titles(window)[1] == "Connection 2"
    tabs.setCurrentIndex(2)
    action(window, "Rename tab…").trigger()
    assert titles(window) == ["Lobby", "Connection 2", "Docker 8001"]
    assert tabs.isMovable()
    tabs.tabBar().moveTab(2, 0)
    assert titles(window) == ["Docker 8001", "Lobby", "Connection 2"]
    closing = window.current_tab()
    assert closing.title == "Docker 8001"
    tabs.tabCloseRequested.emit(tabs.indexOf(closing))
    assert titles(window) == ["Lobby", "Connection 2"]
    action(window, "Close tab").trigger()
    action(window, "Close tab").trigger()  # the last one: a fresh tab takes its place
    assert tabs.count() == 1 and titles(window) == ["Connection 1"]


def test_tabs_come_back_after_a_restart(
    qtbot: QtBot, make_window, tmp_path: pathlib.Path, monkeypatch
) -> None:
    first = make_window(tmp_path)
    first.show()
    one = first.current_tab()
    one.editor.set_text('{"tab": 1}')
    two = new_tab(qtbot, first)
    two.connection_panel.mode_combo.setCurrentIndex(1)  # remote
    two.connection_panel.host_edit.setText("docker.invalid")
    two.connection_panel.port_spin.setValue(8001)
    two.connection_panel.timeout_spin.setValue(12)
    two.editor.set_text('{"tab": 2}')
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Remote", True))
    action(first, "Rename tab…").trigger()
    three = new_tab(qtbot, first)
    tab_widget(first).tabBar().moveTab(2, 0)
    tab_widget(first).setCurrentIndex(2)
    ids = [three.id, one.id, two.id]
    first.close()

    second = make_window(tmp_path)
    tabs = [tab_widget(second).widget(i) for i in range(3)]
    assert [t.id for t in tabs] == ids
    assert titles(second) == ["Connection 2", "Connection 1", "Remote"]  # 2 was free again
    assert second.current_tab().id == two.id
    remote = second.current_tab()
    assert remote.connection_panel.mode().value == "remote"
    assert remote.connection_panel.address().url == "ws://docker.invalid:8001/websock1-2/"
    assert remote.controller.connect_timeout == 12
    assert remote.editor.text() == '{"tab": 2}'
    assert tabs[1].editor.text() == '{"tab": 1}'
    assert tabs[1].connection_panel.mode().value == "embedded"


def test_the_status_bar_and_the_menus_follow_the_current_tab(
    qtbot: QtBot, window: MainWindow
) -> None:
    one = window.current_tab()
    two = new_tab(qtbot, window)
    two.model.inbox.put(make_record(Direction.SENT, '{"a": 1}'))
    one.model.inbox.put(make_record(Direction.RECEIVED, "x" * 2048))
    two.model.flush()
    assert window.status_counts.text() == "sent 1 · received 0 · 8 B"
    tab_widget(window).setCurrentWidget(one)
    assert window.status_counts.text() == "sent 0 · received 1 · 2.0 KB"
    two.controller.stateChanged.emit(two.controller.state, "something in the other tab")
    assert "something in the other tab" not in window.status_state.text()
    tab_widget(window).setCurrentWidget(two)
    assert window.status_state.text() == "Something in the other tab"
    # The menus act on the current tab.
    one.editor.set_text('{"a":1}')
    two.editor.set_text('{"b":2}')
    action(window, "Format JSON").trigger()
    assert two.editor.text() == '{\n  "b": 2\n}'
    assert one.editor.text() == '{"a":1}'
    action(window, "Previous tab").trigger()
    assert window.current_tab() is one
    action(window, "Format JSON").trigger()
    assert one.editor.text() == '{\n  "a": 1\n}'


def test_each_tab_shows_its_rows_and_all_connections_every_row(
    qtbot: QtBot, window: MainWindow
) -> None:
    one = window.current_tab()
    two = new_tab(qtbot, window)
    one.model.inbox.put(make_record(Direction.SENT, '{"from": "one"}'))
    two.model.inbox.put(make_record(Direction.SENT, '{"from": "two"}'))
    one.model.inbox.put(make_record(Direction.RECEIVED, '{"to": "one"}'))
    window.log.flush()
    assert shown_texts(one) == ['{"from": "one"}', '{"to": "one"}']
    assert shown_texts(two) == ['{"from": "two"}']
    every = action(window, "All connections")
    assert every.isCheckable() and not every.isChecked()
    assert window.findChild(QToolButton, "allConnectionsButton").defaultAction() is every
    every.trigger()  # on the current tab: two
    assert two.history.showing_all and not one.history.showing_all
    assert shown_texts(two) == ['{"from": "one"}', '{"from": "two"}', '{"to": "one"}']
    table = two.history.table
    column = [table.model().index(r, HistoryModel.CONNECTION).data() for r in range(3)]
    assert column == ["Connection 1", "Connection 2", "Connection 1"]
    header = table.horizontalHeader()
    assert header.visualIndex(HistoryModel.CONNECTION) == 1  # next to the time
    two.model.inbox.put(make_record(Direction.RECEIVED, '{"to": "two"}'))
    window.log.flush()
    assert shown_texts(two)[-1] == '{"to": "two"}'
    tab_widget(window).setCurrentWidget(one)
    assert not every.isChecked()  # the action shows the current tab's history
    tab_widget(window).setCurrentWidget(two)
    assert every.isChecked()
    every.trigger()
    assert shown_texts(two) == ['{"from": "two"}', '{"to": "two"}']
    assert table.model().columnCount() == HistoryModel.CONNECTION


def test_clear_in_a_tab_clears_that_tabs_rows(
    qtbot: QtBot, window: MainWindow, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    one = window.current_tab()
    two = new_tab(qtbot, window)
    one.model.inbox.put(make_record(Direction.SENT, "one"))
    two.model.inbox.put(make_record(Direction.SENT, "two"))
    window.log.flush()
    action(window, "Clear history").trigger()  # the current tab: two
    assert shown_texts(two) == []
    assert shown_texts(one) == ["one"]
    assert [r.text for r in window.log.records()] == ["one"]


def test_rows_from_before_tabs_belong_to_the_first_tab(
    qtbot: QtBot, make_window, tmp_path: pathlib.Path
) -> None:
    """A history written by a Tsushin without tabs (schema version 3)."""
    conn = sqlite3.connect(str(tmp_path / "history.sqlite3"), isolation_level=None)
    schema.migrate(conn, schema.MIGRATIONS[:3])
    conn.execute(
        "INSERT INTO messages (id, time_ms, direction, size, is_json, text)"
        """ VALUES (1, 1700000000000, 'sent', 8, 1, '{"old":1}')"""
    )
    conn.close()
    first = make_window(tmp_path)
    first.show()
    owner = first.current_tab()
    assert shown_texts(owner) == ['{"old":1}']
    other = new_tab(qtbot, first)
    assert shown_texts(other) == []
    other.history.set_all_connections(True)
    old_row = other.history.table.model().index(0, HistoryModel.CONNECTION)
    assert old_row.data() == "Connection 1"
    tab_widget(first).setCurrentWidget(owner)
    first.close()
    again = make_window(tmp_path)
    assert again.current_tab().id == owner.id
    assert shown_texts(again.current_tab())[0] == '{"old":1}'
    tab_widget(again).setCurrentIndex(1)
    assert '{"old":1}' not in shown_texts(again.current_tab())


def test_an_unreadable_tabs_file_is_set_aside(make_window, tmp_path: pathlib.Path, capfd) -> None:
    (tmp_path / "tabs.json").write_text('{"format": "tsushin.tabs/1", "tabs": [', "utf-8")
    window = make_window(tmp_path)
    assert tab_widget(window).count() == 1
    assert (tmp_path / "tabs.json.bad").read_text("utf-8").endswith("[")
    message = window.statusBar().currentMessage()
    assert "the saved tabs could not be read" in message and "tabs.json.bad" in message
    assert "tabs.json.bad" in capfd.readouterr().err
    window.close()
    saved = json.loads((tmp_path / "tabs.json").read_text("utf-8"))
    assert [tab["id"] for tab in saved["tabs"]] == [window.current_tab().id]


def texts(tab: ConnectionTab, direction: Direction) -> list[str]:
    return [r.text for r in tab.model.records() if r.direction is direction]


def test_send_login_and_settings_in_the_menus_act_on_the_current_tab(
    qtbot: QtBot, window: MainWindow, monkeypatch
) -> None:
    """Two tabs, each connected to its own echo server: the menus' Send goes out on
    the current tab's connection only; Log in… and Connection settings open that tab's."""
    servers = [ThreadedServer(json_echo).start() for _ in range(2)]
    try:
        one = window.current_tab()
        one.connection_panel.mode_combo.setCurrentIndex(1)
        two = new_tab(qtbot, window)
        for tab, server in zip((one, two), servers, strict=True):
            tab.connection_panel.set_address(RemoteAddress(host="127.0.0.1", port=server.port))
            tab.editor.set_text(json.dumps({"from": tab.title}))
            with qtbot.waitSignal(tab.controller.connectedTo, timeout=10_000):
                tab.connection_panel.connect_button.click()
        assert window.current_tab() is two
        qtbot.waitUntil(lambda: two.editor.send_button.isEnabled())
        action(window, "Send message").trigger()
        qtbot.waitUntil(lambda: texts(two, Direction.RECEIVED) == ['{"from": "Connection 2"}'])
        assert texts(two, Direction.SENT) == ['{"from": "Connection 2"}']
        assert texts(one, Direction.SENT) == texts(one, Direction.RECEIVED) == []
        tab_widget(window).setCurrentWidget(one)
        action(window, "Send message").trigger()
        qtbot.waitUntil(lambda: texts(one, Direction.RECEIVED) == ['{"from": "Connection 1"}'])
        assert texts(one, Direction.SENT) == ['{"from": "Connection 1"}']
        assert texts(two, Direction.SENT) == ['{"from": "Connection 2"}']
        # Connection settings unfolds the current tab's only.
        action(window, "Connection settings").trigger()
        assert one.settings_button.isChecked() and not two.settings_button.isChecked()
        # Log in… opens the current tab's dialog.
        opened: list[ConnectionTab] = []
        for tab in (one, two):
            monkeypatch.setattr(tab, "open_login_dialog", lambda t=tab: opened.append(t))
        action(window, "Log in…").trigger()
        tab_widget(window).setCurrentWidget(two)
        action(window, "Log in…").trigger()
        assert opened == [one, two]
    finally:
        for server in servers:
            server.stop()
