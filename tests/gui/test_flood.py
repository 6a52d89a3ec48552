"""A flood of messages arrives in batches, all of it. (How long the event loop stalls
meanwhile is measured in ``bench/gui.py``, not asserted here.)"""

from __future__ import annotations

import json

from PySide6.QtWidgets import QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from gui.core.records import Direction
from gui.main_window import MainWindow
from tests.gui import flood_server

COUNT = 10_000


def test_flood_is_batched_and_nothing_is_lost(qtbot: QtBot, window: MainWindow) -> None:
    server, port = flood_server.start(COUNT)
    try:
        combo = window.findChild(QComboBox, "serverModeCombo")
        combo.setCurrentIndex(combo.findData("remote"))
        window.findChild(QSpinBox, "portSpin").setValue(port)
        with qtbot.waitSignal(window.controller.connectedTo, timeout=10_000):
            window.connection_panel.connect_button.click()
        inserts: list[int] = []
        window.model.rowsInserted.connect(lambda parent, first, last: inserts.append(last))
        assert window.controller.send('{"go": true}')

        def received() -> int:
            recent = window.model.records()[-COUNT - 5 :]
            return sum(r.direction is Direction.RECEIVED for r in recent)

        qtbot.waitUntil(lambda: received() == COUNT, timeout=30_000)
        assert len(inserts) < COUNT / 20  # batches, not one insert per message
        received_rows = [r for r in window.model.records() if r.direction is Direction.RECEIVED]
        assert [json.loads(r.text)["i"] for r in received_rows] == list(range(COUNT))
        assert f"received {COUNT}" in window.status_counts.text()
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(10)
