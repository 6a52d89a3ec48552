"""A tab's Django login: the dialog, the login off the GUI thread, the session it gives."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from gui.background import BackgroundRunner
from gui.core.django_login import LoginResult
from gui.core.profile import Profile
from gui.core.profile_login import default_login_url, login_for_profile
from gui.core.records import system_record
from gui.core.target import ServerMode
from gui.models.inbox import RecordInbox
from gui.net.controller import ConnectionController
from gui.server.shared import ServerLease
from gui.widgets.login_dialog import LoginDialog
from gui.words import sentence, word


class TabLogin(QObject):
    """Logs a tab in to a Django site and keeps the session for its handshakes.

    The dialog asks; :func:`~gui.core.profile_login.login_for_profile` runs in a thread
    (with the profile's TLS options and proxy); the cookies it gets go to the
    controller (``set_login_cookies``), which sends them in every handshake of the
    tab. How it went is said in the dialog and in the tab's history. For the embedded
    server, whose port is known once it runs, the dialog starts it (the tab uses it).

    Signals:
        loggedIn(str username), loggedOut()
    """

    loggedIn = Signal(str)
    loggedOut = Signal()

    def __init__(
        self,
        profile: Callable[[], Profile],
        controller: ConnectionController,
        lease: ServerLease,
        inbox: RecordInbox,
        *,
        url: str = "",
        username: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._profile = profile
        self._controller = controller
        self._lease = lease
        self._inbox = inbox
        self.url = url
        self.username = username
        self.user: str | None = None  # who the tab is logged in as
        self.dialog: LoginDialog | None = None
        self._awaiting_server = False
        self._background = BackgroundRunner(self)

    def open_dialog(self, parent: QWidget) -> LoginDialog:
        """Show the login dialog (not modal); the same one if it is open."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        profile = self._profile()
        url = self.url or self._default_url(profile)
        dialog = LoginDialog(url, self.username, parent)
        dialog.loginRequested.connect(self._on_dialog_login_requested)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        if not url and profile.server is ServerMode.EMBEDDED:
            self._awaiting_server = True
            self._lease.ready.connect(self._on_lease_ready)
            self._lease.start()
        dialog.open()
        return dialog

    def log_out(self) -> None:
        """Forget the session: later handshakes are anonymous again."""
        if self.user is None:
            return
        self._controller.clear_login_cookies()
        self._inbox.put(
            system_record(
                self.tr("logged out ({user}): the next handshake is anonymous").format(
                    user=self.user
                )
            )
        )
        self.user = None
        self.loggedOut.emit()

    def close(self) -> None:
        """The tab is closing."""
        if self.dialog is not None:
            self.dialog.reject()

    def _default_url(self, profile: Profile) -> str:
        if profile.server is ServerMode.EMBEDDED and self._lease.url is None:
            return ""
        return default_login_url(profile, self._lease.url)

    def _stop_waiting_for_server(self) -> None:
        if self._awaiting_server:
            self._awaiting_server = False
            self._lease.ready.disconnect(self._on_lease_ready)

    @Slot(str)
    def _on_lease_ready(self, url: str) -> None:
        self._stop_waiting_for_server()
        if self.dialog is not None:
            self.dialog.set_url(default_login_url(self._profile(), url))

    @Slot(str, str, str)
    def _on_dialog_login_requested(self, url: str, username: str, password: str) -> None:
        profile, embedded = self._profile(), self._lease.url

        def login() -> LoginResult:
            return login_for_profile(profile, url, username, password, embedded_url=embedded)

        self._background.run(
            login, lambda result: self._on_login_done(url, username, result), name="django-login"
        )

    def _on_login_done(self, url: str, username: str, result: LoginResult) -> None:
        text = word(result.outcome)
        if result.warning is not None:
            text += "\n" + self.tr("But: {warning}").format(warning=word(result.warning))
        if result.ok:
            self.url, self.username, self.user = url, username, username
            self._controller.set_login_cookies(result.cookies)
            row = self.tr("{outcome}: its session cookie goes in every handshake of this tab")
            self._inbox.put(system_record(row.format(outcome=text)))
            self.loggedIn.emit(username)
        else:
            self._inbox.put(
                system_record(self.tr("login failed: {why}").format(why=text), error=True)
            )
        if self.dialog is not None:
            self.dialog.show_outcome(result.ok, sentence(text))

    @Slot(int)
    def _on_dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self._stop_waiting_for_server()
