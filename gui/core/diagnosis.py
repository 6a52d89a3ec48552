"""Handshakes that explain themselves: what was sent, what came back, and the likely cause.

:func:`diagnose_failure` turns the exception of a failed handshake into a
:class:`HandshakeFailure`: the :class:`~gui.core.handshake.SentHandshake` (URL, Origin,
subprotocols, header names: never a secret value), the :class:`HandshakeReply` (status,
``Server`` header, the first bytes of the body) and a :class:`HandshakeCause` (a code
with data and an English default wording), the things people ask about in every thread
about Channels 403s: ``ALLOWED_HOSTS``/``AllowedHostsOriginValidator``, a path the ASGI
router does not know, a WSGI server where an ASGI one should be, an untrusted
certificate, a ``wss`` URL on a plain port, a proxy that refuses. :func:`diagnose_close`
does the same for a consumer that accepts and at once closes with 4401/4403 (login).
"""

from __future__ import annotations

import dataclasses
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

import websocket

from gui.core.handshake import ConnectRequest, SentHandshake
from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, shorten
from gui.core.profile import Profile
from gui.core.profile_check import check_profile
from gui.core.wording import ConnectError, connect_error

BODY_HEAD_BYTES = 300
# A close this soon after the handshake is the consumer's answer to the handshake.
SOON_AFTER_ACCEPT_S = 5.0
_NOT_TLS_REASONS = frozenset(
    {"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "HTTP_REQUEST", "PACKET_LENGTH_TOO_LONG"}
)


# Causes found before any TLS or HTTP exchange: the short reason says it all.
NETWORK_CAUSES = frozenset({"refused", "host_not_found", "timeout", "network", "proxy_unreachable"})


class HandshakeCause(Outcome):
    """The likely cause of a failed handshake (or of a refusal right after it)."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "origin_refused": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the server refused the handshake with Origin {origin}: most "
            "often its host {origin_host} is not in Django's ALLOWED_HOSTS, which Channels' "
            "AllowedHostsOriginValidator checks (add it there, or send another Origin or none "
            "from this profile); daphne answers 403 too when no route matches the path "
            "(URLRouter) or the consumer closes in connect()",
        ),
        "origin_required": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the server refuses clients that send no Origin (Channels' "
            "AllowedHostsOriginValidator / OriginValidator): send the server's own address",
        ),
        "forbidden": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the server refused the handshake (403): a middleware or the "
            "consumer's connect() rejected it",
        ),
        "unauthorized": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the server wants credentials (401): a token in a header or the query, or a login",
        ),
        "no_route": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "no WebSocket route at {path}: the ASGI router (URLRouter in "
            "routing.py / asgi.py) has no pattern for it; check the path and its trailing slash",
        ),
        "not_websocket": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "an HTTP server answered ({status}), not a WebSocket endpoint: "
            "the site runs under WSGI (gunicorn, or runserver without daphne/channels) "
            "instead of ASGI, or {path} is an ordinary page",
        ),
        "bad_gateway": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "a proxy or load balancer in front of the server answered "
            "{status}: it cannot reach the ASGI server or does not pass WebSocket upgrades on",
        ),
        "server_error": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the server failed while handling the handshake ({status}): see "
            "its log (an exception in a middleware or in the consumer's connect())",
        ),
        "rejected": QT_TRANSLATE_NOOP(
            "HandshakeCause", "the server answered {status} instead of accepting the WebSocket"
        ),
        "not_a_handshake": QT_TRANSLATE_NOOP(
            "HandshakeCause", "the server answered 101 but not as a WebSocket server does"
        ),
        "subprotocol_not_offered": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the server chose subprotocol {chosen}, which was not offered (offered: {offered})",
        ),
        "tls_untrusted": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the server's certificate is not trusted ({detail}): a "
            "self-signed or development certificate, or an unknown CA; give this profile "
            "the CA file, or turn verification off for it",
        ),
        "tls_wrong_host": QT_TRANSLATE_NOOP(
            "HandshakeCause", "the server's certificate is for another host ({detail})"
        ),
        "not_tls": QT_TRANSLATE_NOOP(
            "HandshakeCause", "no TLS at {where}: it looks like a plain ws:// server; try ws://"
        ),
        "tls_error": QT_TRANSLATE_NOOP(
            "HandshakeCause", "the TLS handshake with {where} failed ({detail})"
        ),
        "tls_files": QT_TRANSLATE_NOOP(
            "HandshakeCause", "cannot use the TLS files of this profile: {detail}"
        ),
        "client_cert_refused": QT_TRANSLATE_NOOP(
            "HandshakeCause", "the server refused the client certificate ({detail})"
        ),
        "proxy_refused": QT_TRANSLATE_NOOP(
            "HandshakeCause", "the proxy {proxy} refused to open a tunnel to {where} ({detail})"
        ),
        "proxy_login": QT_TRANSLATE_NOOP(
            "HandshakeCause", "the proxy {proxy} wants a login (407): give the user and password"
        ),
        "proxy_unreachable": QT_TRANSLATE_NOOP(
            "HandshakeCause", "cannot reach the proxy {proxy}: {detail}"
        ),
        "refused": QT_TRANSLATE_NOOP(
            "HandshakeCause", "nothing accepts connections at {where} (is the server running?)"
        ),
        "host_not_found": QT_TRANSLATE_NOOP("HandshakeCause", "host not found: {host}"),
        "timeout": QT_TRANSLATE_NOOP(
            "HandshakeCause", "no answer from {where} within {timeout:g} s"
        ),
        "network": QT_TRANSLATE_NOOP("HandshakeCause", "{detail}"),
        "login_required": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the consumer accepted the handshake and closed it at once "
            "with {code} ({reason}): it refused an anonymous user; log in (Django login) so "
            "that the session cookie goes with the handshake",
        ),
        "user_refused": QT_TRANSLATE_NOOP(
            "HandshakeCause",
            "the consumer accepted the handshake and closed it at once with "
            "{code} ({reason}), although cookies were sent ({cookies}): the session may have "
            "expired, be for another site or port, or this user is not allowed",
        ),
    }


@dataclass(frozen=True, slots=True)
class HandshakeReply:
    """What came back: the HTTP status, the ``Server`` header, the head of the body."""

    status: int
    reason: str = ""
    server: str | None = None
    content_type: str | None = None
    body_head: str = ""

    def describe(self) -> str:
        """``403 Forbidden, Server: daphne, body: ...``."""
        parts = [f"{self.status} {self.reason}".strip()]
        if self.server:
            parts.append(f"Server: {self.server}")
        if self.body_head:
            parts.append(f"body: {self.body_head}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class HandshakeFailure:
    """A failed handshake explained. ``reason`` is the short text for the status line
    (in English; ``why`` is the same as a value, when it is not the cause's wording)."""

    sent: SentHandshake
    cause: HandshakeCause
    reason: str
    reply: HandshakeReply | None = None
    why: ConnectError | None = None

    @property
    def reached_server(self) -> bool:
        """False when nothing got as far as TLS or HTTP (refused, host not found...)."""
        return self.cause.code not in NETWORK_CAUSES

    def describe(self) -> str:
        """The history's row: the short reason; then, once the handshake got as far as
        TLS or HTTP, the likely cause, what was sent and what came back."""
        if not self.reached_server:
            return self.reason
        received = self.reply.describe() if self.reply else "no HTTP answer"
        return "\n".join(
            [
                self.reason,
                f"likely cause: {self.cause.message}",
                f"sent: {self.sent.describe()}",
                f"received: {received}",
            ]
        )


def _body_head(body: bytes | None) -> str:
    if not body:
        return ""
    cut = body[:BODY_HEAD_BYTES].decode("utf-8", errors="replace")
    return shorten(cut, 200)


def reply_of(exc: websocket.WebSocketBadStatusException) -> HandshakeReply:
    """The reply carried by websocket-client's bad-status exception (it reads the body
    when the server gave its length)."""
    headers = {str(k).lower(): str(v) for k, v in (exc.resp_headers or {}).items()}
    return HandshakeReply(
        status=exc.status_code,
        reason=exc.status_message or "",
        server=headers.get("server"),
        content_type=headers.get("content-type"),
        body_head=_body_head(exc.resp_body),
    )


def _status_cause(request: ConnectRequest, reply: HandshakeReply) -> HandshakeCause:
    status = reply.status
    path = urlsplit(request.url).path or "/"
    origin = request.sent_origin
    if status == 403:
        if origin:
            host = urlsplit(origin).hostname or origin
            return HandshakeCause("origin_refused", {"origin": origin, "origin_host": host})
        return HandshakeCause("origin_required", {})
    if status == 401:
        return HandshakeCause("unauthorized", {})
    if status == 404:
        return HandshakeCause("no_route", {"path": path})
    if status in (200, 426) or 300 <= status < 400:
        return HandshakeCause("not_websocket", {"status": status, "path": path})
    if status in (502, 503, 504):
        return HandshakeCause("bad_gateway", {"status": status})
    if status >= 500:
        return HandshakeCause("server_error", {"status": status})
    return HandshakeCause("rejected", {"status": status})


def _tls_cause(exc: ssl.SSLError, where: str) -> HandshakeCause:
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = exc.verify_message or str(exc)
        # 62: host name mismatch, 64: IP address mismatch (OpenSSL's X509_V_ERR_*).
        if exc.verify_code in (62, 64) or "mismatch" in detail.lower():
            return HandshakeCause("tls_wrong_host", {"detail": detail})
        return HandshakeCause("tls_untrusted", {"detail": detail})
    reason = exc.reason or str(exc)
    if reason in _NOT_TLS_REASONS:
        return HandshakeCause("not_tls", {"where": where})
    if "CERTIFICATE_REQUIRED" in reason or "BAD_CERTIFICATE" in reason:
        return HandshakeCause("client_cert_refused", {"detail": reason})
    return HandshakeCause("tls_error", {"where": where, "detail": reason})


def diagnose_failure(
    exc: BaseException, request: ConnectRequest, *, in_tls_handshake: bool = False
) -> HandshakeFailure:
    """Explain the exception of a failed ``websocket.connect`` for ``request``;
    ``in_tls_handshake`` says that it came during the TLS handshake."""
    parts = urlsplit(request.url)
    host = parts.hostname or request.url
    port = parts.port or (443 if request.secure else 80)
    where = f"{host}:{port}"
    timeout = request.connect_timeout
    why = connect_error(exc, host, port, timeout, tls_handshake=in_tls_handshake)
    sent = request.sent()
    reply = None
    proxy = request.proxy.address if request.proxy else None
    cause: HandshakeCause
    if isinstance(exc, websocket.WebSocketBadStatusException):
        reply = reply_of(exc)
        reply = dataclasses.replace(reply, body_head=request.redact(reply.body_head))
        cause = _status_cause(request, reply)
    elif isinstance(exc, websocket.WebSocketProxyException):
        detail = str(exc)
        if "407" in detail:
            cause = HandshakeCause("proxy_login", {"proxy": proxy})
        else:
            cause = HandshakeCause(
                "proxy_refused", {"proxy": proxy, "where": where, "detail": detail}
            )
        why = ConnectError("proxy_refused", {"proxy": proxy, "where": where, "detail": detail})
    elif proxy and isinstance(
        exc, (ConnectionRefusedError, socket.gaierror, websocket.WebSocketAddressException)
    ):
        detail = (
            "connection refused" if isinstance(exc, ConnectionRefusedError) else "host not found"
        )
        cause = HandshakeCause("proxy_unreachable", {"proxy": proxy, "detail": detail})
        refused = isinstance(exc, ConnectionRefusedError)
        why = ConnectError("proxy_down" if refused else "proxy_unknown", {"proxy": proxy})
    elif in_tls_handshake and isinstance(
        exc, (TimeoutError, socket.timeout, ssl.SSLEOFError, ConnectionResetError)
    ):
        cause = HandshakeCause("not_tls", {"where": where})
    elif isinstance(exc, ssl.SSLError):
        cause = _tls_cause(exc, where)
    elif isinstance(exc, ConnectionRefusedError):
        cause = HandshakeCause("refused", {"where": where})
    elif isinstance(exc, (socket.gaierror, websocket.WebSocketAddressException)):
        cause = HandshakeCause("host_not_found", {"host": host})
    elif isinstance(exc, (TimeoutError, socket.timeout, websocket.WebSocketTimeoutException)):
        cause = HandshakeCause("timeout", {"where": where, "timeout": timeout})
    elif isinstance(exc, websocket.WebSocketException) and "Invalid WebSocket Header" in str(exc):
        cause = HandshakeCause("not_a_handshake", {})
    else:
        cause = HandshakeCause("network", {"detail": why.message})
    # No secret of the URL (a token in the query) in what is shown or stored.
    why = ConnectError(
        why.code, {k: request.redact(v) if isinstance(v, str) else v for k, v in why.data.items()}
    )
    return HandshakeFailure(sent, cause, why.message, reply, why)


def tls_files_failure(exc: BaseException, request: ConnectRequest) -> HandshakeFailure:
    """The profile's CA bundle or client certificate could not be loaded: the file
    checks of :mod:`gui.core.profile_check` say which one and why."""
    problems = check_profile(Profile(tls=request.tls))
    if problems:
        detail = problems[0].message
    else:
        detail = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
    cause = HandshakeCause("tls_files", {"detail": detail})
    return HandshakeFailure(request.sent(), cause, cause.message)


def subprotocol_failure(request: ConnectRequest, chosen: str) -> HandshakeFailure:
    """The server picked a subprotocol that was not offered (RFC 6455 4.1: fail)."""
    offered = ", ".join(request.subprotocols) or "none"
    cause = HandshakeCause("subprotocol_not_offered", {"chosen": chosen, "offered": offered})
    reply = HandshakeReply(101, "Switching Protocols")
    return HandshakeFailure(request.sent(), cause, cause.message, reply)


def diagnose_close(
    code: int, reason: str, seconds_open: float, sent: SentHandshake
) -> HandshakeCause | None:
    """Why a consumer closed with 4401/4403 right after it accepted, or None for any
    other close (or one that came later)."""
    if code not in (4401, 4403) or seconds_open > SOON_AFTER_ACCEPT_S:
        return None
    data = {"code": code, "reason": reason or "no reason given"}
    if sent.cookie_names:
        return HandshakeCause("user_refused", {**data, "cookies": ", ".join(sent.cookie_names)})
    return HandshakeCause("login_required", data)
