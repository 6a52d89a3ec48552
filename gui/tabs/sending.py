"""What a tab sends with: its ``{{variables}}`` and its periodic send.

Every text a tab sends from its editor (or a periodic send, or the library through the
editor) goes through :meth:`TabSending.send`: its variables are expanded by the tab's
own :class:`~gui.core.variables.VariableScope` (so ``{{counter}}`` counts per tab, with
the profile's variables), and the expanded text is what is sent and what the history
shows. A variable that cannot be expanded is refused, naming it, and nothing is sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from gui.core.jsontext import validate_json
from gui.core.periodic import PeriodicSchedule
from gui.core.variables import VariableError, VariableScope
from gui.words import word

SendText = Callable[[str], bool]


class SendRefused(Exception):
    """A text was not sent; the message says why."""


class TabSending(QObject):
    """The tab's variables and its periodic send, over ``send`` (the connection's
    send: True when the frame went out).

    Signals:
        periodicCountChanged(int sent, int limit): a periodic send went out (limit 0:
            until stopped).
        periodicStarted()
        periodicStopped(str reason): the periodic send ended (done, stopped, the
            connection closed, a variable that cannot be expanded).
    """

    periodicCountChanged = Signal(int, int)
    periodicStarted = Signal()
    periodicStopped = Signal(str)

    def __init__(
        self,
        send: SendText,
        profile_variables: Callable[[], Mapping[str, Any]] = dict,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._send = send
        self._profile_variables = profile_variables
        self._clock = clock
        self.scope = VariableScope()
        self._schedule: PeriodicSchedule | None = None
        self._text = ""
        self._last_sent = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)

    # --- one message --------------------------------------------------------------------

    def expand(self, text: str) -> str:
        """``text`` with its variables expanded (a JSON document keeps its layout and
        gets typed values; other text gets text). Raises :class:`SendRefused`."""
        scope = self.scope
        scope.profile = dict(self._profile_variables())
        if "{{" not in text:
            return text
        try:
            if validate_json(text).ok:
                return scope.expand_json_text(text)
            return scope.expand_text(text)
        except VariableError as exc:
            raise SendRefused(word(exc.problem)) from None

    def send(self, text: str) -> str:
        """Expand and send ``text``; return what was sent. Raises :class:`SendRefused`
        (a variable, or no connection) with nothing sent."""
        expanded = self.expand(text)
        if not self._send(expanded):
            raise SendRefused(self.tr("not connected"))
        return expanded

    def check(self, text: str) -> None:
        """Raise :class:`SendRefused` when a variable of ``text`` cannot be expanded
        (nothing is drawn: the counter does not move)."""
        self.scope.profile = dict(self._profile_variables())
        problem = self.scope.first_problem(text)
        if problem is not None:
            raise SendRefused(word(problem))

    # --- periodic send ------------------------------------------------------------------

    @property
    def periodic_running(self) -> bool:
        """True while a periodic send runs."""
        return self._schedule is not None

    @property
    def periodic_sent(self) -> int:
        """Sends made by the periodic send running (or the last one)."""
        return self._last_sent

    def start_periodic(self, text: str, interval_ms: int, limit: int = 0) -> None:
        """Send ``text`` now and every ``interval_ms`` (``limit`` times in all, 0: until
        stopped). Raises :class:`SendRefused` when its variables cannot be expanded."""
        self.stop_periodic(self.tr("started again"))
        self.check(text)
        self._text = text
        self._last_sent = 0
        self._schedule = PeriodicSchedule(self._clock(), max(10, interval_ms) / 1000, limit)
        self.periodicStarted.emit()
        self._on_timer_timeout()

    def stop_periodic(self, reason: str) -> None:
        """Stop the periodic send (if one runs), saying why."""
        if self._schedule is None:
            return
        self._schedule = None
        self._timer.stop()
        self.periodicStopped.emit(reason)

    @Slot()
    def _on_timer_timeout(self) -> None:
        schedule = self._schedule
        if schedule is None:
            return
        due_now = schedule.due(self._clock())
        for _ in range(due_now):
            try:
                self.send(self._text)
            except SendRefused as exc:
                self.stop_periodic(str(exc))
                return
            schedule.sent += 1
            self._last_sent = schedule.sent
        if due_now:
            self.periodicCountChanged.emit(schedule.sent, schedule.limit)
        due = schedule.next_due()
        if due is None:
            self.stop_periodic(self.tr("done"))
            return
        # Armed for the next slot itself: lateness never adds up.
        wait_ms = max(0.0, (due - self._clock()) * 1000)
        self._timer.start(int(wait_ms) if wait_ms == int(wait_ms) else int(wait_ms) + 1)
