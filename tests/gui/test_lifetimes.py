"""Nothing queued for a widget runs after the widget is gone: closing and deleting the
window while rows arrive, while a document is formatted in a thread, raises nothing."""

from __future__ import annotations

import json
import pathlib
import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from gui.app import build_window
from gui.core.records import Direction, make_record
from gui.models.history import HistoryModel
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore
from gui.widgets.history_view import HistoryPanel
from gui.widgets.json_editor import JsonEditor


def settle(qtbot: QtBot) -> None:
    """Run what was queued: deferred deletes, zero-time timers, queued calls."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(50)  # the event loop runs meanwhile: pending timers fire (or not)


def test_a_panel_deleted_with_rows_arriving(qtbot: QtBot, tmp_path: pathlib.Path) -> None:
    model = HistoryModel(HistoryStore(tmp_path / "h.sqlite3"), RecordInbox(), interval_ms=5)
    try:
        panel = HistoryPanel(model)  # queues a scroll to the bottom
        panel.show()
        for i in range(50):
            model.inbox.put(make_record(Direction.RECEIVED, f'{{"i": {i}}}'))
        model.flush()  # rows inserted: the panel queues a scroll to follow them
        shiboken6.delete(panel)
        for i in range(50):  # and more keep coming
            model.inbox.put(make_record(Direction.RECEIVED, f'{{"j": {i}}}'))
        settle(qtbot)
        assert model.rowCount() == 100
    finally:
        model.close()


def test_a_window_closed_and_deleted_while_rows_arrive(qtbot: QtBot, tmp_path) -> None:
    window = build_window(tmp_path)  # not the fixture's: this test deletes it itself
    window.show()
    inbox = window.model.inbox
    for i in range(200):
        inbox.put(make_record(Direction.RECEIVED, json.dumps({"i": i})))
    window.model.flush()
    for i in range(200):
        inbox.put(make_record(Direction.RECEIVED, json.dumps({"late": i})))
    window.close()
    window.deleteLater()
    settle(qtbot)
    assert not shiboken6.isValid(window)
    records = HistoryModel(HistoryStore(tmp_path / "history.sqlite3"), RecordInbox()).records()
    assert len(records) == 400  # everything that arrived before the close was written


def test_an_editor_deleted_while_it_formats_in_a_thread(qtbot: QtBot, monkeypatch) -> None:
    failures: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    editor = JsonEditor()
    editor.set_connected(True)
    value = {"items": [{"id": i, "name": f"item {i}"} for i in range(30_000)]}
    editor.set_text(json.dumps(value))
    qtbot.waitUntil(lambda: not editor.busy, timeout=20_000)
    before = set(threading.enumerate())
    editor.format_button.click()
    assert editor.busy  # formatting in a thread of its own
    workers = set(threading.enumerate()) - before
    shiboken6.delete(editor)
    for worker in workers:
        worker.join(20)  # it ends on its own; its result must go nowhere, quietly
    settle(qtbot)
    assert failures == []
