"""Profile checks: each bad field gives a code and the field it is about."""

from __future__ import annotations

import pathlib

import pytest
import trustme

from gui.core.profile import OriginMode, Profile, ProxySetting, Row, TlsOptions
from gui.core.profile_check import check_profile, is_origin, parse_proxy


def problems(profile: Profile, **options: object) -> list[tuple[str, str]]:
    return [(p.code, p.field) for p in check_profile(profile, **options)]  # type: ignore[arg-type]


def test_the_default_profile_is_fine() -> None:
    assert check_profile(Profile()) == []


def test_header_value_with_a_newline_is_an_injection() -> None:
    profile = Profile(headers=(Row("X-Ok", "a\tb"), Row("X-Bad", "a\r\nX-Admin: 1")))
    found = check_profile(profile)
    assert [(p.code, p.field) for p in found] == [("header_value_newline", "headers[1].value")]
    assert "header injection" in found[0].message and "X-Bad" in found[0].message


def test_header_names_and_reserved_headers() -> None:
    profile = Profile(
        headers=(Row("Bad Name", "v"), Row("Cookie", "a=b"), Row("Sec-WebSocket-Protocol", "x"))
    )
    found = check_profile(profile)
    assert [(p.code, p.field) for p in found] == [
        ("name_invalid", "headers[0].name"),
        ("header_reserved", "headers[1].name"),
        ("header_reserved", "headers[2].name"),
    ]
    assert found[1].message == "Cookie is written by the client itself: set it in cookies"


@pytest.mark.parametrize(("value", "char"), [("a;b", "';'"), ("a b", "a space"), ('"q"', "'\"'")])
def test_cookie_values_a_cookie_cannot_hold(value: str, char: str) -> None:
    found = check_profile(Profile(cookies=(Row("sessionid", value, secret=True),)))
    assert [(p.code, p.field) for p in found] == [("cookie_value_invalid", "cookies[0].value")]
    assert found[0].data["char"] == char


def test_url_fields() -> None:
    profile = Profile(scheme="http", host="a b", port=70000, path="/x y/")
    assert problems(profile) == [
        ("bad_scheme", "url.scheme"),
        ("host_invalid", "url.host"),
        ("port_invalid", "url.port"),
        ("path_invalid", "url.path"),
    ]
    assert problems(Profile(host="")) == [("host_empty", "url.host")]


def test_subprotocols_origin_timeouts() -> None:
    profile = Profile(
        subprotocols=("tsushin.v1", "a b", "tsushin.v1"),
        origin=OriginMode.CUSTOM,
        custom_origin="http://evil.example\\@127.0.0.1",
        connect_timeout=0.1,
        ping_interval=0.0,
    )
    assert problems(profile) == [
        ("subprotocol_invalid", "subprotocols[1]"),
        ("subprotocol_duplicate", "subprotocols[2]"),
        ("origin_invalid", "origin"),
        ("timeout_out_of_range", "connect_timeout"),
        ("ping_out_of_range", "ping_interval"),
    ]
    assert is_origin("https://app.test:8443") and is_origin("null")
    assert not is_origin("https://app.test/path") and not is_origin("app.test")


def test_unreadable_and_invalid_ca_files(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "nope.pem"
    found = check_profile(Profile(tls=TlsOptions(ca_file=str(missing))))
    assert [(p.code, p.field) for p in found] == [("file_unreadable", "tls.ca_file")]
    assert found[0].message == f"cannot read {missing}: no such file"
    folder = check_profile(Profile(tls=TlsOptions(ca_file=str(tmp_path))))
    assert folder[0].data["reason"] == "it is a folder"
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a certificate\n")
    assert problems(Profile(tls=TlsOptions(ca_file=str(garbage)))) == [
        ("ca_file_invalid", "tls.ca_file")
    ]
    ca = trustme.CA()
    good = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(good))
    assert check_profile(Profile(tls=TlsOptions(ca_file=str(good)))) == []
    # check_files=False: no disk access (the check while typing)
    assert check_profile(Profile(tls=TlsOptions(ca_file=str(missing))), check_files=False) == []


def test_client_certificate(tmp_path: pathlib.Path) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("alice@example.test")
    both = tmp_path / "client.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(both))
    assert check_profile(Profile(tls=TlsOptions(client_cert=str(both)))) == []
    only_cert = tmp_path / "cert.pem"
    cert.cert_chain_pems[0].write_to_path(str(only_cert))
    assert problems(Profile(tls=TlsOptions(client_cert=str(only_cert)))) == [
        ("client_cert_invalid", "tls.client_cert")
    ]
    assert problems(Profile(tls=TlsOptions(client_key=str(both)))) == [
        ("client_key_without_cert", "tls.client_key")
    ]


def test_proxy_text() -> None:
    assert parse_proxy("") == ProxySetting()
    assert parse_proxy("proxy.test:3128") == ProxySetting("proxy.test", 3128)
    assert parse_proxy("http://bob:s%20cret@[::1]:8080") == ProxySetting(
        "::1", 8080, "bob", "s cret"
    )
    for text, reason in [
        ("proxy.test", "no port (host:port)"),
        ("proxy.test:http", "the port is not a number"),
        ("socks5://proxy.test:1080", "only HTTP proxies (CONNECT) are supported, not socks5://"),
        ("proxy.test:3128/path", "host:port, nothing after it"),
    ]:
        problem = parse_proxy(text)
        assert not isinstance(problem, ProxySetting), text
        assert (problem.code, problem.field, problem.data["reason"]) == (
            "proxy_invalid",
            "proxy",
            reason,
        )
    port = parse_proxy("proxy.test:0")
    assert not isinstance(port, ProxySetting) and port.code == "proxy_port_invalid"
    assert problems(Profile(proxy=ProxySetting(user="bob"))) == [
        ("proxy_user_without_host", "proxy")
    ]


def test_variables_are_checked_where_they_are_used() -> None:
    profile = Profile(
        path="/rooms/{{room}}/",
        headers=(Row("X-Token", "{{env:TSUSHIN_NO_SUCH_VARIABLE}}"), Row("X-User", "{{who}}")),
        variables={"room": "lobby", "counter": 1},
    )
    assert problems(profile, environ={}) == [
        ("variable_name_invalid", "variables"),
        ("env_missing", "headers[0].value"),
        ("variable_unknown", "headers[1].value"),
    ]
    assert (
        problems(
            profile.replace(variables={"room": "x", "who": "me"}),
            environ={"TSUSHIN_NO_SUCH_VARIABLE": "t"},
        )
        == []
    )
