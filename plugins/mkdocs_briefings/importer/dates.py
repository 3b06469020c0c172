"""Dates as pages write them -> YYYY-MM-DD, or a TODO saying why not."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_TEXT = (
    r"(?:(?P<weekday>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\.?,?\s+)?"
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH}))"
    r"(?:,?\s+(?P<year>\d{4}))?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
)
LABELLED_DATE = re.compile(
    rf"(?P<label>published|posted|updated|last updated|modified)(?:\s+on)?\s*:?\s*(?:{_DATE_TEXT})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _DayText:
    """A date as a page writes it, maybe without its year."""

    text: str
    month: int
    day: int
    year: int | None = None
    weekday: int | None = None


def _day_text(match: re.Match[str]) -> _DayText | None:
    if match["iso"]:
        try:
            day = dt.date.fromisoformat(match["iso"])
        except ValueError:
            return None
        return _DayText(match["iso"], day.month, day.day, day.year)
    month_word = (match["month"] or match["month2"]).casefold()[:3]
    month = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(month_word))
    weekday_word = match["weekday"].casefold()[:3] if match["weekday"] else None
    weekday = next((i for i, w in enumerate(_WEEKDAYS) if w[:3] == weekday_word), None)
    start = min(match.start(g) for g in ("weekday", "month", "day2") if match[g])
    text = match.string[start : match.end()]
    year = int(match["year"]) if match["year"] else None
    return _DayText(text.strip(), month, int(match["day"] or match["day2"]), year, weekday)


def _resolve_day(found: _DayText, year: int | None, today: dt.date) -> str:
    """The date as YYYY-MM-DD, or a "TODO: ..." saying why it cannot be told.

    Without a year, the weekday decides: the latest year, up to ``today``, in which the date
    falls on that weekday ("Tuesday, November 11" -> 2025 when read in 2026).
    """
    year = found.year or year
    if year is not None:
        try:
            day = dt.date(year, found.month, found.day)
        except ValueError:
            return f"TODO: {found.text!r} is not a date in {year}; write it as YYYY-MM-DD"
        if found.weekday is not None and day.weekday() != found.weekday:
            weekday = _WEEKDAYS[day.weekday()].capitalize()
            return (
                f"TODO: the page says {found.text!r} but {day.isoformat()} is a {weekday};"
                " check the date and write it as YYYY-MM-DD"
            )
        return day.isoformat()
    if found.weekday is not None:
        for candidate in range(today.year, today.year - 30, -1):
            try:
                day = dt.date(candidate, found.month, found.day)
            except ValueError:
                continue
            if day <= today and day.weekday() == found.weekday:
                return day.isoformat()
    return f"TODO: the page gives no year for {found.text!r}; write the date as YYYY-MM-DD"


def find_dates(
    text: str, *, year: int | None, today: dt.date
) -> tuple[str | None, str | None, int]:
    """(published, updated) from 'Published: ...' / 'Updated: ...' labels, and where they end."""
    days: dict[str, _DayText] = {}
    end = 0
    for match in LABELLED_DATE.finditer(text):
        found = _day_text(match)
        kind = "published" if match["label"].casefold() in ("published", "posted") else "updated"
        if found and kind not in days:
            days[kind] = found
            end = max(end, match.end())
    # A year written with one of the dates holds for the other ("the year from the text").
    text_year = next((d.year for d in days.values() if d.year), None) or year
    published = days.get("published")
    updated = days.get("updated")
    return (
        _resolve_day(published, text_year, today) if published else None,
        _resolve_day(updated, text_year, today) if updated else None,
        end,
    )
