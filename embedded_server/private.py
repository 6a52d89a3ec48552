"""``/private/``: the JSON echo for logged-in users (Django sessions).

Routed behind Channels' ``AuthMiddlewareStack`` (and ``DatabaseGate``, which holds a
handshake with a session cookie while the first start migrates the database). A
logged-in user first gets ``{"type": "whoami", "user": NAME}``, then the echo of
``/websock1-2/``; an anonymous handshake (no session, an expired one, or one of a
deleted user) is accepted and closed at once with code 4401, reason ``login required``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http.cookie import parse_cookie

from embedded_server import database, protocol
from embedded_server.consumers import JsonEchoConsumer

logger = logging.getLogger("embedded_server.ws")

CLOSE_LOGIN_REQUIRED = 4401


class PrivateEchoConsumer(JsonEchoConsumer):
    """``JsonEchoConsumer`` for authenticated users only (see the module docstring)."""

    async def connect(self) -> None:
        await super().connect()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            logger.info(
                "private: login required",
                extra={"event": "ws.login_required", "path": self.scope["path"]},
            )
            await self.close(code=CLOSE_LOGIN_REQUIRED, reason="login required")
            return
        whoami = {"type": "whoami", "user": user.get_username()}
        await self.send(text_data=protocol.encode_reply(whoami, orjson_safe=True))


class DatabaseGate:
    """ASGI middleware: a handshake with a session cookie waits until the database is
    ready before ``inner`` runs (``database.needs_wait``); without one it does not."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if database.needs_wait(scope.get("path", ""), _cookies(scope)):
            await database.wait_ready()
        return await self.inner(scope, receive, send)


def _cookies(scope: dict[str, Any]) -> dict[str, str]:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            return parse_cookie(value.decode("latin-1"))
    return {}
