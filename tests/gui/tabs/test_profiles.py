"""A tab's connection profile in the window: its settings, saved and restored with the
tab (secrets in the credential store), renamed, duplicated, deleted, exported,
imported; bad fields said at the field and never connected."""

from __future__ import annotations

import json
import pathlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.profile import Row
from gui.core.target import RemoteAddress
from gui.main_window import MainWindow
from gui.tabs.tab import ConnectionTab
from tests.gui.core.keyrings import MemoryKeyring
from tests.gui.servers import ThreadedServer, json_echo
from tests.gui.tabs.test_tabs import tab_widget, titles
from tests.gui.test_main_window import action

PROFILE_NAMES = [
    "headersTable",
    "queryTable",
    "cookiesTable",
    "subprotocolsEdit",
    "negotiatedProtocolLabel",
    "originEdit",
    "tlsVerifyCheck",
    "caFileEdit",
    "clientCertEdit",
    "proxyEdit",
    "connectTimeoutSpin",
    "pingIntervalSpin",
    "autoReconnectCheck",
    "loginButton",
]


def fill(tab: ConnectionTab) -> None:
    """Headers with a secret, a query, subprotocols, an Origin, a proxy: by the widgets."""
    editor = tab.settings_editor
    editor.headers.set_rows((Row("Authorization", "Bearer t0ken", True, True), Row("X-Env", "qa")))
    editor.query.set_rows((Row("room", "lobby"),))
    editor.subprotocols_edit.setText("graphql-ws, tsushin.v1")
    editor.origin_edit.setText("none")
    editor.proxy_edit.setText("proxy.lan:3128")
    editor.ping_spin.setValue(7.5)


def test_the_settings_are_folded_away_with_the_contract_names(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.current_tab()
    page = tab_widget(window).currentWidget()
    for name in PROFILE_NAMES:
        assert len(page.findChildren(QWidget, name)) == 1, name
    assert not tab.settings_editor.isVisible()
    action(window, "Connection settings").trigger()
    assert tab.settings_editor.isVisible()
    fill(tab)
    qtbot.waitUntil(lambda: "2 headers" in tab.settings_summary.text())
    summary = tab.settings_summary.text()
    assert "graphql-ws, tsushin.v1" in summary and "no Origin" in summary
    assert "proxy proxy.lan:3128" in summary and "?room=lobby" in summary
    assert "t0ken" not in summary


def test_a_tab_comes_back_with_its_profile_and_its_secrets(
    qtbot: QtBot, make_window, tmp_path: pathlib.Path, window_keyring: MemoryKeyring
) -> None:
    first = make_window(tmp_path)
    tab = first.current_tab()
    fill(tab)
    profile_id = tab.profile().id
    first.close()
    saved = (tmp_path / "profiles" / f"{profile_id}.json").read_text("utf-8")
    assert "t0ken" not in saved  # the secret went to the credential store
    assert any("t0ken" in value for value in window_keyring.entries.values())

    second = make_window(tmp_path)
    again = second.current_tab()
    profile = again.profile()
    assert profile.id == profile_id and profile.name == "Connection 1"
    assert profile.headers == (Row("Authorization", "Bearer t0ken", True, True), Row("X-Env", "qa"))
    assert profile.query == (Row("room", "lobby"),)
    assert profile.subprotocols == ("graphql-ws", "tsushin.v1")
    assert profile.origin.value == "none"
    assert profile.proxy.address == "proxy.lan:3128"
    assert profile.ping_interval == 7.5


def test_save_says_where_the_secrets_went(window: MainWindow) -> None:
    tab = window.current_tab()
    fill(tab)
    action(window, "Save profile").trigger()
    message = window.statusBar().currentMessage()
    assert message == "Profile Connection 1 saved (its secrets in the system's credential store)"


def test_rename_duplicate_delete(qtbot: QtBot, window: MainWindow, monkeypatch) -> None:
    tab = window.current_tab()
    fill(tab)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Staging", True))
    action(window, "Rename tab…").trigger()
    assert window.profiles.get(tab.profile().id).name == "Staging"
    copy = window.duplicate_tab(tab)
    assert titles(window) == ["Staging", "Staging (2)"]
    assert copy.profile().headers == tab.profile().headers
    assert copy.profile().id != tab.profile().id
    # A name that another profile has is refused, and said.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Staging", True))
    action(window, "Rename tab…").trigger()
    assert titles(window) == ["Staging", "Staging (2)"]
    assert "exists already" in window.statusBar().currentMessage()
    # Delete: the profile's tab closes, its file and secrets go.
    path = window.profiles.path(copy.profile().id)
    assert path.is_file()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Staging (2)", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    action(window, "Delete profile…").trigger()
    assert titles(window) == ["Staging"] and not path.exists()


def test_a_closed_tabs_profile_opens_again(window: MainWindow, monkeypatch) -> None:
    tab = window.new_tab()
    fill(tab)
    name = tab.title
    window.close_tab(tab)
    assert name not in titles(window)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (name, True))
    action(window, "Open profile…").trigger()
    assert window.current_tab().title == name
    assert window.current_tab().profile().subprotocols == ("graphql-ws", "tsushin.v1")


