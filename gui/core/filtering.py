"""Which history rows to show: one rule, used for stored rows (in SQL) and live ones.

The text filter ignores case by Unicode case folding (``str.casefold``), so that
``straße``, ``STRASSE`` and ``Strasse`` find each other, and so does any script; there
is no normalisation beyond that. The SQL side (:mod:`gui.models.store`) calls
:func:`contains` for every row it cannot decide exactly with ``LIKE``, so both sides
give the same answer by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

from gui.core.records import Direction, MessageRecord

#: The ``type`` of a received JSON object that counts as an error reply
#: (``{"type": "error", ...}``, as the embedded server and many Channels servers send).
ERROR_TYPE = "error"


def fold(text: str) -> str:
    """``text`` as the filter compares it: case-folded."""
    return text.casefold()


def contains(text: str, needle: str) -> bool:
    """Whether ``text`` contains ``needle`` (already :func:`fold`-ed), ignoring case."""
    return needle in text.casefold()


def failed_schema(record: MessageRecord) -> bool:
    """A received message that failed its tab's JSON Schema (``schema_ok = 0`` in SQL)."""
    return record.schema_ok is False


def is_error_reply(record: MessageRecord) -> bool:
    """A received JSON object whose top-level ``type`` is ``"error"``."""
    return record.direction is Direction.RECEIVED and record.doc_type == ERROR_TYPE


@dataclass(frozen=True, slots=True)
class RowFilter:
    """A filter of history rows: all of its parts must match.

    ``needle`` is folded text that the content must contain (empty: any);
    ``directions`` the directions shown (None: all); with ``error_replies``, received
    error replies are shown too, whatever ``directions`` says; with ``schema_errors``,
    only received messages that failed their tab's schema; ``connections`` the
    connection ids whose rows are shown (None: every connection's).
    """

    needle: str = ""
    directions: frozenset[Direction] | None = None
    error_replies: bool = False
    connections: frozenset[str] | None = None
    schema_errors: bool = False

    @classmethod
    def of(
        cls,
        text: str = "",
        directions: frozenset[Direction] | None = None,
        *,
        error_replies: bool = False,
        schema_errors: bool = False,
    ) -> RowFilter:
        """The filter for what the user typed (folded here) and chose."""
        return cls(fold(text), directions, error_replies, schema_errors=schema_errors)

    @property
    def everything(self) -> bool:
        """True when every row passes."""
        return self._by_connection_only and self.connections is None

    @property
    def only_connections(self) -> bool:
        """True when rows are chosen by their connection alone."""
        return self._by_connection_only and self.connections is not None

    @property
    def _by_connection_only(self) -> bool:
        return not self.needle and self.directions is None and not self.schema_errors

    def accepts(self, record: MessageRecord) -> bool:
        """Whether ``record`` passes."""
        if self.connections is not None and record.connection not in self.connections:
            return False
        if self.schema_errors and not failed_schema(record):
            return False
        directions = self.directions
        if (
            directions is not None
            and record.direction not in directions
            and not (self.error_replies and is_error_reply(record))
        ):
            return False
        return not self.needle or contains(record.text, self.needle)
