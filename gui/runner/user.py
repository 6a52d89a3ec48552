"""One user of a run: its variables, its login and connection, the engine over it."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from gui.core.django_login import LoginOutcome, LoginResult, django_login
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
    """``connect`` with the variables of its strings expanded, all in one draw
    (may raise VariableError)."""
    login = connect.login
    optional = (connect.origin, connect.ca_file, connect.client_cert, connect.client_key)
    texts = [
        connect.url,
        *(value for _, value in connect.headers),
        *connect.subprotocols,
        *((login.url, login.username, login.password) if login else ()),
        *(value for value in (*optional, connect.proxy) if value is not None),
    ]
    done = iter(scope.expand_texts(texts))
    url = next(done)
    headers = tuple((name, next(done)) for name, _ in connect.headers)
    subprotocols = tuple(next(done) for _ in connect.subprotocols)
    if login is not None:
        login = replace(login, url=next(done), username=next(done), password=next(done))
    origin, ca_file, client_cert, client_key, proxy = (
        None if value is None else next(done) for value in (*optional, connect.proxy)
    )
    return replace(
        connect,
        url=url,
        headers=headers,
        subprotocols=subprotocols,
        login=login,
        origin=origin,
        ca_file=ca_file,
        client_cert=client_cert,
        client_key=client_key,
        proxy=proxy,
    )


def _login(connect: Connect) -> LoginResult | None:
    """Log in when ``connect`` says so."""
    login = connect.login
    if login is None:
        return None
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
    return django_login(
        login.url,
        login.username,
        login.password,
        ws_url=connect.url,
        verify=verify,
        client_cert=cert,
        proxies=proxies,
        timeout=connect.timeout_ms / 1000,
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
    profile = {**scenario.variables, "user": user}
    scope = VariableScope(profile, environ=environ)
    base = scenario.connect
    if url is not None:
        base = replace(base, url=url) if base is not None else Connect(url=url)
    if base is None:
        on_connect(user, ConnectReport(ConnectOutcome("no_url", {})))
        return None
    try:
        # A scope of its own: {{counter}} in a header does not move the messages' counter.
        connect = expand_connect(base, VariableScope(profile, environ=environ))
    except VariableError as exc:
        on_connect(user, ConnectReport(ConnectOutcome("variable", {"reason": exc.problem.message})))
        return None
    login = _login(connect)
    if login is not None and not login.ok:
        assert connect.login is not None
        failed = {"login_url": connect.login.url, "reason": login.outcome.message}
        on_connect(user, ConnectReport(ConnectOutcome("login_failed", failed), login.outcome))
        return None
    cookie = login.cookie_header() if login is not None else None
    login_outcome = login.outcome if login is not None else None
    try:
        transport = Transport.open(connect, cookie)
    except ConnectFailed as exc:
        outcome = ConnectOutcome("connect_failed", {"url": connect.url, "reason": str(exc)})
        on_connect(user, ConnectReport(outcome, login_outcome))
        return None
    protocol = f" (subprotocol {transport.subprotocol})" if transport.subprotocol else ""
    data: dict[str, Any] = {
        "url": connect.url,
        "elapsed_ms": round(transport.elapsed_ms),
        "protocol": protocol,
        "subprotocol": transport.subprotocol,
    }
    warning = login.warning if login is not None else None
    on_connect(user, ConnectReport(ConnectOutcome("connected", data), login_outcome, warning))
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
