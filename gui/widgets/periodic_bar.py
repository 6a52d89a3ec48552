"""The periodic send's row under the editor: interval, count, start / stop, progress."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from gui.widgets.commands import bind_button, command

MIN_INTERVAL_MS = 10
MAX_INTERVAL_MS = 24 * 3600 * 1000


class PeriodicBar(QWidget):
    """``periodicIntervalSpin`` (ms, from 10), ``periodicCountSpin`` (how many sends;
    0: until stopped), ``periodicButton`` (start / stop) and ``periodicStatus`` (how
    many went out, or why it stopped).

    Signals:
        startRequested(int interval_ms, int limit)
        stopRequested()
    """

    startRequested = Signal(int, int)
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self.interval_spin = QSpinBox(self)
        self.interval_spin.setObjectName("periodicIntervalSpin")
        self.interval_spin.setAccessibleName(self.tr("Periodic send interval"))
        self.interval_spin.setRange(MIN_INTERVAL_MS, MAX_INTERVAL_MS)
        self.interval_spin.setValue(1000)
        self.interval_spin.setSuffix(self.tr(" ms"))
        self.interval_spin.setToolTip(self.tr("Send the editor's message every this many ms"))
        self.count_spin = QSpinBox(self)
        self.count_spin.setObjectName("periodicCountSpin")
        self.count_spin.setAccessibleName(self.tr("Periodic send count"))
        self.count_spin.setRange(0, 10_000_000)
        self.count_spin.setSpecialValueText(self.tr("until stopped"))
        self.count_spin.setSuffix(self.tr(" times"))
        # Checked while the periodic send runs (the window's menu stands for it).
        self.action = command(self.tr("Start"), self, name="periodicAction", checkable=True)
        self.action.setToolTip(self.tr("Start or stop sending the editor's message periodically"))
        self.button = QPushButton(self)
        self.button.setObjectName("periodicButton")
        bind_button(self.button, self.action)
        self.status = QLabel(self)
        self.status.setObjectName("periodicStatus")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Every"), self))
        row.addWidget(self.interval_spin)
        row.addWidget(self.count_spin)
        row.addWidget(self.button)
        row.addWidget(self.status, 1)
        self.action.triggered.connect(self._on_action_triggered)

    @property
    def running(self) -> bool:
        """True while the tab's periodic send runs."""
        return self._running

    def set_running(self, running: bool) -> None:
        """Show the periodic send as running (Stop) or not (Start)."""
        self._running = running
        self.action.setText(self.tr("Stop") if running else self.tr("Start"))
        self.action.setChecked(running)
        self.interval_spin.setEnabled(not running)
        self.count_spin.setEnabled(not running)

    def set_count(self, sent: int, limit: int) -> None:
        """Show how many went out."""
        if limit:
            text = self.tr("sent {sent} of {limit}").format(sent=f"{sent:,}", limit=f"{limit:,}")
        else:
            text = self.tr("sent {sent}").format(sent=f"{sent:,}")
        self.status.setText(text)

    def set_stopped(self, sent: int, reason: str) -> None:
        """Show that it ended, after ``sent`` sends, and why."""
        self.set_running(False)
        self.status.setText(
            self.tr("stopped after {sent}: {reason}").format(sent=f"{sent:,}", reason=reason)
        )

    @Slot()
    def _on_action_triggered(self) -> None:
        if self._running:
            self.stopRequested.emit()
        else:
            self.startRequested.emit(self.interval_spin.value(), self.count_spin.value())
        self.action.setChecked(self._running)  # a start refused is no start
