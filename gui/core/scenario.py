"""Scenario files: the format of DESIGN.md ("Round 2"), read and checked into values.

A scenario is a JSON object::

    {"name": "echo", "variables": {"room": "lobby"},
     "connect": {"url": "ws://127.0.0.1:8000/websock1-2/", "headers": {"X-Token": "t"},
                 "subprotocols": ["tsushin.v1"], "origin": "none",
                 "login": {"url": "http://127.0.0.1:8000/accounts/login/",
                           "username": "alice", "password": "{{env:PASSWORD}}"},
                 "tls_verify": true, "ca_file": "ca.pem", "client_cert": "me.pem",
                 "client_key": "me.key", "proxy": "proxy.local:3128", "timeout_ms": 10000},
     "steps": [{"send": {"id": "{{uuid}}", "n": "{{counter}}"}},
               {"expect": {"match": {"type": "echo"}, "schema": {}, "within_ms": 2000}},
               {"sleep_ms": 100},
               {"repeat": 3, "steps": [{"send": "raw text"}]}]}

Each step has one action: ``send`` (a JSON document, or a string sent as raw text),
``expect`` (``match``, ``schema`` or ``schema_file``, ``within_ms``, default 5000),
``sleep_ms`` or ``repeat`` (with ``steps``). ``"expand": false`` on a ``send`` or an
``expect`` takes its ``{{...}}`` literally. Any step may have a ``name`` for the
reports. Only ``steps`` is required; the runner also needs ``connect.url``.

Everything is checked on load, before anything is sent: JSON syntax (line and column),
every key (an unknown one is named with its place and a suggestion), every type, every
schema (against its meta-schema), every variable name. A ``repeat`` is kept as a count,
never unrolled: a repeat of a million costs what a repeat of two does.
"""

from __future__ import annotations

import difflib
import json
import pathlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import json_source_map

from gui.core.match import ANY, SchemaInvalid, compile_schema, json_path, json_type
from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome
from gui.core.scenario_model import (
    Connect,
    Expect,
    Login,
    Repeat,
    Scenario,
    Send,
    Sleep,
    Step,
)
from gui.core.target import parse_url
from gui.core.variables import BUILTIN_NAMES, ENV_PREFIX, names_in

__all__ = [
    "Connect",
    "Expect",
    "Login",
    "Repeat",
    "Scenario",
    "ScenarioInvalid",
    "ScenarioProblem",
    "Send",
    "Sleep",
    "Step",
    "load_scenario",
    "locate_problem",
    "missing_environment",
    "parse_scenario",
    "variable_uses",
]

DEFAULT_WITHIN_MS = 5000
DEFAULT_CONNECT_TIMEOUT_MS = 10_000

TOP_KEYS = ("name", "variables", "connect", "steps")
CONNECT_KEYS = (
    "url",
    "headers",
    "subprotocols",
    "origin",
    "login",
    "tls_verify",
    "ca_file",
    "client_cert",
    "client_key",
    "proxy",
    "timeout_ms",
)
LOGIN_KEYS = ("url", "username", "password")
EXPECT_KEYS = ("match", "schema", "schema_file", "within_ms")
ACTIONS = ("send", "expect", "sleep_ms", "repeat")
STEP_EXTRA_KEYS = {"send": ("expand",), "repeat": ("steps",), "expect": ("expand",), "sleep_ms": ()}


