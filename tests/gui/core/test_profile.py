"""Connection profiles: the value, its URL, and its JSON form (gui.core.profile*)."""

from __future__ import annotations

import json

import pytest

from gui.core.profile import (
    OriginMode,
    Profile,
    ProxySetting,
    Row,
    Stored,
    TlsOptions,
    legacy_profile,
    looks_secret,
    merge_cookies,
    origin_from_text,
    origin_text,
    parse_subprotocols,
    row,
    subprotocols_text,
)
from gui.core.profile_json import (
    ProfileFormatError,
    dumps,
    parse_json_text,
    profile_from_json,
    profile_to_json,
    stored_secrets,
)
from gui.core.target import RemoteAddress, ServerMode


def full_profile() -> Profile:
    return Profile(
        name="staging",
        server=ServerMode.REMOTE,
        scheme="wss",
        host="api.example.test",
        port=8443,
        path="/ws/chat/",
        query=(Row("room", "lobby"), Row("token", "t0p", secret=True), Row("off", "x", on=False)),
        headers=(Row("X-Trace", "1"), Row("Authorization", "Bearer abc", secret=True)),
        cookies=(Row("sessionid", "s3ss10n", secret=True),),
        subprotocols=("tsushin.v1", "json"),
        origin=OriginMode.CUSTOM,
        custom_origin="https://app.example.test",
        tls=TlsOptions(verify=False, ca_file="ca.pem", client_cert="me.pem", client_key="me.key"),
        proxy=ProxySetting("proxy.test", 3128, "bob", "pr0xy"),
        connect_timeout=7.5,
        ping_interval=30.0,
        auto_reconnect=False,
        variables={"room": "lobby", "n": 3},
    )


def test_url_has_the_query_rows_that_are_on() -> None:
    profile = full_profile()
    assert profile.url() == "wss://api.example.test:8443/ws/chat/?room=lobby&token=t0p"
    embedded = profile.url("ws://127.0.0.1:5555")
    assert embedded == "ws://127.0.0.1:5555/ws/chat/?room=lobby&token=t0p"
    spaced = Profile(query=(Row("q", "a b&c"), Row("v", "{{room}}")))
    assert spaced.url() == "ws://127.0.0.1:8000/websock1-2/?q=a%20b%26c&v={{room}}"


def test_with_url_splits_a_url_and_keeps_row_flags() -> None:
    profile = full_profile().with_url("ws://[::1]:9000/other/?token=new&page=2")
    assert (profile.scheme, profile.host, profile.port, profile.path) == (
        "ws",
        "::1",
        9000,
        "/other/",
    )
    assert profile.query == (Row("token", "new", secret=True), Row("page", "2"))
    assert profile.url() == "ws://[::1]:9000/other/?token=new&page=2"
    assert Profile().with_url("wss://h.test").port == 443
    for bad in ("http://h/", "ws://", "ws://h:99999/"):
        with pytest.raises(ValueError):
            Profile().with_url(bad)


def test_secret_guess_and_keys() -> None:
    assert looks_secret("Authorization") and looks_secret("X-Api-Key") and looks_secret("sessionid")
    assert not looks_secret("X-Trace") and not looks_secret("room")
    assert row("X-Auth-Token", "t").secret and not row("Accept-Language", "ja").secret
    twice = Profile(headers=(Row("X-Token", "a", secret=True), Row("X-Token", "b", secret=True)))
    assert twice.secret_rows == [("header:X-Token", "a"), ("header:X-Token#2", "b")]
    assert [key for key, _ in full_profile().secret_rows] == [
        "query:token",
        "header:Authorization",
        "cookie:sessionid",
        "proxy:password",
    ]


def test_login_cookies_merge_into_the_rows() -> None:
    rows = (Row("theme", "dark"), Row("sessionid", "old", on=False))
    merged = merge_cookies(rows, {"sessionid": "new", "csrftoken": "c"})
    assert merged == (
        Row("theme", "dark"),
        Row("sessionid", "new", True, True),
        Row("csrftoken", "c", True, True),
    )


