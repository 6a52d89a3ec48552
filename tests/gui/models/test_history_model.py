"""The history model: batches from the inbox, persistence, and Qt's model checks."""

from __future__ import annotations

import pathlib

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, make_record, system_record
from gui.models.filter import HistoryFilterModel
from gui.models.history import RECORD_ROLE, HistoryModel
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore


@pytest.fixture
def model(qapp, tmp_path: pathlib.Path) -> HistoryModel:
    return HistoryModel(HistoryStore(tmp_path / "h.sqlite3"), RecordInbox(), interval_ms=10)


def fill(model: HistoryModel) -> None:
    inbox = model.inbox
    inbox.put(system_record("connected to ws://127.0.0.1:1/websock1-2/"))
    inbox.put(make_record(Direction.SENT, '{"a": 1}'))
    inbox.put(make_record(Direction.RECEIVED, '{"type": "echo", "data": {"a": 1}}'))
    inbox.put(make_record(Direction.RECEIVED, "Echo: {'a': 1}"))
    inbox.put(system_record("connection refused", error=True))
    model.flush()


def test_qtmodeltester(qtmodeltester, model: HistoryModel) -> None:
    fill(model)
    qtmodeltester.check(model)
    proxy = HistoryFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_columns(model: HistoryModel) -> None:
    fill(model)
    assert model.rowCount() == 5
    row = [model.index(2, c).data() for c in range(model.columnCount())]
    assert row[1:4] == ["received", "JSON", "34"]
    assert row[4] == '{"type": "echo", "data": {"a": 1}}'
    assert model.index(3, HistoryModel.FORMAT).data() == "not JSON"
    assert model.index(0, HistoryModel.FORMAT).data() == ""
    assert len(model.index(0, 0).data()) == len("12:00:00.000")
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Content"


def test_one_insert_and_one_transaction_per_batch(qtbot: QtBot, model: HistoryModel) -> None:
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda parent, first, last: inserts.append((first, last)))
    for i in range(3000):
        model.inbox.put(make_record(Direction.RECEIVED, f'{{"i": {i}}}'))
    with qtbot.waitSignal(model.batchAppended) as blocker:
        pass  # the timer drains it
    assert len(blocker.args[0]) == 3000
    assert inserts == [(0, 2999)]
    qtbot.waitUntil(lambda: model._store.count() == 3000)  # written by the writer thread


def test_batches_are_capped(model: HistoryModel) -> None:
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda parent, first, last: inserts.append((first, last)))
    cap = HistoryModel.MAX_BATCH
    for i in range(cap + 10):
        model.inbox.put(make_record(Direction.RECEIVED, f'{{"i": {i}}}'))
    model.flush()
    assert inserts == [(0, cap - 1), (cap, cap + 9)]


def test_reloaded_from_the_store(tmp_path: pathlib.Path, model: HistoryModel) -> None:
    fill(model)
    model.close()
    again = HistoryModel(HistoryStore(tmp_path / "h.sqlite3"), RecordInbox())
    assert again.records() == model.records()
    again.close()


def test_clear(model: HistoryModel) -> None:
    fill(model)
    model.clear()
    assert model.rowCount() == 0
    assert model._store.count() == 0


def test_filter_by_text_and_direction(model: HistoryModel) -> None:
    fill(model)
    proxy = HistoryFilterModel()
    proxy.setSourceModel(model)
    shown = lambda: [proxy.index(r, 0).data(RECORD_ROLE).text for r in range(proxy.rowCount())]  # noqa: E731
    proxy.set_text("ECHO")
    assert shown() == ['{"type": "echo", "data": {"a": 1}}', "Echo: {'a': 1}"]
    proxy.set_directions(frozenset({Direction.ERROR}))
    assert shown() == []
    proxy.set_text("")
    assert shown() == ["connection refused"]
    proxy.set_directions(frozenset({Direction.SENT}))
    assert shown() == ['{"a": 1}']
    proxy.set_directions(None)
    assert proxy.rowCount() == 5
