"""The typed settings wrapper, on an INI file in a temporary folder."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QByteArray

from gui.core.target import RemoteAddress, ServerMode
from gui.settings import AppSettings


def test_defaults(tmp_path: pathlib.Path) -> None:
    settings = AppSettings(tmp_path / "settings.ini")
    assert settings.server_mode is ServerMode.EMBEDDED
    assert settings.remote == RemoteAddress("ws", "127.0.0.1", 8000, "/websock1-2/")
    assert settings.auto_reconnect is True
    assert settings.recent_urls == []
    assert settings.connect_timeout == 5.0
    assert settings.geometry("main") is None


def test_values_survive_a_new_instance(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "settings.ini"
    settings = AppSettings(path)
    settings.server_mode = ServerMode.REMOTE
    settings.remote = RemoteAddress("wss", "docker.local", 8443, "/ws/")
    settings.auto_reconnect = False
    settings.connect_timeout = 12.5
    settings.recent_urls = ["ws://a:1/", "wss://b:2/x"]
    settings.editor_text = '{"名前": "通信"}'
    settings.set_geometry("main", QByteArray(b"\x01\x02"))
    settings.sync()
    assert path.is_file()

    again = AppSettings(path)
    assert again.server_mode is ServerMode.REMOTE
    assert again.remote == RemoteAddress("wss", "docker.local", 8443, "/ws/")
    assert again.auto_reconnect is False
    assert again.connect_timeout == 12.5
    assert again.recent_urls == ["ws://a:1/", "wss://b:2/x"]
    assert again.editor_text == '{"名前": "通信"}'
    assert again.geometry("main") == QByteArray(b"\x01\x02")


def test_single_recent_url_and_bad_values(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(
        "[connection]\nmode=bogus\nport=notanumber\nscheme=ftp\nrecent=ws://only:1/\n"
        "connectTimeout=-3\n",
        encoding="utf-8",
    )
    settings = AppSettings(path)
    assert settings.server_mode is ServerMode.EMBEDDED
    assert settings.remote.port == 8000
    assert settings.remote.scheme == "ws"
    assert settings.recent_urls == ["ws://only:1/"]
    assert settings.connect_timeout == 5.0
