"""The window at 150 % scaling (QT_SCALE_FACTOR=1.5, as Windows' 150 % sets it) on a
1920 x 1080 screen, the commonest laptop set-up: it fits the screen, and no button or
label has its text cut off, no table row is shorter than its text."""

from __future__ import annotations

import json
import os
import pathlib
import sys

import pytest

from tests import processes

SCREEN = {"width": 1920, "height": 1080}


def run_scaled(tmp_path: pathlib.Path, scale: str, font_dpi: str = "") -> dict:
    config = tmp_path / "screens.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "logicalDpi": 96, "dpr": 1, **SCREEN}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "TSUSHIN_LANG": "en",
    }
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    if font_dpi:  # larger text, the layout at 100 % (Windows' "Make text bigger")
        env["QT_FONT_DPI"] = font_dpi
    result = processes.run(
        [sys.executable, "-m", "tests.gui.dpi_check", str(tmp_path / "data")],
        env=env,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("scale", "font_dpi"), [("1.5", ""), ("1", "")])
def test_the_window_at_a_scaling_fits_and_cuts_nothing(
    tmp_path: pathlib.Path, scale: str, font_dpi: str
) -> None:
    report = run_scaled(tmp_path, scale, font_dpi)
    assert report["ratio"] == float(scale)
    x, y, width, height = report["window"]
    sx, sy, swidth, sheight = report["screen"]
    assert swidth == round(SCREEN["width"] / float(scale))
    # A first start fits the screen (1300 x 760 does not fit 1280 x 720).
    assert sx <= x and x + width <= sx + swidth
    assert sy <= y and y + height <= sy + sheight
    assert report["clipped"] == [], json.dumps(report["clipped"], indent=1)
    assert report["rows"], "no table shown"
    for table in report["rows"]:
        assert table["row"] >= table["line"] + 4, table