def test_export_has_no_secret_and_import_opens_the_profiles(
    window: MainWindow, tmp_path: pathlib.Path, monkeypatch
) -> None:
    fill(window.current_tab())
    target = tmp_path / "out" / "profiles.json"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    action(window, "Export profiles…").trigger()
    text = target.read_text("utf-8")
    assert "t0ken" not in text and "Authorization" in text
    assert "without their secrets" in window.statusBar().currentMessage()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    action(window, "Import profiles…").trigger()
    assert titles(window) == ["Connection 1", "Connection 1 (2)"]
    imported = window.current_tab().profile()
    assert imported.headers[0].name == "Authorization" and imported.headers[0].value == ""
    assert imported.subprotocols == ("graphql-ws", "tsushin.v1")


def test_a_bad_field_is_said_there_and_nothing_is_sent(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    tab.connection_panel.mode_combo.setCurrentIndex(1)
    tab.settings_editor.headers.set_rows((Row("X-Evil", "a\nInjected: yes"),))
    qtbot.waitUntil(lambda: tab.settings_editor.problems_label.text() != "")
    assert "header injection" in tab.settings_editor.problems_label.text()
    assert tab.settings_summary.text().startswith("⚠ 1 to fix")
    tab.connection_panel.connect_button.click()
    assert tab.controller.state is ConnectionState.ERROR
    assert not tab.controller.active
    assert "header injection" in tab.connection_panel.status_label.text()
    assert tab.settings_editor.isVisible()  # unfolded to show where
    assert window.launcher.pid() is None


def test_a_profile_file_broken_by_hand_is_said_and_the_others_load(
    make_window, tmp_path: pathlib.Path
) -> None:
    first = make_window(tmp_path)
    second_tab = first.new_tab()
    fill(second_tab)
    broken_id = first.current_tab().profile().id
    first.tabs.setCurrentIndex(0)
    first.close()
    path = tmp_path / "profiles" / f"{broken_id}.json"
    path.write_text(path.read_text("utf-8").replace('"name"', '"name" "oops"', 1), "utf-8")
    again = make_window(tmp_path)
    message = again.statusBar().currentMessage()
    assert f"{broken_id}.json: not valid JSON at line" in message
    assert titles(again)[0] == "Connection 1"
    assert len(titles(again)) == 2  # its tab is back, from what the tab kept
    assert json.loads((tmp_path / "tabs.json").read_text("utf-8"))["tabs"][1]["profile_id"]


def test_a_cookie_with_a_semicolon_is_said_at_its_cell_and_the_other_tab_connects(
    qtbot: QtBot, window: MainWindow
) -> None:
    server = ThreadedServer(json_echo).start()
    try:
        good = window.current_tab()
        good.connection_panel.mode_combo.setCurrentIndex(1)
        good.connection_panel.set_address(RemoteAddress(host="127.0.0.1", port=server.port))
        bad = window.new_tab()  # connects where the current one does
        bad.settings_editor.cookies.set_rows((Row("sessionid", "abc; admin=1", secret=True),))
        qtbot.waitUntil(lambda: bad.settings_editor.problems_label.text() != "")
        assert "cookie sessionid has ';' in it" in bad.settings_editor.problems_label.text()
        cells = bad.settings_editor.cookies.model
        value = cells.index(0, cells.VALUE)
        assert "percent-encode it" in value.data(Qt.ItemDataRole.ToolTipRole)
        assert value.data(Qt.ItemDataRole.DecorationRole) is not None
        assert value.data(Qt.ItemDataRole.DisplayRole) != "abc; admin=1"  # a secret: masked
        bad.connection_panel.connect_button.click()
        assert bad.controller.state is ConnectionState.ERROR and not bad.controller.active
        # The other tab has no problem and connects.
        assert good.settings_editor.problems_label.text() == ""
        with qtbot.waitSignal(good.controller.connectedTo, timeout=10_000):
            good.connection_panel.connect_button.click()
        assert good.controller.state is ConnectionState.CONNECTED
        assert bad.controller.state is ConnectionState.ERROR
    finally:
        server.stop()
