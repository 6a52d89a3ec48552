"""HTTP routes of the embedded server (WebSocket routes are in ``asgi``)."""

from __future__ import annotations

from django.urls import path

from embedded_server import views

urlpatterns = [
    path("healthz", views.healthz),
    path("healthz/", views.healthz),
]

handler400 = "embedded_server.views.bad_request"
handler404 = "embedded_server.views.not_found"
handler500 = "embedded_server.views.server_error"
