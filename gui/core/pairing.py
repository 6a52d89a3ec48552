"""Pairing a received reply with the sent message it answers, for its round trip. Qt-free.

A reply answers a sent JSON document when

- both are objects with the same top-level ``id`` (a string or an integer): the usual
  request / response convention of JSON protocols; or
- the reply is an object whose ``data`` equals the sent document: the echo of the
  embedded server (``{"type": "echo", "data": D}``) and its rooms' messages.

Each sent message is answered once: the first reply that pairs with it takes it (the
oldest of equal ones first, so a heartbeat sent every second pairs in order). The
session thread feeds a :class:`ReplyPairing` with what it sends and receives, times
in nanoseconds of a monotonic clock; what it remembers is bounded.
"""

from __future__ import annotations

import collections
import json
from typing import Any

import orjson

_NOTHING = object()


def _canonical(value: Any) -> bytes | None:
    """The value as sorted, compact JSON bytes (what equal documents share); None when
    it cannot be written (an odd number)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        try:
            return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
        except (TypeError, ValueError):
            return None


def _id_key(document: Any) -> tuple[str, Any] | None:
    if not isinstance(document, dict):
        return None
    value = document.get("id", _NOTHING)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return ("id", value)


class _Sent:
    """One sent message waiting for its reply."""

    __slots__ = ("answered", "t_ns")

    def __init__(self, t_ns: int) -> None:
        self.t_ns = t_ns
        self.answered = False


class ReplyPairing:
    """Remembers the last :attr:`LIMIT` sent JSON documents until they are answered."""

    LIMIT = 10_000

    def __init__(self) -> None:
        self._waiting: collections.OrderedDict[Any, collections.deque[_Sent]] = (
            collections.OrderedDict()
        )
        self._count = 0
        self._documents = 0  # waiting keys that are whole documents

    def sent(self, document: Any, t_ns: int) -> None:
        """A JSON document was sent at ``t_ns``."""
        entry = _Sent(t_ns)
        id_key = _id_key(document)
        if id_key is not None:
            self._remember(id_key, entry)
        canonical = _canonical(document)
        if canonical is not None:
            self._remember(("doc", canonical), entry)
        self._count += 1
        # Unanswered messages, and keys (answered ones linger under their other key).
        while self._waiting and (self._count > self.LIMIT or len(self._waiting) > 2 * self.LIMIT):
            self._forget_oldest()

    def received(self, document: Any, t_ns: int) -> float | None:
        """The round trip in milliseconds when ``document``, received at ``t_ns``,
        answers a sent one (which is then answered); None otherwise."""
        sent_ns = self.answered(document)
        return None if sent_ns is None else (t_ns - sent_ns) / 1e6

    def answered(self, document: Any) -> int | None:
        """The ``t_ns`` of the sent message ``document`` answers (which is then
        answered), or None: for a caller that numbers its sent messages instead."""
        if not self._waiting or not isinstance(document, dict):
            return None
        id_key = _id_key(document)
        if id_key is not None:
            entry = self._take(id_key)
            if entry is not None:
                return entry.t_ns
        if self._documents and "data" in document:
            canonical = _canonical(document["data"])
            if canonical is not None:
                entry = self._take(("doc", canonical))
                if entry is not None:
                    return entry.t_ns
        return None

    def _remember(self, key: Any, entry: _Sent) -> None:
        queue = self._waiting.get(key)
        if queue is None:
            queue = self._waiting[key] = collections.deque()
            if key[0] == "doc":
                self._documents += 1
        queue.append(entry)

    def _take(self, key: Any) -> _Sent | None:
        queue = self._waiting.get(key)
        while queue:
            entry = queue.popleft()
            if not entry.answered:
                entry.answered = True
                self._count -= 1
                if not queue:
                    self._drop(key)
                return entry
        if queue is not None:
            self._drop(key)
        return None

    def _drop(self, key: Any) -> None:
        del self._waiting[key]
        if key[0] == "doc":
            self._documents -= 1

    def _forget_oldest(self) -> None:
        key, queue = next(iter(self._waiting.items()))
        entry = queue.popleft()
        if not entry.answered:
            entry.answered = True
            self._count -= 1
        if not queue:
            self._drop(key)
