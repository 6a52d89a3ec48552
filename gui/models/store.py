"""SQLite persistence of the message history. Qt-free.

One row per message; writes come in batches, one transaction per batch, so a flood of
messages costs one commit per drain tick and a crash loses at most the last tick.
Row ids are given by the caller (the history model numbers rows as they arrive) so that
the model can refer to rows before they are written. Reads serve the paged history:
ids of the rows that pass a filter, and the records of a page of ids. The schema and its
migrations are in :mod:`gui.models.schema`.
"""

from __future__ import annotations

import array
import contextlib
import pathlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence

import orjson

from gui.core.filtering import ERROR_TYPE, RowFilter, contains
from gui.core.records import Direction, MessageRecord
from gui.models.schema import migrate

_COLUMNS = (
    "id, time_ms, direction, size, is_json, text, doc_type, payload, connection,"
    " schema_ok, schema_path, schema_error, rtt_ms, imported"
)
# A page of rows for the table carries the first bytes of each binary payload only (a
# page may hold hundreds of large binary messages); :meth:`HistoryStore.payload` and
# :meth:`HistoryStore.iter_records` give them whole.
PAGE_PAYLOAD_BYTES = 4096
_PLACES = ", ".join("?" * len(_COLUMNS.split(",")))
_PAGE_COLUMNS = _COLUMNS.replace("payload", f"substr(payload, 1, {PAGE_PAYLOAD_BYTES})")
_INSERT = f"INSERT INTO messages ({_COLUMNS}) VALUES ({_PLACES})"
PAUSE_ROWS = 500  # rows made ready between two calls of append_rows' pause

# A batch goes in as ONE statement, its rows a JSON array (see :func:`_json_rows`):
# sqlite3 gives up the GIL around every step of a statement, and ``executemany`` steps
# once per row; with other threads busy, taking the GIL back costs up to the switch
# interval each time. A JSON row is :data:`_COLUMNS` with the payload as its offset and
# length in one blob of every payload (the first ``?``; the rows are the second), and
# ``rtt_ms`` as the integer ratio of the float, whose division is exact, where SQLite's
# own text-to-double may miss by an ulp.
_J = [f"json_extract(value, '$[{k}]')" for k in range(16)]
_INSERT_JSON = (
    f"INSERT INTO messages ({_COLUMNS}) SELECT {', '.join(_J[:7])}, substr(?, {_J[7]}, {_J[8]}),"
    f" {', '.join(_J[9:13])}, CAST({_J[13]} AS REAL) / {_J[14]}, {_J[15]}"
    " FROM json_each(CAST(? AS TEXT))"
)
_I64 = 2**63
_RATIO = 2**62
# Text characters and payload bytes per statement: well inside SQLite's 1 GB for a value
# (the JSON of a text is at most six times its length); a longer row goes alone, and one
# of more than _JSON_ROW_MAX, by executemany (a row that big costs more than a GIL wait).
_CHUNK = 1 << 23
_JSON_ROW_MAX = 1 << 26
# orjson refuses (rather than changes) what sqlite3 would not store as it is.
_DUMPS_OPTIONS = (
    orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
)


