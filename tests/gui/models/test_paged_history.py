"""The history model over a large store: paging, filtering in SQL, the writer thread."""

from __future__ import annotations

import json
import pathlib

import pytest
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, MessageRecord, make_record
from gui.models.filter import HistoryFilterModel
from gui.models.history import RECORD_ROLE, HistoryModel
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore
from gui.widgets.history_view import HistoryPanel

COUNT = 5_000


def stored(i: int) -> MessageRecord:
    if i % 100 == 50:
        return make_record(Direction.SYSTEM, f"connected #{i}", time_ms=1_000 + i)
    word = "Nadel-ÄÖ" if i % 500 == 0 else "hello"
    text = f'{{"i": {i}, "text": "{word}"}}'
    return make_record(Direction.RECEIVED if i % 2 else Direction.SENT, text, time_ms=1_000 + i)


@pytest.fixture
def path(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    store.append_many([stored(i) for i in range(COUNT)])
    store.close()
    return path


@pytest.fixture
def model(qapp, path: pathlib.Path) -> HistoryModel:
    model = HistoryModel(HistoryStore(path), RecordInbox(), interval_ms=10)
    # Small pages and caches, so that a few thousand rows exercise the paging.
    model.PAGE = 64
    model.CACHED_PAGES = 4
    model.RECENT = 100
    yield model
    model.close()


def test_every_stored_row_is_a_row_and_pages_come_from_sqlite(model: HistoryModel) -> None:
    assert model.rowCount() == COUNT
    assert model.record(0) == stored(0)
    assert model.record(COUNT - 1) == stored(COUNT - 1)
    for row in range(0, COUNT, 97):
        assert model.index(row, HistoryModel.CONTENT).data() == stored(row).preview()
    assert len(model._pages) <= model.CACHED_PAGES  # only a few pages stay in memory


def test_qtmodeltester_on_a_paged_model(qtmodeltester, model: HistoryModel) -> None:
    qtmodeltester.check(model)
    model.set_filter("nadel", None)
    qtmodeltester.check(model)


def test_scrolling_to_old_rows_pages_them_in(qtbot: QtBot, model: HistoryModel) -> None:
    panel = HistoryPanel(model)
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    qtbot.waitUntil(lambda: panel.table.verticalScrollBar().value() > 0)  # follows the end
    model._pages.clear()
    panel.table.scrollToTop()
    qtbot.waitUntil(lambda: 0 in model._pages)
    top = panel.table.indexAt(panel.table.viewport().rect().topLeft())
    assert top.row() == 0
    assert top.data(RECORD_ROLE) == stored(0)


def test_a_filter_covers_the_whole_history(model: HistoryModel) -> None:
    proxy = HistoryFilterModel()
    proxy.setSourceModel(model)
    proxy.set_text("NADEL-äö")  # not ASCII: still ignores case
    rows = [proxy.index(r, 0).data(RECORD_ROLE) for r in range(proxy.rowCount())]
    assert rows == [stored(i) for i in range(0, COUNT, 500)]
    proxy.set_text("")
    proxy.set_directions(frozenset({Direction.SYSTEM}))
    assert proxy.rowCount() == COUNT // 100
    assert proxy.index(0, 0).data(RECORD_ROLE) == stored(50)
    proxy.set_text("#4950")
    assert [proxy.index(r, 4).data() for r in range(proxy.rowCount())] == ["connected #4950"]
    proxy.set_text("100%_")  # LIKE wildcards are taken literally
    assert proxy.rowCount() == 0
    proxy.set_directions(None)
    proxy.set_text("")
    assert proxy.rowCount() == COUNT


def test_rows_arriving_under_a_filter_are_filtered(model: HistoryModel) -> None:
    model.set_filter("", frozenset({Direction.SENT}))
    shown = model.rowCount()
    model.inbox.put(make_record(Direction.RECEIVED, '{"late": 1}'))
    model.inbox.put(make_record(Direction.SENT, '{"late": 2}'))
    model.flush()
    assert model.rowCount() == shown + 1
    assert model.record(shown).text == '{"late": 2}'
    assert model.total() == COUNT + 2


def test_new_rows_are_written_after_the_old_ones(path: pathlib.Path, model: HistoryModel) -> None:
    for i in range(300):  # more than RECENT: old new rows must be read back from SQLite
        model.inbox.put(make_record(Direction.RECEIVED, f'{{"new": {i}}}'))
    model.flush()
    model.wait_written()
    model.inbox.put(make_record(Direction.RECEIVED, '{"new": "last"}'))
    model.flush()
    assert model.rowCount() == COUNT + 301
    assert model.record(COUNT).text == '{"new": 0}'
    assert model.record(COUNT + 300).text == '{"new": "last"}'
    model.close()
    again = HistoryStore(path)
    assert again.count() == COUNT + 301
    assert again.load_recent(1)[0].text == '{"new": "last"}'
    again.close()


def test_export_streams_the_filtered_rows(
    qtbot: QtBot, model: HistoryModel, tmp_path: pathlib.Path
) -> None:
    panel = HistoryPanel(model)
    qtbot.addWidget(panel)
    panel.direction_combo.setCurrentIndex(panel.direction_combo.findText("System"))
    model.inbox.put(make_record(Direction.SYSTEM, "late system row"))
    out = tmp_path / "export.jsonl"
    assert panel.export_to(out) == COUNT // 100 + 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["text"] == "connected #50"
    assert json.loads(lines[-1])["text"] == "late system row"


def test_a_large_history_is_filtered_in_a_thread(qtbot: QtBot, model: HistoryModel) -> None:
    model.ASYNC_FILTER_ROWS = 0  # every filter goes to a thread
    with qtbot.waitSignal(model.filterApplied, timeout=10_000):
        model.set_filter("nadel", None)
        assert model.filtering  # the call returned before the query ran
        assert model.rowCount() == COUNT  # the rows shown stay until it is done
        # Rows that come meanwhile are in the answer too, checked as they come.
        model.inbox.put(make_record(Direction.RECEIVED, '{"late": "NADEL"}'))
        model.inbox.put(make_record(Direction.RECEIVED, '{"late": "other"}'))
        model.flush()
    assert not model.filtering
    texts = [model.record(r).text for r in range(model.rowCount())]
    assert texts == [stored(i).text for i in range(0, COUNT, 500)] + ['{"late": "NADEL"}']
    # A filter asked for while another runs: only the last one shows.
    with qtbot.waitSignal(model.filterApplied, timeout=10_000):
        model.set_filter("", frozenset({Direction.SYSTEM}))
        model.set_filter("#4950", frozenset({Direction.SYSTEM}))
    qtbot.waitUntil(lambda: not model.filtering, timeout=10_000)
    assert [model.record(r).text for r in range(model.rowCount())] == ["connected #4950"]
