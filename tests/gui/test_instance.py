"""One Tsushin per data folder: a second start hands over to the first (real processes),
a crashed first does not block the next, a busy first is said to be not responding."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.instance import (
    EXIT_NOT_RESPONDING,
    LOCK_FILE,
    Answer,
    InstanceGuard,
    hand_over,
    server_name,
)
from tests.processes import kill_hard, own_process_group, run_gui, stop_signals

WINDOW_UP = "tsushin: data folder"


def wait_for_line(proc: subprocess.Popen, words: str) -> str:
    """Read the process's stderr until a line holding ``words`` (fail if it ends)."""
    assert proc.stderr is not None
    while True:
        line = proc.stderr.readline()
        assert line, f"the app ended before saying {words!r}"
        if words in line:
            return line


def start_first(tmp_path: pathlib.Path) -> tuple[subprocess.Popen, pathlib.Path]:
    proc = run_gui([], tmp_path, creationflags=own_process_group())
    line = wait_for_line(proc, WINDOW_UP)
    return proc, pathlib.Path(line.split(WINDOW_UP, 1)[1].strip())


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(stop_signals()[0])
    assert proc.wait(timeout=30) == 0
    for pipe in (proc.stdout, proc.stderr):
        if pipe is not None:
            pipe.close()


def gui_files(data_dir: pathlib.Path) -> dict[str, int]:
    """The files the window writes (not its server's), with their modification times."""
    names = ("history.sqlite3", "settings.ini", "tabs.json")
    return {p.name: p.stat().st_mtime_ns for p in data_dir.iterdir() if p.name.startswith(names)}


def second_start(tmp_path: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    proc = run_gui(list(args), tmp_path)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_a_second_start_brings_the_first_window_forward(tmp_path: pathlib.Path) -> None:
    first, data_dir = start_first(tmp_path)
    document = tmp_path / "order.json"
    document.write_text('{"order": 42}', encoding="utf-8")

    second = second_start(tmp_path, str(document))

    assert second.returncode == 0, second.stderr
    assert f"already open on the data folder {data_dir}" in second.stderr
    assert "window was brought forward" in second.stderr
    assert WINDOW_UP not in second.stderr  # it never opened a window or the history
    wait_for_line(first, "window brought forward")
    assert first.poll() is None
    stop(first)
    # The file the second start was given went into the first's editor (saved at exit).
    tabs = json.loads((data_dir / "tabs.json").read_text(encoding="utf-8"))
    texts = [tab["editor_text"] for tab in tabs["tabs"]]
    assert '{"order": 42}' in texts


def test_a_crashed_first_does_not_block_the_next_start(tmp_path: pathlib.Path) -> None:
    first, data_dir = start_first(tmp_path)
    kill_hard(first.pid)  # no clean-up: its lock file (and Unix socket) stay behind
    first.wait(timeout=30)
    for pipe in (first.stdout, first.stderr):
        assert pipe is not None
        pipe.close()
    assert (data_dir / LOCK_FILE).is_file()

    again, _ = start_first(tmp_path)  # the stale lock is taken over
    # ... and it listens again: the start after it is handed over to it.
    third = second_start(tmp_path)
    assert third.returncode == 0, third.stderr
    assert "window was brought forward" in third.stderr
    wait_for_line(again, "window brought forward")
    stop(again)


@pytest.mark.skipif(sys.platform == "win32", reason="freezes the first with SIGSTOP (POSIX)")
def test_a_first_that_does_not_answer_is_said_to_be_not_responding(
    tmp_path: pathlib.Path,
) -> None:
    first, data_dir = start_first(tmp_path)
    before = gui_files(data_dir)
    os.kill(first.pid, signal.SIGSTOP)  # a GUI thread stuck in a long job
    try:
        second = second_start(tmp_path)
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert second.returncode == EXIT_NOT_RESPONDING, second.stderr
    assert "is not responding" in second.stderr
    assert WINDOW_UP not in second.stderr
    assert gui_files(data_dir) == before  # the history and settings are untouched
    # The first goes on; it answers the request it found once it runs again.
    wait_for_line(first, "window brought forward")
    assert first.poll() is None
    stop(first)


# --- in the test process ---------------------------------------------------------------


def test_the_server_name_is_the_same_for_every_spelling_of_the_folder(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    name = server_name(tmp_path / "data")
    assert server_name(pathlib.Path("data")) == name
    assert server_name(tmp_path / "data" / ".." / "data") == name
    assert server_name(tmp_path / "other") != name
    assert len(name) < 40  # a Unix socket path has room for about 100 bytes


def test_only_one_guard_holds_a_folder(tmp_path: pathlib.Path, qapp: QApplication) -> None:
    first = InstanceGuard(tmp_path)
    assert first.claim()
    second = InstanceGuard(tmp_path)
    assert not second.claim()
    first.release()
    assert second.claim()
    second.release()


def test_a_holder_that_never_answers_is_not_responding(
    tmp_path: pathlib.Path, qapp: QApplication
) -> None:
    holder = QLockFile(str(tmp_path / LOCK_FILE))
    assert holder.tryLock(0)
    # It listens but never answers: its thread (this one) is blocked in ask_first.
    silent = QLocalServer()
    assert silent.listen(server_name(tmp_path))
    try:
        assert InstanceGuard(tmp_path).ask_first(timeout_ms=600) is Answer.NOT_RESPONDING
    finally:
        silent.close()
    # One that holds the lock and is not listening at all (stuck before it could).
    assert InstanceGuard(tmp_path).ask_first(timeout_ms=300) is Answer.NOT_RESPONDING
    holder.unlock()


def test_hand_over_says_the_first_is_not_responding(
    qapp: QApplication,
    tmp_path: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    holder = QLockFile(str(tmp_path / LOCK_FILE))
    assert holder.tryLock(0)
    guard = InstanceGuard(tmp_path)
    monkeypatch.setattr(guard, "ask_first", lambda path: Answer.NOT_RESPONDING)
    assert hand_over(guard, "") == EXIT_NOT_RESPONDING
    assert "is not responding" in capsys.readouterr().err
    holder.unlock()


def test_a_folder_let_go_meanwhile_is_taken(tmp_path: pathlib.Path, qapp: QApplication) -> None:
    guard = InstanceGuard(tmp_path)
    assert guard.ask_first(timeout_ms=300) is Answer.GONE
    assert guard.owned
    guard.release()


def test_the_first_answers_a_request_and_refuses_garbage(
    tmp_path: pathlib.Path, qtbot: QtBot
) -> None:
    from PySide6.QtNetwork import QLocalSocket

    guard = InstanceGuard(tmp_path)
    assert guard.claim()
    client = QLocalSocket()
    with qtbot.waitSignal(guard.showRequested) as shown:
        client.connectToServer(guard.name)
        client.write(b'{"request": "show", "open": "/tmp/a.json"}\n')
    assert shown.args == ["/tmp/a.json"]
    qtbot.waitUntil(lambda: client.canReadLine())
    assert json.loads(bytes(client.readLine().data())) == {"ok": True}
    client.abort()

    garbage = QLocalSocket()
    with qtbot.assertNotEmitted(guard.showRequested, wait=300):
        garbage.connectToServer(guard.name)
        garbage.write(b"GET / HTTP/1.1\n")
        qtbot.waitUntil(lambda: garbage.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    guard.release()
