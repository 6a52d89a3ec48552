"""A tab's history to and from files: its sent messages saved as a scenario, a history
export loaded back into it, a history export turned into a scenario."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QObject, Signal

from gui.background import BackgroundRunner
from gui.core.history_import import (
    ExpectMode,
    HistoryImportError,
    export_lines,
    records_from_export,
    scenario_from_history,
)
from gui.core.records import MessageRecord, system_record
from gui.core.scenario_save import (
    NothingSent,
    connect_section,
    scenario_from_records,
    write_scenario,
)
from gui.tabs.tab import ConnectionTab
from gui.words import word

__all__ = [
    "HistoryImportError",
    "HistoryImports",
    "NothingSent",
    "read_export",
    "save_export_as_scenario",
    "save_sent_as_scenario",
]


def read_export(path: pathlib.Path) -> list[MessageRecord]:
    """The rows of the history export at ``path``, marked imported (any thread).
    Raises :class:`HistoryImportError`."""
    return records_from_export(export_lines(path))


def save_sent_as_scenario(
    tab: ConnectionTab,
    path: pathlib.Path,
    *,
    expect: ExpectMode = "type",
    embedded_url: str | None = None,
) -> int:
    """Write ``tab``'s sent messages as a scenario at ``path``; return how many sends it
    has. Raises :class:`NothingSent` (nothing written) or ``OSError``."""
    profile = tab.profile()
    document = scenario_from_records(
        tab.model.records(),
        connect=connect_section(profile, embedded_url),
        expect=expect,
        name=profile.name,
    )
    write_scenario(document, path)
    return sum(1 for step in document["steps"] if "send" in step)


def save_export_as_scenario(
    export: pathlib.Path, path: pathlib.Path, *, expect: ExpectMode = "type"
) -> int:
    """Turn the history export ``export`` into a scenario at ``path``; return how many
    sends it has. Raises :class:`HistoryImportError` (nothing written) or ``OSError``."""
    document = scenario_from_history(export_lines(export), expect=expect, name=export.stem)
    write_scenario(document, path)
    return sum(1 for step in document["steps"] if "send" in step)


class HistoryImports(QObject):
    """Loads history exports into tabs, the file read and checked in a thread: every
    row goes into the tab's history (its connection's, marked imported), or, for a file
    that is not a history export, none.

    Signals:
        finished(bool ok, str message): an import is done (the message says what
            came in, or why nothing did).
    """

    finished = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._background = BackgroundRunner(self)

    def import_into(self, tab: ConnectionTab, path: pathlib.Path) -> None:
        """Start loading ``path`` into ``tab``'s history."""
        self._background.run(
            lambda: read_export(path),
            lambda records: self._on_read(tab, path, records),
            lambda exc: self._on_failed(path, exc),
            name="history-import",
        )

    def _on_read(self, tab: ConnectionTab, path: pathlib.Path, records: list) -> None:
        inbox = tab.model.inbox  # tagged with the tab's connection
        for record in records:
            inbox.put(record)
        row = self.tr("imported {n} rows from {file}").format(n=len(records), file=path.name)
        inbox.put(system_record(row))
        self.finished.emit(
            True,
            self.tr("{n} rows imported from {file} into {tab}").format(
                n=f"{len(records):,}", file=path.name, tab=tab.title
            ),
        )

    def _on_failed(self, path: pathlib.Path, exc: BaseException) -> None:
        if not isinstance(exc, HistoryImportError):
            raise exc
        self.finished.emit(
            False,
            self.tr("{file} is not a history export, nothing was imported: {problem}").format(
                file=path.name, problem=word(exc.problem)
            ),
        )
