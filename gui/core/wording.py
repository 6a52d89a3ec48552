"""Failure reasons and close codes in words a user understands.

Turns exceptions from the socket layer and WebSocket close codes into short sentences
for the status indicator and the history's system rows. No Qt, no sockets opened here.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Mapping
from typing import ClassVar

import websocket

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome

CLOSE_CODE_NAMES: dict[int, str] = {
    1000: QT_TRANSLATE_NOOP("CloseCode", "normal closure"),
    1001: QT_TRANSLATE_NOOP("CloseCode", "going away"),
    1002: QT_TRANSLATE_NOOP("CloseCode", "protocol error"),
    1003: QT_TRANSLATE_NOOP("CloseCode", "unsupported data"),
    1005: QT_TRANSLATE_NOOP("CloseCode", "no status code"),
    1006: QT_TRANSLATE_NOOP("CloseCode", "connection lost"),
    1007: QT_TRANSLATE_NOOP("CloseCode", "invalid payload"),
    1008: QT_TRANSLATE_NOOP("CloseCode", "policy violation"),
    1009: QT_TRANSLATE_NOOP("CloseCode", "message too big"),
    1010: QT_TRANSLATE_NOOP("CloseCode", "extension required"),
    1011: QT_TRANSLATE_NOOP("CloseCode", "internal server error"),
    1012: QT_TRANSLATE_NOOP("CloseCode", "service restart"),
    1013: QT_TRANSLATE_NOOP("CloseCode", "try again later"),
    1015: QT_TRANSLATE_NOOP("CloseCode", "TLS handshake failure"),
}


NO_STATUS = QT_TRANSLATE_NOOP("CloseCode", "closed without a status code")
_APPLICATION = QT_TRANSLATE_NOOP("CloseCode", "application code")
_UNKNOWN = QT_TRANSLATE_NOOP("CloseCode", "unknown code")


def close_code_name(code: int) -> str:
    """``message too big`` for 1009 (the English; a translation's source text, context
    ``CloseCode``)."""
    return CLOSE_CODE_NAMES.get(code, _APPLICATION if code >= 3000 else _UNKNOWN)


def describe_close(code: int | None, reason: str = "") -> str:
    """``"1009 (message too big): reason"`` style text for a close code."""
    if code is None:
        return NO_STATUS
    name = close_code_name(code)
    text = f"{code} ({name})"
    reason = reason.strip()
    return f"{text}: {reason}" if reason else text


class ConnectError(Outcome):
    """Why opening a WebSocket failed, in a few words for the status line."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "tls_timeout": QT_TRANSLATE_NOOP(
            "ConnectError",
            "no TLS handshake came back from {where} within {timeout:g} s: is it a plain"
            " ws:// server? Try ws://",
        ),
        "not_tls": QT_TRANSLATE_NOOP(
            "ConnectError",
            "{where} did not answer in TLS ({detail}): is it a plain ws:// server? Try ws://",
        ),
        "tls_closed": QT_TRANSLATE_NOOP(
            "ConnectError",
            "{where} closed the connection during the TLS handshake: is it a plain ws://"
            " server? Try ws://",
        ),
        "rejected_http": QT_TRANSLATE_NOOP(
            "ConnectError",
            "server rejected the handshake: {status} — an HTTP server, not a WebSocket"
            " endpoint (WSGI instead of ASGI?)",
        ),
        "rejected_400": QT_TRANSLATE_NOOP(
            "ConnectError", "server rejected the handshake: {status} — check the scheme and path"
        ),
        "rejected_403": QT_TRANSLATE_NOOP(
            "ConnectError",
            "server rejected the handshake: {status} — check ALLOWED_HOSTS / origin",
        ),
        "rejected_404": QT_TRANSLATE_NOOP(
            "ConnectError", "server rejected the handshake: {status} — check the path"
        ),
        "rejected_500": QT_TRANSLATE_NOOP(
            "ConnectError",
            "server rejected the handshake: {status} — the server failed; see its log",
        ),
        "rejected_502": QT_TRANSLATE_NOOP(
            "ConnectError",
            "server rejected the handshake: {status} — a proxy could not reach the server",
        ),
        "rejected_503": QT_TRANSLATE_NOOP(
            "ConnectError",
            "server rejected the handshake: {status} — the server is not available",
        ),
        "rejected": QT_TRANSLATE_NOOP(
            "ConnectError",
            "server rejected the handshake: {status} — the server did not accept a WebSocket here",
        ),
        "refused": QT_TRANSLATE_NOOP("ConnectError", "connection refused by {where}"),
        "host_not_found": QT_TRANSLATE_NOOP("ConnectError", "host not found: {host}"),
        "timeout": QT_TRANSLATE_NOOP(
            "ConnectError", "timed out after {timeout:g} s waiting for {where}"
        ),
        "tls_untrusted": QT_TRANSLATE_NOOP(
            "ConnectError", "TLS certificate of {host} not trusted: {detail}"
        ),
        "tls_error": QT_TRANSLATE_NOOP("ConnectError", "TLS error with {where}: {detail}"),
        "reset": QT_TRANSLATE_NOOP("ConnectError", "connection reset by {where}"),
        "closed": QT_TRANSLATE_NOOP(
            "ConnectError", "{where} closed the connection during the handshake"
        ),
        "other": QT_TRANSLATE_NOOP("ConnectError", "cannot connect to {where}: {detail}"),
        "proxy_refused": QT_TRANSLATE_NOOP(
            "ConnectError", "the proxy {proxy} refused the connection to {where}: {detail}"
        ),
        "proxy_down": QT_TRANSLATE_NOOP(
            "ConnectError", "cannot reach the proxy {proxy}: connection refused"
        ),
        "proxy_unknown": QT_TRANSLATE_NOOP(
            "ConnectError", "cannot reach the proxy {proxy}: host not found"
        ),
    }


