"""Failure reasons and close codes in words."""

from __future__ import annotations

import socket

import websocket

from gui.core.wording import describe_close, describe_connect_error


def test_refused() -> None:
    text = describe_connect_error(ConnectionRefusedError(111, "x"), "192.168.0.5", 8000, 5)
    assert text == "connection refused by 192.168.0.5:8000"


def test_host_not_found() -> None:
    exc = socket.gaierror(-2, "Name or service not known")
    assert describe_connect_error(exc, "nohost.invalid", 80, 5) == "host not found: nohost.invalid"
    wrapped = websocket.WebSocketAddressException(exc)
    assert describe_connect_error(wrapped, "x.invalid", 80, 5) == "host not found: x.invalid"


def test_timeout() -> None:
    exc = websocket.WebSocketTimeoutException("timed out")
    assert describe_connect_error(exc, "h", 1, 5).startswith("timed out after 5 s")


def test_handshake_403() -> None:
    exc = websocket.WebSocketBadStatusException("Handshake status 403", 403)
    text = describe_connect_error(exc, "h", 1, 5)
    assert text == "server rejected the handshake: 403 — check ALLOWED_HOSTS / origin"


def test_close_codes() -> None:
    assert describe_close(1009) == "1009 (message too big)"
    assert describe_close(1000, "bye") == "1000 (normal closure): bye"
    assert describe_close(4001, "custom") == "4001 (application code): custom"
