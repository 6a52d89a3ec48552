"""The scenario engine: runs a scenario's steps over a connection it does not own.

It does no I/O and starts no thread (a "sans-I/O" state machine), so the headless
runner (a blocking loop over websocket-client) and a window tab (its own connection,
a timer and signals) drive the same engine:

- ``send`` is a callable the engine calls with each text frame to send; it raises
  :class:`SendError` when the connection cannot take it;
- :meth:`ScenarioRun.deliver` hands over each received text frame, in order, and
  :meth:`ScenarioRun.closed` says the connection ended;
- :meth:`ScenarioRun.advance` runs steps until one must wait, and returns the clock
  time by which it must be called again (or None once the run is over); it runs at
  most ``budget`` steps per call, so that a repeat of a million never blocks a GUI;
- every finished step is reported as a :class:`StepResult` value through ``report``;
  ``started``, when given, is called with each step as it starts (a window marks it
  running).

Rules: an ``expect`` looks at the messages that arrived since the previous expect took
one (including those that came during a ``send`` or a ``sleep_ms``), in order, and takes
the first that matches within ``within_ms`` of its start; the ones before it are passed
over. It fails at its time limit, saying how many arrived and what the last ones were. A
connection that closes while steps remain fails the step that needs it (a send, a
sleep, an expect that the messages already received do not meet). The first failed
step ends the run.
"""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from gui.core.match import CheckResult, Expectation
from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, shorten
from gui.core.scenario_model import Expect, Repeat, Send, Sleep, Step
from gui.core.variables import VariableError, VariableScope
from gui.core.wording import describe_close

KEEP_RECEIVED = 10_000  # unread messages kept for the next expect; older ones are dropped
SHOWN_ARRIVED = 3  # messages quoted when an expect fails


class SendError(Exception):
    """Raised by the ``send`` callable when the connection cannot take a frame."""


