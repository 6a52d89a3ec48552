"""Message records: size, JSON detection, preview, export line."""

from __future__ import annotations

import json

from gui.core.records import Direction, make_record, plain_tooltip, system_record


def test_size_is_utf8_bytes_and_json_detected() -> None:
    rec = make_record(Direction.SENT, '{"a":"通"}')
    assert rec.size == len('{"a":"通"}'.encode())
    assert rec.is_json


def test_plain_text_is_not_json() -> None:
    rec = make_record(Direction.RECEIVED, "Echo: {'x': 1}")
    assert not rec.is_json


def test_system_rows_are_never_json() -> None:
    assert not system_record("123").is_json
    assert system_record("boom", error=True).direction is Direction.ERROR


def test_preview_is_one_line_and_shortened() -> None:
    rec = make_record(Direction.RECEIVED, '{\n  "a": 1\n}')
    assert rec.preview() == '{ "a": 1 }'
    long = make_record(Direction.RECEIVED, "x" * 500)
    assert long.preview(10) == "x" * 10 + "…"


def test_json_line_export() -> None:
    rec = make_record(Direction.RECEIVED, '{"a": 1}', time_ms=5)
    assert json.loads(rec.to_json_line()) == {
        "time_ms": 5,
        "direction": "received",
        "size": 8,
        "is_json": True,
        "json": {"a": 1},
    }
    text = make_record(Direction.RECEIVED, "<b>hi</b>", time_ms=6)
    assert json.loads(text.to_json_line())["text"] == "<b>hi</b>"


def test_plain_tooltip_escapes_html() -> None:
    tip = plain_tooltip("<b>bold</b><img src=x>")
    assert "<b>" not in tip and "<img" not in tip
    assert "&lt;b&gt;bold&lt;/b&gt;&lt;img src=x&gt;" in tip
    assert plain_tooltip("x" * 10, limit=3).endswith("xxx…</p>")


def test_nan_is_not_json_and_long_integers_are() -> None:
    assert not make_record(Direction.RECEIVED, '{"x": NaN}').is_json
    long = "1" * 5000
    rec = make_record(Direction.RECEIVED, f'{{"type": "big", "n": {long}}}')
    assert rec.is_json and rec.doc_type == "big"
    line = rec.to_json_line()
    assert line.endswith(f'"json": {{"type":"big","n":{long}}}}}')
    assert line.startswith('{"time_ms": ')
