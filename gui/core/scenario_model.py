"""The values a scenario file is read into (:mod:`gui.core.scenario` reads them).

Immutable and Qt-free: the headless runner and the window's Scenarios panel share them.
Each step knows its place in the file (``path``, a JSON path such as
``$.steps[3].steps[0]``) and its number for people (``"4.1"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gui.core.match import Expectation, Schema


@dataclass(frozen=True, slots=True)
class Login:
    """A Django login before the handshake (values may hold variables)."""

    url: str
    username: str
    password: str


@dataclass(frozen=True, slots=True)
class Connect:
    """Where and how to connect; string values may hold variables (``{{env:TOKEN}}``).

    ``origin``: None sends the server's own address (websocket-client's default),
    ``"none"`` sends no Origin header, anything else is sent as it is.
    ``proxy``: an HTTP proxy as ``host:port``.
    """

    url: str
    headers: tuple[tuple[str, str], ...] = ()
    subprotocols: tuple[str, ...] = ()
    origin: str | None = None
    login: Login | None = None
    tls_verify: bool = True
    ca_file: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    proxy: str | None = None
    timeout_ms: float = 10_000


@dataclass(frozen=True, slots=True)
class Step:
    """What every step has: its place in the file, its number and optional name."""

    path: str
    number: str
    name: str | None

    @property
    def kind(self) -> str:
        """``send``, ``expect``, ``sleep_ms`` or ``repeat``."""
        raise NotImplementedError

    @property
    def title(self) -> str:
        """``"4.1 send"``, or the step's name when it has one."""
        return f"{self.number} {self.name or self.kind}"


@dataclass(frozen=True, slots=True)
class Send(Step):
    """Send ``payload``: a JSON document, or raw text when ``raw``."""

    payload: Any
    raw: bool
    expand: bool = True

    @property
    def kind(self) -> str:
        return "send"


@dataclass(frozen=True, slots=True)
class Expect(Step):
    """Wait up to ``within_ms`` for a message that matches (``expand``: variables in
    ``match`` stand for the values last sent)."""

    match: Any
    schema: Schema | None
    within_ms: float
    expand: bool = True

    @property
    def kind(self) -> str:
        return "expect"

    def expectation(self, match: Any) -> Expectation:
        """The check, with ``match`` (this step's match, its variables expanded)."""
        return Expectation(match, self.schema)


@dataclass(frozen=True, slots=True)
class Sleep(Step):
    """Wait ``ms`` milliseconds (messages that arrive meanwhile are kept)."""

    ms: float

    @property
    def kind(self) -> str:
        return "sleep_ms"


@dataclass(frozen=True, slots=True)
class Repeat(Step):
    """Run ``steps`` ``times`` times (kept as a count, never unrolled)."""

    times: int
    steps: tuple[Step, ...]

    @property
    def kind(self) -> str:
        return "repeat"


@dataclass(frozen=True, slots=True)
class Scenario:
    """A checked scenario: where to connect and what to do."""

    name: str
    connect: Connect | None
    steps: tuple[Step, ...]
    variables: dict[str, Any]
    source: str = "<scenario>"

    def step_count(self) -> int:
        """How many steps a full run executes (repeats multiplied out, arithmetically)."""
        return _count(self.steps)


def _count(steps: tuple[Step, ...]) -> int:
    total = 0
    for step in steps:
        total += 1
        if isinstance(step, Repeat):
            total += step.times * _count(step.steps)
    return total