class StepOutcome(Outcome):
    """The outcome of one step (``data`` differs by code; see the templates)."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "sent": QT_TRANSLATE_NOOP("StepOutcome", "sent {size} bytes"),
        "matched": QT_TRANSLATE_NOOP("StepOutcome", "matched after {after_ms} ms"),
        "slept": QT_TRANSLATE_NOOP("StepOutcome", "slept {ms} ms"),
        "repeated": QT_TRANSLATE_NOOP("StepOutcome", "{times} iterations done"),
        "timeout": QT_TRANSLATE_NOOP("StepOutcome", "no matching message within {within_ms} ms"),
        "closed": QT_TRANSLATE_NOOP("StepOutcome", "the server closed the connection: {close}"),
        "send_failed": QT_TRANSLATE_NOOP("StepOutcome", "could not send: {reason}"),
        "variable": QT_TRANSLATE_NOOP("StepOutcome", "{reason}"),
        "inner_failed": QT_TRANSLATE_NOOP(
            "StepOutcome", "step {inner} failed in iteration {iteration} of {times}"
        ),
        "cancelled": QT_TRANSLATE_NOOP("StepOutcome", "stopped"),
    }
    OK = frozenset({"sent", "matched", "slept", "repeated"})

    @property
    def message(self) -> str:
        text = super().message
        if self.code == "matched" and self.data.get("skipped"):
            text += f" ({self.data['skipped']} other messages passed over)"
        if self.code in ("timeout", "closed") and "arrived" in self.data:
            text += "; " + _arrived_text(self.data)
        return text


def _arrived_text(data: Any) -> str:
    count = data["arrived"]
    if not count:
        text = "nothing arrived"
    else:
        *before, last = data["last"]
        text = f"{count} message{'s' if count != 1 else ''} arrived, none matched; "
        text += f"the last: {last!r} ({data['last_check']})"
        if before:
            text += "; before it: " + ", ".join(repr(t) for t in reversed(before))
    if data.get("dropped"):
        text += f" ({data['dropped']} unread messages were dropped)"
    return text


@dataclass(frozen=True, slots=True)
class StepResult:
    """One finished step: where it is, in which iteration, how it went.

    ``iteration`` holds the 1-based iteration of each enclosing ``repeat``, outermost
    first (empty at the top level). ``text`` is what was sent, or the message that met
    an expect.
    """

    step: Step
    iteration: tuple[int, ...]
    outcome: StepOutcome
    elapsed_ms: float
    text: str | None = None
    of: tuple[int, ...] = ()

    @property
    def where(self) -> str:
        """``"[2/3]"`` (iteration of each enclosing repeat), empty at the top level."""
        if not self.iteration:
            return ""
        return (
            "[" + " ".join(f"{i}/{n}" for i, n in zip(self.iteration, self.of, strict=True)) + "]"
        )

    @property
    def passed(self) -> bool:
        return self.outcome.ok


@dataclass(slots=True)
class _Frame:
    steps: tuple[Step, ...]
    repeat: Repeat | None = None
    index: int = 0
    iteration: int = 1
    started: float = 0.0


@dataclass(slots=True)
class _Waiting:
    """The step in progress that waits: a sleep until ``until``, or an expect."""

    step: Step
    started: float
    until: float
    expectation: Expectation | None = None
    arrived: int = 0
    last: collections.deque[tuple[str, CheckResult]] = field(
        default_factory=lambda: collections.deque(maxlen=SHOWN_ARRIVED)
    )


class ScenarioRun:
    """One run of ``steps`` with the variables of ``scope`` (module docstring)."""

    def __init__(
        self,
        steps: tuple[Step, ...],
        scope: VariableScope,
        send: Callable[[str], None],
        report: Callable[[StepResult], None],
        *,
        clock: Callable[[], float] = time.monotonic,
        budget: int = 200,
        started: Callable[[Step], None] | None = None,
    ) -> None:
        self._scope = scope
        self._started = started
        self._send = send
        self._report = report
        self._clock = clock
        self._budget = budget
        self._stack = [_Frame(steps)]
        self._waiting: _Waiting | None = None
        self._received: collections.deque[tuple[str, float]] = collections.deque()
        self._dropped = 0
        self._closed: tuple[int | None, str] | None = None
        self.finished = False
        self.failure: StepResult | None = None
        self.executed = 0  # steps finished, passed or failed

    @property
    def passed(self) -> bool:
        """True once the run finished with every step passed."""
        return self.finished and self.failure is None

    # --- input from the connection ----------------------------------------------------

    def deliver(self, text: str) -> None:
        """A text frame arrived (call in the order they arrive)."""
        self._received.append((text, self._clock()))
        if len(self._received) > KEEP_RECEIVED:
            self._received.popleft()
            self._dropped += 1

    def closed(self, code: int | None, reason: str = "") -> None:
        """The connection ended (``code`` None: no close frame)."""
        if self._closed is None:
            self._closed = (code, reason)

    def cancel(self) -> None:
        """Stop: the step in progress (or the next one) fails as "cancelled"."""
        if not self.finished:
            step = self._waiting.step if self._waiting else self._next_step()
            if step is not None:
                self._fail(step, StepOutcome("cancelled"), 0.0)
            self.finished = True

    # --- the loop --------------------------------------------------------------------

    def advance(self) -> float | None:
        """Run steps until one waits; return when to call again (None: the run is over)."""
        for _ in range(self._budget):
            if self.finished:
                return None
            if self._waiting is not None:
                wake = self._continue_waiting()
                if wake is not None:
                    return wake
                continue
            step = self._next_step()
            if step is None:
                self.finished = True
                return None
            self._start(step)
        return None if self.finished else self._clock()

    def _next_step(self) -> Step | None:
        """The step to start now, closing finished repeats on the way."""
        while self._stack:
            frame = self._stack[-1]
            if frame.index < len(frame.steps):
                return frame.steps[frame.index]
            if frame.repeat is None:
                return None
            if frame.iteration < frame.repeat.times:
                frame.iteration += 1
                frame.index = 0
                continue
            self._stack.pop()
            elapsed = (self._clock() - frame.started) * 1000
            self._pass(
                frame.repeat, StepOutcome("repeated", {"times": frame.repeat.times}), elapsed
            )
        return None

    def _result(
        self, step: Step, outcome: StepOutcome, elapsed: float, text: str | None = None
    ) -> StepResult:
        frames = [frame for frame in self._stack if frame.repeat is not None]
        iteration = tuple(frame.iteration for frame in frames)
        of = tuple(frame.repeat.times for frame in frames if frame.repeat is not None)
        return StepResult(step, iteration, outcome, elapsed, text, of)

    def _pass(
        self, step: Step, outcome: StepOutcome, elapsed: float, text: str | None = None
    ) -> None:
        self.executed += 1
        self._report(self._result(step, outcome, elapsed, text))
        self._stack[-1].index += 1

    def _fail(
        self, step: Step, outcome: StepOutcome, elapsed: float, text: str | None = None
    ) -> None:
        self.executed += 1
        first = self._result(step, outcome, elapsed, text)
        self.failure = first
        self._report(first)
        self._waiting = None
        # The repeats around the failed step fail with it, innermost first.
        inner = step
        while len(self._stack) > 1:
            frame = self._stack.pop()
            assert frame.repeat is not None
            data = {
                "inner": inner.number,
                "iteration": frame.iteration,
                "times": frame.repeat.times,
            }
            self.executed += 1
            elapsed_ms = (self._clock() - frame.started) * 1000
            self._report(self._result(frame.repeat, StepOutcome("inner_failed", data), elapsed_ms))
            inner = frame.repeat
        self.finished = True

    def _closed_outcome(self, extra: dict[str, Any] | None = None) -> StepOutcome:
        assert self._closed is not None
        code, reason = self._closed
        data = {
            "code": code,
            "reason": reason,
            "close": describe_close(code, reason),
            **(extra or {}),
        }
        return StepOutcome("closed", data)

    def _start(self, step: Step) -> None:
        now = self._clock()
        if self._started is not None:
            self._started(step)
        if isinstance(step, Send):
            self._do_send(step, now)
        elif isinstance(step, Sleep):
            if self._closed is not None:
                self._fail(step, self._closed_outcome(), 0.0)
            else:
                self._waiting = _Waiting(step, now, now + step.ms / 1000)
        elif isinstance(step, Expect):
            try:
                match = self._scope.expand_expected(step.match) if step.expand else step.match
            except VariableError as exc:
                self._fail(step, StepOutcome("variable", {"reason": exc.problem.message}), 0.0)
                return
            self._waiting = _Waiting(
                step, now, now + step.within_ms / 1000, step.expectation(match)
            )
        elif isinstance(step, Repeat):
            if step.times == 0:
                self._pass(step, StepOutcome("repeated", {"times": 0}), 0.0)
            else:
                self._stack.append(_Frame(step.steps, step, started=now))

    def _do_send(self, step: Send, now: float) -> None:
        if self._closed is not None:
            self._fail(step, self._closed_outcome(), 0.0)
            return
        try:
            text = self._render(step)
        except VariableError as exc:
            self._fail(step, StepOutcome("variable", {"reason": exc.problem.message}), 0.0)
            return
        try:
            self._send(text)
        except SendError as exc:
            self._fail(step, StepOutcome("send_failed", {"reason": str(exc)}), 0.0, text)
            return
        elapsed = (self._clock() - now) * 1000
        self._pass(step, StepOutcome("sent", {"size": len(text.encode("utf-8"))}), elapsed, text)

    def _render(self, step: Send) -> str:
        if step.raw:
            return self._scope.expand_text(step.payload) if step.expand else str(step.payload)
        document = self._scope.expand_document(step.payload) if step.expand else step.payload
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))

    def _continue_waiting(self) -> float | None:
        """Go on with the waiting step; its deadline if it still waits, else None."""
        waiting = self._waiting
        assert waiting is not None
        now = self._clock()
        elapsed = (now - waiting.started) * 1000
        step = waiting.step
        if isinstance(step, Sleep):
            if self._closed is not None:
                self._fail(step, self._closed_outcome(), elapsed)
            elif now >= waiting.until:
                self._waiting = None
                self._pass(step, StepOutcome("slept", {"ms": step.ms}), elapsed)
            else:
                return waiting.until
            return None
        assert isinstance(step, Expect) and waiting.expectation is not None
        while self._received and self._received[0][1] <= waiting.until:
            text, arrived = self._received.popleft()
            verdict = waiting.expectation.check_text(text)
            if verdict.ok:
                self._waiting = None
                after = max(0.0, (arrived - waiting.started) * 1000)
                data = {"after_ms": round(after), "skipped": waiting.arrived}
                self._pass(step, StepOutcome("matched", data), elapsed, text)
                return None
            waiting.arrived += 1
            waiting.last.append((text, verdict))
        if self._closed is None and now < waiting.until:
            return waiting.until
        seen = {
            "arrived": waiting.arrived,
            "dropped": self._dropped,
            "last": [shorten(text, 200) for text, _ in waiting.last],
            "last_check": waiting.last[-1][1].message if waiting.last else None,
            "last_check_code": waiting.last[-1][1].code if waiting.last else None,
            "last_check_data": dict(waiting.last[-1][1].data) if waiting.last else None,
        }
        if self._closed is not None:
            self._fail(step, self._closed_outcome(seen), elapsed)
        else:
            self._fail(step, StepOutcome("timeout", {"within_ms": step.within_ms, **seen}), elapsed)
        return None
