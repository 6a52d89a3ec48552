"""The ASGI application: Django for HTTP, Channels consumers for WebSocket."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embedded_server.settings")

from django.core.asgi import get_asgi_application

# Django must be set up before the consumers (which read settings) are imported.
django_http_application = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path, re_path  # noqa: E402

from embedded_server.consumers import (  # noqa: E402
    JsonEchoConsumer,
    RawEchoConsumer,
    UnknownPathConsumer,
)
from embedded_server.origin import allowed_hosts_origin_validator  # noqa: E402

websocket_routes = [
    path("websock1-2/", JsonEchoConsumer.as_asgi()),
    path("echo/", RawEchoConsumer.as_asgi()),
    re_path(r"", UnknownPathConsumer.as_asgi()),
]

application = ProtocolTypeRouter(
    {
        "http": django_http_application,
        "websocket": allowed_hosts_origin_validator(URLRouter(websocket_routes)),
    }
)
