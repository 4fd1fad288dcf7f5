"""Accrued interest is exact: whether events split a period never changes a posted cent."""

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from debtcli.engine.account import account_from_terms
from debtcli.engine.exact import Accrued, round_ratio
from debtcli.engine.replay import replay
from debtcli.model.records import PaymentRecord
from tests.helpers import run, terms_of

LOAN = {"signed": date(2024, 1, 15), "principal": "137000", "rate": "5.01%", "day_count": "ACT/365",
        "method": "interest_only", "term_months": 12, "interest_method": "per_period"}


def test_half_cent_interest_is_the_same_whether_payments_split_the_period():
    # 137,000 x 5.01% / 12 = 6,863.70 / 12 = 571.975 exactly -> 571.98 half-up, every month.
    # Payments on 01-16 and 01-27 split the 31-day period 01-15..02-15 into 1 + 11 + 19 days, and on
    # 02-16 and 03-01 the 29-day period 02-15..03-15 into 1 + 14 + 14. Spans summed as 28-digit
    # quotients came to 571.9749999999999999999999999 and were posted as 571.97; the exact sum
    # 571.975 x (1 + 11 + 19) / 31 is 571.975.
    payments = [PaymentRecord(d, Decimal("1.00"), f"P{i}") for i, d in enumerate(
        (date(2024, 1, 16), date(2024, 1, 27), date(2024, 2, 16), date(2024, 3, 1)))]
    _, split = run(LOAN, date(2024, 5, 15), payments=payments)
    _, whole = run(LOAN, date(2024, 5, 15))
    assert [r.interest for r in split.installments] == [Decimal("571.98")] * 4
    assert [r.interest for r in whole.installments] == [Decimal("571.98")] * 4
    # four installments of 571.98 = 2,287.92; the 4.00 paid goes to the first one's interest
    assert split.charged["interest"] == Decimal("2287.92")
    assert split.balance["interest"] == Decimal("2283.92")
    assert split.postings[0].raw == Decimal("571.975")


def test_30_360_period_is_30_days_whatever_splits_it_on_the_31st():
    # 1,000.00 at 12% a year, 30/360, interest by the day, due on the 15th. Each period is 30 days:
    # 1,000.00 x 12% x 30 / 360 = 10.00. A notice on 31 March splits 15 Mar - 15 Apr; counted on
    # their own the two spans would be 16 days (15th to the 31st) and 15 (the 31st counts as the 30th
    # to 15 Apr): 31 days, 10.33. Counted from the start of the period they are 16 and 30 - 16 = 14.
    # A payment on 29 February (the month-end rule of 30/360 makes the 29th the 30th) splits the
    # next period the same way; it pays interest, so the principal behind each period stays 1,000.00.
    contract = {"signed": date(2024, 1, 15), "principal": "1000.00", "rate": "12%", "day_count": "30/360",
                "method": "interest_only", "interest_method": "daily", "term_months": 6}
    notice = '[[event]]\ndate = 2024-03-31\ntype = "demand_notice"\n'
    for extra, payments in (("", []), (notice, []), (notice, [PaymentRecord(date(2024, 2, 29), Decimal("5.00"), "p")])):
        account, _ = account_from_terms(terms_of(contract, extra=extra), payments=payments)
        res = replay(account, date(2024, 7, 15), trace=False)
        assert [r.interest for r in res.installments] == [Decimal("10.00")] * 6


def test_equal_installment_principal_follows_the_exact_interest():
    # Same loan repaid in 12 equal installments: the first installment's interest is 571.98 with or
    # without the two payments inside the period, so its principal (installment - interest) is too.
    loan = {**LOAN, "method": "equal_installment"}
    payments = [PaymentRecord(date(2024, 1, 16), Decimal("1.00"), "a"),
                PaymentRecord(date(2024, 1, 27), Decimal("1.00"), "b")]
    _, split = run(loan, date(2024, 2, 20), payments=payments)
    _, whole = run(loan, date(2024, 2, 20))
    assert split.installments[0].interest == Decimal("571.98")
    assert split.installments[0].principal == whole.installments[0].principal
    assert split.installments[0].total == whole.installments[0].total


def test_round_ratio_decides_on_the_exact_remainder():
    # 571.975 = 6863.70 / 12: a tie, half-up goes up, half-even to the even cent (8)
    assert round_ratio(Decimal("6863.70"), 12, 2, ROUND_HALF_UP) == Decimal("571.98")
    assert round_ratio(Decimal("6863.70"), 12, 2, ROUND_HALF_EVEN) == Decimal("571.98")
    # 0.125 -> 0.13 half-up, 0.12 half-even; 1/3 -> 0.33 either way
    assert round_ratio(Decimal("1"), 8, 2, ROUND_HALF_UP) == Decimal("0.13")
    assert round_ratio(Decimal("1"), 8, 2, ROUND_HALF_EVEN) == Decimal("0.12")
    assert round_ratio(Decimal("1"), 3, 2, ROUND_HALF_UP) == Decimal("0.33")
    # spans over different denominators add exactly: 1/365 x 73 + 1/12 x 1 = 0.2 + 0.08333.. = 0.28333..
    acc = Accrued()
    acc.add(Decimal(73), 365)
    acc.add(Decimal(1), 12)
    assert round_ratio(acc.num, acc.den, 2, ROUND_HALF_UP) == Decimal("0.28")
    assert round_ratio(acc.num, acc.den, 4, ROUND_HALF_UP) == Decimal("0.2833")