class HistoryStore:
    """The history database file (``history.sqlite3`` in the data folder)."""

    def __init__(self, path: pathlib.Path, *, read_only: bool = False) -> None:
        """Open (and create, and migrate) the file; ``read_only`` opens an existing,
        migrated file for reading only (a second connection, for a thread)."""
        self.path = path
        if read_only:
            uri = path.resolve().as_uri() + "?mode=ro"
            self._db: sqlite3.Connection | None = sqlite3.connect(
                uri, uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), isolation_level=None)
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                migrate(self._db)
            except BaseException:
                self.close()
                raise
        self._db.create_function("tsushin_contains", 2, contains, deterministic=True)
        try:  # JSON1 is in every build Python ships, but a system SQLite may lack it
            self._db.execute("SELECT json_extract('[1]', '$[0]') FROM json_each('[]')")
            self._json = True
        except sqlite3.OperationalError:
            self._json = False

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
        self.append_rows((first_id + k, r) for k, r in enumerate(records))

    def append_rows(
        self, rows: Iterable[tuple[int, MessageRecord]], pause: Callable[[], None] | None = None
    ) -> None:
        """Write ``(id, record)`` rows in one transaction: all of them, or (raising) none.

        ``pause`` is called between slices of :data:`PAUSE_ROWS` rows while they are
        made ready (Python work, holding the GIL), so that the writer thread can give
        way (:meth:`gui.core.turns.Turns.yield_to_gui`)."""
        values: list[tuple] = []
        if pause is None:
            values = [_values(row_id, r) for row_id, r in rows]
        else:
            for part in _slices(rows):
                pause()
                values += [_values(row_id, r) for row_id, r in part]
        if not values:
            return
        conn = self._conn
        conn.execute("BEGIN")
        try:
            if self._json:
                for data, blob, slow in _json_rows(values, pause):
                    if data:
                        # Plain ? in order (numbered ones with a tuple end in 3.14).
                        conn.execute(_INSERT_JSON, (blob, data))
                    if slow:
                        conn.executemany(_INSERT, slow)
            else:
                conn.executemany(_INSERT, values)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # a failed COMMIT may or may not have ended it
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise

    def count(self, connections: frozenset[str] | None = None) -> int:
        """Number of stored messages (of ``connections`` when given)."""
        if connections is None:
            return int(self._conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0])
        test, args = _in("connection", connections)
        return int(
            self._conn.execute(f"SELECT COUNT(*) FROM messages WHERE {test}", args).fetchone()[0]
        )

    def max_id(self) -> int:
        """The highest id in use (0 when empty)."""
        return int(self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM messages").fetchone()[0])

    def ids(self, row_filter: RowFilter | None = None, upto: int | None = None) -> Sequence[int]:
        """Ids, in order, of the stored messages that pass ``row_filter`` (None: all),
        up to id ``upto`` when given."""
        row_filter = row_filter or RowFilter()
        where, args = _where(row_filter)
        if where is None:
            return array.array("q")
        conn = self._conn
        if not where:
            low, high, count = conn.execute(
                "SELECT MIN(id), MAX(id), COUNT(*) FROM messages WHERE id <= ?",
                (upto if upto is not None else 2**63 - 1,),
            ).fetchone()
            if not count:
                return array.array("q")
            if high - low + 1 == count:  # no gaps: the usual case, and much faster
                return array.array("q", range(low, high + 1))
        if upto is not None:
            where.append("id <= ?")
            args.append(upto)
        sql = "SELECT id FROM messages"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return array.array("q", [i for (i,) in conn.execute(sql + " ORDER BY id", args)])

    def fetch(self, ids: Sequence[int]) -> dict[int, MessageRecord]:
        """The records of ``ids`` (a page: a few hundred at most), by id; a binary
        payload is cut to its first :data:`PAGE_PAYLOAD_BYTES` (see :meth:`payload`)."""
        if not ids:
            return {}
        low, high = min(ids), max(ids)
        if high - low < 4 * len(ids):
            cursor = self._conn.execute(
                f"SELECT {_PAGE_COLUMNS} FROM messages WHERE id BETWEEN ? AND ?", (low, high)
            )
        else:
            cursor = self._conn.execute(
                f"SELECT {_PAGE_COLUMNS} FROM messages WHERE id IN ({','.join('?' * len(ids))})",
                list(ids),
            )
        return {row[0]: _record(row) for row in cursor}

    def payload(self, row_id: int) -> bytes | None:
        """Every byte of a binary message (None for other rows, or no such row)."""
        row = self._conn.execute("SELECT payload FROM messages WHERE id = ?", (row_id,)).fetchone()
        return None if row is None or row[0] is None else bytes(row[0])

    def iter_records(
        self, batch: int = 10_000, connections: frozenset[str] | None = None
    ) -> Iterator[MessageRecord]:
        """Every stored record (of ``connections`` when given), oldest first."""
        for _, rec in self.iter_rows(batch, connections):
            yield rec

    def iter_rows(
        self, batch: int = 10_000, connections: frozenset[str] | None = None
    ) -> Iterator[tuple[int, MessageRecord]]:
        """Every stored ``(id, record)`` (of ``connections`` when given), oldest first."""
        where, args = "", list[object]()
        if connections is not None:
            test, args = _in("connection", connections)
            where = f" AND {test}"
        last = -1
        while True:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM messages WHERE id > ?{where} ORDER BY id LIMIT ?",
                (last, *args, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield row[0], _record(row)
            last = rows[-1][0]

    def load_recent(self, limit: int) -> list[MessageRecord]:
        """The newest ``limit`` messages, oldest first."""
        cursor = self._conn.execute(
            f"SELECT {_COLUMNS} FROM (SELECT * FROM messages ORDER BY id DESC LIMIT ?) ORDER BY id",
            (limit,),
        )
        return [_record(row) for row in cursor]

    def clear(self, connections: frozenset[str] | None = None) -> None:
        """Delete every stored message (of ``connections`` when given)."""
        if connections is None:
            self._conn.execute("DELETE FROM messages")
            return
        test, args = _in("connection", connections)
        self._conn.execute(f"DELETE FROM messages WHERE {test}", args)

    def connections(self) -> set[str]:
        """The connection ids that have rows."""
        # The index makes this a skip-scan rather than a read of every row.
        found: set[str] = set()
        row = self._conn.execute("SELECT MIN(connection) FROM messages").fetchone()
        while row is not None and row[0] is not None:
            found.add(row[0])
            row = self._conn.execute(
                "SELECT MIN(connection) FROM messages WHERE connection > ?", (row[0],)
            ).fetchone()
        return found

    def close(self) -> None:
        """Close the database; further use raises."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _values(row_id: int, r: MessageRecord) -> tuple:
    """A row of :data:`_COLUMNS`."""
    return (
        row_id,
        r.time_ms,
        r.direction.value,
        r.size,
        int(r.is_json),
        r.text,
        r.doc_type,
        r.payload,
        r.connection,
        None if r.schema_ok is None else int(r.schema_ok),
        r.schema_path or None,
        r.schema_error or None,
        r.rtt_ms,
        int(r.imported),
    )


def _slices(rows: Iterable[tuple[int, MessageRecord]]) -> Iterator[list]:
    """``rows`` in lists of :data:`PAUSE_ROWS`."""
    part: list = []
    for row in rows:
        part.append(row)
        if len(part) == PAUSE_ROWS:
            yield part
            part = []
    if part:
        yield part


def _json_rows(
    values: list[tuple], pause: Callable[[], None] | None = None
) -> Iterator[tuple[bytes, bytes, list[tuple]]]:
    """``values`` (rows of :data:`_COLUMNS`) as statements of :data:`_INSERT_JSON`:
    ``(json, payloads, slow)``, where ``slow`` are the rows JSON would not carry exactly
    (for ``executemany``): a number outside SQLite's integers, a float that is no ratio
    of them (inf, the tiniest), a NUL character (JSON1 cuts a text there), what orjson
    refuses (a lone surrogate: sqlite3 refuses it too, and says so)."""
    rows: list[list] = []
    fast: list[tuple] = []
    blobs: list[bytes] = []
    slow: list[tuple] = []
    at = 1
    weight = 0
    for n, v in enumerate(values):
        if pause is not None and n % PAUSE_ROWS == PAUSE_ROWS - 1:
            pause()
        row_id, time_ms, _, size, _, text, _, payload, _, _, _, _, rtt, _ = v
        if not (
            type(row_id) is int
            and type(time_ms) is int
            and type(size) is int
            and -_I64 <= row_id < _I64
            and -_I64 <= time_ms < _I64
            and -_I64 <= size < _I64
            and type(text) is str
            and (payload is None or type(payload) is bytes)
            and len(text) + len(payload or b"") <= _JSON_ROW_MAX
        ):
            slow.append(v)
            continue
        if rtt is None:
            num = den = None
        elif type(rtt) is float and rtt - rtt == 0.0:  # finite
            num, den = rtt.as_integer_ratio()
            if den > _RATIO or not -_I64 < num < _I64:
                slow.append(v)
                continue
        else:
            slow.append(v)
            continue
        if payload is None:
            start = length = None
        else:
            start, length = at, len(payload)
            blobs.append(payload)
            at += length
        rows.append([*v[:7], start, length, *v[8:12], num, den, v[13]])
        fast.append(v)
        weight += len(text) + (length or 0)
        if weight >= _CHUNK:
            yield _dump(rows, fast, blobs, slow)
            rows, fast, blobs, slow, at, weight = [], [], [], [], 1, 0
    if rows or slow:
        yield _dump(rows, fast, blobs, slow)


def _dump(
    rows: list[list], fast: list[tuple], blobs: list[bytes], slow: list[tuple]
) -> tuple[bytes, bytes, list[tuple]]:
    """One statement of :func:`_json_rows`: ``rows`` are the JSON rows of ``fast``."""
    if not rows:
        return b"", b"", slow
    try:
        data = orjson.dumps(rows, option=_DUMPS_OPTIONS)
    except orjson.JSONEncodeError:
        return b"", b"", slow + fast
    if b"\\u0000" in data:  # a NUL somewhere (or a text that spells one out)
        nul = [b"\\u0000" in orjson.dumps(r) for r in rows]
        slow += [v for v, n in zip(fast, nul, strict=True) if n]
        rows = [r for r, n in zip(rows, nul, strict=True) if not n]
        data = orjson.dumps(rows, option=_DUMPS_OPTIONS) if rows else b""
    # SQLite's substr() of an empty blob is NULL: a byte at the end keeps the slices blobs.
    return data, b"".join(blobs) + b"\0", slow


def _record(row: tuple) -> MessageRecord:
    (_, time_ms, direction, size, is_json, text, doc_type, payload, connection) = row[:9]
    schema_ok, schema_path, schema_error, rtt_ms, imported = row[9:]
    if payload is not None:
        payload = bytes(payload)
    return MessageRecord(
        time_ms,
        Direction(direction),
        text,
        size,
        bool(is_json),
        doc_type,
        payload,
        connection,
        None if schema_ok is None else bool(schema_ok),
        schema_path or "",
        schema_error or "",
        rtt_ms,
        bool(imported),
    )


def _in(column: str, values: frozenset[str]) -> tuple[str, list[object]]:
    """``column IN (?, ...)`` with its arguments (``0``: nothing can match)."""
    if not values:
        return "0", []
    ordered: list[object] = list(sorted(values))
    return f"{column} IN ({','.join('?' * len(ordered))})", ordered


def _where(row_filter: RowFilter) -> tuple[list[str] | None, list[object]]:
    """SQL conditions for ``row_filter`` (None when no row can pass).

    The text test is :func:`~gui.core.filtering.contains` for every row. ``LIKE`` (which
    folds ASCII letters only) answers alone, and in C, where it is exact: for an ASCII
    needle, a match is always a match, and a miss is one unless the text holds
    characters beyond ASCII (its UTF-8 length then differs from its length).
    """
    where: list[str] = []
    args: list[object] = []
    if row_filter.connections is not None:
        if not row_filter.connections:
            return None, []
        test, names = _in("connection", row_filter.connections)
        where.append(test)
        args += names
    if row_filter.schema_errors:
        where.append("schema_ok = 0")
    directions = row_filter.directions
    if directions is not None:
        values = sorted(d.value for d in directions)
        test = f"direction IN ({','.join('?' * len(values))})" if values else "0"
        args += values
        if row_filter.error_replies:
            test = f"({test} OR (direction = ? AND doc_type = ?))"
            args += [Direction.RECEIVED.value, ERROR_TYPE]
        elif not values:
            return None, []
        where.append(test)
    needle = row_filter.needle
    if needle:
        if needle.isascii():
            escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(
                "(text LIKE ? ESCAPE '\\' OR (length(CAST(text AS BLOB)) != length(text)"
                " AND tsushin_contains(text, ?)))"
            )
            args += [f"%{escaped}%", needle]
        else:
            where.append("tsushin_contains(text, ?)")
            args.append(needle)
    return where, args
