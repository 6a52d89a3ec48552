"""The scenario engine on its own: a fake connection and a clock the test moves."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable

import pytest

from gui.core.engine import ScenarioRun, SendError, StepResult
from gui.core.scenario import parse_scenario
from gui.core.variables import VariableScope


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Harness:
    """Runs a scenario with an echo peer the test can silence, delay or close."""

    def __init__(self, steps: list, *, reply: Callable[[str], list[str]] | None = None) -> None:
        self.scenario = parse_scenario(json.dumps({"steps": steps}), extra_variables=["user"])
        self.clock = Clock()
        self.sent: list[str] = []
        self.results: list[StepResult] = []
        self.reply = reply if reply is not None else (lambda text: [text])
        self.fail_send: str | None = None
        self.run = ScenarioRun(
            self.scenario.steps,
            VariableScope({"user": 1}),
            self._send,
            self.results.append,
            clock=self.clock,
        )

    def _send(self, text: str) -> None:
        if self.fail_send is not None:
            raise SendError(self.fail_send)
        self.sent.append(text)
        for answer in self.reply(text):
            self.run.deliver(answer)

    def drive(self, max_rounds: int = 100_000) -> None:
        """Advance, moving the clock to each wake-up time, until the run is over."""
        for _ in range(max_rounds):
            wake = self.run.advance()
            if wake is None:
                return
            self.clock.now = max(self.clock.now, wake)
        raise AssertionError("the run did not finish")

    def lines(self) -> list[tuple[str, str, str]]:
        return [(r.step.number, r.where, r.outcome.code) for r in self.results]


def test_send_expect_sleep_repeat_all_pass_with_variables() -> None:
    h = Harness(
        [
            {"send": {"id": "{{uuid}}", "n": "{{counter}}", "u": "{{user}}"}},
            {"expect": {"match": {"id": "{{uuid}}", "n": "{{counter}}", "u": 1}}},
            {"sleep_ms": 250},
            {
                "repeat": 2,
                "steps": [{"send": "raw {{counter}}"}, {"expect": {"match": "raw {{counter}}"}}],
            },
        ]
    )
    started = h.clock.now
    h.drive()
    assert h.run.passed and h.run.failure is None
    assert h.lines() == [
        ("1", "", "sent"),
        ("2", "", "matched"),
        ("3", "", "slept"),
        ("4.1", "[1/2]", "sent"),
        ("4.2", "[1/2]", "matched"),
        ("4.1", "[2/2]", "sent"),
        ("4.2", "[2/2]", "matched"),
        ("4", "", "repeated"),
    ]
    assert json.loads(h.sent[0])["n"] == 1 and h.sent[1:] == ["raw 2", "raw 3"]
    assert h.clock.now - started == pytest.approx(0.25)
    assert h.run.executed == h.scenario.step_count() == 8


def test_expect_passes_over_other_messages_and_takes_the_first_match() -> None:
    h = Harness(
        [{"send": "go"}, {"expect": {"match": {"type": "b"}}}, {"expect": {"match": {"n": 2}}}],
        reply=lambda _: [
            '{"type": "a"}',
            "noise",
            '{"type": "b", "n": 1}',
            '{"type": "b", "n": 2}',
        ],
    )
    h.drive()
    assert h.run.passed
    first, second = h.results[1], h.results[2]
    assert first.text == '{"type": "b", "n": 1}' and first.outcome.data["skipped"] == 2
    assert second.text == '{"type": "b", "n": 2}'


def test_an_expect_that_never_matches_fails_at_its_limit_and_says_what_came() -> None:
    h = Harness(
        [
            {"send": {"n": 1}},
            {"expect": {"match": {"type": "echo"}, "within_ms": 1500}},
            {"send": 2},
        ],
        reply=lambda text: [
            '{"type": "error", "code": "x"}',
            f'{{"type": "other", "got": {text}}}',
        ],
    )
    started = h.clock.now
    h.drive()
    assert not h.run.passed
    failure = h.run.failure
    assert failure is not None and failure.step.number == "2"
    assert failure.outcome.code == "timeout"
    assert h.clock.now - started == pytest.approx(1.5)
    assert failure.elapsed_ms == pytest.approx(1500)
    data = failure.outcome.data
    assert data["arrived"] == 2 and data["last_check_code"] == "value_differs"
    assert data["last_check_data"]["path"] == "$.type"
    message = failure.outcome.message
    assert "no matching message within 1500 ms; 2 messages arrived, none matched" in message
    assert '{"type": "other", "got": {"n":1}}' in message
    assert '$.type is "other", expected "echo"' in message
    assert len(h.sent) == 1  # the run stopped at the failure


def test_nothing_arrived() -> None:
    h = Harness([{"expect": {"within_ms": 10}}])
    h.drive()
    assert h.run.failure is not None
    assert h.run.failure.outcome.message == "no matching message within 10 ms; nothing arrived"


def test_a_message_after_the_deadline_does_not_count() -> None:
    h = Harness([{"expect": {"within_ms": 100}}])
    assert h.run.advance() == pytest.approx(100.1)
    h.clock.now = 100.2
    h.run.deliver("late")
    h.drive()
    assert h.run.failure is not None and h.run.failure.outcome.code == "timeout"


def test_a_close_mid_scenario_fails_the_step_that_needs_the_connection() -> None:
    def reply(text: str) -> list[str]:
        if text == "3":
            h.run.closed(1011, "boom")
        return [text]

    h = Harness(
        [{"repeat": 1_000_000, "steps": [{"send": "{{counter}}"}, {"expect": {}}]}], reply=reply
    )
    h.drive()
    failure = h.run.failure
    assert failure is not None
    # The reply to "3" came before the close: its expect passed; the next send failed.
    assert (failure.step.number, failure.where, failure.outcome.code) == (
        "1.1",
        "[4/1000000]",
        "closed",
    )
    assert (
        failure.outcome.message
        == "the server closed the connection: 1011 (internal server error): boom"
    )
    assert h.lines()[-1] == ("1", "", "inner_failed")
    assert h.results[-1].outcome.message == "step 1.1 failed in iteration 4 of 1000000"
    assert h.sent == ["1", "2", "3"]


def test_a_close_while_waiting_fails_at_once_with_what_arrived() -> None:
    h = Harness([{"send": "x"}, {"expect": {"match": {"never": 1}, "within_ms": 60_000}}])
    assert h.run.advance() is not None
    h.run.closed(None)
    started = h.clock.now
    h.drive()
    failure = h.run.failure
    assert failure is not None and failure.outcome.code == "closed"
    assert h.clock.now == started  # no wait for the time limit
    assert "closed without a status code" in failure.outcome.message
    assert "1 message arrived" in failure.outcome.message


def test_a_close_during_a_sleep_fails_the_sleep() -> None:
    h = Harness([{"sleep_ms": 10_000}, {"send": 1}])
    h.run.advance()
    h.run.closed(1001, "")
    h.drive()
    assert h.lines() == [("1", "", "closed")]


def test_a_close_after_the_last_step_is_no_failure() -> None:
    h = Harness([{"send": 1}, {"expect": {}}])
    h.drive()
    h.run.closed(1000, "")
    assert h.run.passed


def test_send_error_is_a_failed_step() -> None:
    h = Harness([{"send": 1}])
    h.fail_send = "connection lost"
    h.drive()
    assert h.lines() == [("1", "", "send_failed")]
    assert h.run.failure is not None
    assert h.run.failure.outcome.message == "could not send: connection lost"


def test_a_missing_environment_variable_fails_its_step_by_name() -> None:
    h = Harness([{"send": "{{env:TSUSHIN_TEST_SURELY_UNSET}}"}])
    h.drive()
    assert h.run.failure is not None and h.run.failure.outcome.code == "variable"
    assert "TSUSHIN_TEST_SURELY_UNSET is not set" in h.run.failure.outcome.message


def test_a_million_repeats_run_in_slices_without_building_steps() -> None:
    h = Harness([{"repeat": 1_000_000, "steps": [{"sleep_ms": 0}]}])
    tracemalloc.start()
    for _ in range(3):
        assert h.run.advance() is not None
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Each advance() runs a bounded slice, so a window stays responsive.
    assert 0 < h.run.executed <= 3 * 200
    assert peak < 1_000_000
    assert h.results[-1].where == f"[{h.run.executed}/1000000]"
    h.run.cancel()
    assert h.lines()[-2:] == [
        ("1.1", f"[{h.run.executed - 1}/1000000]", "cancelled"),
        ("1", "", "inner_failed"),
    ]


def test_a_long_repeat_runs_to_the_end() -> None:
    h = Harness(
        [{"repeat": 5000, "steps": [{"send": "{{counter}}"}, {"expect": {"match": "{{counter}}"}}]}]
    )
    h.drive()
    assert h.run.passed and h.run.executed == 10_001
    assert h.sent[-1] == "5000"


def test_cancel_fails_the_step_in_progress() -> None:
    h = Harness([{"sleep_ms": 5000}, {"send": 1}])
    h.run.advance()
    h.run.cancel()
    assert h.run.finished and not h.run.passed
    assert h.lines() == [("1", "", "cancelled")]
    assert h.run.advance() is None


def test_messages_kept_for_a_later_expect_are_bounded() -> None:
    h = Harness([{"sleep_ms": 1}, {"expect": {"match": {"n": -1}, "within_ms": 1}}])
    h.run.advance()
    for n in range(10_005):
        h.run.deliver(json.dumps({"n": n}))
    h.drive()
    assert h.run.failure is not None
    data = h.run.failure.outcome.data
    assert data["arrived"] == 10_000 and data["dropped"] == 5
    assert "5 unread messages were dropped" in h.run.failure.outcome.message


def test_started_is_told_of_each_step_before_its_result() -> None:
    scenario = parse_scenario(
        json.dumps({"steps": [{"send": 1}, {"repeat": 2, "steps": [{"sleep_ms": 10}]}]})
    )
    events: list[tuple[str, str]] = []
    clock = Clock()
    run = ScenarioRun(
        scenario.steps,
        VariableScope(),
        lambda text: None,
        lambda r: events.append(("done", r.step.number)),
        clock=clock,
        started=lambda step: events.append(("start", step.number)),
    )
    wake = run.advance()
    assert events[-1] == ("start", "2.1")  # the sleep waits: it is the one running
    while wake is not None:
        clock.now = wake
        wake = run.advance()
    assert events == [
        ("start", "1"),
        ("done", "1"),
        ("start", "2"),
        ("start", "2.1"),
        ("done", "2.1"),
        ("start", "2.1"),
        ("done", "2.1"),
        ("done", "2"),
    ]
