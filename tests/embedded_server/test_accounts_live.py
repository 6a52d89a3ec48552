"""Django login, /private/ and adduser against the real server on a fresh data folder."""

from __future__ import annotations

import http.cookiejar
import re
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import websocket

from tests import processes
from tests.embedded_server.live import PROJECT_ROOT, ServerProcess, running_server

pytestmark = pytest.mark.live
LOCKOUT = 3


def adduser(data_dir: Path, name: str, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "embedded_server", "adduser", name, "--password-stdin",
         "--data-dir", str(data_dir)],
        input=password + "\n", text=True, capture_output=True, cwd=PROJECT_ROOT, timeout=60,
    )  # fmt: skip


class Browser:
    """Cookies and CSRF as a browser does them (urllib)."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.server.http_url(path), timeout=30) as response:
            return str(response.read().decode())

    def post(self, path: str, fields: dict[str, str], csrf: bool = True) -> tuple[int, str]:
        if csrf:
            page = self.get("/accounts/login/")
            found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            assert found, page
            fields = {**fields, "csrfmiddlewaretoken": found.group(1)}
        request = urllib.request.Request(
            self.server.http_url(path), data=urllib.parse.urlencode(fields).encode()
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def login(self, name: str, password: str) -> tuple[int, str]:
        return self.post("/accounts/login/", {"username": name, "password": password})

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def private(self) -> websocket.WebSocket:
        return websocket.create_connection(
            self.server.ws_url("/private/"), cookie=self.cookie, timeout=10
        )


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A server on a fresh data folder (made and migrated on this first start)."""
    env = {"TSUSHIN_LOGIN_LOCKOUT": str(LOCKOUT)}
    with running_server("--data-dir", str(tmp_path / "data"), "--exit-with-parent", env=env) as s:
        yield s


def closed_with(ws: websocket.WebSocket) -> tuple[int, bytes]:
    opcode, data = ws.recv_data(control_frame=True)
    assert opcode == websocket.ABNF.OPCODE_CLOSE
    return int.from_bytes(data[:2], "big"), data[2:]


def test_login_private_and_rooms_on_a_fresh_folder(server: ServerProcess, tmp_path: Path) -> None:
    added = adduser(tmp_path / "data", "alice", "correct horse")
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "data" / "server.sqlite3").is_file()
    browser = Browser(server)
    assert '"user": null' in browser.get("/accounts/whoami/")
    status, body = browser.login("alice", "correct horse")
    assert status == 200 and body == '{"user": "alice"}'  # redirected to whoami

    ws = browser.private()
    assert ws.recv() == '{"type":"whoami","user":"alice"}'
    ws.send('{"private": [1, 2]}')
    assert ws.recv() == '{"type":"echo","data":{"private":[1,2]}}'
    ws.close()
    # In a room the user name wins over ?name=.
    room = websocket.create_connection(
        server.ws_url("/rooms/r/?name=mallory"), cookie=browser.cookie, timeout=10
    )
    assert '"you":{"id":' in (welcome := room.recv()) and '"name":"alice"' in welcome
    room.close()

    status, _ = browser.post("/accounts/logout/", {})
    assert status == 200
    ws = browser.private()
    assert closed_with(ws) == (4401, b"login required")


def test_anonymous_private_is_accepted_then_closed_4401(server: ServerProcess) -> None:
    ws = websocket.create_connection(server.ws_url("/private/"), timeout=10)
    assert closed_with(ws) == (4401, b"login required")


def test_login_post_without_csrf_is_refused(server: ServerProcess, tmp_path: Path) -> None:
    adduser(tmp_path / "data", "bob", "pw")
    browser = Browser(server)
    status, _ = browser.post("/accounts/login/", {"username": "bob", "password": "pw"}, csrf=False)
    assert status == 403
    assert "sessionid" not in browser.cookie
    assert browser.login("bob", "pw")[0] == 200  # and the server is fine


def test_wrong_password_100_times_is_answered_then_throttled(
    server: ServerProcess, tmp_path: Path
) -> None:
    adduser(tmp_path / "data", "carol", "right")
    browser = Browser(server)
    answers = [browser.login("carol", f"wrong {n}") for n in range(100)]
    assert all(status == 200 for status, _ in answers)
    assert "correct username and password" in answers[0][1]
    assert "Too many failed logins" in answers[-1][1]
    # Throttled: even the right password waits for the lockout to end.
    assert "Too many failed logins" in browser.login("carol", "right")[1]
    server.process.poll()
    assert server.process.returncode is None
    import time

    time.sleep(LOCKOUT + 0.5)  # the lockout is a time span: nothing to wait on instead
    assert browser.login("carol", "right") == (200, '{"user": "carol"}')


def test_session_of_a_deleted_user_is_anonymous(server: ServerProcess, tmp_path: Path) -> None:
    adduser(tmp_path / "data", "dave", "pw")
    browser = Browser(server)
    assert browser.login("dave", "pw")[0] == 200
    with sqlite3.connect(tmp_path / "data" / "server.sqlite3") as db:
        db.execute("DELETE FROM auth_user WHERE username = 'dave'")
    assert closed_with(browser.private()) == (4401, b"login required")
    room = websocket.create_connection(
        server.ws_url("/rooms/r/"), cookie=browser.cookie, timeout=10
    )
    assert '"name":"guest-' in room.recv()
    room.close()


def test_adduser_refusals(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert adduser(data, "erin", "pw").returncode == 0
    again = adduser(data, "erin", "other")
    assert again.returncode == 1 and "exists already" in again.stderr
    empty = adduser(data, "frank", "")
    assert empty.returncode == 1 and "no password" in empty.stderr
    bad = adduser(data, "a b/c", "pw")
    assert bad.returncode == 1 and "user name" in bad.stderr


def test_a_server_killed_while_migrating_holds_nobody_up(tmp_path: Path) -> None:
    """The migration lock is the system's: the next start migrates at once, it does
    not wait for a lock file left behind to look stale."""
    lock = tmp_path / "server.sqlite3.lock"
    holder = processes.spawn(
        [sys.executable, "-c",
         "import sys, threading; from filelock import FileLock\n"
         "FileLock(sys.argv[1]).acquire(); print('held', flush=True); threading.Event().wait()",
         str(lock)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        processes.kill_hard(holder.pid)  # as a crash in the middle of a migration would
        holder.wait(10)
    finally:
        if holder.poll() is None:
            processes.kill_hard(holder.pid)
    assert lock.exists()
    done = adduser(tmp_path, "alice", "s3cret-pass")  # migrates first; 60 s at most
    assert done.returncode == 0, done.stderr
    with running_server("--data-dir", str(tmp_path)) as server:
        status, _ = Browser(server).login("alice", "s3cret-pass")
        assert status == 200
