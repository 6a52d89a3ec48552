"""SQLite persistence of the message history. Qt-free.

One row per message; writes come in batches, one transaction per batch, so a flood of
messages costs one commit per drain tick and a crash loses at most the last tick.
"""

from __future__ import annotations

import pathlib
import sqlite3
from collections.abc import Iterable

from gui.core.records import Direction, MessageRecord

_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    id        INTEGER PRIMARY KEY,
    time_ms   INTEGER NOT NULL,
    direction TEXT    NOT NULL,
    size      INTEGER NOT NULL,
    is_json   INTEGER NOT NULL,
    text      TEXT    NOT NULL
)
"""


class HistoryStore:
    """The history database file (``history.sqlite3`` in the data folder)."""

    def __init__(self, path: pathlib.Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db: sqlite3.Connection | None = sqlite3.connect(str(path), isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("history store is closed")
        return self._db

    def append_many(self, records: Iterable[MessageRecord]) -> None:
        """Write records in one transaction."""
        rows = [(r.time_ms, r.direction.value, r.size, int(r.is_json), r.text) for r in records]
        if not rows:
            return
        conn = self._conn
        conn.execute("BEGIN")
        try:
            conn.executemany(
                "INSERT INTO messages (time_ms, direction, size, is_json, text)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def count(self) -> int:
        """Number of stored messages."""
        return int(self._conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0])

    def load_recent(self, limit: int) -> list[MessageRecord]:
        """The newest ``limit`` messages, oldest first."""
        cursor = self._conn.execute(
            "SELECT time_ms, direction, size, is_json, text FROM"
            " (SELECT * FROM messages ORDER BY id DESC LIMIT ?) ORDER BY id",
            (limit,),
        )
        return [
            MessageRecord(t, Direction(d), text, size, bool(j)) for t, d, size, j, text in cursor
        ]

    def clear(self) -> None:
        """Delete every stored message."""
        self._conn.execute("DELETE FROM messages")

    def close(self) -> None:
        """Close the database; further use raises."""
        if self._db is not None:
            self._db.close()
            self._db = None
