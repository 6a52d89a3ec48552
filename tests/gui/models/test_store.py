"""The SQLite history store (no Qt)."""

from __future__ import annotations

import pathlib

import pytest

from gui.core.records import Direction, binary_record, make_record, system_record
from gui.models.store import PAGE_PAYLOAD_BYTES, HistoryStore


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


def test_binary_payloads_are_kept_whole(tmp_path: pathlib.Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    big = bytes(range(256)) * 100  # 25,600 bytes: more than a page carries
    small = b"\x00\xff\x10"
    records = [
        binary_record(Direction.RECEIVED, big),
        make_record(Direction.SENT, '{"a": 1}'),
        binary_record(Direction.SENT, small),
    ]
    store.append_many(records, first_id=1)
    assert list(store.iter_records()) == records
    assert store.payload(1) == big and store.payload(2) is None and store.payload(9) is None
    page = store.fetch([1, 2, 3])
    assert page[1].payload == big[:PAGE_PAYLOAD_BYTES] and page[1].size == len(big)
    assert page[1].partial and not page[3].partial
    assert page[3] == records[2] and page[2] == records[1]
    store.close()
