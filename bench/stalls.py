"""Benchmark of the longest GUI-thread stall of the actions that used to freeze the window.

Run from the repository root: ``python bench/stalls.py [--rounds 3] [--history 1000000]``.
Each measure runs in a fresh child process with the real window (``build_window``,
shown, offscreen); a 10 ms ``QTimer`` heartbeat gives the longest event-loop stall from
the action until its result is on screen:

- detail: select a received 2.1 MB JSON document (one line); until the pane shows it
  pretty-printed;
- export: Export of a 200,000-message history; until the file is written;
- stop-server: stop the embedded server (with a connection open); until it has exited;
- filter: a text filter over a 1,000,000-message history; until the table shows it;
- connect-silent: connect to a host that accepts TCP and never answers (1 s timeout);
  until the error is shown (the timing assertion that was in tests/gui/test_remote.py).
- tree: select a received 5 MB JSON document (over 100,000 values) with the detail
  pane's Tree tab shown; until the tree shows it;
- tree-search: in that tree, search for the text of its last value; until it is
  selected (the tree opened down to it);
- diff: compare two such documents that differ in 1,000 places (Compare…); until the
  dialog lists the differences.

The editor's 5 MB paste is in ``bench/editor.py``. Target: no stall over 100 ms.
Results go to ``bench/results/stalls-<date>.json``. The script works against older
versions of the app too (it only uses what they had), for the "before" figures.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import socket
import sqlite3
import sys
import tempfile
import time

from qtbench import Heartbeat, child, machine, medians, wait_until

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MEASURES = ("detail", "export", "stop-server", "filter", "connect-silent")
TREE_MEASURES = ("tree", "tree-search", "diff")  # issue 12: the tree and the diff


def fill_history(path: pathlib.Path, count: int) -> None:
    """``count`` messages straight into a history file (the store's schema)."""
    from gui.models.store import HistoryStore

    HistoryStore(path).close()
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    base = int(time.time() * 1000) - count
    db.execute("BEGIN")
    rows = (
        (base + i, "received", 40, 1, f'{{"i": {i}, "text": "{"x" if i % 1000 else "y"}"}}')
        for i in range(count)
    )
    db.executemany(
        "INSERT INTO messages (time_ms, direction, size, is_json, text) VALUES (?,?,?,?,?)", rows
    )
    db.execute("COMMIT")
    db.close()


def measure(name: str, history: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.core.records import Direction, make_record

    app = QApplication.instance() or QApplication([])
    tmp = pathlib.Path(tempfile.mkdtemp())
    if name == "filter":
        fill_history(tmp / "history.sqlite3", history)
    elif name == "export":
        fill_history(tmp / "history.sqlite3", 200_000)
    window = build_window(tmp)
    window.resize(1100, 720)
    window.show()
    for _ in range(20):
        app.processEvents()
    panel, model = window.history, window.model
    result: dict[str, float] = {}

    if name == "detail":
        # About 2 MB, and under the 2,000,000 characters the pane used to pretty-print.
        items = [{"id": i, "name": f"item {i} 通信", "ok": True} for i in range(38_000)]
        text = json.dumps({"items": items}, ensure_ascii=False)
        assert len(text) < 2_000_000
        record = make_record(Direction.RECEIVED, text)
        result["megabytes"] = record.size / 1e6
        beat = Heartbeat()
        start = time.perf_counter()
        window.detail.show_record(record)
        wait_until(app, lambda: not getattr(window.detail, "busy", False), 120)
        for _ in range(5):
            app.processEvents()
        result["seconds"] = time.perf_counter() - start
        result["lines_shown"] = window.detail.text.document().blockCount()
    elif name == "export":
        target = tmp / "export.jsonl"
        done: list[str] = []
        beat = Heartbeat()
        start = time.perf_counter()
        if hasattr(panel, "start_export"):
            panel.exportFinished.connect(done.append)
            panel.start_export(target)
            wait_until(app, lambda: bool(done), 300)
        else:
            panel.export_to(target)
        result["seconds"] = time.perf_counter() - start
        result["rows"] = sum(1 for _ in target.open(encoding="utf-8"))
    elif name == "stop-server":
        window.start_embedded_on_launch()
        wait_until(app, lambda: window.controller.client.is_connected, 60)
        process_id = window.launcher.pid()
        beat = Heartbeat()
        start = time.perf_counter()
        window.controller.shutdown()
        from tests.processes import process_alive

        wait_until(app, lambda: not process_alive(process_id), 30)
        result["seconds"] = time.perf_counter() - start
    elif name == "filter":
        beat = Heartbeat()
        start = time.perf_counter()
        panel.filter_edit.setText("x")
        panel.apply_filter_now()
        wait_until(app, lambda: not getattr(model, "filtering", False), 120)
        for _ in range(5):
            app.processEvents()
        result["seconds"] = time.perf_counter() - start
        result["rows"] = panel.proxy.rowCount()
    elif name == "connect-silent":
        from gui.core.connection import ConnectionState
        from gui.core.target import RemoteAddress, ServerMode

        window.controller.client.connect_timeout = 1.0
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen(1)
            address = RemoteAddress(host="127.0.0.1", port=silent.getsockname()[1])
            beat = Heartbeat()
            start = time.perf_counter()
            window.controller.connect_to(ServerMode.REMOTE, address)
            wait_until(app, lambda: window.controller.state is ConnectionState.ERROR, 30)
            result["seconds"] = time.perf_counter() - start
    elif name in TREE_MEASURES:
        beat, seconds = measure_tree(app, window, name, result)
        result["seconds"] = seconds
    else:
        raise SystemExit(f"unknown measure {name}")
    result["max_stall_ms"] = beat.stop() * 1000
    window.close()
    if hasattr(window, "wait_shut_down"):
        window.wait_shut_down()
    return result


def big_document(tag: str = "") -> str:
    """About 5 MB of JSON, 20,000 objects of 6 values each (over 100,000 values)."""
    items = [
        {
            "id": i,
            "name": f"item {i} 通信{tag if i % 20 == 0 else ''}",
            "ok": i % 2 == 0,
            "price": i * 1.25,
            "tags": ["a", "b"],
            "note": "x" * 150,
        }
        for i in range(20_000)
    ]
    return json.dumps({"type": "echo", "data": {"items": items}}, ensure_ascii=False)


def measure_tree(app, window, name: str, result: dict[str, float]) -> tuple[Heartbeat, float]:
    """The tree and diff measures (see the module docstring)."""
    from gui.core.records import Direction, make_record

    detail = window.detail
    record = make_record(Direction.RECEIVED, big_document())
    result["megabytes"] = record.size / 1e6
    if name == "diff":
        other = make_record(Direction.RECEIVED, big_document(tag="!"))
        for rec in (record, other):
            window.model.inbox.put(rec)
        window.model.flush()
        table = window.history.table
        table.selectAll()
        wait_until(app, lambda: not detail.busy, 120)  # the detail pane shows one of them
        beat = Heartbeat()
        start = time.perf_counter()
        dialog = window.history.compare_selection()
        wait_until(app, lambda: dialog.diff is not None, 300)
        for _ in range(5):
            app.processEvents()
        result["differences"] = len(dialog.diff.changes)
        return beat, time.perf_counter() - start
    detail.show_tree()
    if name == "tree-search":
        detail.show_record(record)
        wait_until(app, lambda: not detail.busy, 120)
    beat = Heartbeat()
    start = time.perf_counter()
    if name == "tree":
        detail.show_record(record)
        wait_until(app, lambda: not detail.busy and detail.tree.has_document, 120)
    else:
        tree = detail.tree
        tree.search_edit.setText("item 19999 通信")
        tree.search_now()
        wait_until(app, lambda: tree.current_match == 0, 120)
        result["matches"] = len(tree.matches)
    for _ in range(5):
        app.processEvents()
    return beat, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--only", choices=MEASURES + TREE_MEASURES, action="append")
    parser.add_argument("--label", default="", help="a suffix for the results file")
    parser.add_argument("--child", choices=MEASURES + TREE_MEASURES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.history)))
        return
    report: dict[str, object] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "root": str(ROOT),
    }
    print(f"Tsushin GUI stalls — {report['date']} — medians of {args.rounds}")
    for name in args.only or MEASURES:
        runs = [
            child(__file__, ["--child", name, "--history", str(args.history)])
            for _ in range(args.rounds)
        ]
        med = medians(runs)
        report[name] = {"runs": runs, "median": med}
        extra = f"  ({med['rows']:,.0f} rows)" if "rows" in med else ""
        print(
            f"  {name:<15} longest stall {med['max_stall_ms']:>7.0f} ms"
            f"   done in {med['seconds']:>6.2f} s{extra}"
        )
    print("  target: no stall over 100 ms")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    suffix = f"-{args.label}" if args.label else ""
    out = results / f"stalls-{datetime.date.today().isoformat()}{suffix}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