def test_json_round_trip_with_secrets() -> None:
    profile = full_profile()
    document = json.loads(dumps(profile_to_json(profile, with_secrets=True)))
    assert profile_from_json(document) == profile


def test_json_without_secrets_has_no_secret_value_anywhere() -> None:
    profile = full_profile()
    text = dumps(profile_to_json(profile))
    for secret in ("t0p", "Bearer abc", "s3ss10n", "pr0xy"):
        assert secret not in text
    back = profile_from_json(json.loads(text))
    assert back.headers == (Row("X-Trace", "1"), Row("Authorization", "", secret=True))
    assert back.proxy == ProxySetting("proxy.test", 3128, "bob", "")
    marked = profile_to_json(profile, stored=Stored.KEYRING)
    assert stored_secrets(marked) == {
        "query:token": Stored.KEYRING,
        "header:Authorization": Stored.KEYRING,
        "cookie:sessionid": Stored.KEYRING,
        "proxy:password": Stored.KEYRING,
    }


def test_a_minimal_file_takes_the_defaults() -> None:
    profile = profile_from_json({"format": "tsushin.profile/1", "name": "x"})
    assert profile.name == "x" and profile.path == "/websock1-2/" and profile.tls.verify


@pytest.mark.parametrize(
    ("document", "code", "field"),
    [
        ({"name": "x"}, "not_a_profile", "$"),
        ([], "not_a_profile", "$"),
        ({"format": "tsushin.profile/2"}, "newer_format", "$.format"),
        ({"format": "tsushin.profile/1", "nmae": "x"}, "unknown_key", "$.nmae"),
        ({"format": "tsushin.profile/1", "url": {"port": "80"}}, "bad_type", "$.url.port"),
        ({"format": "tsushin.profile/1", "url": {"port": True}}, "bad_type", "$.url.port"),
        (
            {"format": "tsushin.profile/1", "headers": [{"value": "v"}]},
            "bad_type",
            "$.headers[0].name",
        ),
        ({"format": "tsushin.profile/1", "origin": {"mode": "any"}}, "bad_choice", "$.origin.mode"),
        ({"format": "tsushin.profile/1", "server": "cloud"}, "bad_choice", "$.server"),
        ({"format": "tsushin.profile/1", "tls": {"verify": "no"}}, "bad_type", "$.tls.verify"),
    ],
)
def test_bad_documents_name_the_field(document: object, code: str, field: str) -> None:
    with pytest.raises(ProfileFormatError) as caught:
        profile_from_json(document, file="p.json")
    assert caught.value.problem.code == code
    assert caught.value.problem.field == field
    assert str(caught.value).startswith("p.json: ")


def test_invalid_json_text_gives_line_and_column() -> None:
    with pytest.raises(ProfileFormatError) as caught:
        parse_json_text('{\n  "format": "tsushin.profile/1",\n  "name": "x",,\n}', "p.json")
    problem = caught.value.problem
    assert (problem.code, problem.data["line"], problem.data["column"]) == ("invalid_json", 3, 15)
    assert problem.message.startswith("p.json: not valid JSON at line 3, column 15:")


def test_legacy_settings_become_a_profile() -> None:
    remote = RemoteAddress("wss", "lan.test", 9001, "/ws/")
    profile = legacy_profile(ServerMode.REMOTE, remote, connect_timeout=12.0, auto_reconnect=False)
    assert profile.url() == "wss://lan.test:9001/ws/"
    assert (profile.server, profile.connect_timeout, profile.auto_reconnect) == (
        ServerMode.REMOTE,
        12.0,
        False,
    )


def test_what_the_widgets_hold() -> None:
    assert parse_subprotocols(" tsushin.v1, json ,,") == ("tsushin.v1", "json")
    assert subprotocols_text(("a", "b")) == "a, b"
    assert origin_from_text("") == (OriginMode.SERVER, "")
    assert origin_from_text(" None ") == (OriginMode.NONE, "")
    assert origin_from_text("https://app.test") == (OriginMode.CUSTOM, "https://app.test")
    for text in ("", "none", "https://app.test"):
        mode, value = origin_from_text(text)
        assert origin_text(Profile(origin=mode, custom_origin=value)) == text
