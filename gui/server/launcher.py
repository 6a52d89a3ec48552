"""Starts the embedded server as a child process and watches it (QProcess, no thread)."""

from __future__ import annotations

import pathlib
import sys

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QObject,
    QProcess,
    QProcessEnvironment,
    QTimer,
    Signal,
    Slot,
)

from gui.server.ready import parse_ready_line

SERVER_FLAGS = ["--port", "0", "--exit-with-parent", "--log-level", "info"]

#: Where ``python -m embedded_server`` resolves from source: the project root.
PROJECT_ROOT = pathlib.Path(__file__).resolve().parents[2]


def server_command(data_dir: pathlib.Path | None = None) -> list[str]:
    """The command line that runs the embedded server, from source or frozen; with
    ``data_dir``, its users and sessions are kept there (the app's data folder)."""
    flags = [*SERVER_FLAGS, "--data-dir", str(data_dir)] if data_dir else SERVER_FLAGS
    if getattr(sys, "frozen", False):
        return [sys.executable, "--serve", *flags]
    return [sys.executable, "-m", "embedded_server", *flags]


class ServerLauncher(QObject):
    """Runs the embedded server: start on a free port, wait for READY, stop, report.

    stdin stays a pipe, so with ``--exit-with-parent`` the server ends with the GUI even
    when the GUI is killed outright.

    :meth:`stop` does not wait: it closes stdin, asks the server to stop (SIGTERM) and
    returns; ``stopped`` follows when it has exited, and it is killed if it has not
    after ``kill_after_ms``. Meanwhile the process belongs to the application, so that
    a window closed at once does not wait for it (:meth:`wait_stopped` does, once the
    window is gone).

    Signals:
        ready(str url): the server printed its READY line.
        logLine(str line): one line of its output (stdout or stderr).
        failed(str reason): it could not start or exited before it was ready.
        crashed(str reason): it exited on its own after it was ready.
        stopped(): it exited after :meth:`stop`.
    """

    ready = Signal(str)
    logLine = Signal(str)
    failed = Signal(str)
    crashed = Signal(str)
    stopped = Signal()

    def __init__(
        self,
        command: list[str] | None = None,
        working_dir: pathlib.Path = PROJECT_ROOT,
        ready_timeout_ms: int = 30_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._command = command or server_command()
        self._working_dir = working_dir
        self._process: QProcess | None = None
        self._url: str | None = None
        self._stopping = False
        self._last_error_line = ""
        self._exiting: list[QProcess] = []  # stopped, not exited yet
        self._ready_timer = QTimer(self)
        self._ready_timer.setSingleShot(True)
        self._ready_timer.setInterval(ready_timeout_ms)
        self._ready_timer.timeout.connect(self._on_ready_timer_timeout)

    @property
    def url(self) -> str | None:
        """The server's WebSocket URL once it is ready, else ``None``."""
        return self._url

    @property
    def is_running(self) -> bool:
        """True from :meth:`start` until the process has exited."""
        return self._process is not None

    def pid(self) -> int | None:
        """The child's process id while it runs."""
        if self._process is None:
            return None
        pid = int(self._process.processId())
        return pid or None

    def start(self) -> None:
        """Start the server; ``ready`` or ``failed`` follows. No-op if it runs."""
        if self._process is not None:
            return
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONUNBUFFERED", "1")
        env.insert("PYTHONIOENCODING", "utf-8")
        process.setProcessEnvironment(env)
        process.setWorkingDirectory(str(self._working_dir))
        process.readyReadStandardOutput.connect(self._on_process_stdout)
        process.readyReadStandardError.connect(self._on_process_stderr)
        process.errorOccurred.connect(self._on_process_error)
        process.finished.connect(self._on_process_finished)
        self._process = process
        self._url = None
        self._stopping = False
        self._last_error_line = ""
        self.logLine.emit("$ " + " ".join(self._command))
        self._ready_timer.start()
        process.start(self._command[0], self._command[1:])

    def stop(self, kill_after_ms: int = 5000) -> None:
        """Ask the server to stop; ``stopped`` follows once it has exited (it is killed
        after ``kill_after_ms``). Returns at once."""
        process = self._process
        if process is None:
            return
        self._stopping = True
        self._ready_timer.stop()
        if process.state() == QProcess.ProcessState.NotRunning:
            self._forget()  # it never started, or its finished() is still to come
            self.stopped.emit()
            return
        # From now on it is not "the" server: a new start() may run another.
        for signal in (process.readyReadStandardOutput, process.readyReadStandardError):
            signal.disconnect()
        process.errorOccurred.disconnect()
        process.finished.disconnect()
        self._process = None
        self._url = None
        self._exiting.append(process)
        process.finished.connect(self._on_exiting_process_finished)
        process.finished.connect(process.deleteLater)
        app = QCoreApplication.instance()
        if app is not None:
            process.setParent(app)  # outlives the launcher and its window
        process.closeWriteChannel()  # --exit-with-parent: EOF on stdin stops it too
        process.terminate()
        QTimer.singleShot(kill_after_ms, process, process.kill)  # only while it exists

    def wait_stopped(self, timeout_ms: int = 7000) -> bool:
        """Block until the servers :meth:`stop` was asked to stop have exited (for
        shutdown, once no window is shown); return whether they all did."""
        deadline = QDeadlineTimer(timeout_ms)
        for process in list(self._exiting):
            running = process.state() != QProcess.ProcessState.NotRunning
            if running and not process.waitForFinished(max(0, deadline.remainingTime())):
                process.kill()
                process.waitForFinished(1000)
        return not any(p.state() != QProcess.ProcessState.NotRunning for p in self._exiting)

    @Slot(int, QProcess.ExitStatus)
    def _on_exiting_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if process in self._exiting:
            self._exiting.remove(process)  # type: ignore[arg-type]
        if status == QProcess.ExitStatus.CrashExit:
            how = self.tr("it was killed")
        else:
            how = self.tr("exit code {code}").format(code=code)
        self.logLine.emit(self.tr("embedded server exited ({how})").format(how=how))
        self.stopped.emit()

    def _forget(self) -> None:
        if self._process is not None:
            self._process.deleteLater()
        self._process = None
        self._url = None

    def _read_lines(self, data: bytes) -> list[str]:
        text = data.decode("utf-8", errors="replace")
        return [line for line in text.splitlines() if line.strip()]

    @Slot()
    def _on_process_stdout(self) -> None:
        process = self._process
        if process is None:
            return
        while process.canReadLine():
            line = bytes(process.readLine().data()).decode("utf-8", errors="replace")
            line = line.rstrip("\r\n")
            if not line:
                continue
            self.logLine.emit(line)
            url = parse_ready_line(line)
            if url is not None and self._url is None:
                self._url = url
                self._ready_timer.stop()
                self.ready.emit(url)

    @Slot()
    def _on_process_stderr(self) -> None:
        if self._process is None:
            return
        for line in self._read_lines(bytes(self._process.readAllStandardError().data())):
            self._last_error_line = line
            self.logLine.emit(line)

    @Slot(QProcess.ProcessError)
    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            reason = self.tr("could not start the embedded server: {error}").format(
                error=self._process.errorString()
            )
            self._ready_timer.stop()
            self._forget()
            self.logLine.emit(reason)
            self.failed.emit(reason)

    @Slot(int, QProcess.ExitStatus)
    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._process is None:
            return
        self._on_process_stdout()
        self._on_process_stderr()
        was_ready = self._url is not None
        self._ready_timer.stop()
        self._forget()
        if status == QProcess.ExitStatus.CrashExit:
            how = self.tr("it crashed or was killed")
        else:
            how = self.tr("exit code {code}").format(code=code)
        self.logLine.emit(self.tr("embedded server exited ({how})").format(how=how))
        if self._stopping:
            self.stopped.emit()
        elif was_ready:
            self.crashed.emit(
                self.tr("embedded server stopped unexpectedly ({how})").format(how=how)
            )
        else:
            detail = f": {self._last_error_line}" if self._last_error_line else ""
            text = self.tr("embedded server exited before it was ready ({how})").format(how=how)
            self.failed.emit(text + detail)

    @Slot()
    def _on_ready_timer_timeout(self) -> None:
        seconds = self._ready_timer.interval() / 1000
        self.stop(kill_after_ms=2000)
        self.failed.emit(
            self.tr("embedded server was not ready after {seconds} s").format(
                seconds=f"{seconds:g}"
            )
        )
