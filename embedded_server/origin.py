"""Origin policy for WebSocket handshakes.

A browser always sends ``Origin``; a page on another site must not reach the server, so
an ``Origin`` whose host is not in ``ALLOWED_HOSTS`` is refused. Non-browser clients
(Tsushin, wscat, Insomnia, scripts) usually send no ``Origin`` at all: those are let
through. Channels' stock ``AllowedHostsOriginValidator`` refuses both (channels #2062).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import ParseResult

from channels.security.websocket import OriginValidator
from django.conf import settings

logger = logging.getLogger("embedded_server.ws")


class BrowserOriginValidator(OriginValidator):
    """``OriginValidator`` that accepts handshakes without an ``Origin`` header and
    logs why it refused the others."""

    def valid_origin(self, parsed_origin: ParseResult | None) -> bool:
        if parsed_origin is None:
            return True
        if self.validate_origin(parsed_origin):
            return True
        logger.warning(
            "handshake refused: Origin is not an allowed host (set DJANGO_ALLOWED_HOSTS)",
            extra={
                "event": "ws.refused",
                "origin": parsed_origin.geturl(),
                "allowed": ",".join(self.allowed_origins),
            },
        )
        return False


def allowed_hosts_origin_validator(application: Any) -> BrowserOriginValidator:
    """Wrap ``application`` with the origin policy, allowing ``settings.ALLOWED_HOSTS``."""
    return BrowserOriginValidator(application, list(settings.ALLOWED_HOSTS))
