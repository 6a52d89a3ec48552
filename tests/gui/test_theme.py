"""The theme: colours only from gui/theme.py, light and dark, following the system or
the user's choice, and every coloured widget repainting when it changes."""

from __future__ import annotations

import ast
import io
import pathlib
import re
import tokenize
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QPalette, QTextBlock
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from gui.core.records import Direction, make_record, system_record
from gui.main_window import MainWindow
from gui.models.history import HistoryModel
from gui.theme import (
    _COLOURS,
    _DARK_PALETTE,
    Role,
    Scheme,
    Theme,
    ThemeChoice,
    colour,
    scheme_of,
)
from gui.widgets.json_editor import JsonEditor
from gui.widgets.message_detail import MessageDetail
from gui.widgets.schema_panel import SchemaPanel

GUI = pathlib.Path(__file__).resolve().parents[2] / "gui"
THEME = GUI / "theme.py"

# --- no colour outside the theme -----------------------------------------------------

_HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b")
_COLOUR_WORDS = re.compile(r"\b(?:color|colour|background)\s*:", re.IGNORECASE)
_COLOUR_CALLS = {"QColor", "fromRgb", "fromRgbF", "fromHsv", "fromHsl", "fromString", "qRgb"}


def colour_literals(source: str) -> list[str]:
    """Where ``source`` writes a colour of its own: a hex colour in a string, a QColor
    made from a value, a Qt.GlobalColor or QColorConstants, a stylesheet with colours."""
    found: list[str] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING or token.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            found += [f"line {token.start[0]}: {m}" for m in _HEX.findall(token.string)]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _COLOUR_CALLS and (node.args or node.keywords):
                found.append(f"line {node.lineno}: {name}(...)")
            if name == "setStyleSheet" and _COLOUR_WORDS.search(ast.unparse(node)):
                found.append(f"line {node.lineno}: a stylesheet with colours")
        elif isinstance(node, ast.Attribute) and node.attr in ("GlobalColor", "QColorConstants"):
            found.append(f"line {node.lineno}: {node.attr}")
        elif isinstance(node, ast.Name) and node.id == "QColorConstants":
            found.append(f"line {node.lineno}: QColorConstants")
    return found


def test_the_scan_finds_every_kind_of_colour_literal() -> None:
    source = "\n".join(
        [
            'a = QColor("#1f7a3a")',
            "b = QColor(10, 20, 30)",
            "c = QtGui.QColor.fromRgb(1, 2, 3)",
            "d = QBrush(Qt.GlobalColor.red)",
            'label.setStyleSheet("color: red; font-size: 9pt")',
            'e = {"sent": "#abc"}',
            "f = QColorConstants.Red",
            'ok = "issue #13"  # and #b3261e in a comment is no colour',
            "g = QColor()  # an empty colour, to fill in later",
            'label.setStyleSheet("font-size: 9pt")',
        ]
    )
    found = colour_literals(source)
    assert [f.split(":")[0] for f in found].count("line 1") == 2  # the hex and the QColor
    for line in (2, 3, 4, 5, 6, 7):
        assert any(f.startswith(f"line {line}:") for f in found), (line, found)
    assert not any(f.startswith(("line 8:", "line 9:", "line 10:")) for f in found), found


