"""The differences between two messages: by JSON path, or by line. Qt-free.

:func:`json_diff` walks two parsed documents together and lists, in document order,
every place where they differ:

- ``added``: a key, or an array item, only in the second document; ``removed``: only
  in the first;
- ``changed``: a value that differs, or whose type differs (``1`` for ``true``, a
  string for an object...). An object or array present in both is never "changed"
  itself: its differences are listed inside it.

Numbers compare by value (``1`` equals ``1.0``); booleans are not numbers. Arrays are
aligned on their items (:class:`difflib.SequenceMatcher` on each item's canonical
JSON; in a long array, an item that repeats very often is not aligned on), so one item
inserted at the front is one ``added``, not a change at every index; items left
unmatched in a run are paired by position. Arrays longer than :data:`ALIGN_LIMIT` are
compared by index (alignment costs more than it tells there).
A path is the one in the second document, except for a removed value: its path is
the one it had in the first.

:func:`text_diff` does the same for texts, line by line (a line number is the path).
Both stop after ``limit`` differences and say so (:attr:`Diff.truncated`).
:func:`compare_messages` picks one for two history rows.
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from gui.core.jsontext import JsonNumber, pretty_or_none
from gui.core.jsontree import Path, parse_document, type_name

LIMIT = 1_000  # differences listed at most
ALIGN_LIMIT = 5_000  # items of an array above which it is compared by index


class ChangeKind(enum.StrEnum):
    """What happened at a path, going from the first document to the second."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class _Absent:
    """The old value of an added path, the new value of a removed one."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: its kind, where (a JSON path's parts, or ``(line,)`` for a text
    diff, 1-based) and the two values (:data:`ABSENT` where there is none)."""

    kind: ChangeKind
    path: Path
    old: Any
    new: Any


@dataclass(slots=True)
class Diff:
    """The differences found, in order; ``truncated`` when there were more than the
    limit; ``by_lines`` for a text diff (paths are line numbers)."""

    changes: list[Change] = field(default_factory=list)
    truncated: bool = False
    by_lines: bool = False

    @property
    def identical(self) -> bool:
        """True when nothing differs."""
        return not self.changes

    def counts(self) -> Counter[ChangeKind]:
        """How many changes of each kind are listed."""
        return Counter(change.kind for change in self.changes)


def json_diff(first: Any, second: Any, limit: int = LIMIT) -> Diff:
    """Every difference from ``first`` to ``second`` (two parsed documents), up to
    ``limit`` of them. Walks with a stack: any depth."""
    diff = Diff()
    # The stack holds pairs still to compare, and changes already decided, in reverse
    # document order: what is popped next comes next in the document.
    stack: list[tuple[Any, Any, Path] | Change] = [(first, second, ())]
    while stack:
        item = stack.pop()
        if isinstance(item, Change):
            if len(diff.changes) >= limit:
                diff.truncated = True
                break
            diff.changes.append(item)
            continue
        a, b, where = item
        stack.extend(reversed(_compare(a, b, where)))
    return diff


def _compare(a: Any, b: Any, where: Path) -> list[tuple[Any, Any, Path] | Change]:
    """What comparing ``a`` with ``b`` at ``where`` leads to, in document order."""
    if isinstance(a, dict) and isinstance(b, dict):
        steps: list[tuple[Any, Any, Path] | Change] = []
        for key, value in a.items():
            if key in b:
                steps.append((value, b[key], (*where, key)))
            else:
                steps.append(Change(ChangeKind.REMOVED, (*where, key), value, ABSENT))
        steps.extend(
            Change(ChangeKind.ADDED, (*where, key), ABSENT, value)
            for key, value in b.items()
            if key not in a
        )
        return steps
    if isinstance(a, list) and isinstance(b, list):
        return _compare_arrays(a, b, where)
    if _same_scalar(a, b):
        return []
    return [Change(ChangeKind.CHANGED, where, a, b)]


