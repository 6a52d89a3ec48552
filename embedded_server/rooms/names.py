"""Names: rooms (part of the URL and of a Channels group name) and members."""

from __future__ import annotations

import re
import secrets
import unicodedata

ROOM_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
MAX_MEMBER_NAME = 64
GROUP_PREFIX = "tsushin.room."


def room_name_problem(room: str) -> str | None:
    """Why ``room`` is not an allowed room name, or None if it is."""
    if ROOM_NAME.fullmatch(room):
        return None
    if not room:
        return "the room name is empty"
    if len(room) > 64:
        return f"the room name has {len(room)} characters (at most 64)"
    bad = sorted({c for c in room if not ROOM_NAME.fullmatch(c)})
    shown = "".join(bad[:10])
    return f"the room name has characters outside A-Z a-z 0-9 _ - . ({shown!r})"


def member_name_problem(name: str) -> str | None:
    """Why ``name`` (from ``?name=``) is not allowed, or None if it is."""
    if not name.strip():
        return "the name is empty"
    if len(name) > MAX_MEMBER_NAME:
        return f"the name has {len(name)} characters (at most {MAX_MEMBER_NAME})"
    if any(unicodedata.category(c).startswith("C") for c in name):
        return "the name has control or unassigned characters"
    return None


def group_name(room: str) -> str:
    """The Channels group of a room (valid: room names use the group name alphabet)."""
    return GROUP_PREFIX + room


def new_member_id() -> str:
    return secrets.token_hex(6)
