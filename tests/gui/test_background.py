"""Work in threads, outcomes on the GUI thread, for an owner that may go first."""

from __future__ import annotations

import gc
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


def test_a_running_job_does_not_keep_its_owner_alive(qtbot: QtBot) -> None:
    """The owner goes while its job runs: it is deleted here, on the GUI thread, and
    the job's end reports to nobody. (When the thread held the callbacks, the owner
    died with the thread, in it: Qt refuses that, and crashes at times.)"""
    owner = Owner()
    release = threading.Event()
    thread = owner.runner.run(release.wait, owner.on_done)
    deleted_in: list[str] = []
    owner.destroyed.connect(lambda: deleted_in.append(threading.current_thread().name))
    del owner
    gc.collect()
    assert deleted_in == [threading.current_thread().name]
    release.set()
    thread.join(5)
    assert not thread.is_alive()