def _same_scalar(a: Any, b: Any) -> bool:
    if type_name(a) != type_name(b):
        return False
    if isinstance(a, JsonNumber) or isinstance(b, JsonNumber):
        return _number_text(a) == _number_text(b)
    return bool(a == b)


def _number_text(value: Any) -> str:
    return value.literal if isinstance(value, JsonNumber) else json.dumps(value)


def _compare_arrays(
    a: list[Any], b: list[Any], where: Path
) -> list[tuple[Any, Any, Path] | Change]:
    steps: list[tuple[Any, Any, Path] | Change] = []
    opcodes: Sequence[tuple[str, int, int, int, int]]
    if len(a) > ALIGN_LIMIT or len(b) > ALIGN_LIMIT:
        opcodes = [("replace", 0, len(a), 0, len(b))]
    else:
        opcodes = difflib.SequenceMatcher(None, _keys(a), _keys(b)).get_opcodes()
    for _tag, i1, i2, j1, j2 in opcodes:
        paired = min(i2 - i1, j2 - j1)
        # "equal" runs are paired too: equal keys mean equal values, nothing comes of it.
        if _tag != "equal":
            steps.extend((a[i1 + k], b[j1 + k], (*where, j1 + k)) for k in range(paired))
        steps.extend(
            Change(ChangeKind.REMOVED, (*where, i), a[i], ABSENT) for i in range(i1 + paired, i2)
        )
        steps.extend(
            Change(ChangeKind.ADDED, (*where, j), ABSENT, b[j]) for j in range(j1 + paired, j2)
        )
    return steps


def _keys(items: Sequence[Any]) -> list[bytes]:
    """Each item's canonical JSON (keys sorted), to align arrays on."""
    return [_canonical(item) for item in items]


def _canonical(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # a JsonNumber, an integer beyond 64 bits
        text = json.dumps(value, sort_keys=True, default=_literal, ensure_ascii=False)
        return text.encode("utf-8", errors="surrogatepass")


def _literal(value: object) -> str:
    if isinstance(value, JsonNumber):
        return f"\0number:{value.literal}"
    raise TypeError(type(value).__name__)


def text_diff(first: str, second: str, limit: int = LIMIT) -> Diff:
    """The lines that differ from ``first`` to ``second``: a changed line's path is its
    number in the second text, a removed one's in the first (1-based)."""
    old, new = first.splitlines(), second.splitlines()
    diff = Diff(by_lines=True)
    matcher = difflib.SequenceMatcher(None, old, new)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        changes = [
            Change(ChangeKind.CHANGED, (j1 + k + 1,), old[i1 + k], new[j1 + k])
            for k in range(paired)
        ]
        changes += [
            Change(ChangeKind.REMOVED, (i + 1,), old[i], ABSENT) for i in range(i1 + paired, i2)
        ]
        changes += [
            Change(ChangeKind.ADDED, (j + 1,), ABSENT, new[j]) for j in range(j1 + paired, j2)
        ]
        room = limit - len(diff.changes)
        if len(changes) > room:
            diff.changes += changes[:room]
            diff.truncated = True
            break
        diff.changes += changes
    return diff


def compare_messages(
    first: str, first_is_json: bool, second: str, second_is_json: bool, limit: int = LIMIT
) -> Diff:
    """Two text messages compared: as JSON documents when both are JSON (and Python
    reads them), else line by line, a JSON one pretty-printed so that its lines mean
    something (any thread: no Qt here)."""
    documents: list[Any] = []
    for text, is_json in ((first, first_is_json), (second, second_is_json)):
        if is_json:
            with contextlib.suppress(ValueError, RecursionError):  # then: as text
                documents.append(parse_document(text))
    if len(documents) == 2:
        return json_diff(documents[0], documents[1], limit)
    return text_diff(_lines_of(first, first_is_json), _lines_of(second, second_is_json), limit)


def _lines_of(text: str, is_json: bool) -> str:
    return (pretty_or_none(text) or text) if is_json else text
