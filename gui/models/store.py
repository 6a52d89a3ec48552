"""SQLite persistence of the message history. Qt-free.

One row per message; writes come in batches, one transaction per batch, so a flood of
messages costs one commit per drain tick and a crash loses at most the last tick.
Row ids are given by the caller (the history model numbers rows as they arrive) so that
the model can refer to rows before they are written. Reads serve the paged history:
ids of the rows that pass a filter, and the records of a page of ids.
"""

from __future__ import annotations

import array
import pathlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

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
        self._db.create_function("tsushin_contains", 2, contains, deterministic=True)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called."""
        return self._db is None

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("history store is closed")
        return self._db

    def append_many(self, records: Iterable[MessageRecord], first_id: int | None = None) -> None:
        """Write records in one transaction, with ids ``first_id``, ``first_id + 1``...
        (or the next free ids when ``first_id`` is None)."""
        if first_id is None:
            first_id = self.max_id() + 1
        rows = [
            (first_id + k, r.time_ms, r.direction.value, r.size, int(r.is_json), r.text)
            for k, r in enumerate(records)
        ]
        if not rows:
            return
        conn = self._conn
        conn.execute("BEGIN")
        try:
            conn.executemany(
                "INSERT INTO messages (id, time_ms, direction, size, is_json, text)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def count(self) -> int:
        """Number of stored messages."""
        return int(self._conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0])

    def max_id(self) -> int:
        """The highest id in use (0 when empty)."""
        return int(self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM messages").fetchone()[0])

    def ids(self, directions: Iterable[Direction] | None = None, needle: str = "") -> Sequence[int]:
        """Ids, in order, of the messages in ``directions`` (None: all) whose text
        contains ``needle`` ignoring case (ASCII letters in SQL; see :func:`contains`)."""
        where: list[str] = []
        args: list[object] = []
        if directions is not None:
            values = sorted(d.value for d in directions)
            if not values:
                return array.array("q")
            where.append(f"direction IN ({','.join('?' * len(values))})")
            args += values
        if needle:
            if needle.isascii():
                escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                where.append("text LIKE ? ESCAPE '\\'")
                args.append(f"%{escaped}%")
            else:
                where.append("tsushin_contains(text, ?)")
                args.append(needle)
        conn = self._conn
        if not where:
            low, high, count = conn.execute(
                "SELECT MIN(id), MAX(id), COUNT(*) FROM messages"
            ).fetchone()
            if not count:
                return array.array("q")
            if high - low + 1 == count:  # no gaps: the usual case, and much faster
                return array.array("q", range(low, high + 1))
        sql = "SELECT id FROM messages"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return array.array("q", [i for (i,) in conn.execute(sql + " ORDER BY id", args)])

    def fetch(self, ids: Sequence[int]) -> dict[int, MessageRecord]:
        """The records of ``ids`` (a page: a few hundred at most), by id."""
        if not ids:
            return {}
        low, high = min(ids), max(ids)
        if high - low < 4 * len(ids):
            cursor = self._conn.execute(
                "SELECT id, time_ms, direction, size, is_json, text FROM messages"
                " WHERE id BETWEEN ? AND ?",
                (low, high),
            )
        else:
            cursor = self._conn.execute(
                "SELECT id, time_ms, direction, size, is_json, text FROM messages"
                f" WHERE id IN ({','.join('?' * len(ids))})",
                list(ids),
            )
        return {
            i: MessageRecord(t, Direction(d), text, size, bool(j))
            for i, t, d, size, j, text in cursor
        }

    def iter_records(self, batch: int = 10_000) -> Iterator[MessageRecord]:
        """Every stored record, oldest first."""
        last = -1
        while True:
            rows = self._conn.execute(
                "SELECT id, time_ms, direction, size, is_json, text FROM messages"
                " WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            for _, t, d, size, j, text in rows:
                yield MessageRecord(t, Direction(d), text, size, bool(j))
            last = rows[-1][0]

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


def contains(text: str, needle: str) -> bool:
    """Whether ``text`` contains ``needle`` (already case-folded), ignoring case."""
    return needle in text.casefold()
