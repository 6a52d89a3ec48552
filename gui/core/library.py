"""The message library as values: saved messages in folders, and its JSON file. Qt-free.

A folder is a path of names joined by ``/`` (``"rooms/lobby"``); ``""`` is the top of
the library. A saved message has a name, its text (what the editor held, variables
unexpanded) and optionally an expected reply: a partial document (``match``) and/or a
JSON Schema (``schema``), both kept as JSON text.

The export file (what :func:`library_document` writes and :func:`parse_library`
reads)::

    {"tsushin_library": 1,
     "folders": ["rooms", "rooms/lobby"],
     "messages": [{"folder": "rooms", "name": "who", "text": "{\\"type\\": \\"who\\"}",
                   "expect": {"match": {"type": "members"}, "schema": {...}}}]}

A file that is not such a document is refused as a whole with a message that says
where (the JSON error's line and column, or the entry and key at fault): an import
adds everything or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from gui.core.match import SchemaInvalid, compile_schema
from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, shorten

FORMAT_KEY = "tsushin_library"
FORMAT_VERSION = 1
SEPARATOR = "/"
MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One saved message (``id`` 0 before it is stored)."""

    id: int
    folder: str
    name: str
    text: str
    expect_match: str | None = None
    expect_schema: str | None = None

    @property
    def has_expectation(self) -> bool:
        """True when an expected reply is set."""
        return self.expect_match is not None or self.expect_schema is not None


class LibraryProblem(Outcome):
    """Why a text is not a library file, or a value cannot be saved."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "invalid_json": QT_TRANSLATE_NOOP(
            "LibraryProblem", "not JSON: {reason} at line {line}, column {column}"
        ),
        "not_a_library": QT_TRANSLATE_NOOP(
            "LibraryProblem",
            'not a Tsushin library file (no "tsushin_library" key'
            " at the top; a history export is imported with File ▸ Import history)",
        ),
        "newer_version": QT_TRANSLATE_NOOP(
            "LibraryProblem", "library file version {found}: this Tsushin reads version {known}"
        ),
        "bad_value": QT_TRANSLATE_NOOP("LibraryProblem", "{where}: {reason}"),
        "bad_name": QT_TRANSLATE_NOOP("LibraryProblem", "{reason}"),
    }


class LibraryError(Exception):
    """A library file or value was refused; :attr:`problem` says why."""

    def __init__(self, problem: LibraryProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _bad(where: str, reason: str) -> LibraryError:
    return LibraryError(LibraryProblem("bad_value", {"where": where, "reason": reason}))


# --- folder paths ----------------------------------------------------------------------


def clean_name(name: str, what: str = "name") -> str:
    """A name on one line, trimmed; refused when empty, too long, or (for folders)
    holding a ``/``."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise LibraryError(LibraryProblem("bad_name", {"reason": f"the {what} is empty"}))
    if len(cleaned) > MAX_NAME:
        reason = f"the {what} is longer than {MAX_NAME} characters"
        raise LibraryError(LibraryProblem("bad_name", {"reason": reason}))
    if what == "folder name" and SEPARATOR in cleaned:
        reason = f"a folder name cannot hold {SEPARATOR!r}"
        raise LibraryError(LibraryProblem("bad_name", {"reason": reason}))
    return cleaned


def join(parent: str, name: str) -> str:
    """The path of folder ``name`` inside ``parent``."""
    return f"{parent}{SEPARATOR}{name}" if parent else name


def parent_of(path: str) -> str:
    """The folder that holds ``path`` (``""`` for a top-level folder)."""
    return path.rpartition(SEPARATOR)[0]


def leaf(path: str) -> str:
    """The last name of ``path``."""
    return path.rpartition(SEPARATOR)[2]


def ancestors(path: str) -> list[str]:
    """``"a/b/c"`` → ``["a", "a/b", "a/b/c"]`` (``[]`` for the top)."""
    if not path:
        return []
    parts = path.split(SEPARATOR)
    return [SEPARATOR.join(parts[: k + 1]) for k in range(len(parts))]


