"""``python -m gui run``: the headless runner against real servers, and every bad input."""

from __future__ import annotations

import contextlib
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

import pytest
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from tests import processes
from tests.gui.runner.conftest import run_command, run_in_process
from tests.gui.runner.proxy import ConnectProxy
from tests.gui.servers import ThreadedServer, free_port, self_signed_context

pytestmark = pytest.mark.live

ECHO_STEPS = [
    {"send": {"id": "{{uuid}}", "n": "{{counter}}", "who": "user-{{user}}"}},
    {
        "expect": {
            "match": {"type": "echo", "data": {"id": "{{uuid}}", "n": "{{counter}}"}},
            "schema": {"type": "object", "required": ["type", "data"]},
            "within_ms": 5000,
        }
    },
    {"sleep_ms": 20},
    {
        "repeat": 3,
        "steps": [{"send": "raw {{counter}}"}, {"expect": {"match": {"code": "invalid_json"}}}],
    },
    {"send": {"last": True}, "name": "the last send"},
    {"expect": {"match": {"data": {"last": True}}}},
]


def no_traceback(outcome) -> None:
    assert "Traceback" not in outcome.text


async def control_characters(ws: ServerConnection) -> None:
    with contextlib.suppress(ConnectionClosed):
        async for _ in ws:
            await ws.send("bell \x07 nul \x00 <tag> & \ud7ff")


async def wrong_echo(ws: ServerConnection) -> None:
    with contextlib.suppress(ConnectionClosed):
        async for _ in ws:
            await ws.send('{"type": "echo", "data": {"n": "wrong"}}')


def closing_after(count: int):
    async def handler(ws: ServerConnection) -> None:
        for _ in range(count):
            await ws.send(await ws.recv())
        await ws.close(1011, "going down")

    return handler


async def tell_handshake(ws: ServerConnection) -> None:
    """Answers every message with what the handshake carried."""
    assert ws.request is not None
    headers = {name.lower(): value for name, value in ws.request.headers.raw_items()}
    with contextlib.suppress(ConnectionClosed):
        async for _ in ws:
            await ws.send(json.dumps({"headers": headers, "subprotocol": ws.subprotocol}))


@pytest.fixture
def threaded():
    servers: list[ThreadedServer] = []

    def start(handler, **options) -> ThreadedServer:
        server = ThreadedServer(handler, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


# --- against the real embedded server ---------------------------------------------------


def test_an_echo_scenario_passes(echo_server, write_scenario) -> None:
    path = write_scenario(
        {"name": "echo", "connect": {"url": echo_server.url}, "steps": ECHO_STEPS}
    )
    outcome = run_command(path)
    assert outcome.code == 0, outcome.text
    no_traceback(outcome)
    lines = outcome.out.splitlines()
    assert lines[0] == f"scenario echo ({path}): 12 steps, 1 user"
    assert lines[1].startswith(f"  ok    connect            {echo_server.url} in ")
    assert (
        lines[2].startswith("  ok    1 send             sent ")
        and '"n":1,"who":"user-1"' in lines[2]
    )
    assert lines[3].startswith("  ok    2 expect           matched after ")
    assert any(line.startswith("  ok    4.1 send [1/3]") for line in lines)
    assert not any("[2/3]" in line for line in lines)  # later iterations are not printed
    assert any(line.startswith("  ok    4 repeat           3 iterations done") for line in lines)
    assert any(line.startswith("  ok    5 the last send") for line in lines)
    assert lines[-1].startswith("passed: 1 user, 12 steps, in ")


def test_junit_xml_of_a_run(echo_server, write_scenario, tmp_path: pathlib.Path) -> None:
    steps = [*ECHO_STEPS, {"expect": {"match": {"never": 1}, "within_ms": 200}}, {"send": 1}]
    path = write_scenario({"name": "ci", "connect": {"url": echo_server.url}, "steps": steps})
    report = tmp_path / "reports" / "junit.xml"
    outcome = run_in_process(path, "--junit", report)
    assert outcome.code == 1
    root = ET.parse(report).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "9",
        "1",
        "0",
        "1",
    )
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [
        "connect",
        "1 send",
        "2 expect",
        "3 sleep_ms",
        "4 repeat",
        "5 the last send",
        "6 expect",
        "7 expect",
        "8 send",
    ]
    failure = cases[7].find("failure")
    assert failure is not None and failure.get("type") == "timeout"
    assert "no matching message within 200 ms" in failure.get("message", "")
    assert failure.text is not None and "step 7 expect at $.steps[6]" in failure.text
    assert cases[8].find("skipped") is not None
    assert float(cases[3].get("time", "0")) >= 0.02


