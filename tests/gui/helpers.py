"""Helpers shared by the GUI tests."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class Ticker:
    """Counts timer ticks, and the longest gap between them, to prove the loop runs."""

    def __init__(self) -> None:
        self.ticks = 0
        self.max_gap = 0.0
        self._last = time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now
        self.ticks += 1
