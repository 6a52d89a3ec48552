"""Origin policy for WebSocket handshakes.

A browser always sends ``Origin``; a page on another site must not reach the server, so
an ``Origin`` whose host is not in ``ALLOWED_HOSTS`` is refused. Non-browser clients
(Tsushin, wscat, Insomnia, scripts) usually send no ``Origin`` at all: those are let
through. Channels' stock ``AllowedHostsOriginValidator`` refuses both (channels #2062).
An ``Origin`` that is not written the way a browser writes one is refused too.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import ParseResult

from channels.security.websocket import OriginValidator
from django.conf import settings

logger = logging.getLogger("embedded_server.ws")


# RFC 6454 section 6.2: a browser sends ``scheme "://" host [ ":" port ]`` and nothing
# else (no user, no path, no backslash). urlparse reads more than that, and reads it
# differently from a browser: ``http://evil.example\@127.0.0.1`` is evil.example to a
# browser (the WHATWG parser takes the backslash for a slash) and 127.0.0.1 to urlparse.
# Whatever is not a serialized origin did not come from a browser's own page: refused.
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*\Z")
_HOST_PORT = re.compile(r"(?:[a-z0-9._~-]+|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?\Z", re.IGNORECASE)


def is_serialized_origin(origin: ParseResult) -> bool:
    """Whether ``origin`` is an origin as browsers write it (RFC 6454)."""
    return bool(
        _SCHEME.match(origin.scheme)
        and _HOST_PORT.match(origin.netloc)
        and not (origin.path or origin.params or origin.query or origin.fragment)
    )


class BrowserOriginValidator(OriginValidator):
    """``OriginValidator`` that accepts handshakes without an ``Origin`` header and
    logs why it refused the others."""

    def valid_origin(self, parsed_origin: ParseResult | None) -> bool:
        if parsed_origin is None:
            return True
        if is_serialized_origin(parsed_origin) and self.validate_origin(parsed_origin):
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
    """Wrap ``application`` with the origin policy, allowing the hosts of
    ``DJANGO_ALLOWED_HOSTS`` (``settings.TSUSHIN_ORIGIN_HOSTS``)."""
    return BrowserOriginValidator(application, list(settings.TSUSHIN_ORIGIN_HOSTS))
