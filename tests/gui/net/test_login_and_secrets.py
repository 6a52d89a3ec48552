"""A real Django login carried into the handshake, and secrets kept out of the history
and its export (the embedded server's /accounts/login/ and /private/, a user made with
``adduser``)."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.profile import OriginMode, Profile, Row
from gui.core.profile_login import default_login_url
from gui.models.export import ExportJob
from gui.models.history import HistoryModel
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore
from gui.net.client import WebSocketClient
from gui.net.controller import ConnectionController
from gui.net.login import LoginTask
from gui.server.launcher import ServerLauncher
from tests.embedded_server.live import ServerProcess
from tests.gui.net.conftest import PASSWORD, Link, drop_qt_objects

pytestmark = pytest.mark.live
TOKEN = "Bearer t0ken-that-must-not-leak"


def private(server: ServerProcess, **changes: object) -> Profile:
    return Profile(name="private", port=server.port, path="/private/").replace(**changes)


def log_in(qtbot: QtBot, profile: Profile, password: str = PASSWORD):
    task = LoginTask()
    with qtbot.waitSignal(task.finished, timeout=30_000) as blocker:
        task.start(profile, default_login_url(profile), "alice", password)
    qtbot.waitUntil(lambda: not task.running)
    drop_qt_objects(task)
    return blocker.args[0]


def test_login_cookies_go_with_every_handshake(link: Link, embedded: ServerProcess) -> None:
    profile = private(embedded)
    assert default_login_url(profile) == f"http://127.0.0.1:{embedded.port}/accounts/login/"
    result = log_in(link.qtbot, profile)
    assert result.ok, result.outcome.message
    assert result.warning is None  # same host and port as the WebSocket
    assert set(result.cookies) >= {"sessionid", "csrftoken"}
    link.controller.set_login_cookies(result.cookies)
    assert link.connect(profile) is ConnectionState.CONNECTED
    assert link.wait_for_text('"whoami"') == '{"type":"whoami","user":"alice"}'
    # ... and again on a new connection (a reconnect builds the handshake anew)
    link.controller.disconnect_from_server()
    link.rows.clear()
    assert link.connect(profile) is ConnectionState.CONNECTED
    assert link.wait_for_text('"whoami"') == '{"type":"whoami","user":"alice"}'
    connected = link.wait_for_text("connected to")
    assert "cookies" not in connected and result.cookies["sessionid"] not in connected
    for value in result.cookies.values():
        assert not any(value in text for text in link.texts())
    link.controller.clear_login_cookies()
    link.controller.disconnect_from_server()
    link.controller.connect_profile(profile.replace(auto_reconnect=False))
    link.qtbot.waitUntil(lambda: link.refusals != [], timeout=10_000)
    assert link.refusals[0].code == "login_required"


def test_a_wrong_password_says_so(qtbot: QtBot, embedded: ServerProcess) -> None:
    result = log_in(qtbot, private(embedded), "not the password")
    assert not result.ok
    assert result.outcome.code == "wrong_credentials"
    assert result.cookies == {}


@pytest.fixture
def recorded(
    qtbot: QtBot, tmp_path: pathlib.Path
) -> Iterator[tuple[ConnectionController, HistoryModel]]:
    """A controller writing into a real history (SQLite), as the window's does."""
    store = HistoryStore(tmp_path / "history.sqlite3")
    inbox = RecordInbox()
    model = HistoryModel(store, inbox)
    client = WebSocketClient(inbox, ping_interval=60.0)
    controller = ConnectionController(client, ServerLauncher(), inbox)
    yield controller, model
    controller.shutdown()
    client.wait_finished()
    model.close()
    drop_qt_objects(controller, model, client)


def test_secrets_never_reach_the_history_or_its_export(
    qtbot: QtBot, recorded, embedded: ServerProcess, tmp_path: pathlib.Path
) -> None:
    controller, model = recorded
    result = log_in(qtbot, private(embedded))
    controller.set_login_cookies(result.cookies)
    secrets = [TOKEN, "qu3ry-s3cret", "c00kie-s3cret", *result.cookies.values()]
    profile = private(
        embedded,
        query=(Row("token", "qu3ry-s3cret", secret=True),),
        headers=(Row("Authorization", TOKEN, secret=True),),
        cookies=(Row("remember", "c00kie-s3cret", secret=True),),
    )
    controller.connect_profile(profile.replace(auto_reconnect=False))
    qtbot.waitUntil(lambda: controller.state is ConnectionState.CONNECTED, timeout=10_000)
    qtbot.waitUntil(lambda: any('"whoami"' in r.text for r in model.records()), timeout=10_000)
    controller.disconnect_from_server()
    # A refused handshake with the same secrets: its explained row names headers only.
    refused = profile.replace(origin=OriginMode.CUSTOM, custom_origin="http://evil.example")
    controller.connect_profile(refused.replace(auto_reconnect=False))
    qtbot.waitUntil(lambda: controller.state is ConnectionState.ERROR, timeout=10_000)
    model.wait_written()
    texts = [r.text for r in model.records()]
    assert any(t.startswith("connected to ") and "token=•••" in t for t in texts)
    assert any("headers: Authorization" in t and "cookies: remember" in t for t in texts)
    exported = tmp_path / "history.jsonl"
    ExportJob(model.export_source(), exported).run()
    dump = exported.read_text(encoding="utf-8")
    assert "evil.example" in dump and "whoami" in dump
    for secret in secrets:
        assert secret not in dump
        assert not any(secret in text for text in texts)
    assert all(json.loads(line) for line in dump.splitlines())
