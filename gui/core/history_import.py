"""Turn a history export (JSON Lines, :meth:`MessageRecord.to_json_line`) into a scenario.

Each exported line is ``{"time_ms", "direction", "size", "is_json", "json" | "text"}``.
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
System and error rows are otherwise left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, ClassVar, Literal

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, shorten
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
    }


class HistoryImportError(Exception):
    """The text is not a history export; :attr:`problem` says which line and why."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


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
    if row["direction"] != "system" and "json" not in row and "text" not in row:
        data = {"line": number, "missing": "json or text", "text": shorten(line, 80)}
        raise HistoryImportError(ImportProblem("not_a_record", data))
    return row


def _expect_for(row: dict[str, Any], mode: ExpectMode, within_ms: int) -> dict[str, Any]:
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
            steps.append(_expect_for(row, expect, within_ms))
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
