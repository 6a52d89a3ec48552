"""Reading scenario files: the model, and every way a file can be wrong."""

from __future__ import annotations

import json
import pathlib
import time
import tracemalloc

import pytest

from gui.core.match import ANY
from gui.core.scenario import (
    Expect,
    Repeat,
    ScenarioInvalid,
    Send,
    Sleep,
    load_scenario,
    locate_problem,
    missing_environment,
    parse_scenario,
    variable_uses,
)

DESIGN_EXAMPLE = """
{"connect": {"url": "ws://127.0.0.1:8000/websock1-2/", "headers": {"X-Token": "t"},
             "subprotocols": ["tsushin.v1"],
             "login": {"url": "http://127.0.0.1:8000/accounts/login/",
                       "username": "alice", "password": "{{env:PASSWORD}}"}},
 "steps": [{"send": {"id": "{{uuid}}", "n": "{{counter}}"}},
           {"expect": {"match": {"type": "echo"}, "schema": {}, "within_ms": 2000}},
           {"sleep_ms": 100},
           {"repeat": 3, "steps": [{"send": "raw text"}]}]}
"""


def problem_of(text: object, **options: object) -> tuple[str, dict, str]:
    source = text if isinstance(text, str) else json.dumps(text)
    with pytest.raises(ScenarioInvalid) as caught:
        parse_scenario(source, **options)  # type: ignore[arg-type]
    problem = caught.value.problem
    return problem.code, dict(problem.data), problem.message


def test_the_design_example_reads_into_the_model() -> None:
    scenario = parse_scenario(DESIGN_EXAMPLE, source="design.json")
    assert scenario.name == "design"
    connect = scenario.connect
    assert connect is not None
    assert connect.url == "ws://127.0.0.1:8000/websock1-2/"
    assert connect.headers == (("X-Token", "t"),)
    assert connect.subprotocols == ("tsushin.v1",)
    assert connect.login is not None and connect.login.password == "{{env:PASSWORD}}"
    send, expect, sleep, repeat = scenario.steps
    assert isinstance(send, Send) and not send.raw and send.path == "$.steps[0]"
    assert isinstance(expect, Expect) and expect.within_ms == 2000 and expect.schema is not None
    assert isinstance(sleep, Sleep) and sleep.ms == 100
    assert isinstance(repeat, Repeat) and repeat.times == 3
    inner = repeat.steps[0]
    assert isinstance(inner, Send) and inner.raw and inner.number == "4.1"
    assert inner.path == "$.steps[3].steps[0]"
    assert scenario.step_count() == 4 + 3


def test_defaults() -> None:
    scenario = parse_scenario('{"steps": [{"expect": {}}, {"send": [1], "name": "list"}]}')
    expect, send = scenario.steps
    assert isinstance(expect, Expect) and expect.match is ANY and expect.schema is None
    assert expect.within_ms == 5000
    assert send.title == "2 list"
    assert scenario.connect is None


def test_a_repeat_of_a_million_is_a_count_not_a_million_steps() -> None:
    text = json.dumps(
        {"steps": [{"repeat": 1e6, "steps": [{"repeat": 1_000_000, "steps": [{"send": "x"}]}]}]}
    )
    tracemalloc.start()
    started = time.perf_counter()
    scenario = parse_scenario(text)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert scenario.step_count() == 1 + 1_000_000 * (1 + 1_000_000)
    assert peak < 1_000_000 and elapsed < 1.0


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"steps": [\n  {"send": 1,}\n]}', 2, 14),
        ('{"steps": [{"send": "x"}]', 1, 26),
        ("\n\n  nope", 3, 3),
        ("", 1, 1),
    ],
)
def test_a_json_error_gives_line_and_column(text: str, line: int, column: int) -> None:
    code, data, message = problem_of(text, source="s.json")
    assert code == "invalid_json"
    assert (data["line"], data["column"]) == (line, column)
    assert message.startswith(f"invalid JSON at line {line}, column {column}: ")


