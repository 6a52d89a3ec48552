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
import itertools
import socket
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Slot

Callbacks = tuple[Callable[[Any], None], Callable[[BaseException], None] | None]


class BackgroundRunner(QObject):
    """Runs functions in daemon threads; calls back on the GUI thread.

    ``run(fn, on_done, on_error)``: ``on_done(fn())``, or ``on_error(exception)`` if it
    raised (without ``on_error`` the exception is re-raised on the GUI thread, so it
    is seen). Callbacks come in the order the jobs finish.

    The thread holds neither the callbacks (they stay here, on the GUI thread) nor,
    once it has run, the job: callbacks are usually bound to a Qt object, and the last
    reference to a Qt object must not go in another thread (its deletion there is a
    crash: "Socket notifiers cannot be enabled or disabled from another thread").
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._outcomes: collections.deque[tuple[int, bool, Any]] = collections.deque()
        self._callbacks: dict[int, Callbacks] = {}
        self._tokens = itertools.count(1)
        self._notifier = QSocketNotifier(self._wake_r.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)
        self.destroyed.connect(self._wake_r.close)
        # Callbacks still waiting hold the owner: let them go with it.
        self.destroyed.connect(self._callbacks.clear)

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "background",
    ) -> threading.Thread:
        """Start ``job`` in a thread of its own; return the thread."""
        token = next(self._tokens)
        self._callbacks[token] = (on_done, on_error)
        outcomes, wake = self._outcomes, self._wake_w
        box = [job]

        def work() -> None:
            fn = box.pop()
            try:
                outcome = (token, True, fn())
            except BaseException as exc:  # handed to the GUI thread, not lost here
                outcome = (token, False, exc)
            del fn  # the job may hold a Qt object: let the GUI thread have the last word
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
            token, ok, value = self._outcomes.popleft()
            on_done, on_error = self._callbacks.pop(token)
            if ok:
                on_done(value)
            elif on_error is not None:
                on_error(value)
            else:
                raise value
