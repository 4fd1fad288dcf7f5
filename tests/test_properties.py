"""Invariants of the replay, checked on generated loans and payment histories."""

import random
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.engine.account import account_from_terms
from debtcli.engine.replay import replay
from debtcli.model.records import COMPONENTS, PaymentRecord
from tests.helpers import terms_of

methods = st.sampled_from(["equal_installment", "equal_principal", "interest_only", "bullet"])
rates = st.sampled_from(["0%", "4.9%", "12%", "24%", "36%", "0.05%/day", "2%/month"])
day_counts = st.sampled_from(["ACT/360", "ACT/365", "ACT/ACT", "30/360", "30E/360"])


@st.composite
def loans(draw):
    signed = draw(st.dates(date(2019, 1, 1), date(2025, 12, 31)))
    contract = {
        "signed": signed,
        "principal": str(draw(st.integers(1000, 500000))) + "." + f"{draw(st.integers(0, 99)):02d}",
        "rate": draw(rates),
        "day_count": draw(day_counts),
        "method": draw(methods),
        "term_months": draw(st.integers(1, 36)),
        "grace_days": draw(st.integers(0, 5)),
        "rounding": draw(st.sampled_from(["half_up", "half_even"])),
        "compound": draw(st.booleans()),
    }
    if draw(st.booleans()):
        contract["default_rate"] = draw(st.sampled_from(["+50%", "18%", "36%"]))
    if draw(st.booleans()):
        contract["penalty"] = "500.00"
    if draw(st.booleans()):
        contract["late_fee"] = draw(st.sampled_from(["30.00", "5%"]))
    if contract["method"] in ("equal_installment", "equal_principal", "interest_only", "flat") \
            and draw(st.integers(0, 4)) == 0:  # some schedules by the quarter, half-year or year
        frequency, months = draw(st.sampled_from([("quarterly", 3), ("half_yearly", 6), ("yearly", 12)]))
        contract["frequency"] = frequency
        contract["term_months"] = months * draw(st.integers(1, 4))
        if contract["method"] == "equal_installment" and draw(st.booleans()):
            contract["in_advance"] = True
    periods = contract["term_months"] // {"quarterly": 3, "half_yearly": 6, "yearly": 12}.get(contract.get("frequency"), 1)
    if contract["method"] in ("equal_installment", "equal_principal") and not contract.get("in_advance") \
            and periods > 1 and draw(st.integers(0, 4)) == 0:  # some with installments of interest only first
        contract["interest_only_periods"] = draw(st.integers(1, periods - 1))
    n_pay = draw(st.integers(0, 40))
    payments = []
    for i in range(n_pay):
        d = signed + timedelta(days=draw(st.integers(0, 1300)))
        cents = draw(st.integers(1, 5_000_000))
        payments.append(PaymentRecord(d, Decimal(cents) / 100, f"P{i}"))
    as_of = signed + timedelta(days=draw(st.integers(1, 1500)))
    return contract, payments, as_of


def _replay(contract, payments, as_of):
    terms = terms_of(contract)
    account, _ = account_from_terms(terms, payments=payments)
    return replay(account, as_of)


@settings(max_examples=150, deadline=None)
@given(loans())
def test_money_is_conserved_and_nothing_goes_negative(loan):
    contract, payments, as_of = loan
    res = _replay(contract, payments, as_of)
    cash = sum((p.amount for p in payments if p.date <= as_of), Decimal(0))
    allocated = sum((a.amount for p in res.payments if p.kind in ("payment", "credit") for a in p.allocations),
                    Decimal(0))
    # every payment allocated exactly once, to the cent; what is left over is credit
    assert allocated + res.credit == cash
    for c in COMPONENTS:
        assert res.balance[c] >= 0, c
    assert res.credit >= 0
    # charged - paid - waived = outstanding, per component
    for c in COMPONENTS:
        assert res.charged[c] - res.paid[c] - res.waived[c] == res.balance[c], c


@settings(max_examples=80, deadline=None)
@given(loans(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(loan, rnd):
    # A payment's identity is its record, from the account to the report: each record dated up to the
    # as-of date is applied exactly once and carries itself, whatever order the records came in, and
    # the allocation of each record is the same in both orders.
    contract, payments, as_of = loan
    shuffled = list(payments)
    rnd.shuffle(shuffled)
    runs = []
    for order in (payments, shuffled):
        account, _ = account_from_terms(terms_of(contract), payments=order)
        result = replay(account, as_of, False)
        applied = [p for p in result.payments if p.kind == "payment"]
        assert sorted(map(id, (p.payment for p in applied))) == sorted(id(p) for p in account.payments
                                                                         if p.date <= as_of)
        assert all(p.amount == p.payment.amount and p.date == p.payment.date for p in applied)
        runs.append(result)
    a, b = runs
    assert a.balance == b.balance
    assert a.credit == b.credit
    assert {id(p.payment): p.allocations for p in a.payments if p.kind == "payment"} == \
        {id(p.payment): p.allocations for p in b.payments if p.kind == "payment"}


@settings(max_examples=80, deadline=None)
@given(st.integers(1000, 300000), st.sampled_from(["4.9%", "12%", "24%"]), st.integers(1, 36),
       st.sampled_from(["equal_installment", "equal_principal", "interest_only"]),
       st.dates(date(2020, 1, 1), date(2025, 1, 1)))
def test_paying_the_schedule_on_due_dates_leaves_zero(principal, rate, n, method, signed):
    contract = {"signed": signed, "principal": str(principal), "rate": rate, "method": method, "term_months": n,
                "default_rate": "+50%", "late_fee": "50.00"}
    terms = terms_of(contract)
    account, _ = account_from_terms(terms, payments=())
    sched = replay(account, account.due_dates[-1])
    payments = [PaymentRecord(r.due, r.total, f"n{r.n}") for r in sched.installments]
    res = replay(account.with_payments(payments), account.due_dates[-1])
    assert res.balance["total"] == 0
    assert res.credit == 0
    assert all(r.status == "paid" for r in res.installments)
    assert res.first_missed is None


def test_same_day_payments_in_any_order_give_the_same_balance():
    contract = {"signed": date(2024, 1, 1), "principal": "10000", "rate": "12%", "method": "bullet",
                "term_months": 1, "default_rate": "18%"}
    ps = [PaymentRecord(date(2024, 3, 1), Decimal(a), r) for a, r in (("100", "x"), ("50.50", "y"), ("7", "z"))]
    results = set()
    for _ in range(6):
        random.shuffle(ps)
        res = _replay(contract, ps, date(2024, 3, 31))
        results.add(tuple(res.balance.items()))
    assert len(results) == 1
