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
        self.setAccessibleName(self.tr("Export progress"))
        self.setFormat(self.tr("Exporting… %p%"))
        self.setMaximumWidth(160)
        self.hide()
        self._job: ExportJob | None = None
        #: Whether the last export that ended was cancelled (rather than failed).
        self.last_cancelled = False
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
        self.last_cancelled = False
        text = self.tr("Exported {count} messages to {path}")
        self.finished.emit(text.format(count=count, path=job.target))

    def _on_job_failed(self, job: ExportJob, exc: BaseException) -> None:
        self._end()
        self.last_cancelled = isinstance(exc, ExportCancelled)
        if isinstance(exc, ExportCancelled):
            text = self.tr("Export cancelled: {path} was not written")
            self.failed.emit(text.format(path=job.target))
        elif isinstance(exc, (OSError, sqlite3.Error)):
            reason = getattr(exc, "strerror", None) or str(exc)
            text = self.tr("Could not export to {path}: {reason}")
            self.failed.emit(text.format(path=job.target, reason=reason))
        else:
            text = self.tr("Could not export to {path}: {reason}")
            reason = f"{type(exc).__name__}: {exc}"
            self.failed.emit(text.format(path=job.target, reason=reason))