def test_junit_holds_any_text_a_server_sends(threaded, write_scenario, tmp_path) -> None:
    server = threaded(control_characters)
    steps = [{"send": 1}, {"expect": {"match": {"a": 1}, "within_ms": 300}}]
    report = tmp_path / "junit.xml"
    outcome = run_in_process(
        write_scenario({"connect": {"url": server.url}, "steps": steps}), "--junit", report
    )
    assert outcome.code == 1
    failure = ET.parse(report).getroot().find("testsuite/testcase/failure")
    assert failure is not None
    assert "bell \ufffd nul \ufffd <tag> & \ud7ff" in failure.get("message", "")


def test_an_expect_that_never_matches_says_what_arrived(echo_server, write_scenario) -> None:
    path = write_scenario(
        {
            "connect": {"url": echo_server.url},
            "steps": [
                {"send": {"n": 1}},
                {"expect": {"match": {"type": "pong"}, "within_ms": 300}},
            ],
        }
    )
    outcome = run_command(path)
    assert outcome.code == 1
    no_traceback(outcome)
    assert "FAIL  2 expect" in outcome.out
    assert "no matching message within 300 ms; 1 message arrived, none matched" in outcome.out
    assert '{"type":"echo","data":{"n":1}}' in outcome.out
    assert '$.type is "echo", expected "pong"' in outcome.out
    assert "step 2 expect at $.steps[1]" in outcome.out.splitlines()[-1]


def test_users_run_at_once_each_with_its_own_variables(
    echo_server, write_scenario, tmp_path
) -> None:
    steps = [
        {"send": {"n": "{{counter}}", "user": "{{user}}"}},
        {"expect": {"match": {"data": {"n": 1}}, "within_ms": 5000}},  # per-user counters
        {"send": {"n": "{{counter}}", "user": "{{user}}"}},
        {"expect": {"match": {"data": {"n": 2, "user": "{{user}}"}}, "within_ms": 5000}},
    ]
    path = write_scenario({"name": "load", "connect": {"url": echo_server.url}, "steps": steps})
    report = tmp_path / "j.xml"
    outcome = run_in_process(path, "--users", "8", "--junit", report)
    assert outcome.code == 0, outcome.text
    assert outcome.out.splitlines()[-1].startswith("passed: 8 users, 32 steps, in ")
    assert sorted(
        line.split("]")[0] for line in outcome.out.splitlines() if "passed: 4" in line
    ) == sorted(f"[user {n}" for n in range(1, 9))
    suites = ET.parse(report).getroot().findall("testsuite")
    assert [s.get("name") for s in suites] == [f"load (user {n})" for n in range(1, 9)]


def test_users_in_one_room(echo_server, write_scenario, tmp_path) -> None:
    message = {
        "type": "object",
        "required": ["seq"],
        "properties": {"seq": {"type": "integer", "minimum": 1}},
    }
    steps = [
        {"expect": {"match": {"type": "welcome", "room": "lobby", "you": {"name": "u{{user}}"}}}},
        {"repeat": 5, "steps": [
            {"send": {"hello": "{{user}}", "n": "{{counter}}"}},
            # Each user's own messages come back to it, among everyone else's, numbered.
            {"expect": {
                "match": {"type": "message", "from": {"name": "u{{user}}"},
                          "data": {"hello": "{{user}}", "n": "{{counter}}"}},
                "schema": message}},
        ]},
        {"send": {"type": "who"}},
        {"expect": {"match": {"type": "members", "room": "lobby"}}},
    ]  # fmt: skip
    url = echo_server.ws_url("/rooms/lobby/?name=u{{user}}")
    path = write_scenario({"name": "room", "connect": {"url": url}, "steps": steps})
    outcome = run_in_process(path, "--users", "4")
    assert outcome.code == 0, outcome.text
    assert outcome.out.splitlines()[-1].startswith("passed: 4 users, 56 steps")


