"""A tab's sent messages as a scenario (File ▸ Save sent messages as scenario…). Qt-free.

Every sent text message of the history becomes a ``send`` step (a JSON document as a
document, other text as raw text; ``"expand": false``: what was sent, braces and all;
binary messages are left out, a scenario sends text). With ``expect`` other than
``"none"``, the reply paired with a sent message (:mod:`gui.core.pairing`: the same
``id``, or the echo of the document) becomes an ``expect`` right after its send, as
:func:`gui.core.history_import.expect_step` makes it: by the reply's ``type``, or the
whole reply. A send without a paired reply gets no expect.

The ``connect`` section comes from the tab's profile: its URL (the embedded server's
address for an embedded tab), its subprotocols, Origin, and its header and query rows
that are on, secrets left out (a scenario file is meant to be shared).
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
from collections.abc import Iterable
from typing import Any

from gui.core.history_import import ExpectMode, expect_step
from gui.core.pairing import ReplyPairing
from gui.core.profile import OriginMode, Profile
from gui.core.records import Direction, MessageRecord
from gui.core.target import ServerMode


class NothingSent(Exception):
    """The history holds no sent text message: there is nothing to save."""


def connect_section(profile: Profile, embedded_url: str | None) -> dict[str, Any] | None:
    """The scenario's ``connect`` for ``profile`` (None: an embedded tab whose server
    is not running, so no address is known; the runner then needs ``--url``)."""
    base = None
    if profile.server is ServerMode.EMBEDDED:
        if embedded_url is None:
            return None
        scheme, _, rest = embedded_url.partition("://")
        base = f"{scheme}://{rest.split('/', 1)[0]}"
    public = profile.replace(query=tuple(r for r in profile.query if not r.secret))
    connect: dict[str, Any] = {"url": public.url(base)}
    headers = {r.name: r.value for r in profile.headers if r.on and not r.secret and r.name}
    if headers:
        connect["headers"] = headers
    if profile.subprotocols:
        connect["subprotocols"] = list(profile.subprotocols)
    if profile.origin is OriginMode.NONE:
        connect["origin"] = "none"
    elif profile.origin is OriginMode.CUSTOM and profile.custom_origin:
        connect["origin"] = profile.custom_origin
    return connect


_NOT_JSON = object()


def _document(rec: MessageRecord) -> Any:
    try:
        return json.loads(rec.text)  # numbers as Python holds them, and writes them back
    except (ValueError, RecursionError):
        return _NOT_JSON


def scenario_from_records(
    records: Iterable[MessageRecord],
    *,
    connect: dict[str, Any] | None = None,
    expect: ExpectMode = "type",
    within_ms: int = 5000,
    name: str = "saved",
) -> dict[str, Any]:
    """The scenario document (ready for ``json.dumps``) that sends the sent messages of
    ``records`` again (oldest first); raises :class:`NothingSent`."""
    sends: list[dict[str, Any]] = []
    replies: dict[int, dict[str, Any]] = {}
    pairing = ReplyPairing()
    for rec in records:
        if rec.is_binary:
            continue
        if rec.direction is Direction.SENT:
            document = _document(rec) if rec.is_json else _NOT_JSON
            if document is not _NOT_JSON and not isinstance(document, str):
                sends.append({"send": document, "expand": False})
                pairing.sent(document, len(sends) - 1)
            else:
                # Raw text, or a JSON string document (sent as its JSON text, quotes too).
                sends.append({"send": rec.text, "expand": False})
        elif rec.direction is Direction.RECEIVED and rec.is_json and expect != "none":
            document = _document(rec)
            index = pairing.answered(document) if document is not _NOT_JSON else None
            if index is not None and index not in replies:
                replies[index] = expect_step({"json": document}, expect, within_ms)
    if not sends:
        raise NothingSent
    steps: list[dict[str, Any]] = []
    for index, step in enumerate(sends):
        steps.append(step)
        if index in replies:
            steps.append(replies[index])
    scenario: dict[str, Any] = {"name": name}
    if connect is not None:
        scenario["connect"] = connect
    scenario["steps"] = steps
    return scenario


def write_scenario(document: dict[str, Any], path: pathlib.Path) -> None:
    """Write ``document`` to ``path`` as readable JSON (a file half written is never left
    in its place: it is written beside it first). Raises ``OSError``."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    part = path.with_name(path.name + ".part")
    try:
        part.write_text(text, encoding="utf-8", newline="\n")
        os.replace(part, path)
    except OSError:
        with contextlib.suppress(OSError):
            part.unlink()
        raise
