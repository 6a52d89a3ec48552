"""Reading a file for the editor (Qt-free): text whatever the bytes, reasons as values."""

from __future__ import annotations

import pathlib

from gui.core.text_file import ReadProblem, read_text_file


def test_utf8_text_is_read_as_it_is(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"名前": "通信"}\n', encoding="utf-8")
    loaded = read_text_file(path)
    assert loaded.ok and not loaded.replaced
    assert loaded.text == '{"名前": "通信"}\n'
    assert loaded.size == len('{"名前": "通信"}\n'.encode())


def test_bytes_that_are_not_utf8_are_replaced_and_said(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "sjis.json"
    path.write_bytes('{"名前": 1}'.encode("shift_jis"))
    loaded = read_text_file(path)
    assert loaded.ok and loaded.replaced
    assert "\ufffd" in loaded.text and loaded.text.startswith('{"')


def test_a_bom_is_dropped(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf[1]")
    assert read_text_file(path).text == "[1]"


def test_too_large_missing_and_folders_are_problems(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 101)
    too_large = read_text_file(path, limit=100)
    assert too_large.problem is ReadProblem.TOO_LARGE and too_large.size == 101
    assert read_text_file(path, limit=101).ok
    assert read_text_file(tmp_path).problem is ReadProblem.NOT_A_FILE
    assert read_text_file(tmp_path / "gone.json").problem is ReadProblem.MISSING
