"""Writes the history to SQLite in a thread of its own, so the GUI thread never waits on
the disk, and keeps what it could not write. Qt-free.

The history model hands over each batch with the ids it gave the rows; the thread
writes whatever has queued up since its last commit in one transaction, with its own
connection (SQLite connections belong to one thread).

When a write fails (disk full, file locked, read-only folder), nothing is dropped: the
rows are held in memory, readable by id (:meth:`HistoryWriter.unsaved`), and written
again after a delay that grows from 1 to 30 s, or at once on :meth:`retry_now`. The
memory they take is bounded: past :attr:`MAX_UNSAVED_ROWS` rows or
:attr:`MAX_UNSAVED_BYTES` of text, the oldest are let go and counted
(:meth:`HistoryWriter.lost`). :attr:`HistoryWriter.status` says how it stands; at
:meth:`close`, rows still unsaved go to a JSON Lines file next to the database (or in
the temporary folder) rather than nowhere.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import logging
import pathlib
import queue
import tempfile
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from gui.core.records import MessageRecord
from gui.core.turns import TURNS
from gui.models.store import HistoryStore

_log = logging.getLogger(__name__)

_STOP = "stop"
_RETRY = "retry"


@dataclass(frozen=True, slots=True)
class _Clear:
    """Delete the rows of ``connections`` (None: every row)."""

    connections: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class WriteStatus:
    """How writing stands. ``error`` is the last failure (None once writes work
    again); ``unsaved`` rows are held in memory; ``lost`` rows were let go of after
    the bound; ``written`` counts every row committed; ``rescue_file`` is where
    :meth:`HistoryWriter.close` put rows it could not write."""

    error: str | None = None
    unsaved: int = 0
    lost: int = 0
    written: int = 0
    rescue_file: pathlib.Path | None = None

    @property
    def failing(self) -> bool:
        """True while writes fail."""
        return self.error is not None


class HistoryWriter:
    """A writer thread for one history database.

    ``processed_id`` is the highest id the thread has dealt with: every row up to it is
    in SQLite, held in memory (:meth:`unsaved`), or counted as lost (:meth:`lost`).
    """

    MAX_UNSAVED_ROWS = 100_000
    MAX_UNSAVED_BYTES = 64 * 2**20
    FIRST_RETRY_S = 1.0
    LAST_RETRY_S = 30.0

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.processed_id = 0
        self.status = WriteStatus()
        self._queue: queue.Queue[tuple[int, list[MessageRecord]] | str | _Clear] = queue.Queue()
        self._lock = threading.Lock()  # guards the held rows, read from the GUI thread
        self._held: dict[int, MessageRecord] = {}
        self._held_bytes = 0
        self._lost: list[tuple[int, int]] = []  # (first, last) id ranges, in order
        self._lost_count = 0
        self._written = 0
        self._retry_s = self.FIRST_RETRY_S
        self._retry_at = 0.0
        self._opened = threading.Event()  # the first attempt to open the file is over
        self._thread = threading.Thread(target=self._run, name="history-writer", daemon=True)
        self._thread.start()
        self._opened.wait()

    # --- any thread ----------------------------------------------------------------

    def put(self, first_id: int, records: list[MessageRecord]) -> None:
        """Queue records to be written with ids ``first_id``, ``first_id + 1``..."""
        self._queue.put((first_id, records))

    def flush(self) -> None:
        """Wait until everything queued so far was written, or held."""
        if self._thread.is_alive():
            self._queue.join()

    def clear(self, connections: frozenset[str] | None = None) -> None:
        """Write what is queued, then delete every stored and held message (of
        ``connections`` when given); waits."""
        self._queue.put(_Clear(connections))
        self.flush()

    def retry_now(self) -> None:
        """Try the held rows again without waiting for the next retry."""
        self._queue.put(_RETRY)

    def close(self) -> None:
        """Write what is queued (held rows included, one last time) and end the thread;
        rows still unsaved then go to a rescue file (see :attr:`WriteStatus.rescue_file`)."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def unsaved(self, row_id: int) -> MessageRecord | None:
        """The record of a row that is held in memory, unwritten."""
        with self._lock:
            return self._held.get(row_id)

    def unsaved_records(self) -> dict[int, MessageRecord]:
        """Every held row, by id (a copy)."""
        with self._lock:
            return dict(self._held)

    def lost(self, row_id: int) -> bool:
        """Whether a row was let go of unwritten (past the memory bound)."""
        with self._lock:
            at = bisect.bisect_right(self._lost, (row_id, float("inf"))) - 1
            return at >= 0 and self._lost[at][0] <= row_id <= self._lost[at][1]

    # --- the thread ------------------------------------------------------------------

    def _run(self) -> None:
        store = self._open()
        self._opened.set()
        try:
            while True:
                timeout = None
                if self._held or store is None:
                    timeout = max(0.0, self._retry_at - time.monotonic())
                try:
                    items: list = [self._queue.get(timeout=timeout)]
                except queue.Empty:
                    items, taken = [_RETRY], 0  # time to retry: nothing was taken
                else:
                    taken = 1
                    while True:  # whatever piled up meanwhile goes in the same transaction
                        try:
                            items.append(self._queue.get_nowait())
                        except queue.Empty:
                            break
                        taken += 1
                stop = _STOP in items
                if store is None and (stop or time.monotonic() >= self._retry_at):
                    store = self._open()
                try:
                    self._handle(store, items, final=stop)
                finally:
                    for _ in range(taken):
                        self._queue.task_done()
                if stop:
                    self._rescue()
                    return
        finally:
            if store is not None:
                store.close()

    def _open(self) -> HistoryStore | None:
        try:
            return HistoryStore(self.path)
        except Exception as exc:  # a locked or unreadable file must not kill the app
            text = QCoreApplication.translate("HistoryWriter", "cannot open {file}: {error}")
            self._failed(text.format(file=self.path.name, error=exc))
            return None

    def _handle(self, store: HistoryStore | None, items: list, final: bool) -> None:
        new: list[tuple[int, list[MessageRecord]]] = []
        for item in items:
            if isinstance(item, tuple):
                new.append(item)
            elif isinstance(item, _Clear):
                self._write(store, new, final=True)
                new = []
                self._clear(store, item.connections)
        self._write(store, new, final=final or _RETRY in items)

    def _write(
        self, store: HistoryStore | None, new: list[tuple[int, list[MessageRecord]]], final: bool
    ) -> None:
        due = final or time.monotonic() >= self._retry_at
        if store is None or (self._held and not due):
            self._hold(new)  # failing: wait for the retry rather than fail once per batch
            self._processed(new)
            return
        with self._lock:
            held = sorted(self._held.items())
        rows = [(row_id, rec) for row_id, rec in held]
        for first, records in new:
            rows += [(first + k, rec) for k, rec in enumerate(records)]
        if not rows:
            return
        try:
            # Gives way while the GUI thread drains or paints the history (as the
            # readers do): its calls into Python would otherwise wait behind this one.
            store.append_rows(rows, pause=TURNS.yield_to_gui)
        except Exception as exc:  # a full disk must not kill the app
            _log.warning("history write failed: %s", exc)
            self._hold(new)
            self._failed(str(exc))
        else:
            with self._lock:
                self._held.clear()
                self._held_bytes = 0
            self._written += len(rows)
            self._retry_s = self.FIRST_RETRY_S
            self.status = WriteStatus(None, 0, self._lost_count, self._written)
        self._processed(new)

    def _processed(self, new: list[tuple[int, list[MessageRecord]]]) -> None:
        """Only now may the model forget these rows: they are written or held."""
        if new:
            self.processed_id = max(self.processed_id, new[-1][0] + len(new[-1][1]) - 1)

    def _hold(self, new: list[tuple[int, list[MessageRecord]]]) -> None:
        with self._lock:
            held = self._held
            for first, records in new:
                for k, rec in enumerate(records):
                    held[first + k] = rec
                    self._held_bytes += len(rec.text) + len(rec.payload or b"")
            while held and (
                len(held) > self.MAX_UNSAVED_ROWS or self._held_bytes > self.MAX_UNSAVED_BYTES
            ):
                oldest = next(iter(held))  # ids arrive in order: the first key is the oldest
                rec = held.pop(oldest)
                self._held_bytes -= len(rec.text) + len(rec.payload or b"")
                self._lost_count += 1
                if self._lost and self._lost[-1][1] == oldest - 1:
                    self._lost[-1] = (self._lost[-1][0], oldest)
                else:
                    self._lost.append((oldest, oldest))
            unsaved = len(held)
        error = self.status.error
        self.status = WriteStatus(error, unsaved, self._lost_count, self._written)

    def _failed(self, error: str) -> None:
        self._retry_at = time.monotonic() + self._retry_s
        self._retry_s = min(self.LAST_RETRY_S, self._retry_s * 2)
        with self._lock:
            unsaved = len(self._held)
        self.status = WriteStatus(error, unsaved, self._lost_count, self._written)

    def _clear(self, store: HistoryStore | None, connections: frozenset[str] | None) -> None:
        with self._lock:
            if connections is None:
                self._held.clear()
                self._held_bytes = 0
                self._lost.clear()
                self._lost_count = 0
            else:  # lost rows stay counted: which connection they were of is not known
                for row_id, rec in list(self._held.items()):
                    if rec.connection in connections:
                        del self._held[row_id]
                        self._held_bytes -= len(rec.text) + len(rec.payload or b"")
            unsaved = len(self._held)
        try:
            if store is None:
                text = QCoreApplication.translate("HistoryWriter", "{file} is not open")
                raise OSError(text.format(file=self.path.name))
            store.clear(connections)
        except Exception as exc:
            text = QCoreApplication.translate("HistoryWriter", "cannot clear {file}: {error}")
            self._failed(text.format(file=self.path.name, error=exc))
        else:
            self.status = WriteStatus(self.status.error, unsaved, self._lost_count, self._written)

    def _rescue(self) -> None:
        """Put rows that could never be written into a JSON Lines file (export format)."""
        rows = self.unsaved_records()
        if not rows:
            return
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}-unsaved-{stamp}.jsonl"
        for folder in (self.path.parent, pathlib.Path(tempfile.gettempdir())):
            target = folder / name
            try:
                with target.open("w", encoding="utf-8", newline="\n") as out:
                    for _, rec in sorted(rows.items()):
                        out.write(rec.to_json_line() + "\n")
            except OSError:
                with contextlib.suppress(OSError):
                    target.unlink()
                continue
            self.status = WriteStatus(
                self.status.error, len(rows), self._lost_count, self._written, target
            )
            _log.warning("%d unsaved history rows written to %s", len(rows), target)
            return
