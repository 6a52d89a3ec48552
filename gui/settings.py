"""A typed wrapper around QSettings, stored as an INI file in the data folder."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QByteArray, QRect, QSettings

from gui.core.profile import Profile, legacy_profile
from gui.core.target import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_PATH,
    DEFAULT_PORT,
    MAX_CONNECT_TIMEOUT,
    MIN_CONNECT_TIMEOUT,
    RemoteAddress,
    ServerMode,
)
from gui.i18n import CHOICES, SYSTEM
from gui.theme import ThemeChoice


class AppSettings:
    """Everything the app remembers between runs, with types and defaults.

    INI files give back strings for numbers and booleans; the properties here convert,
    and fall back to the default when a value is missing or unreadable.
    """

    def __init__(self, path: pathlib.Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> pathlib.Path:
        """The INI file."""
        return pathlib.Path(self._qs.fileName())

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._qs.sync()

    # --- typed access --------------------------------------------------------------

    def _str(self, key: str, default: str) -> str:
        value = self._qs.value(key, default)
        return value if isinstance(value, str) else default

    def _int(self, key: str, default: int) -> int:
        value = self._qs.value(key, default)
        if isinstance(value, (int, str)):
            try:
                return int(value)
            except ValueError:
                return default
        return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes", "on")
        return default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # --- connection ----------------------------------------------------------------

    @property
    def server_mode(self) -> ServerMode:
        """Embedded (default) or remote."""
        try:
            return ServerMode(self._str("connection/mode", ServerMode.EMBEDDED.value))
        except ValueError:
            return ServerMode.EMBEDDED

    @server_mode.setter
    def server_mode(self, mode: ServerMode) -> None:
        self._qs.setValue("connection/mode", mode.value)

    @property
    def remote(self) -> RemoteAddress:
        """The last remote address."""
        scheme = self._str("connection/scheme", "ws")
        port = self._int("connection/port", DEFAULT_PORT)
        return RemoteAddress(
            scheme=scheme if scheme in ("ws", "wss") else "ws",
            host=self._str("connection/host", "127.0.0.1") or "127.0.0.1",
            port=port if 1 <= port <= 65535 else DEFAULT_PORT,
            path=self._str("connection/path", DEFAULT_PATH) or DEFAULT_PATH,
        )

    @remote.setter
    def remote(self, address: RemoteAddress) -> None:
        self._qs.setValue("connection/scheme", address.scheme)
        self._qs.setValue("connection/host", address.host)
        self._qs.setValue("connection/port", address.port)
        self._qs.setValue("connection/path", address.path)

    @property
    def auto_reconnect(self) -> bool:
        """Reconnect after a drop (on by default)."""
        return self._bool("connection/autoReconnect", True)

    @auto_reconnect.setter
    def auto_reconnect(self, on: bool) -> None:
        self._qs.setValue("connection/autoReconnect", on)

    @property
    def connect_timeout(self) -> float:
        """Seconds to wait for each step of opening a connection (TCP, TLS, WebSocket)."""
        value = self._qs.value("connection/connectTimeout", DEFAULT_CONNECT_TIMEOUT)
        try:
            seconds = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return DEFAULT_CONNECT_TIMEOUT
        if not MIN_CONNECT_TIMEOUT <= seconds <= MAX_CONNECT_TIMEOUT:
            return DEFAULT_CONNECT_TIMEOUT
        return seconds

    @connect_timeout.setter
    def connect_timeout(self, seconds: float) -> None:
        self._qs.setValue("connection/connectTimeout", float(seconds))

    @property
    def recent_urls(self) -> list[str]:
        """Recently used remote URLs, newest first."""
        value = self._qs.value("connection/recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    @recent_urls.setter
    def recent_urls(self, urls: list[str]) -> None:
        self._qs.setValue("connection/recent", list(urls))

    def default_profile(self) -> Profile:
        """The connection settings above as the first profile (``ProfileStore.ensure_default``)."""
        return legacy_profile(
            self.server_mode,
            self.remote,
            connect_timeout=self.connect_timeout,
            auto_reconnect=self.auto_reconnect,
        )

    # --- interface ----------------------------------------------------------------

    @property
    def language(self) -> str:
        """The Language menu's choice: ``system`` (default), ``en`` or ``ja``."""
        value = self._str("interface/language", SYSTEM)
        return value if value in CHOICES else SYSTEM

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("interface/language", value)

    # --- editor and window ---------------------------------------------------------

    @property
    def theme(self) -> ThemeChoice:
        """View ▸ Theme: follow the system (default), or always light or dark."""
        try:
            return ThemeChoice(self._str("window/theme", ThemeChoice.SYSTEM.value))
        except ValueError:
            return ThemeChoice.SYSTEM

    @theme.setter
    def theme(self, choice: ThemeChoice) -> None:
        self._qs.setValue("window/theme", choice.value)

    @property
    def editor_text(self) -> str:
        """What the JSON editor held at exit."""
        return self._str("editor/text", "")

    @editor_text.setter
    def editor_text(self, text: str) -> None:
        self._qs.setValue("editor/text", text)

    def geometry(self, name: str) -> QByteArray | None:
        """A saved ``saveGeometry``/``saveState`` blob, or ``None``."""
        return self._bytes(f"window/{name}")

    def set_geometry(self, name: str, blob: QByteArray) -> None:
        """Save a ``saveGeometry``/``saveState`` blob under ``name``."""
        self._qs.setValue(f"window/{name}", blob)

    def window_frame(self) -> QRect | None:
        """Where the window's frame was on the screen at exit (``None`` if not saved)."""
        value = self._qs.value("window/frame")
        return value if isinstance(value, QRect) and value.isValid() else None

    def set_window_frame(self, frame: QRect) -> None:
        """Save where the window's frame is (checked against the screens at start)."""
        self._qs.setValue("window/frame", frame)

    # --- file dialogs --------------------------------------------------------------

    @property
    def last_folder(self) -> str:
        """The folder last chosen in a file dialog (``""``: none yet)."""
        return self._str("files/lastFolder", "")

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self._qs.setValue("files/lastFolder", folder)
