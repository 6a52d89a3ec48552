"""Benchmark the embedded server against a bare ``websockets`` echo server.

    python bench/server.py [--rounds 5] [--reference-json stdlib|orjson]

Starts ``python -m embedded_server --port 0`` and ``bench/reference_server.py`` (same
reply shape, same JSON work), then runs every scenario on both, interleaved (A B, then
B A in the next round, ...), and prints the median of each figure and its ratio to the
reference:

- latency        1 connection, ping-pong, 2,000 × 100 B documents: p50 / p99 round trip
- throughput-1   1 connection, 64 in flight, 20,000 × 100 B: messages/s
- throughput-50  50 connections × 400 ping-pong at once: messages/s, p99 round trip
- big            1 connection, 4 in flight, 200 × 256 KB documents: MB/s (request bytes)
- latency-deflate, throughput-1-deflate, big-deflate: the same with permessage-deflate
  negotiated (every message compressed on its own), against the reference compressing too

Every reply is checked against the document sent, in order; a wrong or lost reply
stops the run with exit code 1. The client's own CPU use is measured in every run and
printed ("client CPU"): if it is near 100% of a core, the client is the bottleneck and
the figure is not the server's. Server CPU per message (from /proc) is printed too; it
is the figure least disturbed by other load on the machine.

Results are also written as JSON to ``bench/results/server-<UTC date and time>.json``;
``bench/plot.py`` draws them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import queue
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from loadgen import BenchError, Workload, open_connection

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SMALL_SIZE = 100
BIG_SIZE = 256 * 1024

# name: (metric, True when higher is better, target ratio to the reference)
TARGETS: dict[str, tuple[str, bool, float]] = {
    "latency": ("p50_us", False, 1.5),
    "throughput-1": ("msgs_per_s", True, 0.8),
    "throughput-50": ("msgs_per_s", True, 0.5),
    "big": ("mb_per_s", True, 1.2),
    # No targets: what compression costs, against the same reference compressing too.
    "latency-deflate": ("p50_us", False, 0.0),
    "throughput-1-deflate": ("msgs_per_s", True, 0.0),
    "big-deflate": ("mb_per_s", True, 0.0),
}


# -- documents


def small_document(seq: int) -> dict[str, Any]:
    """A 100-byte JSON document (compact encoding) that carries its sequence number."""
    document: dict[str, Any] = {"seq": seq, "name": "tsushin", "ok": True, "text": ""}
    padding = SMALL_SIZE - len(json.dumps(document, separators=(",", ":")))
    document["text"] = "x" * padding
    return document


def big_items() -> list[dict[str, Any]]:
    """About 256 KB of ordinary-looking records: numbers, short and long strings."""
    items: list[dict[str, Any]] = []
    size = 0
    number = 0
    while size < BIG_SIZE - 400:
        item = {
            "id": number,
            "name": f"record {number}",
            "price": round(number * 1.37, 2),
            "tags": ["alpha", "beta", "通信"],
            "active": number % 3 != 0,
            "note": "the quick brown fox jumps over the lazy dog " * 3,
        }
        items.append(item)
        size += len(json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode()) + 1
        number += 1
    return items


def big_documents(count: int) -> list[dict[str, Any]]:
    items = big_items()
    return [{"seq": seq, "items": items} for seq in range(count)]


# -- servers


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    host: str
    port: int
    path: str

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server process so far (Linux only)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(name: str, command: list[str]) -> Server:
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    lines: queue.Queue[bytes] = queue.Queue()
    assert process.stdout is not None
    threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=60).decode().strip()
    except queue.Empty:
        line = ""
    if not line.startswith("READY ws://"):
        process.kill()
        raise BenchError(f"{name}: no READY line (got {line!r})")
    address, _, path = line.split(" ", 1)[1].removeprefix("ws://").partition("/")
    host, _, port = address.rpartition(":")
    return Server(name, process, host.strip("[]"), int(port), "/" + path)


# -- scenarios: each returns its figures and the number of messages it exchanged


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def latency(server: Server) -> tuple[dict[str, float], int]:
    workload = Workload([small_document(n) for n in range(2000)])
    connection = await open_connection(server.host, server.port, server.path)
    try:
        await connection.start(workload, in_flight=1)
    finally:
        connection.close()
    trips = connection.round_trips
    return {"p50_us": percentile(trips, 0.5) * 1e6, "p99_us": percentile(trips, 0.99) * 1e6}, 2000


async def throughput_1(server: Server) -> tuple[dict[str, float], int]:
    count = 20_000
    workload = Workload([small_document(n) for n in range(count)])
    connection = await open_connection(server.host, server.port, server.path)
    try:
        started = time.perf_counter()
        await connection.start(workload, in_flight=64)
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
    return {"msgs_per_s": count / elapsed}, count


async def throughput_50(server: Server) -> tuple[dict[str, float], int]:
    clients, each = 50, 400
    workloads = [
        Workload([{**small_document(n), "client": c} for n in range(each)]) for c in range(clients)
    ]
    connections = await asyncio.gather(
        *(open_connection(server.host, server.port, server.path) for _ in range(clients))
    )
    try:
        started = time.perf_counter()
        await asyncio.gather(
            *(c.start(w, in_flight=1) for c, w in zip(connections, workloads, strict=True))
        )
        elapsed = time.perf_counter() - started
    finally:
        for connection in connections:
            connection.close()
    trips = [trip for connection in connections for trip in connection.round_trips]
    figures = {"msgs_per_s": clients * each / elapsed, "p99_us": percentile(trips, 0.99) * 1e6}
    return figures, clients * each


_BIG_WORKLOAD: Workload | None = None


async def big(server: Server) -> tuple[dict[str, float], int]:
    global _BIG_WORKLOAD
    if _BIG_WORKLOAD is None:
        _BIG_WORKLOAD = Workload(big_documents(200))
    workload = _BIG_WORKLOAD
    connection = await open_connection(server.host, server.port, server.path)
    try:
        started = time.perf_counter()
        await connection.start(workload, in_flight=4)
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
    request_bytes = sum(len(frame) - 14 for frame in workload.frames)
    return {"mb_per_s": request_bytes / elapsed / 1e6}, len(workload.frames)


async def latency_deflate(server: Server) -> tuple[dict[str, float], int]:
    workload = Workload([small_document(n) for n in range(2000)], deflate=True)
    connection = await open_connection(server.host, server.port, server.path, deflate=True)
    try:
        await connection.start(workload, in_flight=1)
    finally:
        connection.close()
    trips = connection.round_trips
    return {"p50_us": percentile(trips, 0.5) * 1e6, "p99_us": percentile(trips, 0.99) * 1e6}, 2000


async def throughput_1_deflate(server: Server) -> tuple[dict[str, float], int]:
    count = 20_000
    workload = Workload([small_document(n) for n in range(count)], deflate=True)
    connection = await open_connection(server.host, server.port, server.path, deflate=True)
    try:
        started = time.perf_counter()
        await connection.start(workload, in_flight=64)
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
    return {"msgs_per_s": count / elapsed}, count


_BIG_DEFLATE_WORKLOAD: Workload | None = None


async def big_deflate(server: Server) -> tuple[dict[str, float], int]:
    global _BIG_DEFLATE_WORKLOAD
    if _BIG_DEFLATE_WORKLOAD is None:
        _BIG_DEFLATE_WORKLOAD = Workload(big_documents(200), deflate=True)
    workload = _BIG_DEFLATE_WORKLOAD
    connection = await open_connection(server.host, server.port, server.path, deflate=True)
    try:
        started = time.perf_counter()
        await connection.start(workload, in_flight=4)
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
    request_bytes = sum(len(orjson.dumps(document)) for document in workload.documents)
    return {"mb_per_s": request_bytes / elapsed / 1e6}, len(workload.frames)


SCENARIOS: dict[str, Callable[[Server], Awaitable[tuple[dict[str, float], int]]]] = {
    "latency": latency,
    "throughput-1": throughput_1,
    "throughput-50": throughput_50,
    "big": big,
    # permessage-deflate (RFC 7692) negotiated, each message compressed on its own;
    # "big-deflate" counts the uncompressed request bytes.
    "latency-deflate": latency_deflate,
    "throughput-1-deflate": throughput_1_deflate,
    "big-deflate": big_deflate,
}


async def measure(server: Server, scenario: str, timeout: float) -> dict[str, float]:
    """Run one scenario on one server; add server µs of CPU per message and client CPU."""
    server_cpu = server.cpu_seconds()
    client_cpu = time.process_time()
    started = time.perf_counter()
    try:
        figures, messages = await asyncio.wait_for(SCENARIOS[scenario](server), timeout)
    except TimeoutError:
        raise BenchError(
            f"{server.name} {scenario}: replies missing after {timeout:.0f} s"
        ) from None
    except BenchError as error:
        raise BenchError(f"{server.name} {scenario}: {error}") from None
    except OSError as error:
        raise BenchError(f"{server.name} {scenario}: {error}") from None
    wall = time.perf_counter() - started
    figures["client_cpu"] = (time.process_time() - client_cpu) / wall
    if server_cpu is not None:
        used = (server.cpu_seconds() or 0.0) - server_cpu
        figures["server_cpu_us_per_msg"] = used / messages * 1e6
    return figures


# -- the run


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "load_average_1min": load,
    }


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def summarise(results: dict[str, dict[str, list[dict[str, float]]]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for scenario in results["embedded"]:
        ours = medians(results["embedded"][scenario])
        ref = medians(results["reference"][scenario])
        metric, higher_is_better, target = TARGETS[scenario]
        ratio = ours[metric] / ref[metric]
        met = None if not target else ratio >= target if higher_is_better else ratio <= target
        summary[scenario] = {
            "embedded": ours,
            "reference": ref,
            "ratios": {key: ours[key] / ref[key] for key in ours if ref[key]},
            "metric": metric,
            "target": target,
            "higher_is_better": higher_is_better,
            "met": met,
        }
    return summary


def print_summary(summary: dict[str, Any]) -> None:
    print()
    header = f"{'scenario':14} {'figure':22} {'embedded':>12} {'reference':>12} {'ratio':>7}"
    print(header + "  target")
    print("-" * (len(header) + 14))
    for scenario, row in summary.items():
        for key in row["embedded"]:
            ours, ref = row["embedded"][key], row["reference"][key]
            ratio = row["ratios"].get(key, float("nan"))
            note = ""
            if key == row["metric"] and row["target"]:
                sign = "≥" if row["higher_is_better"] else "≤"
                note = f"{sign} {row['target']}× {'met' if row['met'] else 'NOT MET'}"
            print(f"{scenario:14} {key:22} {ours:12.2f} {ref:12.2f} {ratio:7.2f}  {note}")
    worst = max(row["reference"]["client_cpu"] for row in summary.values())
    if worst > 0.9:
        print(
            f"\nwarning: the client used {worst:.0%} of a core against the reference;"
            " it may be the bottleneck there"
        )


def run(args: argparse.Namespace) -> int:
    scenarios = args.scenarios.split(",")
    for name in scenarios:
        if name not in SCENARIOS:
            print(f"unknown scenario {name!r}; choose from {', '.join(SCENARIOS)}")
            return 2
    machine_at_start = machine()  # the load average before the servers add theirs
    servers: list[Server] = []
    try:
        servers.append(
            start_server(
                "embedded",
                [sys.executable, "-m", "embedded_server", "--port", "0", "--exit-with-parent"],
            )
        )
        servers.append(
            start_server(
                "reference",
                [
                    sys.executable,
                    str(BENCH / "reference_server.py"),
                    "--port",
                    "0",
                    "--json",
                    args.reference_json,
                ],
            )
        )
        results: dict[str, dict[str, list[dict[str, float]]]] = {
            s.name: {name: [] for name in scenarios} for s in servers
        }

        async def all_rounds() -> None:
            for server in servers:  # warm-up: imports, caches, JIT-free but first-use costs
                for name in scenarios:
                    await measure(server, name, args.timeout)
            for round_number in range(args.rounds):
                order = servers if round_number % 2 == 0 else servers[::-1]
                for name in scenarios:
                    for server in order:
                        figures = await measure(server, name, args.timeout)
                        results[server.name][name].append(figures)
                        shown = ", ".join(f"{k}={v:.1f}" for k, v in figures.items())
                        print(
                            f"round {round_number + 1}/{args.rounds} {server.name:9} "
                            f"{name:13} {shown}",
                            flush=True,
                        )

        asyncio.run(all_rounds())
    except BenchError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        for server in servers:
            server.stop()

    summary = summarise(results)
    print_summary(summary)
    if not args.no_save:
        stamp = datetime.now(UTC)
        report = {
            "date": stamp.isoformat(timespec="seconds"),
            "machine": machine_at_start,
            "rounds": args.rounds,
            "reference": f"websockets + {args.reference_json} json",
            "label": args.label,
            "summary": summary,
            "runs": results,
        }
        out = (
            Path(args.output)
            if args.output
            else (BENCH / "results" / f"server-{stamp:%Y%m%dT%H%M%SZ}.json")
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"\nresults written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help="comma-separated subset of: " + ", ".join(SCENARIOS),
    )
    parser.add_argument(
        "--reference-json",
        choices=["stdlib", "orjson"],
        default="stdlib",
        help="JSON library of the reference server (default stdlib)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="seconds one scenario may take before replies count as lost",
    )
    parser.add_argument("--label", default="", help="free text stored in the JSON results")
    parser.add_argument("--output", help="where to write the JSON results")
    parser.add_argument("--no-save", action="store_true", help="do not write JSON results")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
