"""Writes the history to SQLite in a thread of its own, so the GUI thread never waits on
the disk. Qt-free.

The history model hands over each batch with the ids it gave the rows; the thread
writes whatever has queued up since its last commit in one transaction, with its own
connection (SQLite connections belong to one thread).
"""

from __future__ import annotations

import logging
import pathlib
import queue
import threading

from gui.core.records import MessageRecord
from gui.models.store import HistoryStore

_log = logging.getLogger(__name__)

_CLEAR = "clear"
_STOP = "stop"


class HistoryWriter:
    """A writer thread for one history database.

    ``written_id`` is the highest id committed so far: rows up to it can be read back
    from any connection.
    """

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.written_id = 0
        self.error: str | None = None
        self._queue: queue.Queue[tuple[int, list[MessageRecord]] | str] = queue.Queue()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="history-writer", daemon=True)
        self._thread.start()
        self._ready.wait()

    def put(self, first_id: int, records: list[MessageRecord]) -> None:
        """Queue records to be written with ids ``first_id``, ``first_id + 1``..."""
        self._queue.put((first_id, records))

    def flush(self) -> None:
        """Wait until everything queued so far is committed."""
        if self._thread.is_alive():
            self._queue.join()

    def clear(self) -> None:
        """Write what is queued, then delete every stored message; waits."""
        self._queue.put(_CLEAR)
        self.flush()

    def close(self) -> None:
        """Write what is queued and end the thread."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def _run(self) -> None:
        store = HistoryStore(self.path)
        self._ready.set()
        try:
            while True:
                items = [self._queue.get()]
                while True:  # whatever piled up meanwhile goes in the same transaction
                    try:
                        items.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                stop = self._write(store, items)
                for _ in items:
                    self._queue.task_done()
                if stop:
                    return
        finally:
            store.close()

    def _write(self, store: HistoryStore, items: list) -> bool:
        pending: list[MessageRecord] = []
        first = 0
        stop = False
        for item in [*items, None]:
            if isinstance(item, tuple) and pending and item[0] == first + len(pending):
                pending.extend(item[1])
                continue
            if pending:
                try:
                    store.append_many(pending, first)
                    self.written_id = first + len(pending) - 1
                except Exception as exc:  # a full disk must not kill the app
                    _log.exception("history write failed")
                    self.error = str(exc)
                pending = []
            if isinstance(item, tuple):
                first, pending = item[0], list(item[1])
            elif item == _CLEAR:
                store.clear()
            elif item == _STOP:
                stop = True
        return stop
