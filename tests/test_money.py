from decimal import Decimal

import pytest

from debtcli.model.money import D, MISSING, ParseError, Rate, parse_amount, parse_rate, round_money


@pytest.mark.parametrize("text,expected", [
    ("1234.56", "1234.56"),
    ("1,234.56", "1234.56"),
    ("¥1,234.56", "1234.56"),
    ("￥1,234.56元", "1234.56"),
    ("(1,234.56)", "-1234.56"),
    ("-1,234.56", "-1234.56"),
    ("１，２３４．５６", "1234.56"),
    ("$ 12", "12"),
])
def test_amounts_as_staff_write_them(text, expected):
    assert parse_amount(text) == Decimal(expected)


def test_declared_decimal_comma():
    assert parse_amount("1.234,56", decimal_mark=",") == Decimal("1234.56")


@pytest.mark.parametrize("text", ["", "  ", "abc", "1.2.3", "12a", "--5"])
def test_bad_amounts_are_errors_not_zero(text):
    with pytest.raises(ParseError):
        parse_amount(text)


def test_floats_are_refused():
    with pytest.raises(TypeError):
        D(0.1)
    with pytest.raises(TypeError):
        parse_amount(0.1)


def test_missing_is_not_zero():
    assert MISSING is not None and not MISSING and MISSING != 0


@pytest.mark.parametrize("text,value,per", [
    ("24%", "0.24", "year"),
    ("24% p.a.", "0.24", "year"),
    ("2%/month", "0.02", "month"),
    ("0.05%/day", "0.0005", "day"),
    ("年利率24%", "0.24", "year"),
    ("月利率2%", "0.02", "month"),
    ("月息2分", "0.02", "month"),       # 2 分 a month = 2% a month
    ("年息1分5厘", "0.15", "year"),     # 1 分 5 厘 a year = 15% a year
    ("月息5厘", "0.005", "month"),      # 5 厘 a month = 0.5% a month
    ("日利率万分之五", "0.0005", "day"),
    ("月利率千分之五", "0.005", "month"),
])
def test_rates_in_english_and_chinese(text, value, per):
    r = parse_rate(text)
    assert (r.value, r.per) == (Decimal(value), per)


def test_daily_rate_annualised_by_basis_is_exact():
    daily = parse_rate("0.05%/day")
    # 10,000 at 0.05% a day for 30 days is 150.00 whatever the basis
    for basis in (360, 365):
        assert Decimal(10000) * daily.annual(basis) * 30 / basis == Decimal("150")


@pytest.mark.parametrize("text", ["abc%", "年利率", "-5%", ""])
def test_bad_rates(text):
    with pytest.raises(ParseError):
        parse_rate(text)


def test_named_rounding_modes():
    # R01: month-1 interest of a US mortgage, 162,000 x 3.875% / 12 = 523.125
    raw = Decimal(162000) * Decimal("0.03875") / 12
    assert raw == Decimal("523.125")
    assert round_money(raw, "half_up") == Decimal("523.13")
    assert round_money(raw, "half_even") == Decimal("523.12")
    assert Rate(Decimal("0.24")).percent() == "24%"
