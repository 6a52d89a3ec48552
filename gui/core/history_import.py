"""Read a history export (JSON Lines, :meth:`MessageRecord.to_json_line`) back: as
records for a tab's history (:func:`records_from_export`), or as a scenario.

Each exported line is ``{"time_ms", "direction", "size", "is_json", "json" | "text" |
"base64"}`` (``"imported": true`` on a row that was itself imported).
Sent messages become ``send`` steps (a JSON document as a document, other text as raw
text, both with ``"expand": false``: they are what was sent, braces included; the same
for an ``expect`` whose match holds braces).
What came back becomes ``expect`` steps, by ``expect``:

- ``"type"`` (the default): a received JSON object with a ``type`` key is expected by
  that key alone (``{"match": {"type": "echo"}}``); any other reply by an expect that
  takes any message;
- ``"full"``: the whole received document is the match (exact replays);
- ``"none"``: no expects, only the sends.

``keep_timing`` puts a ``sleep_ms`` before a send that came later than the row before
it. The first ``connected to URL`` row gives ``connect.url``, unless ``url`` is given.
System and error rows, and binary messages (a scenario sends text), are otherwise left
out.
"""

from __future__ import annotations

import base64
import binascii
import json
import pathlib
from collections.abc import Iterable
from typing import Any, ClassVar, Literal

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, shorten
from gui.core.records import (
    Direction,
    MessageRecord,
    binary_record,
    now_ms,
    parse_record,
    system_record,
)
from gui.core.variables import names_in

ExpectMode = Literal["type", "full", "none"]
_CONNECTED = "connected to "
_DIRECTIONS = ("sent", "received", "system", "error")


class ImportProblem(Outcome):
    """Why a file is not a history export."""

    TEMPLATES: ClassVar[dict[str, str]] = {
        "invalid_json": QT_TRANSLATE_NOOP(
            "ImportProblem", "line {line}: not JSON ({reason}): {text}"
        ),
        "not_a_record": QT_TRANSLATE_NOOP(
            "ImportProblem", "line {line}: not a history row (no {missing}): {text}"
        ),
        "empty": QT_TRANSLATE_NOOP(
            "ImportProblem", "no sent messages in the export: nothing to replay"
        ),
        "no_rows": QT_TRANSLATE_NOOP(
            "ImportProblem",
            "no history rows in it: a history export is JSON Lines, one row a line",
        ),
        "bad_value": QT_TRANSLATE_NOOP(
            "ImportProblem", "line {line}: {key} is not {expected}: {text}"
        ),
        "unreadable": QT_TRANSLATE_NOOP("ImportProblem", "cannot read {file}: {reason}"),
        "not_utf8": QT_TRANSLATE_NOOP(
            "ImportProblem", "{file} is not UTF-8 text (byte {position})"
        ),
    }


class HistoryImportError(Exception):
    """The text is not a history export; :attr:`problem` says which line and why."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def export_lines(path: pathlib.Path) -> list[str]:
    """The lines of the file at ``path``; raises :class:`HistoryImportError` when it
    cannot be read or is not UTF-8 text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        data = {"file": path.name, "reason": exc.strerror or str(exc)}
        raise HistoryImportError(ImportProblem("unreadable", data)) from None
    try:
        return raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        where = {"file": path.name, "position": exc.start}
        raise HistoryImportError(ImportProblem("not_utf8", where)) from None


def _row(line: str, number: int) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except (ValueError, RecursionError) as exc:
        data = {
            "line": number,
            "reason": getattr(exc, "msg", "too deep"),
            "text": shorten(line, 80),
        }
        raise HistoryImportError(ImportProblem("invalid_json", data)) from None
    if not isinstance(row, dict) or row.get("direction") not in _DIRECTIONS:
        data = {"line": number, "missing": "direction", "text": shorten(line, 80)}
        raise HistoryImportError(ImportProblem("not_a_record", data))
    if row["direction"] != "system" and not any(k in row for k in ("json", "text", "base64")):
        data = {"line": number, "missing": "json, text or base64", "text": shorten(line, 80)}
        raise HistoryImportError(ImportProblem("not_a_record", data))
    return row


