"""One history for every connection: the log, per-connection views, "All connections"."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.core.records import ALL_CONNECTIONS, Direction, make_record
from gui.models.history import HistoryModel
from gui.models.inbox import RecordInbox
from gui.models.log import HistoryLog
from gui.models.store import HistoryStore

A, B = frozenset({"a", ALL_CONNECTIONS}), frozenset({"b", ALL_CONNECTIONS})


@pytest.fixture
def log(qapp, tmp_path: pathlib.Path) -> Iterator[HistoryLog]:
    history = HistoryLog(HistoryStore(tmp_path / "h.sqlite3"), RecordInbox(), interval_ms=10)
    yield history
    history.close()


def texts(model: HistoryModel) -> list[str]:
    return [model.record(row).text for row in range(model.rowCount())]


def put(log: HistoryLog, connection: str, *texts: str) -> None:
    inbox = log.inbox.tagged(connection)
    for text in texts:
        inbox.put(make_record(Direction.RECEIVED, text))


def test_each_view_shows_its_connections_rows(qtmodeltester, log: HistoryLog) -> None:
    tab_a = HistoryModel(log, log.inbox.tagged("a"), connections=A)
    tab_b = HistoryModel(log, log.inbox.tagged("b"), connections=B)
    every = HistoryModel(log, namer=lambda connection: f"tab {connection}")
    appended: list[list[str]] = []
    tab_a.batchAppended.connect(lambda records: appended.append([r.text for r in records]))
    put(log, "a", "a1")
    put(log, "b", "b1")
    put(log, "a", "a2")
    log.put_news("history news")  # every connection shows it
    log.flush()
    assert texts(tab_a) == ["a1", "a2", "history news"]
    assert texts(tab_b) == ["b1", "history news"]
    assert texts(every) == ["a1", "b1", "a2", "history news"]
    assert appended == [["a1", "a2", "history news"]]
    assert tab_a.total() == 3 and every.total() == 4
    # The "All connections" view names each row's connection in a column of its own.
    assert every.columnCount() == tab_a.columnCount() + 1 == 6
    assert every.headerData(HistoryModel.CONNECTION, Qt.Orientation.Horizontal) == "Connection"
    column = [every.index(row, HistoryModel.CONNECTION).data() for row in range(4)]
    assert column == ["tab a", "tab b", "tab a", "tab *"]
    for model in (tab_a, every):
        qtmodeltester.check(model)
    # Written with their connection, and read back so.
    log.wait_written()
    assert [r.connection for r in log.records()] == ["a", "b", "a", ALL_CONNECTIONS]
    assert [r.text for r in tab_b.records()] == ["b1", "history news"]


def test_a_view_opened_later_sees_rows_the_writer_has_not_written(
    log: HistoryLog, tmp_path: pathlib.Path
) -> None:
    put(log, "a", *[json.dumps({"i": i}) for i in range(2000)])
    put(log, "b", "b1")
    log.flush()  # in memory, queued for the writer thread; maybe not in SQLite yet
    late = HistoryModel(log, connections=frozenset({"a"}))
    assert late.rowCount() == 2000
    assert json.loads(late.record(1999).text) == {"i": 1999}


def test_rows_of_earlier_runs_come_back_per_connection(qapp, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "h.sqlite3"
    first = HistoryLog(HistoryStore(path), RecordInbox(), interval_ms=10)
    put(first, "a", "a1")
    put(first, "b", "b1")
    first.close()
    again = HistoryLog(HistoryStore(path), RecordInbox(), interval_ms=10)
    try:
        assert texts(HistoryModel(again, connections=frozenset({"b"}))) == ["b1"]
        assert texts(HistoryModel(again)) == ["a1", "b1"]
    finally:
        again.close()


def test_a_filter_stays_within_the_connection(log: HistoryLog) -> None:
    tab_a = HistoryModel(log, connections=A)
    put(log, "a", '{"x": "needle"}', "other")
    put(log, "b", '{"x": "needle"}')
    log.flush()
    tab_a.set_filter("needle", None)  # a filter made without connections...
    assert texts(tab_a) == ['{"x": "needle"}']  # ...is still this tab's
    assert tab_a.row_filter.connections == A
    put(log, "b", "needle again")
    put(log, "a", "needle too")
    log.flush()
    assert texts(tab_a) == ['{"x": "needle"}', "needle too"]


def test_a_large_history_is_filtered_in_a_thread_per_connection(
    qtbot: QtBot, log: HistoryLog
) -> None:
    tab_a = HistoryModel(log, connections=A)
    tab_a.ASYNC_FILTER_ROWS = 0  # every filter goes to a thread
    put(log, "a", *[f"a{i}" for i in range(300)])
    put(log, "b", *[f"b{i}" for i in range(300)])
    log.flush()
    with qtbot.waitSignal(tab_a.filterApplied, timeout=10_000):
        tab_a.set_filter("1", frozenset({Direction.RECEIVED}))
        put(log, "a", "a-late-1")  # during the query: checked when it is done
        put(log, "b", "b-late-1")
        log.flush()
    assert texts(tab_a)[-1] == "a-late-1"
    assert all(text.startswith("a") and "1" in text for text in texts(tab_a))


def test_clearing_a_tab_deletes_its_rows_only(log: HistoryLog) -> None:
    tab_a = HistoryModel(log, connections=frozenset({"a"}))
    tab_b = HistoryModel(log, connections=frozenset({"b"}))
    every = HistoryModel(log, namer=str)
    put(log, "a", "a1", "a2")
    put(log, "b", "b1")
    log.flush()
    tab_a.clear()
    assert texts(tab_a) == [] and tab_a.total() == 0
    assert texts(tab_b) == ["b1"]
    assert texts(every) == ["b1"] and every.total() == 1
    log.wait_written()
    assert [r.text for r in log.records()] == ["b1"]
    every.clear()
    assert texts(tab_b) == [] and log.records() == []


def test_a_closed_view_follows_the_log_no_more(log: HistoryLog) -> None:
    view = HistoryModel(log, connections=frozenset({"a"}))
    put(log, "a", "a1")
    log.flush()
    view.close()
    put(log, "a", "a2")
    log.flush()
    assert view.rowCount() == 1
    assert not log.store.closed  # a view of a shared log does not close it


def test_the_drain_waits_while_the_writer_is_far_behind(
    qtbot: QtBot, tmp_path: pathlib.Path
) -> None:
    """Rows wait in the inbox (and the readers for room there) while more than
    MAX_UNWRITTEN drained rows are not written yet; flush() still takes everything."""
    history = HistoryLog(HistoryStore(tmp_path / "h.sqlite3"), RecordInbox(), interval_ms=10_000)
    inbox = history.inbox.tagged("tab")
    history.MAX_UNWRITTEN = 5
    for n in range(8):
        inbox.put(make_record(Direction.RECEIVED, str(n)))
    history.flush()
    history.wait_written()
    history.writer.processed_id = 0  # as if the writer were 8 rows behind
    inbox.put(make_record(Direction.RECEIVED, "late"))
    history._on_timer_timeout()
    assert len(inbox) == 1  # not drained: the writer is behind
    history.writer.flush()
    history.writer.processed_id = history.next_id - 1  # caught up
    assert len(inbox) == 1
    history._on_timer_timeout()
    assert len(inbox) == 0
    history.close()
