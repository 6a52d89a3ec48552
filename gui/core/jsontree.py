"""A parsed JSON document as a lazy tree, its JSON paths, and the search inside it. Qt-free.

A 5 MB message holds some hundred thousand values; a node for each, made up front,
would stall the window. :class:`JsonNode` makes the nodes under a container only when
asked, and as many at a time as asked (:meth:`JsonNode.grow`), so that a view pays for
what it shows. A node's path is the keys and indexes from the root (``("data", 3)``),
written as the schema checks write theirs (:func:`gui.core.match.json_path`:
``$.data[3]``, ``$["key with space"]``).

:func:`search` finds the nodes whose key, or scalar value, contains a text, ignoring
case as the history filter does (:func:`gui.core.filtering.fold`), in document order.
It walks with a stack, not recursion, so any depth Python could parse is searched.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gui.core.filtering import fold
from gui.core.jsontext import JsonNumber, dump_value, loads_exact
from gui.core.match import json_path, json_type

Key = str | int
Path = tuple[Key, ...]

PREVIEW_CHARS = 200
SEARCH_LIMIT = 10_000  # matches a search lists at most
GROUP = 1_000  # rows of a node at most: a larger container's children come in groups


def parse_document(text: str) -> Any:
    """The document in ``text`` for reading, every number exact: a number Python cannot
    hold exactly (an integer of more than 4,300 digits, ``1e999``) stays as written
    (:class:`~gui.core.jsontext.JsonNumber`). Not ``orjson``, which reads an integer
    beyond 64 bits as a float. Raises ``ValueError`` when ``text`` is not JSON,
    ``RecursionError`` when it is nested too deeply for Python."""
    return loads_exact(text)


def is_container(value: Any) -> bool:
    """True for an object or an array."""
    return isinstance(value, (dict, list))


def size_of(value: Any) -> int:
    """How many children ``value`` has (0 for a scalar)."""
    return len(value) if isinstance(value, (dict, list)) else 0


def type_name(value: Any) -> str:
    """The JSON type of ``value`` (``number`` for a kept literal too)."""
    return "number" if isinstance(value, JsonNumber) else json_type(value)


def value_json(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON text (what "Copy value" gives), numbers as they were written."""
    try:
        return dump_value(value, indent=indent)
    except (TypeError, ValueError):  # nothing parse_document makes, but never raise
        return str(value)


def preview(value: Any, limit: int = PREVIEW_CHARS) -> str:
    """One line for ``value``: a scalar as JSON; a container as its first items, keys
    bare and containers inside as ``{…}`` / ``[…]`` (``{id: 1, tags: […], …}``), cut
    to about ``limit`` characters."""
    if not is_container(value):
        text = value_json(value)  # one line: JSON escapes line breaks in strings
        return text if len(text) <= limit else text[: limit - 1] + "…"
    is_object = isinstance(value, dict)
    parts: list[str] = []
    used = 2
    items = value.items() if is_object else enumerate(value)
    for key, item in items:
        shown = _inner(item)
        if is_object:
            shown = f"{key}: {shown}"
        if used + len(shown) > limit:
            parts.append("…")
            break
        parts.append(shown)
        used += len(shown) + 2
    inside = ", ".join(parts)
    return "{" + inside + "}" if is_object else "[" + inside + "]"