def test_a_handshake_the_server_refuses(echo_server, write_scenario) -> None:
    path = write_scenario({"connect": {"url": echo_server.ws_url("/nowhere/")}, "steps": []})
    outcome = run_in_process(path)
    assert outcome.code == 1
    assert "FAIL  connect" in outcome.out
    assert "server rejected the handshake: 40" in outcome.out


def test_nothing_listening(write_scenario) -> None:
    path = write_scenario(
        {"connect": {"url": f"ws://127.0.0.1:{free_port()}/"}, "steps": [{"send": 1}]}
    )
    outcome = run_in_process(path)
    assert outcome.code == 1
    assert "connection refused by 127.0.0.1" in outcome.out


# --- servers that misbehave ----------------------------------------------------------------


def test_a_server_that_replies_wrong(threaded, write_scenario) -> None:
    server = threaded(wrong_echo)
    steps = [{"send": {"n": 5}}, {"expect": {"match": {"data": {"n": 5}}, "within_ms": 500}}]
    path = write_scenario({"connect": {"url": server.url}, "steps": steps})
    outcome = run_command(path)
    assert outcome.code == 1
    no_traceback(outcome)
    assert '$.data.n is string "wrong", expected number 5' in outcome.out
    assert '{"type": "echo", "data": {"n": "wrong"}}' in outcome.out


def test_a_server_that_closes_mid_scenario(threaded, write_scenario) -> None:
    server = threaded(closing_after(3))
    steps = [
        {"repeat": 1_000_000, "steps": [{"send": "{{counter}}"}, {"expect": {"within_ms": 5000}}]}
    ]
    path = write_scenario({"connect": {"url": server.url}, "steps": steps})
    outcome = run_command(path, timeout=60)
    assert outcome.code == 1, outcome.text
    no_traceback(outcome)
    assert (
        "the server closed the connection: 1011 (internal server error): going down" in outcome.out
    )
    assert (
        "FAIL  1.2 expect [4/1000000]" in outcome.out or "FAIL  1.1 send [4/1000000]" in outcome.out
    )
    assert "FAIL  1 repeat" in outcome.out and "iteration 4 of 1000000" in outcome.out
    assert len(outcome.out.splitlines()) < 12  # a million iterations, a few lines


def test_connect_options_reach_the_server(threaded, write_scenario) -> None:
    def pick(connection, offered):
        return "tsushin.v1" if "tsushin.v1" in offered else None

    server = threaded(tell_handshake, select_subprotocol=pick)
    steps = [
        {"send": "?"},
        {
            "expect": {
                "match": {
                    "headers": {"x-token": "t-1", "x-user": "1", "origin": "https://app.example"},
                    "subprotocol": "tsushin.v1",
                }
            }
        },
    ]
    connect = {
        "url": server.url,
        "headers": {"X-Token": "t-{{counter}}", "X-User": "{{user}}"},
        "subprotocols": ["other", "tsushin.v1"],
        "origin": "https://app.example",
    }
    outcome = run_in_process(write_scenario({"connect": connect, "steps": steps}))
    assert outcome.code == 0, outcome.text
    assert "(subprotocol tsushin.v1)" in outcome.out
    # origin "none": no Origin header at all; an unknown subprotocol: the server picks none.
    connect.update(origin="none", subprotocols=["unknown.v9"])
    steps[1] = {
        "expect": {
            "match": {"subprotocol": None},
            "schema": {"properties": {"headers": {"not": {"required": ["origin"]}}}},
        }
    }
    outcome = run_in_process(write_scenario({"connect": connect, "steps": steps}))
    assert outcome.code == 0, outcome.text
    assert "subprotocol" not in outcome.out.splitlines()[1]


