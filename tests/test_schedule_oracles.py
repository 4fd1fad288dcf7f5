"""Schedules against the published worked examples (shared oracles/public.md)."""

from datetime import date
from decimal import Decimal

import pytest

from tests.helpers import run


def schedule(principal, rate, n, method="equal_installment", **extra):
    contract = {"signed": date(2022, 1, 1), "principal": principal, "rate": rate, "method": method,
                "term_months": n, "first_due": date(2022, 2, 1), **extra}
    account, res = run(contract, date(2022, 1, 1).replace(year=2022 + n // 12 + 2), trace=False)
    return account, res.installments


@pytest.mark.parametrize("oracle,principal,rate,n,payment", [
    ("S01", "10000", "8%", 10, "1037.03"),
    ("S14", "21000", "6.9%", 48, "501.90"),
    ("R01", "162000", "3.875%", 360, "761.78"),
    ("R04", "32000", "6%", 36, "973.50"),
    ("C01", "1000000", "4.9%", 360, "5307.27"),
    ("C03", "630000", "4.9%", 360, "3343.58"),
    ("C05", "300000", "4.9%", 360, "1592.18"),
    ("C06", "1000000", "7.05%", 360, "6686.64"),
])
def test_annuity_payment(oracle, principal, rate, n, payment):
    account, rows = schedule(principal, rate, n)
    assert account.annuity == Decimal(payment), oracle
    assert rows[0].total == Decimal(payment), oracle


def test_negative_controls_published_wrong():
    # pages published 19,134.92 and 937.64; the right figures are 1,897.95 and 912.66
    assert schedule("300000", "4.5%", 240)[0].annuity == Decimal("1897.95") != Decimal("19134.92")
    assert schedule("30000", "6%", 36)[0].annuity == Decimal("912.66") != Decimal("937.64")


def test_s04_first_period_interest():
    # 8,000 x 10% / 12 = 66.666.. -> 66.67
    assert schedule("8000", "10%", 36)[1][0].interest == Decimal("66.67")


def test_s06_first_period_principal():
    # payment 92.29; interest 2,000 x 10%/12 = 16.67; principal 75.62
    assert schedule("2000", "10%", 24)[1][0].principal == Decimal("75.62")


def test_r04_first_row():
    rows = schedule("32000", "6%", 36)[1]
    assert (rows[0].interest, rows[0].principal) == (Decimal("160.00"), Decimal("813.50"))


def test_c01_rows_and_totals_both_conventions():
    account, rows = schedule("1000000", "4.9%", 360)
    assert rows[0].interest == Decimal("4083.33")
    # a ledger where principal + interest = 5,307.27 has 1,223.94 in row 1
    assert rows[0].principal == Decimal("1223.94")
    # total of rounded rows, the last installment taking the remaining principal
    assert sum(r.interest for r in rows) == Decimal("910615.12")
    # calculators: total from the unrounded payment x 360 - P
    carried, _ = schedule("1000000", "4.9%", 360, carry_precision=True)
    assert (carried.annuity * 360 - 1000000).quantize(Decimal("0.01")) == Decimal("910616.19")
    assert sum(r.principal for r in rows) == Decimal("1000000")


def test_s09_full_schedule_carried_precision():
    _, rows = schedule("2500", "8.24%", 12, carry_precision=True)
    q = Decimal("0.01")
    first, last = rows[0], rows[-1]
    assert (first.principal.quantize(q), first.interest.quantize(q), first.balance.quantize(q)) == (
        Decimal("200.58"), Decimal("17.17"), Decimal("2299.42"))
    assert (last.principal.quantize(q), last.interest.quantize(q), last.balance.quantize(q)) == (
        Decimal("216.26"), Decimal("1.49"), Decimal("0.00"))
    assert sum(r.interest for r in rows).quantize(q) == Decimal("112.98")


def test_r03_carry_unrounded_balance():
    _, rows = schedule("563", "12%", 5, carry_precision=True)
    q = Decimal("0.01")
    got = [(r.interest.quantize(q), r.principal.quantize(q), r.balance.quantize(q)) for r in rows]
    expected = [("5.63", "110.37", "452.63"), ("4.53", "111.47", "341.16"), ("3.41", "112.59", "228.57"),
                ("2.29", "113.71", "114.85"), ("1.15", "114.85", "0.00")]
    assert got == [tuple(Decimal(x) for x in row) for row in expected]
    # rounding every row instead gives 114.86 in row 4: the convention matters
    _, rounded = schedule("563", "12%", 5)
    assert rounded[3].balance == Decimal("114.86")


def test_c02_equal_principal():
    _, rows = schedule("1000000", "4.9%", 360, method="equal_principal")
    assert rows[0].principal == Decimal("2777.78") and rows[0].interest == Decimal("4083.33")
    assert rows[0].total == Decimal("6861.11")
    # closed form P*i*(n+1)/2 = 737,041.67; the sum of rounded rows is 737,041.08
    closed = (Decimal(1000000) * Decimal("0.049") / 12 * 361 / 2).quantize(Decimal("0.01"))
    assert closed == Decimal("737041.67")
    assert sum(r.interest for r in rows) == Decimal("737041.08")


def test_c04_equal_principal_falls_each_month():
    _, rows = schedule("630000", "4.9%", 360, method="equal_principal")
    assert rows[0].total == Decimal("4322.50")
    # each month the interest falls by 1,750.00 x 4.9% / 12 = 7.1458.. -> 7.15 (rows alternate 7.14 / 7.15)
    assert abs((rows[0].total - rows[1].total) - Decimal("7.15")) <= Decimal("0.01")
    closed = (Decimal(630000) * Decimal("0.049") / 12 * 361 / 2).quantize(Decimal("0.01"))
    assert closed == Decimal("464336.25")


def test_interest_only_and_bullet():
    _, rows = schedule("12000", "12%", 12, method="interest_only")
    assert all(r.principal == 0 for r in rows[:-1]) and rows[-1].principal == Decimal("12000")
    assert all(r.interest == Decimal("120.00") for r in rows)


def test_month_end_due_dates_stick():
    account, rows = run({"signed": date(2024, 1, 1), "principal": "3000", "rate": "12%",
                         "method": "equal_principal", "term_months": 3, "first_due": date(2024, 1, 31)},
                        date(2024, 6, 1))
    assert [r.due for r in rows.installments] == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)]


