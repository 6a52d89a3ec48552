"""Failure reasons and close codes in words a user understands.

Turns exceptions from the socket layer and WebSocket close codes into short sentences
for the status indicator and the history's system rows. No Qt, no sockets opened here.
"""

from __future__ import annotations

import socket
import ssl

import websocket

CLOSE_CODE_NAMES: dict[int, str] = {
    1000: "normal closure",
    1001: "going away",
    1002: "protocol error",
    1003: "unsupported data",
    1005: "no status code",
    1006: "connection lost",
    1007: "invalid payload",
    1008: "policy violation",
    1009: "message too big",
    1010: "extension required",
    1011: "internal server error",
    1012: "service restart",
    1013: "try again later",
    1015: "TLS handshake failure",
}

HANDSHAKE_HINTS: dict[int, str] = {
    200: "an HTTP server, not a WebSocket endpoint (WSGI instead of ASGI?)",
    400: "check the scheme and path",
    403: "check ALLOWED_HOSTS / origin",
    404: "check the path",
    426: "an HTTP server, not a WebSocket endpoint (WSGI instead of ASGI?)",
    500: "the server failed; see its log",
    502: "a proxy could not reach the server",
    503: "the server is not available",
}


def describe_close(code: int | None, reason: str = "") -> str:
    """``"1009 (message too big): reason"`` style text for a close code."""
    if code is None:
        return "closed without a status code"
    name = CLOSE_CODE_NAMES.get(code, "application code" if code >= 3000 else "unknown code")
    text = f"{code} ({name})"
    reason = reason.strip()
    return f"{text}: {reason}" if reason else text


def _timeout_text(timeout: float) -> str:
    return f"timed out after {timeout:g} s"


# OpenSSL's reasons when the bytes that came back are not TLS at all (plain HTTP).
_NOT_TLS_REASONS = frozenset(
    {"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "HTTP_REQUEST", "PACKET_LENGTH_TOO_LONG"}
)
_TRY_WS = "is it a plain ws:// server? Try ws://"


def describe_connect_error(
    exc: BaseException, host: str, port: int, timeout: float, *, tls_handshake: bool = False
) -> str:
    """Explain why opening a WebSocket to ``host:port`` failed; ``tls_handshake`` says
    that it failed during the TLS handshake of a ``wss`` URL."""
    where = f"{host}:{port}"
    if tls_handshake:
        if isinstance(exc, (TimeoutError, socket.timeout)):
            return f"no TLS handshake came back from {where} within {timeout:g} s: {_TRY_WS}"
        if isinstance(exc, ssl.SSLError) and exc.reason in _NOT_TLS_REASONS:
            return f"{where} did not answer in TLS ({exc.reason}): {_TRY_WS}"
        if isinstance(exc, (ssl.SSLEOFError, ConnectionResetError)):
            return f"{where} closed the connection during the TLS handshake: {_TRY_WS}"
    if isinstance(exc, websocket.WebSocketBadStatusException):
        status = exc.status_code
        hint = HANDSHAKE_HINTS.get(status, "the server did not accept a WebSocket here")
        return f"server rejected the handshake: {status} — {hint}"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection refused by {where}"
    if isinstance(exc, (socket.gaierror, websocket.WebSocketAddressException)):
        return f"host not found: {host}"
    if isinstance(exc, (TimeoutError, socket.timeout, websocket.WebSocketTimeoutException)):
        return f"{_timeout_text(timeout)} waiting for {where}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate of {host} not trusted: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error with {where}: {exc.reason or exc}"
    if isinstance(exc, ConnectionResetError):
        return f"connection reset by {where}"
    if isinstance(exc, websocket.WebSocketConnectionClosedException):
        return f"{where} closed the connection during the handshake"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot connect to {where}: {exc.strerror}"
    text = str(exc) or type(exc).__name__
    return f"cannot connect to {where}: {text}"
