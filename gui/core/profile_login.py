"""A Django login for a profile: with the profile's TLS options and proxy, and the
cookie-scope check against the profile's WebSocket URL.

The login dialog (``loginUrlEdit``, ``usernameEdit``, ``passwordEdit``) gives what the
user typed; :func:`login_for_profile` logs in (blocking: run it off the GUI thread, as
:class:`gui.net.login.LoginTask` does) and returns the
:class:`~gui.core.django_login.LoginResult`, whose cookies the connection controller
then sends in every handshake (``ConnectionController.set_login_cookies``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from gui.core.django_login import LoginResult, django_login
from gui.core.profile import Profile
from gui.core.proxy import proxy_route
from gui.core.target import ServerMode


def default_login_url(profile: Profile, embedded_url: str | None = None) -> str:
    """Where Django's login page usually is for this profile's server:
    ``http(s)://host:port/accounts/login/``."""
    url = profile.url(_base(profile, embedded_url))
    parts = urlsplit(url)
    scheme = "https" if parts.scheme == "wss" else "http"
    return f"{scheme}://{parts.netloc}/accounts/login/"


def _base(profile: Profile, embedded_url: str | None) -> str | None:
    if profile.server is ServerMode.EMBEDDED and embedded_url:
        parts = urlsplit(embedded_url)
        return f"{parts.scheme}://{parts.netloc}"
    return None


def login_for_profile(
    profile: Profile,
    login_url: str,
    username: str,
    password: str,
    *,
    embedded_url: str | None = None,
) -> LoginResult:
    """Log in at ``login_url`` the way a browser does; never raises for network or
    server trouble (the result says what happened)."""
    tls = profile.tls
    verify: bool | str = (tls.ca_file or True) if tls.verify else False
    cert: str | tuple[str, str] | None = None
    if tls.client_cert:
        cert = (tls.client_cert, tls.client_key) if tls.client_key else tls.client_cert
    proxies = None
    route = proxy_route(profile.proxy, profile.url(), None) if profile.proxy.is_set else None
    if route is not None:
        auth = f"{route.user}:{route.password}@" if route.user else ""
        address = f"http://{auth}{route.address}"
        proxies = {"http": address, "https": address}
    ws_url = profile.url(_base(profile, embedded_url))
    return django_login(
        login_url,
        username,
        password,
        ws_url=ws_url,
        verify=verify,
        client_cert=cert,
        proxies=proxies,
        timeout=max(profile.connect_timeout, 5.0),
    )
