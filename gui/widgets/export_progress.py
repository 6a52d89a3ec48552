"""The progress of an export of the history, and the thread that does it."""

from __future__ import annotations

import pathlib
import sqlite3

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QWidget

from gui.background import BackgroundRunner
from gui.models.export import ExportCancelled, ExportJob
from gui.models.reading import ExportSource


class ExportProgress(QProgressBar):
    """Runs one :class:`ExportJob` at a time in a thread and shows how far it got;
    hidden while there is none. Errors are reported, never raised.

    Signals:
        finished(str message): the file is written ("Exported N messages to …").
        failed(str message): it could not be written (nothing was), or was cancelled.
    """

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportProgress")
        self.setAccessibleName("Export progress")
        self.setFormat("Exporting… %p%")
        self.setMaximumWidth(160)
        self.hide()
        self._job: ExportJob | None = None
        self._background = BackgroundRunner(self)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def running(self) -> bool:
        """True while an export runs."""
        return self._job is not None

    def start(self, source: ExportSource, target: pathlib.Path) -> None:
        """Export ``source`` to ``target`` (a thread of its own)."""
        if self._job is not None:
            return
        job = self._job = ExportJob(source, target)
        self.setRange(0, max(1, job.total))
        self.setValue(0)
        self.show()
        self._timer.start()
        self._background.run(
            job.run,
            lambda count: self._on_job_done(job, count),
            lambda exc: self._on_job_failed(job, exc),
            name="history-export",
        )

    def cancel(self) -> None:
        """Stop the export; the target file is left as it was."""
        if self._job is not None:
            self._job.cancel()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._job is not None:
            self.setValue(self._job.done)

    def _end(self) -> None:
        self._job = None
        self._timer.stop()
        self.hide()

    def _on_job_done(self, job: ExportJob, count: int) -> None:
        self._end()
        self.finished.emit(f"Exported {count} messages to {job.target}")

    def _on_job_failed(self, job: ExportJob, exc: BaseException) -> None:
        self._end()
        if isinstance(exc, ExportCancelled):
            self.failed.emit(f"Export cancelled: {job.target} was not written")
        elif isinstance(exc, (OSError, sqlite3.Error)):
            reason = getattr(exc, "strerror", None) or str(exc)
            self.failed.emit(f"Could not export to {job.target}: {reason}")
        else:
            self.failed.emit(f"Could not export to {job.target}: {type(exc).__name__}: {exc}")
