"""Command-line options of the rooms, the channel layer and the data folder.

They are handed to Django's settings through the environment, before Django reads its
settings (``embedded_server.settings`` documents each variable), so that a flag and its
variable mean the same thing and a child process started the same way agrees.
"""

from __future__ import annotations

import argparse
import os
from urllib.parse import urlsplit

REDIS_SCHEMES = ("redis", "rediss", "unix")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_dir_argument(parser)
    group = parser.add_argument_group("rooms and channel layer")
    group.add_argument(
        "--redis",
        metavar="URL",
        default=os.environ.get("TSUSHIN_REDIS_URL") or None,
        help="channel layer in Redis (channels_redis), e.g. redis://127.0.0.1:6379/0, so that "
        "several servers share rooms (default: $TSUSHIN_REDIS_URL, else in memory)",
    )
    group.add_argument(
        "--layer-capacity",
        type=int,
        metavar="N",
        help="messages a channel (and a room member's outbox) holds before the layer refuses "
        "more (default: $TSUSHIN_LAYER_CAPACITY or 100)",
    )
    group.add_argument(
        "--layer-expiry",
        type=int,
        metavar="SECONDS",
        help="seconds a message waits in a channel at most (default: $TSUSHIN_LAYER_EXPIRY or 60)",
    )
    group.add_argument(
        "--presence-ttl",
        type=float,
        metavar="SECONDS",
        help="the room members of a server that stopped are removed after this long "
        "(default: $TSUSHIN_PRESENCE_TTL or 10)",
    )


def add_data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="FOLDER",
        help="where users, sessions (SQLite, made on the first start) and the secret key "
        "are kept (default: $TSUSHIN_DATA_DIR, else the app-data folder)",
    )


def apply(args: argparse.Namespace) -> str | None:
    """Put the options into the environment; return an error line if one is invalid."""
    if getattr(args, "data_dir", None):
        os.environ["TSUSHIN_DATA_DIR"] = args.data_dir
    if args.redis:
        scheme = urlsplit(args.redis).scheme
        if scheme not in REDIS_SCHEMES:
            return (
                f"error: --redis {args.redis}: not a Redis URL "
                "(redis://HOST:PORT/DB, rediss://... or unix://PATH)"
            )
        os.environ["TSUSHIN_REDIS_URL"] = args.redis
    for value, name, minimum in (
        (args.layer_capacity, "TSUSHIN_LAYER_CAPACITY", 1),
        (args.layer_expiry, "TSUSHIN_LAYER_EXPIRY", 1),
        (args.presence_ttl, "TSUSHIN_PRESENCE_TTL", 0.5),
    ):
        if value is not None:
            if value < minimum:
                flag = "--" + name.removeprefix("TSUSHIN_").lower().replace("_", "-")
                return f"error: {flag} must be at least {minimum}"
            os.environ[name] = str(value)
    return None


def redis_problem(url: str, timeout: float = 3.0) -> str | None:
    """One line saying why Redis at ``url`` cannot be used, or None if it answers."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError, ValueError) as error:
        return f"error: cannot reach Redis at {url}: {error}"
    return None
