"""HTTP routes of the embedded server (WebSocket routes are in ``asgi``)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from embedded_server import accounts, views

urlpatterns = [
    path("healthz", views.healthz),
    path("healthz/", views.healthz),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/whoami/", accounts.whoami, name="whoami"),
]

handler400 = "embedded_server.views.bad_request"
handler404 = "embedded_server.views.not_found"
handler500 = "embedded_server.views.server_error"
