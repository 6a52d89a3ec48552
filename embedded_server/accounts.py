"""Django login for the server: ``/accounts/login/``, ``/accounts/logout/``,
``/accounts/whoami/``, and ``python -m embedded_server adduser``.

(``adduser`` is in ``embedded_server.adduser``.) Login is Django's ``LoginView``
(CSRF on) with a small template. Failed logins are
throttled: after ``MAX_FAILURES`` wrong passwords for one user name from one address
in a row (each within ``LOCKOUT_SECONDS`` of the last), further tries are answered at
once, without checking the password, until no try came for that long (a brute-force
guess costs minutes, not hash time).
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, JsonResponse

MAX_FAILURES = 5
LOCKOUT_SECONDS = float(os.environ.get("TSUSHIN_LOGIN_LOCKOUT", "60"))

# (user name, address) -> (failures in a row, time of the last one)
_failures: dict[tuple[str, str], tuple[int, float]] = {}
_failures_lock = threading.Lock()


def _failures_in_a_row(key: tuple[str, str], now: float) -> int:
    count, last = _failures.get(key, (0, 0.0))
    return count if now - last < LOCKOUT_SECONDS else 0


class ThrottledAuthenticationForm(AuthenticationForm):
    """``AuthenticationForm`` that refuses quickly after too many failures."""

    def clean(self) -> dict[str, Any]:
        request = self.request
        address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
        key = (str(self.data.get("username", "")), address)
        now = time.monotonic()
        with _failures_lock:
            count = _failures_in_a_row(key, now)
            if count >= MAX_FAILURES:
                # A try while locked out counts too: guessing on keeps the lock.
                _failures[key] = (count + 1, now)
                raise forms.ValidationError(
                    "Too many failed logins for this user name: "
                    f"try again after {int(LOCKOUT_SECONDS)} s without a try.",
                    code="throttled",
                )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            with _failures_lock:
                _failures[key] = (_failures_in_a_row(key, now) + 1, now)
            raise
        with _failures_lock:
            _failures.pop(key, None)
        return cleaned


class LoginView(auth_views.LoginView):
    template_name = "tsushin/login.html"
    authentication_form = ThrottledAuthenticationForm


def whoami(request: HttpRequest) -> JsonResponse:
    """``{"user": "alice"}`` for a logged-in session, ``{"user": null}`` otherwise."""
    user = request.user
    return JsonResponse({"user": user.get_username() if user.is_authenticated else None})
