"""Times of history rows in words: short in the table, in full in its tooltip. No Qt."""

from __future__ import annotations

import datetime


def local_time(time_ms: int) -> datetime.datetime:
    """``time_ms`` (milliseconds since the epoch) as an aware local time."""
    return datetime.datetime.fromtimestamp(time_ms / 1000).astimezone()


def format_time_ms(time_ms: int, today: datetime.date | None = None) -> str:
    """``14:03:07.125`` for a time of today, ``2026-11-23 14:03:07.125`` for another day
    (``today`` defaults to the local date now)."""
    stamp = local_time(time_ms)
    clock = stamp.strftime("%H:%M:%S.") + f"{time_ms % 1000:03d}"
    if stamp.date() == (today or datetime.date.today()):
        return clock
    return f"{stamp:%Y-%m-%d} {clock}"


def full_time_ms(time_ms: int) -> str:
    """``Monday 23 November 2026, 14:03:07.125 (UTC+09:00)``: date, time and offset."""
    stamp = local_time(time_ms)
    offset = stamp.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "local time"
    return f"{stamp:%A} {stamp.day} {stamp:%B %Y}, {stamp:%H:%M:%S}.{time_ms % 1000:03d} ({zone})"


#: The widest text :func:`format_time_ms` gives, to size the column.
WIDEST_TIME = "2026-12-31 23:59:59.999"
