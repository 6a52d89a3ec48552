"""What the window benchmarks share: the machine's description, an event-loop heartbeat
that measures the longest stall, and a wait that runs the Qt event loop."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time


def machine() -> dict[str, object]:
    model = platform.processor() or platform.machine()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }


class Heartbeat:
    """A 10 ms timer; the worst gap between ticks is the longest event-loop stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.max_gap = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self.max_gap = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return self.max_gap


def wait_until(app, predicate, timeout: float) -> None:
    """Run the event loop until ``predicate()`` is true."""
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met in time")
        app.processEvents()
        time.sleep(0.001)  # a bench, not a test: do not spin a core the app needs


def wait_in_loop(app, predicate, timeout: float, poll_ms: int = 25) -> None:
    """Run the event loop until ``predicate()`` is true, checking it every ``poll_ms``.

    Unlike :func:`wait_until`, the loop blocks in Qt between events, as ``app.exec()``
    does in the app: a bench that spins ``processEvents`` and calls into Python in a
    tight loop makes the GUI thread take the GIL back hundreds of times a second, and
    under a flood each time waits behind the busy threads (the harness's own stall,
    not the window's). The price: the moment the condition became true is known to
    within ``poll_ms``.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if predicate():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    timed_out: list[bool] = []

    def check() -> None:
        if predicate():
            loop.quit()
        elif time.perf_counter() > deadline:
            timed_out.append(True)
            loop.quit()

    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if timed_out:
        raise TimeoutError("condition not met in time")


def child(script: str, args: list[str]) -> dict:
    """Run one measure of ``script`` in a fresh process; return the JSON it prints last."""
    out = subprocess.run(
        [sys.executable, script, *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def medians(runs: list[dict]) -> dict:
    """The median of every figure over the runs."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}
