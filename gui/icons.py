"""The app icon, a plain file under ``gui/resources/`` (build.spec must collect it)."""

from __future__ import annotations

import importlib.resources

from PySide6.QtGui import QIcon, QPixmap

ICON_FILE = "resources/tsushin.png"


def app_icon() -> QIcon:
    """The Tsushin icon; an empty icon if the file is missing (e.g. a bundle without it)."""
    resource = importlib.resources.files("gui").joinpath(ICON_FILE)
    try:
        data = resource.read_bytes()
    except OSError:
        return QIcon()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "PNG")
    return QIcon(pixmap)
