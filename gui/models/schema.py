"""The history database's schema, versioned with SQLite's ``PRAGMA user_version``.

``user_version`` says how many steps of :data:`MIGRATIONS` a database file has been
through: a file made before the schema had a version reads 0 (its ``messages`` table is
the one step 1 creates, hence ``IF NOT EXISTS``); a new file runs every step.
:func:`migrate` runs the missing steps when a :class:`~gui.models.store.HistoryStore`
opens the file, each in its own transaction together with its version bump, so a step
that fails leaves the file at the previous version, untouched.

Adding to the schema (a column, a table, an index):

1. append one step at the end of :data:`MIGRATIONS`, either ``sql("...", "...")`` (one
   or more statements) or a function ``(conn) -> None`` for what SQL alone cannot do;
   ``ALTER TABLE messages ADD COLUMN c ... DEFAULT ...`` keeps old rows readable, and an
   ``UPDATE`` in the same step can fill the column in for them;
2. never edit, reorder or remove a step once it is on ``main``: files out there have
   run it (a step that must be undone is undone by a new step);
3. read and write the new column in :mod:`gui.models.store`, and extend
   ``tests/gui/models/test_schema.py``: it opens a file written by the code before
   versioning (``tests/gui/models/data/history-v0.sqlite3``) and checks every step.

A file whose version is higher than :data:`SCHEMA_VERSION` was written by a newer
Tsushin; it is refused (:class:`SchemaTooNewError`) rather than half-understood.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Step = Callable[[sqlite3.Connection], None]


def sql(*statements: str) -> Step:
    """A migration step made of SQL statements, run in order."""

    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    run.__doc__ = "; ".join(s.split("(")[0].strip() for s in statements)
    return run


# Step 1: the table as Tsushin first stored it (before the schema had a version).
_MESSAGES = sql(
    """
    CREATE TABLE IF NOT EXISTS messages (
        id        INTEGER PRIMARY KEY,
        time_ms   INTEGER NOT NULL,
        direction TEXT    NOT NULL,
        size      INTEGER NOT NULL,
        is_json   INTEGER NOT NULL,
        text      TEXT    NOT NULL
    )
    """
)

# Step 2: the top-level "type" of JSON objects (the "Errors" filter finds received
# {"type": "error", ...} replies by it), filled in for the rows already stored.
_DOC_TYPE = sql(
    "ALTER TABLE messages ADD COLUMN doc_type TEXT",
    """
    UPDATE messages SET doc_type = json_extract(text, '$.type')
    WHERE is_json = 1 AND json_valid(text)
      AND json_type(text, '$') = 'object' AND json_type(text, '$.type') = 'text'
      AND length(json_extract(text, '$.type')) <= 200
    """,
)

# Step 3: every byte of a binary message (NULL for everything else); rows written
# before it kept a 64-byte hex preview in ``text`` only, and stay as they are.
_PAYLOAD = sql("ALTER TABLE messages ADD COLUMN payload BLOB")

# Step 4: the connection (tab) each row belongs to, and an index to show one tab's
# rows without reading the others'. Rows already stored get "" (before connections were
# recorded), which the first tab shows (gui.tabs.registry.TabRegistry.legacy_owner).
_CONNECTION = sql(
    "ALTER TABLE messages ADD COLUMN connection TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX messages_by_connection ON messages (connection, id)",
)

# Step 5: the message library (gui.models.library_store): folders by their path
# ("a/b", "" is the top), and saved messages with an optional expected reply (JSON text
# of a partial document and of a JSON Schema).
_LIBRARY = sql(
    "CREATE TABLE library_folders (path TEXT PRIMARY KEY)",
    """
    CREATE TABLE library (
        id            INTEGER PRIMARY KEY,
        folder        TEXT    NOT NULL DEFAULT '',
        name          TEXT    NOT NULL,
        text          TEXT    NOT NULL,
        expect_match  TEXT,
        expect_schema TEXT,
        created_ms    INTEGER NOT NULL,
        updated_ms    INTEGER NOT NULL
    )
    """,
    "CREATE INDEX library_by_folder ON library (folder, name)",
)

# Step 6: the checks on received messages: the verdict of the tab's JSON Schema (NULL:
# not checked, 1 passed, 0 failed), the JSON path and reason of the first error, and
# the round trip to the sent message a reply answers (NULL: not paired). The partial
# index makes the "Schema errors" filter read only the failures.
_CHECKS = sql(
    "ALTER TABLE messages ADD COLUMN schema_ok INTEGER",
    "ALTER TABLE messages ADD COLUMN schema_path TEXT",
    "ALTER TABLE messages ADD COLUMN schema_error TEXT",
    "ALTER TABLE messages ADD COLUMN rtt_ms REAL",
    "CREATE INDEX messages_schema_failed ON messages (connection, id) WHERE schema_ok = 0",
)

# Step 7: rows loaded from a history export (File ▸ Import history…) are marked, so
# the table tells them from what this connection sent and received (0: not imported).
_IMPORTED = sql("ALTER TABLE messages ADD COLUMN imported INTEGER NOT NULL DEFAULT 0")

#: Every step, oldest first; a file at version N has run the first N.
MIGRATIONS: tuple[Step, ...] = (
    _MESSAGES,
    _DOC_TYPE,
    _PAYLOAD,
    _CONNECTION,
    _LIBRARY,
    _CHECKS,
    _IMPORTED,
)

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer Tsushin, with steps this one does not know."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            f"the history file has schema version {found}, and this Tsushin reads up to"
            f" version {known}: it was written by a newer Tsushin"
        )
        self.found = found
        self.known = known


def version(conn: sqlite3.Connection) -> int:
    """The schema version of the open file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, steps: Sequence[Step] = MIGRATIONS) -> int:
    """Bring the file up to ``len(steps)``; return the version it had before.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each step and its
    version bump form one transaction, taken with a write lock so that two processes
    opening the file at once do not both run a step.
    """
    before = version(conn)
    if before > len(steps):
        raise SchemaTooNewError(before, len(steps))
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = version(conn)  # another process may have migrated meanwhile
            if current > len(steps):
                raise SchemaTooNewError(current, len(steps))
            if current == len(steps):
                conn.execute("COMMIT")
                return before
            steps[current](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
