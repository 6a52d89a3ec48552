"""The connection settings editor and its tables of rows, on their own."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.core.profile import OriginMode, Profile, ProxySetting, Row, TlsOptions
from gui.core.profile_check import check_profile
from gui.widgets.profile_editor import ProfileEditor
from gui.widgets.rows_table import MASK, RowsModel


def make(qtbot: QtBot) -> ProfileEditor:
    editor = ProfileEditor()
    qtbot.addWidget(editor)
    return editor


def test_rows_mask_secrets_and_guess_them_from_the_name(qtmodeltester) -> None:
    model = RowsModel()
    model.set_rows((Row("Authorization", "Bearer abc", True, True), Row("X-Trace", "1")))
    qtmodeltester.check(model)
    value = model.index(0, RowsModel.VALUE)
    assert value.data() == MASK  # on screen
    assert value.data(Qt.ItemDataRole.EditRole) == "Bearer abc"  # when edited
    assert model.index(1, RowsModel.VALUE).data() == "1"
    row = model.add_row()
    model.setData(model.index(row, RowsModel.NAME), "X-Api-Key")
    model.setData(model.index(row, RowsModel.VALUE), "k-123")
    model.setData(
        model.index(1, RowsModel.ON), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    model.add_row()  # left empty: not a row of the profile
    assert model.rows() == (
        Row("Authorization", "Bearer abc", True, True),
        Row("X-Trace", "1", False, False),
        Row("X-Api-Key", "k-123", True, True),
    )
    model.setData(
        model.index(2, RowsModel.SECRET),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert model.rows()[2].secret is False  # the user has the last word
    assert model.index(2, RowsModel.VALUE).data() == "k-123"


def test_a_profile_goes_in_and_comes_back_out(qtbot: QtBot, tmp_path: pathlib.Path) -> None:
    editor = make(qtbot)
    profile = Profile(
        name="Staging",
        headers=(Row("Authorization", "Bearer t", True, True), Row("X-Off", "v", False)),
        query=(Row("token", "s3cret", True, True),),
        cookies=(Row("sessionid", "abc", True, True),),
        subprotocols=("graphql-ws", "tsushin.v1"),
        origin=OriginMode.CUSTOM,
        custom_origin="https://app.example",
        tls=TlsOptions(False, str(tmp_path / "ca.pem"), str(tmp_path / "c.pem"), ""),
        proxy=ProxySetting("proxy.lan", 3128, "me", "pw"),
        ping_interval=12.5,
        secrets_in_file=True,
    )
    editor.set_profile(profile)
    assert editor.subprotocols_edit.text() == "graphql-ws, tsushin.v1"
    assert editor.proxy_edit.text() == "proxy.lan:3128"  # never the password
    out, problems = editor.profile_from(Profile(name="Staging", id=profile.id))
    assert problems == []
    assert out == profile
    for text, mode in (("", OriginMode.SERVER), ("none", OriginMode.NONE)):
        editor.origin_edit.setText(text)
        assert editor.profile_from(profile)[0].origin is mode


def test_a_proxy_that_is_not_host_port_is_a_problem(qtbot: QtBot) -> None:
    editor = make(qtbot)
    editor.proxy_edit.setText("proxy.lan")
    profile, problems = editor.profile_from(Profile())
    assert [p.code for p in problems] == ["proxy_invalid"]
    assert "no port" in problems[0].message
    assert not profile.proxy.is_set  # what was there stays


def test_problems_are_shown_at_their_field(qtbot: QtBot, tmp_path: pathlib.Path) -> None:
    editor = make(qtbot)
    editor.show()
    bad = Profile(
        headers=(Row("X-Ok", "1"), Row("X-Evil", "a\r\nInjected: 1")),
        subprotocols=("two words",),
        tls=TlsOptions(True, str(tmp_path / "missing-ca.pem")),
    )
    editor.set_profile(bad)
    problems = check_profile(editor.profile_from(Profile())[0])
    assert {p.field for p in problems} == {"headers[1].value", "subprotocols[0]", "tls.ca_file"}
    editor.show_problems(problems)
    cell = editor.headers.model.index(1, RowsModel.VALUE)
    assert "header injection" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
    assert (
        editor.headers.model.index(0, RowsModel.VALUE).data(Qt.ItemDataRole.DecorationRole) is None
    )
    assert "no such file" in editor.ca_file_edit.toolTip()
    assert "not a valid subprotocol" in editor.subprotocols_edit.toolTip()
    text = editor.problems_label.text()
    assert editor.problems_label.isVisible() and len(text.splitlines()) == 3
    assert not editor.pages.tabIcon(0).isNull()  # Headers
    assert editor.pages.tabIcon(1).isNull()  # Query
    editor.show_problems([])
    assert not editor.problems_label.isVisible()
    assert cell.data(Qt.ItemDataRole.DecorationRole) is None
    assert "no such file" not in editor.ca_file_edit.toolTip()
