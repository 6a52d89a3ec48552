"""A tab's sent messages as a scenario: sends, expects from paired replies, connect."""

from __future__ import annotations

import json

import pytest

from gui.core.profile import OriginMode, Profile, row
from gui.core.records import Direction, binary_record, make_record, system_record
from gui.core.scenario import parse_scenario
from gui.core.scenario_save import NothingSent, connect_section, scenario_from_records
from gui.core.target import ServerMode


def sent(text: str):
    return make_record(Direction.SENT, text)


def received(text: str):
    return make_record(Direction.RECEIVED, text)


def test_sends_with_the_expects_of_their_paired_replies() -> None:
    records = [
        system_record("connected to ws://x/"),
        sent('{"id": 7, "q": "a"}'),
        sent('{"n": 1}'),
        received('{"type": "result", "id": 7, "value": 1}'),  # answers the first
        received('{"type": "echo", "data": {"n": 1}}'),  # the second's echo
        sent("plain {{text}}"),
        received('{"type": "error", "code": "invalid_json"}'),  # pairs with nothing
        sent('"a string"'),
        binary_record(Direction.SENT, b"\x00\x01"),
        received('{"type": "news"}'),
    ]
    document = scenario_from_records(records, name="mine")
    assert document["steps"] == [
        {"send": {"id": 7, "q": "a"}, "expand": False},
        {"expect": {"within_ms": 5000, "match": {"type": "result"}}},
        {"send": {"n": 1}, "expand": False},
        {"expect": {"within_ms": 5000, "match": {"type": "echo"}}},
        {"send": "plain {{text}}", "expand": False},
        {"send": '"a string"', "expand": False},
    ]
    assert "connect" not in document and document["name"] == "mine"
    parse_scenario(json.dumps(document))  # a valid scenario

    full = scenario_from_records(records, expect="full", within_ms=900)
    assert full["steps"][1] == {
        "expect": {"within_ms": 900, "match": {"type": "result", "id": 7, "value": 1}}
    }
    none = scenario_from_records(records, expect="none")
    assert [next(iter(step)) for step in none["steps"]] == ["send"] * 4


def test_nothing_sent_is_refused() -> None:
    with pytest.raises(NothingSent):
        scenario_from_records([received('{"a": 1}'), binary_record(Direction.SENT, b"x")])


def test_connect_from_the_profile_without_its_secrets() -> None:
    profile = Profile(
        server=ServerMode.REMOTE,
        host="example.org",
        port=8001,
        path="/rooms/lobby/",
        query=(row("name", "alice"), row("token", "s3cret")),
        headers=(row("X-Trace", "1"), row("Authorization", "Bearer s3cret"), row("Off", on=False)),
        subprotocols=("tsushin.v1",),
        origin=OriginMode.NONE,
    )
    connect = connect_section(profile, None)
    assert connect == {
        "url": "ws://example.org:8001/rooms/lobby/?name=alice",
        "headers": {"X-Trace": "1"},
        "subprotocols": ["tsushin.v1"],
        "origin": "none",
    }
    embedded = Profile(server=ServerMode.EMBEDDED, path="/echo/")
    assert connect_section(embedded, "ws://127.0.0.1:4321/websock1-2/") == {
        "url": "ws://127.0.0.1:4321/echo/"
    }
    assert connect_section(embedded, None) is None
