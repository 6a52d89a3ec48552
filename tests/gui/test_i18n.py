"""The Japanese interface: every visible text translated, the shipped translation
complete and up to date with the source, and English when the translation is missing,
corrupt or not wanted (TSUSHIN_LANG, the Language menu, the system locale)."""

from __future__ import annotations

import importlib.util
import logging
import pathlib
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui import i18n
from gui.main_window import MainWindow
from gui.widgets.binary_dialog import BinaryDialog
from gui.widgets.expectation_dialog import ExpectationDialog

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Names and tokens a Japanese interface writes in Latin letters too.
ALLOWED = {
    # Products, protocols, formats.
    "tsushin",
    "django",
    "channels",
    "websocket",
    "json",
    "schema",
    "lines",
    "redis",
    "ws",
    "wss",
    "tls",
    "tcp",
    "http",
    "https",
    "url",
    "ca",
    "pem",
    "base",
    "cookie",
    "origin",
    "ping",
    "asgi",
    "csrf",
    "id",
    # Keys, units, the language menu's own name for English, the Origin field's keyword.
    "ctrl",
    "shift",
    "enter",
    "kb",
    "mb",
    "gb",
    "english",
    "none",
}
WORD = re.compile(r"[A-Za-z]{2,}")
# Examples and data, not words: JSON documents, URLs, paths, names with dots, digits
# or underscores (tsushin.v1, HTTPS_PROXY, a keyring's class), hex bytes.
_NOT_WORDS = re.compile(r"\{.*\}|\S*[./_:0-9@-]\S*|\b[0-9a-f]{2}\b|<[^>]*>")


def _english_words(text: str) -> list[str]:
    text = _NOT_WORDS.sub(" ", text.replace("&&", "&").replace("&", ""))
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED and not w.isupper()]


def _texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything ``widget`` shows a user in words."""
    name = f"{type(widget).__name__}:{widget.objectName()}"
    for kind, text in (("toolTip", widget.toolTip()), ("title", widget.windowTitle())):
        yield f"{name}.{kind}", text
    if isinstance(widget, QLabel):
        yield f"{name}.text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield f"{name}.text", widget.text()
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        yield f"{name}.placeholder", widget.placeholderText()
    if isinstance(widget, QSpinBox):
        yield f"{name}.suffix", widget.suffix()
    if isinstance(widget, QAbstractSpinBox):
        yield f"{name}.special", widget.specialValueText()
    if isinstance(widget, QGroupBox):
        yield f"{name}.title", widget.title()
    if isinstance(widget, QDockWidget):
        yield f"{name}.title", widget.windowTitle()
    if isinstance(widget, QComboBox) and widget.objectName() != "recentCombo":
        for i in range(widget.count()):
            yield f"{name}.item{i}", widget.itemText(i)
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{name}.tab{i}", widget.tabText(i)
            yield f"{name}.tabTip{i}", widget.tabToolTip(i)
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for section in range(model.columnCount()):
            header = model.headerData(section, Qt.Orientation.Horizontal)
            yield f"{name}.header{section}", str(header or "")
    if isinstance(widget, QMenu):
        yield f"{name}.menu", widget.title()
    for action in widget.actions():
        if isinstance(action, QAction):
            yield f"{name}.action", action.text()
            yield f"{name}.actionTip", action.toolTip() if action.toolTip() != action.text() else ""


def _untranslated(*tops: QWidget) -> list[str]:
    found = []
    for top in tops:
        for widget in [top, *top.findChildren(QWidget)]:
            for where, text in _texts(widget):
                words = _english_words(text)
                if words:
                    found.append(f"{where}: {text!r} ({', '.join(words)})")
    return found


@pytest.fixture
def japanese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Windows built in the test speak Japanese; English again afterwards (the
    translators are the application's, shared with the next tests)."""
    monkeypatch.setenv(i18n.ENV_VARIABLE, "ja")
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_language(app, "en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_every_visible_text_of_the_japanese_window_is_translated(
    japanese: None, make_window, tmp_path: pathlib.Path, qtbot: QtBot
) -> None:
    window: MainWindow = make_window(tmp_path)
    window.show()
    window.settings_action.trigger()  # the connection settings editor, all its tabs
    tab = window.current_tab()
    login = tab.open_login_dialog()
    binary = BinaryDialog(window)
    expectation = ExpectationDialog(None, None, window)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    dialogs: list[QDialog] = [login, binary, expectation]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    assert window.menuBar().actions()[0].text() == "ファイル(&F)"
    assert tab.connection_panel.connect_button.text() == "接続"
    # Qt's own words (qtbase_ja.qm): the dialog's standard Cancel button.
    assert any("キャンセル" in b.text() for b in binary.findChildren(QAbstractButton))
    assert _untranslated(window, *menus, *dialogs) == []


def test_japanese_numbers_and_state_words(
    japanese: None, make_window, tmp_path: pathlib.Path, qtbot: QtBot
) -> None:
    window: MainWindow = make_window(tmp_path)
    assert QLocale().language() == QLocale.Language.Japanese
    assert window.connection_panel.status_label.text() == "切断"
    assert window.status_counts.text() == "送信 0 · 受信 0 · 0 B"
    window.editor.edit.insertPlainText("日本語")  # qtbot.keyClicks aborts on non-ASCII text
    label = window.editor.validation_label
    qtbot.waitUntil(lambda: label.text().startswith("JSON が正しくありません(1 行 "))
    # What Python's json says is wrong is worded too, and NaN's refusal.
    assert label.text().endswith("文書のあとに余分なデータがあります"), label.text()  # Extra data
    window.editor.set_text('{"n": NaN}')
    qtbot.waitUntil(lambda: "NaN は JSON では使えません" in label.text())


