"""The runner with a Django login, against the embedded server's /accounts/login/ and
/private/ (a user made with ``python -m embedded_server adduser``)."""

from __future__ import annotations

import pathlib
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests import processes
from tests.embedded_server.live import ServerProcess, running_server
from tests.gui.runner.conftest import run_command, run_in_process

pytestmark = pytest.mark.live
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def private_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The embedded server on a data folder with the user alice."""
    data = tmp_path_factory.mktemp("server-data")
    adding = processes.spawn(
        [sys.executable, "-m", "embedded_server", "adduser", "alice", "--password-stdin",
         "--data-dir", str(data)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _, stderr = adding.communicate(PASSWORD + "\n", timeout=120)
    assert adding.returncode == 0, stderr
    with running_server("--data-dir", str(data)) as server:
        yield server


def private_scenario(server: ServerProcess, *, login_host: str = "127.0.0.1") -> dict:
    port = server.port
    return {
        "name": "private",
        "connect": {
            "url": server.ws_url("/private/"),
            "login": {
                "url": f"http://{login_host}:{port}/accounts/login/",
                "username": "alice",
                "password": "{{env:TSUSHIN_TEST_PASSWORD}}",
            },
        },
        "steps": [
            {"expect": {"match": {"type": "whoami", "user": "alice"}, "within_ms": 10_000}},
            {"send": {"n": "{{counter}}", "user": "{{user}}"}},
            {"expect": {"match": {"type": "echo", "data": {"n": 1, "user": "{{user}}"}}}},
        ],
    }


def test_logged_in_users_reach_private(private_server, write_scenario, monkeypatch) -> None:
    path = write_scenario(private_scenario(private_server))
    outcome = run_command(path, env={"TSUSHIN_TEST_PASSWORD": PASSWORD})
    assert outcome.code == 0, outcome.text
    login_url = f"http://127.0.0.1:{private_server.port}/accounts/login/"
    assert f"  ok    login              logged in as alice at {login_url}" in outcome.out
    assert "note" not in outcome.out
    monkeypatch.setenv("TSUSHIN_TEST_PASSWORD", PASSWORD)
    many = run_in_process(path, "--users", "3")  # three logins, three sessions
    assert many.code == 0, many.text


def test_wrong_password(private_server, write_scenario, monkeypatch) -> None:
    monkeypatch.setenv("TSUSHIN_TEST_PASSWORD", "not the password")
    outcome = run_in_process(write_scenario(private_scenario(private_server)))
    assert outcome.code == 1
    assert "FAIL  connect" in outcome.out
    assert "login at http://127.0.0.1:" in outcome.out
    assert "wrong username or password" in outcome.out
    assert "Please enter a correct username and password" in outcome.out  # Django's words


def test_without_login_the_server_closes_with_4401(private_server, write_scenario) -> None:
    scenario = private_scenario(private_server)
    del scenario["connect"]["login"]
    outcome = run_in_process(write_scenario(scenario))
    assert outcome.code == 1
    assert "FAIL  1 expect" in outcome.out
    assert (
        "the server closed the connection: 4401 (application code): login required" in outcome.out
    )


def test_a_cookie_from_another_host_is_noted(private_server, write_scenario, monkeypatch) -> None:
    monkeypatch.setenv("TSUSHIN_TEST_PASSWORD", PASSWORD)
    path = write_scenario(private_scenario(private_server, login_host="localhost"))
    outcome = run_in_process(path)
    # Tsushin sends the cookie anyway (so it works), and says why a browser would not.
    assert outcome.code == 0, outcome.text
    assert (
        "  note  login              the session cookie is for localhost, the WebSocket is on "
        "127.0.0.1: a browser would not send it there" in outcome.out
    )


def test_the_password_comes_from_the_environment(
    private_server, write_scenario, monkeypatch
) -> None:
    monkeypatch.delenv("TSUSHIN_TEST_PASSWORD", raising=False)
    path: pathlib.Path = write_scenario(private_scenario(private_server))
    outcome = run_in_process(path)
    assert outcome.code == 2
    assert "$.connect.login.password uses {{env:TSUSHIN_TEST_PASSWORD}}" in outcome.err
