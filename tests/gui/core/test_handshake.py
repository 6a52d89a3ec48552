"""A profile made concrete for one handshake (gui.core.handshake), without sockets."""

from __future__ import annotations

import pytest

from gui.core.handshake import ConnectRequest, RequestError, build_request, server_origin
from gui.core.profile import OriginMode, Profile, ProxySetting, Row
from gui.core.proxy import environment_proxy
from gui.core.target import ServerMode
from gui.core.variables import VariableScope


def test_server_origin_is_what_websocket_client_sends() -> None:
    assert server_origin("ws://127.0.0.1:8000/x/") == "http://127.0.0.1:8000"
    assert server_origin("wss://h.test/x/") == "https://h.test"
    assert server_origin("wss://[::1]:8443/") == "https://[::1]:8443"


@pytest.mark.parametrize(
    ("url", "environ", "expected"),
    [
        ("ws://h.test/", {"HTTP_PROXY": "http://p:3128"}, "p:3128 HTTP_PROXY"),
        ("ws://h.test/", {"http_proxy": "p:1", "HTTP_PROXY": "q:2"}, "p:1 http_proxy"),
        ("wss://h.test/", {"HTTP_PROXY": "http://p:3128"}, None),  # wss wants HTTPS_PROXY
        ("wss://h.test/", {"HTTPS_PROXY": "http://p:8080"}, "p:8080 HTTPS_PROXY"),
        ("ws://h.test/", {"HTTP_PROXY": "p:1", "NO_PROXY": "*"}, None),
        ("ws://a.h.test/", {"HTTP_PROXY": "p:1", "NO_PROXY": "h.test"}, None),
        ("ws://a.h.test/", {"HTTP_PROXY": "p:1", "NO_PROXY": ".h.test"}, None),
        ("ws://xh.test/", {"HTTP_PROXY": "p:1", "NO_PROXY": "h.test"}, "p:1 HTTP_PROXY"),
        ("ws://10.1.2.3/", {"HTTP_PROXY": "p:1", "NO_PROXY": "10.0.0.0/8"}, None),
        ("ws://11.1.2.3/", {"HTTP_PROXY": "p:1", "NO_PROXY": "10.0.0.0/8"}, "p:1 HTTP_PROXY"),
        ("ws://h.test/", {}, None),
    ],
)
def test_environment_proxy(url: str, environ: dict[str, str], expected: str | None) -> None:
    route = environment_proxy(url, environ)
    shown = f"{route.address} {route.from_environment}" if route else None
    assert shown == expected


def test_environment_proxy_login() -> None:
    route = environment_proxy("ws://h.test/", {"HTTP_PROXY": "http://bob:p%40ss@p:3128"})
    assert route is not None and (route.user, route.password) == ("bob", "p@ss")


def test_a_profile_proxy_wins_over_the_environment_and_its_no_proxy() -> None:
    profile = Profile(proxy=ProxySetting("proxy.test", 3128, "bob", "pw"))
    request = build_request(profile, environ={"NO_PROXY": "*", "HTTP_PROXY": "other:1"})
    options = request.connect_options()
    assert (options["http_proxy_host"], options["http_proxy_port"]) == ("proxy.test", 3128)
    assert options["http_proxy_auth"] == ("bob", "pw")
    assert options["proxy_type"] == "http"
    # websocket-client applies its no-proxy list before the proxy host: it must match nothing
    assert options["http_no_proxy"] == ["no-host.invalid"]


def test_build_request_expands_masks_and_merges_login_cookies() -> None:
    profile = Profile(
        host="{{host}}",
        path="/rooms/{{room}}/",
        query=(Row("token", "{{env:TOKEN}}", secret=True), Row("n", "{{counter}}")),
        headers=(
            Row("Authorization", "Bearer {{env:TOKEN}}", secret=True),
            Row("X-Off", "", False),
        ),
        cookies=(Row("sessionid", "old", secret=True), Row("theme", "dark")),
        origin=OriginMode.CUSTOM,
        custom_origin="https://{{host}}",
        variables={"host": "api.test", "room": "lobby"},
    )
    scope = VariableScope(profile.variables, environ={"TOKEN": "t0k"})
    request = build_request(
        profile, scope=scope, login_cookies={"sessionid": "new", "csrftoken": "c"}
    )
    assert request.url == "ws://api.test:8000/rooms/lobby/?token=t0k&n=1"
    assert request.shown_url == "ws://api.test:8000/rooms/lobby/?token=•••&n=1"
    assert request.headers == (("Authorization", "Bearer t0k"),)
    assert request.cookie_header == "sessionid=new; theme=dark; csrftoken=c"
    assert request.sent_origin == "https://api.test"
    assert request.redact("got Bearer t0k and new") == "got ••• and •••"
    sent = request.sent()
    assert sent.header_names == ("Authorization",)
    assert sent.cookie_names == ("sessionid", "theme", "csrftoken")
    again = build_request(profile, scope=scope)
    assert again.url.endswith("&n=2")  # one scope per connection: the counter goes on


def test_embedded_profiles_take_the_servers_address() -> None:
    profile = Profile(server=ServerMode.EMBEDDED, host="ignored", path="/private/")
    request = build_request(profile, embedded_url="ws://127.0.0.1:5555/websock1-2/")
    assert request.url == "ws://127.0.0.1:5555/private/"


def test_origin_none_and_a_bad_variable() -> None:
    request = build_request(Profile(origin=OriginMode.NONE))
    assert request.sent_origin is None and request.connect_options()["suppress_origin"] is True
    with pytest.raises(RequestError) as caught:
        build_request(Profile(headers=(Row("X", "{{nope}}"),)))
    assert (caught.value.problem.code, caught.value.problem.field) == (
        "variable_unknown",
        "headers[0].value",
    )


def test_a_plain_request_is_the_old_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    request = ConnectRequest.plain("ws://127.0.0.1:1/websock1-2/", 3.0, 7.0)
    options = request.connect_options()
    assert options == {"timeout": 3.0, "origin": "http://127.0.0.1:1"}
    assert (
        request.sent().describe() == "GET ws://127.0.0.1:1/websock1-2/, Origin: http://127.0.0.1:1"
    )


def test_a_variable_cannot_smuggle_a_line_break_into_a_header() -> None:
    profile = Profile(headers=(Row("X-User", "{{who}}"),), variables={"who": "a\r\nX-Admin: 1"})
    with pytest.raises(RequestError) as caught:
        build_request(profile)
    assert (caught.value.problem.code, caught.value.problem.field) == (
        "header_value_newline",
        "headers[0].value",
    )
