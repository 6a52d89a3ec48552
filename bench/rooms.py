"""Benchmark one room: Tsushin's rooms against the stock Channels group consumer.

    python bench/rooms.py [--rounds 3] [--messages 2000] [--members 50] [--window 50]

Scenarios, each run on both implementations, interleaved (ours then stock, then stock
then ours in the next round):

- redis   two server processes on one real ``redis-server`` (started here on a free
          port, no persistence), the members spread over both, the sender on the first;
- memory  one server process, the in-memory channel layer.

"stock" is ``bench/stock_rooms.py`` (``AsyncJsonWebsocketConsumer`` with ``group_send``,
``channels_redis`` on the same Redis) under the same daphne; "ours" is ``python -m
embedded_server`` (``/rooms/<room>/``). One member sends ``--messages`` documents as
fast as the server takes them (at most ``--window`` of its own not yet echoed back);
every member, the sender too, must get every document once, in the order sent.

Per run: deliveries per second (from the first send to the last delivery), p50/p99
delivery latency, lost and out-of-order deliveries, ``room_overloaded`` notices (ours:
the layer refused a message and said so; the stock layer drops it without a word),
and the client's CPU use (near 100% of a core: the client, not the server, limits
the figure). The medians of the rounds and the ratios ours/stock are printed last.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websockets

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from tests.redis_server import RedisServer, free_port  # noqa: E402

READY = re.compile(rb"^READY ws://([^:/]+):(\d+)/")
ROOM = "bench"


@dataclass
class Run:
    deliveries: int = 0
    lost: int = 0
    out_of_order: int = 0
    overloaded: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    client_cpu: float = 0.0

    @property
    def per_second(self) -> float:
        return self.deliveries / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0


# -- servers


def start_ours(redis_url: str | None) -> tuple[subprocess.Popen[bytes], str]:
    command = [sys.executable, "-m", "embedded_server", "--port", "0", "--exit-with-parent"]
    if redis_url:
        command += ["--redis", redis_url]
    proc = subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert proc.stdout is not None
    for line in iter(proc.stdout.readline, b""):
        match = READY.match(line)
        if match:
            return proc, f"ws://{match[1].decode()}:{match[2].decode()}/rooms/{ROOM}/"
    raise RuntimeError(f"embedded_server exited with {proc.wait()} before READY")


def start_stock(redis_url: str | None) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ)
    env.pop("STOCK_REDIS_URL", None)
    if redis_url:
        env["STOCK_REDIS_URL"] = redis_url
    proc = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
         "stock_rooms:application"],
        cwd=BENCH, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"daphne exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"ws://127.0.0.1:{port}/rooms/{ROOM}/"
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("daphne did not listen within 60 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- one run


async def one_run(urls: list[str], members: int, messages: int, window: int) -> Run:
    run = Run()
    sockets = [
        await websockets.connect(urls[i % len(urls)], max_size=None, compression=None)
        for i in range(members)
    ]
    await asyncio.sleep(1.0)  # joined notices settle
    for ws in sockets:  # drop welcome/joined
        while True:
            try:
                await asyncio.wait_for(ws.recv(), 0.05)
            except TimeoutError:
                break
    credit = asyncio.Semaphore(window)
    last_seen = [-1] * members
    got = [0] * members
    done = asyncio.Event()
    expected = messages * members
    last_delivery = [0.0]

    async def receive(index: int, ws: Any) -> None:
        async for raw in ws:
            now = time.perf_counter()
            message = json.loads(raw)
            if message.get("type") != "message":
                if message.get("code") == "room_overloaded" or "overloaded" in str(message):
                    run.overloaded += 1
                    if index == 0:
                        credit.release()
                continue
            data = message["data"]
            n = data["n"]
            if n <= last_seen[index]:
                run.out_of_order += 1
            last_seen[index] = max(last_seen[index], n)
            got[index] += 1
            run.latencies.append(now - data["t"])
            run.deliveries += 1
            last_delivery[0] = now
            if index == 0:
                credit.release()
            if run.deliveries == expected:
                done.set()

    readers = [asyncio.create_task(receive(i, ws)) for i, ws in enumerate(sockets)]
    cpu0 = time.process_time()
    started = time.perf_counter()
    sender = sockets[0]
    for n in range(messages):
        await credit.acquire()
        await sender.send(json.dumps({"n": n, "t": time.perf_counter(), "pad": "x" * 60}))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), 10.0)
    run.seconds = (last_delivery[0] or time.perf_counter()) - started
    run.client_cpu = (time.process_time() - cpu0) / max(run.seconds, 1e-9)
    run.lost = expected - run.deliveries
    for task in readers:
        task.cancel()
    for ws in sockets:
        await ws.close()
    return run


# -- main


def describe(name: str, run: Run) -> str:
    return (
        f"  {name:6} {run.per_second:9.0f} deliveries/s  p50 {run.percentile(0.5):7.1f} ms  "
        f"p99 {run.percentile(0.99):7.1f} ms  lost {run.lost}  out-of-order {run.out_of_order}  "
        f"overloaded {run.overloaded}  client CPU {run.client_cpu:.0%}"
    )


def scenario(name: str, redis_url: str | None, servers: int, args: argparse.Namespace) -> None:
    print(f"== {name}: {servers} server(s), {args.members} members, {args.messages} messages")
    ours = [start_ours(redis_url) for _ in range(servers)]
    stock = [start_stock(redis_url) for _ in range(servers)]
    results: dict[str, list[Run]] = {"ours": [], "stock": []}
    try:
        for round_ in range(args.rounds):
            order = [("ours", ours), ("stock", stock)]
            if round_ % 2:
                order.reverse()
            for label, procs in order:
                urls = [url for _, url in procs]
                run = asyncio.run(one_run(urls, args.members, args.messages, args.window))
                results[label].append(run)
                print(describe(label, run), flush=True)
    finally:
        for proc, _ in ours + stock:
            stop(proc)
    medians = {
        label: statistics.median(r.per_second for r in runs) for label, runs in results.items()
    }
    p99 = {
        label: statistics.median(r.percentile(0.99) for r in runs)
        for label, runs in results.items()
    }
    lost = {label: sum(r.lost for r in runs) for label, runs in results.items()}
    disorder = {label: sum(r.out_of_order for r in runs) for label, runs in results.items()}
    ratio = medians["ours"] / medians["stock"] if medians["stock"] else float("inf")
    print(
        f"  median: ours {medians['ours']:.0f}/s (p99 {p99['ours']:.1f} ms), "
        f"stock {medians['stock']:.0f}/s (p99 {p99['stock']:.1f} ms), ratio {ratio:.2f}x; "
        f"lost ours {lost['ours']} stock {lost['stock']}; "
        f"out-of-order ours {disorder['ours']} stock {disorder['stock']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--window", type=int, default=50)
    parser.add_argument("--only", choices=["redis", "memory"])
    args = parser.parse_args(argv)
    if args.only != "memory":
        redis = RedisServer()
        redis.start()
        try:
            scenario("redis", redis.url, 2, args)
        finally:
            redis.stop()
    if args.only != "redis":
        scenario("memory", None, 1, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
