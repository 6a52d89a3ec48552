"""The GUI's words for values the Qt-free core hands it (states, directions, outcomes).

``gui.core`` reports what happened as :class:`gui.core.outcome.Outcome` values (a code,
its data and an English template); here they are put in the interface's language with
``QCoreApplication.translate``, the template being the source text and the class that
holds the templates the context. The headless runner, which has no Qt, prints the
English (``outcome.message``).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from gui.core.checks import SchemaTrouble
from gui.core.connection import ConnectionState
from gui.core.diagnosis import HandshakeFailure
from gui.core.handshake import ConnectionInfo
from gui.core.jsontext import JsonVerdict
from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome
from gui.core.records import Direction
from gui.core.wording import NO_STATUS, close_code_name

_URL_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")

_STATE_NAMES = {
    ConnectionState.DISCONNECTED: QT_TRANSLATE_NOOP("ConnectionState", "disconnected"),
    ConnectionState.STARTING_SERVER: QT_TRANSLATE_NOOP("ConnectionState", "starting server"),
    ConnectionState.CONNECTING: QT_TRANSLATE_NOOP("ConnectionState", "connecting"),
    ConnectionState.CONNECTED: QT_TRANSLATE_NOOP("ConnectionState", "connected"),
    ConnectionState.RECONNECTING: QT_TRANSLATE_NOOP("ConnectionState", "reconnecting"),
    ConnectionState.ERROR: QT_TRANSLATE_NOOP("ConnectionState", "error"),
}


_DIRECTION_NAMES = {
    Direction.SENT: QT_TRANSLATE_NOOP("Direction", "sent"),
    Direction.RECEIVED: QT_TRANSLATE_NOOP("Direction", "received"),
    Direction.SYSTEM: QT_TRANSLATE_NOOP("Direction", "system"),
    Direction.ERROR: QT_TRANSLATE_NOOP("Direction", "error"),
}


def direction_name(direction: Direction) -> str:
    """``sent``, ``送信``... for the history's Direction column and the detail pane."""
    return QCoreApplication.translate("Direction", _DIRECTION_NAMES[direction])


def state_name(state: ConnectionState) -> str:
    """``connected``, ``接続済み``... for the status indicator."""
    return QCoreApplication.translate("ConnectionState", _STATE_NAMES[state])


def _context(outcome: Outcome) -> str:
    """The class whose ``TEMPLATES`` hold the code (lupdate's context for them)."""
    for cls in type(outcome).__mro__:
        if "TEMPLATES" in vars(cls):
            return cls.__name__
    return type(outcome).__name__


def word(outcome: Outcome | str) -> str:
    """``outcome`` in the interface's language; a plain string (a server's own words,
    a path) is passed through. A translation that does not fit the data (a translator's
    typo) gives the English, never an exception."""
    if isinstance(outcome, str):
        return outcome
    template = type(outcome).TEMPLATES.get(outcome.code)
    if template is None:
        return outcome.message
    translated = QCoreApplication.translate(_context(outcome), template)
    data = outcome.data
    if isinstance(outcome, JsonVerdict | SchemaTrouble) and isinstance(data.get("detail"), str):
        # Python's own words for what is wrong (gui.core.jsontext.JSON_DETAILS).
        data = {**data, "detail": QCoreApplication.translate("JsonDetail", data["detail"])}
    try:
        return translated.format_map(data)
    except (KeyError, IndexError, ValueError):
        return outcome.message


def word_and_details(outcome: Outcome) -> str:
    """:func:`word`, and the details an outcome's own ``message`` adds after its
    template (a scenario step's "1 message arrived, none matched; the last: ..."),
    which are the engine's English and the server's text."""
    template = type(outcome).TEMPLATES.get(outcome.code)
    message = outcome.message
    if template is None:
        return message
    try:
        base = template.format_map(outcome.data)
    except (KeyError, IndexError, ValueError):
        return message
    extra = message[len(base) :] if message.startswith(base) else ""
    return word(outcome) + extra


def sentence(text: str) -> str:
    """``text`` as a sentence: its first letter upper-case, unless it starts with a URL
    (``ws://…に接続しました`` stays as it is)."""
    if _URL_START.match(text):
        return text
    return text[:1].upper() + text[1:]


def close_text(code: int | None, reason: str = "") -> str:
    """:func:`gui.core.wording.describe_close` in the interface's language:
    ``1009 (message too big): reason`` (the server's reason as it sent it)."""
    if code is None:
        return QCoreApplication.translate("CloseCode", NO_STATUS)
    text = f"{code} ({QCoreApplication.translate('CloseCode', close_code_name(code))})"
    reason = reason.strip()
    return f"{text}: {reason}" if reason else text


def failure_reason(failure: HandshakeFailure) -> str:
    """The short reason of a failed handshake, for the status line."""
    if failure.why is not None:
        return word(failure.why)
    if failure.reason == failure.cause.message:
        return word(failure.cause)
    return failure.reason


def failure_text(failure: HandshakeFailure) -> str:
    """The history's row for a failed handshake (:meth:`HandshakeFailure.describe`):
    the short reason; once it got as far as TLS or HTTP, the likely cause, what was sent
    (the request line and header names, as sent) and what came back."""
    reason = failure_reason(failure)
    if not failure.reached_server:
        return reason
    if failure.reply is not None:
        received = failure.reply.describe()
    else:
        received = QCoreApplication.translate("HandshakeFailure", "no HTTP answer")
    lines = [
        reason,
        QCoreApplication.translate("HandshakeFailure", "likely cause: {cause}").format(
            cause=word(failure.cause)
        ),
        QCoreApplication.translate("HandshakeFailure", "sent: {request}").format(
            request=failure.sent.describe()
        ),
        QCoreApplication.translate("HandshakeFailure", "received: {reply}").format(reply=received),
    ]
    return "\n".join(lines)


def connected_text(info: ConnectionInfo) -> str:
    """The history's "connected" row (:meth:`ConnectionInfo.describe`)."""
    notes = []
    if info.subprotocol:
        notes.append(
            QCoreApplication.translate("ConnectionInfo", "subprotocol {name}").format(
                name=info.subprotocol
            )
        )
    if info.tls_verified is False:
        notes.append(QCoreApplication.translate("ConnectionInfo", "TLS verification off"))
    if info.proxy:
        notes.append(
            QCoreApplication.translate("ConnectionInfo", "through proxy {proxy}").format(
                proxy=info.proxy
            )
        )
    text = QCoreApplication.translate("ConnectionInfo", "connected to {url}").format(url=info.url)
    if not notes:
        return text
    return QCoreApplication.translate("ConnectionInfo", "{text} ({notes})").format(
        text=text, notes="; ".join(notes)
    )
