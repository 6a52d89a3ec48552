"""One user of a run: its variables, its login and connection, the engine over it."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from gui.core.django_login import LoginOutcome, django_login
from gui.core.engine import ScenarioRun, StepResult
from gui.core.outcome import Outcome
from gui.core.scenario_model import Connect, Scenario
from gui.core.variables import VariableError, VariableScope
from gui.runner.transport import Closed, ConnectFailed, Transport


class ConnectOutcome(Outcome):
    """How the connection of one user went (before the first step)."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "connected": "{url} in {elapsed_ms} ms{protocol}",
        "no_url": "the scenario has no connect.url (or give --url)",
        "variable": "{reason}",
        "login_failed": "login at {login_url}: {reason}",
        "connect_failed": "{url}: {reason}",
    }
    OK: ClassVar[frozenset[str]] = frozenset({"connected"})


@dataclass(frozen=True, slots=True)
class ConnectReport:
    """The connection's outcome, the login's warning if any, the time it took."""

    outcome: ConnectOutcome
    login: LoginOutcome | None = None
    warning: LoginOutcome | None = None


def expand_connect(connect: Connect, scope: VariableScope) -> Connect:
    """``connect`` with the variables of its strings expanded (may raise VariableError)."""
    text = scope.expand_text

    def maybe(value: str | None) -> str | None:
        return None if value is None else text(value)

    login = connect.login
    if login is not None:
        login = replace(
            login, url=text(login.url), username=text(login.username), password=text(login.password)
        )
    return replace(
        connect,
        url=text(connect.url),
        headers=tuple((name, text(value)) for name, value in connect.headers),
        subprotocols=tuple(text(p) for p in connect.subprotocols),
        origin=maybe(connect.origin),
        login=login,
        ca_file=maybe(connect.ca_file),
        client_cert=maybe(connect.client_cert),
        client_key=maybe(connect.client_key),
        proxy=maybe(connect.proxy),
    )


def _login(connect: Connect) -> tuple[str | None, ConnectReport | None]:
    """Log in when ``connect`` says so: the Cookie header, or the failure's report."""
    login = connect.login
    if login is None:
        return None, None
    verify: bool | str = (connect.ca_file or True) if connect.tls_verify else False
    cert: Any = None
    if connect.client_cert:
        cert = (
            (connect.client_cert, connect.client_key) if connect.client_key else connect.client_cert
        )
    proxies = None
    if connect.proxy:
        address = connect.proxy if "://" in connect.proxy else f"http://{connect.proxy}"
        proxies = {"http": address, "https": address}
    result = django_login(
        login.url,
        login.username,
        login.password,
        ws_url=connect.url,
        verify=verify,
        client_cert=cert,
        proxies=proxies,
        timeout=connect.timeout_ms / 1000,
    )
    if not result.ok:
        data = {"login_url": login.url, "reason": result.outcome.message}
        return None, ConnectReport(ConnectOutcome("login_failed", data), result.outcome)
    return result.cookie_header(), ConnectReport(
        ConnectOutcome("connected", {}), result.outcome, result.warning
    )


def run_user(
    scenario: Scenario,
    user: int,
    *,
    on_connect: Callable[[int, ConnectReport], None],
    on_result: Callable[[int, StepResult], None],
    url: str | None = None,
    environ: Mapping[str, str] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> ScenarioRun | None:
    """Connect as user number ``user`` (1-based) and run the scenario's steps.

    Returns the finished run, or None when the connection (or login) failed; every
    outcome goes to the callbacks, from this thread.
    """
    scope = VariableScope({**scenario.variables, "user": user}, environ=environ)
    base = scenario.connect
    if url is not None:
        base = replace(base, url=url) if base is not None else Connect(url=url)
    if base is None:
        on_connect(user, ConnectReport(ConnectOutcome("no_url", {})))
        return None
    try:
        connect = expand_connect(base, scope)
    except VariableError as exc:
        on_connect(user, ConnectReport(ConnectOutcome("variable", {"reason": exc.problem.message})))
        return None
    cookie, login_report = _login(connect)
    if login_report is not None and not login_report.outcome.ok:
        on_connect(user, login_report)
        return None
    try:
        transport = Transport.open(connect, cookie)
    except ConnectFailed as exc:
        outcome = ConnectOutcome("connect_failed", {"url": connect.url, "reason": str(exc)})
        login = login_report.login if login_report else None
        on_connect(user, ConnectReport(outcome, login))
        return None
    protocol = f" (subprotocol {transport.subprotocol})" if transport.subprotocol else ""
    data = {"url": connect.url, "elapsed_ms": round(transport.elapsed_ms), "protocol": protocol}
    data["subprotocol"] = transport.subprotocol
    login, warning = (login_report.login, login_report.warning) if login_report else (None, None)
    on_connect(user, ConnectReport(ConnectOutcome("connected", data), login, warning))
    run = ScenarioRun(
        scenario.steps, scope, transport.send, lambda r: on_result(user, r), clock=clock
    )
    try:
        drive(run, transport, clock)
    finally:
        transport.close()
    return run


def drive(run: ScenarioRun, transport: Transport, clock: Callable[[], float]) -> None:
    """Feed the engine from the connection until the run is over."""
    while True:
        wake = run.advance()
        if wake is None:
            return
        item = transport.receive(max(0.0, wake - clock()))
        # Take every frame already there, so the server never waits on a full buffer.
        while item is not None:
            if isinstance(item, Closed):
                run.closed(item.code, item.reason)
                break
            run.deliver(item)
            item = transport.receive(0.0)
