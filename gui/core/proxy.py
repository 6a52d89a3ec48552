"""Which HTTP proxy a connection goes through: the profile's, else the environment's.

The environment's rules are websocket-client's own (so that what Tsushin reports is what
the library does): ``https_proxy``/``HTTPS_PROXY`` for ``wss``, ``http_proxy``/
``HTTP_PROXY`` for ``ws`` (lower case first), unless ``no_proxy``/``NO_PROXY`` names the
host: ``*``, the host itself, a network for an IP address (``10.0.0.0/8``), a domain and
its subdomains (``example.com`` or ``.example.com``). A proxy the profile names is always
used, whatever ``NO_PROXY`` says.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from gui.core.profile import ProxySetting


@dataclass(frozen=True, slots=True)
class ProxyRoute:
    """The HTTP proxy a connection goes through, and where that came from."""

    host: str
    port: int
    user: str = ""
    password: str = ""
    from_environment: str | None = None  # the variable's name, e.g. HTTPS_PROXY

    @property
    def address(self) -> str:
        """``host:port``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def _no_proxy_matches(host: str, entries: list[str]) -> bool:
    """websocket-client's NO_PROXY rules: ``*``, the host itself, a network for an IP
    address, a domain and its subdomains (``.example.com`` or ``example.com``)."""
    if "*" in entries or host in entries:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        for entry in entries:
            try:
                if address in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                continue
        return False
    for entry in entries:
        if entry.startswith("."):
            if host.endswith(entry.lstrip(".")):
                return True
        elif host == entry or host.endswith("." + entry):
            return True
    return False


def environment_proxy(url: str, environ: Mapping[str, str] | None = None) -> ProxyRoute | None:
    """The proxy the environment names for ``url``: ``https_proxy``/``HTTPS_PROXY`` for
    ``wss``, ``http_proxy``/``HTTP_PROXY`` for ``ws`` (lower case first), unless
    ``no_proxy``/``NO_PROXY`` names the host."""
    env = os.environ if environ is None else environ
    parts = urlsplit(url)
    host = parts.hostname or ""
    no_proxy = env.get("no_proxy", env.get("NO_PROXY", "")).replace(" ", "")
    if no_proxy and _no_proxy_matches(host, no_proxy.split(",")):
        return None
    key = "https_proxy" if parts.scheme == "wss" else "http_proxy"
    name = key if env.get(key) else key.upper()
    value = env.get(name, "").replace(" ", "")
    if not value:
        return None
    proxy = urlsplit(value if "://" in value else "http://" + value)
    try:
        port = proxy.port or 80
    except ValueError:
        return None
    if not proxy.hostname:
        return None
    user, password = unquote(proxy.username or ""), unquote(proxy.password or "")
    return ProxyRoute(proxy.hostname, port, user, password, from_environment=name)


def proxy_route(
    setting: ProxySetting, url: str, environ: Mapping[str, str] | None = None
) -> ProxyRoute | None:
    """The profile's proxy when it names one, else the environment's."""
    if setting.is_set:
        return ProxyRoute(setting.host, setting.port, setting.user, setting.password)
    return environment_proxy(url, environ)