def is_within(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or inside it."""
    return path == folder or path.startswith(folder + SEPARATOR)


def normal_folder(path: str, where: str = "folder") -> str:
    """``path`` with each of its names cleaned (``" a / b "`` → ``"a/b"``)."""
    if not path.strip():
        return ""
    try:
        return SEPARATOR.join(clean_name(part, "folder name") for part in path.split(SEPARATOR))
    except LibraryError as exc:
        raise _bad(where, exc.problem.message) from None


# --- the expected reply ------------------------------------------------------------------


def check_expectation(match: str | None, schema: str | None) -> None:
    """Refuse an expected reply whose texts are not JSON, or whose schema is not one."""
    for label, text in (("expected match", match), ("expected schema", schema)):
        if text is None:
            continue
        try:
            value = json.loads(text)
        except ValueError as exc:
            reason = f"not JSON: {getattr(exc, 'msg', exc)}"
            raise _bad(label, reason) from None
        if label == "expected schema":
            try:
                compile_schema(value)
            except SchemaInvalid as exc:
                raise _bad(label, exc.result.message) from None


# --- the file ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LibraryDocument:
    """What a library file holds: folders (empty ones too) and messages."""

    folders: tuple[str, ...]
    entries: tuple[LibraryEntry, ...]


def library_document(folders: Iterable[str], entries: Iterable[LibraryEntry]) -> dict[str, Any]:
    """The export file's document (ready for ``json.dumps``)."""
    messages: list[dict[str, Any]] = []
    for entry in entries:
        item: dict[str, Any] = {"folder": entry.folder, "name": entry.name, "text": entry.text}
        expect: dict[str, Any] = {}
        if entry.expect_match is not None:
            expect["match"] = json.loads(entry.expect_match)
        if entry.expect_schema is not None:
            expect["schema"] = json.loads(entry.expect_schema)
        if expect:
            item["expect"] = expect
        messages.append(item)
    return {
        FORMAT_KEY: FORMAT_VERSION,
        "folders": sorted(set(folders)),
        "messages": messages,
    }


def parse_library(text: str) -> LibraryDocument:
    """Read a library file; raise :class:`LibraryError` saying where it is wrong."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        data = {"reason": exc.msg, "line": exc.lineno, "column": exc.colno}
        raise LibraryError(LibraryProblem("invalid_json", data)) from None
    except (ValueError, RecursionError) as exc:
        data = {"reason": shorten(str(exc), 80) or "too deep", "line": 1, "column": 1}
        raise LibraryError(LibraryProblem("invalid_json", data)) from None
    if not isinstance(document, dict) or FORMAT_KEY not in document:
        raise LibraryError(LibraryProblem("not_a_library"))
    version = document[FORMAT_KEY]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(FORMAT_KEY, "must be a version number (1)")
    if version > FORMAT_VERSION:
        data = {"found": version, "known": FORMAT_VERSION}
        raise LibraryError(LibraryProblem("newer_version", data))
    unknown = sorted(set(document) - {FORMAT_KEY, "folders", "messages"})
    if unknown:
        raise _bad(unknown[0], "unknown key")
    folders = document.get("folders", [])
    if not isinstance(folders, list):
        raise _bad("folders", "must be a list of folder paths")
    paths: list[str] = []
    for k, folder in enumerate(folders):
        if not isinstance(folder, str):
            raise _bad(f"folders[{k}]", "must be a text")
        path = normal_folder(folder, f"folders[{k}]")
        if path:
            paths.append(path)
    messages = document.get("messages", [])
    if not isinstance(messages, list):
        raise _bad("messages", "must be a list of messages")
    entries = tuple(_entry(item, f"messages[{k}]") for k, item in enumerate(messages))
    return LibraryDocument(tuple(paths), entries)


def _entry(item: Any, where: str) -> LibraryEntry:
    if not isinstance(item, dict):
        raise _bad(where, "must be an object with name and text")
    unknown = sorted(set(item) - {"folder", "name", "text", "expect"})
    if unknown:
        raise _bad(f"{where}.{unknown[0]}", "unknown key")
    for key in ("name", "text"):
        if not isinstance(item.get(key), str):
            raise _bad(f"{where}.{key}", "missing, or not a text")
    folder = item.get("folder", "")
    if not isinstance(folder, str):
        raise _bad(f"{where}.folder", "must be a text")
    try:
        name = clean_name(item["name"])
    except LibraryError as exc:
        raise _bad(f"{where}.name", exc.problem.message) from None
    match = schema = None
    expect = item.get("expect")
    if expect is not None:
        if not isinstance(expect, dict) or set(expect) - {"match", "schema"}:
            raise _bad(f"{where}.expect", "must be an object with match and/or schema")
        if "match" in expect:
            match = json.dumps(expect["match"], ensure_ascii=False)
        if "schema" in expect:
            schema = json.dumps(expect["schema"], ensure_ascii=False)
        try:
            check_expectation(match, schema)
        except LibraryError as exc:
            raise _bad(f"{where}.expect", exc.problem.message) from None
    return LibraryEntry(
        0, normal_folder(folder, f"{where}.folder"), name, item["text"], match, schema
    )


def default_name(text: str) -> str:
    """A name for a message saved without one: its ``type``, else its first words."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        document = None
    if isinstance(document, dict) and isinstance(document.get("type"), str):
        candidate = document["type"]
    else:
        candidate = text
    candidate = " ".join(candidate.split())[:40]
    return candidate or "message"