@pytest.mark.parametrize(
    ("document", "key", "where", "hint"),
    [
        ({"steps": [], "conect": {}}, "conect", "$", "did you mean 'connect'?"),
        ({"steps": [{"send": 1}, {"exepct": {}}]}, "exepct", "$.steps[1]", "'expect'"),
        ({"steps": [{"send": 1, "within_ms": 1}]}, "within_ms", "$.steps[0]", "allowed"),
        ({"steps": [{"expect": {"mach": {}}}]}, "mach", "$.steps[0].expect", "'match'"),
        ({"steps": [{"repeat": 2, "steps": [{"sleep": 1}]}]}, "sleep", "$.steps[0].steps[0]", ""),
        ({"connect": {"url": "ws://h/", "header": {}}, "steps": []}, "header", "$.connect", ""),
        (
            {"connect": {"url": "ws://h/", "login": {"url": "u", "user": "a"}}, "steps": []},
            "user",
            "$.connect.login",
            "",
        ),
    ],
)
def test_an_unknown_key_is_named_with_its_place(document, key, where, hint) -> None:
    code, data, message = problem_of(document)
    assert code == "unknown_key"
    assert (data["key"], data["where"]) == (key, where)
    assert f"unknown key {key!r} in {where}" in message
    assert hint in message


@pytest.mark.parametrize(
    ("document", "code", "where"),
    [
        ([], "wrong_type", "$"),
        ({}, "missing_key", "$"),
        ({"steps": {}}, "wrong_type", "$.steps"),
        ({"steps": ["send"]}, "wrong_type", "$.steps[0]"),
        ({"steps": [{}]}, "no_action", "$.steps[0]"),
        ({"steps": [{"name": "x"}]}, "no_action", "$.steps[0]"),
        ({"steps": [{"send": 1, "expect": {}}]}, "two_actions", "$.steps[0]"),
        ({"steps": [{"sleep_ms": -1}]}, "invalid_value", "$.steps[0].sleep_ms"),
        ({"steps": [{"sleep_ms": "1"}]}, "wrong_type", "$.steps[0].sleep_ms"),
        ({"steps": [{"repeat": 2.5, "steps": []}]}, "wrong_type", "$.steps[0].repeat"),
        ({"steps": [{"repeat": True, "steps": []}]}, "wrong_type", "$.steps[0].repeat"),
        ({"steps": [{"repeat": 2}]}, "missing_key", "$.steps[0]"),
        ({"steps": [{"expect": {"within_ms": None}}]}, "wrong_type", "$.steps[0].expect.within_ms"),
        ({"steps": [{"send": 1, "expand": "no"}]}, "wrong_type", "$.steps[0].expand"),
        ({"connect": {}, "steps": []}, "missing_key", "$.connect"),
        ({"connect": {"url": "http://h/"}, "steps": []}, "invalid_value", "$.connect.url"),
        (
            {"connect": {"url": "ws://h/", "tls_verify": 0}, "steps": []},
            "wrong_type",
            "$.connect.tls_verify",
        ),
        (
            {"connect": {"url": "ws://h/", "headers": {"X": "a\r\nEvil: 1"}}, "steps": []},
            "invalid_value",
            "$.connect.headers.X",
        ),
        (
            {"connect": {"url": "ws://h/", "login": {"url": "u"}}, "steps": []},
            "missing_key",
            "$.connect.login",
        ),
        ({"variables": {"uuid": 1}, "steps": []}, "invalid_value", "$.variables.uuid"),
        (
            {"steps": [{"send": {"n": "{{counter}} {{nope}}"}}]},
            "unknown_variable",
            "$.steps[0].send",
        ),
        (
            {"steps": [{"expect": {"match": {"a": "{{who}}"}}}]},
            "unknown_variable",
            "$.steps[0].expect.match",
        ),
    ],
)
def test_each_bad_value_is_named_with_its_place(document: object, code: str, where: str) -> None:
    got_code, data, message = problem_of(document)
    assert (got_code, data["where"]) == (code, where), message
    assert where in message