def test_a_subprotocol_that_was_not_offered_is_refused(threaded, write_scenario) -> None:
    server = threaded(tell_handshake, select_subprotocol=lambda connection, offered: "evil")
    path = write_scenario(
        {"connect": {"url": server.url, "subprotocols": ["tsushin.v1"]}, "steps": []}
    )
    outcome = run_in_process(path)
    assert outcome.code == 1
    assert "the server chose subprotocol 'evil'; offered: tsushin.v1" in outcome.out


def test_tls_verification(threaded, write_scenario, tmp_path: pathlib.Path) -> None:
    server = threaded(wrong_echo, ssl_context=self_signed_context(tmp_path))
    url = server.url.replace("ws://", "wss://")
    steps = [{"send": 1}, {"expect": {"match": {"type": "echo"}}}]
    refused = run_in_process(write_scenario({"connect": {"url": url}, "steps": steps}))
    assert refused.code == 1
    assert "TLS certificate of 127.0.0.1 not trusted" in refused.out
    unverified = {"url": url, "tls_verify": False}
    assert run_in_process(write_scenario({"connect": unverified, "steps": steps})).code == 0
    with_ca = {"url": url, "ca_file": str(tmp_path / "cert.pem")}
    outcome = run_in_process(write_scenario({"connect": with_ca, "steps": steps}))
    assert outcome.code == 0, outcome.text


def test_through_an_http_proxy(echo_server, write_scenario) -> None:
    proxy = ConnectProxy()
    try:
        connect = {"url": echo_server.url, "proxy": f"127.0.0.1:{proxy.port}"}
        path = write_scenario({"connect": connect, "steps": ECHO_STEPS})
        outcome = run_in_process(path)
        assert outcome.code == 0, outcome.text
        assert proxy.targets == [f"127.0.0.1:{echo_server.port}"]
    finally:
        proxy.stop()
    gone = run_in_process(path)
    assert gone.code == 1 and "FAIL  connect" in gone.out


# --- files that are not valid scenarios: exit 2, a clear message ------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"steps": [\n  {"send": 1},\n  {"send": 2,}\n]}', "invalid JSON at line 3, column 14"),
        (
            {"steps": [{"send": 1}, {"exepct": {}}]},
            "unknown key 'exepct' in $.steps[1] (did you mean 'expect'?)",
        ),
        (
            {"steps": [{"expect": {"schema": {"type": "strin"}}}]},
            "$.steps[0].expect.schema is not a valid JSON Schema",
        ),
        ({"steps": [{"send": "{{nope}}"}]}, "$.steps[0].send uses unknown variable {{nope}}"),
        ({"steps": []}, "$.connect needs 'url'"),
        (
            {"connect": {"url": "ws://h/"}, "steps": [{"send": "{{env:TSUSHIN_SURELY_UNSET}}"}]},
            "$.steps[0].send uses {{env:TSUSHIN_SURELY_UNSET}}, and the environment variable",
        ),
    ],
)
def test_not_a_valid_scenario(write_scenario, tmp_path, content, expected: str) -> None:
    path = write_scenario(content)
    report = tmp_path / "invalid.xml"
    outcome = run_in_process(path, "--junit", report)
    assert outcome.code == 2
    assert outcome.err.startswith(f"{path}: not a valid scenario: ")
    assert expected in outcome.err
    no_traceback(outcome)
    error = ET.parse(report).getroot().find("testsuite/testcase/error")
    assert error is not None and expected in error.get("message", "")


def test_not_a_valid_scenario_from_the_command(write_scenario) -> None:
    outcome = run_command(write_scenario('{"steps": [{"send": 1} {"send": 2}]}'))
    assert outcome.code == 2
    assert "invalid JSON at line 1, column 24: Expecting ',' delimiter" in outcome.err
    no_traceback(outcome)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "give a scenario file"),
        (("missing.json",), "cannot read missing.json"),
        (("x.json", "--users", "0"), "--users must be between 1 and 1000"),
        (("x.json", "--users", "many"), "invalid int value"),
        (("x.json", "--nope"), "unrecognized arguments: --nope"),
    ],
)
def test_bad_command_lines(args: tuple[str, ...], expected: str) -> None:
    outcome = run_in_process(*args)
    assert outcome.code == 2
    assert expected in outcome.err


