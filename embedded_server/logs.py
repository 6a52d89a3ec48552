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


def configure_logging(level: str) -> None:
    """Send every log record at ``level`` or above to stderr, formatted as logfmt."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(LogfmtFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper()))
    # daphne reports every accepted HTTP request at INFO; keep that for debug.
    if root.level > logging.DEBUG:
        logging.getLogger("daphne").setLevel(max(root.level, logging.WARNING))
