"""The JSON editor on its own: validation, marking, formatting, sending."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextBlock
from pytestqt.qtbot import QtBot

from gui.widgets.json_editor import JsonEditor


@pytest.fixture
def editor(qtbot: QtBot) -> JsonEditor:
    widget = JsonEditor()
    qtbot.addWidget(widget)
    widget.set_connected(True)
    return widget


def type_text(editor: JsonEditor, text: str) -> None:
    editor.edit.selectAll()
    editor.edit.insertPlainText(text)


def test_invalid_json_shows_line_and_column_and_disables_send(
    qtbot: QtBot, editor: JsonEditor
) -> None:
    type_text(editor, '{\n  "a": 1,\n  "b": [1, 2,,]\n}')
    # Validation is debounced: it lands shortly after typing stops.
    qtbot.waitUntil(lambda: "line 3, column 14" in editor.validation_label.text())
    assert editor.validation_label.objectName() == "validationLabel"
    assert not editor.send_button.isEnabled()
    marks = editor.edit.extraSelections()
    assert len(marks) == 1
    assert marks[0].cursor.selectionStart() == editor.text().index(",,") + 1
    assert marks[0].cursor.selectedText() == ","

    before = editor.text()
    qtbot.mouseClick(editor.format_button, Qt.MouseButton.LeftButton)
    assert editor.text() == before
    assert editor.validation_label.text().startswith("Cannot format: the text is not valid JSON")
    assert "line 3, column 14" in editor.validation_label.text()


def test_valid_json_enables_send_only_when_connected(qtbot: QtBot, editor: JsonEditor) -> None:
    type_text(editor, '{"ok": true}')
    qtbot.waitUntil(editor.send_button.isEnabled)
    assert editor.validation_label.text() == "✓ Valid JSON"
    assert editor.edit.extraSelections() == []
    editor.set_connected(False)
    assert not editor.send_button.isEnabled()
    assert not editor.send_raw_button.isEnabled()


def test_format_and_compact_are_undoable(qtbot: QtBot, editor: JsonEditor) -> None:
    editor.set_text('{"名前":"通信","n":[1,2]}')
    qtbot.mouseClick(editor.format_button, Qt.MouseButton.LeftButton)
    assert editor.text() == '{\n  "名前": "通信",\n  "n": [\n    1,\n    2\n  ]\n}'
    qtbot.mouseClick(editor.compact_button, Qt.MouseButton.LeftButton)
    assert editor.text() == '{"名前":"通信","n":[1,2]}'
    editor.edit.undo()
    assert editor.text().startswith('{\n  "名前"')
    editor.edit.redo()
    assert editor.text() == '{"名前":"通信","n":[1,2]}'


def test_ctrl_enter_sends_valid_json(qtbot: QtBot, editor: JsonEditor) -> None:
    editor.set_text('{"a": 1}')
    with qtbot.waitSignal(editor.sendRequested) as blocker:
        qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ['{"a": 1}']
    assert editor.text() == '{"a": 1}'  # no newline was typed


def test_ctrl_enter_does_not_send_invalid_json(qtbot: QtBot, editor: JsonEditor) -> None:
    editor.set_text("{nope")
    with qtbot.assertNotEmitted(editor.sendRequested):
        qtbot.keyClick(editor.edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)


def test_send_raw_sends_anything(qtbot: QtBot, editor: JsonEditor) -> None:
    editor.set_text("not json {")
    with qtbot.waitSignal(editor.sendRawRequested) as blocker:
        qtbot.mouseClick(editor.send_raw_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["not json {"]


def test_a_megabyte_document_on_one_line_can_be_formatted(qtbot: QtBot, editor: JsonEditor) -> None:
    # How long it takes is measured in bench/editor.py, not asserted here.
    editor.show()
    items = [{"id": i, "name": f"item {i} 通信", "tags": ["a", "b"]} for i in range(20_000)]
    text = json.dumps({"items": items}, ensure_ascii=False)
    assert len(text.encode()) > 1_000_000
    editor.edit.insertPlainText(text)
    qtbot.waitUntil(lambda: editor.validation.ok, timeout=30_000)
    assert editor.validation_label.text().endswith("Format splits them")
    qtbot.mouseClick(editor.format_button, Qt.MouseButton.LeftButton)
    # A large text goes in by slices, formatted in a thread, then is validated.
    qtbot.waitUntil(lambda: editor.validation_label.text() == "✓ Valid JSON", timeout=10_000)
    assert editor.edit.document().blockCount() > 100_000


def test_huge_documents_are_coloured_only_where_visible(qtbot: QtBot, editor: JsonEditor) -> None:
    def coloured(block: QTextBlock) -> bool:
        return bool(block.layout().formats())

    editor.show()
    document = editor.edit.document()
    editor.set_text('{"a": [1, true, null]}')
    assert coloured(document.firstBlock())
    lines = [f'  "k{i}": [1, true, null],' for i in range(20_000)]
    editor.set_text("{\n" + "\n".join(lines) + '\n  "end": 0\n}')
    qtbot.waitUntil(lambda: not editor.busy)
    assert document.characterCount() > 400_000
    qtbot.waitUntil(lambda: coloured(document.findBlockByNumber(1)))
    assert not coloured(document.findBlockByNumber(15_000))  # far below the viewport
    editor.edit.verticalScrollBar().setValue(15_000)  # scrolling colours what comes into view
    qtbot.waitUntil(lambda: coloured(document.findBlockByNumber(15_001)))
    editor.set_text('{"a": [1, true, null]}')
    qtbot.waitUntil(lambda: coloured(document.firstBlock()))  # all of it, once small again


def test_a_huge_paste_goes_in_by_slices_as_one_undo_step(qtbot: QtBot, editor: JsonEditor) -> None:
    editor.show()
    editor.set_text('{"before": true}')
    items = [{"id": i, "name": f"item {i} 通信"} for i in range(60_000)]
    text = json.dumps({"items": items}, indent=2, ensure_ascii=False)
    assert len(text) > 2_000_000
    mime = QMimeData()
    mime.setText(text)
    editor.edit.selectAll()
    editor.edit.insertFromMimeData(mime)
    assert editor.busy  # not all in yet: the event loop keeps running
    assert editor.edit.isReadOnly()
    qtbot.waitUntil(lambda: not editor.busy and editor.validation.ok, timeout=20_000)
    assert editor.text() == text
    assert not editor.edit.isReadOnly()
    editor.edit.undo()
    assert editor.text() == '{"before": true}'


def test_huge_documents_are_formatted_in_a_thread(qtbot: QtBot, editor: JsonEditor) -> None:
    value = {"items": [{"id": i, "name": f"item {i} 通信"} for i in range(60_000)]}
    editor.set_text(json.dumps(value, indent=2, ensure_ascii=False))
    qtbot.waitUntil(lambda: not editor.busy and editor.validation.ok, timeout=20_000)
    qtbot.mouseClick(editor.compact_button, Qt.MouseButton.LeftButton)
    assert editor.busy
    compact = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    qtbot.waitUntil(lambda: not editor.busy and editor.text() == compact, timeout=20_000)
    assert editor.validation_label.text().startswith("✓ Valid JSON")

    editor.set_text(json.dumps(value, indent=2, ensure_ascii=False) + ",")
    qtbot.waitUntil(lambda: not editor.busy and not editor.validation.ok, timeout=20_000)
    qtbot.mouseClick(editor.format_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.busy, timeout=20_000)
    assert editor.validation_label.text().startswith("Cannot format: the text is not valid JSON")


def test_replacing_a_huge_line_is_one_undo_step(qtbot: QtBot, editor: JsonEditor) -> None:
    value = {"items": [{"id": i, "name": f"item {i} 通信"} for i in range(70_000)]}
    line = json.dumps(value, ensure_ascii=False)
    assert len(line) > 2_000_000
    editor.set_text(line)
    qtbot.waitUntil(lambda: not editor.busy, timeout=20_000)
    mime = QMimeData()
    mime.setText(json.dumps(value, indent=2, ensure_ascii=False))
    editor.edit.selectAll()
    editor.edit.insertFromMimeData(mime)
    qtbot.waitUntil(lambda: not editor.busy, timeout=20_000)
    assert editor.text() == mime.text()
    editor.edit.undo()
    assert editor.text() == line


def test_nan_is_marked_invalid_and_send_raw_still_sends_it(
    qtbot: QtBot, editor: JsonEditor
) -> None:
    type_text(editor, '{"x": 1,\n "y": -Infinity}')
    qtbot.waitUntil(lambda: "line 2, column 7" in editor.validation_label.text())
    assert editor.validation_label.text() == (
        "Invalid JSON at line 2, column 7: -Infinity is not allowed in JSON (RFC 8259)"
    )
    assert not editor.send_button.isEnabled()
    (mark,) = editor.edit.extraSelections()
    assert mark.cursor.selectionStart() == editor.text().index("-Infinity")
    with qtbot.waitSignal(editor.sendRawRequested) as blocker:
        qtbot.mouseClick(editor.send_raw_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ['{"x": 1,\n "y": -Infinity}']


def test_an_integer_of_5000_digits_is_valid(qtbot: QtBot, editor: JsonEditor) -> None:
    type_text(editor, "{}")
    qtbot.waitUntil(lambda: editor.validation_label.text() == "✓ Valid JSON")
    type_text(editor, '{"n": ' + "7" * 5000 + "}")
    qtbot.waitUntil(editor.send_button.isEnabled)
    assert editor.validation_label.text() == "✓ Valid JSON"
    qtbot.mouseClick(editor.format_button, Qt.MouseButton.LeftButton)
    assert editor.text() == '{\n  "n": ' + "7" * 5000 + "\n}"
