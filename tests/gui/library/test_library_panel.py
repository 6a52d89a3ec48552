"""The message library in the window: save, load, search, rename, move, delete,
import and export, shared by every tab, kept across a restart."""

from __future__ import annotations

import json
import pathlib

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton, QTableView, QTreeView
from pytestqt.qtbot import QtBot

from gui.core.records import Direction
from gui.main_window import MainWindow
from gui.models.library import ENTRY_ROLE, FOLDER_ROLE
from gui.widgets.library_panel import LibraryPanel
from tests.gui.test_end_to_end import connect_embedded, type_json


def panel_of(window: MainWindow) -> LibraryPanel:
    return window.library_dock.panel


def view_of(window: MainWindow) -> QTreeView:
    found = window.findChild(QTreeView, "libraryView")
    assert found is not None
    return found


def shown(view: QTreeView, parent: QModelIndex | None = None, depth: int = 0) -> list[str]:
    """The tree as shown (after the search): indented names, folders with a slash."""
    model = view.model()
    parent = parent or QModelIndex()
    lines = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        folder = index.data(ENTRY_ROLE) is None
        lines.append("  " * depth + index.data() + ("/" if folder else ""))
        lines += shown(view, index, depth + 1)
    return lines


def answer_names(monkeypatch, *answers: str) -> None:
    replies = iter(answers)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(replies), True))


def index_named(view: QTreeView, name: str) -> QModelIndex:
    model = view.model()
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data() == name:
                return index
            stack.append(index)
    raise AssertionError(f"{name} not shown")


