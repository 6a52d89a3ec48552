"""The README's test command works on a machine with no display and no Qt variables."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests import processes

ROOT = Path(__file__).resolve().parents[1]
DISPLAY_VARIABLES = ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORMTHEME")


def test_gui_tests_run_without_a_display_or_qt_variables() -> None:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    result = processes.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "tests/gui/models/test_history_model.py",
        ],
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
