from datetime import date
from decimal import Decimal

import pytest

from debtcli.engine.daycount import day_count_days, year_fraction


@pytest.mark.parametrize("oracle,start,end,conv,expected", [
    ("Y00", date(2009, 12, 15), date(2010, 6, 30), "30/360", "0.541666666666667"),
    ("Y01", date(2009, 12, 15), date(2010, 6, 30), "ACT/ACT", "0.53972602739726"),
    ("Y02", date(2009, 12, 15), date(2010, 6, 30), "ACT/360", "0.547222222222222"),
    ("Y03", date(2009, 12, 15), date(2010, 6, 30), "ACT/365", "0.53972602739726"),
    ("Y05", date(2008, 1, 1), date(2008, 7, 1), "ACT/365", "0.498630136986"),
    ("Y06", date(2007, 1, 1), date(2009, 7, 1), "30/360", "2.5"),
])
def test_public_year_fractions(oracle, start, end, conv, expected):
    places = len(expected.split(".")[1]) if "." in expected else 0
    got = year_fraction(start, end, conv).quantize(Decimal(1).scaleb(-places))
    assert got == Decimal(expected), oracle


def test_act_act_splits_at_year_end():
    # 2007-12-01 -> 2008-02-01: 31 days of 365 + 31 days of 366
    assert year_fraction(date(2007, 12, 1), date(2008, 2, 1), "ACT/ACT") == Decimal(31) / 365 + Decimal(31) / 366


def test_thirty_360_month_ends():
    # US: 31st -> 30th; end on 31st stays 31 unless start >= 30
    assert day_count_days(date(2021, 1, 31), date(2021, 3, 31), "30/360") == 60
    assert day_count_days(date(2021, 1, 15), date(2021, 3, 31), "30/360") == 76
    # 30E/360: both 31sts become 30
    assert day_count_days(date(2021, 1, 15), date(2021, 3, 31), "30E/360") == 75
    # last day of February, US rule
    assert day_count_days(date(2021, 2, 28), date(2021, 3, 31), "30/360") == 30


def test_leap_day_counts():
    assert day_count_days(date(2024, 2, 1), date(2024, 3, 1), "ACT/365") == 29
    assert year_fraction(date(2024, 1, 1), date(2025, 1, 1), "ACT/ACT") == 1
