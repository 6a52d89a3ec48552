"""Tabs share the embedded server: started once, stopped when the last tab using it
closes. Two tabs in one room see each other's messages. Real server child processes."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.records import Direction
from gui.core.target import RemoteAddress, ServerMode
from gui.main_window import MainWindow
from gui.tabs.tab import ConnectionTab
from tests.processes import process_alive

pytestmark = pytest.mark.live


def connect(qtbot: QtBot, tab: ConnectionTab) -> None:
    with qtbot.waitSignal(tab.controller.connectedTo, timeout=30_000):
        tab.connection_panel.connect_button.click()
    assert tab.controller.state is ConnectionState.CONNECTED


def test_tabs_share_one_embedded_server(qtbot: QtBot, window: MainWindow) -> None:
    one = window.current_tab()
    two = window.new_tab()
    three = window.new_tab()
    for tab in (one, two):
        connect(qtbot, tab)
    pid = window.launcher.pid()
    assert pid is not None and window.server.starts == 1 and window.server.users == 2
    assert window.server_log.toPlainText().count("READY ws://") == 1
    assert one.controller.client.is_connected and two.controller.client.is_connected
    # Disconnecting keeps the server for the next Connect; a tab connecting elsewhere
    # gives it back.
    two.connection_panel.connect_button.click()
    assert window.server.users == 2
    three.connection_panel.mode_combo.setCurrentIndex(1)
    three.connection_panel.port_spin.setValue(1)  # nothing there
    three.connection_panel.connect_button.click()
    assert window.server.users == 2
    # The last tab that uses it closes: then, and only then, the server stops.
    window.close_tab(one)
    assert process_alive(pid) and window.launcher.pid() == pid
    with qtbot.assertNotEmitted(window.launcher.stopped, wait=300):
        pass
    assert process_alive(pid) and window.server.users == 1
    with qtbot.waitSignal(window.launcher.stopped, timeout=10_000):
        window.close_tab(two)
    assert window.server.users == 0 and window.launcher.pid() is None
    qtbot.waitUntil(lambda: not process_alive(pid), timeout=10_000)
    # A tab that connects to it again starts a new one.
    four = window.new_tab(at=0)
    four.connection_panel.mode_combo.setCurrentIndex(0)
    connect(qtbot, four)
    assert window.server.starts == 2 and window.launcher.pid() not in (None, pid)


def test_quitting_stops_the_server_every_tab_used(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.launcher.ready, timeout=30_000):
        assert window.start_embedded_on_launch()
    window.new_tab()
    window.start_embedded_on_launch()  # both tabs: one server
    qtbot.waitUntil(lambda: all(t.controller.client.is_connected for t in window.tabs.tabs()))
    pid = window.launcher.pid()
    assert pid is not None and window.server.starts == 1
    window.close()
    assert window.wait_shut_down()
    assert not process_alive(pid)


def test_two_tabs_in_one_room_see_each_others_messages(qtbot: QtBot, window: MainWindow) -> None:
    """The embedded server's /rooms/<room>/: what one tab sends, both receive, numbered
    1, 2, 3... by the room (``seq``)."""
    with qtbot.waitSignal(window.launcher.ready, timeout=30_000):
        window.start_embedded_on_launch()
    port = int(window.launcher.url.rsplit(":", 1)[1].split("/", 1)[0])
    tabs: list[ConnectionTab] = []
    for name in ("alice", "bob"):
        tab = window.new_tab()
        tab.connection_panel.mode_combo.setCurrentIndex(1)
        tab.connection_panel.set_address(
            RemoteAddress(host="127.0.0.1", port=port, path=f"/rooms/lobby/?name={name}")
        )
        assert tab.connection_panel.mode() is ServerMode.REMOTE
        connect(qtbot, tab)
        tabs.append(tab)
    alice, bob = tabs

    def messages(tab: ConnectionTab) -> list[dict]:
        docs = [json.loads(r.text) for r in tab.model.records() if r.is_json]
        return [d for d in docs if d.get("type") == "message"]

    for sender, text in ((alice, "hello"), (bob, "hi alice"), (alice, "how are you?")):
        sender.editor.set_text(json.dumps({"text": text}))
        editor = sender.findChild(QPlainTextEdit, "jsonEditor")
        qtbot.waitUntil(lambda s=sender: s.editor.send_button.isEnabled())
        assert editor is not None
        sender.editor.send_button.click()
        qtbot.waitUntil(
            lambda t=text: all(
                any(m["data"] == {"text": t} for m in messages(tab)) for tab in tabs
            ),
            timeout=10_000,
        )
    for tab in tabs:
        got = messages(tab)
        assert [m["seq"] for m in got] == [1, 2, 3]
        assert [(m["from"]["name"], m["data"]["text"]) for m in got] == [
            ("alice", "hello"),
            ("bob", "hi alice"),
            ("alice", "how are you?"),
        ]
    # Each tab's history holds its own connection's rows: one "welcome", as the newcomer.
    welcomes = [
        [
            json.loads(r.text)["you"]["name"]
            for r in tab.model.records()
            if r.direction is Direction.RECEIVED and json.loads(r.text).get("type") == "welcome"
        ]
        for tab in tabs
    ]
    assert welcomes == [["alice"], ["bob"]]
    sent = [[r.text for r in tab.model.records() if r.direction is Direction.SENT] for tab in tabs]
    assert sent == [
        [json.dumps({"text": "hello"}), json.dumps({"text": "how are you?"})],
        [json.dumps({"text": "hi alice"})],
    ]
