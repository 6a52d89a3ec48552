"""One Tsushin per data folder: a lock in the folder, a local socket to the first one.

The first start on a data folder takes ``tsushin.lock`` there (a :class:`QLockFile`:
a lock whose process is gone, after a crash, is taken over) and listens on a local
server whose name is derived from the folder (a named pipe on Windows, a Unix socket
elsewhere). A second start on the same folder does not get the lock; it connects and
asks the first to bring its window forward (and open a file, if it was given one),
then exits without having touched the history. The first answers from its event loop;
when it has not answered within :data:`ANSWER_TIMEOUT_MS` it is busy or hung, and the
second says so and exits with :data:`EXIT_NOT_RESPONDING`.

The request is one line of JSON, ``{"request": "show", "open": PATH-or-null}``; the
answer one line, ``{"ok": true}``.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import pathlib
import sys
import time

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

LOCK_FILE = "tsushin.lock"
ANSWER_TIMEOUT_MS = 5000
EXIT_NOT_RESPONDING = 3
_MAX_REQUEST = 64 * 1024  # a request is a path: anything longer is not one of ours


def server_name(data_dir: pathlib.Path) -> str:
    """The local server's name for ``data_dir``: the same for every spelling of the
    folder (relative, other case on Windows), short enough for a Unix socket path."""
    folder = os.path.normcase(str(data_dir.resolve()))
    digest = hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()
    return f"tsushin-{digest[:24]}"


class Answer(enum.Enum):
    """What the Tsushin already running on a folder did with a request."""

    SHOWN = "shown"  # it brought its window forward
    NOT_RESPONDING = "not-responding"  # it holds the folder but did not answer in time
    GONE = "gone"  # it let go of the folder meanwhile: this start may take it


class InstanceGuard(QObject):
    """The lock on a data folder and, once :meth:`claim` got it, the local server that
    later starts on the same folder talk to.

    Signals:
        showRequested(str): another start asked to bring the window forward; the
            argument is the file it was given to open (absolute), or ``""``.
    """

    showRequested = Signal(str)

    def __init__(self, data_dir: pathlib.Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None
        self._pending: dict[QLocalSocket, bytes] = {}

    @property
    def owned(self) -> bool:
        """Whether this process holds the data folder."""
        return self._lock.isLocked()

    def claim(self) -> bool:
        """Take the data folder (and listen) if no other Tsushin holds it."""
        if not self._lock.tryLock(0):
            return False
        self._listen()
        return True

    def release(self) -> None:
        """Stop listening and let go of the folder (at exit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def ask_first(self, open_path: str = "", timeout_ms: int = ANSWER_TIMEOUT_MS) -> Answer:
        """As a second start: ask the Tsushin holding the folder to come forward.

        Blocks (this start has no event loop yet) for at most ``timeout_ms``: the first
        may be between taking the lock and listening, so connecting is retried.
        Returns :attr:`Answer.GONE`, holding the lock, if the first let go meanwhile.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        socket = QLocalSocket()
        while True:
            if self.claim():
                return Answer.GONE
            socket.connectToServer(self.name)
            if socket.waitForConnected(_remaining_ms(deadline, 200)):
                break
            if time.monotonic() >= deadline:
                return Answer.NOT_RESPONDING
            time.sleep(0.05)  # no server yet (it is starting): nothing to wait on
        _allow_foreground()
        request = {"request": "show", "open": open_path or None}
        socket.write(json.dumps(request).encode("utf-8") + b"\n")
        answer = b""
        while b"\n" not in answer:
            if not socket.waitForReadyRead(_remaining_ms(deadline)):
                socket.abort()
                return Answer.NOT_RESPONDING
            answer += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return Answer.SHOWN

    # --- the first start's side --------------------------------------------------------

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket file left by a crash (Unix): ours now, since we hold the lock.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                print(
                    f"tsushin: other starts on this data folder cannot reach this one"
                    f" ({server.errorString()})",
                    file=sys.stderr,
                    flush=True,
                )
                return
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server

    @Slot()
    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._pending[socket] = b""
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(self._on_socket_disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    @Slot()
    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    @Slot()
    def _on_socket_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._pending.pop(socket, None)
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._pending:
            return
        data = self._pending[socket] + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > _MAX_REQUEST:
                socket.abort()
            else:
                self._pending[socket] = data
            return
        del self._pending[socket]
        line = data.split(b"\n", 1)[0]
        try:
            request = json.loads(line)
        except ValueError:
            request = None
        if not isinstance(request, dict) or request.get("request") != "show":
            socket.abort()  # not one of ours: nothing done
            return
        path = request.get("open")
        self.showRequested.emit(path if isinstance(path, str) else "")
        socket.write(b'{"ok": true}\n')
        socket.flush()
        socket.disconnectFromServer()


def hand_over(guard: InstanceGuard, open_path: str = "") -> int | None:
    """Claim the folder of ``guard``, or else hand this start over to the Tsushin that
    holds it: the exit code to end with, or ``None`` when this start holds the folder."""
    if guard.claim():
        return None
    answer = guard.ask_first(open_path)
    if answer is Answer.GONE:
        return None
    folder = str(guard.data_dir)
    if answer is Answer.SHOWN:
        message = QCoreApplication.translate(
            "InstanceGuard",
            "Tsushin is already open on the data folder {folder}: its window was brought forward",
        ).format(folder=folder)
        print(f"tsushin: {message}", file=sys.stderr, flush=True)
        return 0
    message = QCoreApplication.translate(
        "InstanceGuard",
        "the Tsushin already open on the data folder {folder} is not responding; this start"
        " did not open the history. Wait for it, or end it, then start again",
    ).format(folder=folder)
    print(f"tsushin: {message}", file=sys.stderr, flush=True)
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.warning(None, "Tsushin", message[0].upper() + message[1:])
    return EXIT_NOT_RESPONDING


def bring_forward(window: QWidget) -> None:
    """Show ``window`` above the others, un-minimised, with the focus."""
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


def _remaining_ms(deadline: float, most: int | None = None) -> int:
    left = max(0, int((deadline - time.monotonic()) * 1000))
    return left if most is None else min(left, most)


def _allow_foreground() -> None:
    """Windows lets only the foreground process give the focus away: this start (just
    launched by the user, so in the foreground) lets the first one take it."""
    if sys.platform == "win32":
        import ctypes

        asfw_any = 0xFFFFFFFF
        ctypes.windll.user32.AllowSetForegroundWindow(ctypes.c_uint32(asfw_any))
