"""WebSocket subprotocol negotiation: ``tsushin.v1`` when the client offers it.

A handshake that offers only subprotocols the server does not speak is accepted with
none (RFC 6455 lets the server pick none; the client then decides whether to go on).
"""

from __future__ import annotations

from typing import Any

TSUSHIN_V1 = "tsushin.v1"
SUPPORTED = (TSUSHIN_V1,)


def choose_subprotocol(scope: dict[str, Any]) -> str | None:
    """The subprotocol to accept for the handshake of ``scope``, or None."""
    offered = scope.get("subprotocols") or ()
    for name in offered:
        if name in SUPPORTED:
            return name
    return None
