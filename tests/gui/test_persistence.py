"""What survives closing the window: history, layout, mode, address, editor text."""

from __future__ import annotations

import base64
import json
import pathlib

import pytest
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, binary_record
from gui.models.store import PAGE_PAYLOAD_BYTES, HistoryStore
from gui.widgets.binary_dialog import BinaryDialog

pytestmark = pytest.mark.live


def test_history_survives_a_new_window(qtbot: QtBot, make_window, tmp_path: pathlib.Path):
    first = make_window(tmp_path)
    with qtbot.waitSignal(first.controller.connectedTo, timeout=30_000):
        first.connection_panel.connect_button.click()
    for n in range(3):
        first.editor.set_text(json.dumps({"n": n, "text": "持続"}, ensure_ascii=False))
        first.editor.send_button.click()
    qtbot.waitUntil(
        lambda: sum(r.direction is Direction.RECEIVED for r in first.model.records()) == 3,
        timeout=5000,
    )
    before = first.model.records()
    first.close()

    second = make_window(tmp_path)
    after = second.model.records()
    assert after[: len(before)] == before
    assert after[-1].text == "disconnected: the app is closing"
    received = [json.loads(r.text) for r in after if r.direction is Direction.RECEIVED]
    assert received == [{"type": "echo", "data": {"n": n, "text": "持続"}} for n in range(3)]
    assert second.findChild(QLineEdit, "historyFilter") is not None
    assert second.history.table.model().rowCount() == len(after)


def test_layout_mode_and_address_restored(qtbot: QtBot, make_window, tmp_path: pathlib.Path):
    first = make_window(tmp_path)
    first.show()
    first.resize(760, 560)
    combo = first.findChild(QComboBox, "serverModeCombo")
    combo.setCurrentIndex(combo.findData("remote"))
    first.findChild(QLineEdit, "hostEdit").setText("docker.invalid")
    first.findChild(QSpinBox, "portSpin").setValue(8123)
    first.findChild(QDoubleSpinBox, "connectTimeoutSpin").setValue(20)
    first.editor.set_text('{"kept": "ここ"}')
    first.current_tab().editor_splitter.setSizes([250, 650])
    sizes = first.current_tab().editor_splitter.sizes()
    window_size = first.size()
    assert window_size.height() == 560
    first.close()

    second = make_window(tmp_path)
    second.show()
    assert second.size() == window_size
    assert second.findChild(QComboBox, "serverModeCombo").currentData() == "remote"
    assert second.findChild(QLineEdit, "hostEdit").text() == "docker.invalid"
    assert second.findChild(QSpinBox, "portSpin").value() == 8123
    assert second.findChild(QDoubleSpinBox, "connectTimeoutSpin").value() == 20
    assert second.controller.connect_timeout == 20
    assert second.editor.text() == '{"kept": "ここ"}'
    assert second.current_tab().editor_splitter.sizes() == sizes


def test_a_stored_binary_message_in_a_new_window(make_window, tmp_path: pathlib.Path) -> None:
    """Read back from the database in a page, a large binary message shows its first
    bytes as a hex dump and counts the rest; Export still has every byte."""
    data = bytes(range(256)) * 40  # 10,240 bytes
    store = HistoryStore(tmp_path / "history.sqlite3")
    store.append_many([binary_record(Direction.RECEIVED, data, time_ms=1_700_000_000_000)])
    store.close()
    window = make_window(tmp_path)
    window.history.table.selectRow(0)
    dump = window.detail.text.toPlainText().splitlines()
    assert len(dump) == PAGE_PAYLOAD_BYTES // 16 + 1
    assert dump[-1] == "… 6,144 more bytes (the first 4,096 are shown; Export has all)"
    assert window.detail.header.text().endswith("10,240 bytes · binary: shown as a hex dump")
    target = tmp_path / "out.jsonl"
    assert window.history.export_to(target) == 1
    (line,) = target.read_text(encoding="utf-8").splitlines()
    assert base64.b64decode(json.loads(line)["base64"]) == data


def test_a_stored_large_binary_message_is_not_resent_half(
    make_window, tmp_path: pathlib.Path, monkeypatch
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    store.append_many([binary_record(Direction.SENT, bytes(10_000), time_ms=1_700_000_000_000)])
    store.close()
    window = make_window(tmp_path)
    opened: list[object] = []
    monkeypatch.setattr(BinaryDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.history.table.doubleClicked.emit(window.history.proxy.index(0, 4))
    assert opened == []
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Only the first bytes of this 10,000-byte message are loaded")
    )
