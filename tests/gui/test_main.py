"""``python -m gui``: --version, --self-test, and a clean exit on SIGINT/SIGTERM."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

import gui
from gui.__main__ import main
from tests import processes
from tests.processes import own_process_group, run_gui, stop_signals


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"Tsushin {gui.__version__}\n"


def test_unknown_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--bogus"]) == 2
    assert "unknown option --bogus" in capsys.readouterr().err


@pytest.mark.live
def test_self_test(tmp_path: pathlib.Path) -> None:
    proc = run_gui(["--self-test"], tmp_path)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.startswith("self-test: ok (ws://127.0.0.1:")
    # Where secrets go: the credential store keyring found, or the fail backend, said.
    assert out.splitlines()[1].startswith("self-test: secrets: ")
    assert "keyring.backends." in out.splitlines()[1]


@pytest.mark.parametrize("signum", stop_signals())
def test_signal_closes_the_window_cleanly(tmp_path: pathlib.Path, signum: int) -> None:
    proc = run_gui([], tmp_path, creationflags=own_process_group())
    assert proc.stderr is not None
    # The app says where its data lives once the window is up.
    line = ""
    while "data folder" not in line:
        line = proc.stderr.readline()
        assert line, "the app ended before opening its window"
    data_dir = pathlib.Path(line.split("data folder ", 1)[1].strip())
    assert data_dir.is_relative_to(tmp_path)
    proc.send_signal(signum)
    assert proc.wait(timeout=20) == 0
    # Closing saved the settings and left the history database in the data folder.
    assert (data_dir / "settings.ini").is_file()
    assert (data_dir / "history.sqlite3").is_file()
    proc.stderr.close()
    assert proc.stdout is not None
    proc.stdout.close()


@pytest.mark.live
def test_serve_runs_the_embedded_server(tmp_path: pathlib.Path) -> None:
    """What the frozen app runs as its own child: ``Tsushin --serve ...``."""
    proc = run_gui(
        ["--serve", "--port", "0", "--exit-with-parent", "--log-level", "warning"],
        tmp_path,
        stdin=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdin is not None
    line = proc.stdout.readline()
    assert line.startswith("READY ws://127.0.0.1:") and line.endswith("/websock1-2/\n")
    proc.stdin.close()  # --exit-with-parent: EOF on stdin stops it
    assert proc.wait(timeout=20) == 0
    proc.stdout.close()
    assert proc.stderr is not None
    proc.stderr.close()


def test_data_dir_from_the_environment(tmp_path: pathlib.Path) -> None:
    chosen = tmp_path / "portable data"
    proc = processes.spawn(
        [sys.executable, "-m", "gui"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TSUSHIN_DATA_DIR": str(chosen)},
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        creationflags=own_process_group(),
    )
    assert proc.stderr is not None
    line = ""
    while "data folder" not in line:
        line = proc.stderr.readline()
        assert line, "the app ended before opening its window"
    assert pathlib.Path(line.split("data folder ", 1)[1].strip()) == chosen
    proc.send_signal(stop_signals()[0])
    assert proc.wait(timeout=20) == 0
    assert (chosen / "settings.ini").is_file()
    proc.stderr.close()
