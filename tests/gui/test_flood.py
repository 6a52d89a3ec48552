"""A flood of messages arrives in batches and the event loop keeps running."""

from __future__ import annotations

import pathlib
import subprocess
import sys

from PySide6.QtWidgets import QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from gui.core.records import Direction
from gui.main_window import MainWindow
from tests.gui.helpers import Ticker

ROOT = pathlib.Path(__file__).resolve().parents[2]
COUNT = 10_000


def test_flood_is_batched_and_the_window_stays_responsive(qtbot: QtBot, window: MainWindow) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.flood_server", str(COUNT)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        combo = window.findChild(QComboBox, "serverModeCombo")
        combo.setCurrentIndex(combo.findData("remote"))
        window.findChild(QSpinBox, "portSpin").setValue(port)
        with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
            window.connection_panel.connect_button.click()
        inserts: list[int] = []
        window.model.rowsInserted.connect(lambda parent, first, last: inserts.append(last))
        ticker = Ticker()
        assert window.controller.send('{"go": true}')

        def received() -> int:
            recent = window.model.records()[-COUNT - 5 :]
            return sum(r.direction is Direction.RECEIVED for r in recent)

        qtbot.waitUntil(lambda: received() == COUNT, timeout=30_000)
        ticker.timer.stop()
        assert len(inserts) < COUNT / 20  # batches, not one insert per message
        assert ticker.max_gap < 0.5
        assert f"received {COUNT}" in window.status_counts.text()
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(10)
