"""{{variables}}: built-ins, environment, profile values, types, errors that name them."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.core.variables import VariableError, VariableScope, names_in


def fixed_scope(**profile: object) -> VariableScope:
    ids = iter(f"id-{n}" for n in range(1, 100))
    return VariableScope(
        profile,
        environ={"TOKEN": "s3cret", "EMPTY": ""},
        clock=lambda: 1_795_000_000.1234,
        new_uuid=lambda: next(ids),
    )


def test_builtins_in_a_document_keep_their_types() -> None:
    scope = fixed_scope()
    sent = scope.expand_document(
        {"id": "{{uuid}}", "n": "{{counter}}", "at": "{{now}}", "ms": "{{now_ms}}", "k": 1.5}
    )
    assert sent == {
        "id": "id-1",
        "n": 1,
        "at": "2026-11-18T11:06:40.123Z",
        "ms": 1_795_000_000_123,
        "k": 1.5,
    }


def test_a_variable_inside_longer_text_is_text() -> None:
    scope = fixed_scope()
    assert scope.expand_document({"id": "msg-{{counter}}", "t": "{{env:TOKEN}}!"}) == {
        "id": "msg-1",
        "t": "s3cret!",
    }


def test_counter_counts_messages_that_use_it_and_one_message_has_one_value() -> None:
    scope = fixed_scope()
    first = scope.expand_document({"a": "{{counter}}", "b": ["{{counter}}", "#{{counter}}"]})
    assert first == {"a": 1, "b": [1, "#1"]}
    assert scope.expand_text("no variables here") == "no variables here"
    assert scope.expand_text("n={{ counter }}") == "n=2"
    assert scope.expand_document({"n": "{{counter}}"}) == {"n": 3}


def test_each_message_draws_a_new_uuid() -> None:
    scope = VariableScope()
    first = scope.expand_text("{{uuid}} {{uuid}}").split()
    second = scope.expand_text("{{uuid}}")
    assert first[0] == first[1]
    assert second != first[0]
    assert uuid.UUID(second).version == 4


def test_two_scopes_count_on_their_own() -> None:
    one, two = fixed_scope(), fixed_scope()
    for _ in range(3):
        one.expand_text("{{counter}}")
    assert two.expand_text("{{counter}}") == "1"
    assert one.expand_text("{{counter}}") == "4"


def test_profile_values_keep_their_json_type_as_a_whole_value() -> None:
    scope = fixed_scope(room="lobby", size=3, flags={"a": True}, none=None)
    assert scope.expand_document(
        {"room": "{{room}}", "size": "{{size}}", "f": "{{flags}}", "x": "{{none}}"}
    ) == {"room": "lobby", "size": 3, "f": {"a": True}, "x": None}
    assert scope.expand_text("{{room}}/{{size}}/{{flags}}/{{none}}") == 'lobby/3/{"a": true}/null'


def test_keys_are_expanded_as_text() -> None:
    scope = fixed_scope()
    assert scope.expand_document({"k{{counter}}": "{{counter}}"}) == {"k1": 1}


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("{{nope}}", "unknown_variable", "nope"),
        ("hello {{ user name }}", "unknown_variable", "user name"),
        ("{{}}", "unknown_variable", ""),
        ("{{env:}}", "unknown_variable", "env:"),
        ("{{env:NOT_SET_ANYWHERE}}", "env_missing", "NOT_SET_ANYWHERE"),
    ],
)
def test_an_unknown_variable_is_an_error_that_names_it(text: str, code: str, name: str) -> None:
    scope = fixed_scope()
    with pytest.raises(VariableError) as caught:
        scope.expand_text(text)
    assert caught.value.problem.code == code
    assert caught.value.problem.data["name"] == name
    assert name in str(caught.value)
    with pytest.raises(VariableError):
        scope.expand_document({"deep": [{"x": text}]})


def test_an_empty_environment_variable_is_set() -> None:
    assert fixed_scope().expand_text("[{{env:EMPTY}}]") == "[]"


def test_json_text_keeps_its_layout_and_types() -> None:
    scope = fixed_scope()
    text = '{\n  "n" : "{{counter}}",\n  "k{{counter}}": "a\\"b {{uuid}}",\n  "plain": "\\u00e9"\n}'
    expanded = scope.expand_json_text(text)
    assert expanded == '{\n  "n" : 1,\n  "k1": "a\\"b id-1",\n  "plain": "\\u00e9"\n}'
    assert json.loads(expanded) == {"n": 1, "k1": 'a"b id-1', "plain": "é"}


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.sampled_from(
            ["{{counter}}", "x{{counter}}", "{{room}}", "{{now_ms}}", "plain", 'é"\\']
        ),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from(["a", "{{room}}", "b"]), inner, max_size=3)
        ),
        max_leaves=12,
    )
)
def test_json_text_and_document_expansion_agree(document: object) -> None:
    text = json.dumps(document, indent=1, ensure_ascii=False)
    from_text = json.loads(fixed_scope(room="r").expand_json_text(text))
    assert from_text == fixed_scope(room="r").expand_document(document)


def test_expected_values_are_the_last_sent_and_draw_nothing() -> None:
    scope = fixed_scope()
    with pytest.raises(VariableError) as caught:
        scope.expand_expected({"id": "{{uuid}}"})
    assert caught.value.problem.code == "no_value_yet"
    scope.expand_document({"id": "{{uuid}}", "n": "{{counter}}"})
    assert scope.expand_expected({"data": {"id": "{{uuid}}", "n": "{{counter}}"}}) == {
        "data": {"id": "id-1", "n": 1}
    }
    assert scope.expand_text("{{counter}}") == "2"  # the expect did not advance it


def test_names_in_finds_every_variable() -> None:
    assert list(names_in({"a{{x}}": ["{{ y }}", 1, {"b": "{{env:Z}} {{x}}"}]})) == [
        "x",
        "y",
        "env:Z",
        "x",
    ]
