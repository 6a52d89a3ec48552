"""Not collected by the suite (no ``test_`` prefix): run by ``tests/test_no_orphans.py``
as a test run of its own, which it then kills outright.

It starts a server of every kind the tests start, the way they start them, writes their
process ids to the file named by ``TSUSHIN_ORPHAN_PIDS`` and waits to be killed.
"""

from __future__ import annotations

import json
import os
import pathlib
import threading
import time

import psutil
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.embedded_server.live import running_server
from tests.gui import flood_server
from tests.processes import run_gui
from tests.redis_server import RedisServer


def child_server(parent: int, timeout: float = 60.0) -> int:
    """The process id of the embedded server that process ``parent`` started."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in psutil.Process(parent).children(recursive=True):
            try:
                line = " ".join(child.cmdline())
            except psutil.Error:  # a short-lived helper process that just ended
                continue
            if "embedded_server" in line:
                return child.pid
        time.sleep(0.05)  # a process, not Qt: no signal to wait on
    raise AssertionError(f"process {parent} started no embedded server")


def test_hold_servers(qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path) -> None:
    pids: dict[str, int] = {}
    with qtbot.waitSignal(window.launcher.ready, timeout=60_000):
        window.start_embedded_on_launch()
    pids["the window's embedded server (QProcess)"] = window.launcher.pid() or 0
    with running_server("--log-level", "info") as live:
        pids["a live server (tests/embedded_server)"] = live.process.pid
        flood, _ = flood_server.start(10)
        pids["the flood server (tests/gui/test_flood.py)"] = flood.pid
        redis = RedisServer()
        redis.start()
        assert redis.process is not None
        pids["redis-server (tests/redis_server.py)"] = redis.process.pid
        app = run_gui([], tmp_path / "app")
        pids["python -m gui (tests/gui/test_main.py)"] = app.pid
        pids["the embedded server of python -m gui"] = child_server(app.pid)
        target = pathlib.Path(os.environ["TSUSHIN_ORPHAN_PIDS"])
        target.with_suffix(".tmp").write_text(json.dumps(pids), encoding="utf-8")
        target.with_suffix(".tmp").replace(target)
        threading.Event().wait(120)  # killed long before
