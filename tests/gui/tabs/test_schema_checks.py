"""A tab's JSON Schema against the real embedded server: marks, the "Schema errors"
filter, an invalid schema at the field, the schema kept with the tab, round trips."""

from __future__ import annotations

import json
import pathlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, MessageRecord
from gui.main_window import MainWindow
from gui.models.history import SCHEMA_ROLE, HistoryModel
from gui.tabs.tab import ConnectionTab

pytestmark = pytest.mark.live

# The echo reply {"type": "echo", "data": D} passes this one...
ECHO_SCHEMA = json.dumps(
    {
        "type": "object",
        "required": ["type", "data"],
        "properties": {"type": {"const": "echo"}, "data": {"type": "object"}},
    },
    indent=2,
)
# ...and fails this one unless D has an integer "n".
N_SCHEMA = json.dumps(
    {"properties": {"data": {"required": ["n"], "properties": {"n": {"type": "integer"}}}}}
)


def connect(qtbot: QtBot, window: MainWindow) -> ConnectionTab:
    tab = window.current_tab()
    button = tab.findChild(QPushButton, "connectButton")
    with qtbot.waitSignal(tab.controller.connectedTo, timeout=30_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return tab


def set_schema(qtbot: QtBot, tab: ConnectionTab, text: str) -> None:
    edit = tab.findChild(QPlainTextEdit, "schemaEdit")
    with qtbot.waitSignal(tab.schema_panel.schemaChanged, timeout=5000):
        edit.setPlainText(text)  # checked after the typing pause


def send_and_wait(qtbot: QtBot, tab: ConnectionTab, document: object) -> MessageRecord:
    """Send ``document``; the echo's record once it is in the history."""
    before = len(received(tab))
    assert tab.controller.send(json.dumps(document))
    qtbot.waitUntil(lambda: len(received(tab)) > before, timeout=5000)
    reply = received(tab)[-1]
    assert json.loads(reply.text) == {"type": "echo", "data": document}
    return reply


def received(tab: ConnectionTab) -> list[MessageRecord]:
    model = tab.model
    rows = [model.record(row) for row in range(model.rowCount())]
    return [r for r in rows if r.direction is Direction.RECEIVED]


def format_cell(model: HistoryModel, rec: MessageRecord) -> tuple[str, object, str]:
    row = next(r for r in range(model.rowCount()) if model.record(r) is rec)
    index = model.index(row, HistoryModel.FORMAT)
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole) or ""
    return index.data(), index.data(SCHEMA_ROLE), tooltip


def test_received_rows_are_checked_marked_and_filtered(qtbot: QtBot, window: MainWindow) -> None:
    tab = connect(qtbot, window)
    unchecked = send_and_wait(qtbot, tab, {"n": 0})
    assert unchecked.schema_ok is None  # no schema yet
    assert tab.findChild(QLabel, "schemaStatus").text().startswith("No schema")

    set_schema(qtbot, tab, ECHO_SCHEMA)
    assert tab.findChild(QLabel, "schemaStatus").text() == "Checking every received JSON message"
    passed = send_and_wait(qtbot, tab, {"n": 1})
    assert (passed.schema_ok, passed.schema_path) == (True, "")
    assert format_cell(tab.model, passed)[:2] == ("JSON ✓", True)

    set_schema(qtbot, tab, N_SCHEMA)
    failed = send_and_wait(qtbot, tab, {"n": "one"})
    assert (failed.schema_ok, failed.schema_path) == (False, "$.data.n")
    assert failed.schema_error == '"one" is not of type "integer"'
    text, mark, tooltip = format_cell(tab.model, failed)
    assert (text, mark) == ("JSON ✗", False)
    assert "$.data.n" in tooltip
    also_failed = send_and_wait(qtbot, tab, {"m": 2})
    assert (also_failed.schema_ok, also_failed.schema_path) == (False, "$.data")
    send_and_wait(qtbot, tab, {"n": 3})  # passes N_SCHEMA

    # The direction/kind filter's "Schema errors": the rows so far (read in SQL)...
    history = tab.history
    tab.model.wait_written()
    history.direction_combo.setCurrentIndex(history.direction_combo.findText("Schema errors"))
    assert [json.loads(r.text)["data"] for r in history.shown_records()] == [
        {"n": "one"},
        {"m": 2},
    ]
    # ...and the rows that arrive while it is on (checked in Python as they come).
    assert tab.controller.send('{"n": 4}')
    assert tab.controller.send('{"n": 5.5}')
    qtbot.waitUntil(lambda: len(history.shown_records()) == 3, timeout=5000)
    assert json.loads(history.shown_records()[-1].text)["data"] == {"n": 5.5}
    assert all(r.schema_ok is False for r in history.shown_records())

    # The detail pane says the verdict and the round trip.
    history.table.selectRow(0)
    checks = tab.detail.findChild(QLabel, "messageDetailChecks")
    assert checks.isVisible()
    assert 'Schema: failed at $.data.n: "one" is not of type "integer"' in checks.text()
    assert "Round trip:" in checks.text()


