"""One filter rule for stored rows (SQL) and live rows (Python): text and error replies."""

from __future__ import annotations

import json
import pathlib

import pytest

from gui.core.filtering import RowFilter, contains, fold
from gui.core.records import Direction, MessageRecord, make_record, system_record
from gui.models.history import HistoryModel
from gui.models.inbox import RecordInbox
from gui.models.store import HistoryStore

TEXTS = [
    '{"street": "Straße"}',
    '{"street": "STRASSE"}',
    '{"street": "strasse"}',
    '{"name": "Ärger Öl"}',
    '{"name": "ÄRGER ÖL"}',
    '{"text": "通信テスト"}',
    '{"text": "ﾂｳｼﾝ"}',  # half-width katakana: not the same letters as ツウシン
    '{"mood": "🎉 party"}',
    '{"mood": "👍🏽"}',
    '{"unit": "5 \u212a"}',  # KELVIN SIGN: folds to an ASCII k
    '{"plain": "ascii only, k"}',
    "not JSON: 100%_done",
]
NEEDLES = [
    "straße",
    "STRASSE",
    "Strasse",
    "ärger",
    "ÖL",
    "通信",
    "ツウシン",
    "🎉",
    "👍🏽",
    "🏽",
    "k",
    "100%_",
    "%",
    "_",
]


def expected(needle: str) -> list[str]:
    return [t for t in TEXTS if fold(needle) in t.casefold()]


def records() -> list[MessageRecord]:
    return [make_record(Direction.RECEIVED, t, time_ms=1_000 + i) for i, t in enumerate(TEXTS)]


def shown(model: HistoryModel) -> list[str]:
    return [model.record(row).text for row in range(model.rowCount())]


@pytest.fixture
def stored_model(qapp, tmp_path: pathlib.Path):
    store = HistoryStore(tmp_path / "stored.sqlite3")
    store.append_many(records())
    model = HistoryModel(store, RecordInbox(), interval_ms=10)
    model.RECENT = 0  # every row read back from SQLite
    yield model
    model.close()


@pytest.fixture
def live_model(qapp, tmp_path: pathlib.Path):
    model = HistoryModel(HistoryStore(tmp_path / "live.sqlite3"), RecordInbox(), interval_ms=10)
    yield model
    model.close()


@pytest.mark.parametrize("needle", NEEDLES)
def test_stored_and_live_rows_give_the_same_answer(
    stored_model: HistoryModel, live_model: HistoryModel, needle: str
) -> None:
    stored_model.set_filter(needle, None)
    live_model.set_filter(needle, None)
    for rec in records():  # arriving after the filter was set: checked as they come
        live_model.inbox.put(rec)
    live_model.flush()
    assert shown(stored_model) == expected(needle)
    assert shown(live_model) == expected(needle)


def test_the_rule_in_words() -> None:
    assert contains("Straße", fold("STRASSE"))
    assert contains("STRASSE", fold("straße"))
    assert contains("ÄRGER", fold("ärger"))
    assert contains("通信テスト", fold("通信"))
    assert not contains("ﾂｳｼﾝ", fold("ツウシン"))
    assert contains("5 \u212a", fold("k"))
    assert "\u212a".isascii() is False
    assert expected("straße") == TEXTS[:3]
    assert expected("🏽") == ['{"mood": "👍🏽"}']


def error_rows() -> list[MessageRecord]:
    return [
        make_record(Direction.SENT, '{"type": "error"}'),  # sent: not a reply
        make_record(Direction.RECEIVED, '{"type": "error", "code": "invalid_json"}'),
        make_record(Direction.RECEIVED, '{"type": "echo", "data": {"type": "error"}}'),
        make_record(Direction.RECEIVED, '[{"type": "error"}]'),
        make_record(Direction.RECEIVED, 'Error: {"type": "error"}'),  # not JSON
        system_record("connection refused by 127.0.0.1:9", error=True),
        system_record("connected"),
    ]


ERRORS = RowFilter.of("", frozenset({Direction.ERROR}), error_replies=True)


def test_errors_include_the_servers_error_replies(
    qapp, tmp_path: pathlib.Path, live_model: HistoryModel
) -> None:
    store = HistoryStore(tmp_path / "errors.sqlite3")
    store.append_many(error_rows())
    stored = HistoryModel(store, RecordInbox(), interval_ms=10)
    stored.RECENT = 0
    try:
        stored.set_row_filter(ERRORS)
        live_model.set_row_filter(ERRORS)
        for rec in error_rows():
            live_model.inbox.put(rec)
        live_model.flush()
        want = [
            '{"type": "error", "code": "invalid_json"}',
            "connection refused by 127.0.0.1:9",
        ]
        assert shown(stored) == want
        assert shown(live_model) == want
        invalid = RowFilter.of("INVALID", frozenset({Direction.ERROR}), error_replies=True)
        stored.set_row_filter(invalid)
        assert shown(stored) == want[:1]
    finally:
        stored.close()


def test_the_errors_choice_of_the_panel(qtbot, live_model: HistoryModel) -> None:
    from gui.widgets.history_view import HistoryPanel

    panel = HistoryPanel(live_model)
    qtbot.addWidget(panel)
    for rec in error_rows():
        live_model.inbox.put(rec)
    live_model.flush()
    panel.direction_combo.setCurrentIndex(panel.direction_combo.findText("Errors"))
    texts = [json.loads(r.text)["code"] if r.is_json else r.text for r in panel.shown_records()]
    assert texts == ["invalid_json", "connection refused by 127.0.0.1:9"]


def checked_rows() -> list[MessageRecord]:
    rows = [
        make_record(Direction.RECEIVED, '{"type": "echo", "n": 1}'),  # passed
        make_record(Direction.RECEIVED, '{"type": "pong"}'),  # failed
        make_record(Direction.RECEIVED, '{"type": "error", "n": "x"}'),  # failed, an error reply
        make_record(Direction.RECEIVED, '{"type": "echo"}'),  # not checked (no schema then)
        make_record(Direction.SENT, '{"type": "pong"}'),
        system_record("connected"),
    ]
    rows[0].schema_ok = True
    for row, path in ((rows[1], "$.type"), (rows[2], "$.n")):
        row.schema_ok, row.schema_path, row.schema_error = False, path, "does not match"
    return rows


def test_schema_errors_over_stored_and_live_rows(
    qtbot, tmp_path: pathlib.Path, live_model: HistoryModel
) -> None:
    """The panel's "Schema errors" entry: the same rows, read from SQLite or arriving."""
    from gui.widgets.history_view import HistoryPanel

    store = HistoryStore(tmp_path / "checked.sqlite3")
    store.append_many(checked_rows())
    stored = HistoryModel(store, RecordInbox(), interval_ms=10)
    stored.RECENT = 0  # every row read back from SQLite
    panels = [HistoryPanel(stored), HistoryPanel(live_model)]
    try:
        for panel in panels:
            qtbot.addWidget(panel)
            panel.direction_combo.setCurrentIndex(panel.direction_combo.findText("Schema errors"))
        for rec in checked_rows():  # after the filter was set: checked as they come
            live_model.inbox.put(rec)
        live_model.flush()
        for panel in panels:
            got = [(r.text, r.schema_path) for r in panel.shown_records()]
            assert got == [('{"type": "pong"}', "$.type"), ('{"type": "error", "n": "x"}', "$.n")]
        # With a text: both parts must match.
        for panel in panels:
            panel.filter_edit.setText("ERROR")
            panel.apply_filter_now()
            assert [r.schema_path for r in panel.shown_records()] == ["$.n"]
    finally:
        stored.close()
