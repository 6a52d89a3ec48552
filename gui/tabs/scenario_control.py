"""The window's scenario runs: the Scenarios panel's Run and Stop on the current tab."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Slot

from gui.core.scenario_model import Scenario
from gui.tabs.scenario_run import ScenarioRefused, TabScenarioRun
from gui.tabs.tab import ConnectionTab
from gui.widgets.scenario_panel import ScenarioPanel


class ScenarioControl(QObject):
    """Runs what ``panel`` asks on the tab ``current_tab`` gives at that moment (one
    run at a time: the run stays on its tab when another tab is shown)."""

    def __init__(
        self,
        panel: ScenarioPanel,
        current_tab: Callable[[], ConnectionTab],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self._current_tab = current_tab
        self.run: TabScenarioRun | None = None
        panel.known_variables = self._known_variables
        panel.runRequested.connect(self._on_panel_run_requested)
        panel.stopRequested.connect(self._on_panel_stop_requested)

    def _known_variables(self) -> Iterable[str]:
        return tuple(self._current_tab().profile().variables)

    def stop(self) -> None:
        """Stop the run going, if any."""
        if self.run is not None and self.run.running:
            self.run.stop()

    @Slot(object)
    def _on_panel_run_requested(self, scenario: Scenario) -> None:
        if self.run is not None and self.run.running:
            return
        run = TabScenarioRun(self._current_tab(), scenario, self)
        run.stepStarted.connect(self.panel.step_started)
        run.stepFinished.connect(self.panel.step_finished)
        run.finished.connect(self._on_run_finished)
        self.run = run
        self.panel.set_running(True)
        try:
            run.start()
        except ScenarioRefused as exc:
            self.panel.run_finished(False, self.tr("Not run: {reason}").format(reason=str(exc)))

    @Slot()
    def _on_panel_stop_requested(self) -> None:
        self.stop()

    @Slot(bool, str)
    def _on_run_finished(self, passed: bool, summary: str) -> None:
        self.panel.run_finished(passed, summary)
