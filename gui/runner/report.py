"""What the runner prints, and the tally of each user's steps for the summary and JUnit.

Per-step lines: every step of the first iteration of a repeat is printed, the later
iterations only when a step fails (a repeat of a million prints a few lines, not a
million); each repeat ends with one line of its own. With several users, only failures
and one line per user are printed, unless ``verbose``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TextIO

from gui.core.engine import StepResult
from gui.core.outcome import shorten
from gui.core.scenario_model import Repeat, Scenario, Step
from gui.runner.user import ConnectReport

_TEXT_CHARS = 100


@dataclass
class StepTally:
    """One top-level step of one user: its own result and the first inner failure."""

    step: Step
    result: StepResult | None = None
    inner_failure: StepResult | None = None

    @property
    def failure(self) -> StepResult | None:
        """The result that failed this step: the inner step's when there is one."""
        if self.inner_failure is not None:
            return self.inner_failure
        if self.result is not None and not self.result.passed:
            return self.result
        return None


@dataclass
class UserReport:
    """Everything one user's run produced, tallied by top-level step."""

    user: int
    scenario: Scenario
    connect: ConnectReport | None = None
    executed: int = 0
    failed: StepResult | None = None
    elapsed_s: float = 0.0
    tallies: list[StepTally] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tallies = [StepTally(step) for step in self.scenario.steps]

    @property
    def connected(self) -> bool:
        return self.connect is not None and self.connect.outcome.ok

    @property
    def passed(self) -> bool:
        return self.connected and self.failed is None and self.executed == self.expected

    @property
    def expected(self) -> int:
        return self.scenario.step_count()

    def add(self, result: StepResult) -> None:
        self.executed += 1
        top = self.tallies[int(result.step.number.split(".", 1)[0]) - 1]
        if result.step is top.step:
            top.result = result
        elif not result.passed and top.inner_failure is None:
            top.inner_failure = result
        if not result.passed and self.failed is None:
            self.failed = result


def describe_failure(result: StepResult) -> str:
    """``4.1 send (iteration 2 of $.steps[3]) at $.steps[3].steps[0]: reason``."""
    where = f" {result.where}" if result.iteration else ""
    return f"step {result.step.title}{where} at {result.step.path}: {result.outcome.message}"


class ConsolePrinter:
    """Prints per-step lines and the summary; safe to call from the users' threads."""

    def __init__(self, out: TextIO, *, users: int, verbose: bool = False, quiet: bool = False):
        self._out = out
        self._lock = threading.Lock()
        self._many = users > 1
        self._verbose = verbose
        self._quiet = quiet

    def _line(self, user: int, text: str) -> None:
        prefix = f"[user {user}] " if self._many else ""
        with self._lock:
            self._out.write(f"{prefix}{text}\n")
            self._out.flush()

    def _shows(self, passed: bool) -> bool:
        if not passed:
            return True
        if self._quiet:
            return False
        return self._verbose or not self._many

    def header(self, scenario: Scenario, users: int) -> None:
        if self._quiet:
            return
        count = scenario.step_count()
        who = f"{users} users" if users > 1 else "1 user"
        with self._lock:
            self._out.write(f"scenario {scenario.name} ({scenario.source}): {count} steps, {who}\n")

    def connected(self, user: int, report: ConnectReport) -> None:
        ok = report.outcome.ok
        if report.login is not None and report.login.ok and self._shows(True):
            self._line(user, f"  ok    login              {report.login.message}")
        if report.warning is not None:
            self._line(user, f"  note  login              {report.warning.message}")
        if self._shows(ok):
            self._line(
                user, f"  {'ok  ' if ok else 'FAIL'}  connect            {report.outcome.message}"
            )

    def result(self, user: int, result: StepResult) -> None:
        later = any(i > 1 for i in result.iteration)
        if result.passed and (later or not self._shows(True)):
            return
        mark = "ok  " if result.passed else "FAIL"
        label = f"{result.step.title} {result.where}".rstrip()
        text = result.outcome.message
        if result.passed and result.text is not None:
            text += ": " + shorten(result.text, _TEXT_CHARS)
        elif isinstance(result.step, Repeat) and result.passed:
            text += f" ({result.step.times} × {len(result.step.steps)} steps)"
        self._line(user, f"  {mark}  {label:<18} {text}")

    def finished(self, report: UserReport) -> None:
        if not self._many or (self._quiet and report.passed):
            return
        verdict = "passed" if report.passed else "FAILED"
        self._line(report.user, f"{verdict}: {report.executed} steps in {report.elapsed_s:.2f} s")

    def summary(self, reports: list[UserReport], elapsed_s: float) -> None:
        passed = [r for r in reports if r.passed]
        steps = sum(r.executed for r in reports)
        users = f"{len(reports)} users" if len(reports) > 1 else "1 user"
        with self._lock:
            if len(passed) == len(reports):
                self._out.write(f"passed: {users}, {steps} steps, in {elapsed_s:.2f} s\n")
                return
            self._out.write(
                f"FAILED: {len(reports) - len(passed)} of {users} failed "
                f"({steps} steps run, {elapsed_s:.2f} s)\n"
            )
            for report in reports:
                if report.passed:
                    continue
                prefix = f"  user {report.user}: " if len(reports) > 1 else "  "
                if not report.connected:
                    reason = report.connect.outcome.message if report.connect else "not run"
                    self._out.write(f"{prefix}connect: {reason}\n")
                elif report.failed is not None:
                    self._out.write(f"{prefix}{describe_failure(report.failed)}\n")
                else:
                    self._out.write(f"{prefix}stopped after {report.executed} steps\n")
            self._out.flush()
