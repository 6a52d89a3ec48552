"""Connection profiles: where and how a tab connects, as a Qt-free value.

A :class:`Profile` holds everything a handshake needs: the URL (scheme, host, port,
path and query parameters as rows), headers, cookies, subprotocols (offered in order),
the Origin (the server's own address, none, or a custom one), TLS options, an HTTP
proxy (none set: the environment's ``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY``), the
connect timeout, ping interval, auto-reconnect, and variables for ``{{name}}``.

A profile in memory always holds its real values, secrets included. What happens to
secrets on disk is :mod:`gui.core.profile_store`'s business; the JSON form is in
:mod:`gui.core.profile_json`, checks with field-level errors in
:mod:`gui.core.profile_check`.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from gui.core.target import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_PATH,
    DEFAULT_PORT,
    RemoteAddress,
    ServerMode,
)

FORMAT = "tsushin.profile/1"
DEFAULT_PING_INTERVAL = 5.0

# Header, cookie and query names that usually carry a credential: their values are
# marked secret when a row is made with :func:`row` (the user can change it).
_SECRET_NAME = re.compile(
    r"auth|token|secret|passw|session|api[-_]?key|cookie|csrf|bearer|signature|jwt", re.I
)


def looks_secret(name: str) -> bool:
    """Whether a header, cookie or query parameter called ``name`` likely holds a secret."""
    return bool(_SECRET_NAME.search(name))


class OriginMode(enum.StrEnum):
    """What the handshake sends as ``Origin``."""

    SERVER = "server"  # the server's own address, as websocket-client and browsers do
    NONE = "none"
    CUSTOM = "custom"


class Stored(enum.StrEnum):
    """Where a secret value was kept when its profile was saved."""

    KEYRING = "keyring"
    MEMORY = "memory"  # not on disk: gone after a restart, unless entered again
    FILE = "file"  # in the profile file, because the user opted in


@dataclass(frozen=True, slots=True)
class Row:
    """A query parameter, header or cookie: name, value, on/off, and whether the value
    is a secret (masked on screen, kept out of files, history and exports)."""

    name: str
    value: str = ""
    on: bool = True
    secret: bool = False


def row(name: str, value: str = "", on: bool = True) -> Row:
    """A row whose ``secret`` flag is guessed from its name (``Authorization`` is secret)."""
    return Row(name, value, on, looks_secret(name))


@dataclass(frozen=True, slots=True)
class TlsOptions:
    """TLS for ``wss``: verify the server (on by default), a CA bundle file to trust
    instead of the system's, and a client certificate with its key (PEM files)."""

    verify: bool = True
    ca_file: str = ""
    client_cert: str = ""
    client_key: str = ""


@dataclass(frozen=True, slots=True)
class ProxySetting:
    """An HTTP proxy (CONNECT); an empty ``host`` means none is set, so the
    environment's ``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY`` apply."""

    host: str = ""
    port: int = 0
    user: str = ""
    password: str = ""

    @property
    def is_set(self) -> bool:
        """True when the profile names a proxy."""
        return bool(self.host)

    @property
    def address(self) -> str:
        """``host:port`` (IPv6 hosts in brackets), or ``""``."""
        if not self.host:
            return ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def new_profile_id() -> str:
    """A new profile id: also its file name, stable across renames."""
    return uuid.uuid4().hex[:16]


