"""The history file's schema version and its migrations (no Qt)."""

from __future__ import annotations

import pathlib
import shutil
import sqlite3

import pytest

from gui.core.filtering import RowFilter
from gui.core.records import Direction, binary_record, make_record
from gui.models import schema
from gui.models.schema import SCHEMA_VERSION, SchemaTooNewError, migrate, sql
from gui.models.store import HistoryStore

DATA = pathlib.Path(__file__).parent / "data"

# The table exactly as the code before schema versioning created it (commit 39d6b2d).
TABLE_BEFORE_VERSIONING = """
CREATE TABLE IF NOT EXISTS messages (
    id        INTEGER PRIMARY KEY,
    time_ms   INTEGER NOT NULL,
    direction TEXT    NOT NULL,
    size      INTEGER NOT NULL,
    is_json   INTEGER NOT NULL,
    text      TEXT    NOT NULL
)
"""


def user_version(path: pathlib.Path) -> int:
    db = sqlite3.connect(str(path))
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def test_a_file_written_before_versioning_is_migrated(tmp_path: pathlib.Path) -> None:
    """history-v0.sqlite3 was written by the app's own store at 39d6b2d."""
    path = tmp_path / "history.sqlite3"
    shutil.copy(DATA / "history-v0.sqlite3", path)
    assert user_version(path) == 0

    store = HistoryStore(path)
    assert user_version(path) == SCHEMA_VERSION == len(schema.MIGRATIONS)
    records = list(store.iter_records())
    assert [(r.direction, r.text[:24]) for r in records] == [
        (Direction.SYSTEM, "embedded server ready at"),
        (Direction.SENT, '{"type": "hello", "text"'),
        (Direction.RECEIVED, '{"type": "echo", "data":'),
        (Direction.SENT, '{"x"=1}'),
        (Direction.RECEIVED, '{"type": "error", "code"'),
        (Direction.RECEIVED, "Echo: {'a': 1}"),
        (Direction.ERROR, "connection refused by 12"),
        (Direction.RECEIVED, '[{"type": "error"}]'),
    ]
    assert records[1].text == '{"type": "hello", "text": "こんにちは"}'
    assert [r.time_ms for r in records] == [1_700_000_000_000 + 1000 * i for i in range(8)]
    assert [r.is_json for r in records] == [False, True, True, False, True, False, False, True]
    # Step 2 filled in the documents' "type" (a list is not an object: no type).
    assert [r.doc_type for r in records] == [
        None, "hello", "echo", None, "error", None, None, None
    ]  # fmt: skip
    errors = RowFilter.of("", frozenset({Direction.ERROR}), error_replies=True)
    assert [records[i - 1].text[:16] for i in store.ids(errors)] == [
        '{"type": "error"',
        "connection refus",
    ]
    store.close()

    again = HistoryStore(path)  # nothing left to run
    assert list(again.iter_records()) == records
    again.close()


def test_a_table_made_with_the_old_sql_is_migrated(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(str(path))
    db.execute(TABLE_BEFORE_VERSIONING)
    db.execute(
        "INSERT INTO messages (time_ms, direction, size, is_json, text)"
        """ VALUES (1, 'received', 40, 1, '{"type": "error", "code": "x", "n": 1e999}')"""
    )
    db.commit()
    db.close()
    store = HistoryStore(path)
    (record,) = store.iter_records()
    assert record.doc_type == "error"
    assert user_version(path) == SCHEMA_VERSION
    store.close()


def test_a_new_file_runs_every_step(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "new.sqlite3"
    HistoryStore(path).close()
    assert user_version(path) == SCHEMA_VERSION
    db = sqlite3.connect(str(path))
    columns = [row[1] for row in db.execute("PRAGMA table_info(messages)")]
    db.close()
    assert columns == [
        "id", "time_ms", "direction", "size", "is_json", "text", "doc_type", "payload",
        "connection", "schema_ok", "schema_path", "schema_error", "rtt_ms", "imported",
    ]  # fmt: skip


def test_a_file_at_version_2_gains_binary_payloads(tmp_path: pathlib.Path) -> None:
    """Step 3: rows written before it (a binary one kept a hex preview only) read as
    before, and binary messages written after it keep every byte."""
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:2])
    conn.execute(
        "INSERT INTO messages (id, time_ms, direction, size, is_json, text)"
        " VALUES (1, 5, 'received', 300, 0, '(binary frame, 300 bytes) 00 01 02 …')"
    )
    conn.close()
    store = HistoryStore(path)
    assert user_version(path) == SCHEMA_VERSION
    (old,) = store.iter_records()
    assert old.text == "(binary frame, 300 bytes) 00 01 02 …" and old.payload is None
    store.append_many([binary_record(Direction.RECEIVED, bytes(300), time_ms=6)])
    assert store.payload(2) == bytes(300)
    store.close()


