"""Fixtures for the network tests: a controller with the real client, and a way to
connect it from a profile and wait for the outcome."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.diagnosis import HandshakeCause, HandshakeFailure
from gui.core.handshake import ConnectionInfo
from gui.core.profile import Profile
from gui.core.records import MessageRecord
from gui.models.inbox import RecordInbox
from gui.net.client import WebSocketClient
from gui.net.controller import ConnectionController
from gui.server.launcher import ServerLauncher
from tests import processes
from tests.embedded_server.live import ServerProcess, running_server

DONE = (ConnectionState.CONNECTED, ConnectionState.ERROR, ConnectionState.DISCONNECTED)


@dataclass
class Link:
    """A controller driven by a test, with everything it reported."""

    qtbot: QtBot
    controller: ConnectionController
    inbox: RecordInbox
    rows: list[MessageRecord] = field(default_factory=list)
    infos: list[ConnectionInfo | None] = field(default_factory=list)
    protocols: list[str] = field(default_factory=list)
    failures: list[HandshakeFailure] = field(default_factory=list)
    refusals: list[HandshakeCause] = field(default_factory=list)

    def connect(self, profile: Profile) -> ConnectionState:
        """Connect from ``profile``; wait until connected or failed."""
        self.controller.connect_profile(profile.replace(auto_reconnect=False))
        self.qtbot.waitUntil(lambda: self.controller.state in DONE, timeout=15_000)
        return self.controller.state

    def drain(self) -> list[MessageRecord]:
        self.rows.extend(self.inbox.drain(10_000))
        return self.rows

    def texts(self) -> list[str]:
        return [r.text for r in self.drain()]

    def wait_for_text(self, part: str, timeout: int = 10_000) -> str:
        def found() -> bool:
            return any(part in text for text in self.texts())

        self.qtbot.waitUntil(found, timeout=timeout)
        return next(text for text in self.texts() if part in text)


@pytest.fixture
def link(qtbot: QtBot) -> Iterator[Link]:
    inbox = RecordInbox()
    client = WebSocketClient(inbox, ping_interval=60.0)
    launcher = ServerLauncher()  # never started: the profiles here are remote
    controller = ConnectionController(client, launcher, inbox)
    made = Link(qtbot, controller, inbox)
    controller.connectionInfoChanged.connect(made.infos.append)
    controller.negotiatedProtocolChanged.connect(made.protocols.append)
    controller.handshakeFailed.connect(made.failures.append)
    controller.userRefused.connect(made.refusals.append)
    yield made
    controller.shutdown()
    client.wait_finished()
    drop_qt_objects(made, controller, client, launcher)


def drop_qt_objects(*objects: object) -> None:
    """Let go of a test's QObjects here, in the GUI thread: left to the cyclic garbage
    collector, they could be destroyed in whatever thread it runs in (a socket or
    server thread), which Qt does not allow."""
    for obj in objects:
        if hasattr(obj, "__dict__"):
            vars(obj).clear()
    del objects
    gc.collect()


PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The embedded server on a data folder with the user alice (``adduser``)."""
    data = tmp_path_factory.mktemp("server-data")
    adding = processes.spawn(
        [sys.executable, "-m", "embedded_server", "adduser", "alice", "--password-stdin",
         "--data-dir", str(data)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _, stderr = adding.communicate(PASSWORD + "\n", timeout=120)
    assert adding.returncode == 0, stderr
    with running_server("--data-dir", str(data)) as server:
        yield server