# The HTTP statuses a rejected handshake has a hint for (ConnectError's rejected_*).
_REJECTED = {200: "rejected_http", 426: "rejected_http", 400: "rejected_400",
             403: "rejected_403", 404: "rejected_404", 500: "rejected_500",
             502: "rejected_502", 503: "rejected_503"}  # fmt: skip


# OpenSSL's reasons when the bytes that came back are not TLS at all (plain HTTP).
_NOT_TLS_REASONS = frozenset(
    {"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "HTTP_REQUEST", "PACKET_LENGTH_TOO_LONG"}
)


def describe_connect_error(
    exc: BaseException, host: str, port: int, timeout: float, *, tls_handshake: bool = False
) -> str:
    """Explain why opening a WebSocket to ``host:port`` failed, in English (see
    :func:`connect_error` for the value)."""
    return connect_error(exc, host, port, timeout, tls_handshake=tls_handshake).message


def connect_error(
    exc: BaseException, host: str, port: int, timeout: float, *, tls_handshake: bool = False
) -> ConnectError:
    """Why opening a WebSocket to ``host:port`` failed; ``tls_handshake`` says that it
    failed during the TLS handshake of a ``wss`` URL."""
    where = f"{host}:{port}"
    if tls_handshake:
        if isinstance(exc, (TimeoutError, socket.timeout)):
            return ConnectError("tls_timeout", {"where": where, "timeout": timeout})
        if isinstance(exc, ssl.SSLError) and exc.reason in _NOT_TLS_REASONS:
            return ConnectError("not_tls", {"where": where, "detail": exc.reason})
        if isinstance(exc, (ssl.SSLEOFError, ConnectionResetError)):
            return ConnectError("tls_closed", {"where": where})
    if isinstance(exc, websocket.WebSocketBadStatusException):
        status = exc.status_code
        return ConnectError(_REJECTED.get(status, "rejected"), {"status": status})
    if isinstance(exc, ConnectionRefusedError):
        return ConnectError("refused", {"where": where})
    if isinstance(exc, (socket.gaierror, websocket.WebSocketAddressException)):
        return ConnectError("host_not_found", {"host": host})
    if isinstance(exc, (TimeoutError, socket.timeout, websocket.WebSocketTimeoutException)):
        return ConnectError("timeout", {"where": where, "timeout": timeout})
    if isinstance(exc, ssl.SSLCertVerificationError):
        return ConnectError("tls_untrusted", {"host": host, "detail": exc.verify_message})
    if isinstance(exc, ssl.SSLError):
        return ConnectError("tls_error", {"where": where, "detail": str(exc.reason or exc)})
    if isinstance(exc, ConnectionResetError):
        return ConnectError("reset", {"where": where})
    if isinstance(exc, websocket.WebSocketConnectionClosedException):
        return ConnectError("closed", {"where": where})
    if isinstance(exc, OSError) and exc.strerror:
        return ConnectError("other", {"where": where, "detail": exc.strerror})
    return ConnectError("other", {"where": where, "detail": str(exc) or type(exc).__name__})