def test_the_runner_never_loads_qt(echo_server, write_scenario) -> None:
    path = write_scenario({"connect": {"url": echo_server.url}, "steps": ECHO_STEPS})
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None  # any import of Qt now fails\n"
        "from gui.__main__ import main\n"
        f"code = main(['run', {str(path)!r}])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6.', 'shiboken'))]\n"
        "sys.exit(code)\n"
    )
    done = processes.run([sys.executable, "-c", code], timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "passed: 1 user, 12 steps" in done.stdout


# --- a history export turned into a scenario ----------------------------------------------


def test_from_history_then_run(echo_server, write_scenario, tmp_path: pathlib.Path) -> None:
    from gui.core.records import Direction, make_record, system_record

    records = [
        system_record("connected to ws://127.0.0.1:1/websock1-2/"),
        make_record(Direction.SENT, '{"id": "{{not expanded}}"}', time_ms=1),
        make_record(
            Direction.RECEIVED, '{"type": "echo", "data": {"id": "{{not expanded}}"}}', time_ms=2
        ),
        make_record(Direction.SENT, "raw", time_ms=3),
        make_record(Direction.RECEIVED, '{"type": "error", "code": "invalid_json"}', time_ms=4),
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(r.to_json_line() + "\n" for r in records), encoding="utf-8")
    made = run_in_process("--from-history", export, "--expect", "full")
    assert made.code == 0, made.err
    scenario = json.loads(made.out)
    assert scenario["connect"] == {"url": "ws://127.0.0.1:1/websock1-2/"}
    assert len(scenario["steps"]) == 4
    outcome = run_in_process(write_scenario(made.out), "--url", echo_server.url)
    # The exported replies are partial matches of what the server sends (its error reply
    # has a message, line and column besides), and the braces stay literal both ways.
    assert outcome.code == 0, outcome.text


def test_from_history_of_a_file_that_is_not_an_export(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"direction": "sent", "json": 1}\nnot json\n', encoding="utf-8")
    outcome = run_in_process("--from-history", bad)
    assert outcome.code == 2
    assert outcome.err == f"{bad}: line 2: not JSON (Expecting value): not json\n"


def test_connect_variables_are_one_draw_of_their_own() -> None:
    from gui.core.scenario_model import Connect, Login
    from gui.core.variables import VariableScope
    from gui.runner.user import expand_connect

    scope = VariableScope({"user": 3}, environ={"PW": "secret"})
    connect = Connect(
        url="ws://h/rooms/r{{user}}/?id={{uuid}}",
        headers=(("X-Id", "{{uuid}}"), ("X-N", "{{counter}}")),
        subprotocols=("v{{user}}",),
        login=Login("http://h/login/", "u{{user}}", "{{env:PW}}"),
        proxy="p:{{counter}}",
    )
    expanded = expand_connect(connect, scope)
    uuid = expanded.url.rsplit("=", 1)[1]
    assert expanded.url == f"ws://h/rooms/r3/?id={uuid}"
    assert expanded.headers == (("X-Id", uuid), ("X-N", "1"))
    assert expanded.subprotocols == ("v3",)
    assert expanded.login == Login("http://h/login/", "u3", "secret")
    assert (expanded.proxy, expanded.origin, expanded.ca_file) == ("p:1", None, None)


def test_output_in_a_narrow_code_page_never_crashes(echo_server, write_scenario) -> None:
    # Windows writes its ANSI code page into a pipe; ASCII is the narrowest of them.
    steps = [
        {"send": {"text": "通信 😀 …"}},
        {"expect": {"match": {"data": {"text": "通信 😀 …"}}}},
    ]
    path = write_scenario({"connect": {"url": echo_server.url}, "steps": steps})
    outcome = run_command(path, env={"PYTHONIOENCODING": "ascii"})
    assert outcome.code == 0, outcome.text
    no_traceback(outcome)
    assert "\\u901a\\u4fe1 \\U0001f600" in outcome.out
