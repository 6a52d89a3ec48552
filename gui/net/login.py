"""A Django login off the GUI thread, for the login dialog."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from gui.core.django_login import LoginResult
from gui.core.profile import Profile
from gui.core.profile_login import login_for_profile


class LoginTask(QObject):
    """Runs :func:`~gui.core.profile_login.login_for_profile` in a thread.

    Signals:
        finished(LoginResult result): in the GUI thread; ``result.cookies`` go to
            ``ConnectionController.set_login_cookies`` when ``result.ok``.
    """

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """True while a login is under way."""
        return self._thread is not None and self._thread.is_alive()

    def start(
        self,
        profile: Profile,
        login_url: str,
        username: str,
        password: str,
        *,
        embedded_url: str | None = None,
    ) -> None:
        """Log in; :attr:`finished` tells how it went."""

        def run() -> None:
            result: LoginResult = login_for_profile(
                profile, login_url, username, password, embedded_url=embedded_url
            )
            self.finished.emit(result)  # queued to the GUI thread: this object lives there

        self._thread = threading.Thread(target=run, name="django-login", daemon=True)
        self._thread.start()
