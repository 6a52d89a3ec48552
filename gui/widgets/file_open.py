"""Loading a file into the JSON editor: File ▸ Open…, a file dropped on the window, or
the file named on the command line.

Whatever the file holds goes into the editor (see :mod:`gui.core.text_file`): text that
is not JSON is marked by the editor's own validation, bytes that are not UTF-8 are
replaced and the status bar says so. Only a file too large for an editor, or one that
cannot be read, is refused, with a message; the editor keeps what it held.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QWidget

from gui.core.text_file import MAX_OPEN_BYTES, ReadProblem, TextFile, read_text_file
from gui.widgets.file_dialogs import FileDialogs
from gui.widgets.json_editor import JsonEditor


def dropped_files(mime: QMimeData | None) -> list[pathlib.Path]:
    """The local files a drag carries (none for text, or links to web pages)."""
    if mime is None or not mime.hasUrls():
        return []
    return [pathlib.Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def megabytes(count: int) -> str:
    """``16.0 MB`` for the messages."""
    return f"{count / (1024 * 1024):.1f} MB"


class FileOpener(QObject):
    """Puts files into the editor that ``editor()`` gives (the current tab's) and says
    how it went through ``say(message, milliseconds)`` (the status bar)."""

    def __init__(
        self,
        window: QWidget,
        dialogs: FileDialogs,
        editor: Callable[[], JsonEditor],
        say: Callable[[str, int], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self.dialogs = dialogs
        self._editor = editor
        self._say = say

    def ask(self) -> TextFile | None:
        """File ▸ Open…: choose a file and load it (``None`` when cancelled)."""
        path = self.dialogs.open_file(
            self._window,
            self.tr("Open a JSON file"),
            self.tr("JSON files (*.json *.jsonl *.txt);;All files (*)"),
        )
        return self.load(path) if path is not None else None

    def load_dropped(self, paths: list[pathlib.Path]) -> TextFile | None:
        """Load the first of the files dropped on the window."""
        if not paths:
            return None
        loaded = self.load(paths[0])
        if loaded.ok and len(paths) > 1:
            self._say(
                self.tr("Opened {name}; the other {n} files dropped were left out").format(
                    name=loaded.path.name, n=len(paths) - 1
                ),
                8000,
            )
        return loaded

    def load(self, path: pathlib.Path) -> TextFile:
        """Read ``path`` into the editor, or say why not (the editor is left as it was)."""
        loaded = read_text_file(path)
        if not loaded.ok:
            self._say(self._refusal(loaded), 10_000)
            return loaded
        editor = self._editor()
        editor.set_text(loaded.text)
        editor.edit.setFocus()
        message = self.tr("Opened {name}").format(name=path.name)
        if loaded.replaced:
            message += self.tr("; it is not UTF-8 text: the bytes that are not were replaced by �")
        if not editor.busy and not editor.validation.ok and not editor.validation.empty:
            message += self.tr("; it is not valid JSON (see under the editor)")
        self._say(message, 8000)
        return loaded

    def _refusal(self, loaded: TextFile) -> str:
        name = loaded.path.name or str(loaded.path)
        if loaded.problem is ReadProblem.TOO_LARGE:
            return self.tr(
                "{name} was not opened: {size} is more than the editor takes ({most})"
            ).format(name=name, size=megabytes(loaded.size), most=megabytes(MAX_OPEN_BYTES))
        if loaded.problem is ReadProblem.MISSING:
            return self.tr("{name} was not opened: there is no such file").format(name=name)
        if loaded.problem is ReadProblem.NOT_A_FILE:
            return self.tr("{name} was not opened: it is not a file").format(name=name)
        return self.tr("{name} could not be read: {error}").format(name=name, error=loaded.error)
