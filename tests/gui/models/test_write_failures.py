"""A history file that cannot be written: shown to the user, nothing blank, nothing
lost, memory bounded. The failures are SQLite's own (a full database, a locked file)."""

from __future__ import annotations

import json
import pathlib
import sqlite3

import pytest
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, MessageRecord, make_record
from gui.models.history import HistoryModel
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore
from gui.models.writer import HistoryWriter, WriteStatus


class Disk:
    """Room on a pretend disk: SQLite's max_page_count on the writer's connection."""

    def __init__(self) -> None:
        self.full = False


class FillableStore(HistoryStore):
    """The real store; when the disk is "full", the file may not grow by a page, so
    SQLite itself fails with "database or disk is full"."""

    disk = Disk()

    def append_rows(self, rows, pause=None) -> None:
        conn = self._conn
        if self.disk.full:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        else:
            conn.execute("PRAGMA max_page_count = 1073741823")
        super().append_rows(rows, pause)


class FillableWriter(HistoryWriter):
    FIRST_RETRY_S = 0.05
    LAST_RETRY_S = 0.2

    def _open(self):
        return FillableStore(self.path)


@pytest.fixture
def disk(monkeypatch) -> Disk:
    fresh = Disk()
    monkeypatch.setattr(FillableStore, "disk", fresh)
    return fresh


@pytest.fixture
def model(qapp, tmp_path: pathlib.Path, disk: Disk):
    path = tmp_path / "history.sqlite3"
    writer = FillableWriter(path)
    model = HistoryModel(HistoryStore(path), RecordInbox(), interval_ms=5, writer=writer)
    yield model
    model.close()


def message(i: int) -> MessageRecord:
    return make_record(Direction.RECEIVED, json.dumps({"i": i, "pad": "x" * 2000}))


def put(model: HistoryModel, numbers: range) -> None:
    for i in numbers:
        model.inbox.put(message(i))
    model.flush()


def cells(model: HistoryModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]


def test_a_full_disk_is_shown_and_nothing_is_lost(
    qtbot: QtBot, model: HistoryModel, disk: Disk, tmp_path: pathlib.Path
) -> None:
    put(model, range(10))
    model.wait_written()
    assert model.write_status == WriteStatus(written=10)
    disk.full = True
    statuses: list[WriteStatus] = []
    model.writeStatusChanged.connect(statuses.append)
    put(model, range(10, 200))  # more than a page: SQLite must grow the file
    qtbot.waitUntil(lambda: model.write_status.failing, timeout=10_000)
    assert "database or disk is full" in model.write_status.error
    qtbot.waitUntil(lambda: bool(statuses) and statuses[-1].failing)
    # A system row says so, in the table itself.
    qtbot.waitUntil(lambda: "history not saved to disk" in model.record(model.rowCount() - 1).text)
    error_row = model.record(model.rowCount() - 1)
    assert error_row.direction is Direction.ERROR
    assert "database or disk is full" in error_row.text
    # Every row reads back, none blank, though most are in no file.
    model.RECENT = 0
    model.log._trim_recent()
    assert model.write_status.unsaved >= 190
    rows = cells(model)
    assert len(rows) == 201
    assert all(row[0] and row[1] and row[4] for row in rows)
    assert [json.loads(model.record(r).text)["i"] for r in range(200)] == list(range(200))
    # Export has them all.
    exported = list(model.shown_records())
    assert [json.loads(r.text)["i"] for r in exported[:200]] == list(range(200))
    # Room again: the rows are written, and the table says so.
    disk.full = False
    model.retry_writing()
    qtbot.waitUntil(lambda: not model.write_status.failing, timeout=10_000)
    qtbot.waitUntil(lambda: "saved to disk again" in model.record(model.rowCount() - 1).text)
    model.close()
    again = HistoryStore(tmp_path / "history.sqlite3")
    texts = [r.text for r in again.iter_records()]
    again.close()
    assert [json.loads(t)["i"] for t in texts[:200]] == list(range(200))
    assert "database or disk is full" in texts[200]
    assert texts[-1].startswith("history saved to disk again")


def test_unsaved_rows_are_bounded_and_what_goes_is_said(
    qtbot: QtBot, model: HistoryModel, disk: Disk, monkeypatch
) -> None:
    monkeypatch.setattr(model._writer, "MAX_UNSAVED_ROWS", 50)
    disk.full = True
    put(model, range(120))
    qtbot.waitUntil(lambda: model.write_status.lost > 0, timeout=10_000)
    model.wait_written()
    status = model.write_status
    assert status.unsaved <= 50 and status.unsaved + status.lost >= 120
    model.RECENT = 0
    model.log._trim_recent()
    assert len(model._recent) == 0  # the model keeps nothing the writer dealt with
    first = model.record(0)  # let go of: it says so, it is not blank
    assert first.direction is Direction.ERROR
    assert first.text == (
        "(message #1 lost: it could not be written to the history file and was dropped from memory)"
    )
    assert all(row[4] for row in cells(model))
    assert len(list(model.shown_records())) == model.rowCount()


def test_rows_still_unsaved_at_close_go_to_a_rescue_file(
    qtbot: QtBot, model: HistoryModel, disk: Disk, tmp_path: pathlib.Path
) -> None:
    disk.full = True
    put(model, range(30))
    qtbot.waitUntil(lambda: model.write_status.failing, timeout=10_000)
    model.close()
    rescue = model.write_status.rescue_file
    assert rescue is not None and rescue.parent == tmp_path
    assert rescue.name.startswith("history-unsaved-") and rescue.suffix == ".jsonl"
    lines = [json.loads(line) for line in rescue.read_text(encoding="utf-8").splitlines()]
    assert [entry["json"]["i"] for entry in lines[:30]] == list(range(30))


def test_a_locked_file_is_retried_until_it_is_free(qtbot: QtBot, tmp_path: pathlib.Path):
    path = tmp_path / "history.sqlite3"
    writer = HistoryWriter(path)
    writer.FIRST_RETRY_S = 0.05
    model = HistoryModel(HistoryStore(path), RecordInbox(), interval_ms=5, writer=writer)
    other = sqlite3.connect(str(path), isolation_level=None)  # another program
    try:
        other.execute("BEGIN EXCLUSIVE")
        put(model, range(5))
        qtbot.waitUntil(lambda: model.write_status.failing, timeout=20_000)
        assert model.write_status.error == "database is locked"
        assert [json.loads(model.record(r).text)["i"] for r in range(5)] == list(range(5))
        other.execute("ROLLBACK")
        qtbot.waitUntil(lambda: not model.write_status.failing, timeout=30_000)
    finally:
        other.close()
        model.close()
    store = HistoryStore(path)
    texts = [r.text for r in store.iter_records()]
    store.close()
    assert [json.loads(t)["i"] for t in texts[:5]] == list(range(5))
    assert texts[5:] == [
        "history not saved to disk: database is locked",
        "history saved to disk again (6 messages)",
    ]
