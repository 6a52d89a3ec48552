"""Django login against a real Django site (tests/gui/django_site.py, a child process)."""

from __future__ import annotations

import pathlib
import subprocess
import sys
from collections.abc import Iterator

import pytest
import requests

from gui.core.django_login import cookie_scope_warning, django_login
from tests import processes
from tests.gui.servers import free_port

pytestmark = pytest.mark.live

SITE = pathlib.Path(__file__).resolve().parents[1] / "django_site.py"


def start_site(data_dir: pathlib.Path, *extra: str) -> tuple[subprocess.Popen, int]:
    process = processes.spawn(
        [sys.executable, str(SITE), str(data_dir), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("READY "):
        process.kill()
        raise AssertionError(f"the Django site did not start: {line!r} {process.stderr.read()}")
    return process, int(line.split()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The port of a running Django site (it dies with this process: stdin is a pipe)."""
    process, port = start_site(tmp_path_factory.mktemp("site"))
    yield port
    process.kill()
    process.wait(10)


def test_logged_in_with_session_and_csrf_cookies(site: int) -> None:
    url = f"http://127.0.0.1:{site}/accounts/login/"
    result = django_login(url, "alice", "wonderland", ws_url=f"ws://127.0.0.1:{site}/private/")
    assert result.ok, result.outcome.message
    assert result.outcome.code == "logged_in"
    assert result.outcome.message == f"logged in as alice at {url}"
    assert set(result.cookies) == {"sessionid", "csrftoken"}
    assert result.warning is None
    header = result.cookie_header()
    assert f"sessionid={result.cookies['sessionid']}" in header
    # The session is real: Django knows the user behind the cookie, and no one without it.
    whoami = f"http://127.0.0.1:{site}/whoami/"
    assert requests.get(whoami, headers={"Cookie": header}, timeout=10).text == "alice"
    assert requests.get(whoami, timeout=10).text == "anonymous"


def test_wrong_password(site: int) -> None:
    result = django_login(f"http://127.0.0.1:{site}/accounts/login/", "alice", "nope")
    assert result.outcome.code == "wrong_credentials"
    assert result.outcome.message.startswith("wrong username or password")
    # What Django's form said is kept (Django's own wording, in the site's language).
    assert "Please enter a correct username and password" in result.outcome.message
    assert result.cookies == {}


def test_csrf_failure_when_the_page_sets_no_cookie(site: int) -> None:
    result = django_login(f"http://127.0.0.1:{site}/nocookie/login/", "alice", "wonderland")
    assert result.outcome.code == "csrf_failed"
    assert result.outcome.data["reason"] == "missing_cookie"
    assert "got no CSRF cookie" in result.outcome.message


def test_csrf_failure_when_the_token_is_refused(site: int) -> None:
    result = django_login(f"http://127.0.0.1:{site}/badtoken/login/", "alice", "wonderland")
    assert result.outcome.code == "csrf_failed"
    assert result.outcome.data["reason"] == "rejected"
    assert "CSRF_TRUSTED_ORIGINS" in result.outcome.message


def test_csrf_reason_from_a_debug_server(tmp_path: pathlib.Path) -> None:
    process, port = start_site(tmp_path, "--debug")
    try:
        result = django_login(f"http://127.0.0.1:{port}/badtoken/login/", "alice", "wonderland")
        assert result.outcome.code == "csrf_failed"
        assert "CSRF token" in str(result.outcome.data["server_says"])
        page = requests.get(
            f"http://127.0.0.1:{port}/csrf-page/",
            params={
                "reason": "Origin checking failed - http://evil does not match any trusted origins."
            },
            timeout=10,
        )
        from gui.core.django_login import _csrf_reason

        assert _csrf_reason(page.text)[0] == "untrusted_origin"
    finally:
        process.kill()
        process.wait(10)


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("CSRF cookie not set.", "missing_cookie"),
        ("Referer checking failed - no Referer.", "no_referer"),
    ],
)
def test_csrf_reasons_from_djangos_own_page(site: int, reason: str, code: str) -> None:
    from gui.core.django_login import _csrf_reason

    page = requests.get(
        f"http://127.0.0.1:{site}/csrf-page/", params={"reason": reason}, timeout=10
    )
    assert page.status_code == 403
    assert _csrf_reason(page.text)[0] == code


def test_cookie_for_another_host_or_port(site: int) -> None:
    url = f"http://localhost:{site}/accounts/login/"
    other_host = django_login(url, "alice", "wonderland", ws_url=f"ws://127.0.0.1:{site}/private/")
    assert other_host.ok
    assert other_host.warning is not None and other_host.warning.code == "other_host"
    assert other_host.warning.data == {"cookie_host": "localhost", "ws_host": "127.0.0.1"}
    assert "AnonymousUser" in other_host.warning.message
    other_port = django_login(url, "alice", "wonderland", ws_url=f"ws://localhost:{site + 1}/p/")
    assert other_port.warning is not None and other_port.warning.code == "other_port"
    assert other_port.warning.data == {"cookie_port": site, "ws_port": site + 1}


def test_cookie_scope_rules() -> None:
    assert cookie_scope_warning("https://a.example/login/", "wss://a.example/ws/") is None
    assert (
        cookie_scope_warning(
            "https://www.example.com/l/", "wss://ws.example.com/ws/", cookie_domain=".example.com"
        )
        is None
    )
    warning = cookie_scope_warning(
        "https://www.example.com/l/", "wss://example.org/ws/", cookie_domain=".example.com"
    )
    assert warning is not None and warning.data["cookie_host"] == ".example.com"
    secure = cookie_scope_warning("http://h:80/l/", "ws://h/ws/", secure=True)
    assert secure is not None and secure.code == "secure_cookie"


def test_http_errors_and_unreachable_servers(site: int) -> None:
    missing = django_login(f"http://127.0.0.1:{site}/no/such/page/", "a", "b")
    assert missing.outcome.code == "http_error"
    assert missing.outcome.data["status"] == 404
    assert "GET" in missing.outcome.message and "404" in missing.outcome.message
    plain = django_login(f"http://127.0.0.1:{site}/plain/", "a", "b")
    assert plain.outcome.code == "not_a_login_page"
    down = django_login(f"http://127.0.0.1:{free_port()}/accounts/login/", "a", "b", timeout=5)
    assert down.outcome.code == "unreachable"
    assert "connection refused" in down.outcome.message
    bad_tls = django_login(f"https://127.0.0.1:{site}/accounts/login/", "a", "b", timeout=5)
    assert bad_tls.outcome.code == "unreachable"