def test_a_file_at_version_3_gains_connections(tmp_path: pathlib.Path) -> None:
    """Step 4: rows written before it belong to no connection ("", which the first tab
    shows); rows written after it keep theirs, and one connection's rows are found by
    the index, without reading the others'."""
    path = tmp_path / "v3.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:3])
    conn.execute(
        "INSERT INTO messages (id, time_ms, direction, size, is_json, text)"
        " VALUES (1, 5, 'sent', 2, 1, '{}')"
    )
    conn.close()
    store = HistoryStore(path)
    assert user_version(path) == SCHEMA_VERSION
    (old,) = store.iter_records()
    assert old.connection == ""
    tab = make_record(Direction.RECEIVED, '{"a": 1}')
    tab.connection = "tab-b"
    store.append_many([tab, make_record(Direction.SENT, "x")])
    assert store.connections() == {"", "tab-b"}
    assert list(store.ids(RowFilter(connections=frozenset({"tab-b"})))) == [2]
    assert list(store.ids(RowFilter(connections=frozenset({""})))) == [1, 3]
    assert list(store.ids(RowFilter(connections=frozenset()))) == []
    plan = " ".join(
        str(row[-1])
        for row in store._conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE connection IN (?) ORDER BY id",
            ("tab-b",),
        )
    )
    assert "messages_by_connection" in plan
    store.clear(frozenset({""}))
    assert [r.connection for r in store.iter_records()] == ["tab-b"]
    store.close()


def test_a_file_at_version_4_gains_schema_verdicts_and_round_trips(
    tmp_path: pathlib.Path,
) -> None:
    """Step 5: rows written before it were never checked (no verdict, no round trip);
    a failed row written after it keeps its path and reason, and the "Schema errors"
    filter reads the failures through the partial index."""
    path = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:4])
    conn.execute(
        "INSERT INTO messages (id, time_ms, direction, size, is_json, text)"
        """ VALUES (1, 5, 'received', 8, 1, '{"a": 1}')"""
    )
    conn.close()
    store = HistoryStore(path)
    assert user_version(path) == SCHEMA_VERSION
    (old,) = store.iter_records()
    assert (old.schema_ok, old.schema_path, old.schema_error, old.rtt_ms) == (None, "", "", None)
    passed = make_record(Direction.RECEIVED, '{"n": 1}')
    passed.schema_ok, passed.rtt_ms = True, 0.25
    failed = make_record(Direction.RECEIVED, '{"n": "x"}')
    failed.schema_ok, failed.schema_path, failed.schema_error = False, "$.n", "not an integer"
    store.append_many([passed, failed])
    _, got_passed, got_failed = store.iter_records()
    assert (got_passed.schema_ok, got_passed.rtt_ms) == (True, 0.25)
    assert (got_failed.schema_ok, got_failed.schema_path) == (False, "$.n")
    assert got_failed.schema_error == "not an integer"
    errors = RowFilter(schema_errors=True)
    assert list(store.ids(errors)) == [3]
    assert list(store.ids(RowFilter(schema_errors=True, connections=frozenset({""})))) == [3]
    plan = " ".join(
        str(row[-1])
        for row in store._conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE connection IN (?)"
            " AND schema_ok = 0 ORDER BY id",
            ("",),
        )
    )
    assert "messages_schema_failed" in plan
    store.close()


def test_a_failed_step_leaves_the_file_at_the_previous_version(tmp_path: pathlib.Path) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    conn = sqlite3.connect(str(tmp_path / "f.sqlite3"), isolation_level=None)
    steps = [sql("CREATE TABLE a (x)"), broken, sql("CREATE TABLE b (x)")]
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        migrate(conn, steps)
    assert schema.version(conn) == 1
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == {"a"}  # half_done was rolled back with the step
    steps[1] = sql("CREATE TABLE c (x)")
    assert migrate(conn, steps) == 1  # the version it had before
    assert schema.version(conn) == 3
    conn.close()


def test_a_file_from_a_newer_tsushin_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "newer.sqlite3"
    HistoryStore(path).close()
    db = sqlite3.connect(str(path))
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(SchemaTooNewError, match="written by a newer Tsushin"):
        HistoryStore(path)
    assert user_version(path) == SCHEMA_VERSION + 1  # left as it was


def test_a_file_at_version_4_gains_the_library(tmp_path: pathlib.Path) -> None:
    """Step 5: the library's tables, next to the rows already stored."""
    path = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:4])
    conn.execute(
        "INSERT INTO messages (id, time_ms, direction, size, is_json, text, connection)"
        " VALUES (1, 5, 'sent', 2, 1, '{}', 'tab-1')"
    )
    assert "library" not in {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    store = HistoryStore(path)
    assert user_version(path) == SCHEMA_VERSION
    assert [(r.text, r.connection) for r in store.iter_records()] == [("{}", "tab-1")]
    store.close()
    db = sqlite3.connect(str(path))
    columns = [row[1] for row in db.execute("PRAGMA table_info(library)")]
    folders = [row[1] for row in db.execute("PRAGMA table_info(library_folders)")]
    db.close()
    assert columns == [
        "id", "folder", "name", "text", "expect_match", "expect_schema", "created_ms",
        "updated_ms",
    ]  # fmt: skip
    assert folders == ["path"]


def test_a_file_at_version_6_gains_the_imported_mark(tmp_path: pathlib.Path) -> None:
    """Step 7: rows written before it were not imported; an imported row keeps its mark."""
    path = tmp_path / "v6.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:6])
    conn.execute(
        "INSERT INTO messages (id, time_ms, direction, size, is_json, text)"
        """ VALUES (1, 5, 'sent', 8, 1, '{"a": 1}')"""
    )
    conn.close()
    store = HistoryStore(path)
    assert user_version(path) == SCHEMA_VERSION
    (old,) = store.iter_records()
    assert old.imported is False
    loaded = make_record(Direction.SENT, '{"n": 1}')
    loaded.imported = True
    store.append_many([loaded, make_record(Direction.SENT, '{"n": 2}')])
    assert [r.imported for r in store.iter_records()] == [False, True, False]
    assert store.fetch([2])[2].imported is True
    store.close()
