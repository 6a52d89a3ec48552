"""A tab's sent messages saved as a scenario (run headless after), a history export
imported into a tab, and one turned into a scenario: the window against the real
embedded server."""

from __future__ import annotations

import json
import pathlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, binary_record, make_record, system_record
from gui.core.scenario import load_scenario
from gui.main_window import MainWindow
from gui.models.history import HistoryModel
from gui.widgets.scenario_panel import PASSED
from tests.gui.runner.conftest import run_command
from tests.gui.test_end_to_end import connect_embedded, type_json

pytestmark = pytest.mark.live


@pytest.fixture
def dialogs(monkeypatch):
    """Answers the window's file dialogs and its choice of expects; records warnings."""

    class Answers:
        save: pathlib.Path | None = None
        open: pathlib.Path | None = None
        choice = 0
        warnings: list[str] = []  # noqa: RUF012

    answers = Answers()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(answers.save), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(answers.open), ""))

    def get_item(parent, title, label, items, *args, **kwargs):
        return items[answers.choice], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: answers.warnings.append(text)
    )
    return answers


def received(window: MainWindow) -> list:
    return [r for r in window.model.records() if r.direction is Direction.RECEIVED]


def test_sent_messages_saved_as_a_scenario_run_green_headless_and_in_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path, dialogs
) -> None:
    connect_embedded(qtbot, window)
    for count, text in enumerate(('{"id": "{{uuid}}", "n": "{{counter}}"}', '{"n": 2}'), 1):
        type_json(qtbot, window, text)
        window.editor.request_send()
        qtbot.waitUntil(lambda n=count: len(received(window)) == n)
    window.editor.set_text("not json {{counter}}")
    window.editor.send_raw_button.click()
    qtbot.waitUntil(lambda: len(received(window)) == 3)  # the server's invalid_json error
    sent = [r.text for r in window.model.records() if r.direction is Direction.SENT]

    dialogs.save = tmp_path / "saved.json"
    window.save_scenario_action.trigger()

    document = json.loads(dialogs.save.read_text(encoding="utf-8"))
    assert document["connect"] == {"url": window.launcher.url}
    steps = document["steps"]
    assert [next(iter(step)) for step in steps] == ["send", "expect", "send", "expect", "send"]
    assert steps[0] == {"send": json.loads(sent[0]), "expand": False}  # what was sent
    assert steps[1] == {"expect": {"within_ms": 5000, "match": {"type": "echo"}}}
    assert steps[2] == {"send": {"n": 2}, "expand": False}
    assert steps[4] == {"send": "not json 2", "expand": False}
    assert "saved to" in window.statusBar().currentMessage()
    load_scenario(dialogs.save)  # a valid scenario

    outcome = run_command(dialogs.save)  # python -m gui run, its own connection
    assert outcome.code == 0, outcome.text
    assert "passed: 1 user, 5 steps" in outcome.out, outcome.out

    # The panel opened it: it runs green on the tab as well.
    panel = window.scenarios_dock.panel
    assert panel.path == dialogs.save
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.stop_button.isEnabled(), timeout=20_000)
    assert panel.states() == [PASSED] * 5, panel.summary_label.text()


def test_saving_a_tab_that_sent_nothing_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path, dialogs
) -> None:
    dialogs.save = tmp_path / "nothing.json"
    window.save_scenario_action.trigger()
    assert not dialogs.save.exists()
    assert window.statusBar().currentMessage() == (
        "No sent message in this tab: no scenario was saved"
    )


def export_file(path: pathlib.Path) -> pathlib.Path:
    rows = [
        system_record("connected to ws://127.0.0.1:1/websock1-2/"),
        make_record(Direction.SENT, '{"type": "hello", "n": 1}', time_ms=1_700_000_000_000),
        make_record(Direction.RECEIVED, '{"type": "echo", "data": {"type": "hello", "n": 1}}'),
        make_record(Direction.SENT, "plain"),
        binary_record(Direction.RECEIVED, b"\x00\xff"),
    ]
    path.write_text("\n".join(r.to_json_line() for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_history_export_imported_into_a_tab(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path, dialogs
) -> None:
    window.new_tab()
    tab = window.current_tab()
    dialogs.open = export_file(tmp_path / "old.jsonl")
    with qtbot.waitSignal(window.history_imports.finished) as done:
        window.import_history_action.trigger()
    assert done.args[0] is True
    assert done.args[1] == f"5 rows imported from old.jsonl into {tab.title}"
    qtbot.waitUntil(lambda: len(tab.model.records()) == 6)
    records = tab.model.records()
    assert [r.imported for r in records] == [True] * 5 + [False]
    assert {r.connection for r in records} == {tab.id}
    assert records[1].time_ms == 1_700_000_000_000 and records[1].doc_type == "hello"
    assert records[4].payload == b"\x00\xff"
    assert records[5].text == "imported 5 rows from old.jsonl"
    assert tab.counts() == (0, 0, 0)  # not this connection's traffic
    model = tab.model
    assert model.data(model.index(1, HistoryModel.DIRECTION)) == "sent (imported)"
    # Stored with the tab's connection: another tab does not show them.
    other = window.tabs.tabs()[0]
    assert other is not tab and not any(r.imported for r in other.model.records())
    model.wait_written()
    assert [r.imported for r in window.log.store.iter_records()][-6:] == [True] * 5 + [False]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"steps": [{"send": 1}]}\n', "line 1: not a history row (no direction)"),
        ('{"direction": "sent", "text": "a"}\n{oops\n', "line 2: not JSON"),
        ("", "no history rows in it"),
    ],
)
def test_a_file_that_is_not_a_history_export_adds_nothing(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: pathlib.Path,
    dialogs,
    content: str,
    expected: str,
) -> None:
    tab = window.current_tab()
    before = len(tab.model.records())
    dialogs.open = tmp_path / "bad.jsonl"
    dialogs.open.write_text(content, encoding="utf-8")
    with qtbot.waitSignal(window.history_imports.finished) as done:
        window.import_history_action.trigger()
    assert done.args[0] is False
    (warning,) = dialogs.warnings
    assert warning.startswith("bad.jsonl is not a history export, nothing was imported")
    assert expected in warning
    tab.model.flush()
    assert len(tab.model.records()) == before


def test_a_history_export_turned_into_a_scenario(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path, dialogs
) -> None:
    dialogs.open = export_file(tmp_path / "old.jsonl")
    dialogs.save = tmp_path / "replay.json"
    dialogs.choice = 1  # the whole reply
    window.export_scenario_action.trigger()
    scenario = load_scenario(dialogs.save)
    assert scenario.name == "old" and scenario.connect is not None
    assert scenario.connect.url == "ws://127.0.0.1:1/websock1-2/"
    document = json.loads(dialogs.save.read_text(encoding="utf-8"))
    assert document["steps"][1]["expect"]["match"] == {
        "type": "echo",
        "data": {"type": "hello", "n": 1},
    }
    assert window.scenarios_dock.panel.scenario is not None

    dialogs.open.write_text("not an export\n", encoding="utf-8")
    dialogs.save = tmp_path / "never.json"
    window.export_scenario_action.trigger()
    assert not dialogs.save.exists()
    assert dialogs.warnings and "old.jsonl is not a history export: line 1" in dialogs.warnings[0]
