"""A profile made concrete for one handshake: :class:`ConnectRequest`.

:func:`build_request` expands the profile's ``{{variables}}`` (URL, headers, cookies,
Origin) at connect time, adds the cookies of a Django login, works out the Origin the
handshake sends and the proxy it goes through (:mod:`gui.core.proxy`), and gives
websocket-client's options (:meth:`ConnectRequest.connect_options`). What was sent is
described without any secret value (:meth:`ConnectRequest.sent`): the URL with secret
query values masked, the Origin, the subprotocols and the header names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from gui.core.profile import OriginMode, Profile, Row, TlsOptions, query_string
from gui.core.profile_check import ProfileProblem, check_rows, variable_fields
from gui.core.proxy import ProxyRoute, environment_proxy, proxy_route
from gui.core.target import DEFAULT_CONNECT_TIMEOUT, ServerMode
from gui.core.variables import VariableError, VariableScope

MASK = "•••"
# websocket-client reads NO_PROXY itself unless given a list; this one matches no host
# (.invalid never resolves, RFC 2606), so that a proxy the user chose is always used.
_MATCH_NO_HOST = ["no-host.invalid"]


@dataclass(frozen=True, slots=True)
class SentHandshake:
    """What a handshake sent, with no secret value in it (for the history)."""

    url: str
    origin: str | None
    subprotocols: tuple[str, ...]
    header_names: tuple[str, ...]
    cookie_names: tuple[str, ...]
    proxy: str | None
    tls_verify: bool | None  # None for ws://

    def describe(self) -> str:
        """One line: ``GET URL, Origin: ..., subprotocols: ..., headers: ...``."""
        parts = [f"GET {self.url}"]
        parts.append(f"Origin: {self.origin}" if self.origin else "no Origin")
        if self.subprotocols:
            parts.append("subprotocols: " + ", ".join(self.subprotocols))
        if self.header_names:
            parts.append("headers: " + ", ".join(self.header_names))
        if self.cookie_names:
            parts.append("cookies: " + ", ".join(self.cookie_names))
        if self.proxy:
            parts.append(f"through proxy {self.proxy}")
        if self.tls_verify is False:
            parts.append("TLS verification off")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ConnectionInfo:
    """An open connection as the window shows it: the URL (secrets masked), the
    subprotocol the server chose (None: none), whether the server's certificate was
    verified (None for ``ws``), the proxy, and what the handshake sent."""

    url: str
    subprotocol: str | None
    tls_verified: bool | None
    proxy: str | None
    sent: SentHandshake

    def describe(self) -> str:
        """The history's "connected" row: ``connected to URL (subprotocol: x; ...)``."""
        notes = []
        if self.subprotocol:
            notes.append(f"subprotocol {self.subprotocol}")
        if self.tls_verified is False:
            notes.append("TLS verification off")
        if self.proxy:
            notes.append(f"through proxy {self.proxy}")
        text = f"connected to {self.url}"
        return f"{text} ({'; '.join(notes)})" if notes else text


@dataclass(frozen=True, slots=True)
class ConnectRequest:
    """Everything one handshake needs, variables expanded."""

    url: str
    shown_url: str = ""  # the URL with secret query values masked
    headers: tuple[tuple[str, str], ...] = ()
    cookies: tuple[tuple[str, str], ...] = ()
    subprotocols: tuple[str, ...] = ()
    origin: str | None = ""  # "" = the server's own address; None = no Origin
    tls: TlsOptions = field(default_factory=TlsOptions)
    proxy: ProxyRoute | None = None
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    ping_interval: float = 5.0
    secret_values: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def plain(
        cls, url: str, connect_timeout: float = DEFAULT_CONNECT_TIMEOUT, ping_interval: float = 5.0
    ) -> ConnectRequest:
        """A request for a bare URL, as the window made before profiles."""
        return cls(
            url=url,
            shown_url=url,
            connect_timeout=connect_timeout,
            ping_interval=ping_interval,
            proxy=environment_proxy(url),
        )

    @property
    def secure(self) -> bool:
        """True for ``wss``."""
        return self.url.lower().startswith("wss:")

    @property
    def sent_origin(self) -> str | None:
        """The Origin header the handshake sends (None: none)."""
        if self.origin is None:
            return None
        return self.origin or server_origin(self.url)

    @property
    def cookie_header(self) -> str:
        """The ``Cookie`` header value (empty without cookies)."""
        return "; ".join(f"{name}={value}" for name, value in self.cookies)

    def connect_options(self) -> dict[str, Any]:
        """The keyword arguments of ``websocket.WebSocket.connect``."""
        options: dict[str, Any] = {"timeout": self.connect_timeout}
        header = [f"{name}: {value}" for name, value in self.headers]
        if self.subprotocols:
            # As a plain header: websocket-client's own `subprotocols` option refuses a
            # server that picks none, which RFC 6455 allows. The session checks the answer.
            header.append("Sec-WebSocket-Protocol: " + ", ".join(self.subprotocols))
        if header:
            options["header"] = header
        origin = self.sent_origin
        if origin is None:
            options["suppress_origin"] = True
        else:
            options["origin"] = origin
        if self.cookies:
            options["cookie"] = self.cookie_header
        if self.proxy is not None:
            options.update(
                http_proxy_host=self.proxy.host,
                http_proxy_port=self.proxy.port,
                http_no_proxy=_MATCH_NO_HOST,
                proxy_type="http",
            )
            if self.proxy.user:
                options["http_proxy_auth"] = (self.proxy.user, self.proxy.password)
        return options

    def sent(self) -> SentHandshake:
        """What this handshake sends, without secret values."""
        return SentHandshake(
            url=self.shown_url or self.url,
            origin=self.sent_origin,
            subprotocols=self.subprotocols,
            header_names=tuple(name for name, _ in self.headers),
            cookie_names=tuple(name for name, _ in self.cookies),
            proxy=self.proxy.address if self.proxy else None,
            tls_verify=self.tls.verify if self.secure else None,
        )

    def connected(self, subprotocol: str | None) -> ConnectionInfo:
        """The :class:`ConnectionInfo` of this request once the server accepted it."""
        return ConnectionInfo(
            url=self.shown_url or self.url,
            subprotocol=subprotocol,
            tls_verified=self.tls.verify if self.secure else None,
            proxy=self.proxy.address if self.proxy else None,
            sent=self.sent(),
        )

    def redact(self, text: str) -> str:
        """``text`` with every secret value of this request masked."""
        for secret in sorted(self.secret_values, key=len, reverse=True):
            if secret:
                text = text.replace(secret, MASK)
        return text


