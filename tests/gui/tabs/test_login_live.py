"""The window against the app's own embedded server: a Django login through the dialog
carried into the tab's handshakes (/private/, a user made with ``adduser`` in the data
folder), what a failed login says, and a tab's headers and subprotocols on the wire."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from websockets.asyncio.server import ServerConnection

from gui.core.connection import ConnectionState
from gui.core.profile import Row
from gui.main_window import MainWindow
from gui.tabs.tab import ConnectionTab
from tests import processes
from tests.gui.servers import ThreadedServer

pytestmark = pytest.mark.live
PASSWORD = "correct horse battery"


def add_user(data_dir: pathlib.Path, name: str) -> None:
    adding = processes.spawn(
        [sys.executable, "-m", "embedded_server", "adduser", name, "--password-stdin",
         "--data-dir", str(data_dir)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _, stderr = adding.communicate(PASSWORD + "\n", timeout=120)
    assert adding.returncode == 0, stderr


def whoami(tab: ConnectionTab) -> list[str]:
    docs = [json.loads(r.text) for r in tab.model.records() if r.is_json]
    return [d["user"] for d in docs if d.get("type") == "whoami"]


def log_in(qtbot: QtBot, tab: ConnectionTab, password: str) -> QDialog:
    """Click loginButton, type into the dialog, click Log in; the dialog (open or not)."""
    tab.findChild(QPushButton, "loginButton").click()
    dialog = tab.login.dialog
    assert dialog is not None and dialog.isVisible()
    url = dialog.findChild(QLineEdit, "loginUrlEdit")
    qtbot.waitUntil(lambda: url.text().endswith("/accounts/login/"), timeout=30_000)
    dialog.findChild(QLineEdit, "usernameEdit").setText("alice")
    dialog.findChild(QLineEdit, "passwordEdit").setText(password)
    dialog.findChild(QPushButton, "loginSubmitButton").click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    return dialog


@pytest.fixture
def private_tab(make_window, tmp_path: pathlib.Path) -> tuple[MainWindow, ConnectionTab]:
    add_user(tmp_path, "alice")  # the data folder of the window: its server's users
    window = make_window(tmp_path)
    window.show()
    tab = window.current_tab()
    tab.connection_panel.auto_check.setChecked(False)
    tab.connection_panel.path_edit.setText("/private/")
    return window, tab


def test_a_login_in_the_dialog_goes_with_every_handshake(qtbot: QtBot, private_tab) -> None:
    window, tab = private_tab
    # Anonymous first: the consumer accepts and closes with 4401, and the tab says why.
    tab.connection_panel.connect_button.click()
    qtbot.waitUntil(lambda: tab.controller.state is ConnectionState.ERROR, timeout=30_000)
    assert "4401" in tab.connection_panel.status_label.text()
    assert any("log in" in r.text.lower() for r in tab.model.records() if "4401" in r.text)
    # A wrong password: said in the dialog, which stays open; nobody is logged in.
    dialog = log_in(qtbot, tab, "wrong")
    assert dialog.isVisible()
    said = dialog.findChild(type(tab.connection_panel.login_label), "loginOutcomeLabel").text()
    assert said.startswith("Wrong username or password")
    assert tab.logged_in_as is None
    dialog.findChild(QLineEdit, "passwordEdit").setText(PASSWORD)
    dialog.findChild(QPushButton, "loginSubmitButton").click()
    qtbot.waitUntil(lambda: tab.logged_in_as == "alice", timeout=30_000)
    qtbot.waitUntil(lambda: tab.login.dialog is None)  # closed once it worked
    assert tab.connection_panel.login_label.text() == "Logged in as alice"
    assert tab.connection_panel.login_button.text() == "Log out"
    rows = [r.text for r in tab.model.records()]
    assert any(t.startswith("logged in as alice at http://127.0.0.1:") for t in rows)
    assert not any(PASSWORD in t for t in rows)
    # Connect: the handshake carries the session; a reconnect does too.
    with qtbot.waitSignal(tab.controller.connectedTo, timeout=30_000):
        tab.connection_panel.connect_button.click()
    qtbot.waitUntil(lambda: whoami(tab) == ["alice"], timeout=10_000)
    tab.connection_panel.connect_button.click()  # Disconnect
    with qtbot.waitSignal(tab.controller.connectedTo, timeout=30_000):
        tab.connection_panel.connect_button.click()
    qtbot.waitUntil(lambda: whoami(tab) == ["alice", "alice"], timeout=10_000)
    # Another tab is not logged in: its own handshakes are anonymous.
    other = window.new_tab()
    assert other.logged_in_as is None and other.connection_panel.login_label.text() == ""
    assert not any("sessionid" in r.text for r in tab.model.records())


def test_a_cookie_for_another_host_is_said(qtbot: QtBot, private_tab) -> None:
    _, tab = private_tab
    tab.findChild(QPushButton, "loginButton").click()
    dialog = tab.login.dialog
    url = dialog.findChild(QLineEdit, "loginUrlEdit")
    qtbot.waitUntil(lambda: url.text().endswith("/accounts/login/"), timeout=30_000)
    url.setText(url.text().replace("127.0.0.1", "localhost"))
    dialog.findChild(QLineEdit, "usernameEdit").setText("alice")
    dialog.findChild(QLineEdit, "passwordEdit").setText(PASSWORD)
    dialog.findChild(QPushButton, "loginSubmitButton").click()
    qtbot.waitUntil(lambda: tab.logged_in_as == "alice", timeout=30_000)
    warning = next(r.text for r in tab.model.records() if r.text.startswith("logged in"))
    assert "the session cookie is for localhost, the WebSocket is on 127.0.0.1" in warning


def test_headers_and_subprotocols_of_a_tab_are_on_the_wire(
    qtbot: QtBot, window: MainWindow
) -> None:
    seen: list[dict[str, str]] = []

    async def handler(ws: ServerConnection) -> None:
        seen.append({k.lower(): v for k, v in ws.request.headers.raw_items()})
        await ws.send(json.dumps({"protocol": ws.subprotocol}))
        await ws.wait_closed()

    server = ThreadedServer(handler, subprotocols=["tsushin.v1"]).start()
    try:
        tab = window.current_tab()
        tab.connection_panel.mode_combo.setCurrentIndex(1)
        tab.connection_panel.port_spin.setValue(server.port)
        editor = tab.settings_editor
        editor.headers.set_rows((Row("X-Token", "t-1", True, True), Row("X-Off", "no", False)))
        editor.subprotocols_edit.setText("x.unknown, tsushin.v1")
        editor.origin_edit.setText("none")
        with qtbot.waitSignal(tab.controller.connectedTo, timeout=10_000):
            tab.connection_panel.connect_button.click()
        label = tab.connection_panel.protocol_label
        assert label.objectName() == "negotiatedProtocolLabel"
        qtbot.waitUntil(lambda: label.text() == "protocol tsushin.v1")
        (headers,) = seen
        assert headers["x-token"] == "t-1" and "x-off" not in headers
        assert headers["sec-websocket-protocol"] == "x.unknown, tsushin.v1"
        assert "origin" not in headers
        connected = next(r.text for r in tab.model.records() if r.text.startswith("connected"))
        assert "subprotocol tsushin.v1" in connected and "t-1" not in connected
        tab.connection_panel.connect_button.click()
        assert label.text() == ""
    finally:
        server.stop()
