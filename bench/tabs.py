"""Benchmark of connection tabs: eight floods at once, opening a tab, starting with eight.

Run from the repository root: ``python bench/tabs.py [--rounds 3]``. Each measure runs
in a fresh child process, a few rounds, interleaved so that the machine's load hits
each alike; the table shows medians and the JSON goes to
``bench/results/tabs-<date>.json``.

- ingest: the real window (``build_window``, shown, offscreen) with ``--tabs`` tabs,
  each connected in remote mode to its own flood server (``bench/gui.py --serve-flood``,
  one process each), which answers the tab's first message with ``--per-tab`` small
  JSON documents as fast as it can. "go" goes to every tab at once; measured until
  the last message of every tab is in that tab's history model and every message is
  in SQLite (checked every 25 ms from a blocking event loop, as the app runs:
  ``qtbench.wait_in_loop``). The same run measures one tab with ``--single`` messages,
  the figure the eight tabs are held against. A 10 ms QTimer heartbeat gives the
  longest event-loop stall; memory is the child's peak resident set.
- open a tab: in a window on a data folder, ``new_tab()`` until the new tab's history
  table has painted, ``--opens`` times (median and worst).
- start with eight saved tabs: a data folder is prepared with eight tabs (each with
  its own profile, editor text and 2,000 history rows); then (a) in a fresh process,
  from before the first import of Qt until the current tab's history table has
  painted, and (b) ``python -m gui`` launched on that folder until it says the window
  is shown (its "data folder" line, printed after ``show()``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import signal
import statistics
import subprocess
import sys
import tempfile
import time

_T0 = time.perf_counter()  # before Qt or the app is imported (the startup measure)

from qtbench import Heartbeat, child, machine, medians, wait_in_loop, wait_until  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
GUI_BENCH = pathlib.Path(__file__).resolve().parent / "gui.py"
SAVED_TABS = 8
ROWS_PER_SAVED_TAB = 2_000


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def painted(widget) -> list[int]:
    """A counter of ``widget``'s paint events (a list, so the caller sees it grow)."""
    from PySide6.QtCore import QEvent, QObject

    count = [0]

    class _Filter(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                count[0] += 1
            return False

    keep = _Filter(widget)
    widget.installEventFilter(keep)
    return count


# --- eight floods ------------------------------------------------------------------------


def flood_servers(count: int, per: int) -> list[tuple[subprocess.Popen, int]]:
    servers = []
    for _ in range(count):
        proc = subprocess.Popen(
            [sys.executable, str(GUI_BENCH), "--serve-flood", str(per)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        servers.append((proc, int(proc.stdout.readline())))
    return servers


def measure_ingest(tabs: int, per_tab: int) -> dict[str, float]:
    import sqlite3

    from PySide6.QtWidgets import QApplication

    from gui.app import build_window, settle_memory
    from gui.core.target import RemoteAddress, ServerMode

    app = QApplication.instance() or QApplication([])
    servers = flood_servers(tabs, per_tab)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            window = build_window(pathlib.Path(tmp))
            window.show()
            opened = [window.current_tab()]
            while len(opened) < tabs:
                opened.append(window.new_tab())
            settle_memory()  # as python -m gui does once its window is shown
            for tab, (_proc, port) in zip(opened, servers, strict=True):
                tab.controller.auto_reconnect = False
                tab.controller.connect_to(
                    ServerMode.REMOTE, RemoteAddress(host="127.0.0.1", port=port)
                )
            wait_until(app, lambda: all(t.controller.client.is_connected for t in opened), 20)
            wait_until(app, lambda: all(t.model.rowCount() >= 1 for t in opened), 20)
            db = sqlite3.connect(str(pathlib.Path(tmp) / "history.sqlite3"))
            last = f'"i": {per_tab - 1}'
            total = tabs * per_tab

            def tab_done(tab) -> bool:
                model = tab.model
                n = model.rowCount()
                return n > per_tab and last in str(model.index(n - 1, 4).data())

            def in_models() -> bool:
                return all(tab_done(t) for t in opened)

            def in_store() -> bool:
                query = "SELECT COUNT(*) FROM messages WHERE direction = 'received'"
                return db.execute(query).fetchone()[0] >= total

            beat = Heartbeat()
            start = time.perf_counter()
            for tab in opened:
                assert tab.controller.send('{"go": true}')
            wait_in_loop(app, in_models, 300)
            models_done = time.perf_counter()
            wait_in_loop(app, in_store, 300)
            done = time.perf_counter()
            stall = beat.stop()
            received = sum(
                sum(1 for r in t.model.records() if r.direction.value == "received") for t in opened
            )
            assert received == total, (received, total)
            db.close()
            window.close()
            window.wait_shut_down()
    finally:
        for proc, _port in servers:
            assert proc.stdin is not None
            proc.stdin.close()
        for proc, _port in servers:
            proc.wait(10)
    return {
        "tabs": tabs,
        "messages": total,
        "ingest_msgs_per_s": total / (done - start),
        "model_msgs_per_s": total / (models_done - start),
        "seconds": done - start,
        "max_stall_ms": stall * 1000,
        "peak_rss_mb": peak_rss_mb(),
    }


# --- opening a tab -----------------------------------------------------------------------


def measure_open_tab(opens: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window

    app = QApplication.instance() or QApplication([])
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(pathlib.Path(tmp))
        window.show()
        wait_until(app, lambda: window.current_tab().isVisible(), 10)
        for _ in range(5):
            app.processEvents()
        for _ in range(opens):
            start = time.perf_counter()
            tab = window.new_tab()
            paints = painted(tab.history.table.viewport())
            wait_until(app, lambda p=paints: p[0] > 0, 10)
            times.append(time.perf_counter() - start)
            for _ in range(3):
                app.processEvents()
        window.close()
        window.wait_shut_down()
    return {
        "opens": opens,
        "open_tab_median_ms": statistics.median(times) * 1000,
        "open_tab_max_ms": max(times) * 1000,
        "tabs_open": opens + 1,
    }


# --- starting with eight saved tabs ------------------------------------------------------


def prepare_saved_tabs(data_dir: pathlib.Path) -> None:
    """A data folder with eight tabs, each with its profile, text and history rows."""
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.core.profile import Row
    from gui.core.records import Direction, make_record
    from gui.core.target import RemoteAddress

    app = QApplication.instance() or QApplication([])
    window = build_window(data_dir)
    window.show()
    tabs = [window.current_tab()]
    while len(tabs) < SAVED_TABS:
        tabs.append(window.new_tab())
    for n, tab in enumerate(tabs):
        tab.connection_panel.mode_combo.setCurrentIndex(1)  # remote: nothing to start
        tab.connection_panel.set_address(
            RemoteAddress(host="127.0.0.1", port=9 + n, path=f"/rooms/room{n}/")
        )
        tab.settings_editor.headers.set_rows((Row("X-Tab", str(n)),))
        tab.editor.set_text(json.dumps({"tab": n, "text": "通信" * 20}, indent=2))
        for i in range(ROWS_PER_SAVED_TAB):
            direction = Direction.SENT if i % 4 == 0 else Direction.RECEIVED
            tab.model.inbox.put(make_record(direction, json.dumps({"tab": n, "i": i})))
    window.log.flush()
    for tab in tabs:
        tab.save_profile(quiet=True)
    for _ in range(10):
        app.processEvents()
    window.close()
    assert window.wait_shut_down()


def measure_startup(data_dir: pathlib.Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    imported_at = time.perf_counter()
    from gui.app import build_window

    app = QApplication.instance() or QApplication([])
    built_from = time.perf_counter()
    window = build_window(data_dir)
    paints = painted(window.current_tab().history.table.viewport())
    window.show()
    wait_until(app, lambda: paints[0] > 0, 30)
    done = time.perf_counter()
    count = window.tabs.count()
    rows = window.current_tab().model.rowCount()
    window.close()
    window.wait_shut_down()
    return {
        "tabs": count,
        "rows_in_current_tab": rows,
        "startup_s": done - _T0,
        "imports_s": built_from - _T0,
        "import_app_s": built_from - imported_at,
        "build_show_paint_s": done - built_from,
    }


def measure_launch(data_dir: pathlib.Path) -> dict[str, float]:
    """``python -m gui`` on ``data_dir`` until its "data folder" line (after show())."""
    env = {**os.environ, "TSUSHIN_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gui"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    try:
        while True:
            line = proc.stderr.readline()
            if not line:
                raise RuntimeError(f"python -m gui ended first ({proc.wait()})")
            if "data folder" in line:
                shown = time.perf_counter() - start
                break
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    return {"launch_to_shown_s": shown}


# --- driver ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tabs", type=int, default=8)
    parser.add_argument("--per-tab", type=int, default=25_000, help="flood messages per tab")
    parser.add_argument("--single", type=int, default=100_000, help="flood of the one tab")
    parser.add_argument("--opens", type=int, default=15)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "ingest":
        print(json.dumps(measure_ingest(args.tabs, args.per_tab)))
        return
    if args.child == "open-tab":
        print(json.dumps(measure_open_tab(args.opens)))
        return
    if args.child == "prepare":
        prepare_saved_tabs(pathlib.Path(args.data))
        print(json.dumps({}))
        return
    if args.child == "startup":
        print(json.dumps(measure_startup(pathlib.Path(args.data))))
        return

    report: dict[str, object] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    runs: dict[str, list[dict]] = {k: [] for k in ("one", "many", "open", "startup", "launch")}
    with tempfile.TemporaryDirectory() as tmp:
        child(__file__, ["--child", "prepare", "--data", tmp])
        for _ in range(args.rounds):
            runs["one"].append(
                child(__file__, ["--child", "ingest", "--tabs", "1", "--per-tab", str(args.single)])
            )
            runs["many"].append(
                child(
                    __file__,
                    ["--child", "ingest", "--tabs", str(args.tabs), "--per-tab", str(args.per_tab)],
                )
            )
            runs["open"].append(
                child(__file__, ["--child", "open-tab", "--opens", str(args.opens)])
            )
            runs["startup"].append(child(__file__, ["--child", "startup", "--data", tmp]))
            runs["launch"].append(measure_launch(pathlib.Path(tmp)))
    report["load_average_after"] = os.getloadavg()
    med = {k: medians(v) for k, v in runs.items()}
    report.update({k: {"runs": runs[k], "median": med[k]} for k in runs})
    one, many = med["one"], med["many"]
    rows = [
        (
            f"ingest, 1 tab, {one['messages']:,.0f} msgs",
            f"{one['ingest_msgs_per_s']:,.0f} msg/s",
            "",
        ),
        (
            f"ingest, {args.tabs} tabs, {many['messages']:,.0f} msgs in all",
            f"{many['ingest_msgs_per_s']:,.0f} msg/s",
            ">= 1 tab's, >= 50,000",
        ),
        ("  longest stall, 1 tab", f"{one['max_stall_ms']:.0f} ms", ""),
        (f"  longest stall, {args.tabs} tabs", f"{many['max_stall_ms']:.0f} ms", "<= 100 ms"),
        ("  peak RSS, 1 tab", f"{one['peak_rss_mb']:.0f} MB", ""),
        (f"  peak RSS, {args.tabs} tabs", f"{many['peak_rss_mb']:.0f} MB", "< 300 MB"),
        ("open a tab (median)", f"{med['open']['open_tab_median_ms']:.0f} ms", "< 100 ms"),
        ("open a tab (worst)", f"{med['open']['open_tab_max_ms']:.0f} ms", ""),
        (
            f"start with {SAVED_TABS} saved tabs, until painted",
            f"{med['startup']['startup_s']:.2f} s",
            "< 1.5 s",
        ),
        ("  of which build + show + paint", f"{med['startup']['build_show_paint_s']:.2f} s", ""),
        ("python -m gui, launch to shown", f"{med['launch']['launch_to_shown_s']:.2f} s", ""),
    ]
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    print(f"Tsushin tabs bench — {report['date']} — medians of {args.rounds}")
    print(f"  load average {report['machine']['load_average']} -> {report['load_average_after']}")
    for name, value, target in rows:
        print(f"  {name:<{width}}  {value:>{vwidth}}  {target}")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    out = results / f"tabs-{datetime.date.today().isoformat()}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
