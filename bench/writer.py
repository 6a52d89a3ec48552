"""Benchmark of the history writer beside a busy Python thread (the GIL convoy).

Run from the repository root: ``python bench/writer.py [--rows 100000] [--threads 1]``.
``--threads`` threads spin in Python (as tabs' readers do in a flood) while
``HistoryStore.append_rows`` writes ``--rows`` rows in batches of ``--batch``, once the
way it wrote before (one ``executemany``: SQLite steps, and sqlite3 gives up the GIL,
once per row) and once the way it writes now (one statement of JSON rows per batch).
Printed: wall time per row, and the share of their own speed (alone) the spinning
threads kept meanwhile. Then the same for reading the rows back a page (256 ids) at a
time with ``fetch``.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile
import threading
import time
from collections.abc import Callable

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from gui.core.records import Direction, MessageRecord, binary_record, parse_record
from gui.models.store import HistoryStore


def spin(stop: threading.Event, out: list[int]) -> None:
    n = 0
    while not stop.is_set():
        n += 1
    out.append(n)


def spinning(seconds: float | None, fn: Callable[[], None], threads: int) -> tuple[float, int]:
    """Run ``fn`` (or sleep ``seconds``) beside ``threads`` spinning threads: the wall
    time, and how far the threads counted."""
    stop, out = threading.Event(), list[int]()
    spinners = [threading.Thread(target=spin, args=(stop, out)) for _ in range(threads)]
    for th in spinners:
        th.start()
    t = time.perf_counter()
    if seconds is None:
        fn()
    else:
        time.sleep(seconds)
    elapsed = time.perf_counter() - t
    stop.set()
    for th in spinners:
        th.join()
    return elapsed, sum(out)


def beside_spinner(fn: Callable[[], None], threads: int) -> tuple[float, float]:
    """``fn``'s wall time beside spinning threads, and the share of their speed (alone)
    they kept."""
    _, alone = spinning(0.5, fn, threads)
    elapsed, count = spinning(None, fn, threads)
    return elapsed, count / elapsed / (alone / 0.5)


def records(n: int) -> list[MessageRecord]:
    out = []
    for i in range(n):
        if i % 50 == 49:
            rec = binary_record(Direction.RECEIVED, bytes(range(256)) * 4)
        else:
            text = json.dumps({"i": i, "text": "通信" * 5}, ensure_ascii=False)
            rec = parse_record(Direction.RECEIVED, text, size=len(text))[0]
            rec.rtt_ms = i / 7 if i % 2 else None
        rec.connection = "c1"
        out.append(rec)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--threads", type=int, default=1, help="busy threads beside it")
    args = parser.parse_args()
    recs = records(args.rows)
    rows = [(i + 1, r) for i, r in enumerate(recs)]
    with tempfile.TemporaryDirectory() as folder:
        for name, one_statement in (("executemany", False), ("one statement", True)):
            store = HistoryStore(pathlib.Path(folder) / f"{one_statement}.sqlite3")
            store._json = one_statement

            def write(store: HistoryStore = store) -> None:
                for k in range(0, len(rows), args.batch):
                    store.append_rows(rows[k : k + args.batch])

            elapsed, share = beside_spinner(write, args.threads)
            print(
                f"write, {name}: {elapsed / args.rows * 1e6:.1f} µs/row,"
                f" the busy thread kept {share:.0%} of its speed"
            )
            if one_statement:
                pages = [list(range(k + 1, k + 257)) for k in range(0, args.rows - 256, 256)]

                def read(store: HistoryStore = store, pages: list[list[int]] = pages) -> None:
                    for ids in pages:
                        store.fetch(ids)

                elapsed, share = beside_spinner(read, args.threads)
                print(
                    f"read, fetch of 256 rows: {elapsed / len(pages) * 1e3:.2f} ms/page,"
                    f" the busy thread kept {share:.0%} of its speed"
                )
            store.close()


if __name__ == "__main__":
    main()