def test_save_search_load_rename_move_delete(qtbot: QtBot, window: MainWindow, monkeypatch) -> None:
    panel, view = panel_of(window), view_of(window)
    assert view.isVisible() and panel.window() is window
    answer_names(monkeypatch, "rooms", "who is there")
    panel.new_folder()
    type_json(qtbot, window, '{"type": "who"}')
    qtbot.mouseClick(
        window.findChild(QPushButton, "saveToLibraryButton"), Qt.MouseButton.LeftButton
    )
    view.setCurrentIndex(QModelIndex())
    answer_names(monkeypatch, "ping")
    type_json(qtbot, window, '{"type": "ping", "n": "{{counter}}"}')
    panel.save_button.click()
    assert shown(view) == ["rooms/", "  who is there", "ping"]

    # Search by name, then by content (folders of the found messages stay).
    panel.search_edit.setText("WHO")
    assert shown(view) == ["rooms/", "  who is there"]
    panel.search_edit.setText("counter")
    assert shown(view) == ["ping"]
    panel.search_edit.setText("rooms")  # a folder's name: with all it holds
    assert shown(view) == ["rooms/", "  who is there"]
    panel.search_edit.clear()

    # A double-click loads the message into the current tab's editor.
    type_json(qtbot, window, "{}")
    view.doubleClicked.emit(index_named(view, "who is there"))
    assert window.editor.text() == '{"type": "who"}'

    # Rename (F2 / the menu), a folder too.
    view.setCurrentIndex(index_named(view, "who is there"))
    answer_names(monkeypatch, "who")
    panel.rename_current()
    view.setCurrentIndex(index_named(view, "rooms"))
    answer_names(monkeypatch, "lobby")
    panel.rename_current()
    assert shown(view) == ["lobby/", "  who", "ping"]

    # Move with the menu: ping into lobby.
    view.setCurrentIndex(index_named(view, "ping"))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("lobby", True))
    panel.move_selected()
    assert shown(view) == ["lobby/", "  ping", "  who"]

    # Move by drag and drop: who onto the top of the library.
    proxy = view.model()
    who = index_named(view, "who")
    data = proxy.mimeData([who])
    assert proxy.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    qtbot.waitUntil(lambda: shown(view) == ["lobby/", "  ping", "who"])

    # Delete: cancelled, then agreed; a folder goes with what it holds.
    view.clearSelection()
    view.selectionModel().select(
        index_named(view, "lobby"), view.selectionModel().SelectionFlag.Select
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    panel.delete_selected()
    assert shown(view) == ["lobby/", "  ping", "who"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.delete_selected()
    assert shown(view) == ["who"]
    assert [e.name for e in window.library.entries()] == ["who"]


def test_import_export_and_a_bad_import(
    qtbot: QtBot, window: MainWindow, monkeypatch, tmp_path: pathlib.Path
) -> None:
    panel, view = panel_of(window), view_of(window)
    library = window.library
    library.add("rooms", "who", '{"type": "who"}', '{"type": "members"}')
    library.add_folder("", "empty")
    out = tmp_path / "mine.json"
    assert panel.export_file(out) == 1
    document = json.loads(out.read_text("utf-8"))
    assert document["messages"] == [
        {
            "folder": "rooms",
            "name": "who",
            "text": '{"type": "who"}',
            "expect": {"match": {"type": "members"}},
        }
    ]
    assert document["folders"] == ["empty", "rooms"]

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    history = tmp_path / "history.jsonl"
    history.write_text(
        '{"time_ms": 1, "direction": "sent", "size": 2, "is_json": true, "json": {}}\n'
    )
    broken = tmp_path / "broken.json"
    broken.write_text('{"tsushin_library": 1, "messages": [{"name": "x", "text": 5}]}')
    for bad in (history, broken, tmp_path / "missing.json"):
        assert panel.import_file(bad) is None
    assert "history.jsonl was not imported: not a Tsushin library file" in warnings[0]
    assert "broken.json was not imported: messages[0].text: missing, or not a text" in warnings[1]
    assert "missing.json was not imported" in warnings[2]
    assert window.statusBar().currentMessage() == warnings[2]
    assert shown(view) == ["empty/", "rooms/", "  who"]  # nothing lost, nothing added

    view.setCurrentIndex(index_named(view, "empty"))  # imports go into the current folder
    assert panel.import_file(out) == 1
    assert not warnings[3:]
    assert shown(view) == ["empty/", "  empty/", "  rooms/", "    who", "rooms/", "  who"]
    (copy,) = [e for e in library.entries() if e.folder == "empty/rooms"]
    assert copy.expect_match == '{"type": "members"}'


def test_an_expected_reply_is_edited_and_checked(
    qtbot: QtBot, window: MainWindow, monkeypatch
) -> None:
    panel = panel_of(window)
    entry = window.library.add("", "who", '{"type": "who"}')
    from gui.widgets.expectation_dialog import ExpectationDialog

    seen: list[str] = []

    def fill(dialog: ExpectationDialog) -> int:
        dialog.schema_edit.setPlainText('{"type": 3}')
        dialog.accept()  # refused: not a schema
        seen.append(dialog.problem_label.text())
        dialog.schema_edit.setPlainText('{"required": ["members"]}')
        dialog.match_edit.setPlainText('{"type": "members"}')
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExpectationDialog, "exec", fill)
    panel.edit_expectation(entry)
    assert "not a valid JSON Schema" in seen[0]
    stored = window.library.store.entry(entry.id)
    assert (stored.expect_match, stored.expect_schema) == (
        '{"type": "members"}',
        '{"required": ["members"]}',
    )


@pytest.mark.live
def test_a_history_row_is_saved_and_the_library_is_shared_and_kept(
    qtbot: QtBot, make_window, tmp_path: pathlib.Path, monkeypatch
) -> None:
    window = make_window(tmp_path)
    window.show()
    connect_embedded(qtbot, window)
    type_json(qtbot, window, '{"type": "greeting", "text": "こんにちは"}')
    window.editor.request_send()
    qtbot.waitUntil(
        lambda: any(r.direction is Direction.RECEIVED for r in window.model.records()), timeout=5000
    )
    table = window.current_tab().findChild(QTableView, "historyView")
    sent_row = next(
        row
        for row in range(table.model().rowCount())
        if "greeting" in table.model().index(row, 0).data(Qt.ItemDataRole.UserRole + 1).text
        and table.model().index(row, 0).data(Qt.ItemDataRole.UserRole + 1).direction
        is Direction.SENT
    )
    table.selectRow(sent_row)
    (action,) = [a for a in table.actions() if a.objectName() == "saveRowToLibraryAction"]
    assert table.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu
    answer_names(monkeypatch, "greeting")
    action.trigger()
    assert [(e.name, e.text) for e in window.library.entries()] == [
        ("greeting", '{"type": "greeting", "text": "こんにちは"}')
    ]

    # Shared: a second tab sees the same library and loads into its own editor.
    window.new_tab()
    second = window.current_tab()
    view = view_of(window)
    view.doubleClicked.emit(index_named(view, "greeting"))
    assert second.editor.text() == '{"type": "greeting", "text": "こんにちは"}'
    assert len(window.findChildren(QTreeView, "libraryView")) == 1

    window.close()
    window.wait_shut_down()
    again = make_window(tmp_path)
    assert shown(view_of(again)) == ["greeting"]


def test_the_library_dock_is_in_the_view_menu(window: MainWindow) -> None:
    toggles = [a for a in window.findChildren(QAction) if a.text() == "&Library"]
    assert toggles and toggles[0].isCheckable()
    toggles[0].trigger()
    assert not window.library_dock.isVisible()
    assert FOLDER_ROLE != ENTRY_ROLE
