"""The server's SQLite database (users and sessions) in the data folder.

On the first start in a folder the database is made and migrated (Django's ``migrate``)
in a background thread, so that the server is READY as fast as before; whatever needs
the database (login, and the session lookup of a handshake or request that carries a
session cookie: ``needs_wait``) waits for it (``wait_ready``); the rest never waits, so
that nothing is held up for as long as a migration takes on a busy machine (daphne drops
a handshake not accepted within 5 s). Once migrated, ``PRAGMA user_version`` holds
``schema_mark()``, so later starts check one integer with the standard library instead
of loading Django's migration graph. Two servers starting at once on the same folder do
not both migrate: an operating-system lock on a file beside the database decides
(``filelock``), and since the system lets go of it when its process ends, a server
killed while migrating holds nobody up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

from filelock import FileLock

logger = logging.getLogger("embedded_server")

DATABASE_NAME = "server.sqlite3"
# Raise when the project's own models or migrations change.
SCHEMA = 1
WAIT_SECONDS = 60.0

# Set unless ``prepare`` is migrating: code that never called it (tests that set the
# database up themselves) does not wait.
_ready = threading.Event()
_ready.set()
_failure: list[str] = []


def default_data_dir() -> Path:
    """The app-data folder, as the desktop app chooses it (``TSUSHIN_DATA_DIR`` wins)."""
    chosen = os.environ.get("TSUSHIN_DATA_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "Tsushin"


def schema_mark() -> int:
    import django

    major, minor = django.VERSION[:2]
    return major * 10000 + minor * 100 + SCHEMA


def _user_version(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(path)) as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return 0


def is_current(path: Path) -> bool:
    return _user_version(path) == schema_mark()


def migrate(path: Path) -> None:
    """Make and migrate the database at ``path`` (Django is set up), once, even with
    several processes trying at the same time."""
    from django.core.management import call_command
    from django.core.management.commands.migrate import Command as Migrate

    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(path.with_name(path.name + ".lock")):  # waits while another migrates
        if not is_current(path):
            # The command object, not its name: looking commands up by name lists a
            # folder, which the frozen app does not have.
            call_command(Migrate(), interactive=False, verbosity=0)
            with contextlib.closing(sqlite3.connect(path)) as db:
                db.execute(f"PRAGMA user_version = {schema_mark()}")
                db.commit()


def prepare(path: Path) -> None:
    """Get the database ready: at once if it is, else in a background thread."""
    _ready.clear()
    _failure.clear()
    if is_current(path):
        _ready.set()
        return

    def run() -> None:
        from django.db import connections

        started = time.monotonic()
        try:
            migrate(path)
        except Exception as error:
            _failure.append(f"{type(error).__name__}: {error}")
            logger.error(
                "cannot prepare the database: login and /private/ are unavailable",
                extra={"event": "db.failed", "path": str(path), "error": _failure[0]},
            )
        else:
            logger.info(
                "database made and migrated",
                extra={"event": "db.ready", "path": str(path),
                       "seconds": round(time.monotonic() - started, 3)},
            )  # fmt: skip
        finally:
            connections.close_all()
            _ready.set()

    threading.Thread(target=run, name="migrate", daemon=True).start()


def ready_now() -> bool:
    return _ready.is_set() and not _failure


def wait_ready_sync(timeout: float = WAIT_SECONDS) -> bool:
    """Block (a worker thread) until the database is ready; False if it failed."""
    return _ready.wait(timeout) and not _failure


async def wait_ready(timeout: float = WAIT_SECONDS) -> bool:
    if _ready.is_set():
        return not _failure
    return await asyncio.to_thread(wait_ready_sync, timeout)


def needs_wait(path: str, cookies: dict[str, str]) -> bool:
    """Whether a request must wait for the database: it goes to ``/accounts/`` or
    carries a session cookie. Anything else (the echo, ``/healthz``, a 404, an
    anonymous member of a room or of ``/private/``) never reads the database."""
    from django.conf import settings

    return path.startswith("/accounts/") or settings.SESSION_COOKIE_NAME in cookies


def mark_ready() -> None:
    """For code that set the database up itself (tests, ``adduser``)."""
    _failure.clear()
    _ready.set()