def test_an_invalid_schema_is_reported_at_the_field_and_checks_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = connect(qtbot, window)
    status = tab.findChild(QLabel, "schemaStatus")
    set_schema(qtbot, tab, N_SCHEMA)
    assert tab.checks.schema is not None
    edit = tab.findChild(QPlainTextEdit, "schemaEdit")
    with qtbot.waitSignal(tab.schema_panel.schemaChanged, timeout=5000) as changed:
        edit.setPlainText('{\n  "properties": {"n": {"type": "integer"},}\n}')
    assert changed.args == [None]
    assert tab.checks.schema is None  # checking is off until it is valid
    assert "line 2, column 43" in status.text()
    assert status.text().startswith("Not checking: the schema is not valid")
    marks = edit.extraSelections()
    assert len(marks) == 1 and marks[0].cursor.selectedText() == "}"
    assert tab.findChild(QLabel, "schemaStatusIcon").isVisible()
    reply = send_and_wait(qtbot, tab, {"n": "x"})
    assert reply.schema_ok is None

    # Valid JSON that is not a schema: the schema's error and where.
    tab.schema_panel.set_text('{"properties": {"n": {"type": 5}}}')
    assert tab.checks.schema is None
    assert "not a valid JSON Schema" in status.text()
    assert "properties/n/type" in status.text()
    assert edit.extraSelections() == []
    # Valid again: checked again.
    tab.schema_panel.set_text(N_SCHEMA)
    assert tab.checks.schema is not None
    assert not tab.findChild(QLabel, "schemaStatusIcon").isVisible()
    assert send_and_wait(qtbot, tab, {"n": "x"}).schema_ok is False


def test_the_schema_is_loaded_from_a_file_and_kept_with_the_tab(
    qtbot: QtBot, make_window, tmp_path: pathlib.Path
) -> None:
    data = tmp_path / "data"
    window = make_window(data)
    window.show()
    tab = window.current_tab()
    schema_file = tmp_path / "reply.schema.json"
    schema_file.write_text(ECHO_SCHEMA, encoding="utf-8")
    assert tab.schema_panel.load_file(schema_file)
    assert tab.checks.schema is not None and tab.schema_panel.text() == ECHO_SCHEMA
    assert not tab.schema_panel.load_file(tmp_path / "missing.json")
    assert "Cannot read missing.json" in tab.findChild(QLabel, "schemaStatus").text()
    assert tab.schema_panel.text() == ECHO_SCHEMA  # nothing lost
    window.save_tabs()
    saved = json.loads((data / "tabs.json").read_text(encoding="utf-8"))
    assert saved["tabs"][0]["schema_text"] == ECHO_SCHEMA
    window.close()
    window.wait_shut_down()

    again = make_window(data)
    tab = again.current_tab()
    assert tab.findChild(QPlainTextEdit, "schemaEdit").toPlainText() == ECHO_SCHEMA
    assert tab.checks.schema is not None
    assert tab.controller.client.checks is tab.checks
