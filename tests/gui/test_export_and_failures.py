"""The window when the history file fails, and Export: in a thread, with a progress
bar, its errors reported and never raised."""

from __future__ import annotations

import json
import pathlib

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import gui.models.log
from gui.core.records import Direction, make_record
from gui.main_window import MainWindow
from tests.gui.models.test_write_failures import Disk, FillableStore, FillableWriter


def feed(window: MainWindow, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        window.model.inbox.put(make_record(Direction.RECEIVED, json.dumps({"i": i})))
    window.model.flush()


@pytest.fixture
def failing_window(make_window, tmp_path: pathlib.Path, monkeypatch) -> tuple[MainWindow, Disk]:
    disk = Disk()
    monkeypatch.setattr(FillableStore, "disk", disk)
    monkeypatch.setattr(gui.models.log, "HistoryWriter", FillableWriter)
    window = make_window(tmp_path)
    window.show()
    return window, disk


def test_a_full_disk_shows_in_the_status_bar_and_export_saves_everything(
    qtbot: QtBot, failing_window, tmp_path: pathlib.Path
) -> None:
    window, disk = failing_window
    label = window.status_history
    assert label.objectName() == "historyStatus" and not label.isVisible()
    disk.full = True
    feed(window, 300)
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert label.text().startswith("⚠ History not saved to disk: database or disk is full")
    assert "messages kept in memory, retrying (File ▸ Export saves them)" in label.text()
    qtbot.waitUntil(
        lambda: any("history not saved to disk" in r.text for r in window.history.shown_records())
    )
    window.grab().save(str(tmp_path / "write-failure.png"))

    target = tmp_path / "out.jsonl"
    with qtbot.waitSignal(window.history.exportFinished, timeout=20_000) as blocker:
        window.history.start_export(target)
        assert window.history.export_progress.isVisible()
        assert window.history.export_button.text() == "Cancel export"
    shown = window.history.proxy.rowCount()  # the 300, and the system row
    assert shown == 301
    assert blocker.args == [f"Exported {shown} messages to {target}"]
    assert not window.history.export_progress.isVisible()
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [entry["json"]["i"] for entry in lines if "json" in entry] == list(range(300))

    disk.full = False
    window.model.retry_writing()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=10_000)


def test_an_export_that_cannot_be_written_is_reported(
    qtbot: QtBot, window: MainWindow, tmp_path: pathlib.Path, monkeypatch
) -> None:
    feed(window, 10)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    existing = tmp_path / "keep.jsonl"
    existing.write_text("precious\n", encoding="utf-8")
    nowhere = tmp_path / "no such folder" / "out.jsonl"
    with qtbot.waitSignal(window.history.exportFinished, timeout=10_000) as blocker:
        window.history.start_export(nowhere)
    assert blocker.args[0].startswith(f"Could not export to {nowhere}: ")
    assert warnings == blocker.args
    assert window.history.export_button.text() == "Export…"
    assert window.statusBar().currentMessage() == blocker.args[0]

    # Cancelled: the file that was there stays as it was.
    feed(window, 50_000, start=10)
    with qtbot.waitSignal(window.history.exportFinished, timeout=60_000) as blocker:
        window.history.start_export(existing)
        window.history.export_button.click()  # now "Cancel export"
    assert blocker.args == [f"Export cancelled: {existing} was not written"]
    assert existing.read_text(encoding="utf-8") == "precious\n"
    assert not (tmp_path / "keep.jsonl.part").exists()
    assert len(warnings) == 1  # a cancel is not a failure