class ScenarioProblem(Outcome):
    """Why a file is not a valid scenario. ``data["where"]`` is a JSON path in it."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "unreadable": QT_TRANSLATE_NOOP("ScenarioProblem", "cannot read {file}: {reason}"),
        "not_utf8": QT_TRANSLATE_NOOP(
            "ScenarioProblem", "{file} is not UTF-8 text (byte {position})"
        ),
        "invalid_json": QT_TRANSLATE_NOOP(
            "ScenarioProblem", "invalid JSON{in_file} at line {line}, column {column}: {reason}"
        ),
        "wrong_type": QT_TRANSLATE_NOOP(
            "ScenarioProblem", "{where} must be {expected}, not {actual}"
        ),
        "unknown_key": QT_TRANSLATE_NOOP("ScenarioProblem", "unknown key {key!r} in {where}{hint}"),
        "missing_key": QT_TRANSLATE_NOOP("ScenarioProblem", "{where} needs {key!r}"),
        "no_action": QT_TRANSLATE_NOOP(
            "ScenarioProblem", "{where}: a step needs one of send, expect, sleep_ms, repeat"
        ),
        "two_actions": QT_TRANSLATE_NOOP(
            "ScenarioProblem", "{where}: a step has one action, this one has {actions}"
        ),
        "invalid_value": QT_TRANSLATE_NOOP("ScenarioProblem", "{where}: {reason}"),
        "invalid_schema": QT_TRANSLATE_NOOP(
            "ScenarioProblem", "{where} is not a valid JSON Schema: {reason} (at {schema_path})"
        ),
        "unknown_variable": QT_TRANSLATE_NOOP(
            "ScenarioProblem", "{where} uses unknown variable {{{{{name}}}}}"
        ),
        "env_missing": QT_TRANSLATE_NOOP(
            "ScenarioProblem",
            "{where} uses {{{{env:{name}}}}}, and the environment variable {name} is not set",
        ),
    }


class ScenarioInvalid(Exception):
    """The text or file is not a valid scenario; :attr:`problem` says where and why."""

    def __init__(self, problem: ScenarioProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load_scenario(path: pathlib.Path, *, extra_variables: Iterable[str] = ()) -> Scenario:
    """Read and check the scenario file at ``path`` (``schema_file`` is relative to it)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _invalid("unreadable", file=str(path), reason=exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _invalid("not_utf8", file=str(path), position=exc.start) from None
    return parse_scenario(
        text, source=str(path), base_dir=path.parent, extra_variables=extra_variables
    )


def parse_scenario(
    text: str,
    *,
    source: str = "<scenario>",
    base_dir: pathlib.Path | None = None,
    extra_variables: Iterable[str] = (),
) -> Scenario:
    """Check the scenario ``text``; ``extra_variables`` are names the caller will
    provide (the runner's ``user``, a profile's variables)."""
    document = _parse_json(text, source)
    reader = _Reader(source, base_dir or pathlib.Path.cwd(), set(extra_variables))
    return reader.scenario(document)


def _invalid(code: str, **data: Any) -> ScenarioInvalid:
    return ScenarioInvalid(ScenarioProblem(code, data))


def _parse_json(text: str, source: str, *, other_file: bool = False) -> Any:
    """Parse ``text``; ``other_file``: a file the scenario names (its name is shown)."""
    where = {"file": source, "in_file": f" in {source}" if other_file else ""}
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _invalid(
            "invalid_json", **where, line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from None
    except RecursionError:
        raise _invalid(
            "invalid_json", **where, line=1, column=1, reason="nested too deeply"
        ) from None


@dataclass
class _Reader:
    """Walks the parsed document, building the model or raising at the first problem."""

    source: str
    base_dir: pathlib.Path
    known: set[str]
    _variables: dict[str, Any] = field(default_factory=dict)

    # --- helpers -----------------------------------------------------------------------

    @staticmethod
    def _object(value: Any, where: list[str | int], allowed: Iterable[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _invalid(
                "wrong_type", where=json_path(where), expected="an object", actual=json_type(value)
            )
        allowed = tuple(allowed)
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = (
                    f" (did you mean {close[0]!r}?)"
                    if close
                    else f"; allowed: {', '.join(allowed)}"
                )
                raise _invalid(
                    "unknown_key", where=json_path(where), key=key, hint=hint, allowed=list(allowed)
                )
        return value

    @staticmethod
    def _typed(value: Any, where: list[str | int], kind: type | tuple[type, ...], name: str) -> Any:
        ok = isinstance(value, kind) and not (isinstance(value, bool) and bool not in _tuple(kind))
        if not ok:
            raise _invalid(
                "wrong_type", where=json_path(where), expected=name, actual=json_type(value)
            )
        return value

    def _text(self, value: Any, where: list[str | int]) -> str:
        self._typed(value, where, str, "a string")
        self._check_names(value, where)
        return str(value)

    def _check_names(self, value: Any, where: list[str | int]) -> None:
        for name in names_in(value):
            if name in BUILTIN_NAMES or name in self.known or name in self._variables:
                continue
            if name.startswith(ENV_PREFIX) and len(name) > len(ENV_PREFIX):
                continue
            raise _invalid("unknown_variable", where=json_path(where), name=name)

    # --- the document ---------------------------------------------------------------------

    def scenario(self, document: Any) -> Scenario:
        top = self._object(document, [], TOP_KEYS)
        name = self._typed(top.get("name", ""), ["name"], str, "a string")
        variables = self._typed(top.get("variables", {}), ["variables"], dict, "an object")
        for key in variables:
            if key in BUILTIN_NAMES or key.startswith(ENV_PREFIX) or not key or "{" in key:
                raise _invalid(
                    "invalid_value",
                    where=json_path(["variables", key]),
                    reason=f"{key!r} cannot be a variable name (built-in, env: or braces)",
                )
        self._variables = dict(variables)
        connect = self.connect(top["connect"], ["connect"]) if "connect" in top else None
        if "steps" not in top:
            raise _invalid("missing_key", where="$", key="steps")
        steps = self.steps(top["steps"], ["steps"], "")
        return Scenario(
            name=name or pathlib.Path(self.source).stem,
            connect=connect,
            steps=steps,
            variables=self._variables,
            source=self.source,
        )

    def connect(self, value: Any, where: list[str | int]) -> Connect:
        obj = self._object(value, where, CONNECT_KEYS)
        if "url" not in obj:
            raise _invalid("missing_key", where=json_path(where), key="url")
        url = self._text(obj["url"], [*where, "url"])
        if "{{" not in url and parse_url(url) is None:
            raise _invalid(
                "invalid_value",
                where=json_path([*where, "url"]),
                reason=f"{url!r} is not a ws:// or wss:// URL",
            )
        headers = self._typed(obj.get("headers", {}), [*where, "headers"], dict, "an object")
        for key, item in headers.items():
            spot = [*where, "headers", key]
            self._text(item, spot)
            if not key or any(c in key for c in "\r\n:") or any(c in item for c in "\r\n"):
                raise _invalid(
                    "invalid_value",
                    where=json_path(spot),
                    reason="header names and values cannot hold line breaks (or ':' in a name)",
                )
        protocols = self._typed(
            obj.get("subprotocols", []), [*where, "subprotocols"], list, "an array"
        )
        for index, item in enumerate(protocols):
            self._text(item, [*where, "subprotocols", index])
        login = None
        if "login" in obj:
            spot = [*where, "login"]
            fields = self._object(obj["login"], spot, LOGIN_KEYS)
            for key in LOGIN_KEYS:
                if key not in fields:
                    raise _invalid("missing_key", where=json_path(spot), key=key)
            login = Login(*(self._text(fields[k], [*spot, k]) for k in LOGIN_KEYS))
        optional = {
            key: self._text(obj[key], [*where, key]) if key in obj else None
            for key in ("origin", "ca_file", "client_cert", "client_key", "proxy")
        }
        verify = self._typed(
            obj.get("tls_verify", True), [*where, "tls_verify"], bool, "true or false"
        )
        timeout = self._number(
            obj.get("timeout_ms", DEFAULT_CONNECT_TIMEOUT_MS), [*where, "timeout_ms"]
        )
        return Connect(
            url=url,
            headers=tuple(headers.items()),
            subprotocols=tuple(protocols),
            login=login,
            tls_verify=verify,
            timeout_ms=timeout,
            **optional,
        )

    def _number(self, value: Any, where: list[str | int], *, integer: bool = False) -> Any:
        if integer and isinstance(value, float) and value.is_integer():
            value = int(value)  # 1e6 is how many people write a million
        kind: tuple[type, ...] = (int,) if integer else (int, float)
        self._typed(value, where, kind, "a whole number" if integer else "a number")
        if value < 0:
            raise _invalid("invalid_value", where=json_path(where), reason="cannot be negative")
        return value

    def steps(self, value: Any, where: list[str | int], prefix: str) -> tuple[Step, ...]:
        items = self._typed(value, where, list, "an array of steps")
        return tuple(
            self.step(item, [*where, index], f"{prefix}{index + 1}")
            for index, item in enumerate(items)
        )

    def step(self, value: Any, where: list[str | int], number: str) -> Step:
        if not isinstance(value, dict):
            raise _invalid(
                "wrong_type",
                where=json_path(where),
                expected="a step (an object)",
                actual=json_type(value),
            )
        actions = [key for key in ACTIONS if key in value]
        if len(actions) > 1:
            raise _invalid("two_actions", where=json_path(where), actions=" and ".join(actions))
        if not actions:
            unknown = [key for key in value if key != "name"]
            if unknown:  # name the stray key: most often a typo of an action
                self._object(value, where, (*ACTIONS, "name"))
            raise _invalid("no_action", where=json_path(where))
        action = actions[0]
        self._object(value, where, (action, "name", *STEP_EXTRA_KEYS[action]))
        name = self._typed(value.get("name", ""), [*where, "name"], str, "a string") or None
        path = json_path(where)
        spot = [*where, action]
        if action == "send":
            payload = value["send"]
            expand = self._typed(
                value.get("expand", True), [*where, "expand"], bool, "true or false"
            )
            if expand:
                self._check_names(payload, spot)
            return Send(path, number, name, payload, isinstance(payload, str), expand)
        if action == "sleep_ms":
            return Sleep(path, number, name, self._number(value["sleep_ms"], spot))
        if action == "repeat":
            times = self._number(value["repeat"], spot, integer=True)
            if "steps" not in value:
                raise _invalid("missing_key", where=path, key="steps")
            inner = self.steps(value["steps"], [*where, "steps"], f"{number}.")
            return Repeat(path, number, name, times, inner)
        expand = self._typed(value.get("expand", True), [*where, "expand"], bool, "true or false")
        return self.expect(value["expect"], spot, path, number, name, expand)

    def expect(
        self,
        value: Any,
        where: list[str | int],
        path: str,
        number: str,
        name: str | None,
        expand: bool,
    ) -> Expect:
        obj = self._object(value, where, EXPECT_KEYS)
        match = obj.get("match", ANY)
        if match is not ANY and expand:
            self._check_names(match, [*where, "match"])
        if "schema" in obj and "schema_file" in obj:
            raise _invalid("two_actions", where=json_path(where), actions="schema and schema_file")
        schema = None
        if "schema" in obj:
            schema = self._schema(obj["schema"], [*where, "schema"])
        elif "schema_file" in obj:
            spot = [*where, "schema_file"]
            file = self.base_dir / self._text(obj["schema_file"], spot)
            try:
                text = file.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                raise _invalid("unreadable", file=str(file), reason=reason) from None
            schema = self._schema(_parse_json(text, str(file), other_file=True), spot)
        within = self._number(obj.get("within_ms", DEFAULT_WITHIN_MS), [*where, "within_ms"])
        return Expect(path, number, name, match, schema, within, expand)

    @staticmethod
    def _schema(value: Any, where: list[str | int]) -> Any:
        try:
            return compile_schema(value)
        except SchemaInvalid as exc:
            data: Mapping[str, Any] = exc.result.data
            raise _invalid(
                "invalid_schema",
                where=json_path(where),
                reason=data["reason"],
                schema_path=data["schema_path"],
            ) from None


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def variable_uses(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """``(where, name)`` for every variable the scenario uses, in file order."""
    connect = scenario.connect
    if connect is not None:
        fields: list[tuple[str, object]] = [
            ("url", connect.url),
            ("headers", dict(connect.headers)),
            ("subprotocols", list(connect.subprotocols)),
            ("origin", connect.origin),
            ("ca_file", connect.ca_file),
            ("client_cert", connect.client_cert),
            ("client_key", connect.client_key),
            ("proxy", connect.proxy),
        ]
        if connect.login is not None:
            login = connect.login
            fields += [("login.url", login.url), ("login.username", login.username)]
            fields += [("login.password", login.password)]
        for key, value in fields:
            for name in names_in(value):
                yield f"$.connect.{key}", name
    yield from _step_uses(scenario.steps)


def _step_uses(steps: tuple[Step, ...]) -> Iterator[tuple[str, str]]:
    for step in steps:
        if isinstance(step, Send) and step.expand:
            for name in names_in(step.payload):
                yield f"{step.path}.send", name
        elif isinstance(step, Expect) and step.match is not ANY and step.expand:
            for name in names_in(step.match):
                yield f"{step.path}.expect.match", name
        elif isinstance(step, Repeat):
            yield from _step_uses(step.steps)


def missing_environment(scenario: Scenario, environ: Mapping[str, str]) -> ScenarioProblem | None:
    """The first ``{{env:NAME}}`` whose variable is not set, before anything runs."""
    for where, name in variable_uses(scenario):
        if name.startswith(ENV_PREFIX) and name[len(ENV_PREFIX) :] not in environ:
            return ScenarioProblem("env_missing", {"where": where, "name": name[len(ENV_PREFIX) :]})
    return None


_PATH_PART = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def _pointer(where: str) -> str | None:
    """The pointer (``/steps/1``) json_source_map gives the value at a JSON path as
    :func:`json_path` writes it."""
    if not where.startswith("$"):
        return None
    parts: list[str] = []
    at = 1
    while at < len(where):
        found = _PATH_PART.match(where, at)
        if found is None:
            return None
        name, index, quoted = found.groups()
        part = name if name is not None else index if index is not None else json.loads(quoted)
        parts.append(part)  # json_source_map writes keys as they are, unescaped
        at = found.end()
    return "".join("/" + part for part in parts)


def locate_problem(text: str, problem: ScenarioProblem) -> tuple[int, int] | None:
    """The line and column (1-based) in ``text`` of what ``problem`` is about: the
    unknown key itself, or the value at its ``where`` (None when it cannot be told)."""
    where = problem.data.get("where")
    pointer = _pointer(where) if isinstance(where, str) else None
    if pointer is None:
        return None
    try:
        entries = json_source_map.calculate(text)
    except Exception:  # a text it cannot map: the problem is said without a place
        return None
    key = problem.data.get("key")
    if problem.code == "unknown_key" and isinstance(key, str):
        entry = entries.get(f"{pointer}/{key}")
        if entry is not None and entry.key_start is not None:
            return entry.key_start.line + 1, entry.key_start.column + 1
    entry = entries.get(pointer)
    if entry is None:
        return None
    return entry.value_start.line + 1, entry.value_start.column + 1