@dataclass(frozen=True, slots=True)
class Profile:
    """A connection profile. ``server`` EMBEDDED connects to the app's own server, on
    whatever port it got, with this profile's path, query and everything else."""

    name: str = "Default"
    id: str = field(default_factory=new_profile_id)
    server: ServerMode = ServerMode.REMOTE
    scheme: str = "ws"
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    path: str = DEFAULT_PATH
    query: tuple[Row, ...] = ()
    headers: tuple[Row, ...] = ()
    cookies: tuple[Row, ...] = ()
    subprotocols: tuple[str, ...] = ()
    origin: OriginMode = OriginMode.SERVER
    custom_origin: str = ""
    tls: TlsOptions = field(default_factory=TlsOptions)
    proxy: ProxySetting = field(default_factory=ProxySetting)
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    ping_interval: float = DEFAULT_PING_INTERVAL
    auto_reconnect: bool = True
    variables: Mapping[str, Any] = field(default_factory=dict)
    secrets_in_file: bool = False  # the user's opt-in where no credential store exists

    def replace(self, **changes: Any) -> Profile:
        """A copy with ``changes`` (``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

    def url(self, base: str | None = None) -> str:
        """The URL as written (variables not expanded), with the query rows that are on.

        ``base`` (``ws://127.0.0.1:PORT``) stands for scheme, host and port: the
        embedded server's address.
        """
        if base is None:
            host = f"[{self.host}]" if ":" in self.host else self.host
            base = f"{self.scheme}://{host}:{self.port}"
        path = self.path if self.path.startswith("/") else "/" + self.path
        return base.rstrip("/") + path + query_string(self.query)

    def with_url(self, url: str) -> Profile:
        """A copy with scheme, host, port, path and query taken from ``url``.

        Raises ValueError for text that is not a ``ws``/``wss`` URL. Query rows already
        in the profile keep their on/off and secret flags when their name comes back.
        """
        parts = urlsplit(url.strip())
        try:
            port = parts.port
        except ValueError:
            raise ValueError(f"bad port in {url!r}") from None
        if parts.scheme not in ("ws", "wss") or not parts.hostname:
            raise ValueError(f"{url!r} is not a ws:// or wss:// URL")
        known = {r.name: r for r in self.query}
        query = []
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            old = known.get(name)
            query.append(Row(name, value, True, old.secret if old else looks_secret(name)))
        return self.replace(
            scheme=parts.scheme,
            host=parts.hostname,
            port=port or (443 if parts.scheme == "wss" else 80),
            path=parts.path or "/",
            query=tuple(query),
        )

    @property
    def secret_rows(self) -> list[tuple[str, str]]:
        """``(key, value)`` of every secret: the keys name them in the credential store."""
        found = [
            (key, item.value)
            for kind, rows in (
                ("query", self.query),
                ("header", self.headers),
                ("cookie", self.cookies),
            )
            for key, item in secret_keys(kind, rows)
        ]
        if self.proxy.password:
            found.append(("proxy:password", self.proxy.password))
        return found


def keyed_rows(kind: str, rows: tuple[Row, ...]) -> list[tuple[str | None, Row]]:
    """Each row with the key of its secret (None for a row that is not secret):
    ``header:Authorization``, then ``header:Authorization#2`` for a second row of that
    name. The keys name the values in the credential store."""
    seen: dict[str, int] = {}
    out: list[tuple[str | None, Row]] = []
    for item in rows:
        if not item.secret:
            out.append((None, item))
            continue
        seen[item.name] = seen.get(item.name, 0) + 1
        count = seen[item.name]
        out.append((f"{kind}:{item.name}" + (f"#{count}" if count > 1 else ""), item))
    return out


def secret_keys(kind: str, rows: tuple[Row, ...]) -> list[tuple[str, Row]]:
    """The secret rows of ``rows`` with their keys (see :func:`keyed_rows`)."""
    return [(key, item) for key, item in keyed_rows(kind, rows) if key is not None]


def query_string(rows: tuple[Row, ...]) -> str:
    """``?a=1&b=2`` of the rows that are on (percent-encoded, ``{{...}}`` kept)."""
    parts = []
    for item in rows:
        if item.on and item.name:
            name = quote(item.name, safe="{}:")
            value = quote(item.value, safe="{}:/")
            parts.append(f"{name}={value}")
    return "?" + "&".join(parts) if parts else ""


def merge_cookies(rows: tuple[Row, ...], cookies: Mapping[str, str]) -> tuple[Row, ...]:
    """``rows`` with ``cookies`` (from a login) put in: same name replaced, new ones
    added at the end, all secret."""
    merged = [Row(r.name, cookies[r.name], True, True) if r.name in cookies else r for r in rows]
    names = {r.name for r in rows}
    merged += [Row(name, value, True, True) for name, value in cookies.items() if name not in names]
    return tuple(merged)


def legacy_profile(
    mode: ServerMode,
    remote: RemoteAddress,
    *,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    auto_reconnect: bool = True,
    name: str = "Default",
) -> Profile:
    """The profile of what a Tsushin without profiles saved in its settings (server
    mode, remote address, connect timeout, auto-reconnect), so nothing is lost."""
    return Profile(
        name=name,
        server=mode,
        scheme=remote.scheme,
        host=remote.host,
        port=remote.port,
        path=remote.path,
        connect_timeout=connect_timeout,
        auto_reconnect=auto_reconnect,
    )


# --- what the profile widgets hold (DESIGN.md "Round 2") ----------------------------------


def parse_subprotocols(text: str) -> tuple[str, ...]:
    """``subprotocolsEdit``'s comma-separated text as names, in order (checked by
    :func:`gui.core.profile_check.check_profile`)."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


def subprotocols_text(names: tuple[str, ...]) -> str:
    """The names as ``subprotocolsEdit`` shows them."""
    return ", ".join(names)


def origin_from_text(text: str) -> tuple[OriginMode, str]:
    """``originEdit``'s text: empty is the server's own address, ``none`` no Origin,
    anything else a custom Origin."""
    value = text.strip()
    if not value:
        return OriginMode.SERVER, ""
    if value.lower() == "none":
        return OriginMode.NONE, ""
    return OriginMode.CUSTOM, value


def origin_text(profile: Profile) -> str:
    """The profile's Origin as ``originEdit`` shows it."""
    if profile.origin is OriginMode.NONE:
        return "none"
    return profile.custom_origin if profile.origin is OriginMode.CUSTOM else ""
