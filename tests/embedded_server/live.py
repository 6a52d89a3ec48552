"""Start the real ``python -m embedded_server`` as a child process, for live tests."""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests import processes
from tests.processes import own_process_group, process_alive

__all__ = ["process_alive"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 30.0


@dataclass
class ServerProcess:
    """A running server child: its process, READY URL, and what it wrote on stderr."""

    process: subprocess.Popen[bytes]
    ready: str = ""
    stderr_lines: list[str] = field(default_factory=list)
    stderr_changed: threading.Condition = field(default_factory=threading.Condition)

    def wait_for_log(self, text: str, timeout: float = 10.0) -> bool:
        """Wait until a stderr line contains every word of ``text``."""
        words = text.split()

        def seen() -> bool:
            return any(all(w in line for w in words) for line in self.stderr_lines)

        with self.stderr_changed:
            return self.stderr_changed.wait_for(seen, timeout)

    @property
    def url(self) -> str:
        return self.ready.split(" ", 1)[1]

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].split("/", 1)[0])

    def http_url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def ws_url(self, path: str) -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(timeout=10)


def server_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "embedded_server", *args]


def _pump_stdout(stream: object, sink: queue.Queue[str | None]) -> None:
    for raw in iter(stream.readline, b""):  # type: ignore[attr-defined]
        sink.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
    sink.put(None)


def _pump_stderr(stream: object, server: ServerProcess) -> None:
    for raw in iter(stream.readline, b""):  # type: ignore[attr-defined]
        with server.stderr_changed:
            server.stderr_lines.append(raw.decode("utf-8", "replace").rstrip("\r\n"))
            server.stderr_changed.notify_all()


def spawn(*args: str, env: dict[str, str] | None = None) -> ServerProcess:
    """Start the server with ``args``; return once it is running (READY not awaited).

    It dies with the test process: tied to it (:func:`tests.processes.spawn`), and with
    ``--exit-with-parent`` and a pipe on stdin.
    """
    if "--exit-with-parent" not in args:
        args = (*args, "--exit-with-parent")
    process = processes.spawn(
        server_command(*args),
        cwd=PROJECT_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        creationflags=own_process_group(),
    )
    server = ServerProcess(process)
    threading.Thread(target=_pump_stderr, args=(process.stderr, server), daemon=True).start()
    return server


def wait_ready(server: ServerProcess, timeout: float = READY_TIMEOUT) -> str:
    """Wait for the READY line; fail with the server's stderr if it does not come."""
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump_stdout, args=(server.process.stdout, lines), daemon=True).start()
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        line = None
    if not line or not line.startswith("READY "):
        server.stop()
        stderr = "\n".join(server.stderr_lines)
        raise AssertionError(f"no READY line (got {line!r}); stderr:\n{stderr}")
    server.ready = line
    return line


@contextlib.contextmanager
def running_server(*args: str, env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    """A server on a free port for the ``with`` block, stopped afterwards."""
    server = spawn("--port", "0", *args, env=env)
    try:
        wait_ready(server)
        yield server
    finally:
        server.stop()