def test_no_colour_literal_in_gui_outside_the_theme() -> None:
    offenders = {
        str(path.relative_to(GUI.parent)): found
        for path in sorted(GUI.rglob("*.py"))
        if path != THEME and (found := colour_literals(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "take colours from gui/theme.py's roles"
    assert colour_literals(THEME.read_text(encoding="utf-8"))  # the scan does see them


# --- the tables ----------------------------------------------------------------------


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


_BACKGROUNDS = {Role.ERROR_MARK, Role.ERROR_ROW, Role.SCHEMA_FAIL_ROW}
_MARKS = {Role.STATE_IDLE, Role.STATE_BUSY, Role.STATE_CONNECTED, Role.STATE_ERROR}


@pytest.mark.parametrize("scheme", list(Scheme))
def test_every_role_has_a_readable_colour_in_both_schemes(scheme: Scheme) -> None:
    assert set(_COLOURS[scheme]) == set(Role) - {Role.NORMAL}
    base = (
        QColor("#ffffff")
        if scheme is Scheme.LIGHT
        else QColor(_DARK_PALETTE[QPalette.ColorRole.Base])
    )
    for role in set(Role) - {Role.NORMAL} - _BACKGROUNDS:
        shade = colour(role, scheme)
        # Text: 4.5:1 (WCAG AA); the status dot is a mark, not text: 3:1.
        needed = 3.0 if role in _MARKS else 4.5
        assert contrast(shade, base) >= needed, (role, shade.name())
    for row in (Role.ERROR_ROW, Role.SCHEMA_FAIL_ROW, Role.ERROR_MARK):  # text stays readable
        for text in (Role.ERROR, Role.RECEIVED, Role.SCHEMA_FAIL, Role.JSON_STRING):
            assert contrast(colour(text, scheme), colour(row, scheme)) >= 4.0, (row, text)


def test_a_palette_says_its_scheme() -> None:
    assert scheme_of(QPalette(QColor("#2b2b2b"))) is Scheme.DARK
    assert scheme_of(QPalette(QColor("#efefef"))) is Scheme.LIGHT
    for role in set(Role) - {Role.NORMAL}:
        assert colour(role, QPalette(QColor("#2b2b2b"))) == colour(role, Scheme.DARK)


# --- switching -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _restore_the_look(qapp: QApplication) -> Iterator[None]:
    """A test that goes dark gives the next ones the light look back."""
    style = qapp.style().name()
    yield
    if qapp.style().name() != style:
        qapp.setStyle(style)
    qapp.setPalette(QPalette())
    qapp.processEvents()


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[Theme]:
    made = Theme(qapp, ThemeChoice.LIGHT)
    made.apply()
    yield made
    made.deleteLater()


def colours_of(block: QTextBlock) -> dict[str, str]:
    """What each coloured stretch of a block is coloured with, by its text."""
    text = block.text()
    return {
        text[r.start : r.start + r.length]: r.format.foreground().color().name()
        for r in block.layout().formats()
    }


def named(scheme: Scheme, *roles: Role) -> list[str]:
    return [colour(role, scheme).name() for role in roles]


def test_switching_the_theme_recolours_the_editor(qtbot: QtBot, theme: Theme) -> None:
    editor = JsonEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.set_text('{"name": "通信", "n": 1, "ok": true}')
    block = editor.edit.document().firstBlock()
    key_string_number = ['"name"', '"通信"', "1"]
    light = named(Scheme.LIGHT, Role.JSON_KEY, Role.JSON_STRING, Role.JSON_NUMBER)
    qtbot.waitUntil(lambda: [colours_of(block).get(t) for t in key_string_number] == light)
    assert colours_of(block)["true"] == colour(Role.JSON_LITERAL, Scheme.LIGHT).name()

    theme.set_choice(ThemeChoice.DARK)
    dark = named(Scheme.DARK, Role.JSON_KEY, Role.JSON_STRING, Role.JSON_NUMBER)
    assert dark != light
    qtbot.waitUntil(lambda: [colours_of(block).get(t) for t in key_string_number] == dark)
    assert scheme_of(editor.edit.palette()) is Scheme.DARK  # the whole window is dark
    assert QApplication.style().name() == "fusion"

    theme.set_choice(ThemeChoice.LIGHT)
    qtbot.waitUntil(lambda: [colours_of(block).get(t) for t in key_string_number] == light)


def test_the_validation_and_its_mark_follow_the_theme(qtbot: QtBot, theme: Theme) -> None:
    editor = JsonEditor()
    qtbot.addWidget(editor)
    editor.set_text('{"a": }')
    label = editor.validation_label

    def text_colour() -> str:
        return label.palette().color(QPalette.ColorRole.WindowText).name()

    def mark_colour() -> str:
        (mark,) = editor.edit.extraSelections()
        return mark.format.background().color().name()  # type: ignore[attr-defined]

    assert text_colour() == colour(Role.FAIL, Scheme.LIGHT).name()
    assert mark_colour() == colour(Role.ERROR_MARK, Scheme.LIGHT).name()
    theme.set_choice(ThemeChoice.DARK)
    qtbot.waitUntil(lambda: text_colour() == colour(Role.FAIL, Scheme.DARK).name())
    qtbot.waitUntil(lambda: mark_colour() == colour(Role.ERROR_MARK, Scheme.DARK).name())
    editor.set_text('{"a": 1}')
    assert text_colour() == colour(Role.PASS, Scheme.DARK).name()


def test_the_detail_pane_and_the_schema_recolour(qtbot: QtBot, theme: Theme) -> None:
    detail = MessageDetail()
    schema = SchemaPanel('{"type": "object"}')
    for widget in (detail, schema):
        qtbot.addWidget(widget)
    detail.show_record(make_record(Direction.RECEIVED, '{"type": "echo"}'))
    key = detail.text.document().findBlockByNumber(1)  # pretty-printed: the key's line
    schema_block = schema.edit.document().firstBlock()

    def keys() -> list[str | None]:
        return [colours_of(key).get('"type"'), colours_of(schema_block).get('"type"')]

    qtbot.waitUntil(lambda: keys() == named(Scheme.LIGHT, Role.JSON_KEY, Role.JSON_KEY))
    theme.set_choice(ThemeChoice.DARK)
    qtbot.waitUntil(lambda: keys() == named(Scheme.DARK, Role.JSON_KEY, Role.JSON_KEY))
    # Not JSON: plain text, in the palette's own colour.
    detail.show_record(make_record(Direction.RECEIVED, "Echo: hello"))
    assert detail.text.document().firstBlock().layout().formats() == []


def feed(window: MainWindow) -> None:
    failed = replace(
        make_record(Direction.RECEIVED, '{"type": "echo"}'), schema_ok=False, schema_error="x"
    )
    for rec in (
        make_record(Direction.SENT, '{"order": 1}'),
        make_record(Direction.RECEIVED, '{"type": "echo", "data": {"order": 1}}'),
        failed,
        system_record("connection lost", error=True),
        make_record(Direction.RECEIVED, '{"type": "error", "code": "invalid_json"}'),
    ):
        window.model.inbox.put(rec)
    window.model.flush()


def row_colours(model: HistoryModel) -> list[tuple[str, str | None]]:
    """Each row's direction text colour and background colour."""
    result = []
    for row in range(model.rowCount()):
        fore = model.index(row, model.DIRECTION).data(Qt.ItemDataRole.ForegroundRole)
        back = model.index(row, model.CONTENT).data(Qt.ItemDataRole.BackgroundRole)
        result.append((fore.color().name(), back.color().name() if back is not None else None))
    return result


def expected_rows(scheme: Scheme) -> list[tuple[str, str | None]]:
    def c(role: Role) -> str:
        return colour(role, scheme).name()

    return [
        (c(Role.SENT), None),
        (c(Role.RECEIVED), None),
        (c(Role.RECEIVED), c(Role.SCHEMA_FAIL_ROW)),
        (c(Role.ERROR), c(Role.ERROR_ROW)),
        (c(Role.RECEIVED), c(Role.ERROR_ROW)),  # the server's own error reply
    ]


def test_the_history_rows_recolour_with_the_menu_and_it_persists(
    qtbot: QtBot, make_window, tmp_path: pathlib.Path
) -> None:
    window = make_window(tmp_path)
    window.show()
    feed(window)
    model = window.model
    assert row_colours(model) == expected_rows(Scheme.LIGHT)
    fmt = model.index(2, model.FORMAT).data(Qt.ItemDataRole.ForegroundRole)
    assert fmt.color() == colour(Role.SCHEMA_FAIL, Scheme.LIGHT)
    assert window.theme_actions[ThemeChoice.SYSTEM].isChecked()

    with qtbot.waitSignal(model.dataChanged):
        window.theme_actions[ThemeChoice.DARK].trigger()
    assert row_colours(model) == expected_rows(Scheme.DARK)
    assert scheme_of(window.history.table.palette()) is Scheme.DARK
    status = window.findChild(QLabel, "historyStatus")
    assert status.palette().color(QPalette.ColorRole.WindowText) == colour(Role.FAIL, Scheme.DARK)
    window.close()
    window.wait_shut_down()

    QApplication.setPalette(QPalette())  # what a new start has
    again = make_window(tmp_path)
    assert again.theme.choice is ThemeChoice.DARK
    assert again.theme_actions[ThemeChoice.DARK].isChecked()
    assert scheme_of(QApplication.palette()) is Scheme.DARK
    assert again.model.scheme is Scheme.DARK
    again.theme_actions[ThemeChoice.SYSTEM].trigger()
    assert scheme_of(QApplication.palette()) is Scheme.LIGHT  # offscreen: no dark system


def test_following_the_system_colour_scheme(qtbot: QtBot, qapp: QApplication) -> None:
    theme = Theme(qapp, ThemeChoice.SYSTEM)
    theme.apply()
    editor = JsonEditor()
    qtbot.addWidget(editor)
    editor.set_text('{"k": 1}')
    block = editor.edit.document().firstBlock()
    qtbot.waitUntil(lambda: colours_of(block).get('"k"') == named(Scheme.LIGHT, Role.JSON_KEY)[0])
    hints = qapp.styleHints()
    try:
        # What Qt emits when the user switches Windows to dark: the theme is connected.
        with qtbot.waitSignal(theme.schemeChanged) as changed:
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert changed.args == [Scheme.DARK]
        assert theme.scheme is Scheme.DARK and scheme_of(qapp.palette()) is Scheme.DARK
        dark_key = named(Scheme.DARK, Role.JSON_KEY)[0]
        qtbot.waitUntil(lambda: colours_of(block).get('"k"') == dark_key)

        theme.set_choice(ThemeChoice.LIGHT)  # forced: the system no longer decides...
        assert scheme_of(qapp.palette()) is Scheme.LIGHT  # ...even while it is dark
        with qtbot.assertNotEmitted(theme.schemeChanged):
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert scheme_of(qapp.palette()) is Scheme.LIGHT
        theme.set_choice(ThemeChoice.SYSTEM)
        assert theme.scheme is Scheme.DARK
    finally:
        hints.colorSchemeChanged.emit(hints.colorScheme())  # the real one again
        theme.deleteLater()


def test_the_handler_is_what_the_signal_calls(qapp: QApplication) -> None:
    theme = Theme(qapp, ThemeChoice.SYSTEM)
    try:
        theme._on_style_hints_color_scheme_changed(Qt.ColorScheme.Dark)
        assert theme.system_scheme is Scheme.DARK
        assert QApplication.style().name() == "fusion"
        assert qapp.palette().color(QPalette.ColorRole.Base) == QColor(
            _DARK_PALETTE[QPalette.ColorRole.Base]
        )
        theme._on_style_hints_color_scheme_changed(Qt.ColorScheme.Unknown)
        assert theme.scheme is Scheme.LIGHT
    finally:
        theme.deleteLater()


def test_the_menu_lists_the_three_choices(window: MainWindow) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    theme_menu = window.findChild(QMenu, "themeMenu")
    assert theme_menu.menuAction() in view.actions()
    labels = [a.text().replace("&", "") for a in theme_menu.actions()]
    assert labels == ["System", "Light", "Dark"]
    assert all(isinstance(a, QAction) and a.isCheckable() for a in theme_menu.actions())


def test_the_scenario_steps_recolour(qtbot: QtBot, theme: Theme, tmp_path: pathlib.Path) -> None:
    from gui.core.engine import StepOutcome, StepResult
    from gui.widgets.scenario_panel import ScenarioPanel

    path = tmp_path / "s.json"
    path.write_text(
        '{"connect": {"url": "ws://127.0.0.1:1/"}, "steps": [{"send": {"a": 1}},'
        ' {"expect": {"match": {"type": "echo"}, "within_ms": 10}}]}',
        encoding="utf-8",
    )
    panel = ScenarioPanel()
    qtbot.addWidget(panel)
    assert panel.open_file(path)
    sent, expect = panel.scenario.steps
    panel.set_running(True)
    panel.step_finished(StepResult(sent, (), StepOutcome("sent", {"size": 8}), 1.0))
    outcome = StepOutcome("timeout", {"within_ms": 10})
    panel.step_finished(StepResult(expect, (), outcome, 10.0))

    def results() -> list[str]:
        items = [panel.view.topLevelItem(i) for i in range(panel.view.topLevelItemCount())]
        return [item.foreground(1).color().name() for item in items]

    assert results() == named(Scheme.LIGHT, Role.PASS, Role.FAIL)
    theme.set_choice(ThemeChoice.DARK)
    qtbot.waitUntil(lambda: results() == named(Scheme.DARK, Role.PASS, Role.FAIL))
