"""SQLite persistence of the message library (tables of schema step 5). Qt-free.

The library lives in the history file (``history.sqlite3``), on a connection of its
own: the history's writer thread never waits on it, and clearing the history leaves
the library alone. Every change is one transaction: a failed import, move or delete
leaves the library as it was.
"""

from __future__ import annotations

import contextlib
import pathlib
import sqlite3
from collections.abc import Iterator

from gui.core.library import (
    LibraryDocument,
    LibraryEntry,
    ancestors,
    check_expectation,
    clean_name,
    is_within,
    join,
    leaf,
)
from gui.core.records import now_ms
from gui.models.schema import migrate

_ENTRY = "id, folder, name, text, expect_match, expect_schema"


class LibraryStore:
    """The library's folders and saved messages in the history file at ``path``."""

    def __init__(self, path: pathlib.Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db: sqlite3.Connection | None = sqlite3.connect(str(path), isolation_level=None)
        try:
            self._db.execute("PRAGMA busy_timeout = 5000")  # the history writer may hold it
            migrate(self._db)
        except BaseException:
            self.close()
            raise

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("library store is closed")
        return self._db

    def close(self) -> None:
        """Close the connection; further use raises."""
        if self._db is not None:
            self._db.close()
            self._db = None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # --- reading -------------------------------------------------------------------------

    def folders(self) -> list[str]:
        """Every folder path, sorted (parents before their children)."""
        rows = self._conn.execute("SELECT path FROM library_folders ORDER BY path")
        return [path for (path,) in rows]

    def entries(self) -> list[LibraryEntry]:
        """Every saved message, by folder and name."""
        rows = self._conn.execute(
            f"SELECT {_ENTRY} FROM library ORDER BY folder, name COLLATE NOCASE, id"
        )
        return [LibraryEntry(*row) for row in rows]

    def entry(self, entry_id: int) -> LibraryEntry | None:
        """The saved message ``entry_id``, if there is one."""
        row = self._conn.execute(
            f"SELECT {_ENTRY} FROM library WHERE id = ?", (entry_id,)
        ).fetchone()
        return LibraryEntry(*row) if row else None

    def unique_name(self, folder: str, name: str, besides: int = 0) -> str:
        """``name``, or ``name (2)``, ``name (3)``... the first no other message of
        ``folder`` has."""
        taken = {
            n.casefold()
            for (n,) in self._conn.execute(
                "SELECT name FROM library WHERE folder = ? AND id != ?", (folder, besides)
            )
        }
        candidate, number = name, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{name} ({number})"
        return candidate

    # --- folders ---------------------------------------------------------------------------

    def _ensure_folder(self, conn: sqlite3.Connection, path: str) -> None:
        for each in ancestors(path):
            conn.execute("INSERT OR IGNORE INTO library_folders (path) VALUES (?)", (each,))

    def add_folder(self, parent: str, name: str) -> str:
        """Make folder ``name`` in ``parent``; return its path (it may exist already)."""
        path = join(parent, clean_name(name, "folder name"))
        with self._transaction() as conn:
            self._ensure_folder(conn, path)
        return path

    def move_folder(self, path: str, parent: str, name: str | None = None) -> str:
        """Move (and/or rename) folder ``path`` into ``parent`` as ``name``, with
        everything inside it; return its new path. Moving a folder into itself or one
        of its own folders is refused (ValueError)."""
        new_name = clean_name(name, "folder name") if name is not None else leaf(path)
        target = join(parent, new_name)
        if target == path:
            return path
        if is_within(parent, path):
            raise ValueError("a folder cannot go into itself")
        with self._transaction() as conn:
            self._ensure_folder(conn, parent)
            for old in [p for p in self.folders() if is_within(p, path)]:
                new = target + old[len(path) :]
                conn.execute("DELETE FROM library_folders WHERE path = ?", (old,))
                conn.execute("INSERT OR IGNORE INTO library_folders (path) VALUES (?)", (new,))
            test, args = _inside("folder", path)
            conn.execute(
                f"UPDATE library SET folder = ? || substr(folder, ?) WHERE {test}",
                (target, len(path) + 1, *args),
            )
        return target

    def delete_folder(self, path: str) -> None:
        """Delete folder ``path`` and everything in it."""
        with self._transaction() as conn:
            test, args = _inside("folder", path)
            conn.execute(f"DELETE FROM library WHERE {test}", args)
            test, args = _inside("path", path)
            conn.execute(f"DELETE FROM library_folders WHERE {test}", args)

    # --- messages --------------------------------------------------------------------------

    def add(
        self,
        folder: str,
        name: str,
        text: str,
        expect_match: str | None = None,
        expect_schema: str | None = None,
    ) -> LibraryEntry:
        """Save a message in ``folder`` (made if missing) under ``name`` (made unique)."""
        name = clean_name(name)
        check_expectation(expect_match, expect_schema)
        moment = now_ms()
        with self._transaction() as conn:
            self._ensure_folder(conn, folder)
            name = self.unique_name(folder, name)
            cursor = conn.execute(
                "INSERT INTO library (folder, name, text, expect_match, expect_schema,"
                " created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (folder, name, text, expect_match, expect_schema, moment, moment),
            )
            entry_id = cursor.lastrowid
        assert entry_id is not None
        return LibraryEntry(entry_id, folder, name, text, expect_match, expect_schema)

    def update(self, entry: LibraryEntry) -> LibraryEntry:
        """Write ``entry``'s name (made unique in its folder), text and expected reply."""
        name = clean_name(entry.name)
        check_expectation(entry.expect_match, entry.expect_schema)
        with self._transaction() as conn:
            name = self.unique_name(entry.folder, name, besides=entry.id)
            conn.execute(
                "UPDATE library SET name = ?, text = ?, expect_match = ?, expect_schema = ?,"
                " updated_ms = ? WHERE id = ?",
                (name, entry.text, entry.expect_match, entry.expect_schema, now_ms(), entry.id),
            )
        found = self.entry(entry.id)
        if found is None:
            raise KeyError(entry.id)
        return found

    def rename(self, entry_id: int, name: str) -> LibraryEntry:
        """Rename a saved message (made unique in its folder)."""
        entry = self.entry(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        return self.update(
            LibraryEntry(
                entry.id, entry.folder, name, entry.text, entry.expect_match, entry.expect_schema
            )
        )

    def move(self, entry_ids: list[int], folder: str) -> None:
        """Move saved messages into ``folder`` (a name taken there gets a number)."""
        with self._transaction() as conn:
            self._ensure_folder(conn, folder)
            for entry_id in entry_ids:
                entry = self.entry(entry_id)
                if entry is None or entry.folder == folder:
                    continue
                name = self.unique_name(folder, entry.name, besides=entry_id)
                conn.execute(
                    "UPDATE library SET folder = ?, name = ? WHERE id = ?",
                    (folder, name, entry_id),
                )

    def delete(self, entry_ids: list[int]) -> None:
        """Delete saved messages."""
        with self._transaction() as conn:
            conn.executemany("DELETE FROM library WHERE id = ?", [(i,) for i in entry_ids])

    def import_document(self, document: LibraryDocument, into: str = "") -> int:
        """Add a library file's folders and messages under folder ``into``, all or
        nothing; names taken already get a number. Return how many messages came in."""
        with self._transaction() as conn:
            self._ensure_folder(conn, into)
            for folder in document.folders:
                self._ensure_folder(conn, join(into, folder) if folder else into)
            moment = now_ms()
            for entry in document.entries:
                folder = join(into, entry.folder) if entry.folder else into
                self._ensure_folder(conn, folder)
                conn.execute(
                    "INSERT INTO library (folder, name, text, expect_match, expect_schema,"
                    " created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        folder,
                        self.unique_name(folder, entry.name),
                        entry.text,
                        entry.expect_match,
                        entry.expect_schema,
                        moment,
                        moment,
                    ),
                )
        return len(document.entries)


# A folder and what is inside it, by exact (case-sensitive) comparison: LIKE folds case.
_INSIDE = "({column} = ? OR substr({column}, 1, ?) = ?)"


def _inside(column: str, path: str) -> tuple[str, tuple[object, ...]]:
    prefix = path + "/"
    return _INSIDE.format(column=column), (path, len(prefix), prefix)
