"""Dates in news text: the publication date of an article and the dates of what it reports.

Relative expressions ("Thursday", "yesterday", "last month", "in May", "Dec. 6") are
resolved against the publication date and never land after it. Each resolved date keeps
its precision (day, week, month, year) so a vague "last month" is not drawn as a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names}
WEEKDAYS = {name: number for number, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
         r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Not followed by a year, nor by a capitalised name ("February 17 Martyrs Brigade").
_NO_YEAR = r"(?!\s*,?\s*(?:19|20)\d\d)(?!\s+(?-i:[A-Z])[a-z]+\s+(?-i:[A-Z]))"
# Ordered: the first pattern that matches at a position wins (longer forms first).
_PATTERN_TEXT = [
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<number>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("day_month_year", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    ("month_year", rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
    ("month_day", rf"\b{_MONTH}\s+{_DAY}\b{_NO_YEAR}"),
    ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b{_NO_YEAR}"),
    ("ago", r"\b(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b"),
    ("last_weekday", rf"\blast\s+{_WEEKDAY}\b"),
    ("weekday", rf"\b{_WEEKDAY}(?:'s|’s)?\b"),
    ("yesterday", r"\b(?:yesterday|last night)\b"),
    # "clashes continued overnight": into the day of publication, as the gold dates it;
    # "overnight Sunday" is Sunday's.
    ("today", rf"\b(?:today|tonight|this morning|this afternoon|this evening|earlier today"
              rf"|overnight(?!\s+(?:on\s+)?{_WEEKDAY}))\b"),
    ("weekend", r"\b(?:over|during|at) the weekend\b|\blast weekend\b"),
    ("last_week", r"\blast week\b"),
    ("this_week", r"\b(?:earlier|later) (?:in|this) the week\b|\bearlier this week\b|\bthis week\b"
                  r"|\bearlier in the week\b"),
    ("last_month", r"\blast month\b"),
    ("this_month", r"\b(?:earlier )?this month\b"),
    ("last_year", r"\blast year\b"),
    ("this_year", r"\b(?:earlier )?this year\b"),
    ("vague", r"\b(?:(?:was|were|had been) once|over the (?:past|last) "
              r"(?:few |several |two |three )?(?:days|weeks|months|years)"
              r"|in recent (?:days|weeks|months)|for (?:weeks|months)"
              # counted from another event, not from publication: "a week later"
              r"|(?:a|an|one|two|three|four|five|six|seven|\d+|several|few|some) "
              r"(?:days?|weeks?|months?) (?:later|earlier|afterwards?)|days later"
              r"|the (?:next|following|previous) (?:day|morning|week)|the day (?:before|after))\b"),
    ("month_alone", r"\b(?-i:January|February|March|April|June|July|August|September|October"
                    r"|November|December)\b(?!\s+\d)"),
    ("in_year", r"\b(?:in|since|during|of|until)\s+(?P<year>(?:19|20)\d\d)\b"),
    ("in_month", rf"\b(?:in|since|during|of)\s+(?:(?:early|mid|late)[- ])?{_MONTH}\b(?!\s+\d)"),
]
PATTERNS = [(kind, re.compile(pattern, re.I)) for kind, pattern in _PATTERN_TEXT]
# Datelines such as "Thursday, 09 June 2016" or "WASHINGTON, Aug. 4, 2016 —".
DATELINE_WINDOW = 400


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: date | None
    precision: str  # day / week / month / year; "vague" (no date) for "once", "for weeks"


def _year_for(month: int, day: int | None, published: date) -> int:
    """The latest year that puts month/day on or before the publication date."""
    candidate = date(published.year, month, day or 1)
    return published.year if candidate <= published else published.year - 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(kind: str, match: re.Match[str], published: date) -> tuple[date, str] | None:
    """The date and precision an expression names, seen from `published`."""
    groups = match.groupdict()
    month = MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "iso":
        value = _safe_date(year, int(groups["number"]), day)
        return (value, "day") if value else None
    if kind in ("month_day_year", "day_month_year"):
        value = _safe_date(year, month, day)
        return (value, "day") if value else None
    if kind == "month_year":
        return date(year, month, 1), "month"
    if kind in ("month_day", "day_month"):
        if not day or day > 31:
            return None
        value = _safe_date(_year_for(month, day, published), month, day)
        return (value, "day") if value else None
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
        return published - timedelta(days=back), "day"
    if kind == "last_weekday":  # "last Friday" in a Friday article: a week before
        back = (published.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7 or 7
        return published - timedelta(days=back), "day"
    if kind == "ago":
        count = COUNT_WORDS.get(groups["count"].lower()) or int(groups["count"])
        unit = groups["unit"].lower().rstrip("s")
        if unit == "day":
            return published - timedelta(days=count), "day"
        if unit == "week":
            return published - timedelta(days=7 * count), "week"
        if unit == "month":
            months = published.year * 12 + published.month - 1 - count
            return date(months // 12, months % 12 + 1, 1), "month"
        return date(published.year - count, 1, 1), "year"
    if kind == "yesterday":
        return published - timedelta(days=1), "day"
    if kind == "today":
        return published, "day"
    if kind == "weekend":
        back = (published.weekday() - WEEKDAYS["saturday"]) % 7 or 7
        return published - timedelta(days=back), "day"
    if kind == "last_week":
        monday = published - timedelta(days=published.weekday())
        return monday - timedelta(days=7), "week"
    if kind == "this_week":
        return published - timedelta(days=published.weekday()), "week"
    if kind == "last_month":
        first = published.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1), "month"
    if kind == "this_month":
        return published.replace(day=1), "month"
    if kind == "last_year":
        return date(published.year - 1, 1, 1), "year"
    if kind == "this_year":
        return date(published.year, 1, 1), "year"
    if kind == "vague":
        return None
    if kind == "month_alone":
        return date(_year_for(MONTHS[match.group().lower()], None, published),
                    MONTHS[match.group().lower()], 1), "month"
    if kind == "in_year":
        return date(year, 1, 1), "year"
    if kind == "in_month":
        return date(_year_for(month, None, published), month, 1), "month"
    return None


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression of `text`, resolved; relative ones need `published`."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            absolute = kind in ("month_day_year", "day_month_year", "month_year")
            if published is None and not absolute:
                continue
            resolved = resolve(kind, match, published or date.max)
            if kind == "vague":
                found.append(DateMention(match.start(), match.end(), match.group(), None,
                                         "vague"))
                taken.append((match.start(), match.end()))
                continue
            if resolved is None:
                continue
            value, precision = resolved
            if published is not None and value > published:
                continue  # an event is never reported before it happens
            found.append(DateMention(match.start(), match.end(), match.group(), value,
                                     precision))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def dateline_date(text: str) -> date | None:
    """A full date near the top of the article ("Thursday, 09 June 2016"), if any."""
    for mention in find_dates(text[:DATELINE_WINDOW], None):
        if mention.precision == "day" and mention.date is not None:
            return mention.date
    return None
