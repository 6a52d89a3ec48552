"""Every open and save dialog of the app, starting where a user expects.

The first dialog starts in the user's Documents folder (``QStandardPaths``), never in
the working directory (on Windows that is the program's folder, or System32); after
that each starts in the folder last used in any of them, remembered between runs by a
:class:`FolderMemory` (the app's settings).
"""

from __future__ import annotations

import pathlib
from typing import Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


class FolderMemory(Protocol):
    """Where the last folder used is kept (``AppSettings`` is one)."""

    last_folder: str


class _Forgetful:
    """A memory for a widget built on its own (tests, tools): it keeps the folder for
    as long as it lives."""

    def __init__(self) -> None:
        self.last_folder = ""


def documents_folder() -> pathlib.Path:
    """The user's Documents folder (the home folder if the system names none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return pathlib.Path(location) if location else pathlib.Path.home()


class FileDialogs:
    """Open and save dialogs that start in the last folder used, else in Documents.

    Built once (``gui/app.py``) with the settings as its memory and handed to every
    widget that asks for a file; ``FileDialogs()`` remembers for its own lifetime only.
    """

    def __init__(self, memory: FolderMemory | None = None) -> None:
        self.memory: FolderMemory = memory if memory is not None else _Forgetful()

    def start_folder(self) -> pathlib.Path:
        """Where the next dialog starts: the last folder used if it is still there."""
        last = self.memory.last_folder
        if last and pathlib.Path(last).is_dir():
            return pathlib.Path(last)
        return documents_folder()

    def remember(self, chosen: pathlib.Path) -> None:
        """Start the next dialog in the folder of ``chosen``."""
        self.memory.last_folder = str(chosen.parent)

    def open_file(
        self,
        parent: QWidget | None,
        caption: str,
        filters: str = "",
        *,
        current: str = "",
    ) -> pathlib.Path | None:
        """Ask for a file to read (``current``: the file chosen before, if any, whose
        folder the dialog then starts in); ``None`` when the user cancels."""
        start = str(self.start_folder())
        if (
            current
            and pathlib.Path(current).parent.is_dir()
            and pathlib.Path(current).is_absolute()
        ):
            start = current
        name, _ = QFileDialog.getOpenFileName(parent, caption, start, filters)
        return self._chosen(name)

    def save_file(
        self, parent: QWidget | None, caption: str, file_name: str, filters: str = ""
    ) -> pathlib.Path | None:
        """Ask where to write ``file_name`` (the suggested name); ``None`` on cancel."""
        start = self.start_folder() / file_name if file_name else self.start_folder()
        name, _ = QFileDialog.getSaveFileName(parent, caption, str(start), filters)
        return self._chosen(name)

    def _chosen(self, name: str) -> pathlib.Path | None:
        if not name:
            return None
        path = pathlib.Path(name)
        self.remember(path)
        return path
