"""A tab's variables and periodic send, against the real embedded server."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.records import Direction
from gui.main_window import MainWindow
from gui.tabs.tab import ConnectionTab
from tests.gui.test_end_to_end import connect_embedded, type_json

pytestmark = pytest.mark.live

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def sent_texts(tab: ConnectionTab) -> list[str]:
    return [r.text for r in tab.model.records() if r.direction is Direction.SENT]


def echoes(tab: ConnectionTab) -> list[dict]:
    return [
        json.loads(r.text)["data"]
        for r in tab.model.records()
        if r.direction is Direction.RECEIVED and r.is_json
    ]


def test_variables_are_expanded_in_what_is_sent(
    qtbot: QtBot, window: MainWindow, monkeypatch
) -> None:
    monkeypatch.setenv("TSUSHIN_TEST_TOKEN", "sekrit")
    connect_embedded(qtbot, window)
    tab = window.current_tab()
    template = (
        '{"id": "{{uuid}}", "n": "{{counter}}", "at": "{{now}}", "ms": "{{now_ms}}",\n'
        ' "token": "{{env:TSUSHIN_TEST_TOKEN}}", "label": "msg-{{counter}}"}'
    )
    type_json(qtbot, window, template)
    window.editor.request_send()
    window.editor.request_send()
    qtbot.waitUntil(lambda: len(echoes(tab)) == 2, timeout=5000)
    first, second = (json.loads(text) for text in sent_texts(tab))
    # The history holds what was sent: values, typed, the layout kept.
    assert sent_texts(tab)[0].startswith('{"id": "')
    assert "\n" in sent_texts(tab)[0]
    assert UUID.match(first["id"]) and first["id"] != second["id"]
    assert (first["n"], second["n"]) == (1, 2)  # a number, counting per tab
    assert first["label"] == "msg-1"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", first["at"])
    assert isinstance(first["ms"], int) and first["ms"] > 1_700_000_000_000
    assert first["token"] == "sekrit"
    assert echoes(tab) == [first, second]
    assert window.editor.text() == template  # the editor keeps the variables

    # Raw text is expanded as text; another tab counts on its own.
    window.editor.set_text("count {{counter}}")
    window.editor.send_raw_button.click()
    qtbot.waitUntil(lambda: len(sent_texts(tab)) == 3)
    assert sent_texts(tab)[2] == "count 3"
    window.new_tab()
    other = window.current_tab()
    with qtbot.waitSignal(other.controller.connectedTo, timeout=30_000):
        other.connect_now()
    other.editor.set_text('{"n": "{{counter}}"}')
    other.editor.request_send()
    qtbot.waitUntil(lambda: len(sent_texts(other)) == 1)
    assert json.loads(sent_texts(other)[0]) == {"n": 1}


def test_an_unknown_variable_is_refused_and_nothing_is_sent(
    qtbot: QtBot, window: MainWindow, monkeypatch
) -> None:
    monkeypatch.delenv("TSUSHIN_NOT_SET", raising=False)
    connect_embedded(qtbot, window)
    tab = window.current_tab()
    label = tab.findChild(QLabel, "validationLabel")
    for text, says in (
        ('{"a": "{{nope}}"}', "unknown variable {{nope}}"),
        ('{"a": "{{env:TSUSHIN_NOT_SET}}"}', "environment variable TSUSHIN_NOT_SET is not set"),
    ):
        type_json(qtbot, window, text)
        window.editor.request_send()
        assert says in label.text()
        assert says in window.statusBar().currentMessage()
        assert label.text().startswith("Nothing was sent")
    type_json(qtbot, window, '{"fine": 1}')
    window.editor.request_send()
    qtbot.waitUntil(lambda: len(sent_texts(tab)) == 1)
    assert sent_texts(tab) == ['{"fine": 1}']  # only this one went out


def test_a_periodic_send_counts_and_stops_at_its_limit(qtbot: QtBot, window: MainWindow) -> None:
    connect_embedded(qtbot, window)
    tab = window.current_tab()
    type_json(qtbot, window, '{"beat": "{{counter}}"}')
    tab.findChild(QSpinBox, "periodicIntervalSpin").setValue(10)
    assert tab.findChild(QSpinBox, "periodicIntervalSpin").minimum() == 10
    tab.findChild(QSpinBox, "periodicCountSpin").setValue(25)
    button = tab.findChild(QPushButton, "periodicButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.text() == "Stop"
    qtbot.waitUntil(lambda: button.text() == "Start", timeout=10_000)
    qtbot.waitUntil(lambda: len(echoes(tab)) == 25, timeout=5000)
    assert [json.loads(t)["beat"] for t in sent_texts(tab)] == list(range(1, 26))
    status = tab.findChild(QLabel, "periodicStatus").text()
    assert status == "stopped after 25: done"


def test_a_periodic_send_stops_on_disconnect_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    connect_embedded(qtbot, window)
    tab = window.current_tab()
    type_json(qtbot, window, '{"type": "heartbeat"}')
    tab.periodic_bar.interval_spin.setValue(20)
    button = tab.findChild(QPushButton, "periodicButton")
    button.click()  # until stopped
    qtbot.waitUntil(lambda: len(sent_texts(tab)) >= 5, timeout=10_000)
    assert "sent" in tab.periodic_bar.status.text()
    tab.connection_panel.connect_button.click()  # Disconnect
    qtbot.waitUntil(lambda: tab.controller.state is ConnectionState.DISCONNECTED)
    assert button.text() == "Start"
    count = tab.sending.periodic_sent
    qtbot.waitUntil(lambda: len(sent_texts(tab)) == count)  # the history has them all
    assert tab.periodic_bar.status.text() == f"stopped after {count}: the connection closed"
    assert "the connection closed" in window.statusBar().currentMessage()
    qtbot.waitUntil(
        lambda: any(
            r.text == f"periodic send stopped after {count} messages: the connection closed"
            for r in tab.model.records()
        )
    )
    assert len(sent_texts(tab)) == count  # nothing more went out


def test_a_periodic_send_is_stopped_by_its_button(qtbot: QtBot, window: MainWindow) -> None:
    connect_embedded(qtbot, window)
    tab = window.current_tab()
    tab.periodic_bar.interval_spin.setValue(10)
    tab.periodic_bar.button.click()
    qtbot.waitUntil(lambda: len(sent_texts(tab)) >= 3, timeout=10_000)
    tab.periodic_bar.button.click()
    assert not tab.sending.periodic_running
    stopped_at = tab.sending.periodic_sent
    assert tab.periodic_bar.status.text() == f"stopped after {stopped_at}: stopped"
    window.editor.set_text('{"bad": "{{nope}}"}')
    tab.periodic_bar.button.click()  # refused at the start: nothing sent
    assert not tab.sending.periodic_running
    assert "unknown variable {{nope}}" in window.statusBar().currentMessage()
