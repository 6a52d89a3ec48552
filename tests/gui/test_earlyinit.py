"""Refusing to start, in one line with exit code 2: no display, an unsupported PySide6."""

from __future__ import annotations

import pathlib
import sys

import pytest

from gui.earlyinit import EXIT_UNSUITABLE, pyside_problem
from tests import processes
from tests.processes import gui_env

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def no_display_env(tmp_path: pathlib.Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in gui_env(tmp_path).items() if k not in DISPLAY_VARIABLES}
    env.update(extra)
    return env


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11 and Wayland only")
def test_no_display_is_one_line_and_exit_code_2(tmp_path: pathlib.Path) -> None:
    result = processes.run(
        [sys.executable, "-m", "gui"],
        env=no_display_env(tmp_path, QT_QPA_PLATFORM="xcb"),
        timeout=60,
    )
    assert result.returncode == EXIT_UNSUITABLE, result.stderr
    assert result.stderr.splitlines() == [
        "tsushin: no display found: DISPLAY and WAYLAND_DISPLAY are not set (run it in a"
        " desktop session, or headless under xvfb-run)"
    ]
    assert result.stdout == ""


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11 only")
def test_an_unreachable_display_is_one_line_and_exit_code_2(tmp_path: pathlib.Path) -> None:
    env = no_display_env(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=":4242")
    result = processes.run([sys.executable, "-m", "gui"], env=env, timeout=60)
    assert result.returncode == EXIT_UNSUITABLE, result.stderr
    assert result.stderr.splitlines() == [
        "tsushin: cannot open a window: could not connect to display :4242"
    ]


@pytest.mark.parametrize(
    ("version", "why"),
    [
        ((6, 12, 0), "it loses references to None and crashes under Python 3.11"),
        ((6, 6, 3), "Tsushin needs 6.7 or newer"),
        ((7, 0, 0), "Tsushin is not tested with PySide6 7"),
    ],
)
def test_unsupported_pyside_versions(version: tuple[int, int, int], why: str) -> None:
    shown = ".".join(map(str, version))
    assert pyside_problem(version) == (
        f"PySide6 {shown} is not supported ({why}): python -m pip install -r requirements.txt"
    )


@pytest.mark.parametrize("version", [(6, 7, 0), (6, 11, 3), (6, 12, 1), (6, 13, 0)])
def test_supported_pyside_versions(version: tuple[int, int, int]) -> None:
    assert pyside_problem(version) is None


def test_the_app_refuses_pyside_6_12_0(tmp_path: pathlib.Path) -> None:
    """``python -m gui`` as if PySide6 6.12.0 were installed (its version is all that
    differs): a line, exit code 2, no window and no server."""
    code = (
        "import sys, PySide6\n"
        "PySide6.__version__ = '6.12.0'\n"
        "PySide6.__version_info__ = (6, 12, 0, '', '')\n"
        "from gui.__main__ import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    for args in ([], ["--self-test"]):
        result = processes.run(
            [sys.executable, "-c", code, *args], env=gui_env(tmp_path), timeout=60
        )
        assert result.returncode == EXIT_UNSUITABLE, result.stderr
        assert result.stderr.splitlines() == [
            "tsushin: PySide6 6.12.0 is not supported (it loses references to None and"
            " crashes under Python 3.11): python -m pip install -r requirements.txt"
        ]
        assert not (tmp_path / "data").exists()  # no window: no data folder either


def test_a_history_file_from_a_newer_tsushin_is_one_line_and_exit_code_2(
    tmp_path: pathlib.Path,
) -> None:
    import sqlite3

    from gui.models.schema import SCHEMA_VERSION
    from gui.models.store import HistoryStore

    data = tmp_path / "data"
    HistoryStore(data / "history.sqlite3").close()
    db = sqlite3.connect(str(data / "history.sqlite3"))
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    env = gui_env(tmp_path, TSUSHIN_DATA_DIR=str(data))
    result = processes.run([sys.executable, "-m", "gui"], env=env, timeout=60)
    assert result.returncode == EXIT_UNSUITABLE, result.stderr
    assert result.stderr.splitlines() == [
        f"tsushin: cannot open the history in {data}: the history file has schema version"
        f" {SCHEMA_VERSION + 1}, and this Tsushin reads up to version {SCHEMA_VERSION}:"
        " it was written by a newer Tsushin"
    ]