def expect_step(row: dict[str, Any], mode: ExpectMode, within_ms: int) -> dict[str, Any]:
    """The ``expect`` step for the received row ``row`` (an export line, parsed)."""
    expect: dict[str, Any] = {"within_ms": within_ms}
    if "json" in row:
        document = row["json"]
        if mode == "full":
            expect["match"] = document
        elif isinstance(document, dict) and "type" in document:
            expect["match"] = {"type": document["type"]}
    elif mode == "full":
        expect["match"] = row.get("text", "")
    step: dict[str, Any] = {"expect": expect}
    if "match" in expect and any(True for _ in names_in(expect["match"])):
        step["expand"] = False  # what arrived, braces included
    return step


def scenario_from_history(
    lines: Iterable[str],
    *,
    url: str | None = None,
    expect: ExpectMode = "type",
    within_ms: int = 5000,
    keep_timing: bool = False,
    name: str = "replay",
) -> dict[str, Any]:
    """The scenario document (ready for ``json.dumps``) that replays ``lines``."""
    steps: list[dict[str, Any]] = []
    found_url: str | None = None
    last_time: int | None = None
    sends = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        row = _row(line, number)
        direction = row["direction"]
        time_ms = row.get("time_ms")
        if direction == "system":
            text = str(row.get("text", ""))
            if found_url is None and text.startswith(_CONNECTED):
                found_url = text[len(_CONNECTED) :].strip()
            continue
        if "base64" in row and "json" not in row and "text" not in row:
            continue  # a binary message
        if direction == "sent":
            if keep_timing and isinstance(time_ms, int) and last_time is not None:
                gap = time_ms - last_time
                if gap > 0:
                    steps.append({"sleep_ms": gap})
            payload = row["json"] if "json" in row else row["text"]
            if "json" in row and isinstance(payload, str):
                payload = json.dumps(payload, ensure_ascii=False)  # a JSON string document
            steps.append({"send": payload, "expand": False})
            sends += 1
        elif direction == "received" and expect != "none":
            steps.append(expect_step(row, expect, within_ms))
        if isinstance(time_ms, int):
            last_time = time_ms
    if not sends:
        raise HistoryImportError(ImportProblem("empty", {}))
    scenario: dict[str, Any] = {"name": name}
    target = url or found_url
    if target:
        scenario["connect"] = {"url": target}
    scenario["steps"] = steps
    return scenario


def _bad(number: int, key: str, expected: str, line: str) -> HistoryImportError:
    data = {"line": number, "key": key, "expected": expected, "text": shorten(line, 80)}
    return HistoryImportError(ImportProblem("bad_value", data))


def _record(row: dict[str, Any], number: int, line: str) -> MessageRecord:
    direction = Direction(row["direction"])
    time_ms = row.get("time_ms")
    if isinstance(time_ms, bool) or not isinstance(time_ms, int):
        time_ms = now_ms()  # a row without its time is still worth seeing
    if direction in (Direction.SYSTEM, Direction.ERROR):
        text = row.get("text", "")
        if not isinstance(text, str):
            raise _bad(number, "text", "a string", line)
        record = system_record(text, error=direction is Direction.ERROR)
        record.time_ms = time_ms
        return record
    if "json" in row:
        text = json.dumps(row["json"], ensure_ascii=False)
        record = parse_record(direction, text, time_ms=time_ms)[0]
    elif "text" in row:
        if not isinstance(row["text"], str):
            raise _bad(number, "text", "a string", line)
        record = parse_record(direction, row["text"], time_ms=time_ms)[0]
    else:
        try:
            payload = base64.b64decode(str(row["base64"]), validate=True)
        except (binascii.Error, ValueError):
            raise _bad(number, "base64", "base64 bytes", line) from None
        record = binary_record(direction, payload, time_ms=time_ms)
    size = row.get("size")
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        record.size = size  # as it was on the wire (a document's text may be re-spaced)
    return record


def records_from_export(lines: Iterable[str]) -> list[MessageRecord]:
    """Every row of a history export, as records marked ``imported`` (their times as
    exported; no connection yet). The whole file is checked first: raises
    :class:`HistoryImportError` at the first line that is not a history row, or when
    there is none, so nothing is half imported."""
    records: list[MessageRecord] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = _record(_row(line, number), number, line)
        record.imported = True
        records.append(record)
    if not records:
        raise HistoryImportError(ImportProblem("no_rows", {}))
    return records
