"""Time from launch to READY with a fresh ``--data-dir`` and with one already made.

    python bench/ready.py [--runs 7] [-- COMMAND...]

COMMAND is the server (default ``python -m embedded_server``; the frozen app is
``dist/Tsushin/Tsushin --serve``); ``--port 0 --data-dir DIR`` are added. Runs are
interleaved: a fresh empty folder (the server makes and migrates its database in the
background), then the same folder again (database made). Each server is stopped by
closing its stdin once its database is migrated. Prints the median and the spread of
each kind, and when the background migration was done on the fresh runs.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATABASE = "server.sqlite3"
READY = re.compile(rb"^READY (ws://\S+)")


def _migrated(folder: Path) -> bool:
    path = folder / DATABASE
    if not path.exists():
        return False
    with contextlib.closing(sqlite3.connect(path)) as db:
        return bool(db.execute("PRAGMA user_version").fetchone()[0])


def run_once(command: list[str], folder: Path, timeout: float = 60.0) -> tuple[float, float]:
    """Start the server on ``folder``; return (seconds to READY, seconds until its
    database is migrated). Stops it by closing its stdin once both happened."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*command, "--port", "0", "--data-dir", str(folder), "--exit-with-parent"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for line in iter(proc.stdout.readline, b""):
            if READY.match(line):
                ready = time.perf_counter() - started
                break
        else:
            raise RuntimeError(f"exited with {proc.wait()} before READY")
        while not _migrated(folder):
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{folder} not migrated within {timeout:.0f} s")
            time.sleep(0.02)
        migrated = time.perf_counter() - started
        proc.stdin.close()
        if proc.wait(timeout=30) != 0:
            raise RuntimeError(f"exited with {proc.returncode} after stdin closed")
        return ready, migrated
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("command", nargs="*", default=[sys.executable, "-m", "embedded_server"])
    args = parser.parse_args(argv)
    fresh: list[float] = []
    existing: list[float] = []
    migration: list[float] = []
    with tempfile.TemporaryDirectory(prefix="tsushin-ready-") as root:
        for n in range(args.runs):
            folder = Path(root) / f"run{n}"
            ready, migrated = run_once(args.command, folder)
            fresh.append(ready)
            migration.append(migrated)
            existing.append(run_once(args.command, folder)[0])
    for label, times in (
        ("fresh --data-dir", fresh),
        ("existing --data-dir", existing),
        ("fresh: migrated", migration),
    ):
        print(
            f"{label:20} after median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