def _inner(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    if isinstance(value, list):
        return "[…]" if value else "[]"
    text = value_json(value)
    return text if len(text) <= 40 else text[:39] + "…"


class JsonNode:
    """A value of a document, or a range of a large container's children (a group).

    A container of more than :data:`GROUP` children does not list them itself: its
    children are groups of :data:`GROUP` (``[0…999]``, ``[1000…1999]``...), groups
    of groups beyond a million, so that no node has more than :data:`GROUP` rows and
    opening any of them costs the same. A group's ``value`` is its container's, its
    ``key`` None; ``lo`` and ``hi`` bound the positions it covers.

    ``kids`` holds the children made so far, the first ``len(kids)`` of :attr:`size`;
    :meth:`grow` makes more.
    """

    __slots__ = ("_keys", "hi", "is_group", "key", "kids", "lo", "parent", "row", "value")

    def __init__(
        self,
        value: Any,
        parent: JsonNode | None = None,
        row: int = 0,
        key: Key | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        self.value = value
        self.parent = parent
        self.row = row
        self.key = key
        self.is_group = span is not None
        self.lo, self.hi = span if span is not None else (0, size_of(value))
        self.kids: list[JsonNode] = []
        # An object's keys in order, shared by the groups under it.
        self._keys: list[str] | None = parent._keys if self.is_group and parent else None

    @property
    def _step(self) -> int:
        """How many positions each child covers (1: the children are the items)."""
        step = 1
        while (self.hi - self.lo + step - 1) // step > GROUP:
            step *= GROUP
        return step

    @property
    def size(self) -> int:
        """How many rows (children or groups) the node has."""
        step = self._step
        return (self.hi - self.lo + step - 1) // step

    @property
    def more(self) -> bool:
        """True while some children are not made yet."""
        return len(self.kids) < self.size

    def next_rows(self, count: int) -> range:
        """The rows :meth:`grow` would make for ``count`` more children (maybe none)."""
        first = len(self.kids)
        return range(first, min(self.size, first + max(count, 0)))

    def grow(self, count: int) -> range:
        """Make the next ``count`` children (fewer at the end); return their rows."""
        rows = self.next_rows(count)
        step, lo, hi, value = self._step, self.lo, self.hi, self.value
        if step > 1:
            if isinstance(value, dict):
                self._object_keys()  # once, for every group under this node
            self.kids.extend(
                JsonNode(value, self, r, None, (lo + r * step, min(hi, lo + (r + 1) * step)))
                for r in rows
            )
        elif isinstance(value, dict):
            keys = self._object_keys()
            self.kids.extend(JsonNode(value[keys[lo + r]], self, r, keys[lo + r]) for r in rows)
        elif isinstance(value, list):
            self.kids.extend(JsonNode(value[lo + r], self, r, lo + r) for r in rows)
        return rows

    def position_of(self, key: Key) -> int:
        """The position of ``key`` among the container's children; -1 when none."""
        value = self.value
        if isinstance(value, list):
            ok = isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(value)
            return key if ok else -1  # type: ignore[return-value]
        if isinstance(value, dict) and isinstance(key, str) and key in value:
            return self._object_keys().index(key)
        return -1

    def row_towards(self, position: int) -> int:
        """The row of the child (an item, or the group holding it) on the way to the
        container's child at ``position``; -1 when this node does not cover it."""
        if not self.lo <= position < self.hi:
            return -1
        return (position - self.lo) // self._step

    def child_at(self, key: Key) -> JsonNode | None:
        """The child at ``key`` (through the groups on the way), made if need be."""
        position = self.position_of(key)
        node: JsonNode = self
        while position >= 0:
            row = node.row_towards(position)
            if row >= len(node.kids):
                node.grow(row + 1 - len(node.kids))
            node = node.kids[row]
            if not node.is_group:
                return node
        return None

    def path(self) -> Path:
        """The keys and indexes from the root to this node (a group: its container's)."""
        parts: list[Key] = []
        node: JsonNode | None = self
        while node is not None and node.parent is not None:
            if not node.is_group:
                parts.append(node.key)  # type: ignore[arg-type]  # set on every item
            node = node.parent
        parts.reverse()
        return tuple(parts)

    def own_value(self) -> Any:
        """The node's value; a group's: its part of the container (a list, or an
        object of its keys)."""
        if not self.is_group:
            return self.value
        if isinstance(self.value, list):
            return self.value[self.lo : self.hi]
        keys = self._object_keys()[self.lo : self.hi]
        return {key: self.value[key] for key in keys}

    def json_path(self) -> str:
        """:meth:`path` written as ``$.a.b[3]``."""
        return json_path(self.path())

    def _object_keys(self) -> list[str]:
        if self._keys is None:
            self._keys = list(self.value)
        return self._keys


def value_at(document: Any, path: Path) -> Any:
    """The value at ``path``; raises ``KeyError``, ``IndexError`` or ``TypeError``
    when there is none."""
    value = document
    for part in path:
        if isinstance(value, list) and not isinstance(part, int):
            raise TypeError(f"an array has no key {part!r}")
        value = value[part]
    return value


def search(document: Any, text: str, limit: int = SEARCH_LIMIT) -> list[Path]:
    """The paths of the nodes whose key, or scalar value, contains ``text`` ignoring
    case, in document order; at most ``limit``. A string is searched as its own text,
    other scalars as JSON (``true``, ``null``, ``1.5``)."""
    needle = fold(text)
    found: list[Path] = []
    if not needle or limit <= 0:
        return found
    if not is_container(document):
        return [()] if needle in fold(_searchable(document)) else found
    trail: list[Key] = []
    stack: list[Iterator[tuple[Key, Any]]] = [_entries(document)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            if stack:
                trail.pop()
            continue
        key, value = entry
        container = is_container(value)
        if (isinstance(key, str) and needle in fold(key)) or (
            not container and needle in fold(_searchable(value))
        ):
            found.append((*trail, key))
            if len(found) >= limit:
                break
        if container and value:
            trail.append(key)
            stack.append(_entries(value))
    return found


def _entries(value: Any) -> Iterator[tuple[Key, Any]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def _searchable(value: Any) -> str:
    return value if isinstance(value, str) else value_json(value)


def count_nodes(document: Any, budget: int) -> int:
    """How many values ``document`` holds, counting no further than ``budget``."""
    seen = 0
    stack = [document]
    while stack and seen < budget:
        value = stack.pop()
        seen += 1
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return seen
