"""File dialogs start in Documents, then in the last folder used (kept in the settings);
every dialog of the app goes through the one helper."""

from __future__ import annotations

import pathlib
import re

from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

import gui
from gui.main_window import MainWindow
from gui.settings import AppSettings
from gui.widgets.file_dialogs import FileDialogs, documents_folder


class Chooser:
    """Stands in for the system's dialog: records where it started, answers ``answer``."""

    def __init__(self, answer: pathlib.Path | None) -> None:
        self.answer = answer
        self.starts: list[str] = []

    def __call__(self, parent: QWidget, caption: str, start: str, filters: str = ""):
        self.starts.append(start)
        return (str(self.answer) if self.answer else "", "")


def test_the_first_dialog_starts_in_documents(qapp: QApplication, monkeypatch) -> None:
    chooser = Chooser(None)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", chooser)
    dialogs = FileDialogs()
    assert dialogs.start_folder() == documents_folder()
    assert dialogs.open_file(None, "Open") is None
    assert chooser.starts == [str(documents_folder())]
    assert pathlib.Path(chooser.starts[0]) != pathlib.Path.cwd()


def test_documents_comes_from_the_system(qapp: QApplication) -> None:
    from PySide6.QtCore import QStandardPaths

    where = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert where and documents_folder() == pathlib.Path(where)


def test_the_last_folder_is_remembered_in_the_settings(
    qapp: QApplication, tmp_path: pathlib.Path, monkeypatch
) -> None:
    (tmp_path / "exports").mkdir()
    chosen = tmp_path / "exports" / "history.jsonl"
    save = Chooser(chosen)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    settings = AppSettings(tmp_path / "settings.ini")
    assert FileDialogs(settings).save_file(None, "Export", "history.jsonl") == chosen
    assert save.starts == [str(documents_folder() / "history.jsonl")]
    settings.sync()

    # The next run: its dialogs start where the last one ended.
    again = FileDialogs(AppSettings(tmp_path / "settings.ini"))
    assert again.start_folder() == tmp_path / "exports"
    opened = Chooser(None)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", opened)
    again.open_file(None, "Import")
    assert opened.starts == [str(tmp_path / "exports")]
    # A folder since deleted: Documents again.
    (tmp_path / "exports").rmdir()
    assert again.start_folder() == documents_folder()


def test_a_file_chosen_before_is_where_its_dialog_starts(
    qapp: QApplication, tmp_path: pathlib.Path, monkeypatch
) -> None:
    chooser = Chooser(None)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", chooser)
    ca = tmp_path / "ca.pem"
    FileDialogs().open_file(None, "CA file", current=str(ca))
    FileDialogs().open_file(None, "CA file", current="relative.pem")
    assert chooser.starts == [str(ca), str(documents_folder())]


def test_the_window_and_its_widgets_share_the_apps_dialogs(window: MainWindow) -> None:
    tab = window.current_tab()
    shared = window.dialogs
    assert isinstance(shared.memory, AppSettings)
    widgets = (tab.history, tab.schema_panel, tab.settings_editor)
    for widget in (*widgets, window.library_dock.panel, window.scenarios_dock.panel):
        assert widget.dialogs is shared
    assert window.file_opener.dialogs is shared


def test_no_file_dialog_is_opened_outside_the_helper() -> None:
    root = pathlib.Path(gui.__file__).parent
    helper = root / "widgets" / "file_dialogs.py"
    calls = re.compile(r"QFileDialog\.(get\w+|exec|open)\b|QFileDialog\(")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if path != helper
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if calls.search(line)
    ]
    assert found == []
