"""When the sends of a periodic send are due: a schedule without drift. Qt-free.

Send ``k`` (0-based) is due at ``start + k * interval`` on a monotonic clock, whatever
time the sends before it took: a timer is armed for the next due time, never for "one
interval from now", so lateness does not add up over thousands of sends. A tick that
comes late sends every send that has fallen due since, so the rate holds; only the
slots more than :data:`CATCH_UP_S` behind (after a long stall of the event loop) are
skipped and counted rather than sent in one burst.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CATCH_UP_S = 1.0


@dataclass(slots=True)
class PeriodicSchedule:
    """The schedule of one periodic send (times in seconds, monotonic).

    ``limit`` is how many sends in all (0: until stopped).
    """

    start: float
    interval: float
    limit: int = 0
    sent: int = 0
    skipped: int = 0

    @property
    def done(self) -> bool:
        """True once ``limit`` sends are made (never when there is no limit)."""
        return self.limit > 0 and self.sent + self.skipped >= self.limit

    def due(self, now: float) -> int:
        """How many sends to make now; slots too far behind are skipped (counted)."""
        if self.done:
            return 0
        reached = math.floor((now - self.start) / self.interval + 1e-9) + 1  # slot 0 at start
        if self.limit:
            reached = min(reached, self.limit)
        behind = reached - (self.sent + self.skipped)
        keep = max(1, math.floor(CATCH_UP_S / self.interval + 1e-9))
        if behind > keep:
            self.skipped += behind - keep
            behind = keep
        return max(0, behind)

    def next_due(self) -> float | None:
        """The time of the next slot (None once done)."""
        if self.done:
            return None
        return self.start + (self.sent + self.skipped) * self.interval
