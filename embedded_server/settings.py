"""Django settings for the embedded server.

Secure by default: DEBUG off, no secret key in the code, hosts from the environment.
Only what login needs is installed: auth, contenttypes and sessions, on SQLite in the
data folder (the echo endpoints never touch it); besides their middleware, nosniff and
the Host check.

Environment:
    TSUSHIN_SECRET_KEY / DJANGO_SECRET_KEY   secret key; a random one per run otherwise.
    DJANGO_ALLOWED_HOSTS                     comma-separated host patterns allowed as
                                             ``Origin`` of a WebSocket handshake and as
                                             ``Host`` of an HTTP request (default:
                                             127.0.0.1, localhost, [::1]; those three
                                             are always allowed as ``Host``).
    TSUSHIN_MAX_MESSAGE_SIZE                 the largest message a client may send, in
                                             bytes (default 1 MiB; ``--max-message-size``
                                             wins when given); a bigger one closes its
                                             connection with 1009 (message too big).
    TSUSHIN_REDIS_URL                        channel layer in Redis (channels_redis), e.g.
                                             redis://127.0.0.1:6379/0; in memory if unset.
    TSUSHIN_LAYER_CAPACITY                   messages a channel holds (default 100).
    TSUSHIN_LAYER_EXPIRY                     seconds a message waits at most (default 60).
    TSUSHIN_PRESENCE_TTL                     seconds after which the room members of a
                                             server that stopped are gone (default 10).
    TSUSHIN_DATA_DIR                         data folder: users and sessions (SQLite) and
                                             the secret key (default: the app-data folder).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from embedded_server import DEFAULT_MAX_MESSAGE_SIZE
from embedded_server.database import DATABASE_NAME, default_data_dir
from embedded_server.layers import DEFAULT_CAPACITY, DEFAULT_EXPIRY, channel_layers_setting

TSUSHIN_DATA_DIR = default_data_dir()
TSUSHIN_DATABASE_PATH = TSUSHIN_DATA_DIR / DATABASE_NAME


def _secret_key() -> str:
    """From the environment, else kept in the data folder (sessions outlive a restart),
    else a new one per run if the folder cannot be written."""
    given = os.environ.get("TSUSHIN_SECRET_KEY") or os.environ.get("DJANGO_SECRET_KEY")
    if given:
        return given
    path = TSUSHIN_DATA_DIR / "server-secret-key"
    try:
        return path.read_text(encoding="ascii").strip() or _new_key(path)
    except FileNotFoundError:
        return _new_key(path)
    except OSError:
        return secrets.token_urlsafe(50)


def _new_key(path: Path) -> str:
    key = secrets.token_urlsafe(50)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        return key
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = False
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The hosts whose pages may open a WebSocket (the Origin policy, embedded_server.origin).
TSUSHIN_ORIGIN_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", ",".join(LOOPBACK_HOSTS)).split(",")
    if host.strip()
]
# The Host header an HTTP request may name (Django's check): those, and the loopback
# names, which a DNS-rebinding page can never send (its Host is the attacker's name)
# and which the Docker health check uses.
ALLOWED_HOSTS = TSUSHIN_ORIGIN_HOSTS + [h for h in LOOPBACK_HOSTS if h not in TSUSHIN_ORIGIN_HOSTS]

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions"]
MIDDLEWARE = [
    # X-Content-Type-Options: nosniff (and Referrer-Policy) on every HTTP response.
    "django.middleware.security.SecurityMiddleware",
    # Checks the Host header against ALLOWED_HOSTS on every HTTP request (a 400 if it
    # is not one of them), so that a DNS-rebinding page cannot read the HTTP endpoints.
    "django.middleware.common.CommonMiddleware",
    "embedded_server.views.DatabaseReadyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": TSUSHIN_DATABASE_PATH}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "OPTIONS": {"context_processors": ["django.contrib.auth.context_processors.auth"]},
    }
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/accounts/whoami/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
ROOT_URLCONF = "embedded_server.urls"
ASGI_APPLICATION = "embedded_server.asgi.application"
USE_TZ = True
USE_I18N = False
# Logging is set up by embedded_server.logs, not by Django's dictConfig.
LOGGING_CONFIG = None


def _message_size_limit() -> int:
    """``TSUSHIN_MAX_MESSAGE_SIZE`` (``--max-message-size`` wins when given)."""
    value = os.environ.get("TSUSHIN_MAX_MESSAGE_SIZE", "").strip()
    if not value:
        return DEFAULT_MAX_MESSAGE_SIZE
    if not value.isdigit() or int(value) < 1:
        raise ImproperlyConfigured(
            f"TSUSHIN_MAX_MESSAGE_SIZE must be a number of bytes (at least 1), not {value!r}"
        )
    return int(value)


TSUSHIN_MAX_MESSAGE_SIZE = _message_size_limit()

TSUSHIN_REDIS_URL = os.environ.get("TSUSHIN_REDIS_URL") or None
TSUSHIN_PRESENCE_TTL = float(os.environ.get("TSUSHIN_PRESENCE_TTL", "10"))
CHANNEL_LAYERS = channel_layers_setting(
    TSUSHIN_REDIS_URL,
    capacity=int(os.environ.get("TSUSHIN_LAYER_CAPACITY", str(DEFAULT_CAPACITY))),
    expiry=int(os.environ.get("TSUSHIN_LAYER_EXPIRY", str(DEFAULT_EXPIRY))),
)
