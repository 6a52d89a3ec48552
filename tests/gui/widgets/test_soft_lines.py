"""Very long lines: shown as soft-broken display blocks, the text kept whole for
validation, Send, copy and the detail pane."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, make_record
from gui.widgets.json_editor import JsonEditor
from gui.widgets.message_detail import MessageDetail
from gui.widgets.soft_lines import CHUNK, SOFT_LINE, continues_line


@pytest.fixture
def editor(qtbot: QtBot) -> JsonEditor:
    widget = JsonEditor()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    widget.set_connected(True)
    return widget


def one_line(items: int) -> str:
    value = {"items": [{"id": i, "name": f"item {i} 通信 🎉", "ok": True} for i in range(items)]}
    return json.dumps(value, ensure_ascii=False)


def paste(editor: JsonEditor, text: str) -> None:
    mime = QMimeData()
    mime.setText(text)
    editor.edit.insertFromMimeData(mime)


def blocks(editor: JsonEditor) -> list:
    document = editor.edit.document()
    return [document.findBlockByNumber(n) for n in range(document.blockCount())]


def test_a_long_line_is_shown_in_blocks_and_stays_one_line(qtbot: QtBot, editor: JsonEditor):
    text = one_line(3_000)  # ~120,000 characters, one line
    editor.set_text("")
    paste(editor, text)
    qtbot.waitUntil(lambda: not editor.busy and editor.validation.ok, timeout=20_000)
    shown = blocks(editor)
    assert len(shown) > len(text) // CHUNK
    assert all(len(b.text()) <= CHUNK for b in shown)
    assert not continues_line(shown[0]) and all(continues_line(b) for b in shown[1:])
    assert editor.text() == text
    assert editor.validation_label.text() == "✓ Valid JSON"  # and no "slow" warning
    with qtbot.waitSignal(editor.sendRequested) as blocker:
        editor.send_button.click()
    assert blocker.args == [text]
    editor.edit.selectAll()
    editor.edit.copy()
    assert QGuiApplication.clipboard().text() == text


def test_enter_in_a_soft_block_starts_a_real_line_and_undo_restores(
    qtbot: QtBot, editor: JsonEditor
) -> None:
    text = one_line(1_000)
    editor.set_text(text)
    qtbot.waitUntil(lambda: not editor.busy)
    third = blocks(editor)[2]
    assert continues_line(third)
    cursor = QTextCursor(third)
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=5)
    editor.edit.setTextCursor(cursor)
    offset = len(blocks(editor)[0].text()) + len(blocks(editor)[1].text()) + 5
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    assert editor.text() == text[:offset] + "\n" + text[offset:]
    qtbot.keyClick(editor.edit, Qt.Key.Key_X)
    assert editor.text() == text[:offset] + "\nx" + text[offset:]
    editor.edit.undo()
    editor.edit.undo()
    assert editor.text() == text


def test_an_error_deep_in_a_long_line_is_marked_where_it_is(qtbot: QtBot, editor: JsonEditor):
    text = one_line(2_000)
    broken = text[:-2] + ",]}"  # a trailing comma near the end
    editor.set_text(broken)
    qtbot.waitUntil(lambda: not editor.busy and not editor.validation.ok, timeout=20_000)
    assert editor.validation.column == len(broken) - 1
    (mark,) = editor.edit.extraSelections()
    assert mark.cursor.selectedText() == "]"
    # Copy of a selection across display blocks gives the real text too.
    start = editor.edit.position_of(SOFT_LINE - 10)
    end = editor.edit.position_of(SOFT_LINE + 3 * CHUNK)
    cursor = QTextCursor(editor.edit.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.edit.setTextCursor(cursor)
    editor.edit.copy()
    assert QGuiApplication.clipboard().text() == broken[SOFT_LINE - 10 : SOFT_LINE + 3 * CHUNK]


def test_a_paste_of_lines_into_a_soft_block_makes_real_lines(qtbot: QtBot, editor: JsonEditor):
    text = '["' + "a" * 30_000 + '"]'
    editor.set_text(text)
    cursor = QTextCursor(blocks(editor)[3])
    editor.edit.setTextCursor(cursor)
    at = len("".join(b.text() for b in blocks(editor)[:3]))
    paste(editor, "b\nc\nd")
    assert editor.text() == text[:at] + "b\nc\nd" + text[at:]


def test_the_detail_pane_shows_two_megabytes_without_holding_the_window(qtbot: QtBot) -> None:
    detail = MessageDetail()
    qtbot.addWidget(detail)
    detail.resize(500, 300)
    detail.show()
    document = json.loads(one_line(50_000))
    record = make_record(Direction.RECEIVED, json.dumps(document, ensure_ascii=False))
    assert record.size > 2_000_000
    detail.show_record(record)
    assert detail.busy  # prepared in a thread, then put in by slices
    qtbot.waitUntil(lambda: not detail.busy, timeout=60_000)
    assert detail.text.text() == json.dumps(document, indent=2, ensure_ascii=False)
    assert "JSON" in detail.header.text()
    long_string = make_record(Direction.RECEIVED, json.dumps(["x" * 300_000]))
    detail.show_record(long_string)
    detail.show_record(make_record(Direction.RECEIVED, "[1]"))  # a newer choice wins
    qtbot.waitUntil(lambda: not detail.busy, timeout=60_000)
    assert detail.text.text() == "[\n  1\n]"
    detail.show_record(long_string)
    qtbot.waitUntil(lambda: not detail.busy, timeout=60_000)
    assert detail.text.text() == json.dumps(["x" * 300_000], indent=2)
    assert detail.text.document().blockCount() > 300_000 // CHUNK  # soft-broken


_COPY_THEN_EXIT = """
import sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from gui.widgets.json_editor import JsonEditor

app = QApplication(sys.argv)
editor = JsonEditor()
editor.set_text("[" + ",".join(["1"] * 20_000) + "]")  # one line: soft blocks
while editor.busy:
    app.processEvents()
editor.edit.selectAll()
editor.edit.copy()
assert QGuiApplication.clipboard().text() == editor.text()
print("copied", flush=True)
"""


def test_the_process_exits_cleanly_after_a_copy_of_soft_blocks(tmp_path) -> None:
    # The clipboard keeps the copied QMimeData until Qt's own exit handlers run, after
    # Python is gone: a Python-made object there crashed the process at exit (SIGSEGV).
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", _COPY_THEN_EXIT],
        cwd=root,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout == "copied\n", result.stderr
    assert result.returncode == 0, result.stderr