def _month_edge(start: date, months: int, day: int) -> date:
    """``day`` (clipped to the month's length) of the month ``months`` after ``start``'s."""
    y, m = divmod(start.year * 12 + start.month - 1 + months, 12)
    return date(y, m + 1, min(day, calendar.monthrange(y, m + 1)[1]))


@st.composite
def split_loans(draw):
    signed = draw(st.dates(date(2019, 1, 1), date(2025, 12, 31)))
    contract = {
        "signed": signed,
        "principal": str(draw(st.integers(1000, 500000))) + "." + f"{draw(st.integers(0, 99)):02d}",
        "rate": draw(st.sampled_from(["5.01%", "4.35%", "12%", "7.3%", "24%", "0.05%/day"])),
        "day_count": draw(st.sampled_from(["ACT/360", "ACT/365", "ACT/ACT", "30/360", "30E/360"])),
        "method": draw(st.sampled_from(["equal_installment", "equal_principal", "interest_only", "bullet"])),
        "interest_method": draw(st.sampled_from(["daily", "per_period"])),
        "term_months": draw(st.integers(1, 24)),
        "rounding": draw(st.sampled_from(["half_up", "half_even"])),
        "compound": draw(st.booleans()),
    }
    if draw(st.booleans()):
        contract["default_rate"] = draw(st.sampled_from(["+50%", "18%"]))
    if contract["method"] != "bullet" and draw(st.integers(0, 3)) == 0:  # a quarter of the schedules: longer periods
        frequency, months = draw(st.sampled_from([("quarterly", 3), ("half_yearly", 6), ("yearly", 12)]))
        contract["frequency"] = frequency
        contract["term_months"] = months * draw(st.integers(1, 4))
        if contract["method"] == "equal_installment" and draw(st.booleans()):
            contract["in_advance"] = True
    payments = [PaymentRecord(signed + timedelta(days=draw(st.integers(0, 800))),
                              Decimal(draw(st.integers(1, 3_000_000))) / 100, f"P{i}")
                for i in range(draw(st.integers(0, 12)))]
    as_of = signed + timedelta(days=draw(st.integers(1, 900)))
    # half the notices fall on a month's last days or first day, where 30/360's month-end rules act
    notices = sorted({signed + timedelta(days=draw(st.integers(1, 900))) if draw(st.booleans()) else
                      _month_edge(signed, draw(st.integers(0, 29)), draw(st.sampled_from([28, 29, 30, 31, 1])))
                      for _ in range(draw(st.integers(1, 8)))})
    return contract, payments, as_of, [d for d in notices if signed <= d <= as_of]  # no event before signing


def _figures(contract, payments, as_of, notices):
    extra = "".join(f'[[event]]\ndate = {d.isoformat()}\ntype = "demand_notice"\n' for d in notices)
    account, _ = account_from_terms(terms_of(contract, extra=extra), payments=payments)
    res = replay(account, as_of, trace=False)
    return (res.balance, res.buckets, res.credit, res.charged, res.paid, res.installments,
            [(p.date, p.component, p.amount, p.kind, p.n) for p in res.postings],
            [(p.date, p.amount, p.allocations, p.to_credit, p.kind) for p in res.payments])


@settings(max_examples=120, deadline=None)
@given(split_loans())
@example(({**LOAN, "method": "equal_installment", "rounding": "half_up", "compound": False},
          [PaymentRecord(date(2024, 3, 1), Decimal("11728.85"), "x")], date(2024, 6, 1),
          [date(2024, 1, 16), date(2024, 1, 27), date(2024, 2, 16)]))
def test_splitting_a_period_by_no_op_events_changes_no_posted_figure(loan):
    # A demand notice changes no balance; it only makes the replay stop and accrue at its date. The
    # accrual then runs in more spans, which must add up to the same cents.
    contract, payments, as_of, notices = loan
    assert _figures(contract, payments, as_of, notices) == _figures(contract, payments, as_of, [])


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12), st.integers(1, 10**7), st.integers(0, 4),
       st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN, "ROUND_DOWN", "ROUND_UP"]))
def test_rounding_the_28_digit_quotient_agrees_with_the_exact_remainder(num, den, places, mode):
    from decimal import Context

    from debtcli.engine.exact import round_quotient

    # the exact answer by integer arithmetic: floor(num x 10^places / den) and the remainder
    q, r = divmod(num * 10 ** places, den)
    if mode == "ROUND_UP":
        q += r > 0
    elif mode == ROUND_HALF_UP:
        q += 2 * r >= den
    elif mode == ROUND_HALF_EVEN:
        q += 2 * r > den or (2 * r == den and q % 2 == 1)
    expected = Decimal(q).scaleb(-places)
    value = Decimal(num).scaleb(-3)  # the same digits as a numerator with three decimals
    raw = Context(prec=28).divide(value, den)
    got = round_quotient(raw, value, den, places, mode)
    assert got == round_ratio(value, den, places, mode)
    assert round_ratio(Decimal(num), den, places, mode) == expected
