"""The Scenarios panel: a scenario file's steps, run on the current tab, ticking as
they pass or fail."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core.engine import StepResult
from gui.core.match import ANY
from gui.core.outcome import shorten
from gui.core.scenario import ScenarioInvalid, load_scenario, locate_problem
from gui.core.scenario_model import Expect, Repeat, Scenario, Send, Sleep, Step
from gui.theme import Role, brush
from gui.widgets.elided_label import ElidedLabel
from gui.widgets.file_dialogs import FileDialogs
from gui.words import word, word_and_details

PENDING, RUNNING, PASSED, FAILED = "pending", "running", "passed", "failed"

#: The theme's roles of the states that have a colour.
STATE_ROLES = {PASSED: Role.PASS, FAILED: Role.FAIL}
_STATE_ICONS = {
    RUNNING: QStyle.StandardPixmap.SP_MediaPlay,
    PASSED: QStyle.StandardPixmap.SP_DialogApplyButton,
    FAILED: QStyle.StandardPixmap.SP_MessageBoxCritical,
}
STEP_CHARS = 24  # of a step's description in its column (the detail has it all)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3


def describe_step(step: Step, limit: int = 200) -> str:
    """What a step does, in a few words (the Step column, shortened to ``limit``)."""
    if isinstance(step, Send):
        shown = step.payload if step.raw else json.dumps(step.payload, ensure_ascii=False)
        return shorten(f"{step.title}  {shown}", limit)
    if isinstance(step, Expect):
        parts = [step.title]
        if step.match is not ANY:
            parts.append(json.dumps(step.match, ensure_ascii=False))
        if step.schema is not None:
            parts.append("+ schema")
        parts.append(f"≤ {step.within_ms:g} ms")
        return shorten("  ".join(parts), limit)
    if isinstance(step, Sleep):
        return f"{step.title}  {step.ms:g} ms"
    if isinstance(step, Repeat):
        return f"{step.title}  × {step.times}"
    return step.title


class ScenarioPanel(QWidget):
    """``scenarioOpenButton`` opens a scenario file (checked at once: a JSON error's
    line and column, an unknown key, shown in ``scenarioProblem`` with nothing run);
    ``scenarioSteps`` lists its steps; ``scenarioRunButton`` reads the file again and
    asks for a run (the window runs it on the current tab), ``scenarioStopButton``
    stops it; ``scenarioSummary`` says how it went. Steps show pending, running,
    passed (green tick) or failed (red, with the reason: what arrived, the limit).

    Signals:
        runRequested(object scenario): run this (checked) scenario.
        stopRequested()
    """

    runRequested = Signal(object)
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs = FileDialogs()  # the app's own is set by whoever builds this
        self.path: pathlib.Path | None = None
        self.scenario: Scenario | None = None
        #: Names the scenario may use besides its own (the current tab's profile's).
        self.known_variables: Callable[[], Iterable[str]] = tuple
        self._items: dict[str, QTreeWidgetItem] = {}
        self._running = False

        self.open_button = QPushButton(self.tr("Open…"), self)
        self.open_button.setObjectName("scenarioOpenButton")
        self.open_button.setToolTip(self.tr("Open a scenario file (JSON)"))
        self.file_label = ElidedLabel(self)
        self.file_label.setObjectName("scenarioFile")
        self.file_label.setText(self.tr("No scenario open"))
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("scenarioProblem")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.hide()
        self.view = QTreeWidget(self)
        self.view.setObjectName("scenarioSteps")
        self.view.setAccessibleName(self.tr("Scenario steps"))
        self.view.setColumnCount(2)
        self.view.setHeaderLabels([self.tr("Step"), self.tr("Result")])
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("scenarioStepDetail")
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.hide()
        self.run_button = QPushButton(self.tr("Run"), self)
        self.run_button.setObjectName("scenarioRunButton")
        self.run_button.setToolTip(
            self.tr(
                "Run the scenario on the current tab's connection (connecting it first if"
                " needed); the file's connect section is for python -m gui run"
            )
        )
        self.run_button.setEnabled(False)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("scenarioStopButton")
        self.stop_button.setEnabled(False)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("scenarioSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.file_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)
        layout.addWidget(self.summary_label)

        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.run_button.clicked.connect(self._on_run_button_clicked)
        self.stop_button.clicked.connect(self.stopRequested)
        self.view.currentItemChanged.connect(self._on_view_current_changed)

    # --- the file ----------------------------------------------------------------------

    def open_file(self, path: pathlib.Path) -> bool:
        """Read and check ``path``; show its steps, or its problem (False) with nothing
        to run."""
        self.path = path
        self.file_label.setText(str(path))
        return self._load()

    def _load(self) -> bool:
        assert self.path is not None
        try:
            scenario = load_scenario(self.path, extra_variables=self.known_variables())
        except ScenarioInvalid as exc:
            self.scenario = None
            self.view.clear()
            self._items.clear()
            self._show_detail(None)
            message = word(exc.problem)
            if exc.problem.code != "invalid_json":  # a JSON error says where already
                place = self._place(exc)
                if place is not None:
                    message = self.tr("line {line}, column {column}: {problem}").format(
                        line=place[0], column=place[1], problem=message
                    )
            self.problem_label.setText(
                self.tr("Not a valid scenario: {problem}").format(problem=message)
            )
            self.problem_label.show()
            self.summary_label.clear()
            self.run_button.setEnabled(False)
            return False
        self.problem_label.hide()
        self.problem_label.clear()
        self.scenario = scenario
        self._show_steps(scenario)
        self.summary_label.setText(
            self.tr("{steps} steps to run").format(steps=f"{scenario.step_count():,}")
        )
        self.run_button.setEnabled(not self._running)
        return True

    def _place(self, exc: ScenarioInvalid) -> tuple[int, int] | None:
        """Where in the file the problem is (a schema file's problem: None)."""
        assert self.path is not None
        if exc.problem.data.get("file") not in (None, str(self.path)):
            return None
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        return locate_problem(text, exc.problem)

    def _show_steps(self, scenario: Scenario) -> None:
        self.view.clear()
        self._items.clear()
        self._show_detail(None)

        def add(steps: tuple[Step, ...], parent: QTreeWidget | QTreeWidgetItem) -> None:
            for step in steps:
                item = QTreeWidgetItem(parent, [describe_step(step, STEP_CHARS), ""])
                item.setData(0, PATH_ROLE, step.path)
                item.setData(0, STATE_ROLE, PENDING)
                item.setToolTip(0, describe_step(step))
                item.setData(0, DETAIL_ROLE, describe_step(step, 2000))
                self._items[step.path] = item
                if isinstance(step, Repeat):
                    add(step.steps, item)

        add(scenario.steps, self.view)
        self.view.expandAll()

    # --- a run -------------------------------------------------------------------------

    def state_of(self, path: str) -> tuple[str, str]:
        """The state of the step at ``path`` (``$.steps[0]``) and its result text."""
        item = self._items[path]
        return str(item.data(0, STATE_ROLE)), item.text(1)

    def states(self) -> list[str]:
        """The states of every step, in file order."""
        return [str(item.data(0, STATE_ROLE)) for item in self._items.values()]

    def set_running(self, running: bool) -> None:
        """A run started (every step pending again) or ended."""
        self._running = running
        self.run_button.setEnabled(not running and self.scenario is not None)
        self.stop_button.setEnabled(running)
        self.open_button.setEnabled(not running)
        if running:
            for item in self._items.values():
                self._mark(item, PENDING, "")
            self.view.setCurrentIndex(QModelIndex())
            self._show_detail(None)
            self.summary_label.setText(self.tr("Running…"))

    @Slot(object)
    def step_started(self, step: Step) -> None:
        """``step`` is running now."""
        item = self._items.get(step.path)
        if item is not None:
            self._mark(item, RUNNING, self.tr("running…"))
            self.view.scrollToItem(item)

    @Slot(object)
    def step_finished(self, result: StepResult) -> None:
        """``result``'s step passed or failed."""
        item = self._items.get(result.step.path)
        if item is None:
            return
        text = word_and_details(result.outcome)
        if result.where:
            text = f"{result.where} {text}"
        self._mark(item, PASSED if result.passed else FAILED, text)
        if not result.passed:
            self.view.scrollToItem(item)

    @Slot(bool, str)
    def run_finished(self, passed: bool, summary: str) -> None:
        """The run is over: the summary line says how it went."""
        self.set_running(False)
        for item in self._items.values():
            if item.data(0, STATE_ROLE) == RUNNING:  # stopped meanwhile
                self._mark(item, PENDING, "")
        self.summary_label.setText(summary)

    def _mark(self, item: QTreeWidgetItem, state: str, text: str) -> None:
        item.setData(0, STATE_ROLE, state)
        item.setText(1, text)
        item.setToolTip(1, text)
        if item is self.view.currentItem():
            self._show_detail(item)
        pixmap = _STATE_ICONS.get(state)
        item.setIcon(0, self.style().standardIcon(pixmap) if pixmap is not None else QIcon())
        self._colour(item)

    def _colour(self, item: QTreeWidgetItem) -> None:
        role = STATE_ROLES.get(item.data(0, STATE_ROLE))
        item.setForeground(1, brush(role, self.palette()) if role is not None else QBrush())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: the results too
            for item in self._items.values():
                self._colour(item)

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        """The selected step in full, with its result (hidden with none selected)."""
        if item is None:
            self.detail_label.clear()
            self.detail_label.hide()
            return
        detail = str(item.data(0, DETAIL_ROLE))
        if item.text(1):
            detail += "\n" + item.text(1)
        self.detail_label.setText(detail)
        self.detail_label.show()

    # --- slots -------------------------------------------------------------------------

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_view_current_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        self._show_detail(current)

    @Slot()
    def _on_open_button_clicked(self) -> None:
        chosen = self.dialogs.open_file(
            self,
            self.tr("Open scenario"),
            self.tr("Scenarios (*.json);;All files (*)"),
            current=str(self.path) if self.path is not None else "",
        )
        if chosen is not None:
            self.open_file(chosen)

    @Slot()
    def _on_run_button_clicked(self) -> None:
        # The file again: what was edited since it was opened is what runs.
        if self.path is not None and self._load() and self.scenario is not None:
            self.runRequested.emit(self.scenario)


class ScenarioDock(QDockWidget):
    """``scenariosPanel``: the :class:`ScenarioPanel` at the side of the window (View ▸
    Scenarios brings it back)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Scenarios"), parent)
        self.setObjectName("scenariosPanel")
        self.panel = ScenarioPanel(self)
        self.setWidget(self.panel)
        self.toggleViewAction().setText(self.tr("S&cenarios"))
