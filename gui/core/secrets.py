"""Secrets of connection profiles (passwords, tokens in headers, session cookies).

They go to the operating system's credential store through ``keyring`` (Windows
Credential Manager, macOS Keychain, the Secret Service on Linux desktops) when one is
there. Where none is (``keyring``'s fail or null backend, as on a Linux machine without
a Secret Service) or where it refuses (locked, no D-Bus), :attr:`SecretStore.status`
says so as a value the window can show, and the secrets are kept in memory only: the
profile store writes them into the profile file only when the user opted in
(``Profile.secrets_in_file``).

Entries are named by profile id and key: service ``Tsushin``, user name
``<profile id>/header:Authorization``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, shorten

SERVICE = "Tsushin"


class SecretStatus(Outcome):
    """Where secrets go: ``keyring`` (with the backend's name) is the one good code."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "keyring": QT_TRANSLATE_NOOP(
            "SecretStatus", "secrets are kept in the system's credential store ({backend})"
        ),
        "no_backend": QT_TRANSLATE_NOOP(
            "SecretStatus",
            "no credential store on this system ({backend}): secrets are kept "
            "in memory only, unless you choose to save them in the profile file",
        ),
        "keyring_error": QT_TRANSLATE_NOOP(
            "SecretStatus",
            "the credential store failed ({detail}): secrets are kept in "
            "memory only, unless you choose to save them in the profile file",
        ),
    }
    OK: ClassVar[frozenset[str]] = frozenset({"keyring"})


def backend_name(backend: KeyringBackend) -> str:
    """``keyring.backends.SecretService.Keyring`` style name of a backend."""
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _usable(backend: KeyringBackend) -> bool:
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return True


class SecretStore:
    """Keeps secrets by ``(profile id, key)``: in the credential store where it works,
    and always in memory for this run (so a failing store loses nothing now).

    ``backend`` defaults to ``keyring.get_keyring()``, read when the store is made.
    """

    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._service = service
        self._memory: dict[tuple[str, str], str] = {}
        name = backend_name(self._backend)
        if _usable(self._backend):
            self._status = SecretStatus("keyring", {"backend": name})
        else:
            self._status = SecretStatus("no_backend", {"backend": name})

    @property
    def status(self) -> SecretStatus:
        """Whether the credential store is used, as a value (shown by the window)."""
        return self._status

    @property
    def available(self) -> bool:
        """True while secrets go to the credential store."""
        return self._status.ok

    def _failed(self, exc: Exception) -> None:
        detail = shorten(str(exc) or type(exc).__name__, 160)
        self._status = SecretStatus(
            "keyring_error", {"backend": backend_name(self._backend), "detail": detail}
        )

    @staticmethod
    def _user(profile_id: str, key: str) -> str:
        return f"{profile_id}/{key}"

    def put(self, profile_id: str, key: str, value: str) -> bool:
        """Keep ``value``; True when it went to the credential store (an empty value
        removes the entry)."""
        if not value:
            self.forget(profile_id, [key])
            return self.available
        self._memory[(profile_id, key)] = value
        if not self.available:
            return False
        try:
            self._backend.set_password(self._service, self._user(profile_id, key), value)
        except keyring.errors.KeyringError as exc:
            self._failed(exc)
            return False
        return True

    def get(self, profile_id: str, key: str) -> str | None:
        """The value kept for ``key``, or None."""
        found = self._memory.get((profile_id, key))
        if found is not None or not self.available:
            return found
        try:
            value = self._backend.get_password(self._service, self._user(profile_id, key))
        except keyring.errors.KeyringError as exc:
            self._failed(exc)
            return None
        if value is not None:
            self._memory[(profile_id, key)] = value
        return value

    def forget(self, profile_id: str, keys: Iterable[str]) -> None:
        """Remove the entries of ``keys`` (missing ones are fine)."""
        for key in keys:
            self._memory.pop((profile_id, key), None)
            if not self.available:
                continue
            try:
                self._backend.delete_password(self._service, self._user(profile_id, key))
            except keyring.errors.PasswordDeleteError:
                pass  # there was none
            except keyring.errors.KeyringError as exc:
                self._failed(exc)

    def keys(self, profile_id: str) -> list[str]:
        """The keys held in memory for ``profile_id`` (the credential store cannot be
        listed; the profile file names its keys)."""
        return [key for pid, key in self._memory if pid == profile_id]
