"""The periodic send's schedule: slots at start + k * interval, no drift (no Qt)."""

from __future__ import annotations

from gui.core.periodic import CATCH_UP_S, PeriodicSchedule


def run(schedule: PeriodicSchedule, ticks: list[float]) -> list[int]:
    made = []
    for now in ticks:
        n = schedule.due(now)
        schedule.sent += n
        made.append(n)
    return made


def test_slots_are_fixed_on_the_start_time_not_on_the_last_send() -> None:
    schedule = PeriodicSchedule(start=100.0, interval=0.010)
    # Every tick 3 ms late: the slots stay where they were, the lateness never adds up.
    ticks = [100.0 + k * 0.010 + 0.003 for k in range(1000)]
    assert run(schedule, ticks) == [1] * 1000
    assert schedule.next_due() == 100.0 + 1000 * 0.010


def test_a_late_tick_catches_up_a_few_and_skips_the_rest() -> None:
    schedule = PeriodicSchedule(start=0.0, interval=0.010)
    assert run(schedule, [0.0, 0.0255]) == [1, 2]  # slots 1 and 2 were due
    assert run(schedule, [0.5]) == [48]  # half a second late: all of it, the rate holds
    assert schedule.skipped == 0
    keep = round(CATCH_UP_S / 0.010)
    assert run(schedule, [10.0]) == [keep]  # a 10 s stall: the last second only
    assert schedule.skipped == 1001 - 51 - keep
    assert schedule.next_due() == 10.01


def test_a_limit_ends_the_schedule() -> None:
    schedule = PeriodicSchedule(start=0.0, interval=1.0, limit=3)
    assert run(schedule, [0.0, 1.0, 5.0, 9.0]) == [1, 1, 1, 0]
    assert schedule.done and schedule.next_due() is None
