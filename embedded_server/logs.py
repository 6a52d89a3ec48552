"""Structured logging to stderr: one ``key=value`` line per event (logfmt).

Quiet by default (warnings and errors); ``--log-level info`` adds connections opened and
closed and refused requests, ``debug`` adds an access log of every handshake.
"""

from __future__ import annotations

import logging
import sys
import time

# Attributes every LogRecord has; anything else was passed in ``extra`` and is printed.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def _quote(value: object) -> str:
    text = str(value)
    if text and not any(c in text for c in ' "=\n\r\t'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


class LogfmtFormatter(logging.Formatter):
    """Formats a record as ``time level logger msg key=value ...``."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        parts = [
            f"time={stamp}.{int(record.msecs):03d}Z",
            f"level={record.levelname.lower()}",
            f"logger={record.name}",
        ]
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRIBUTES}
        if "event" in extras:
            parts.append(f"event={_quote(extras.pop('event'))}")
        parts.append(f"msg={_quote(record.getMessage())}")
        parts.extend(f"{key}={_quote(value)}" for key, value in extras.items())
        if record.exc_info:
            parts.append(f"exc={_quote(self.formatException(record.exc_info))}")
        return " ".join(parts)


class StderrHandler(logging.StreamHandler):
    """A ``StreamHandler`` that drops records quietly once stderr is gone.

    When the process that reads our stderr dies, every write fails (broken pipe), and
    ``logging`` reports each failure, with a traceback, on ``sys.stderr``. With
    ``--log-level debug`` daphne has replaced ``sys.stderr`` by Twisted's log, which
    sends the report straight back into ``logging``: each failure logs another, and an
    orphaned server spun at 100% CPU. There is nobody left to read the report anyway.
    """

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError | ValueError):  # closed pipe or file
            return
        super().handleError(record)


def configure_logging(level: str) -> None:
    """Send every log record at ``level`` or above to stderr, formatted as logfmt."""
    handler = StderrHandler(sys.stderr)
    handler.setFormatter(LogfmtFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper()))
    # daphne reports every accepted HTTP request at INFO; keep that for debug.
    if root.level > logging.DEBUG:
        logging.getLogger("daphne").setLevel(max(root.level, logging.WARNING))
