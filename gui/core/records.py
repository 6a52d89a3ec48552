"""Message records: what the history keeps for each sent, received or system event."""

from __future__ import annotations

import base64
import enum
import html
import json
import time
from dataclasses import dataclass
from typing import Any

from gui.core.jsontext import compact_json, parse


class Direction(enum.StrEnum):
    """Where a history row comes from."""

    SENT = "sent"
    RECEIVED = "received"
    SYSTEM = "system"
    ERROR = "error"


PREVIEW_CHARS = 200

#: The ``connection`` of rows that belong to every connection (the history file's own
#: news: "history not saved to disk"...).
ALL_CONNECTIONS = "*"
#: The ``connection`` of rows written before the history recorded connections; they
#: belong to the first tab (see :mod:`gui.models.schema`, step 4).
BEFORE_CONNECTIONS = ""


@dataclass(slots=True)
class MessageRecord:
    """One row of the history.

    ``time_ms`` is milliseconds since the Unix epoch; ``size`` is the payload size in
    bytes (UTF-8); ``is_json`` says whether ``text`` parses as JSON (always False for
    system and error rows); ``doc_type`` is the top-level ``"type"`` of a JSON object
    when it is a string (``"echo"``, ``"error"``...), else None. A binary message keeps
    its bytes in ``payload``, and ``text`` is then a one-line summary of them (what the
    table shows and the filter searches); ``payload`` is None for everything else.
    ``connection`` is the id of the connection (the tab) the row belongs to, set when
    the row enters the history (:meth:`gui.models.inbox.RecordInbox.tagged`): ``""``
    for rows written before connections were recorded, :data:`ALL_CONNECTIONS` for a
    row about the history itself, which every connection shows.

    A received JSON message checked against its tab's schema has ``schema_ok`` True or
    False (None: not checked), and for a failure ``schema_path``, the JSON path of the
    first error, and ``schema_error``, its reason. ``rtt_ms`` is the round trip from
    the sent message a received one answers (:mod:`gui.core.pairing`), when paired.
    ``imported`` is True for a row loaded from a history export
    (:func:`gui.core.history_import.records_from_export`), not sent or received here.
    """

    time_ms: int
    direction: Direction
    text: str
    size: int
    is_json: bool
    doc_type: str | None = None
    payload: bytes | None = None
    connection: str = ""
    schema_ok: bool | None = None
    schema_path: str = ""
    schema_error: str = ""
    rtt_ms: float | None = None
    imported: bool = False

    @property
    def is_binary(self) -> bool:
        """True for a binary message."""
        return self.payload is not None

    @property
    def partial(self) -> bool:
        """True when ``payload`` holds only the first of the ``size`` bytes (a record
        read back in a page of the history)."""
        return self.payload is not None and len(self.payload) < self.size

    def preview(self, limit: int = PREVIEW_CHARS) -> str:
        """One line of the content, shortened to ``limit`` characters."""
        head = self.text[: limit + 1]
        line = " ".join(head.split())
        if len(line) > limit or len(self.text) > limit + 1:
            return line[:limit] + "…"
        return line

    def to_json_line(self) -> str:
        """The record as one JSON Lines entry (the export format)."""
        entry: dict[str, object] = {
            "time_ms": self.time_ms,
            "direction": self.direction.value,
            "size": self.size,
            "is_json": self.is_json,
        }
        if self.imported:
            entry["imported"] = True
        if self.payload is not None:
            entry["base64"] = base64.b64encode(self.payload).decode("ascii")
        elif self.is_json:
            try:  # the document as it came, numbers included, in its own key
                document = compact_json(self.text)
            except (ValueError, RecursionError):
                entry["text"] = self.text
            else:
                return json.dumps(entry, ensure_ascii=False)[:-1] + f', "json": {document}}}'
        else:
            entry["text"] = self.text
        return json.dumps(entry, ensure_ascii=False)


def plain_tooltip(text: str, limit: int = 2000) -> str:
    """``text`` as a tooltip that Qt shows literally.

    Qt renders a tooltip as rich text when it merely looks like HTML, so untrusted
    content is escaped and wrapped in a paragraph that keeps its white space.
    """
    shown = text if len(text) <= limit else text[:limit] + "…"
    return f"<p style='white-space:pre-wrap'>{html.escape(shown)}</p>"


def now_ms() -> int:
    """Wall-clock time in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


MAX_DOC_TYPE = 200  # characters of a "type" value worth keeping


#: What :func:`parse_record` gives for the document of a text that is not JSON.
NOT_JSON: object = object()


def parse_record(
    direction: Direction,
    text: str,
    *,
    size: int | None = None,
    time_ms: int | None = None,
) -> tuple[MessageRecord, Any]:
    """Build a record, measuring its size and checking whether it is JSON; and the
    parsed document (:data:`NOT_JSON` when it is not), for the checks that follow."""
    if size is None:
        size = len(text.encode("utf-8", errors="replace"))
    value: Any = NOT_JSON
    doc_type = None
    if direction in (Direction.SENT, Direction.RECEIVED):
        try:
            value = parse(text)  # RFC 8259: NaN and Infinity are not JSON
        except (ValueError, RecursionError):
            value = NOT_JSON
        else:
            kind = value.get("type") if isinstance(value, dict) else None
            if isinstance(kind, str) and len(kind) <= MAX_DOC_TYPE:
                doc_type = kind
    record = MessageRecord(
        time_ms=now_ms() if time_ms is None else time_ms,
        direction=direction,
        text=text,
        size=size,
        is_json=value is not NOT_JSON,
        doc_type=doc_type,
    )
    return record, value


def make_record(
    direction: Direction,
    text: str,
    *,
    size: int | None = None,
    time_ms: int | None = None,
) -> MessageRecord:
    """Build a record, measuring its size and checking whether it is JSON."""
    return parse_record(direction, text, size=size, time_ms=time_ms)[0]


def binary_summary(payload: bytes, shown: int = 32) -> str:
    """``(binary, 300 bytes) 00 01 02 …``: the table's one line for a binary message."""
    head = payload[:shown].hex(" ")
    more = " …" if len(payload) > shown else ""
    return f"(binary, {len(payload)} bytes) {head}{more}".rstrip()


def binary_record(
    direction: Direction, payload: bytes, *, time_ms: int | None = None
) -> MessageRecord:
    """A sent or received binary message, with all of its bytes."""
    return MessageRecord(
        time_ms=now_ms() if time_ms is None else time_ms,
        direction=direction,
        text=binary_summary(payload),
        size=len(payload),
        is_json=False,
        payload=bytes(payload),
    )


def system_record(text: str, *, error: bool = False) -> MessageRecord:
    """A system event row (connected, closed, server started...) or an error row."""
    return make_record(Direction.ERROR if error else Direction.SYSTEM, text, size=0)
