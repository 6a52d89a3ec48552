"""Benchmark of the periodic send: does it hold its rate over 10,000 sends?

Run from the repository root: ``python bench/periodic.py [--interval-ms 10]
[--count 10000]``. The real window (``build_window``, shown, offscreen) connects to its
embedded server; the editor's message (with ``{{counter}}``) is sent with the tab's
periodic send (``periodicIntervalSpin``, ``periodicCountSpin``, ``periodicButton``).
The time of each send is taken from the sent rows of the history (the client stamps
each row as the frame goes out, in ms) and compared with the ideal schedule
``first + k * interval``:

- rate: sends per second over the run against the one asked for (target: within 1%);
- drift: how late the last send is against its slot (a timer re-armed after each send
  drifts by the work of each send, 10,000 times over);
- lateness: median, 99th percentile and worst of every send against its slot;
- skipped: slots given up after an event-loop stall (the schedule catches up at most
  a second behind).

Results go to ``bench/results/periodic-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import statistics
import sys
import tempfile
import time

from qtbench import machine, wait_until

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def measure(interval_ms: int, count: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.core.connection import ConnectionState
    from gui.core.records import Direction

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(pathlib.Path(tmp))
        window.show()
        tab = window.current_tab()
        tab.connect_now()
        wait_until(app, lambda: tab.controller.state is ConnectionState.CONNECTED, 60)
        tab.editor.set_text('{"type": "heartbeat", "n": "{{counter}}"}')
        tab.periodic_bar.interval_spin.setValue(interval_ms)
        tab.periodic_bar.count_spin.setValue(count)
        started = time.perf_counter()
        tab.periodic_bar.button.click()
        wait_until(app, lambda: not tab.sending.periodic_running, count * interval_ms / 1000 * 2)
        wall = time.perf_counter() - started
        schedule_skipped = count - tab.sending.periodic_sent
        window.log.wait_written()
        times = [
            r.time_ms
            for r in window.log.records(frozenset({tab.id}))
            if r.direction is Direction.SENT
        ]
        window.close()
        window.wait_shut_down()
    first, last = times[0], times[-1]
    span_s = (last - first) / 1000
    rate = (len(times) - 1) / span_s if span_s else 0.0
    wanted = 1000 / interval_ms
    # Slot of each send: sends are in order; a skipped slot shows as a gap.
    late = [t - (first + round((t - first) / interval_ms) * interval_ms) for t in times]
    lateness = [t - (first + k * interval_ms) for k, t in enumerate(times)]
    return {
        "interval_ms": interval_ms,
        "count": count,
        "sent": len(times),
        "skipped": schedule_skipped,
        "wall_s": round(wall, 3),
        "rate_per_s": round(rate, 3),
        "rate_error_pct": round((rate - wanted) / wanted * 100, 3),
        "drift_ms": lateness[-1],
        "lateness_median_ms": statistics.median(abs(x) for x in late),
        "lateness_p99_ms": sorted(abs(x) for x in late)[int(0.99 * (len(late) - 1))],
        "lateness_max_ms": max(abs(x) for x in late),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interval-ms", type=int, default=10)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    result = measure(args.interval_ms, args.count)
    result["machine"] = machine()
    result["date"] = datetime.date.today().isoformat()
    out = ROOT / "bench" / "results" / f"periodic-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
