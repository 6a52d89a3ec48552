"""Fixtures for the runner's tests: the real embedded server, scenario files, the CLI."""

from __future__ import annotations

import io
import json
import os
import pathlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from gui.runner.cli import main
from tests import processes
from tests.embedded_server.live import ServerProcess, running_server

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def echo_server() -> Iterator[ServerProcess]:
    """``python -m embedded_server --port 0 --exit-with-parent`` for the module."""
    with running_server() as server:
        yield server


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


@pytest.fixture
def write_scenario(tmp_path: pathlib.Path) -> Callable[..., pathlib.Path]:
    """Write a scenario (a dict, or text as it is) to a file in ``tmp_path``."""
    count = 0

    def write(content: object, name: str | None = None) -> pathlib.Path:
        nonlocal count
        count += 1
        path = tmp_path / (name or f"scenario{count}.json")
        text = content if isinstance(content, str) else json.dumps(content, indent=2)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def run_in_process(*args: str) -> Outcome:
    """``python -m gui run ARGS`` in this process (fast; no traceback may escape)."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return Outcome(code, out.getvalue(), err.getvalue())


def run_command(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Outcome:
    """The real ``python -m gui run ARGS`` as a child process."""
    done = processes.run(
        [sys.executable, "-m", "gui", "run", *map(str, args)],
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    return Outcome(done.returncode, done.stdout, done.stderr)
