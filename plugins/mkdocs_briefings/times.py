"""Dates and date-times of the format: read, order, show in the site's time zone, decide when due.

A briefing's `published`, `updated` and change dates are a calendar date (``2025-11-14``) or a
date-time with its offset (``2025-11-14T09:30+01:00``, ``Z`` for UTC). A date-time needs its
offset: the same file then means the same moment on every machine and in every zone. The site's
time zone (the `time_zone` option) is where a date alone starts (midnight) and how times are shown.

Pure functions of their arguments (the current time is passed in), no MkDocs imports.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
WITH_OFFSET = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?\s*(?:Z|[+-]\d{2}:?\d{2})$"
)
"""A date-time `parse_moment` accepts (`DATE_TIME` with its offset): the JSON Schema's pattern."""

Moment = dt.date
"""A calendar date, or an aware date-time (`datetime.datetime` is a subclass of `date`)."""

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def parse_moment(value: str) -> Moment:
    """``value`` as a date or an aware date-time.

    Raises:
        ValueError: with what to write instead, for any other text.
    """
    text = value.strip()
    if DAY.match(text):
        return _checked(dt.date.fromisoformat, text, value)
    if not DATE_TIME.match(text):
        raise ValueError(
            f"expected a date like 2025-11-11 or a date-time like 2025-11-11T09:30+01:00, "
            f"got {value!r}"
        )
    offset = _OFFSET.search(text)
    if not offset:
        raise ValueError(
            f"{value!r} has no time zone offset; add one, like {text.replace(' ', 'T')}+01:00 "
            "(or Z for UTC), so the time means the same everywhere"
        )
    if offset[0] != "Z" and (int(offset[0][1:3]) > 23 or int(offset[0][-2:]) > 59):
        raise ValueError(
            f"{value!r} has no such offset {offset[0]}: hours go up to 23, minutes to 59 "
            "(like +05:30)"
        )
    return _checked(dt.datetime.fromisoformat, text.replace(" ", "T", 1).replace(" ", ""), value)


def _checked(read: Callable[[str], Moment], text: str, value: str) -> Moment:
    try:
        return read(text)
    except ValueError as exc:  # 2025-02-30, 25:00: right shape, no such day or time
        raise ValueError(f"{value!r} is not a real date or time: {exc}") from None


def has_time(moment: Moment) -> bool:
    """Whether ``moment`` is a date-time rather than a date alone."""
    return isinstance(moment, dt.datetime)


def day_of(moment: Moment) -> dt.date:
    """The calendar day as written: a date-time's date in its own offset."""
    return moment.date() if isinstance(moment, dt.datetime) else moment


def moment_key(moment: Moment) -> tuple[dt.date, int, float]:
    """Orders moments: by day as written, then a date alone before the times of that day, then
    by the instant. (Dates and date-times cannot be compared directly.)"""
    if isinstance(moment, dt.datetime):
        return (moment.date(), 1, moment.timestamp())
    return (moment, 0, 0.0)


def latest(moments: list[Moment]) -> Moment:
    """The latest of ``moments``, as `is_before` compares them: the latest instant of those
    with a time, unless a date alone is a later day than the day it was written on."""
    timed = [m for m in moments if isinstance(m, dt.datetime)]
    days = [m for m in moments if not isinstance(m, dt.datetime)]
    if not timed or (days and is_before(max(timed), max(days))):
        return max(days)
    return max(timed)  # aware date-times compare by instant


def is_before(a: Moment, b: Moment) -> bool:
    """Whether ``a`` is earlier than ``b``: by the instant when both have a time, else by day."""
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a < b
    return day_of(a) < day_of(b)


def to_zone(name: str) -> zoneinfo.ZoneInfo:
    """The time zone called ``name`` (an IANA name such as 'Europe/Paris' or 'UTC').

    Raises:
        ValueError: naming the zone and how to write one.
    """
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # 'Europe': a folder
        raise ValueError(
            f"{name!r} is not a time zone; use an IANA name such as 'UTC', 'Europe/London' "
            "or 'America/New_York'"
        ) from None


def instant(moment: Moment, zone: dt.tzinfo) -> dt.datetime:
    """``moment`` as an aware date-time: a date alone is midnight in ``zone``."""
    if isinstance(moment, dt.datetime):
        return moment
    return dt.datetime(moment.year, moment.month, moment.day, tzinfo=zone)


def is_due(moment: Moment, *, now: dt.datetime, zone: dt.tzinfo) -> bool:
    """Whether a briefing published at ``moment`` is out by ``now`` (a date: from its midnight)."""
    return instant(moment, zone) <= now


def iso(moment: Moment) -> str:
    """'2025-11-14' or '2025-11-14T09:30:00+01:00' (ISO 8601, as feeds and JSON-LD want)."""
    return moment.isoformat()


def format_day(day: dt.date) -> str:
    """A date as readers see it: 'Tuesday, November 11, 2025' (English, locale-independent)."""
    return f"{DAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}, {day.year}"


def format_moment(moment: Moment, zone: dt.tzinfo) -> str:
    """'Tuesday, November 11, 2025', or with its time in ``zone``: 'Tuesday, November 11,
    2025, 9:30 CET' (24-hour clock, the zone's abbreviation)."""
    if not isinstance(moment, dt.datetime):
        return format_day(moment)
    local = moment.astimezone(zone)
    return f"{format_day(local.date())}, {format_clock(local)}"


def format_clock(local: dt.datetime) -> str:
    """'9:30 CET': the time of day on a 24-hour clock with the zone's abbreviation."""
    name = local.tzname() or local.strftime("%z")
    return f"{local.hour}:{local.minute:02d} {name}"


def local_iso(moment: Moment, zone: dt.tzinfo) -> str:
    """``moment`` in ISO 8601 in ``zone`` (a date alone stays a date)."""
    if not isinstance(moment, dt.datetime):
        return moment.isoformat()
    return moment.astimezone(zone).isoformat()