@pytest.mark.parametrize(
    ("schema", "schema_path"),
    [({"type": "strin"}, "type"), ({"minLength": -1}, "minLength"), ("object", "/")],
)
def test_a_schema_that_is_not_a_schema(schema: object, schema_path: str) -> None:
    code, data, message = problem_of({"steps": [{"expect": {"schema": schema}}]})
    assert code == "invalid_schema"
    assert data["where"] == "$.steps[0].expect.schema"
    assert data["schema_path"] == schema_path
    assert "is not a valid JSON Schema" in message


def test_known_variables_and_unexpanded_sends_pass() -> None:
    scenario = parse_scenario(
        json.dumps(
            {
                "variables": {"room": "lobby"},
                "steps": [
                    {"send": "{{room}} {{user}} {{env:ANY}} {{now}} {{now_ms}}"},
                    {"send": "{{not a variable}}", "expand": False},
                ],
            }
        ),
        extra_variables=["user"],
    )
    assert scenario.variables == {"room": "lobby"}


def test_schema_file_is_read_relative_to_the_scenario(tmp_path: pathlib.Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "echo.json").write_text('{"required": ["type"]}', encoding="utf-8")
    path = tmp_path / "s.json"
    path.write_text('{"steps": [{"expect": {"schema_file": "schemas/echo.json"}}]}', "utf-8")
    (expect,) = load_scenario(path).steps
    assert isinstance(expect, Expect) and expect.schema is not None
    assert expect.schema.schema == {"required": ["type"]}
    (tmp_path / "schemas" / "echo.json").write_text('{"required": "type"}', encoding="utf-8")
    with pytest.raises(ScenarioInvalid) as caught:
        load_scenario(path)
    assert caught.value.problem.code == "invalid_schema"
    (tmp_path / "schemas" / "echo.json").write_text('{"required": [', encoding="utf-8")
    with pytest.raises(ScenarioInvalid) as caught:
        load_scenario(path)
    assert caught.value.problem.code == "invalid_json"
    assert caught.value.problem.data["file"].endswith("echo.json")
    assert f"invalid JSON in {tmp_path / 'schemas' / 'echo.json'} at line 1" in str(caught.value)


def test_unreadable_and_not_utf8_files(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ScenarioInvalid) as caught:
        load_scenario(tmp_path / "missing.json")
    assert caught.value.problem.code == "unreadable"
    assert "missing.json" in caught.value.problem.message
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"steps": [{"send": "caf\xe9"}]}')
    with pytest.raises(ScenarioInvalid) as caught:
        load_scenario(latin)
    assert caught.value.problem.code == "not_utf8"
    assert caught.value.problem.data["position"] == 24
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"steps": []}')  # Notepad's UTF-8 keeps a BOM
    assert load_scenario(bom).steps == ()


def test_missing_environment_is_found_before_running() -> None:
    scenario = parse_scenario(DESIGN_EXAMPLE)
    assert ("$.connect.login.password", "env:PASSWORD") in list(variable_uses(scenario))
    problem = missing_environment(scenario, {})
    assert problem is not None and problem.code == "env_missing"
    assert problem.data == {"where": "$.connect.login.password", "name": "PASSWORD"}
    assert "PASSWORD is not set" in problem.message
    assert missing_environment(scenario, {"PASSWORD": "x"}) is None


def test_a_problem_located_in_the_text() -> None:
    text = '{"steps": [\n  {"send": 1},\n  {"repeat": 2, "steps": [{"sleep_ms": -1}]}\n]}'
    with pytest.raises(ScenarioInvalid) as caught:
        parse_scenario(text)
    assert locate_problem(text, caught.value.problem) == (3, 40)
    odd = '{"steps": [], "connect": {"url": "ws://h/", "headers": {"a/b": 1}}}'
    with pytest.raises(ScenarioInvalid) as caught:
        parse_scenario(odd)
    assert locate_problem(odd, caught.value.problem) == (1, 64)
    with pytest.raises(ScenarioInvalid) as caught:
        parse_scenario('{"steps": 1}')
    assert locate_problem("not the same text", caught.value.problem) is None
