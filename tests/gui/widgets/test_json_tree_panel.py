"""The detail pane's tree: expand, collapse, copy a value or its path, search."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTabWidget, QTreeView
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, binary_record, make_record, system_record
from gui.main_window import MainWindow
from gui.models.json_tree import PATH_ROLE
from gui.widgets.json_tree_panel import JsonTreePanel
from gui.widgets.message_detail import MessageDetail

DOCUMENT = {
    "type": "echo",
    "data": {"items": [{"id": 1, "名前": "通信"}, {"id": 2, "key with space": [True, None]}]},
}


def make_panel(qtbot: QtBot, document: object = DOCUMENT) -> JsonTreePanel:
    panel = JsonTreePanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    panel.set_document(document)
    return panel


def shown_paths(panel: JsonTreePanel) -> list[str]:
    """The paths of the rows the view shows (open), top to bottom."""
    out = []
    index = panel.view.indexAt(panel.view.viewport().rect().topLeft())
    while index.isValid():
        out.append(index.data(PATH_ROLE))
        index = panel.view.indexBelow(index)
    return out


def test_expand_collapse_and_copy(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    view = panel.findChild(QTreeView, "jsonTreeView")
    assert shown_paths(panel) == ["$", "$.type", "$.data"]  # the root opens
    panel.expand_all()
    assert shown_paths(panel) == [
        "$",
        "$.type",
        "$.data",
        "$.data.items",
        "$.data.items[0]",
        "$.data.items[0].id",
        '$.data.items[0]["名前"]',
        "$.data.items[1]",
        "$.data.items[1].id",
        '$.data.items[1]["key with space"]',
        '$.data.items[1]["key with space"][0]',
        '$.data.items[1]["key with space"][1]',
    ]
    view.setCurrentIndex(panel.model.index_for_path(("data", "items", 1, "key with space")))
    panel.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_C, shift_ctrl)
    assert QGuiApplication.clipboard().text() == '$.data.items[1]["key with space"]'
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(view, Qt.Key.Key_Control)  # Qt keeps the last event's modifiers
    assert QGuiApplication.clipboard().text() == "[\n  true,\n  null\n]"
    view.setCurrentIndex(panel.model.index_for_path(("data", "items", 0, "名前")))
    panel.copy_value_action.trigger()  # the context menu's entry
    assert QGuiApplication.clipboard().text() == '"通信"'
    panel.copy_path_action.trigger()
    assert QGuiApplication.clipboard().text() == '$.data.items[0]["名前"]'
    actions = [action.text() for action in view.actions() if not action.isSeparator()]
    assert actions == ["Copy value", "Copy path", "Expand all under it", "Collapse all"]

    panel.collapse_button.click()
    assert shown_paths(panel) == ["$", "$.type", "$.data"]
    # Expand all under the current node only.
    view.setCurrentIndex(panel.model.index_for_path(("data", "items", 0)))
    panel.collapse_all()
    view.setCurrentIndex(panel.model.index_for_path(("data",)))
    panel.expand_action.trigger()
    assert "$.data.items[1].id" in shown_paths(panel)


def test_search_selects_and_opens_each_match(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    search = panel.findChild(QLineEdit, "jsonTreeSearch")
    with qtbot.waitSignal(panel.searchFinished, timeout=5000) as blocker:
        search.setText("ID")  # found in a thread after a pause in the typing
    assert blocker.args == [2]
    label = panel.findChild(QLabel, "jsonTreeMatches")
    assert label.text() == "1 of 2"
    current = panel.view.currentIndex()
    assert current.data(PATH_ROLE) == "$.data.items[0].id"
    assert current.data(Qt.ItemDataRole.FontRole).bold()
    assert "$.data.items[0].id" in shown_paths(panel)  # opened down to it
    panel.next_button.click()
    assert panel.view.currentIndex().data(PATH_ROLE) == "$.data.items[1].id"
    assert label.text() == "2 of 2"
    qtbot.keyClick(search, Qt.Key.Key_Return)  # Enter: the next, round to the first
    assert panel.view.currentIndex().data(PATH_ROLE) == "$.data.items[0].id"
    panel.previous_button.click()
    assert panel.view.currentIndex().data(PATH_ROLE) == "$.data.items[1].id"
    panel.activateWindow()
    panel.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.view)
    qtbot.keyClick(panel.view, Qt.Key.Key_F3)  # from the tree too
    assert panel.view.currentIndex().data(PATH_ROLE) == "$.data.items[0].id"
    qtbot.keyClick(panel.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyRelease(panel.view, Qt.Key.Key_Shift)  # Qt keeps the last event's modifiers
    assert panel.view.currentIndex().data(PATH_ROLE) == "$.data.items[1].id"

    with qtbot.waitSignal(panel.searchFinished, timeout=5000):
        search.setText("NULL")
    assert panel.view.currentIndex().data(PATH_ROLE) == '$.data.items[1]["key with space"][1]'
    with qtbot.waitSignal(panel.searchFinished, timeout=5000):
        search.setText("nowhere")
    assert label.text() == "No match"
    panel.set_document({"other": "document with null"})  # searched again
    qtbot.waitUntil(lambda: label.text() == "No match")
    with qtbot.waitSignal(panel.searchFinished, timeout=5000):
        search.setText("null")
    assert panel.view.currentIndex().data(PATH_ROLE) == "$.other"


def test_a_match_deep_in_a_big_array_is_reached_through_its_groups(qtbot: QtBot) -> None:
    document = {"items": [{"name": f"item {i}"} for i in range(50_000)]}
    panel = make_panel(qtbot, document)
    with qtbot.waitSignal(panel.searchFinished, timeout=20_000) as blocker:
        panel.search_edit.setText("item 49999")
        panel.search_now()
    assert blocker.args == [1]
    assert panel.view.currentIndex().data(PATH_ROLE) == "$.items[49999].name"
    items = panel.model.index_for_path(("items",))
    assert panel.model.rowCount(items) == 50  # groups: the item's group alone is made
    made = [panel.model.rowCount(panel.model.index(row, 0, items)) for row in range(50)]
    assert made == [0] * 49 + [1000]


def test_the_detail_pane_has_text_and_tree_tabs(qtbot: QtBot) -> None:
    detail = MessageDetail()
    qtbot.addWidget(detail)
    detail.show()
    tabs = detail.findChild(QTabWidget, "messageDetailTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Text", "Tree"]
    record = make_record(Direction.RECEIVED, json.dumps(DOCUMENT))
    detail.show_record(record)
    assert not detail.tree.has_document  # read only once the Tree tab is shown
    tabs.setCurrentIndex(1)
    assert detail.tree.has_document
    assert detail.tree.model.document == DOCUMENT
    reason = detail.findChild(QLabel, "jsonTreeReason")
    for shown, why in [
        (
            make_record(Direction.RECEIVED, "Echo: {'x': 1}"),
            "Not JSON: this message is shown as text only",
        ),
        (binary_record(Direction.RECEIVED, b"\x00\x01"), "A binary message has no tree: see Text"),
        (system_record("connected"), "Only sent and received messages have a tree"),
        (None, "Select a message to see it here"),
    ]:
        detail.show_record(shown)
        assert not detail.tree.has_document and reason.text() == why
        assert not detail.tree.search_edit.isEnabled()
    detail.show_record(record)
    assert detail.tree.has_document and detail.tree.search_edit.isEnabled()


def test_a_large_message_is_read_for_the_tree_in_a_thread(qtbot: QtBot) -> None:
    detail = MessageDetail()
    qtbot.addWidget(detail)
    detail.show()
    detail.show_tree()
    document = {"items": [{"id": i, "text": "x" * 40} for i in range(20_000)]}
    big = make_record(Direction.RECEIVED, json.dumps(document))
    assert len(big.text) > detail.AT_ONCE
    detail.show_record(big)
    assert detail.busy and detail.tree.reason.text() == "Reading the message…"
    detail.show_record(make_record(Direction.SENT, "[1]"))  # a newer choice wins
    assert detail.tree.model.document == [1]
    detail.show_record(big)
    qtbot.waitUntil(lambda: not detail.busy, timeout=60_000)
    assert detail.tree.model.document == document
    assert detail.text.toPlainText() == ""  # not laid out as text while the tree is shown
    detail.show_tree(False)
    assert detail.busy  # the text now, in a thread
    qtbot.waitUntil(lambda: not detail.busy, timeout=60_000)
    assert json.loads(detail.text.text()) == document
    detail.show_tree()
    assert not detail.busy and detail.tree.model.document == document  # read once
    # A row marked JSON that Python cannot read back (an older row, another parser's
    # verdict) says why, and the pane goes on.
    for text, why in [
        ("[" * 100_000 + "]" * 100_000, "Nested too deeply to show as a tree: see Text"),
        ("{'not': 'json'}", "Not JSON: this message is shown as text only"),
    ]:
        detail.show_record(replace(make_record(Direction.RECEIVED, "1"), text=text, is_json=True))
        qtbot.waitUntil(lambda: not detail.busy, timeout=60_000)
        assert not detail.tree.has_document and detail.tree.reason.text() == why


def test_the_window_shows_a_history_row_as_a_tree(qtbot: QtBot, window: MainWindow) -> None:
    record = make_record(Direction.RECEIVED, json.dumps(DOCUMENT))
    window.model.inbox.put(record)
    window.model.flush()
    rows = [row for row, shown in enumerate(window.history.shown_records()) if shown is record]
    window.history.table.selectRow(rows[0])
    window.detail.show_tree()
    view = window.current_tab().findChild(QTreeView, "jsonTreeView")
    assert view.isVisible()
    assert window.detail.tree.model.document == DOCUMENT
