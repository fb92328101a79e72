"""Dates of papers and the periods time series count them in.

Every date papergraph hands on is an ISO 8601 string: a day (``2024-05-27``) or, where only
the month is known, a month (``2024-05``). Where a paper's dates come from:

- a **listing date** is the day a paper appeared on a listing page: the date in a day file's
  name, a record's ``date`` field, or the date of a ``daily_papers`` entry. A page dump's date
  line such as ``Sep 16`` has no year: it is kept as the listing's *label* (``Listing.date``)
  but is not a date, and is never completed with a guessed year;
- a **publication date** is a record's ``published``/``publishedAt`` field (for the Hugging
  Face ``daily_papers`` response, the paper's own ``publishedAt``: its arXiv submission);
  without one, an arXiv id gives the month of submission (``2405.15738`` -> ``2024-05``).

:attr:`papergraph.types.Paper.first_seen` is the first listing date, else the publication date.

Periods are labelled by ISO strings too: a day ``2024-05-27``, an ISO week ``2024-W22``, a
month ``2024-05``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

__all__ = [
    "PERIODS", "is_iso_day", "is_iso_date", "arxiv_month", "day_of", "mean_date", "mean_of_ordinals",
    "decimal_year", "period_of", "period_range", "period_start", "choose_period"
]

#: The periods a time series can be counted in, finest first.
PERIODS: tuple[str, ...] = ("day", "week", "month")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_NEW_ARXIV_ID = re.compile(r"(\d{2})(\d{2})\.\d{4,5}")
_OLD_ARXIV_ID = re.compile(r"[a-z][a-z-]*(?:\.[A-Z]{2})?/(\d{2})(\d{2})\d{3}")
# Spans up to these many days are counted by day, then by week; longer ones by month.
_DAY_SPAN, _WEEK_SPAN = 31, 182


def is_iso_day(value: object) -> bool:
    """True for an ISO day ``YYYY-MM-DD`` that exists in the calendar.

    Examples
    --------
    >>> is_iso_day("2024-02-29"), is_iso_day("2023-02-29"), is_iso_day("Sep 16"), is_iso_day(None)
    (True, False, False, False)
    """
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_iso_date(value: object) -> bool:
    """True for an ISO day or month (``2024-05-27``, ``2024-05``) that exists in the calendar.

    Examples
    --------
    >>> is_iso_date("2024-05"), is_iso_date("2024-13"), is_iso_date("2024-05-27"), is_iso_date("May 2024")
    (True, False, True, False)
    """
    if isinstance(value, str) and _ISO_MONTH.fullmatch(value):
        return 1 <= int(value[5:]) <= 12
    return is_iso_day(value)


def arxiv_month(arxiv_id: str | None) -> str | None:
    """The month of submission an arXiv id encodes (``YYMM``), as ``YYYY-MM``.

    New-style ids began in April 2007 (``0704.0001``); old-style ids (``hep-th/9901001``)
    run from 1991 to March 2007, so their two-digit years of 91-99 are 19xx.

    Examples
    --------
    >>> arxiv_month("2405.15738"), arxiv_month("hep-th/9901001"), arxiv_month("math.GT/0309136")
    ('2024-05', '1999-01', '2003-09')
    >>> arxiv_month("2413.00001"), arxiv_month(None)
    (None, None)
    """
    if not arxiv_id:
        return None
    match = _NEW_ARXIV_ID.fullmatch(arxiv_id) or _OLD_ARXIV_ID.fullmatch(arxiv_id)
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return f"{(1900 if year >= 91 else 2000) + year}-{month:02d}"


def day_of(date: str) -> datetime.date:
    """The day an ISO date stands for: a month-only date is its first day.

    Examples
    --------
    >>> day_of("2024-05-27"), day_of("2024-05")
    (datetime.date(2024, 5, 27), datetime.date(2024, 5, 1))
    """
    return datetime.date.fromisoformat(date if _ISO_DAY.fullmatch(date) else date + "-01")


def mean_date(dates: Iterable[str]) -> str | None:
    """The mean of ISO dates, to the nearest day (month-only dates count as their first day).

    Examples
    --------
    >>> mean_date(["2024-01-01", "2024-01-03"]), mean_date(["2024-03", "2024-03-31"]), mean_date([])
    ('2024-01-02', '2024-03-16', None)
    """
    days = [day_of(date).toordinal() for date in dates]
    return mean_of_ordinals(sum(days), len(days)) if days else None


def mean_of_ordinals(total: float, count: int) -> str:
    """The ISO day nearest the mean of ``count`` day ordinals that sum to ``total``.

    >>> mean_of_ordinals(2 * 738886 + 2, 2)
    '2024-01-02'
    """
    return datetime.date.fromordinal(round(total / count)).isoformat()


def decimal_year(date: str) -> float:
    """An ISO date as a year with a fraction (VOSviewer's overlay scale), to three decimals.

    Examples
    --------
    >>> decimal_year("2024-01-01"), decimal_year("2024-07-02"), decimal_year("2025-12")
    (2024.0, 2024.5, 2025.915)
    """
    day = day_of(date)
    length = (datetime.date(day.year + 1, 1, 1) - datetime.date(day.year, 1, 1)).days
    return round(day.year + (day.timetuple().tm_yday - 1) / length, 3)


def period_of(date: str, period: str) -> str | None:
    """The label of the ``period`` (day, week, month) a date falls in.

    A month-only date has no day or week: None then.

    Examples
    --------
    >>> period_of("2024-05-27", "day"), period_of("2024-05-27", "week"), period_of("2024-05-27", "month")
    ('2024-05-27', '2024-W22', '2024-05')
    >>> period_of("2024-05", "month"), period_of("2024-05", "week")
    ('2024-05', None)
    """
    if period == "month":
        return date[:7]
    if not _ISO_DAY.fullmatch(date):
        return None
    if period == "day":
        return date
    year, week, _ = datetime.date.fromisoformat(date).isocalendar()
    return f"{year}-W{week:02d}"


def period_start(label: str) -> datetime.date:
    """The first day of a period given by its label.

    Examples
    --------
    >>> period_start("2024-W22"), period_start("2024-05"), period_start("2024-05-27")
    (datetime.date(2024, 5, 27), datetime.date(2024, 5, 1), datetime.date(2024, 5, 27))
    """
    if "-W" in label:
        year, week = label.split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    return day_of(label)


def _next_start(start: datetime.date, period: str) -> datetime.date:
    if period == "day":
        return start + datetime.timedelta(days=1)
    if period == "week":
        return start + datetime.timedelta(weeks=1)
    return (start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def period_range(first: str, last: str, period: str) -> list[str]:
    """Every period label from the one holding ``first`` to the one holding ``last``, empty ones too.

    Examples
    --------
    >>> period_range("2024-05-30", "2024-06-02", "day")
    ['2024-05-30', '2024-05-31', '2024-06-01', '2024-06-02']
    >>> period_range("2024-11", "2025-02-10", "month")
    ['2024-11', '2024-12', '2025-01', '2025-02']
    >>> period_range("2024-12-30", "2025-01-06", "week")
    ['2025-W01', '2025-W02']
    """
    start, stop = day_of(first), day_of(last)
    labels: list[str] = []
    while start <= stop:
        label = period_of(start.isoformat(), period)  # a day's period always exists
        assert label is not None
        labels.append(label)
        start = _next_start(period_start(label), period)
    return labels


def choose_period(dates: list[str]) -> str:
    """The period that suits the span of these dates: day up to a month, week up to half a
    year, month beyond (and month whenever some dates are known to the month only).

    Examples
    --------
    >>> choose_period(["2024-05-01", "2024-05-20"]), choose_period(["2024-05-01", "2024-08-20"])
    ('day', 'week')
    >>> choose_period(["2024-05-01", "2025-05-01"]), choose_period(["2024-05-01", "2024-05"])
    ('month', 'month')
    """
    if not dates or any(not _ISO_DAY.fullmatch(date) for date in dates):
        return "month"
    span = (day_of(max(dates)) - day_of(min(dates))).days
    return "day" if span <= _DAY_SPAN else "week" if span <= _WEEK_SPAN else "month"
