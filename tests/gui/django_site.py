"""A small real Django site for the login tests, run as a child process.

    python tests/gui/django_site.py DATA_DIR [--debug]

Django's own ``LoginView`` at ``/accounts/login/`` (CSRF on, sessions in SQLite under
DATA_DIR, a user ``alice`` / ``wonderland``), plus pages that reproduce what goes
wrong in the field: ``/nocookie/login/`` (a login form whose page sets no CSRF cookie),
``/badtoken/login/`` (a form whose token is not the cookie's), ``/plain/`` (no form),
``/csrf-page/?reason=...`` (Django's own CSRF failure page for a reason), ``/whoami/``
(the session's user). Prints
``READY <port>`` once it listens on 127.0.0.1; exits when stdin closes.
"""

from __future__ import annotations

import pathlib
import sys
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django
from django.conf import settings

FORM = """<!doctype html><title>Log in</title>
{errors}<form method="post" action="/accounts/login/">
<input type="hidden" name="csrfmiddlewaretoken" value="{token}">
<input type="hidden" name="next" value="/after/">
<input name="username"><input type="password" name="password"><button>Log in</button>
</form>"""
# Django's template of the same form, with the errors the form has after a wrong password.
TEMPLATE = FORM.replace("{token}", "{{ csrf_token }}").replace(
    "{errors}", "{{ form.non_field_errors }}"
)


def configure(data_dir: pathlib.Path, debug: bool) -> None:
    settings.configure(
        DEBUG=debug,
        SECRET_KEY="test-only-" + "x" * 40,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(data_dir / "site.sqlite3"),
            }
        },
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "OPTIONS": {
                    "loaders": [
                        (
                            "django.template.loaders.locmem.Loader",
                            {
                                "registration/login.html": TEMPLATE,
                            },
                        )
                    ],
                },
            }
        ],
        LOGIN_REDIRECT_URL="/after/",
        USE_TZ=True,
    )


def _views() -> list:
    from django.contrib.auth.views import LoginView
    from django.http import HttpResponse
    from django.urls import path
    from django.views.csrf import csrf_failure

    def no_cookie(request):  # the form, but nothing sets the csrftoken cookie
        return HttpResponse(FORM.format(token="A" * 64, errors=""))

    def bad_token(request):  # the cookie is set (get_token), the form's token is another
        from django.middleware.csrf import get_token

        get_token(request)
        return HttpResponse(FORM.format(token="B" * 64, errors=""))

    def plain(request):
        return HttpResponse("<p>no form here</p>")

    def whoami(request):
        return HttpResponse(request.user.username or "anonymous")

    def csrf_page(request):
        return csrf_failure(request, reason=request.GET.get("reason", ""))

    return [
        path("accounts/login/", LoginView.as_view()),
        path("nocookie/login/", no_cookie),
        path("badtoken/login/", bad_token),
        path("plain/", plain),
        path("csrf-page/", csrf_page),
        path("whoami/", whoami),
    ]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _ThreadedServer(WSGIServer):
    daemon_threads = True

    def process_request(self, request, client_address):  # one thread per request
        threading.Thread(target=self._handle, args=(request, client_address), daemon=True).start()

    def _handle(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        finally:
            self.shutdown_request(request)


def main() -> None:
    data_dir = pathlib.Path(sys.argv[1])
    configure(data_dir, "--debug" in sys.argv)
    django.setup()
    global urlpatterns
    urlpatterns = _views()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0, interactive=False)
    if not User.objects.filter(username="alice").exists():
        User.objects.create_user("alice", password="wonderland")
    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=_ThreadedServer, handler_class=_Quiet
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {server.server_port}", flush=True)
    sys.stdin.read()  # until the test (the parent) goes away


urlpatterns: list = []

if __name__ == "__main__":
    main()