def server_origin(url: str) -> str:
    """The Origin a browser on the server's own site would send (websocket-client's
    default): ``http://host:port`` for ``ws``, ``https://...`` for ``wss``, no default port."""
    parts = urlsplit(url)
    scheme = "https" if parts.scheme == "wss" else "http"
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    port = parts.port
    if port is None or port in (80, 443):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


class RequestError(ValueError):
    """A profile that cannot be connected with: a variable that cannot be expanded."""

    def __init__(self, problem: ProfileProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def build_request(
    profile: Profile,
    *,
    scope: VariableScope | None = None,
    embedded_url: str | None = None,
    login_cookies: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> ConnectRequest:
    """The handshake of ``profile`` now: variables expanded (one draw for the whole
    handshake), the login's cookies added (they win over rows of the same name).

    ``embedded_url`` is the embedded server's ``ws://host:port/...`` for a profile
    whose server is EMBEDDED. Raises :class:`RequestError` naming the field of a
    variable that cannot be expanded.
    """
    scope = scope or VariableScope(profile.variables, environ=environ)
    texts = list(variable_fields(profile))
    for where, text in texts:
        problem = scope.first_problem(text)
        if problem is not None:
            code = "env_missing" if problem.code == "env_missing" else "variable_unknown"
            raise RequestError(ProfileProblem(code, {"field": where, **problem.data}))
    try:
        values = dict(
            zip([w for w, _ in texts], scope.expand_texts([t for _, t in texts]), strict=True)
        )
    except VariableError as exc:  # checked above; a race with the environment
        raise RequestError(
            ProfileProblem("variable_unknown", {"field": "", **exc.problem.data})
        ) from None

    def expanded_rows(where: str, rows: tuple[Row, ...]) -> list[Row]:
        return [
            Row(
                values.get(f"{where}[{i}].name", r.name),
                values.get(f"{where}[{i}].value", r.value),
                r.on,
                r.secret,
            )
            for i, r in enumerate(rows)
            if r.on and r.name
        ]

    query = tuple(
        Row(r.name, values.get(f"url.query[{i}].value", r.value), r.on, r.secret)
        for i, r in enumerate(profile.query)
    )
    expanded = profile.replace(host=values["url.host"], path=values["url.path"], query=query)
    base = None
    if profile.server is ServerMode.EMBEDDED and embedded_url:
        parts = urlsplit(embedded_url)
        base = f"{parts.scheme}://{parts.netloc}"
    url = expanded.url(base)
    hole = "__tsushin_secret__"  # survives percent-encoding, then shown as the mask
    masked = tuple(Row(r.name, hole if r.secret else r.value, r.on, r.secret) for r in query)
    shown_query = query_string(masked).replace(hole, MASK)
    shown_url = url[: len(url) - len(query_string(query))] + shown_query

    headers = expanded_rows("headers", profile.headers)
    cookie_rows = expanded_rows("cookies", profile.cookies)
    # A variable's value may hold what the field may not (a line break: an injection).
    for bad in (
        *check_rows(tuple(headers), "headers", "header"),
        *check_rows(tuple(cookie_rows), "cookies", "cookie"),
    ):
        raise RequestError(bad)
    cookies = {r.name: (r.value, r.secret) for r in cookie_rows}
    for name, value in (login_cookies or {}).items():
        cookies[name] = (value, True)
    secrets = {r.value for r in headers if r.secret}
    secrets |= {value for value, secret in cookies.values() if secret}
    secrets |= {r.value for r in query if r.secret and r.on}
    if profile.proxy.password:
        secrets.add(profile.proxy.password)

    if profile.origin is OriginMode.NONE:
        origin: str | None = None
    elif profile.origin is OriginMode.CUSTOM:
        origin = values.get("origin", profile.custom_origin).strip()
    else:
        origin = ""
    return ConnectRequest(
        url=url,
        shown_url=shown_url,
        headers=tuple((r.name, r.value) for r in headers),
        cookies=tuple((name, value) for name, (value, _) in cookies.items()),
        subprotocols=profile.subprotocols,
        origin=origin,
        tls=profile.tls,
        proxy=proxy_route(profile.proxy, url, environ),
        connect_timeout=profile.connect_timeout,
        ping_interval=profile.ping_interval,
        secret_values=frozenset(s for s in secrets if s),
    )
