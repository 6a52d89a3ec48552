"""The connection's states and its reconnect backoff, with no Qt, for the controller
and for the widgets that show them (which must not import ``gui.net``)."""

from __future__ import annotations

import enum


class ConnectionState(enum.Enum):
    """What the connection is doing, as shown by the status indicator."""

    DISCONNECTED = "disconnected"
    STARTING_SERVER = "starting server"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    ERROR = "error"


def backoff_delay(attempt: int, base: float = 0.5, cap: float = 15.0) -> float:
    """Seconds to wait before reconnect attempt ``attempt`` (1, 2, ...)."""
    return min(cap, base * 2 ** max(0, attempt - 1))
