"""The embedded server's start-up line: ``READY ws://HOST:PORT/websock1-2/``."""

from __future__ import annotations

import re

_READY = re.compile(r"^READY (wss?://[^\s/]+:\d+/\S*)\s*$")


def parse_ready_line(line: str) -> str | None:
    """Return the URL announced by a READY line, or ``None`` for any other line."""
    match = _READY.match(line.strip("\r\n"))
    return match.group(1) if match else None