def test_broken_first_period_accrues_daily():
    # disbursed 2024-01-01, first due 2024-02-15: 45 days, not a whole month, so daily
    # interest: 36,000 x 12% x 45 / 360 = 540.00
    account, res = run({"signed": date(2024, 1, 1), "principal": "36000", "rate": "12%", "day_count": "ACT/360",
                        "method": "equal_principal", "term_months": 3, "first_due": date(2024, 2, 15)},
                       date(2024, 6, 1))
    assert res.installments[0].interest == Decimal("540.00")
    # the second period is a whole month: 24,000 x 12% / 12 = 240.00
    assert res.installments[1].interest == Decimal("240.00")


@pytest.mark.parametrize("rate, payment, interest, last", [
    # Apache Fineract, fineract-e2e-tests-runner EMICalculation.feature, scenarios C3154 and C3155:
    # 100 EUR disbursed 1 January 2024, 6 monthly equal installments, interest by the day on 30/360
    ("12%", "17.25", ["1.00", "0.84", "0.67", "0.51", "0.34", "0.17"], "17.28"),
    ("9.4822%", "17.13", ["0.79", "0.66", "0.53", "0.40", "0.27", "0.13"], "17.13"),
])
def test_fineract_emi_on_30_360(rate, payment, interest, last):
    # by hand, the first row at 12%: 100 x 12% x 30 / 360 = 1.00, principal 17.25 - 1.00 = 16.25; the second
    # 83.75 x 12% x 30 / 360 = 0.8375 -> 0.84 (February counts 30 days on 30/360, as Fineract's "Days" 29 does not)
    contract = {"signed": date(2024, 1, 1), "principal": "100.00", "rate": rate, "method": "equal_installment",
                "term_months": 6, "day_count": "30/360", "interest_method": "daily"}
    _, res = run(contract, date(2024, 8, 1), trace=False)
    rows = res.installments
    assert [r.total for r in rows[:-1]] == [Decimal(payment)] * 5 and rows[-1].total == Decimal(last)
    assert [r.interest for r in rows] == [Decimal(x) for x in interest]
