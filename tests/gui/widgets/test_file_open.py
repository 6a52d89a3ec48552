"""File ▸ Open… and files dropped on the window: loaded into the current tab's editor,
whatever they hold; too large or unreadable ones refused with a word."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from gui.core.text_file import MAX_OPEN_BYTES
from gui.main_window import MainWindow
from gui.widgets.file_dialogs import documents_folder


def drop_on(widget: QWidget, mime: QMimeData) -> bool:
    """Drag ``mime`` over ``widget`` and drop it (as Qt delivers a drop from a file
    manager); return whether the drop was taken."""
    at = QPoint(10, 10)
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(at, copy, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(at), copy, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def files(*paths: pathlib.Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    mime.setText("\n".join(str(path) for path in paths))  # as Linux file managers do
    return mime


def test_open_loads_a_json_file_into_the_editor(
    window: MainWindow, tmp_path: pathlib.Path, monkeypatch
) -> None:
    document = tmp_path / "注文.json"
    document.write_text('{"order": 1, "名前": "通信"}', encoding="utf-8")
    asked: list[str] = []

    def choose(parent: QWidget, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(document), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    action = window.open_file_action
    assert action in window.menuBar().actions()[0].menu().actions()  # File ▸ Open…
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    action.trigger()
    assert window.editor.text() == '{"order": 1, "名前": "通信"}'
    assert window.editor.validation.ok
    assert window.statusBar().currentMessage() == "Opened 注文.json"
    assert asked == [str(documents_folder())]  # nothing chosen before: Documents


def test_a_file_that_is_not_utf8_is_loaded_and_said_so(
    window: MainWindow, tmp_path: pathlib.Path
) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("café au lait".encode("latin-1"))
    assert window.open_file(latin1)
    assert window.editor.text() == "caf\ufffd au lait"
    assert not window.editor.validation.ok  # marked invalid by the editor's validation
    assert window.editor.validation_label.text() == window.editor.validation.message
    message = window.statusBar().currentMessage()
    assert "not UTF-8" in message and "not valid JSON" in message


def test_a_bom_is_dropped_and_json_inside_bad_bytes_still_validates(
    window: MainWindow, tmp_path: pathlib.Path
) -> None:
    document = tmp_path / "bom.json"
    document.write_bytes(b'\xef\xbb\xbf{"name": "\xff"}')
    assert window.open_file(document)
    assert window.editor.text() == '{"name": "\ufffd"}'
    assert window.editor.validation.ok
    assert "not UTF-8" in window.statusBar().currentMessage()


def test_a_huge_file_is_refused_and_the_editor_keeps_its_text(
    window: MainWindow, tmp_path: pathlib.Path
) -> None:
    window.editor.set_text('{"kept": true}')
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(MAX_OPEN_BYTES + 1)  # sparse: no 16 MB written
    assert not window.open_file(huge)
    assert window.editor.text() == '{"kept": true}'
    message = window.statusBar().currentMessage()
    assert message.startswith("huge.json was not opened: 16.0 MB is more than")


def test_a_folder_or_a_missing_file_is_refused(window: MainWindow, tmp_path: pathlib.Path) -> None:
    window.editor.set_text("[]")
    assert not window.open_file(tmp_path)
    assert "it is not a file" in window.statusBar().currentMessage()
    assert not window.open_file(tmp_path / "gone.json")
    assert window.statusBar().currentMessage() == "gone.json was not opened: there is no such file"
    assert window.editor.text() == "[]"


def test_a_file_dropped_on_the_window_is_loaded(window: MainWindow, tmp_path: pathlib.Path) -> None:
    document = tmp_path / "dropped.json"
    document.write_text('{"dropped": true}', encoding="utf-8")
    assert drop_on(window, files(document))
    assert window.editor.text() == '{"dropped": true}'


def test_a_file_dropped_on_the_editor_loads_its_text_not_its_name(
    window: MainWindow, tmp_path: pathlib.Path
) -> None:
    document = tmp_path / "dropped.json"
    document.write_text("not json at all", encoding="utf-8")
    window.editor.set_text("")
    assert drop_on(window.editor.edit.viewport(), files(document))
    assert window.editor.text() == "not json at all"
    assert not window.editor.validation.ok
    assert "not valid JSON" in window.statusBar().currentMessage()


def test_of_several_files_dropped_the_first_is_loaded(
    window: MainWindow, tmp_path: pathlib.Path
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text("[1]", encoding="utf-8")
    second.write_text("[2]", encoding="utf-8")
    assert drop_on(window, files(first, second))
    assert window.editor.text() == "[1]"
    assert "the other 1 files dropped were left out" in window.statusBar().currentMessage()


def test_text_dropped_on_the_editor_is_still_inserted(window: MainWindow, qtbot: QtBot) -> None:
    window.editor.set_text("")
    mime = QMimeData()
    mime.setText('{"typed": 1}')
    assert drop_on(window.editor.edit.viewport(), mime)
    assert window.editor.text() == '{"typed": 1}'
    # A link to a web page is not a file: the window does not take it.
    link = QMimeData()
    link.setUrls([QUrl("https://example.com/x.json")])
    assert not drop_on(window, link)


def test_a_binary_file_is_loaded_as_text_never_a_crash(
    window: MainWindow, tmp_path: pathlib.Path
) -> None:
    picture = tmp_path / "picture.json"  # a PNG by mistake, NUL bytes and all
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert drop_on(window, files(picture))
    assert window.editor.text().startswith("\ufffdPNG")
    assert not window.editor.validation.ok
    message = window.statusBar().currentMessage()
    assert "not UTF-8" in message and "not valid JSON" in message
