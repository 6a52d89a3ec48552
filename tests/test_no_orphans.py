"""No server outlives the test run that started it, even a run killed outright."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

import pytest

from tests import processes
from tests.processes import kill_hard, process_alive

pytestmark = pytest.mark.live


def test_servers_die_with_a_killed_test_run(tmp_path: pathlib.Path) -> None:
    pids_file = tmp_path / "pids.json"
    log = tmp_path / "inner.log"
    run = ["tests/gui/orphan_run.py", "--basetemp", str(tmp_path / "inner")]
    with log.open("w", encoding="utf-8") as out:
        inner = processes.spawn(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", *run],
            env={**os.environ, "TSUSHIN_ORPHAN_PIDS": str(pids_file)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    pids: dict[str, int] = {}
    try:
        deadline = time.monotonic() + 100
        while not pids_file.exists():
            assert inner.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "the inner run started nothing in time"
            time.sleep(0.05)  # another process: no signal to wait on
        pids = json.loads(pids_file.read_text(encoding="utf-8"))
        assert len(pids) == 6 and all(process_alive(pid) for pid in pids.values()), pids

        kill_hard(inner.pid)  # no teardown, no atexit, no finally: as a crash would
        inner.wait(10)

        survivors = processes.wait_gone(pids.values(), timeout=15)
        assert not [name for name, pid in pids.items() if pid in survivors]
    finally:
        if inner.poll() is None:
            kill_hard(inner.pid)
            inner.wait(10)
        for pid in pids.values():  # never leave one behind, even when failing
            if process_alive(pid):
                kill_hard(pid)
