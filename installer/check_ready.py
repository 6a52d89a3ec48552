"""Start a frozen ``Tsushin --serve`` command and check that it serves.

Runs the command with a pipe on stdin and stdout, waits for the
``READY ws://HOST:PORT/websock1-2/`` line, sends one JSON document to that URL and checks
the ``{"type": "echo", ...}`` reply, then closes stdin: a server started with
``--exit-with-parent`` must exit on its own, with code 0. Prints the time from launch to
the READY line, which is what the README reports.

    python installer/check_ready.py [--timeout S] [--runs N] -- COMMAND...

With ``--kill-parent`` it checks what happens when the app is killed outright: a middle
process starts the server the way the app does (a pipe on stdin, ``--exit-with-parent``),
waits for READY, and is killed with SIGKILL; the server must then exit on its own.

Only the standard library and websocket-client (already in requirements.txt) are used.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

READY_RE = re.compile(r"^READY (ws://\S+)\s*$")


def _pump(stream, lines: queue.Queue[str | None]) -> None:
    for raw in iter(stream.readline, b""):
        lines.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
    lines.put(None)


def _round_trip(url: str, timeout: float) -> None:
    import websocket  # websocket-client

    document = {"check": "frozen", "n": [1, 2, 3], "text": "通信"}
    conn = websocket.create_connection(url, timeout=timeout)
    try:
        conn.send(json.dumps(document))
        reply = json.loads(conn.recv())
    finally:
        conn.close()
    if reply != {"type": "echo", "data": document}:
        raise RuntimeError(f"unexpected reply: {reply!r}")


def check_once(command: list[str], timeout: float) -> float:
    """Run ``command`` once; return the seconds from launch to the READY line."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*command, "--exit-with-parent"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
    try:
        url = None
        deadline = started + timeout
        while url is None:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.perf_counter()))
            except queue.Empty:
                raise RuntimeError(f"no READY line within {timeout:.0f} s") from None
            if line is None:
                raise RuntimeError(f"exited with {proc.wait()} before READY")
            match = READY_RE.match(line)
            if match:
                url = match.group(1)
            else:
                print(f"  | {line}")
        ready_after = time.perf_counter() - started
        print(f"  READY {url} after {ready_after:.2f} s")
        _round_trip(url, timeout=30)
        print("  round trip ok")
        # --exit-with-parent: end-of-file on stdin stops the server.
        assert proc.stdin is not None
        proc.stdin.close()
        code = proc.wait(timeout=30)
        if code != 0:
            raise RuntimeError(f"exited with {code} after stdin closed")
        print("  exited 0 on end of stdin")
        return ready_after
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# The stand-in for the app: starts the server with pipes (all three: under Wine a file as
# stderr is an invalid handle for Python), relays its READY line and its pid, then waits
# to be killed. Its stdin pipe to the server dies with it.
_PARENT = """
import subprocess, sys, time
server = subprocess.Popen(
    sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
)
print(server.pid, flush=True)
for raw in iter(server.stdout.readline, b""):
    if raw.startswith(b"READY "):
        print(raw.decode().strip(), flush=True)
        break
else:
    sys.exit(f"the server exited with {server.wait()} before READY")
time.sleep(600)
"""


def _exists(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def check_parent_killed(command: list[str], timeout: float) -> None:
    """Kill the server's parent with SIGKILL; the server must exit by itself (Linux)."""
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, *command, "--exit-with-parent"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    server_pid = 0
    try:
        server_pid = int(parent.stdout.readline())
        ready = parent.stdout.readline().strip()
        if not ready.startswith("READY "):
            raise RuntimeError("the server printed no READY line")
        print(f"  {ready} (server pid {server_pid}); killing its parent with SIGKILL")
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + timeout
        while _exists(server_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _exists(server_pid):
            raise RuntimeError(f"server {server_pid} outlived its killed parent")
        print("  the server exited after its parent was killed")
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if server_pid and _exists(server_pid):
            os.kill(server_pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=1, help="repeat; report the median")
    parser.add_argument(
        "--kill-parent", action="store_true", help="also check that the server dies with its parent"
    )
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    try:
        times = sorted(check_once(args.command, args.timeout) for _ in range(args.runs))
        if args.kill_parent:
            check_parent_killed(args.command, timeout=30)
    except Exception as exc:
        print(f"check_ready: FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"READY after {times[len(times) // 2]:.2f} s (median of {len(times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
