"""Fixtures for the embedded server's tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embedded_server.settings")

from tests.embedded_server.live import ServerProcess, running_server
from tests.redis_server import RedisServer


@pytest.fixture
def live_server() -> Iterator[ServerProcess]:
    """The real server as a child process on a free port, with connection logging."""
    with running_server("--log-level", "info", "--exit-with-parent") as server:
        yield server


@pytest.fixture(scope="module")
def shared_live_server() -> Iterator[ServerProcess]:
    """One server for a whole module (property tests make many requests)."""
    with running_server("--exit-with-parent") as server:
        yield server


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A real redis-server on a free port, without persistence, stopped afterwards."""
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
