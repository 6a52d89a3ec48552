"""The send-binary dialog: hex, base64 and file input, and what it says about bad input."""

from __future__ import annotations

import pathlib

import pytest
from pytestqt.qtbot import QtBot

from gui.widgets import binary_dialog
from gui.widgets.binary_dialog import BinaryDialog


@pytest.fixture
def dialog(qtbot: QtBot) -> BinaryDialog:
    widget = BinaryDialog()
    qtbot.addWidget(widget)
    return widget


def choose(dialog: BinaryDialog, kind: str) -> None:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(kind))


def test_hex(dialog: BinaryDialog) -> None:
    assert not dialog.send_button.isEnabled()
    dialog.input.setPlainText("7b 22 61 22 3a 31 7d 00 ff")
    assert dialog.send_button.isEnabled()
    assert dialog.payload() == b'{"a":1}\x00\xff'
    assert dialog.status.text() == "9 bytes"
    dialog.input.setPlainText("7b 2g")
    assert not dialog.send_button.isEnabled() and dialog.payload() is None
    assert dialog.status.text() == "Character 5: not a hex digit: 'g'"


def test_base64(dialog: BinaryDialog) -> None:
    choose(dialog, "base64")
    dialog.input.setPlainText("eyJhIjoxfQD/")
    assert dialog.payload() == b'{"a":1}\x00\xff'
    dialog.input.setPlainText("eyJhIjoxfQD")
    assert dialog.payload() is None
    assert dialog.status.text().startswith("Character 11: 11 base64 characters")


def test_file(dialog: BinaryDialog, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 10)
    dialog.load_file(path)
    assert dialog.format_combo.currentData() == "file"
    assert dialog.input.isReadOnly()
    assert dialog.payload() == bytes(range(256)) * 10
    assert dialog.status.text() == "blob.bin: 2,560 bytes"
    choose(dialog, "hex")  # typing again forgets the file
    assert dialog.payload() is None and dialog.input.toPlainText() == ""


def test_unreadable_or_huge_file(dialog: BinaryDialog, tmp_path: pathlib.Path, monkeypatch) -> None:
    dialog.load_file(tmp_path / "missing.bin")
    assert dialog.payload() is None
    assert dialog.status.text() == "Cannot send missing.bin: No such file or directory"
    monkeypatch.setattr(binary_dialog, "MAX_FILE_BYTES", 10)
    (tmp_path / "big.bin").write_bytes(bytes(11))
    dialog.load_file(tmp_path / "big.bin")
    assert dialog.payload() is None
    assert dialog.status.text() == "Cannot send big.bin: 11 bytes is more than 10"


def test_starting_from_bytes(dialog: BinaryDialog) -> None:
    choose(dialog, "base64")
    dialog.set_payload(b"\x00\xffA")
    assert dialog.format_combo.currentData() == "hex"
    assert dialog.input.toPlainText() == "00 ff 41"
    assert dialog.payload() == b"\x00\xffA"
