"""The Scenarios panel: scenarios run on the current tab against the real embedded server."""

from __future__ import annotations

import json
import pathlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox, QTreeWidget
from pytestqt.qtbot import QtBot

from gui.core.connection import ConnectionState
from gui.core.records import Direction
from gui.main_window import MainWindow
from gui.widgets.scenario_panel import FAILED, PASSED, PENDING, ScenarioPanel
from tests.gui.servers import free_port

pytestmark = pytest.mark.live


def panel_of(window: MainWindow) -> ScenarioPanel:
    dock = window.findChild(object, "scenariosPanel")
    assert dock is not None and dock is window.scenarios_dock
    return window.scenarios_dock.panel


def write(tmp_path: pathlib.Path, document: object, name: str = "scenario.json") -> pathlib.Path:
    path = tmp_path / name
    text = document if isinstance(document, str) else json.dumps(document, indent=2)
    path.write_text(text, encoding="utf-8")
    return path


def summary(window: MainWindow) -> str:
    return window.findChild(QLabel, "scenarioSummary").text()


def run_and_wait(qtbot: QtBot, window: MainWindow, timeout: int = 30_000) -> str:
    panel = panel_of(window)
    run_button = window.findChild(QPushButton, "scenarioRunButton")
    assert run_button.isEnabled()
    qtbot.mouseClick(run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.stop_button.isEnabled(), timeout=timeout)
    return summary(window)


def test_a_passing_scenario_ticks_every_step_green(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path
) -> None:
    path = write(
        tmp_path,
        {
            "name": "echo",
            "steps": [
                {"send": {"type": "hello", "n": "{{counter}}"}},
                {"expect": {"match": {"type": "echo", "data": {"n": 1}}, "within_ms": 5000}},
                {"sleep_ms": 20},
                {
                    "repeat": 2,
                    "steps": [
                        {"send": {"n": "{{counter}}"}},
                        {"expect": {"match": {"data": {"n": "{{counter}}"}}}},
                    ],
                },
            ],
        },
    )
    panel = panel_of(window)
    tab = window.current_tab()
    assert tab.controller.state is not ConnectionState.CONNECTED
    assert panel.open_file(path)
    view = window.findChild(QTreeWidget, "scenarioSteps")
    assert view.topLevelItemCount() == 4 and view.topLevelItem(3).childCount() == 2
    assert panel.states() == [PENDING] * 6

    text = run_and_wait(qtbot, window)  # the tab connects first, then runs

    assert text.startswith("Passed: 8 steps in"), text
    assert panel.states() == [PASSED] * 6
    assert panel.state_of("$.steps[1]")[1].startswith("matched after")
    assert panel.state_of("$.steps[3].steps[1]")[1].startswith("[2/2] matched")
    # What the run sent and received is in the tab's history.
    sent = [json.loads(r.text) for r in tab.model.records() if r.direction is Direction.SENT]
    assert sent == [{"type": "hello", "n": 1}, {"n": 2}, {"n": 3}]
    received = [r for r in tab.model.records() if r.direction is Direction.RECEIVED]
    assert [json.loads(r.text)["data"] for r in received] == sent
    rows = [r.text for r in tab.model.records() if r.direction is Direction.SYSTEM]
    assert "scenario echo started" in rows and "scenario echo passed" in rows


def test_an_expect_that_never_matches_ends_red_with_what_arrived(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path
) -> None:
    path = write(
        tmp_path,
        {
            "steps": [
                {"send": {"type": "ping", "text": "こんにちは"}},
                {"expect": {"match": {"type": "pong"}, "within_ms": 400}},
                {"send": "never sent"},
            ]
        },
    )
    panel = panel_of(window)
    assert panel.open_file(path)
    text = run_and_wait(qtbot, window)
    assert text.startswith("Failed at step 2 expect: no matching message within 400 ms"), text
    assert "1 message arrived, none matched" in text and "こんにちは" in text
    assert panel.states() == [PASSED, FAILED, PENDING]
    state, result = panel.state_of("$.steps[1]")
    assert state == FAILED and '($.type is "echo", expected "pong")' in result
    assert window.current_tab().sent == 1  # the step after the failure did not run


