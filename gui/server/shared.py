"""The embedded server as a service the tabs share: started once, for as long as a tab
uses it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from gui.server.launcher import ServerLauncher


class SharedServer(QObject):
    """One :class:`ServerLauncher` for every tab, counted by its :class:`ServerLease`.

    The first lease that starts it starts the server; later ones wait for the same
    READY; the server stops when the last lease is given back (its tab closed, or
    connected elsewhere), or at :meth:`shutdown`.

    Signals:
        usersChanged(int count): how many leases hold the server now.
    """

    usersChanged = Signal(int)

    def __init__(self, launcher: ServerLauncher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._launcher = launcher
        self._users: list[ServerLease] = []
        self.starts = 0  # servers started so far (the log and the tests read it)

    @property
    def launcher(self) -> ServerLauncher:
        """The launcher (its log, its process)."""
        return self._launcher

    @property
    def users(self) -> int:
        """How many leases hold the server."""
        return len(self._users)

    def lease(self, parent: QObject | None = None) -> ServerLease:
        """A new lease, not holding the server yet."""
        return ServerLease(self, parent)

    def shutdown(self) -> None:
        """Stop the server whoever holds it (the app is closing)."""
        for lease in list(self._users):
            lease.stop()
        self._launcher.stop()

    def wait_stopped(self, timeout_ms: int = 7000) -> bool:
        """Block until a stopped server has exited (see :meth:`ServerLauncher.wait_stopped`)."""
        return self._launcher.wait_stopped(timeout_ms)

    def _acquire(self, lease: ServerLease) -> None:
        if lease not in self._users:
            self._users.append(lease)
            self.usersChanged.emit(len(self._users))
        if not self._launcher.is_running:
            self.starts += 1
            self._launcher.start()

    def _release(self, lease: ServerLease) -> None:
        if lease not in self._users:
            return
        self._users.remove(lease)
        self.usersChanged.emit(len(self._users))
        if not self._users:
            self._launcher.stop()


class ServerLease(QObject):
    """A tab's hold on the shared server, shaped like a :class:`ServerLauncher` for the
    connection controller: :meth:`start` takes it (starting the server if it is not
    running), :meth:`stop` gives it back (stopping the server if no other tab holds
    it). While held, the launcher's ``ready``, ``failed`` and ``crashed`` come through.

    Signals:
        ready(str url), failed(str reason), crashed(str reason): as the launcher's.
    """

    ready = Signal(str)
    failed = Signal(str)
    crashed = Signal(str)

    def __init__(self, shared: SharedServer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shared = shared
        self._held = False
        launcher = shared.launcher
        launcher.ready.connect(self._on_launcher_ready)
        launcher.failed.connect(self._on_launcher_failed)
        launcher.crashed.connect(self._on_launcher_crashed)

    @property
    def held(self) -> bool:
        """True from :meth:`start` to :meth:`stop`."""
        return self._held

    @property
    def url(self) -> str | None:
        """The server's URL while it is ready and held, else None."""
        return self._shared.launcher.url if self._held else None

    @property
    def is_running(self) -> bool:
        """True while held and the server process runs."""
        return self._held and self._shared.launcher.is_running

    def pid(self) -> int | None:
        """The server's process id while held."""
        return self._shared.launcher.pid() if self._held else None

    def start(self) -> None:
        """Hold the server; ``ready`` follows when it is (or ``failed``), at once when
        it is ready already (another tab started it)."""
        if self._held and self._shared.launcher.is_running:
            return  # its ready (or failed) is still to come, or came
        self._held = True
        self._shared._acquire(self)
        url = self._shared.launcher.url
        if url is not None:
            self.ready.emit(url)

    def stop(self, kill_after_ms: int = 5000) -> None:
        """Give the server back (it stops if no other tab holds it)."""
        if self._held:
            self._held = False
            self._shared._release(self)

    @Slot(str)
    def _on_launcher_ready(self, url: str) -> None:
        if self._held:
            self.ready.emit(url)

    @Slot(str)
    def _on_launcher_failed(self, reason: str) -> None:
        if self._held:
            self.failed.emit(reason)

    @Slot(str)
    def _on_launcher_crashed(self, reason: str) -> None:
        if self._held:
            self.crashed.emit(reason)
