"""The server launcher with the real server and with commands that fail."""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from gui.server.launcher import PROJECT_ROOT, ServerLauncher, server_command
from tests import processes
from tests.processes import kill_hard, process_alive


def test_command_from_source_and_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    flags = ["--port", "0", "--exit-with-parent", "--log-level", "info"]
    assert server_command() == [sys.executable, "-m", "embedded_server", *flags]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert server_command() == [sys.executable, "--serve", *flags]
    assert (PROJECT_ROOT / "embedded_server" / "__init__.py").is_file()


@pytest.mark.live
def test_start_ready_stop(qtbot: QtBot) -> None:
    launcher = ServerLauncher()
    lines: list[str] = []
    launcher.logLine.connect(lines.append)
    with qtbot.waitSignal(launcher.ready, timeout=30_000) as blocker:
        launcher.start()
    url = blocker.args[0]
    assert url.startswith("ws://127.0.0.1:") and url.endswith("/websock1-2/")
    assert launcher.url == url and launcher.pid()
    assert f"READY {url}" in lines
    with qtbot.waitSignal(launcher.stopped, timeout=10_000):
        launcher.stop()
    assert not launcher.is_running and launcher.url is None


def test_exit_before_ready_is_a_failure(qtbot: QtBot) -> None:
    code = "import sys; print('port in use', file=sys.stderr); sys.exit(2)"
    launcher = ServerLauncher([sys.executable, "-c", code])
    with qtbot.waitSignal(launcher.failed, timeout=10_000) as blocker:
        launcher.start()
    assert blocker.args == ["embedded server exited before it was ready (exit code 2): port in use"]
    assert not launcher.is_running


def test_missing_program_is_a_failure(qtbot: QtBot, tmp_path) -> None:
    launcher = ServerLauncher([str(tmp_path / "no-such-program")])
    with qtbot.waitSignal(launcher.failed, timeout=10_000) as blocker:
        launcher.start()
    assert blocker.args[0].startswith("could not start the embedded server")


def test_not_ready_in_time(qtbot: QtBot) -> None:
    code = "import sys; sys.stdin.read()"
    launcher = ServerLauncher([sys.executable, "-c", code], ready_timeout_ms=300)
    with qtbot.waitSignal(launcher.failed, timeout=10_000) as blocker:
        launcher.start()
    assert blocker.args == ["embedded server was not ready after 0.3 s"]
    assert not launcher.is_running


HOLDER = """
import pathlib
import sys
from PySide6.QtCore import QCoreApplication
from gui.server.launcher import ServerLauncher
app = QCoreApplication([])
launcher = ServerLauncher()
launcher.ready.connect(lambda url: print(launcher.pid(), flush=True))
launcher.failed.connect(lambda reason: (print(reason, file=sys.stderr), app.exit(1)))
launcher.start()
app.exec()
"""


@pytest.mark.live
def test_server_dies_with_a_killed_gui(qtbot: QtBot) -> None:
    """stdin stays a pipe: when the GUI process is killed outright, the server sees
    end-of-file and exits (no orphan server)."""
    import os
    import subprocess

    holder = processes.spawn(
        [sys.executable, "-c", HOLDER],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert holder.stdout is not None
    server_pid = int(holder.stdout.readline())
    kill_hard(holder.pid)
    holder.wait(10)
    holder.stdout.close()

    qtbot.waitUntil(lambda: not process_alive(server_pid), timeout=10_000)


STUBBORN = """
import signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a server that will not stop when asked
print("READY ws://127.0.0.1:1/websock1-2/", flush=True)
time.sleep(120)
"""


def test_stop_does_not_wait_for_a_server_that_will_not_stop(qtbot: QtBot) -> None:
    launcher = ServerLauncher([sys.executable, "-c", STUBBORN])
    lines: list[str] = []
    launcher.logLine.connect(lines.append)
    with qtbot.waitSignal(launcher.ready, timeout=10_000):
        launcher.start()
    pid = launcher.pid()
    assert pid is not None
    with qtbot.waitSignal(launcher.stopped, timeout=10_000):
        launcher.stop(kill_after_ms=500)
        # stop() has returned while the server still runs: the window is not held up.
        assert process_alive(pid)
        assert not launcher.is_running and launcher.url is None
    assert not process_alive(pid)
    assert lines[-1] == "embedded server exited (it was killed)"
