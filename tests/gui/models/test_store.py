"""The SQLite history store (no Qt)."""

from __future__ import annotations

import contextlib
import pathlib
import random
import sqlite3
import struct

import pytest

from gui.core.records import Direction, MessageRecord, binary_record, make_record, system_record
from gui.models.store import _COLUMNS, PAGE_PAYLOAD_BYTES, HistoryStore


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


# A batch is written as one statement of JSON rows (not one step per row, which gives up
# and takes back the GIL each time); what it stores must be what executemany stored.

_RAW = ", ".join(f"typeof({c}), {c}" for c in _COLUMNS.split(", "))


def _raw(path: pathlib.Path) -> list[tuple]:
    """Every cell of the file with its SQLite type; a REAL by its bits."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(f"SELECT {_RAW} FROM messages ORDER BY id").fetchall()
    return [tuple(struct.pack("<d", x) if type(x) is float else x for x in r) for r in rows]


def _by_executemany(path: pathlib.Path) -> HistoryStore:
    """The store as it wrote before one statement per batch: the reference."""
    store = HistoryStore(path)
    store._json = False
    return store


def _mixed_records() -> list[MessageRecord]:
    rng = random.Random(7)
    texts = [
        '{"a": "通信"}',
        "emoji 🎉 and 𝄞 beyond the BMP",
        'quotes " and \\ backslash \\u0000 spelt out, tabs\t, \x01\x1f controls',
        "a NUL \x00 in the middle\x00",
        "\u2028\u2029 separators, \ufeff BOM, \U0010ffff last",
        "x" * 3_000_000 + "é",  # megabytes
        "",
    ]
    records = [make_record(Direction.RECEIVED, t) for t in texts]
    records += [
        binary_record(Direction.RECEIVED, bytes(range(256)) * 50),
        binary_record(Direction.SENT, b""),
        binary_record(Direction.SENT, b"\x00"),
        system_record("connected"),
        system_record("lost", error=True),
    ]
    records[0].doc_type = "type \x00 with a NUL"
    records[1].connection = "c1"
    records[1].schema_ok, records[1].schema_path, records[1].schema_error = False, "$.a", "≠ 🎉"
    records[2].schema_ok = True
    records[3].imported = True
    records[4].time_ms = 2**63 - 1
    records[5].time_ms = -(2**63)
    records[6].size = 2**62 + 1
    floats = [
        0.1, 1 / 3, -0.0, 0.0, 5e-324, 2.2250738585072014e-308, 1e300, -1e-300, 2.0**62,
        2.0**70, float("inf"), float("-inf"), float("nan"), 123456789.123456789,
    ]  # fmt: skip
    floats += [rng.uniform(0, 10_000) for _ in range(2000)]
    floats += [rng.expovariate(1 / 50) for _ in range(2000)]
    floats += [struct.unpack("<d", rng.randbytes(8))[0] for _ in range(2000)]
    for i, rtt in enumerate(floats):
        rec = make_record(Direction.RECEIVED, f'{{"i": {i}}}')
        rec.rtt_ms = rtt
        rec.imported = i % 2 == 0
        records.append(rec)
    return records


def test_a_batch_is_stored_as_executemany_stored_it(tmp_path: pathlib.Path) -> None:
    records = _mixed_records()
    reference = _by_executemany(tmp_path / "ref.sqlite3")
    store = HistoryStore(tmp_path / "h.sqlite3")
    empty = binary_record(Direction.SENT, b"")  # the batch's only payload, and empty
    nul = make_record(Direction.SENT, "only \x00")
    for s in (reference, store):
        s.append_rows([(1_000 + k, r) for k, r in enumerate(records)])
        s.append_rows([(1, empty)])
        s.append_rows([(2, nul)])
        s.close()
    assert _raw(tmp_path / "h.sqlite3") == _raw(tmp_path / "ref.sqlite3")

    store = HistoryStore(tmp_path / "h.sqlite3")
    back = dict(store.iter_rows())
    assert back[1].payload == b"" and back[2].text == "only \x00"
    for k, rec in enumerate(records):
        got = back[1_000 + k]
        if rec.rtt_ms is not None and rec.rtt_ms != rec.rtt_ms:  # NaN: SQLite stores NULL
            assert got.rtt_ms is None
            got.rtt_ms = rec.rtt_ms
        assert got == rec or (got.rtt_ms, rec.rtt_ms) == (0.0, -0.0)  # no -0 REAL on disk
    page = store.fetch([1_000 + k for k in range(len(records))])
    assert page[1_003].text == records[3].text and page[1_000].doc_type == records[0].doc_type
    store.close()


def test_a_batch_is_one_statement_not_one_per_row(tmp_path: pathlib.Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    store.append_many([make_record(Direction.RECEIVED, f'{{"n": {i}}}') for i in range(500)])
    store.append_many([binary_record(Direction.RECEIVED, i.to_bytes(2)) for i in range(500)])
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert len(inserts) == 2 and store.count() == 1_000
    assert [r.payload for r in store.iter_records()][500:] == [i.to_bytes(2) for i in range(500)]
    store.close()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda r: setattr(r, "time_ms", 2**63 + 5), OverflowError),  # JSON1 would make it REAL
        (lambda r: setattr(r, "size", -(2**63) - 1), OverflowError),
        (lambda r: setattr(r, "text", "lone \ud800 surrogate"), UnicodeEncodeError),
    ],
)
def test_a_value_sqlite_cannot_hold_fails_the_batch_as_before(
    tmp_path: pathlib.Path, change, error: type[Exception]
) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    records = [make_record(Direction.RECEIVED, f'{{"n": {i}}}') for i in range(10)]
    change(records[4])
    with pytest.raises(error):
        store.append_many(records, first_id=1)
    assert store.count() == 0 and not store._conn.in_transaction
    store.append_many(records[:4], first_id=1)  # the file goes on
    assert list(store.iter_records()) == records[:4]
    store.close()


def test_the_writer_can_give_way_while_rows_are_made_ready(tmp_path: pathlib.Path) -> None:
    """append_rows calls its pause between slices of rows (the writer thread passes
    Turns.yield_to_gui there), and the rows are written all the same."""
    store = HistoryStore(tmp_path / "h.sqlite3")
    rows = [(k + 1, make_record(Direction.RECEIVED, f'{{"n": {k}}}')) for k in range(1_200)]
    pauses: list[int] = []
    store.append_rows(iter(rows), pause=lambda: pauses.append(1))
    assert len(pauses) >= 1_200 // 500  # at least once per slice of PAUSE_ROWS
    assert [r.text for r in store.iter_records()] == [r.text for _, r in rows]
    store.close()
