"""A tab's JSON Schema: read from text, refused with where, and the verdicts (no Qt)."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.core.checks import (
    PASSED,
    ReceivedChecks,
    SchemaCheck,
    SchemaProblem,
    Verdict,
    schema_from_text,
)
from gui.core.match import json_path

ECHO = '{"type": "object", "required": ["type", "data"], "properties": {"type": {"const": "echo"}}}'


def compiled(text: str) -> SchemaCheck:
    found = schema_from_text(text)
    assert isinstance(found, SchemaCheck), found
    return found


def test_a_blank_text_checks_nothing() -> None:
    assert schema_from_text("") is None
    assert schema_from_text("  \n\t") is None
    checks = ReceivedChecks()
    assert checks.verdict({"any": 1}) is None


def test_a_json_error_says_its_line_and_column() -> None:
    problem = schema_from_text('{\n  "type": "object",\n  "required": ["a",]\n}')
    assert isinstance(problem, SchemaProblem)
    assert (problem.line, problem.column) == (3, 20)
    assert "line 3, column 20" in problem.message
    assert problem.pos == len('{\n  "type": "object",\n  "required": ["a",')
    nan = schema_from_text('{"minimum": NaN}')
    assert isinstance(nan, SchemaProblem) and (nan.line, nan.column) == (1, 13)


def test_a_schema_that_is_not_a_schema_says_where() -> None:
    problem = schema_from_text('{"type": "object", "properties": {"n": {"type": "integr"}}}')
    assert isinstance(problem, SchemaProblem)
    assert problem.line is None
    assert problem.schema_path == "properties/n/type"
    assert "not a valid JSON Schema" in problem.message and "integr" in problem.message
    assert isinstance(schema_from_text("[1, 2]"), SchemaProblem)  # neither object nor bool


def test_a_remote_reference_is_refused_rather_than_fetched() -> None:
    problem = schema_from_text('{"$ref": "https://example.invalid/schema.json"}')
    assert isinstance(problem, SchemaProblem)
    assert "not usable" in problem.message


def test_verdicts_with_the_path_and_reason_of_the_first_error() -> None:
    schema = compiled(ECHO)
    assert schema.verdict({"type": "echo", "data": {"n": 1}}) == PASSED
    failed = schema.verdict({"type": "pong", "data": 1})
    assert failed.ok is False and failed.path == "$.type"
    assert "echo" in failed.reason
    missing = schema.verdict({"type": "echo"})
    assert (missing.ok, missing.path) == (False, "$")
    assert missing.reason == '"data" is a required property'
    deep = compiled('{"properties": {"items": {"items": {"type": "integer"}}}}')
    assert deep.verdict({"items": [1, 2, "x"]}).path == "$.items[2]"
    assert compiled("true").verdict([1]) == PASSED
    assert compiled("false").verdict({}) == Verdict(False, "$", "False schema does not allow {}")


def test_formats_are_checked_and_odd_numbers_do_not_break_a_check() -> None:
    schema = compiled('{"properties": {"at": {"format": "date-time"}, "n": {"type": "integer"}}}')
    assert schema.verdict({"at": "2026-12-01T10:00:00Z"}).ok
    assert schema.verdict({"at": "yesterday"}).path == "$.at"
    # Beyond 64 bits the Rust validator cannot take it: jsonschema decides.
    assert schema.verdict({"n": 2**200}).ok
    assert schema.verdict({"n": "x" * 10}).path == "$.n"


def test_the_dialect_named_by_the_schema_is_used() -> None:
    draft7 = compiled(
        '{"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}]}'
    )
    assert draft7.verdict(["a", 1]).ok  # draft 7 tuple form: only the first item
    assert draft7.verdict([1]).path == "$[0]"
    modern = compiled('{"prefixItems": [{"type": "string"}], "items": false}')
    assert modern.verdict(["a", 1]).path == "$[1]"  # the item that is one too many


SCHEMAS = [
    ECHO,
    '{"type": "object", "properties": {"n": {"type": "integer", "minimum": 0},'
    ' "s": {"type": "string", "maxLength": 3, "pattern": "^[a-z]*$"}},'
    ' "additionalProperties": {"type": ["boolean", "null", "array"]}}',
    '{"type": "array", "items": {"anyOf": [{"type": "number", "multipleOf": 0.5},'
    ' {"enum": ["a", null, true]}]}, "uniqueItems": true, "maxItems": 4}',
    '{"oneOf": [{"required": ["a"]}, {"required": ["b"]}], "propertyNames": {"maxLength": 2}}',
]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from([0.5, 1.0, 2.5, -1.5])
    | st.sampled_from(["", "a", "ab", "abcd", "A", "echo", "pong"]),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(["a", "b", "n", "s", "type", "data", "xyz"]), children)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize("text", SCHEMAS)
@settings(max_examples=150, deadline=None)
@given(document=JSON)
def test_the_fast_verdict_agrees_with_jsonschema(text: str, document: object) -> None:
    """jsonschema-rs decides each message; jsonschema (the runner's) must agree, and
    the path given must be one where jsonschema finds an error too."""
    schema = compiled(text)
    validator_cls = jsonschema.validators.validator_for(schema.schema.schema)
    reference = validator_cls(schema.schema.schema, format_checker=validator_cls.FORMAT_CHECKER)
    verdict = schema.verdict(document)
    assert verdict.ok == reference.is_valid(document)
    if not verdict.ok:
        paths = {json_path(error.absolute_path) for error in reference.iter_errors(document)}
        assert verdict.path in paths


def test_the_checks_use_the_schema_set_last() -> None:
    checks = ReceivedChecks(compiled('{"type": "object"}'))
    assert checks.verdict([]) == Verdict(False, "$", '[] is not of type "object"')
    checks.schema = compiled('{"type": "array"}')
    assert checks.verdict([]) == PASSED
    checks.schema = None
    assert checks.verdict([]) is None
