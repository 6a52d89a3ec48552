"""JSON validation (with line/column) and the formatters."""

from __future__ import annotations

import json

import pytest

from gui.core.jsontext import compact_json, format_json, is_json, pretty_or_none, validate_json


def test_valid_document() -> None:
    result = validate_json('{"a": [1, 2, {"b": null}]}')
    assert result.ok
    assert result.line is None and result.column is None


def test_empty_text_is_not_valid_and_has_no_position() -> None:
    result = validate_json("  \n ")
    assert not result.ok
    assert result.empty
    assert "Empty" in result.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"a": 1,}', 1, 9),
        ('{\n  "a": 1\n  "b": 2\n}', 3, 3),
        ("[1, 2", 1, 6),
        ('{"名前": "通信", x}', 1, 14),
    ],
)
def test_error_line_and_column(text: str, line: int, column: int) -> None:
    result = validate_json(text)
    assert not result.ok
    assert (result.line, result.column) == (line, column)
    assert f"line {line}, column {column}" in result.message
    assert result.position is not None
    lines = text.split("\n")
    assert sum(len(s) + 1 for s in lines[: line - 1]) + column - 1 == result.position


def test_format_keeps_order_and_non_ascii() -> None:
    text = '{"z":1,"a":{"名前":"通信"}}'
    assert format_json(text) == '{\n  "z": 1,\n  "a": {\n    "名前": "通信"\n  }\n}'


def test_compact_round_trips() -> None:
    pretty = '{\n  "a": [1, 2],\n  "b": "x y"\n}'
    assert compact_json(pretty) == '{"a":[1,2],"b":"x y"}'
    assert json.loads(compact_json(pretty)) == json.loads(pretty)


def test_formatters_raise_on_invalid() -> None:
    with pytest.raises(json.JSONDecodeError):
        format_json("{oops}")
    with pytest.raises(json.JSONDecodeError):
        compact_json("[1,")
    assert pretty_or_none("Echo: {'x': 1}") is None


def test_is_json() -> None:
    assert is_json("123")
    assert not is_json("Echo: {'x': 1}")


# --- RFC 8259: NaN and Infinity are not JSON; long integers are ----------------------


@pytest.mark.parametrize(
    ("text", "name", "line", "column"),
    [
        ('{"x": NaN}', "NaN", 1, 7),
        ("[1,\n  Infinity]", "Infinity", 2, 3),
        ('{"a": "NaN, Infinity", "b": [0, -Infinity]}', "-Infinity", 1, 33),
        ("NaN", "NaN", 1, 1),
    ],
)
def test_nan_and_infinity_are_invalid_where_they_are(
    text: str, name: str, line: int, column: int
) -> None:
    result = validate_json(text)
    assert not result.ok
    assert (result.line, result.column) == (line, column)
    assert text[result.position :].startswith(name)
    assert result.message == (
        f"Invalid JSON at line {line}, column {column}: {name} is not allowed in JSON (RFC 8259)"
    )
    assert not is_json(text)
    assert pretty_or_none(text) is None
    with pytest.raises(ValueError, match="not allowed in JSON"):
        format_json(text)


def test_the_words_inside_strings_are_fine() -> None:
    assert validate_json('["NaN", "Infinity", "-Infinity"]').ok


LONG = "9" * 5000  # Python will not turn more than 4,300 digits into an int


def test_an_integer_of_5000_digits_is_valid_json() -> None:
    text = f'{{"n": {LONG}, "m": -{LONG}}}'
    with pytest.raises(ValueError, match="4300"):
        json.loads(text)  # what the editor used to let escape
    assert validate_json(text) == validate_json('{"n": 1}')
    assert is_json(text)
    assert compact_json(text) == f'{{"n":{LONG},"m":-{LONG}}}'
    assert format_json(text) == f'{{\n  "n": {LONG},\n  "m": -{LONG}\n}}'


def test_numbers_beyond_a_double_are_written_back_as_they_were() -> None:
    assert compact_json('{"big": 1e999, "small": -1E+400, "ok": 1.5}') == (
        '{"big":1e999,"small":-1E+400,"ok":1.5}'
    )
    assert json.dumps(json.loads("1e999")) == "Infinity"  # what Format used to write
