"""The message library's file format and its SQLite store (no Qt)."""

from __future__ import annotations

import json
import pathlib
import sqlite3

import pytest

from gui.core.library import (
    LibraryError,
    default_name,
    library_document,
    parse_library,
)
from gui.models import schema
from gui.models.library_store import LibraryStore
from gui.models.store import HistoryStore


@pytest.fixture
def store(tmp_path: pathlib.Path):
    lib = LibraryStore(tmp_path / "history.sqlite3")
    yield lib
    lib.close()


def test_the_library_lives_in_the_history_file_as_schema_step_5(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()
    db = sqlite3.connect(str(path))
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.close()
    assert {"messages", "library", "library_folders"} <= tables
    assert version == schema.SCHEMA_VERSION >= 5
    lib = LibraryStore(path)
    lib.add("", "hello", "{}")
    lib.close()
    history = HistoryStore(path)
    history.clear()  # clearing the history leaves the library alone
    history.close()
    again = LibraryStore(path)
    assert [e.name for e in again.entries()] == ["hello"]
    again.close()


def test_save_rename_move_delete(store: LibraryStore) -> None:
    store.add_folder("", "rooms")
    lobby = store.add_folder("rooms", "lobby")
    assert lobby == "rooms/lobby"
    who = store.add("rooms", "who", '{"type": "who"}', '{"type": "members"}')
    again = store.add("rooms", "Who", "{}")  # names are unique per folder, case folded
    assert again.name == "Who (2)"
    assert store.rename(who.id, "  who   is here ").name == "who is here"
    store.move([who.id], "rooms/lobby")
    assert store.entry(who.id).folder == "rooms/lobby"
    # A folder moves with what it holds; "Rooms" is not inside "rooms" (no case folding).
    store.add_folder("", "Rooms")
    assert store.move_folder("rooms/lobby", "", "hall") == "hall"
    assert store.entry(who.id).folder == "hall"
    assert store.folders() == ["Rooms", "hall", "rooms"]
    with pytest.raises(ValueError):
        store.move_folder("rooms", "rooms")
    store.delete_folder("hall")
    assert store.entry(who.id) is None
    store.delete([again.id])
    assert store.entries() == []
    with pytest.raises(LibraryError, match="cannot hold"):
        store.add_folder("", "a/b")
    with pytest.raises(LibraryError, match="empty"):
        store.add("", "   ", "{}")


def test_an_expected_reply_must_be_json_and_a_schema(store: LibraryStore) -> None:
    with pytest.raises(LibraryError, match="expected match: not JSON"):
        store.add("", "x", "{}", "{nope")
    with pytest.raises(LibraryError, match="not a valid JSON Schema"):
        store.add("", "x", "{}", None, '{"type": 12}')
    assert store.entries() == []


def test_export_then_import_gives_the_same_library(store: LibraryStore, tmp_path) -> None:
    store.add_folder("", "empty")
    store.add("a/b", "deep", '{"n": "{{counter}}"}', '{"type": "echo"}', '{"type": "object"}')
    store.add("", "raw", "Echo: hi")
    text = json.dumps(library_document(store.folders(), store.entries()))
    other = LibraryStore(tmp_path / "other.sqlite3")
    assert other.import_document(parse_library(text)) == 2
    assert other.folders() == ["a", "a/b", "empty"]
    shape = [(e.folder, e.name, e.text, e.expect_match, e.expect_schema) for e in other.entries()]
    assert shape == [
        ("", "raw", "Echo: hi", None, None),
        ("a/b", "deep", '{"n": "{{counter}}"}', '{"type": "echo"}', '{"type": "object"}'),
    ]
    # Again, into a folder: names that are taken get a number.
    other.import_document(parse_library(text), into="a")
    assert sorted(e.name for e in other.entries() if e.folder == "a/a/b") == ["deep"]
    other.close()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"tsushin_library": 1, "messages": [}', "not JSON: Expecting value at line 1, column 37"),
        ('{"time_ms": 1, "direction": "sent", "text": "x"}', "not a Tsushin library file"),
        ("[1, 2]", "not a Tsushin library file"),
        ('{"tsushin_library": 9}', "library file version 9"),
        ('{"tsushin_library": 1, "messages": [{"name": "a"}]}', "messages[0].text: missing"),
        (
            '{"tsushin_library": 1, "messages": [{"name": "a", "text": "", "x": 1}]}',
            "messages[0].x",
        ),
        ('{"tsushin_library": 1, "folders": ["a//b"]}', "folders[0]: the folder name is empty"),
        (
            '{"tsushin_library": 1, "messages": [{"name": "a", "text": "",'
            ' "expect": {"schema": {"type": 5}}}]}',
            "messages[0].expect: expected schema: not a valid JSON Schema",
        ),
    ],
)
def test_a_file_that_is_not_a_library_is_refused_whole(text: str, says: str) -> None:
    with pytest.raises(LibraryError) as caught:
        parse_library(text)
    assert says in caught.value.problem.message


def test_a_bad_import_loses_nothing(store: LibraryStore) -> None:
    store.add("", "keep", "{}")
    with pytest.raises(LibraryError):
        store.import_document(parse_library('{"tsushin_library": 1, "messages": [1]}'))
    assert [e.name for e in store.entries()] == ["keep"]


def test_default_name() -> None:
    assert default_name('{"type": "who", "x": 1}') == "who"
    assert default_name('{"a":\n 1}') == '{"a": 1}'
    assert default_name("   ") == "message"
