"""The history panel inside the window: selection, resend, filter, copy, export, clear,
and following new rows."""

from __future__ import annotations

import json
import pathlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QMessageBox, QTableView
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, make_record, system_record
from gui.main_window import MainWindow


def feed(window: MainWindow, records: list) -> None:
    for rec in records:
        window.model.inbox.put(rec)
    window.model.flush()


def sample() -> list:
    return [
        system_record("connected to ws://127.0.0.1:1/websock1-2/"),
        make_record(Direction.SENT, '{"order": 1, "名前": "通信"}'),
        make_record(Direction.RECEIVED, '{"type": "echo", "data": {"order": 1}}'),
        make_record(Direction.RECEIVED, "Echo: {'x': 1}"),
        system_record("connection lost", error=True),
    ]


def test_double_click_sent_row_loads_it_in_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    feed(window, sample())
    table = window.findChild(QTableView, "historyView")
    rect = table.visualRect(table.model().index(1, 4))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.text() == '{"order": 1, "名前": "通信"}'
    assert window.editor.validation.ok
    # A received row is not loaded.
    rect = table.visualRect(table.model().index(2, 4))
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.text() == '{"order": 1, "名前": "通信"}'


def test_filter_box_and_direction(qtbot: QtBot, window: MainWindow) -> None:
    feed(window, sample())
    table = window.findChild(QTableView, "historyView")
    window.findChild(QLineEdit, "historyFilter").setText("order")
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    combo = window.findChild(QComboBox, "directionFilter")
    combo.setCurrentIndex(combo.findText("Received"))
    assert table.model().rowCount() == 1
    combo.setCurrentIndex(combo.findText("Errors"))
    window.findChild(QLineEdit, "historyFilter").clear()
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    assert table.model().index(0, 4).data() == "connection lost"


def test_copy_export_and_clear(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path, monkeypatch
) -> None:
    feed(window, sample())
    table = window.history.table
    table.selectRow(1)
    window.history.copy_button.click()
    assert QGuiApplication.clipboard().text() == '{"order": 1, "名前": "通信"}'

    target = tmp_path / "out.jsonl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.history.exportFinished, timeout=10_000) as blocker:
        window.history.export_button.click()  # in a thread, with a progress bar
    assert blocker.args == [f"Exported 5 messages to {target}"]
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [entry["direction"] for entry in lines] == [
        "system",
        "sent",
        "received",
        "received",
        "error",
    ]
    assert lines[1]["json"] == {"order": 1, "名前": "通信"}
    assert lines[3]["text"] == "Echo: {'x': 1}" and lines[3]["is_json"] is False

    asked: list[str] = []

    def answer_with(button: QMessageBox.StandardButton):
        def question(parent, title, text, *args):
            asked.append(text)
            return button

        return question

    monkeypatch.setattr(QMessageBox, "question", answer_with(QMessageBox.StandardButton.Cancel))
    window.history.clear_button.click()
    assert table.model().rowCount() == 5
    assert asked == ["Delete all 5 messages from the history? This cannot be undone."]
    monkeypatch.setattr(QMessageBox, "question", answer_with(QMessageBox.StandardButton.Yes))
    window.history.clear_button.click()
    assert table.model().rowCount() == 0
    assert window.detail.text.toPlainText() == ""


def test_autoscroll_follows_unless_scrolled_up(qtbot: QtBot, window: MainWindow) -> None:
    table = window.history.table
    bar = table.verticalScrollBar()
    feed(window, [make_record(Direction.RECEIVED, f'{{"i": {i}}}') for i in range(300)])
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    bar.setValue(0)  # the user scrolls up
    feed(window, [make_record(Direction.RECEIVED, f'{{"j": {i}}}') for i in range(50)])
    qtbot.wait(50)  # let a deferred scroll, if any, run
    assert bar.value() == 0
    bar.setValue(bar.maximum())  # back at the bottom: follow again
    feed(window, [make_record(Direction.RECEIVED, f'{{"k": {i}}}') for i in range(50)])
    assert table.model().rowCount() == 400

    def last_row_visible() -> bool:
        rect = table.visualRect(table.model().index(399, 0))
        return table.viewport().rect().intersects(rect)

    qtbot.waitUntil(last_row_visible)
    assert bar.value() == bar.maximum()


def test_the_readers_pause_while_the_history_is_drained_and_painted(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Under a flood the tabs' readers would make every call the GUI thread makes into
    Python wait for the GIL; they pause while it drains the history and paints it."""
    from gui.core.turns import TURNS
    from gui.models.history import HistoryModel

    busy_when: dict[str, list[bool]] = {"drained": [], "painted": []}
    window.model.batchAppended.connect(lambda _records: busy_when["drained"].append(TURNS.gui_busy))
    data = HistoryModel.data

    def noting(model, index, role=Qt.ItemDataRole.DisplayRole):
        busy_when["painted"].append(TURNS.gui_busy)
        return data(model, index, role)

    feed(window, sample())
    assert busy_when["drained"] == [True] and not TURNS.gui_busy
    table = window.findChild(QTableView, "historyView")
    window.model.data = noting.__get__(window.model)  # type: ignore[method-assign]
    try:
        table.viewport().repaint()
    finally:
        del window.model.data
    assert busy_when["painted"] and all(busy_when["painted"]) and not TURNS.gui_busy
