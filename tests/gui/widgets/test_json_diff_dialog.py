"""Two history rows compared: the Compare… action and the diff dialog."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTreeWidget
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, MessageRecord, binary_record, make_record
from gui.main_window import MainWindow
from gui.widgets.json_diff_dialog import KIND_ROLES, JsonDiffDialog
from gui.widgets.roles import colour
from tests.gui.test_end_to_end import connect_embedded, type_json


def feed(window: MainWindow, records: list[MessageRecord]) -> list[int]:
    """Put ``records`` in the history; return their rows (a system row may come first)."""
    for record in records:
        window.model.inbox.put(record)
    window.model.flush()
    rows = {id(record): row for row, record in enumerate(window.history.shown_records())}
    return [rows[id(record)] for record in records]  # by identity: two may be equal


def select_rows(window: MainWindow, rows: list[int]) -> None:
    table = window.history.table
    table.clearSelection()
    for row in rows:
        table.selectionModel().select(
            table.model().index(row, 0),
            table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
        )


def open_dialog(qtbot: QtBot, window: MainWindow) -> JsonDiffDialog:
    """Compare the selected rows with Ctrl+K in the table; wait for the differences."""
    table = window.history.table
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    # Qt keeps the last key event's modifiers: a later selectRow would see Ctrl held.
    qtbot.keyRelease(table, Qt.Key.Key_Control)
    dialog = window.findChild(QDialog, "jsonDiffDialog")
    assert isinstance(dialog, JsonDiffDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.diff is not None or "not compared" in dialog.summary.text())
    return dialog


def test_two_echoes_of_the_embedded_server_compared(qtbot: QtBot, window: MainWindow) -> None:
    connect_embedded(qtbot, window)
    first = {"id": 1, "user": {"name": "ゆき", "roles": ["a", "b"]}, "gone": True}
    second = {"id": 2, "user": {"name": "ゆき", "roles": ["x", "a", "b"]}, "new key": None}
    for doc in (first, second):
        type_json(qtbot, window, json.dumps(doc, ensure_ascii=False))
        window.editor.send_button.click()

    def echoes() -> list[int]:
        return [
            row
            for row, r in enumerate(window.history.shown_records())
            if r.direction is Direction.RECEIVED and r.doc_type == "echo"
        ]

    qtbot.waitUntil(lambda: len(echoes()) == 2, timeout=10_000)
    action = window.history.compare_action
    assert action.text() == "Compare…" and not action.isEnabled()
    select_rows(window, echoes())
    assert action.isEnabled()
    dialog = open_dialog(qtbot, window)
    summary = dialog.findChild(QLabel, "jsonDiffSummary")
    assert summary.text() == "1 changed, 2 added, 1 removed"
    assert dialog.rows() == [
        ("changed", "$.data.id", "1", "2"),
        ("added", "$.data.user.roles[0]", "", '"x"'),
        ("removed", "$.data.gone", "true", ""),
        ("added", '$.data["new key"]', "", "null"),
    ]
    listing = dialog.findChild(QTreeWidget, "jsonDiffList")
    kinds = [listing.topLevelItem(n).foreground(0).color() for n in range(4)]
    assert kinds[0] == colour(KIND_ROLES[dialog.diff.changes[0].kind])
    assert kinds[1] == kinds[3] != kinds[0] != kinds[2] != kinds[1]
    assert "Second: received at" in dialog.sides.text()

    listing.setCurrentItem(listing.topLevelItem(3))
    dialog.copy_paths()
    assert QGuiApplication.clipboard().text() == '$.data["new key"]'
    with qtbot.waitSignal(dialog.compared, timeout=5000):
        dialog.swap_button.click()
    assert dialog.rows()[0] == ("changed", "$.data.id", "2", "1")
    assert dialog.summary.text() == "1 changed, 1 added, 2 removed"
    window.controller.disconnect_from_server()


@pytest.mark.parametrize(
    ("texts", "summary", "rows"),
    [
        (
            ['{"a": [1, 2]}', '{"a": [1, 2]}'],
            "Identical",
            [],
        ),
        (
            ["Echo: {'x': 1}\nsecond line", "Echo: {'x': 2}\nsecond line"],
            "1 changed · compared as text, line by line",
            [("changed", "line 1", "Echo: {'x': 1}", "Echo: {'x': 2}")],
        ),
        (
            ['{"a": 1}', "not json"],
            # The JSON one pretty-printed: its lines against the text's.
            "1 changed, 2 removed · compared as text, line by line",
            [
                ("changed", "line 1", "{", "not json"),
                ("removed", "line 2", '  "a": 1', ""),
                ("removed", "line 3", "}", ""),
            ],
        ),
    ],
)
def test_rows_fed_through_the_model(
    qtbot: QtBot, window: MainWindow, texts: list[str], summary: str, rows: list
) -> None:
    select_rows(window, feed(window, [make_record(Direction.RECEIVED, t) for t in texts]))
    dialog = open_dialog(qtbot, window)
    assert dialog.rows() == rows
    assert dialog.summary.text() == summary


def test_binary_rows_are_not_compared(qtbot: QtBot, window: MainWindow) -> None:
    records = [
        binary_record(Direction.RECEIVED, b"\x00\x01"),
        make_record(Direction.RECEIVED, "{}"),
    ]
    select_rows(window, feed(window, records))
    dialog = open_dialog(qtbot, window)
    assert dialog.summary.text() == "Binary messages are not compared: select two text messages"
    assert dialog.rows() == [] and not dialog.swap_button.isEnabled()


def test_one_row_or_three_are_not_compared(qtbot: QtBot, window: MainWindow) -> None:
    first, middle, last = feed(
        window, [make_record(Direction.SENT, json.dumps({"n": n})) for n in range(3)]
    )
    for rows in ([middle], [first, middle, last]):
        select_rows(window, rows)
        assert not window.history.compare_action.isEnabled()
        assert window.history.compare_selection() is None
    select_rows(window, [first, last])
    dialog = window.history.compare_selection()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.diff is not None)
    assert dialog.rows() == [("changed", "$.n", "0", "2")]


def test_the_list_is_limited(qtbot: QtBot) -> None:
    first = make_record(Direction.RECEIVED, json.dumps({f"k{i}": i for i in range(1500)}))
    second = make_record(Direction.RECEIVED, json.dumps({f"k{i}": -i for i in range(1, 1500)}))
    dialog = JsonDiffDialog(first, second)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.diff is not None, timeout=10_000)
    assert len(dialog.rows()) == 1000
    assert dialog.summary.text() == (
        "999 changed, 1 removed (the first 1,000 differences: there are more)"
    )
