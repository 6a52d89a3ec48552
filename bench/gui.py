"""Benchmark of the window: ingest of a message flood, and a 1,000,000-message history.

Run from the repository root: ``python bench/gui.py [--rounds 3] [--count 100000]``.
Each measure runs in a fresh child process (so that memory figures are its own), a few
rounds; the table shows medians and the JSON goes to ``bench/results/gui-<date>.json``.

- ingest: the real window (``build_window``, shown, offscreen) connects in remote mode
  to a flood server in another process, which sends ``--count`` small JSON documents as
  fast as it can (pre-encoded, so the server is not the bottleneck). Measured from the
  request until the last message is both in the history model and in SQLite; a 10 ms
  QTimer heartbeat gives the longest event-loop stall.
- ``--checks``: the ingest again, interleaved, with no schema on the tab, with the
  flood's schema checked by the app (jsonschema-rs), and by ``jsonschema`` alone (what
  the runner uses), to see what the checks cost (``bench/checks.py``: per message).
- history: a SQLite file of ``--history`` messages is written directly (store schema),
  then a window is opened on that data folder: time to open (build + show + first paint
  of the history table), resident memory, and time to apply a text filter and a
  direction filter (until the table has painted the result).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import pathlib
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time

from qtbench import Heartbeat, child, machine, medians, wait_until

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NEEDLE = "needle-42"  # in one message out of 1,000 of the big history


# --- helpers ---------------------------------------------------------------------------


def rss_mb() -> float:
    """Current resident set size in MB."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PaintProbe:
    """Counts paint events of a widget (the history table's viewport)."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        probe = self

        class _Filter(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    probe.count += 1
                return False

        self.count = 0
        self._filter = _Filter()
        widget.installEventFilter(self._filter)


# --- the flood server (child process) ----------------------------------------------------


def serve_flood(count: int) -> None:
    """Answer the first message with ``count`` pre-encoded JSON documents."""
    from websockets.asyncio.server import ServerConnection, serve

    messages = [json.dumps({"i": i, "text": "通信" * 5}, ensure_ascii=False) for i in range(count)]

    async def flood(ws: ServerConnection) -> None:
        await ws.recv()
        for i, message in enumerate(messages):
            await ws.send(message)
            if i % 256 == 0:
                await asyncio.sleep(0)
        await ws.wait_closed()

    async def main() -> None:
        async with serve(flood, "127.0.0.1", 0, max_queue=None, ping_interval=None) as server:
            print(server.sockets[0].getsockname()[1], flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

    asyncio.run(main())


# --- measures (each in its own child process) --------------------------------------------


# What every flood message passes (bench/checks.py measures the validators alone).
FLOOD_SCHEMA = {
    "type": "object",
    "required": ["i", "text"],
    "properties": {"i": {"type": "integer", "minimum": 0}, "text": {"type": "string"}},
}
VALIDATORS = ("none", "jsonschema-rs", "jsonschema")


class _JsonschemaOnly:
    """Stands in for the Rust validator: ``jsonschema`` decides every message."""

    def __init__(self, schema) -> None:
        self._schema = schema

    def iter_errors(self, document):
        if not self._schema.check(document).ok:
            raise ValueError("let jsonschema explain it")
        return iter(())


def set_flood_schema(window, validator: str) -> None:
    """Check the flood on the current tab as ``validator`` says."""
    if validator == "none":
        return
    tab = window.current_tab()
    tab.schema_panel.set_text(json.dumps(FLOOD_SCHEMA))
    check = tab.checks.schema
    assert check is not None
    if validator == "jsonschema":
        check._fast = _JsonschemaOnly(check.schema)


def measure_ingest(count: int, validator: str = "none") -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.core.target import RemoteAddress, ServerMode

    app = QApplication.instance() or QApplication([])
    server = subprocess.Popen(
        [sys.executable, str(pathlib.Path(__file__).resolve()), "--serve-flood", str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        with tempfile.TemporaryDirectory() as tmp:
            window = build_window(pathlib.Path(tmp))
            window.show()
            set_flood_schema(window, validator)
            controller = window.controller
            controller.auto_reconnect = False
            controller.connect_to(ServerMode.REMOTE, RemoteAddress(host="127.0.0.1", port=port))
            wait_until(app, lambda: controller.client.is_connected, 10)
            wait_until(app, lambda: window.model.rowCount() >= 1, 10)
            db = sqlite3.connect(str(pathlib.Path(tmp) / "history.sqlite3"))

            received_rows = 0

            def in_model() -> bool:
                nonlocal received_rows
                model = window.model
                # Cheap check: rows after the "connected" row are all received ones.
                received_rows = model.rowCount() - 1
                return received_rows >= count + 1  # + the sent "go" row

            def in_store() -> bool:
                n = db.execute(
                    "SELECT COUNT(*) FROM messages WHERE direction = ?", ("received",)
                ).fetchone()[0]
                return n >= count

            rss_before = rss_mb()
            beat = Heartbeat()
            start = time.perf_counter()
            assert controller.send('{"go": true}')
            wait_until(app, in_model, 120)
            model_done = time.perf_counter()
            wait_until(app, in_store, 120)
            done = time.perf_counter()
            stall = beat.stop()
            last = window.model.index(window.model.rowCount() - 1, 4).data()
            assert f'"i": {count - 1}' in last, last
            checked = db.execute(
                "SELECT COUNT(*) FROM messages WHERE direction = 'received' AND schema_ok = 1"
            ).fetchone()[0]
            assert checked == (count if validator != "none" else 0), checked
            db.close()
            window.close()
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(10)
    return {
        "messages": count,
        "ingest_msgs_per_s": count / (done - start),
        "model_msgs_per_s": count / (model_done - start),
        "seconds": done - start,
        "max_stall_ms": stall * 1000,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def write_history(path: pathlib.Path, count: int) -> float:
    """Write ``count`` messages straight into a history database; return seconds."""
    from gui.models.store import HistoryStore

    start = time.perf_counter()
    HistoryStore(path).close()  # creates the schema (and whatever indexes it has)
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    base = int(time.time() * 1000) - count
    directions = ("sent", "received", "received", "received")

    def rows(lo: int, hi: int):
        for i in range(lo, hi):
            if i % 500 == 250:
                yield base + i, "system", 0, 0, f"connected to ws://127.0.0.1:8000/ #{i}"
                continue
            word = NEEDLE if i % 1000 == 0 else "hello"
            text = f'{{"type": "echo", "data": {{"i": {i}, "text": "{word} 通信"}}}}'
            yield base + i, directions[i % 4], len(text.encode()), 1, text

    chunk = 100_000
    for lo in range(0, count, chunk):
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO messages (time_ms, direction, size, is_json, text) VALUES (?,?,?,?,?)",
            rows(lo, min(count, lo + chunk)),
        )
        db.execute("COMMIT")
    db.close()
    return time.perf_counter() - start


def measure_history(data_dir: pathlib.Path, count: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window

    app = QApplication.instance() or QApplication([])
    rss_start = rss_mb()
    start = time.perf_counter()
    window = build_window(data_dir)
    panel = window.history
    probe = PaintProbe(panel.table.viewport())
    window.show()
    wait_until(app, lambda: probe.count > 0, 60)
    opened = time.perf_counter() - start
    for _ in range(5):
        app.processEvents()
    rss_open = rss_mb()

    beat = Heartbeat()
    painted = probe.count
    start = time.perf_counter()
    panel.filter_edit.setText(NEEDLE)
    panel.apply_filter_now()
    wait_until(app, lambda: probe.count > painted, 60)
    text_filter = time.perf_counter() - start
    text_rows = panel.proxy.rowCount()

    painted = probe.count
    start = time.perf_counter()
    panel.filter_edit.setText("")
    panel.apply_filter_now()
    panel.direction_combo.setCurrentIndex(panel.direction_combo.findText("System"))
    wait_until(app, lambda: probe.count > painted, 60)
    direction_filter = time.perf_counter() - start
    direction_rows = panel.proxy.rowCount()

    painted = probe.count
    start = time.perf_counter()
    panel.direction_combo.setCurrentIndex(panel.direction_combo.findText("All"))
    wait_until(app, lambda: probe.count > painted, 60)
    unfilter = time.perf_counter() - start
    stall = beat.stop()

    result = {
        "messages": count,
        "open_s": opened,
        "rss_after_open_mb": rss_open,
        "rss_start_mb": rss_start,
        "text_filter_s": text_filter,
        "text_filter_rows": text_rows,
        "text_filter_expected": (count + 999) // 1000,
        "direction_filter_s": direction_filter,
        "direction_filter_rows": direction_rows,
        "direction_filter_expected": (count + 249) // 500,
        "clear_filter_s": unfilter,
        "filter_max_stall_ms": stall * 1000,
        "rows_in_view_model": window.model.rowCount(),
        "peak_rss_mb": peak_rss_mb(),
    }
    window.close()
    return result


# --- driver -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", type=int, default=100_000, help="flood messages")
    parser.add_argument("--history", type=int, default=1_000_000, help="history messages")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-history", action="store_true")
    parser.add_argument(
        "--checks", action="store_true", help="ingest with and without schema checks"
    )
    parser.add_argument("--validator", default="none", help=argparse.SUPPRESS)
    parser.add_argument("--serve-flood", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-ingest", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-history", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve_flood is not None:
        serve_flood(args.serve_flood)
        return
    if args.child_ingest is not None:
        print(json.dumps(measure_ingest(args.child_ingest, args.validator)))
        return
    if args.child_history is not None:
        print(json.dumps(measure_history(pathlib.Path(args.child_history), args.history)))
        return

    report: dict[str, object] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    rows: list[tuple[str, str, str]] = []
    if args.checks:
        runs_by: dict[str, list[dict[str, float]]] = {v: [] for v in VALIDATORS}
        for _ in range(args.rounds):  # interleaved: the machine's load hits each alike
            for validator in VALIDATORS:
                runs_by[validator].append(
                    child(
                        __file__,
                        ["--child-ingest", str(args.count), "--validator", validator],
                    )
                )
        report["checks"] = {v: {"runs": r, "median": medians(r)} for v, r in runs_by.items()}
        base = medians(runs_by["none"])["ingest_msgs_per_s"]
        for validator in VALIDATORS:
            med = medians(runs_by[validator])
            rows += [
                (
                    f"ingest, schema: {validator}",
                    f"{med['ingest_msgs_per_s']:,.0f} msg/s"
                    f" ({med['ingest_msgs_per_s'] / base:.0%})",
                    ">= 80% of none",
                ),
                (f"  longest stall, {validator}", f"{med['max_stall_ms']:.0f} ms", "<= 100 ms"),
            ]
        args.skip_ingest = args.skip_history = True
    if not args.skip_ingest:
        runs = [child(__file__, ["--child-ingest", str(args.count)]) for _ in range(args.rounds)]
        med = medians(runs)
        report["ingest"] = {"runs": runs, "median": med}
        rows += [
            ("ingest (model + SQLite)", f"{med['ingest_msgs_per_s']:,.0f} msg/s", ">= 20,000"),
            ("ingest (model only)", f"{med['model_msgs_per_s']:,.0f} msg/s", ""),
            ("longest stall while ingesting", f"{med['max_stall_ms']:.0f} ms", "<= 100 ms"),
            ("peak RSS while ingesting", f"{med['peak_rss_mb']:.0f} MB", ""),
        ]
    if not args.skip_history:
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = pathlib.Path(tmp)
            written = write_history(data_dir / "history.sqlite3", args.history)
            runs = [
                child(__file__, ["--child-history", tmp, "--history", str(args.history)])
                for _ in range(args.rounds)
            ]
        med = medians(runs)
        report["history"] = {"write_db_s": written, "runs": runs, "median": med}
        n = f"{args.history:,}"
        rows += [
            (f"open window on {n} messages", f"{med['open_s']:.2f} s", "< 2 s"),
            ("RSS after open", f"{med['rss_after_open_mb']:.0f} MB", "< 600 MB"),
            ("peak RSS (open + filters)", f"{med['peak_rss_mb']:.0f} MB", "< 600 MB"),
            (
                "text filter",
                f"{med['text_filter_s']:.3f} s ({med['text_filter_rows']:,.0f}"
                f" of {med['text_filter_expected']:,.0f} rows)",
                "< 0.5 s",
            ),
            (
                "direction filter",
                f"{med['direction_filter_s']:.3f} s ({med['direction_filter_rows']:,.0f}"
                f" of {med['direction_filter_expected']:,.0f} rows)",
                "< 0.5 s",
            ),
            ("clear the filter", f"{med['clear_filter_s']:.3f} s", ""),
            ("longest stall while filtering", f"{med['filter_max_stall_ms']:.0f} ms", ""),
        ]
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    print(f"Tsushin GUI bench — {report['date']} — medians of {args.rounds}")
    for name, value, target in rows:
        print(f"  {name:<{width}}  {value:>{vwidth}}  {target}")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    kind = "gui-checks" if args.checks else "gui"
    out = results / f"{kind}-{datetime.date.today().isoformat()}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
