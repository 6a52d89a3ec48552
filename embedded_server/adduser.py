"""``python -m embedded_server adduser NAME --password-stdin [--data-dir DIR]``.

Adds a user who can log in at ``/accounts/login/`` (and so use ``/private/``), making
and migrating the database first if needed. Exit code 0 when the user was added, 1 when
refused (no password, a name Django does not allow, a user of that name exists).
"""

from __future__ import annotations

import argparse
import os
import sys


def adduser_main(argv: list[str]) -> int:
    """``adduser NAME --password-stdin [--data-dir DIR]``: exit 0 made, 1 refused."""
    parser = argparse.ArgumentParser(
        prog="python -m embedded_server adduser",
        description="Add a user who can log in at /accounts/login/ (and use /private/).",
    )
    parser.add_argument("name")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password from the first line of standard input",
    )
    parser.add_argument("--data-dir", help="the server's data folder (default: app data)")
    args = parser.parse_args(argv)
    if args.data_dir:
        os.environ["TSUSHIN_DATA_DIR"] = args.data_dir
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("error: no password on standard input", file=sys.stderr)
        return 1
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embedded_server.settings")
    import django

    django.setup(set_prefix=False)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.validators import UnicodeUsernameValidator
    from django.core.exceptions import ValidationError

    from embedded_server import database

    try:
        UnicodeUsernameValidator()(args.name)
    except ValidationError as error:
        print(f"error: user name {args.name!r}: {' '.join(error.messages)}", file=sys.stderr)
        return 1
    database.migrate(settings.TSUSHIN_DATABASE_PATH)
    users = get_user_model()
    if users.objects.filter(username=args.name).exists():
        print(f"error: user {args.name} exists already", file=sys.stderr)
        return 1
    users.objects.create_user(args.name, password=password)
    print(f"user {args.name} added ({settings.TSUSHIN_DATABASE_PATH})")
    return 0
