"""Benchmark the headless scenario runner: ``python -m gui run --users 50``.

    python bench/scenarios.py [--rounds 3] [--users 50] [--scenario examples/echo-load.json]

Starts the embedded server (``python -m embedded_server --port 0``), then runs the real
command ``python -m gui run SCENARIO --users N --url URL --junit FILE`` as a child
process, ``--rounds`` times. The default scenario (``examples/echo-load.json``) is 100
steps per user: 50 sends, each followed by an expect that must match that user's own
``{{user}}`` and ``{{counter}}`` in the echo. A round counts only when the command exits
0 and its JUnit report shows every user's test cases passed; anything else stops the
bench with exit code 1.

Printed per round and as medians: the command's wall time (interpreter start
included), the run's own time (the runner's summary line: connect to last step), and
the steps per second over all users. Results go to
``bench/results/scenarios-<UTC date and time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SUMMARY = re.compile(r"^passed: (\d+) users?, (\d+) steps, in ([\d.]+) s$", re.M)


def start_server() -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "embedded_server", "--port", "0", "--exit-with-parent"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline().strip()
    if not line.startswith("READY "):
        server.kill()
        raise SystemExit(f"the embedded server did not start: {line!r}")
    return server, line.split(" ", 1)[1]


def one_round(scenario: Path, users: int, url: str, junit: Path) -> dict[str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "gui", "run", str(scenario), "--users", str(users), "--quiet",
         "--url", url, "--junit", str(junit)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    summary = SUMMARY.search(done.stdout)
    if done.returncode != 0 or summary is None:
        raise SystemExit(
            f"the run failed (exit code {done.returncode}):\n{done.stdout}{done.stderr}"
        )
    root = ET.parse(junit).getroot()
    suites = root.findall("testsuite")
    failed = [s.get("name") for s in suites if s.get("failures") != "0" or s.get("errors") != "0"]
    if len(suites) != users or failed or root.get("skipped") != "0":
        raise SystemExit(f"JUnit report: {len(suites)} suites, failed: {failed}")
    steps, run_s = int(summary.group(2)), float(summary.group(3))
    return {"wall_s": wall, "run_s": run_s, "steps": steps, "steps_per_s": steps / run_s}


def _figures(result: dict[str, float]) -> str:
    return (
        f"{result['steps']:.0f} steps, every expectation met; run {result['run_s']:.2f} s, "
        f"command {result['wall_s']:.2f} s, {result['steps_per_s']:,.0f} steps/s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--scenario", type=Path, default=ROOT / "examples" / "echo-load.json")
    args = parser.parse_args()
    server, url = start_server()
    rounds: list[dict[str, float]] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            for number in range(1, args.rounds + 1):
                result = one_round(args.scenario, args.users, url, Path(folder) / "junit.xml")
                rounds.append(result)
                print(f"round {number}: {_figures(result)}", flush=True)
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(10)
    medians = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    print(f"median of {len(rounds)} rounds: {_figures(medians)}")
    out = BENCH / "results" / f"scenarios-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(
        json.dumps(
            {
                "scenario": str(
                    args.scenario.relative_to(ROOT)
                    if args.scenario.is_relative_to(ROOT)
                    else args.scenario
                ),
                "users": args.users,
                "rounds": rounds,
                "median": medians,
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
                },
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"results: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
