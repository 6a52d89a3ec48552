"""Runs a scenario over a tab's connection with the Qt-free engine.

The engine (:class:`~gui.core.engine.ScenarioRun`) does no I/O: :class:`TabScenarioRun`
gives it the tab's send, hands it what the tab receives, and calls
:meth:`~ScenarioRun.advance` from a single-shot timer armed for the time the engine
asks for, so a run never blocks the GUI thread (a repeat of a million runs in slices).

The run uses the tab's connection as it is, and connects it first when it is not
connected (the scenario's ``connect`` section is for the headless runner: in the window,
the tab's profile says where and how). What it sends and receives goes to the tab's
history like anything else the tab sends; what it receives comes from the history
model's ``batchAppended`` (the rows the history drained, on the GUI thread, in order).
When the connection ends, the rows still in the inbox are drained first, so an expect
is not failed for a reply that had arrived.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from gui.core.connection import ConnectionState
from gui.core.engine import ScenarioRun, SendError
from gui.core.records import Direction, MessageRecord, system_record
from gui.core.scenario import missing_environment
from gui.core.scenario_model import Scenario
from gui.core.variables import VariableScope
from gui.tabs.tab import ConnectionTab
from gui.words import word, word_and_details

_TRYING = (
    ConnectionState.STARTING_SERVER,
    ConnectionState.CONNECTING,
    ConnectionState.RECONNECTING,
)


class ScenarioRefused(Exception):
    """The run cannot start; the message says why."""


class TabScenarioRun(QObject):
    """One run of ``scenario`` over ``tab``'s connection (:meth:`start` it once).

    Signals:
        stepStarted(Step step): a step is running.
        stepFinished(StepResult result): a step passed or failed.
        finished(bool passed, str summary): the run is over.
    """

    stepStarted = Signal(object)
    stepFinished = Signal(object)
    finished = Signal(bool, str)

    def __init__(
        self,
        tab: ConnectionTab,
        scenario: Scenario,
        parent: QObject | None = None,
        *,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.tab = tab
        self.scenario = scenario
        self._environ = os.environ if environ is None else environ
        self._run: ScenarioRun | None = None
        self._connecting = False
        self._done = False
        self._started = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def running(self) -> bool:
        """True from :meth:`start` until :attr:`finished`."""
        return (self._connecting or self._run is not None) and not self._done

    @property
    def engine(self) -> ScenarioRun | None:
        """The engine's run (None while the tab connects)."""
        return self._run

    def start(self) -> None:
        """Start the run (connecting the tab first when needed); raise
        :class:`ScenarioRefused` when it cannot start."""
        problem = missing_environment(self.scenario, self._environ)
        if problem is not None:
            raise ScenarioRefused(word(problem))
        controller = self.tab.controller
        controller.stateChanged.connect(self._on_controller_state)
        controller.client.disconnected.connect(self._on_client_disconnected)
        if controller.state is ConnectionState.CONNECTED:
            self._begin()
            return
        self._connecting = True
        if controller.state not in _TRYING:
            self.tab.connect_now()
        if not controller.active:  # the profile was refused: the tab says why
            self._disconnect_all()
            raise ScenarioRefused(
                self.tr("the tab {title} cannot connect: {reason}").format(
                    title=self.tab.title, reason=controller.message
                )
            )

    def stop(self) -> None:
        """Stop the run: the step in progress fails as stopped."""
        if self._done:
            return
        if self._run is None:
            self._end(False, self.tr("stopped before it started"))
            return
        self._run.cancel()
        self._finish()

    # --- the engine's I/O -------------------------------------------------------------------

    def _begin(self) -> None:
        self._connecting = False
        tab = self.tab
        variables: dict[str, Any] = dict(tab.controller.profile.variables)
        variables.update(self.scenario.variables)
        scope = VariableScope(variables, environ=self._environ)
        self._run = ScenarioRun(
            self.scenario.steps,
            scope,
            self._send,
            self.stepFinished.emit,
            started=self.stepStarted.emit,
        )
        self._started = time.monotonic()
        tab.model.batchAppended.connect(self._on_model_batch)
        started = self.tr("scenario {name} started").format(name=self.scenario.name)
        tab.model.inbox.put(system_record(started))
        self._advance()

    def _send(self, text: str) -> None:
        if not self.tab.controller.send(text):
            raise SendError("not connected")

    def _advance(self) -> None:
        run = self._run
        if run is None or self._done:
            return
        wake = run.advance()
        if wake is None:
            self._finish()
            return
        wait_ms = max(0.0, (wake - time.monotonic()) * 1000)
        self._timer.start(int(wait_ms) + (0 if wait_ms == int(wait_ms) else 1))

    def _finish(self) -> None:
        run = self._run
        assert run is not None
        elapsed = time.monotonic() - self._started
        failure = run.failure
        if run.passed:
            summary = self.tr("Passed: {steps} steps in {seconds} s").format(
                steps=f"{run.executed:,}", seconds=f"{elapsed:.2f}"
            )
        elif failure is not None:
            summary = self.tr("Failed at step {step}{where}: {reason}").format(
                step=failure.step.title,
                where=f" {failure.where}" if failure.where else "",
                reason=word_and_details(failure.outcome),
            )
        else:
            summary = self.tr("Stopped")
        if run.passed:
            record = self.tr("scenario {name} passed").format(name=self.scenario.name)
        elif failure is not None:
            record = self.tr("scenario {name} failed at step {step}: {reason}").format(
                name=self.scenario.name,
                step=failure.step.title,
                reason=word_and_details(failure.outcome),
            )
        else:
            record = self.tr("scenario {name} stopped").format(name=self.scenario.name)
        self.tab.model.inbox.put(system_record(record, error=not run.passed))
        self._end(run.passed, summary)

    def _end(self, passed: bool, summary: str) -> None:
        self._done = True
        self._connecting = False
        self._timer.stop()
        self._disconnect_all()
        self.finished.emit(passed, summary)

    def _disconnect_all(self) -> None:
        tab = self.tab
        pairs = [
            (tab.controller.stateChanged, self._on_controller_state),
            (tab.controller.client.disconnected, self._on_client_disconnected),
        ]
        if self._run is not None:
            pairs.append((tab.model.batchAppended, self._on_model_batch))
        for signal, slot in pairs:
            with contextlib.suppress(RuntimeError, TypeError):  # gone with the tab already
                signal.disconnect(slot)

    def _closed(self, code: int | None, reason: str) -> None:
        run = self._run
        if run is None or self._done or run.finished:
            return
        self.tab.model.flush()  # the replies that came before the close, first
        run.closed(code, reason)
        self._advance()

    # --- slots ------------------------------------------------------------------------------

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._advance()

    @Slot(object)
    def _on_model_batch(self, records: list[MessageRecord]) -> None:
        run = self._run
        if run is None or run.finished:
            return
        delivered = False
        own = self.tab.id
        for rec in records:
            if (
                rec.direction is Direction.RECEIVED
                and rec.connection == own
                and not rec.is_binary
                and not rec.imported
            ):
                run.deliver(rec.text)
                delivered = True
        if delivered:
            self._advance()

    @Slot(int, str)
    def _on_client_disconnected(self, code: int, reason: str) -> None:
        self._closed(code, reason)

    @Slot(object, str)
    def _on_controller_state(self, state: ConnectionState, message: str) -> None:
        if self._done:
            return
        if self._connecting:
            if state is ConnectionState.CONNECTED:
                self._begin()
            elif state not in _TRYING:
                self._end(False, self.tr("Could not connect: {reason}").format(reason=message))
            return
        if state is not ConnectionState.CONNECTED:
            # After the client's own disconnected signal (emitted on the way here), which
            # carries the close code: that one, when it comes, is the reason kept.
            QTimer.singleShot(0, self, lambda: self._closed(None, message))
