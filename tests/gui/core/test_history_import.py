"""A history export (JSON Lines) read back: as a tab's rows, or as a scenario."""

from __future__ import annotations

import json

import pytest

from gui.core.history_import import (
    HistoryImportError,
    records_from_export,
    scenario_from_history,
)
from gui.core.records import Direction, binary_record, make_record, system_record
from gui.core.scenario import parse_scenario


def export(*records) -> list[str]:
    return [record.to_json_line() for record in records]


def rec(direction: Direction, text: str, time_ms: int):
    return make_record(direction, text, time_ms=time_ms)


LINES = export(
    system_record("connected to ws://127.0.0.1:8123/websock1-2/"),
    rec(Direction.SENT, '{"id": "{{uuid}}", "n": 1}', 1000),
    rec(Direction.RECEIVED, '{"type": "echo", "data": {"id": "{{uuid}}", "n": 1}}', 1003),
    rec(Direction.SENT, "not json {{x}}", 1500),
    rec(Direction.RECEIVED, "Echo: not json", 1504),
    rec(Direction.SENT, '"a JSON string"', 2600),
    rec(Direction.RECEIVED, "[1, 2]", 2601),
    system_record("disconnected"),
)


def test_sends_and_expects_by_type() -> None:
    scenario = scenario_from_history(LINES)
    assert scenario["connect"] == {"url": "ws://127.0.0.1:8123/websock1-2/"}
    assert scenario["steps"] == [
        {"send": {"id": "{{uuid}}", "n": 1}, "expand": False},
        {"expect": {"within_ms": 5000, "match": {"type": "echo"}}},
        {"send": "not json {{x}}", "expand": False},
        {"expect": {"within_ms": 5000}},
        {"send": '"a JSON string"', "expand": False},
        {"expect": {"within_ms": 5000}},
    ]
    # What comes out is a valid scenario, and braces that were sent stay literal.
    model = parse_scenario(json.dumps(scenario))
    assert model.step_count() == 6


def test_full_expects_timing_and_url() -> None:
    scenario = scenario_from_history(LINES, expect="full", keep_timing=True, url="ws://other/")
    assert scenario["connect"] == {"url": "ws://other/"}
    steps = scenario["steps"]
    assert steps[1] == {
        "expect": {
            "within_ms": 5000,
            "match": {"type": "echo", "data": {"id": "{{uuid}}", "n": 1}},
        },
        "expand": False,  # the braces arrived as they are
    }
    assert steps[2] == {"sleep_ms": 497}  # the gap after the reply, before the next send
    assert steps[4] == {"expect": {"within_ms": 5000, "match": "Echo: not json"}}
    parse_scenario(json.dumps(scenario))


def test_only_sends() -> None:
    scenario = scenario_from_history(LINES, expect="none")
    assert [next(iter(step)) for step in scenario["steps"]] == ["send", "send", "send"]


@pytest.mark.parametrize(
    ("lines", "code", "line"),
    [
        (["{not json"], "invalid_json", 1),
        ([LINES[1], "", '{"time_ms": 1}'], "not_a_record", 3),
        (['{"direction": "sent"}'], "not_a_record", 1),
        (["[1, 2]"], "not_a_record", 1),
        (export(system_record("connected to ws://h/")), "empty", None),
    ],
)
def test_a_file_that_is_not_an_export(lines: list[str], code: str, line: int | None) -> None:
    with pytest.raises(HistoryImportError) as caught:
        scenario_from_history(lines)
    assert caught.value.problem.code == code
    if line is not None:
        assert caught.value.problem.data["line"] == line
        assert caught.value.problem.message.startswith(f"line {line}: ")


def test_an_export_read_back_as_rows_marked_imported() -> None:
    originals = [
        system_record("connected to ws://127.0.0.1:8123/websock1-2/"),
        rec(Direction.SENT, '{"n": 1, "big": 123456789012345678901234567890}', 1000),
        rec(Direction.RECEIVED, '{"type": "echo", "data": {"n": 1}}', 1003),
        rec(Direction.RECEIVED, "Echo: not json", 1504),
        system_record("lost", error=True),
        binary_record(Direction.RECEIVED, bytes(range(40)), time_ms=2000),
    ]
    originals[0].time_ms = 999
    lines = export(*originals)
    records = records_from_export([*lines[:3], "", *lines[3:]])
    assert all(r.imported for r in records)
    assert [(r.direction, r.time_ms, r.is_json) for r in records] == [
        (o.direction, o.time_ms, o.is_json) for o in originals
    ]
    assert [r.size for r in records] == [o.size for o in originals]
    assert json.loads(records[1].text) == json.loads(originals[1].text)
    assert records[2].doc_type == "echo" and records[3].text == "Echo: not json"
    assert records[4].direction is Direction.ERROR and records[4].text == "lost"
    assert records[5].payload == bytes(range(40))
    # An imported row exported again says so, and reads back the same.
    again = records_from_export(export(*records))
    assert '"imported": true' in records[1].to_json_line()
    assert [r.text for r in again] == [r.text for r in records]
    # A binary row does not stop a scenario being made of the export.
    steps = scenario_from_history(lines)["steps"]
    assert [next(iter(step)) for step in steps] == ["send", "expect", "expect"]


@pytest.mark.parametrize(
    ("lines", "code", "line"),
    [
        (["{not json"], "invalid_json", 1),
        (['{"steps": [{"send": 1}]}'], "not_a_record", 1),
        ([LINES[1], '{"direction": "sent", "text": 5}'], "bad_value", 2),
        (['{"direction": "received", "base64": "%%%"}'], "bad_value", 1),
        (["", "  "], "no_rows", None),
    ],
)
def test_a_file_that_is_not_an_export_gives_no_rows(
    lines: list[str], code: str, line: int | None
) -> None:
    with pytest.raises(HistoryImportError) as caught:
        records_from_export(lines)
    assert caught.value.problem.code == code
    if line is not None:
        assert caught.value.problem.message.startswith(f"line {line}: ")
