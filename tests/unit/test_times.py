"""times.py: dates and date-times of the format, their order, how readers see them, when due."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest

from mkdocs_briefings.times import (
    day_of,
    format_moment,
    instant,
    is_before,
    is_due,
    latest,
    local_iso,
    moment_key,
    parse_moment,
    to_zone,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
CET = dt.timezone(dt.timedelta(hours=1))


def test_a_day_and_a_moment_are_read() -> None:
    assert parse_moment("2025-11-14") == dt.date(2025, 11, 14)
    assert parse_moment(" 2025-11-14T09:30+01:00 ") == dt.datetime(2025, 11, 14, 9, 30, tzinfo=CET)
    assert parse_moment("2025-11-14 08:30Z") == dt.datetime(2025, 11, 14, 8, 30, tzinfo=dt.UTC)
    assert parse_moment("2025-11-14T09:30:05.25+0100").second == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-11-14T09:30", "has no time zone offset; add one, like 2025-11-14T09:30+01:00"),
        ("14/11/2025", "expected a date like 2025-11-11 or a date-time like"),
        ("2025-02-30", "is not a real date or time: day is out of range for month"),
        ("2025-11-14T24:10Z", "is not a real date or time"),
        ("1763112600", "expected a date like"),
        # No such offset: +05:60 was read as +06:00, +24:00 told of Python's timedelta.
        ("2025-11-14T09:30+05:60", "has no such offset +05:60: hours go up to 23, minutes to 59"),
        ("2025-11-14T09:30-2400", "has no such offset -2400: hours go up to 23, minutes to 59"),
    ],
)
def test_other_texts_are_refused_with_what_to_write(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_moment(text)


def test_order_is_by_day_then_time_with_a_day_alone_first() -> None:
    day = dt.date(2025, 11, 14)
    morning = dt.datetime(2025, 11, 14, 9, tzinfo=CET)
    evening_new_york = dt.datetime(2025, 11, 14, 8, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    earlier_day = dt.datetime(2025, 11, 13, 23, tzinfo=CET)
    ordered = sorted([evening_new_york, day, earlier_day, morning], key=moment_key)
    assert ordered == [earlier_day, day, morning, evening_new_york]  # 08:00-05:00 is 14:00 CET
    assert latest([morning, day]) == morning
    assert latest([day, dt.date(2025, 11, 15)]) == dt.date(2025, 11, 15)


def test_before_compares_instants_only_when_both_have_a_time() -> None:
    nine, ten = (dt.datetime(2025, 11, 14, h, tzinfo=CET) for h in (9, 10))
    assert is_before(nine, ten)
    assert not is_before(ten, nine)
    assert not is_before(dt.date(2025, 11, 14), ten)  # same day
    assert is_before(dt.date(2025, 11, 13), nine)
    assert day_of(ten) == dt.date(2025, 11, 14)


def test_a_day_alone_is_due_from_its_midnight_in_the_site_zone() -> None:
    day = dt.date(2025, 11, 14)
    assert instant(day, PARIS) == dt.datetime(2025, 11, 13, 23, tzinfo=dt.UTC)
    just_before = dt.datetime(2025, 11, 13, 22, 59, tzinfo=dt.UTC)
    assert not is_due(day, now=just_before, zone=PARIS)
    assert is_due(day, now=just_before + dt.timedelta(minutes=1), zone=PARIS)
    timed = dt.datetime(2025, 11, 14, 9, 30, tzinfo=CET)
    assert not is_due(timed, now=dt.datetime(2025, 11, 14, 8, 29, tzinfo=dt.UTC), zone=NEW_YORK)
    assert is_due(timed, now=dt.datetime(2025, 11, 14, 8, 30, tzinfo=dt.UTC), zone=NEW_YORK)


def test_times_are_shown_in_the_site_zone() -> None:
    moment = dt.datetime(2025, 11, 14, 9, 30, tzinfo=CET)
    assert format_moment(moment, PARIS) == "Friday, November 14, 2025, 9:30 CET"
    assert format_moment(moment, NEW_YORK) == "Friday, November 14, 2025, 3:30 EST"
    assert format_moment(moment, dt.UTC) == "Friday, November 14, 2025, 8:30 UTC"
    late = dt.datetime(2025, 11, 14, 23, 30, tzinfo=dt.UTC)
    assert format_moment(late, PARIS) == "Saturday, November 15, 2025, 0:30 CET"
    assert format_moment(dt.date(2025, 11, 14), PARIS) == "Friday, November 14, 2025"
    assert local_iso(moment, NEW_YORK) == "2025-11-14T03:30:00-05:00"
    assert local_iso(dt.date(2025, 11, 14), NEW_YORK) == "2025-11-14"


def test_summer_time_is_named() -> None:
    moment = dt.datetime(2025, 7, 1, 12, tzinfo=dt.UTC)
    assert format_moment(moment, PARIS).endswith("14:00 CEST")


def test_a_zone_is_an_iana_name() -> None:
    assert to_zone("Europe/London") == zoneinfo.ZoneInfo("Europe/London")
    for name in ("Mars/Olympus", "CET+1", "../etc/passwd", ""):
        with pytest.raises(ValueError, match="is not a time zone; use an IANA name"):
            to_zone(name)


def test_a_region_alone_is_not_a_zone() -> None:
    # 'Europe' names a folder of the time zone database: opening it failed with
    # IsADirectoryError, a traceback instead of the option's error.
    for name in ("Europe", "America"):
        with pytest.raises(ValueError, match="is not a time zone; use an IANA name"):
            to_zone(name)


def test_the_latest_of_two_times_is_the_later_instant_whatever_the_day_written() -> None:
    # Published at 00:30 in Paris, corrected 20 minutes later and written in UTC (still the
    # 13th there): the loader takes the correction (not before the publication), so the
    # briefing's modified time (sitemap, feeds, JSON-LD, "Updated:") is the correction's.
    published = dt.datetime(2025, 11, 14, 0, 30, tzinfo=CET)
    corrected = dt.datetime(2025, 11, 13, 23, 50, tzinfo=dt.UTC)
    assert not is_before(corrected, published)
    assert latest([published, corrected]) == corrected
    assert latest([dt.date(2025, 11, 13), published, corrected]) == corrected
    assert latest([published, corrected, dt.date(2025, 11, 15)]) == dt.date(2025, 11, 15)
