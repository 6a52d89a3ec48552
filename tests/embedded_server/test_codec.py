"""The orjson fast path and its standard-library fallback answer exactly as ``json``."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from embedded_server import protocol


def json_reply(text: str) -> str:
    """What json in, json out answers (lone surrogates escaped: see the protocol)."""
    return (
        json.dumps(
            {"type": "echo", "data": json.loads(text)}, ensure_ascii=False, separators=(",", ":")
        )
        .encode("utf-8", "backslashreplace")
        .decode()
    )


def echoed(text: str) -> str:
    reply, error_code = protocol.answer(text, None)
    assert error_code is None, reply
    return reply


@pytest.mark.parametrize(
    "text",
    [
        str(2**70),
        str(-(2**70)),
        str(2**64),  # one past orjson's largest integer
        str(-(2**63) - 1),  # one past orjson's smallest integer
        '"\\ud800"',  # lone surrogates, escaped
        '["\\udc00 tail", {"k": "\\ud83d"}]',
        "0.1000000000000000055511151231257827",  # long mantissa
        "[1" + "0" * 30 + ", 2.5]",
        # At orjson's integer limits: exact in orjson too, but 19+ digits go to json.
        str(2**64 - 1),
        str(-(2**63)),
    ],
)
def test_documents_orjson_refuses_or_misreads_are_echoed_as_json_would(text: str) -> None:
    assert echoed(text) == json_reply(text)
    assert protocol.decode(text)[1] is False


def test_integers_beyond_64_bits_stay_exact_on_the_wire() -> None:
    reply = echoed(f'{{"big": {2**70}, "small": {-(2**63) - 1}}}')
    assert f'"big":{2**70}' in reply
    assert f'"small":{-(2**63) - 1}' in reply
    assert json.loads(reply)["data"]["big"] == 2**70


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("NaN", 1, 1),
        ("[1, Infinity]", 1, 5),
        ('{"a": -Infinity}', 1, 7),
        ('{"NaN": "Infinity",\n "x": [NaN]}', 2, 8),
        ('["\\"NaN", NaN]', 1, 11),
        # The first mistake from the left is reported, as json does for the others.
        ("[Infinity", 1, 2),
        ("[NaN 1]", 1, 2),
    ],
)
def test_nan_and_infinity_are_not_json_and_get_their_position(
    text: str, line: int, column: int
) -> None:
    reply, error_code = protocol.answer(text, None)
    assert error_code == protocol.INVALID_JSON
    answer = json.loads(reply)
    assert (answer["line"], answer["column"]) == (line, column)
    assert "RFC 8259" in answer["message"]


@pytest.mark.parametrize("text", ["1e999", "[-1e999, 2]", ' {"x": 1E400} ', "1" * 400 + ".5"])
def test_numbers_beyond_a_double_are_echoed_as_sent_never_as_infinity(text: str) -> None:
    reply = echoed(text)
    assert "Infinity" not in reply
    assert reply == '{"type":"echo","data":' + text.strip() + "}"


def test_an_integer_over_the_int_digit_limit_is_echoed_exactly() -> None:
    big = "9" * 5000
    text = f'{{"n": {big}, "m": [1, 2.5]}}'
    reply = echoed(text)
    assert reply == '{"type":"echo","data":' + text + "}"
    assert big in reply


def test_an_over_long_integer_does_not_hide_an_error_after_it() -> None:
    reply, error_code = protocol.answer("[" + "1" * 5000 + ", NaN]", None)
    assert error_code == protocol.INVALID_JSON
    assert json.loads(reply)["column"] == 5004


@pytest.mark.parametrize("depth", [253, 254, 255, 300, 1000, 1024])
def test_deep_documents_up_to_1024_levels_are_echoed(depth: int) -> None:
    text = "[" * depth + "1" + "]" * depth
    reply = echoed(text)
    assert reply == '{"type":"echo","data":' + text + "}"


def test_1025_levels_are_refused_naming_the_limit() -> None:
    reply, error_code = protocol.answer("[" * 1025 + "]" * 1025, None)
    assert error_code == protocol.NESTING_TOO_DEEP
    assert json.loads(reply)["limit"] == 1024


def test_a_lone_surrogate_is_echoed_escaped() -> None:
    reply = echoed('["\\ud800", "日本語 \\udfff"]')
    assert reply == '{"type":"echo","data":["\\ud800","日本語 \\udfff"]}'
    assert reply.encode()  # a text frame must be valid UTF-8
    assert json.loads(reply)["data"] == ["\ud800", "日本語 \udfff"]


def test_nesting_deeper_than_json_allows_is_an_error() -> None:
    _, error_code = protocol.answer("[" * 5000 + "]" * 5000, None)
    assert error_code == protocol.NESTING_TOO_DEEP


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1}',
        "[1, 2.5, null, true, false]",
        str(10**18 - 1),
        str(-(10**18) + 1),
        '{"日本語": "こんにちは", "emoji": "🙂", "pair": "\\ud83d\\ude00"}',
        '{"dup": 1, "other": 2, "dup": 3}',
        "1.7976931348623157e+308",
        "5e-324",
    ],
)
def test_ordinary_documents_take_the_fast_path_with_the_same_answer(text: str) -> None:
    assert protocol.decode(text)[1] is True
    # Floats may be spelt differently (1e+308, 1e308); the values are the same.
    assert same(json.loads(echoed(text)), json.loads(json_reply(text)))


def test_unicode_is_sent_unescaped() -> None:
    reply = echoed('{"text": "\\u65e5\\u672c\\u8a9e"}')
    assert reply == '{"type":"echo","data":{"text":"日本語"}}'


INVALID = [
    '{"x"=1}',
    "{",
    "",
    "   ",
    "\n\n  ]",
    '{"a": 1,}',
    "[1, 2",
    "{'single': 1}",
    '{\n  "a": 1\n  "b": 2\n}',
    '"unterminated',
    '"tab\tinside"',
    "[1] [2]",
    "Echo: {'x': 1}",
    "<html></html>",
    '{"a": tru}',
    '["日本語", 1,, 2]',  # column counts characters, not UTF-8 bytes
    '{"emoji": "🙂"\n, "x": nul}',
    "\ufeff[1]",  # byte order mark
    "[1e]",
    "[-]",
    "[01]",
    "nan",
    '{"a":1}\x00',
]


@pytest.mark.parametrize("text", INVALID)
def test_invalid_json_line_and_column_are_jsons(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    reply, error_code = protocol.answer(text, None)
    assert error_code == protocol.INVALID_JSON
    answer = json.loads(reply)
    assert (answer["line"], answer["column"]) == (expected.value.lineno, expected.value.colno)


def same(a: object, b: object) -> bool:
    """Equal, with NaN equal to NaN and -0.0 told apart from 0.0, at any depth."""
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


documents = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=15,
)


@given(documents)
def test_any_document_decodes_as_json_does(document: object) -> None:
    text = json.dumps(document, ensure_ascii=False)
    assert same(protocol.decode(text)[0], json.loads(text))
    assert same(json.loads(echoed(text))["data"], json.loads(text))


def _strict_loads(text: str) -> object:
    """json.loads with RFC 8259's rule: NaN and the infinities are not JSON."""

    def refuse(name: str) -> object:
        raise json.JSONDecodeError(f"{name} is not JSON", text, text.find(name))

    return json.loads(text, parse_constant=refuse)


@given(st.text(max_size=60))
def test_any_text_is_answered_as_json_would(text: str) -> None:
    reply = json.loads(protocol.answer(text, None)[0])
    try:
        expected = _strict_loads(text)
    except json.JSONDecodeError as error:
        assert (reply["code"], reply["line"], reply["column"]) == (
            protocol.INVALID_JSON,
            error.lineno,
            error.colno,
        )
    else:
        assert same(reply["data"], expected)
