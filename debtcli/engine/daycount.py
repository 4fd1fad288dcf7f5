"""Day counts: how many days a span has and what fraction of a year it is.

Conventions: ACT/360, ACT/365 (fixed), ACT/ACT (ISDA), 30/360 (US bond basis), 30E/360
(Eurobond). Counting of ends is separate: ``start`` counts the first day and not the last
(算头不算尾, the default); ``both`` counts both (算头算尾), which the replay applies by running
accrual through the end date inclusive.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

_D360 = Decimal(360)
_D365 = Decimal(365)
_D366 = Decimal(366)


def days_30_360_us(start: date, end: date) -> int:
    d1, d2 = start.day, end.day
    if _is_last_of_feb(start) and _is_last_of_feb(end):
        d2 = 30
    if _is_last_of_feb(start):
        d1 = 30
    if d2 == 31 and d1 >= 30:
        d2 = 30
    if d1 == 31:
        d1 = 30
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def days_30e_360(start: date, end: date) -> int:
    d1, d2 = min(start.day, 30), min(end.day, 30)
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def _is_last_of_feb(d: date) -> bool:
    return d.month == 2 and d.day == calendar.monthrange(d.year, 2)[1]


def day_count_days(start: date, end: date, convention: str) -> int:
    """Days in [start, end) under the convention (30-day months for the 30/360 family)."""
    if convention == "30/360":
        return days_30_360_us(start, end)
    if convention == "30E/360":
        return days_30e_360(start, end)
    return (end - start).days


def basis_days(convention: str, year: int | None = None) -> int:
    """The denominator of the convention; ACT/ACT has none of its own (365 or 366 by year)."""
    if convention in ("ACT/360", "30/360", "30E/360"):
        return 360
    if convention == "ACT/ACT" and year is not None:
        return 366 if calendar.isleap(year) else 365
    return 365


def year_fraction(start: date, end: date, convention: str) -> Decimal:
    """The fraction of a year from start to end (exclusive of end)."""
    if end <= start:
        return Decimal(0)
    if convention == "ACT/360":
        return Decimal((end - start).days) / _D360
    if convention == "ACT/365":
        return Decimal((end - start).days) / _D365
    if convention in ("30/360", "30E/360"):
        return Decimal(day_count_days(start, end, convention)) / _D360
    if convention == "ACT/ACT":
        return sum((Decimal(days) / Decimal(basis) for days, basis in act_act_pieces(start, end)), Decimal(0))
    raise ValueError(f"unknown day count {convention!r}")


def act_act_pieces(start: date, end: date) -> list[tuple[int, int]]:
    """ACT/ACT (ISDA): the span split at 1 January, each piece as (days, days in its year)."""
    pieces = []
    cur = start
    while cur < end:
        nxt = min(end, date(cur.year + 1, 1, 1))
        pieces.append(((nxt - cur).days, 366 if calendar.isleap(cur.year) else 365))
        cur = nxt
    return pieces
