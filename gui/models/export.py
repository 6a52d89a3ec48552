"""Exporting the rows shown to a JSON Lines file, in a thread. Qt-free.

The file is written next to its target as ``NAME.part`` and renamed over it only when
complete, so a failed or cancelled export leaves the target as it was. The job reads
SQLite with a connection of its own and counts its progress where the GUI can read it.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import threading
import time

from gui.models.reading import ExportSource
from gui.models.store import HistoryStore


class ExportCancelled(Exception):
    """The export was cancelled; nothing was written."""


class ExportJob:
    """One export: ``run()`` it (in a thread); read ``done`` / ``total`` meanwhile."""

    def __init__(self, source: ExportSource, target: pathlib.Path) -> None:
        self.source = source
        self.target = target
        self.total = len(source.ids)
        self.done = 0
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop at the next row; the target is left as it was."""
        self._cancel.set()

    @property
    def part(self) -> pathlib.Path:
        """Where the file is written until it is complete."""
        return self.target.with_name(self.target.name + ".part")

    def run(self) -> int:
        """Write the file; return the number of rows. Raises ``OSError`` or
        ``sqlite3.Error`` when it cannot, :class:`ExportCancelled` when cancelled."""
        part = self.part
        try:
            store = HistoryStore(self.source.path, read_only=True)
            try:
                with part.open("w", encoding="utf-8", newline="\n") as out:
                    for rec in self.source.records(store):
                        if self._cancel.is_set():
                            raise ExportCancelled
                        out.write(rec.to_json_line() + "\n")
                        self.done += 1
                        if not self.done % 256:
                            time.sleep(0)  # let the GUI thread have the GIL now and then
            finally:
                store.close()
            os.replace(part, self.target)
        except BaseException:
            with contextlib.suppress(OSError):
                part.unlink()
            raise
        return self.done
