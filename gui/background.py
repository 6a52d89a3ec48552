"""Work in Python threads, results on the GUI thread, for an owner that may go first.

A thread that emits a Qt signal on a widget's object races the widget's deletion
("Signal source has been deleted", or worse). Here the worker threads make no Qt call
at all: a finished job appends its outcome to a deque and writes one byte to a socket
pair; a ``QSocketNotifier``, a child of the runner (itself a child of its owner), reads
it on the GUI thread and calls the job's callback there. Once the owner is deleted the
notifier is gone with it, and late outcomes are dropped without a sound.
"""

from __future__ import annotations

import collections
import contextlib
import socket
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Slot

Outcome = tuple[Callable[[Any], None] | None, Any]


class BackgroundRunner(QObject):
    """Runs functions in daemon threads; calls back on the GUI thread.

    ``run(fn, on_done, on_error)``: ``on_done(fn())``, or ``on_error(exception)`` if it
    raised (without ``on_error`` the exception is re-raised on the GUI thread, so it
    is seen). Callbacks come in the order the jobs finish.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._outcomes: collections.deque[Outcome] = collections.deque()
        self._notifier = QSocketNotifier(self._wake_r.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)
        self.destroyed.connect(self._wake_r.close)

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "background",
    ) -> threading.Thread:
        """Start ``job`` in a thread of its own; return the thread."""
        outcomes, wake = self._outcomes, self._wake_w

        def work() -> None:
            outcome: Outcome
            try:
                outcome = (on_done, job())
            except BaseException as exc:  # handed to the GUI thread, not lost here
                outcome = (on_error, exc) if on_error is not None else (None, exc)
            outcomes.append(outcome)
            with contextlib.suppress(OSError):  # the owner, and its notifier, may be gone
                wake.send(b"\0")

        thread = threading.Thread(target=work, name=name, daemon=True)
        thread.start()
        return thread

    @Slot()
    def _on_notifier_activated(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_r.recv(4096)
        while self._outcomes:
            callback, value = self._outcomes.popleft()
            if callback is None:
                raise value
            callback(value)
