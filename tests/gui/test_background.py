"""Work in threads, outcomes on the GUI thread, for an owner that may go first."""

from __future__ import annotations

import gc
import socket
import threading

from PySide6.QtCore import QObject, Slot
from pytestqt.qtbot import QtBot

from gui.background import BackgroundRunner


class Owner(QObject):
    """A Qt object whose slot is a job's callback (as the history model's are)."""

    def __init__(self) -> None:
        super().__init__()
        self.runner = BackgroundRunner(self)
        self.results: list[object] = []

    @Slot(object)
    def on_done(self, value: object) -> None:
        self.results.append(value)


def test_outcomes_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = Owner()
    errors: list[BaseException] = []
    owner.runner.run(lambda: threading.current_thread().name, owner.on_done)
    owner.runner.run(lambda: 1 / 0, owner.on_done, errors.append)
    qtbot.waitUntil(lambda: len(owner.results) + len(errors) == 2)
    assert owner.results[0] != threading.current_thread().name  # it ran elsewhere
    assert isinstance(errors[0], ZeroDivisionError)


def test_an_owner_dropped_while_its_job_runs_is_deleted_on_the_gui_thread(qtbot: QtBot) -> None:
    """The owner's last reference goes while its job runs: the owner is deleted on the
    GUI thread (at once, or once the job's outcome is handed over), never in the job's
    thread. (When the thread held the callbacks, the owner died with the thread, in it:
    Qt refuses that, and crashes at times.)"""
    owner = Owner()
    release = threading.Event()
    thread = owner.runner.run(release.wait, owner.on_done)
    deleted_in: list[str] = []
    owner.destroyed.connect(lambda: deleted_in.append(threading.current_thread().name))
    del owner
    gc.collect()
    release.set()
    thread.join(5)
    assert not thread.is_alive()
    qtbot.waitUntil(lambda: bool(deleted_in))
    assert deleted_in == [threading.current_thread().name]


class SlowWake:
    """The runner's wake-up socket, holding the job's thread after it woke the GUI."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.go = threading.Event()

    def send(self, data: bytes) -> int:
        sent = self.sock.send(data)
        self.go.wait(5)
        return sent


def test_the_jobs_thread_does_not_hold_the_owner_after_the_outcome(qtbot: QtBot) -> None:
    """The outcome is handed over and the owner dropped while the job's thread has not
    ended yet: the owner is deleted here, not when that thread ends."""
    owner = Owner()
    slow = SlowWake(owner.runner._wake_w)
    owner.runner._wake_w = slow  # type: ignore[assignment]
    thread = owner.runner.run(lambda: 42, owner.on_done)
    results = owner.results
    qtbot.waitUntil(lambda: results == [42])  # its thread waits in send() meanwhile
    deleted_in: list[str] = []
    owner.destroyed.connect(lambda: deleted_in.append(threading.current_thread().name))
    del owner
    gc.collect()
    slow.go.set()
    thread.join(5)
    qtbot.waitUntil(lambda: bool(deleted_in))
    assert deleted_in == [threading.current_thread().name]
