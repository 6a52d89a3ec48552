"""Partial match and JSON Schema checks: verdicts, codes and JSON paths."""

from __future__ import annotations

import pytest

from gui.core.match import (
    ANY,
    Expectation,
    SchemaInvalid,
    compile_schema,
    json_path,
    match_partial,
)

MESSAGE = {
    "type": "message",
    "room": "lobby",
    "from": {"id": "7", "name": "alice"},
    "seq": 3,
    "data": {"items": [1, {"k": "v", "extra": True}], "ok": True, "none": None},
}


@pytest.mark.parametrize(
    "expected",
    [
        {},
        {"type": "message"},
        {"from": {"name": "alice"}},
        {"data": {"items": [1, {"k": "v"}]}},
        {"seq": 3.0},
        {"data": {"ok": True, "none": None}},
    ],
)
def test_what_matches(expected: object) -> None:
    verdict = match_partial(expected, MESSAGE)
    assert verdict.ok, verdict.message
    assert verdict.code == "ok"


@pytest.mark.parametrize(
    ("expected", "code", "path"),
    [
        ({"type": "echo"}, "value_differs", "$.type"),
        ({"from": {"nick": "a"}}, "missing_key", "$.from.nick"),
        ({"data": {"items": [1]}}, "length_differs", "$.data.items"),
        ({"data": {"items": [1, {"k": "w"}]}}, "value_differs", "$.data.items[1].k"),
        ({"data": {"items": [1, []]}}, "type_differs", "$.data.items[1]"),
        ({"seq": "3"}, "type_differs", "$.seq"),
        ({"data": {"ok": 1}}, "type_differs", "$.data.ok"),  # true is not 1
        ({"data": {"none": False}}, "type_differs", "$.data.none"),
        ({"odd key": 1}, "missing_key", '$["odd key"]'),
    ],
)
def test_what_does_not_match_and_where(expected: object, code: str, path: str) -> None:
    verdict = match_partial(expected, MESSAGE)
    assert not verdict.ok
    assert verdict.code == code
    assert verdict.path == path
    assert path in verdict.message


def test_difference_wording_names_both_values() -> None:
    verdict = match_partial({"type": "echo"}, MESSAGE)
    assert verdict.message == '$.type is "message", expected "echo"'
    assert verdict.data["expected"] == '"echo"' and verdict.data["actual"] == '"message"'


def test_json_path_quotes_odd_keys() -> None:
    assert json_path([]) == "$"
    assert json_path(["a", 0, "b c", "名"]) == '$.a[0]["b c"]["名"]'


def test_schema_verdict_and_path() -> None:
    schema = compile_schema(
        {
            "type": "object",
            "required": ["type", "seq"],
            "properties": {
                "seq": {"type": "integer", "minimum": 1},
                "data": {"properties": {"items": {"items": {"type": ["integer", "object"]}}}},
            },
        }
    )
    assert schema.check(MESSAGE).ok
    verdict = schema.check({**MESSAGE, "data": {"items": [1, "x"]}})
    assert verdict.code == "schema_failed"
    assert verdict.path == "$.data.items[1]"
    assert verdict.data["keyword"] == "type"
    assert "'x' is not of type" in verdict.data["reason"]
    missing = schema.check({"type": "t"})
    assert missing.code == "schema_failed" and missing.path == "$"
    assert "'seq' is a required property" in missing.message


def test_schema_checks_formats() -> None:
    schema = compile_schema({"properties": {"id": {"format": "uuid"}}})
    assert schema.check({"id": "0b0e9ac4-8f6b-4f52-9a57-6c2f5e0d3a8c"}).ok
    assert schema.check({"id": "not-a-uuid"}).code == "schema_failed"


@pytest.mark.parametrize(
    ("schema", "where"),
    [
        ({"type": "strin"}, "type"),
        ({"properties": {"a": {"minimum": "1"}}}, "properties/a/minimum"),
        ({"required": "id"}, "required"),
        ([1, 2], "/"),
        ("object", "/"),
    ],
)
def test_a_schema_that_is_not_a_schema_is_reported_as_such(schema: object, where: str) -> None:
    with pytest.raises(SchemaInvalid) as caught:
        compile_schema(schema)
    result = caught.value.result
    assert result.code == "schema_invalid"
    assert result.data["schema_path"] == where
    assert "not a valid JSON Schema" in result.message


def test_boolean_and_empty_schemas() -> None:
    assert compile_schema({}).check(MESSAGE).ok
    assert compile_schema(True).check(MESSAGE).ok
    assert compile_schema(False).check(MESSAGE).code == "schema_failed"


def test_expectation_on_text_frames() -> None:
    echo = Expectation({"type": "echo"}, compile_schema({"required": ["data"]}))
    assert echo.check_text('{"type": "echo", "data": 1}').ok
    no_data = echo.check_text('{"type": "echo"}')
    assert no_data.code == "schema_failed"
    not_json = echo.check_text("Echo: hi")
    assert not_json.code == "not_json" and "Echo: hi" in not_json.message
    assert Expectation(ANY).check_text("anything at all").ok
    assert Expectation("Echo: hi").check_text("Echo: hi").ok
    assert Expectation("Echo: hi").check_text("Echo: ho").code == "value_differs"
    assert Expectation("hi").check_text('"hi"').ok  # a JSON string document
