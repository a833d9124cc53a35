"""Relative dates resolve against the publication date and never land after it."""

from datetime import date

import pytest

from geo.dates import dateline_date, find_dates

THURSDAY = date(2016, 8, 4)


def one(text, published=THURSDAY):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0].date, found[0].precision


@pytest.mark.parametrize("text,expected", [
    ("on Wednesday", (date(2016, 8, 3), "day")),
    ("Thursday's strikes", (THURSDAY, "day")),
    ("on Friday", (date(2016, 7, 29), "day")),
    ("yesterday", (date(2016, 8, 3), "day")),
    ("last night", (date(2016, 8, 3), "day")),
    ("earlier today", (THURSDAY, "day")),
    ("last week", (date(2016, 7, 25), "week")),
    ("last month", (date(2016, 7, 1), "month")),
    ("earlier this year", (date(2016, 1, 1), "year")),
    ("in May", (date(2016, 5, 1), "month")),
    ("in December", (date(2015, 12, 1), "month")),
    ("on Aug. 1", (date(2016, 8, 1), "day")),
    ("since January 4", (date(2016, 1, 4), "day")),
    ("on 9 June 2015", (date(2015, 6, 9), "day")),
    ("in September 2012", (date(2012, 9, 1), "month")),
])
def test_expressions_resolve_against_the_publication_date(text, expected):
    assert one(text) == expected


def test_nothing_is_dated_after_publication():
    assert find_dates("on Aug. 9, 2016", THURSDAY) == []
    assert one("on Dec. 25")[0] == date(2015, 12, 25)


def test_names_and_vague_spans_are_not_days():
    assert find_dates("the February 17 Martyrs Brigade", THURSDAY) == []
    vague = find_dates("over the past several weeks", THURSDAY)
    assert vague and vague[0].date is None and vague[0].precision == "vague"


def test_dateline_gives_the_publication_date():
    assert dateline_date("Thursday, 09 June 2016\n\nFighting in Sirte.") == date(2016, 6, 9)
    assert dateline_date("WASHINGTON, Aug. 4, 2016 — U.S. forces") == date(2016, 8, 4)
    assert dateline_date("No date here, only Tuesday.") is None


@pytest.mark.parametrize("text,expected", [
    ("two days ago", (date(2016, 8, 2), "day")),
    ("10 days ago", (date(2016, 7, 25), "day")),
    ("three weeks ago", (date(2016, 7, 14), "week")),
    ("six months ago", (date(2016, 2, 1), "month")),
    ("a year ago", (date(2015, 1, 1), "year")),
    ("last Thursday", (date(2016, 7, 28), "day")),  # not the article's own Thursday
    ("last Monday", (date(2016, 8, 1), "day")),
])
def test_counted_back_and_last_weekdays(text, expected):
    assert one(text) == expected


def test_iso_dates_and_overnight_resolve():
    published = date(2019, 9, 26)
    found = [(d.text, d.date, d.precision) for d in find_dates(
        "Talks on 2019-09-24 failed; clashes continued overnight and overnight Sunday.",
        published)]
    assert found == [("2019-09-24", date(2019, 9, 24), "day"),
                     ("overnight", published, "day"), ("Sunday", date(2019, 9, 22), "day")]
    assert find_dates("Filed 2019-13-45.", published) == []


def test_a_date_counted_from_another_event_is_not_guessed():
    published = date(2018, 6, 29)
    for text in ("It fell a week later.", "They returned the next day.",
                 "Two days earlier, it was quiet.", "the day before"):
        (found,) = find_dates(text, published)
        assert (found.date, found.precision) == (None, "vague"), text