def test_a_server_that_closes_mid_scenario_ends_red_with_the_reason(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path
) -> None:
    oversized = "x" * (1024 * 1024 + 10)  # over the embedded server's limit: it closes
    path = write(
        tmp_path,
        {
            "steps": [
                {"send": {"n": 1}},
                {"expect": {"match": {"type": "echo"}}},
                {"send": oversized},
                {"expect": {"match": {"type": "echo"}, "within_ms": 10_000}},
                {"send": {"n": 2}},
            ]
        },
    )
    panel = panel_of(window)
    window.current_tab().connection_panel.auto_check.setChecked(False)
    assert panel.open_file(path)
    text = run_and_wait(qtbot, window)
    assert text.startswith("Failed at step 4 expect: the server closed the connection"), text
    assert "1009" in text
    assert panel.states() == [PASSED, PASSED, PASSED, FAILED, PENDING]


def test_stop_ends_the_run_and_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path
) -> None:
    path = write(tmp_path, {"steps": [{"send": 1}, {"sleep_ms": 60_000}, {"send": 2}]})
    panel = panel_of(window)
    assert panel.open_file(path)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.state_of("$.steps[1]")[0] == "running", timeout=30_000)
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert summary(window) == "Failed at step 2 sleep_ms: stopped"
    assert panel.states() == [PASSED, FAILED, PENDING]
    assert panel.run_button.isEnabled()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"steps": [\n  {"send": 1},,\n]}', "invalid JSON at line 2, column 15"),
        (
            '{"steps": [\n  {"send": 1},\n  {"send": 2, "sned": 2}]}',
            "line 3, column 15: unknown key 'sned' in $.steps[1]",
        ),
        ('{"steps": [{"sleep_ms": "x"}]}', "line 1, column 25: $.steps[0].sleep_ms must be"),
    ],
)
def test_a_bad_file_is_shown_with_nothing_run(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path, content: object, expected: str
) -> None:
    panel = panel_of(window)
    assert panel.open_file(write(tmp_path, {"steps": [{"send": 1}]}, "good.json"))
    assert panel.run_button.isEnabled()
    assert not panel.open_file(write(tmp_path, content))
    problem = window.findChild(QLabel, "scenarioProblem")
    assert problem.isVisible() and expected in problem.text(), problem.text()
    assert not panel.run_button.isEnabled()
    assert window.findChild(QTreeWidget, "scenarioSteps").topLevelItemCount() == 0
    assert window.current_tab().controller.state is not ConnectionState.CONNECTED


def test_a_file_broken_after_it_was_opened_is_not_run(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path
) -> None:
    panel = panel_of(window)
    path = write(tmp_path, {"steps": [{"send": 1}]})
    assert panel.open_file(path)
    path.write_text('{"steps": [{"send": 1}, {"sleep": 5}]}', encoding="utf-8")
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert "unknown key 'sleep'" in panel.problem_label.text()
    assert not panel.stop_button.isEnabled()
    assert window.current_tab().controller.state is not ConnectionState.CONNECTED


def test_a_tab_that_cannot_connect_ends_the_run_red(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path
) -> None:
    port = free_port()
    combo = window.findChild(QComboBox, "serverModeCombo")
    combo.setCurrentIndex(combo.findData("remote"))
    window.findChild(QLineEdit, "hostEdit").setText("127.0.0.1")
    window.findChild(QSpinBox, "portSpin").setValue(port)
    window.connection_panel.auto_check.setChecked(False)
    panel = panel_of(window)
    assert panel.open_file(write(tmp_path, {"steps": [{"send": 1}]}))
    text = run_and_wait(qtbot, window)
    assert text == f"Could not connect: connection refused by 127.0.0.1:{port}"
    assert panel.states() == [PENDING]
    assert panel.run_button.isEnabled()