def _update_script():
    path = ROOT / "gui" / "resources" / "i18n" / "update.py"
    spec = importlib.util.spec_from_file_location("i18n_update", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_translation_covers_todays_source() -> None:
    """No string of the source missing from tsushin_ja.ts or left untranslated, and
    the .qm built from it: a string added without its Japanese fails here (the
    command that adds it to the .ts is in README, "Translating")."""
    assert _update_script().problems("ja") == []


def test_the_check_finds_a_new_string(tmp_path: pathlib.Path, monkeypatch) -> None:
    update = _update_script()
    source = tmp_path / "gui" / "extra.py"
    source.parent.mkdir()
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        'QCoreApplication.translate("Extra", "A string nobody translated")\n'
    )
    monkeypatch.setattr(update, "ROOT", tmp_path)
    monkeypatch.setattr(update, "sources", lambda: ["gui/extra.py"])
    found = update.problems("ja")
    assert "not in tsushin_ja.ts (new in the source): Extra: 'A string nobody translated'" in found


@pytest.mark.parametrize("content", [None, b"not a qm file at all"])
def test_a_missing_or_corrupt_translation_gives_english_and_a_log_line(
    qapp: QApplication,
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    content: bytes | None,
) -> None:
    if content is not None:
        (tmp_path / "tsushin_ja.qm").write_bytes(content)
    monkeypatch.setattr(i18n, "translations_folder", lambda: tmp_path)
    with caplog.at_level(logging.WARNING, logger="gui.i18n"):
        assert i18n.install_language(qapp, "ja") == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert [r.getMessage() for r in caplog.records] == [
        "the ja translation (tsushin_ja.qm) is missing or unreadable: "
        "the interface stays in English"
    ]


def test_english_leaves_no_translator_behind(qapp: QApplication) -> None:
    assert i18n.install_language(qapp, "ja") == "ja"
    assert QCoreApplication.translate("MainWindow", "&File") == "ファイル(&F)"
    assert i18n.install_language(qapp, "en") == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


@pytest.mark.parametrize(
    ("env", "saved", "system", "expected"),
    [
        ("ja", "en", ["en-US"], "ja"),  # TSUSHIN_LANG first
        ("en", "ja", ["ja-JP"], "en"),
        (None, "ja", ["en-US"], "ja"),  # then the menu's choice
        (None, "en", ["ja-JP"], "en"),
        (None, "system", ["ja-JP", "en-US"], "ja"),  # then the system
        (None, "system", ["de-DE", "ja-JP"], "ja"),  # the first it has
        (None, "system", ["fr-FR", "de-DE"], "en"),  # no translation: English
        ("fr", "system", ["de-DE"], "en"),  # an unknown TSUSHIN_LANG is passed over
        (None, "system", [], "en"),
    ],
)
def test_pick_language(env: str | None, saved: str, system: list[str], expected: str) -> None:
    assert i18n.pick_language(env, saved, system) == expected


def test_the_language_menu_choice_is_used_at_the_next_start(
    make_window, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first: MainWindow = make_window(tmp_path)
    assert first.menuBar().actions()[0].text() == "&File"
    first.language_menu.findChild(QAction, "languageAction_ja").trigger()
    assert first.settings.language == "ja"
    assert "restart" in first.language_menu.actions()[0].text()
    first.close()
    monkeypatch.delenv(i18n.ENV_VARIABLE)  # no override: the saved choice decides
    try:
        again: MainWindow = make_window(tmp_path)
        assert again.menuBar().actions()[0].text() == "ファイル(&F)"
        assert again.language_menu.findChild(QAction, "languageAction_ja").isChecked()
    finally:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.install_language(app, "en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.mark.live
def test_rows_and_status_of_a_japanese_session_are_japanese(
    japanese: None, make_window, tmp_path: pathlib.Path, qtbot: QtBot
) -> None:
    """System rows are worded when they are made, in the language in force: the
    embedded server's start, the connection (its URL as it is), the user's disconnect."""
    from gui.core.records import Direction

    window: MainWindow = make_window(tmp_path)
    window.show()
    with qtbot.waitSignal(window.controller.connectedTo, timeout=30_000):
        window.connection_panel.connect_button.click()
    url = window.launcher.url
    assert url is not None
    assert window.connection_panel.status_label.text() == f"{url} に接続しました"
    assert window.connection_panel.connect_button.text() == "切断"
    window.connection_panel.connect_button.click()

    def rows() -> list[str]:
        return [r.text for r in window.model.records() if r.direction is Direction.SYSTEM]

    qtbot.waitUntil(lambda: "切断" in rows(), timeout=5000)
    assert rows() == [f"内蔵サーバーの準備ができました: {url}", f"{url} に接続しました", "切断"]


def test_a_schema_that_is_not_json_is_said_in_japanese(
    japanese: None, make_window, tmp_path: pathlib.Path, qtbot: QtBot
) -> None:
    window: MainWindow = make_window(tmp_path)
    panel = window.current_tab().schema_panel
    panel.edit.setPlainText('{"type": }')
    panel.check_now()
    assert panel.status.text() == (
        "チェックしていません: スキーマが正しくありません: "
        "JSON ではありません: 値がありません(1 行 10 列)"
    )
