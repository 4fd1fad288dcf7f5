"""A per-period installment counts as a whole month when its due date is one month after the
period's start, the month added either way: keeping month ends or cutting back to the last day."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from debtcli.engine.replay import _whole_month


def test_whole_months_by_hand():
    assert _whole_month(date(2024, 1, 15), date(2024, 2, 15))
    assert not _whole_month(date(2024, 1, 15), date(2024, 2, 16))
    assert _whole_month(date(2024, 12, 5), date(2025, 1, 5))  # across the year end
    assert not _whole_month(date(2024, 1, 5), date(2025, 2, 5))  # a year and a month
    assert _whole_month(date(2024, 1, 31), date(2024, 2, 29))  # cut back to February's end
    assert _whole_month(date(2024, 2, 29), date(2024, 3, 31))  # month end kept
    assert _whole_month(date(2024, 2, 29), date(2024, 3, 29))  # or the same day
    assert not _whole_month(date(2024, 2, 29), date(2024, 3, 30))


@given(st.dates(date(1990, 1, 1), date(2060, 12, 31)), st.integers(1, 62))
def test_whole_month_is_one_month_either_way(start, days):
    end = start + timedelta(days=days)
    month_end = start + relativedelta(day=31) == start
    one_month = {start + relativedelta(months=1)}
    if month_end:
        one_month.add(start + relativedelta(months=1, day=31))
    assert _whole_month(start, end) == (end in one_month)
