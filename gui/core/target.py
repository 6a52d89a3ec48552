"""Where to connect: the embedded server or a remote ``ws``/``wss`` address."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_PATH = "/websock1-2/"
DEFAULT_PORT = 8000
# Seconds for each step of opening a connection: TCP connect, TLS handshake, HTTP upgrade.
DEFAULT_CONNECT_TIMEOUT = 5.0
MIN_CONNECT_TIMEOUT = 0.5
MAX_CONNECT_TIMEOUT = 300.0


class ServerMode(enum.StrEnum):
    """Which server the client talks to."""

    EMBEDDED = "embedded"
    REMOTE = "remote"


@dataclass(frozen=True, slots=True)
class RemoteAddress:
    """A remote WebSocket endpoint: scheme, host, port and path."""

    scheme: str = "ws"
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    path: str = DEFAULT_PATH

    @property
    def url(self) -> str:
        """The address as a ``ws://host:port/path`` URL."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        path = self.path if self.path.startswith("/") else "/" + self.path
        return f"{self.scheme}://{host}:{self.port}{path}"


def parse_url(url: str) -> RemoteAddress | None:
    """Parse a ``ws``/``wss`` URL back into an address; ``None`` if it is not one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        return None
    if port is None:
        port = 443 if parts.scheme == "wss" else 80
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return RemoteAddress(parts.scheme, parts.hostname, port, path)


def remember(recent: list[str], url: str, limit: int = 10) -> list[str]:
    """Put ``url`` first in the recent list, without duplicates, at most ``limit``."""
    return [url, *[u for u in recent if u != url]][:limit]
