"""A per-period installment counts as a whole month when its start and due date are two consecutive
dates of a monthly schedule: the same day of the month, cut back to the last day in a shorter month,
or kept on month ends. So 30 Jan 2024 -> 29 Feb -> 30 Mar is two whole months: 29 February is the
30th cut back, and the schedule returns to the 30th in March."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from debtcli.engine.account import whole_months as _whole_month


def test_whole_months_by_hand():
    assert _whole_month(date(2024, 1, 15), date(2024, 2, 15))
    assert not _whole_month(date(2024, 1, 15), date(2024, 2, 16))
    assert _whole_month(date(2024, 12, 5), date(2025, 1, 5))  # across the year end
    assert not _whole_month(date(2024, 1, 5), date(2025, 2, 5))  # a year and a month
    assert _whole_month(date(2024, 1, 31), date(2024, 2, 29))  # cut back to February's end
    assert _whole_month(date(2024, 2, 29), date(2024, 3, 31))  # month end kept
    assert _whole_month(date(2024, 2, 29), date(2024, 3, 29))  # or the same day
    assert _whole_month(date(2024, 2, 29), date(2024, 3, 30))  # a schedule on the 30th: 29 Feb is the 30th cut back
    assert _whole_month(date(2023, 2, 28), date(2023, 3, 29))  # a schedule on the 29th in a common year
    assert not _whole_month(date(2024, 1, 28), date(2024, 2, 29))  # the 28th is in every month: a month and a day
    assert not _whole_month(date(2024, 1, 15), date(2024, 2, 29))  # a month end is no cut-back 15th


@given(st.dates(date(1990, 1, 1), date(2060, 12, 31)), st.integers(1, 62))
def test_whole_month_is_two_dates_of_a_monthly_schedule(start, days):
    end = start + timedelta(days=days)
    schedules = set()  # (this date, the next) for a schedule on each day 1-31, and on month ends
    for day in range(1, 32):
        this = start + relativedelta(day=day)  # relativedelta cuts the day back to the month's last
        if this == start:
            schedules.add(start + relativedelta(months=1, day=day))
    if start + relativedelta(day=31) == start:
        schedules.add(start + relativedelta(months=1, day=31))
    assert _whole_month(start, end) == (end in schedules)
