"""The SQLite history store (no Qt)."""

from __future__ import annotations

import pathlib

import pytest

from gui.core.records import Direction, make_record, system_record
from gui.models.store import HistoryStore


def test_append_load_clear(tmp_path: pathlib.Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    records = [make_record(Direction.SENT, f'{{"n": {i}}}') for i in range(5)]
    records.append(system_record("connected"))
    store.append_many(records)
    assert store.count() == 6
    assert store.load_recent(100) == records
    assert store.load_recent(2) == records[-2:]
    store.close()

    again = HistoryStore(tmp_path / "h.sqlite3")
    assert again.load_recent(100) == records
    again.clear()
    assert again.count() == 0
    again.close()
    with pytest.raises(RuntimeError):
        again.count()
