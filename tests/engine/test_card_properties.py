"""Invariants of the card replay over generated purchase histories."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.card_helpers import card_run, line, pay

START = date(2026, 1, 6)
AS_OF = date(2026, 7, 5)

purchases = st.lists(
    st.tuples(st.integers(0, 150), st.integers(1, 500_000).map(lambda c: Decimal(c).scaleb(-2))),
    min_size=1, max_size=12)


def _ledger(items):
    return [line(START + timedelta(days=day), "purchase", str(amount), row=i + 2)
            for i, (day, amount) in enumerate(items)]


@settings(max_examples=40, deadline=None)
@given(purchases)
def test_paying_every_statement_in_full_costs_no_interest(items):
    ledger = _ledger(items)
    # first find each statement's balance, then pay exactly that on its due date
    _, res = card_run(AS_OF, ledger=ledger)
    payments = [pay(c.due_date, str(c.closing)) for c in res.card.cycles if c.closing > 0 and c.due_date <= AS_OF]
    _, paid = card_run(AS_OF, ledger=ledger, payments=payments)
    assert paid.charged["interest"] == 0
    assert all(c.paid_in_full is not False for c in paid.card.cycles)


@settings(max_examples=40, deadline=None)
@given(purchases, st.integers(1, 99))
def test_full_balance_never_charges_less_than_unpaid_part(items, percent):
    ledger = _ledger(items)
    _, res = card_run(AS_OF, ledger=ledger)
    payments = [pay(c.due_date, str((c.closing * percent / 100).quantize(Decimal("0.01"))))
                for c in res.card.cycles if c.closing > 0 and c.due_date <= AS_OF]
    payments = [p for p in payments if p.amount > 0]
    _, full = card_run(AS_OF, ledger=ledger, payments=payments, interest_model="full_balance")
    _, part = card_run(AS_OF, ledger=ledger, payments=payments, interest_model="unpaid_part")
    assert full.charged["interest"] >= part.charged["interest"] >= 0


@settings(max_examples=40, deadline=None)
@given(purchases)
def test_each_statement_adds_up(items):
    _, res = card_run(AS_OF, ledger=_ledger(items), late_penalty='{ rate = "5%", min = "10.00" }')
    for c in res.card.cycles:
        assert c.closing == c.opening + c.new_transactions - c.payments + c.interest + c.penalties
        assert 0 <= c.minimum_payment <= max(c.closing, Decimal(0))
    assert res.balance["total"] == sum((res.balance[k] for k in res.balance if k != "total"), Decimal(0))


@settings(max_examples=40, deadline=None)
@given(purchases, st.lists(st.integers(0, 1000), min_size=8, max_size=8))
def test_a_statement_paid_within_tolerance_is_never_late(items, short):
    # each statement is paid on its due date short of its balance by at most the tolerance (10.00): the
    # remainder left after statement k is r_k (at most 10.00 and at most what the statement bills), so
    # the payment is the cycle's purchases + r_(k-1) - r_k. Every statement counts as paid in full: no
    # interest, no 违约金 and no days past due, ever; what was left unpaid is still owed.
    ledger = _ledger(items)
    terms = {"tolerance": "10.00", "late_penalty": '{ rate = "5%", min = "10.00" }'}
    _, res = card_run(AS_OF, ledger=ledger, **terms)
    payments, left = [], Decimal(0)
    for c, s in zip(res.card.cycles, short):
        if c.due_date > AS_OF:
            break
        billed = left + c.new_transactions
        remainder = min(Decimal(s).scaleb(-2), billed)
        if billed - remainder > 0:
            payments.append(pay(c.due_date, str(billed - remainder)))
        left = remainder
    _, paid = card_run(AS_OF, ledger=ledger, payments=payments, **terms)
    assert paid.charged["interest"] == 0 and paid.charged["penalties"] == 0
    assert all(c.paid_in_full is not False and c.days_past_due == 0 for c in paid.card.cycles)
    assert paid.balance["principal"] == sum((a for _, a in items), Decimal(0)) - sum((p.amount for p in payments),
                                                                                       Decimal(0))
