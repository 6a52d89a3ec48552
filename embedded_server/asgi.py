"""The ASGI application: Django for HTTP, Channels consumers for WebSocket.

``build_application`` makes it; consumers get their options through
``as_asgi(**initkwargs)``. The echo endpoints have no channel layer (the lean loop of
``embedded_server.dispatch``, unaffected by the layer's health); the rooms share one
``RoomHub`` per application, which has the layer.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embedded_server.settings")

from django.core.asgi import get_asgi_application

# Django must be set up before the consumers (which read settings) are imported.
django_http_application = get_asgi_application()

from typing import Any  # noqa: E402

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path, re_path  # noqa: E402

from embedded_server.consumers import (  # noqa: E402
    JsonEchoConsumer,
    RawEchoConsumer,
    UnknownPathConsumer,
)
from embedded_server.layers import NO_CHANNEL_LAYER  # noqa: E402
from embedded_server.origin import allowed_hosts_origin_validator  # noqa: E402
from embedded_server.private import DatabaseGate, PrivateEchoConsumer  # noqa: E402
from embedded_server.rooms.consumer import RoomConsumer  # noqa: E402
from embedded_server.rooms.hub import RoomHub  # noqa: E402

ROOM_PATH = r"^rooms/(?P<room>.*)/$"


def with_user(inner: Any) -> Any:
    """``scope["user"]`` from the Django session cookie (waiting for the database on the
    first start). Only the routes that show users have it: the echo ones never touch
    the database."""
    return DatabaseGate(AuthMiddlewareStack(inner))


def build_websocket_routes(hub: RoomHub) -> list[Any]:
    no_layer = {"channel_layer_alias": NO_CHANNEL_LAYER}
    return [
        path("websock1-2/", JsonEchoConsumer.as_asgi(**no_layer)),
        path("echo/", RawEchoConsumer.as_asgi(**no_layer)),
        path("private/", with_user(PrivateEchoConsumer.as_asgi(**no_layer))),
        re_path(ROOM_PATH, with_user(RoomConsumer.as_asgi(hub=hub, **no_layer))),
        re_path(r"", UnknownPathConsumer.as_asgi()),
    ]


def build_application(hub: RoomHub | None = None) -> ProtocolTypeRouter:
    """The whole server: HTTP views, and the WebSocket routes behind the origin policy."""
    hub = hub or RoomHub(presence_ttl=settings.TSUSHIN_PRESENCE_TTL)
    return ProtocolTypeRouter(
        {
            "http": django_http_application,
            "websocket": allowed_hosts_origin_validator(URLRouter(build_websocket_routes(hub))),
        }
    )


room_hub = RoomHub(presence_ttl=settings.TSUSHIN_PRESENCE_TTL)
websocket_routes = build_websocket_routes(room_hub)
application = build_application(room_hub)
