"""A prepayment (提前还款, ``[[event]] type = "prepayment"``): part of the principal repaid ahead of
the schedule, taken from the money paid that day, then the installment levelled again over the
term left (减少月供, ``keep = "term"``) or kept so the term shortens (缩短期限,
``keep = "installment"``). Worked by hand:

120,000 at 6% a year, 12 monthly equal installments from 2024-01-15, interest by the period (0.5%).
The level installment is 120,000 x 0.005 / (1 - 1.005^-12) = 10,327.97. Rows 1-3 (interest =
balance x 0.5%, half up): 600.00 / 9,727.97 -> 110,272.03; 551.36 / 9,776.61 -> 100,495.42;
502.48 / 9,825.49 -> 90,669.93. On the third due date (2024-04-15) the borrower pays 40,327.97: the
installment and 30,000.00 of principal ahead of time, leaving 60,669.93.

* keep the term: 60,669.93 x 0.005 / (1 - 1.005^-9) = 6,910.75 a month for the 9 installments left;
  row 4: interest 60,669.93 x 0.5% = 303.35, principal 6,607.40.
* keep the installment: 10,327.97 a month goes on until the principal is repaid: rows 4-9, the ninth
  taking the 10,043.09 left (interest 50.22); rows 10-12 owe nothing.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from debtcli.model.records import PaymentRecord, SourceRef
from tests.helpers import run

LOAN = {"signed": date(2024, 1, 15), "principal": "120000.00", "rate": "6%", "method": "equal_installment",
        "term_months": 12}
PAID = (("2024-02-15", "10327.97"), ("2024-03-15", "10327.97"), ("2024-04-15", "40327.97"))


def _run(keep=None, method="equal_installment", paid=PAID, amount="30000.00"):
    extra = f'[[event]]\ndate = 2024-04-15\ntype = "prepayment"\namount = "{amount}"\n'
    if keep:
        extra += f'keep = "{keep}"\n'
    payments = tuple(PaymentRecord(date.fromisoformat(d), D(a), f"P{i}", "", "", SourceRef("payments.csv"))
                     for i, (d, a) in enumerate(paid))
    return run({**LOAN, "method": method}, date(2025, 2, 1), payments=payments, extra=extra)[1]


def test_keeping_the_term_levels_the_installment_again():
    res = _run()
    rows = res.installments
    assert [r.principal for r in rows[:3]] == [D("9727.97"), D("9776.61"), D("9825.49")]
    assert (rows[3].interest, rows[3].principal, rows[3].total) == (D("303.35"), D("6607.40"), D("6910.75"))
    assert all(r.total == D("6910.75") for r in rows[3:-1])
    assert sum(r.principal for r in rows) + D("30000.00") == D("120000.00")
    assert res.credit == 0  # the 30,000.00 went to principal, not to credit


def test_keeping_the_installment_shortens_the_term():
    rows = _run("installment").installments
    assert all(r.total == D("10327.97") for r in rows[3:8])
    assert (rows[8].interest, rows[8].principal) == (D("50.22"), D("10043.09"))
    assert [r.total for r in rows[9:]] == [D("0")] * 3
    assert sum(r.principal for r in rows) + D("30000.00") == D("120000.00")


def test_equal_principal_keeping_the_term_splits_what_is_left():
    """等额本金: 10,000.00 of principal a month; the first three rows leave 90,000.00, the prepayment
    60,000.00, so the 9 installments left repay 60,000 / 9 = 6,666.67 each (the last 6,666.64);
    row 4 interest 60,000 x 0.5% = 300.00."""
    paid = (("2024-02-15", "10600.00"), ("2024-03-15", "10550.00"), ("2024-04-15", "40500.00"))
    rows = _run(method="equal_principal", paid=paid).installments
    assert [r.principal for r in rows[:3]] == [D("10000.00")] * 3
    assert (rows[3].principal, rows[3].interest) == (D("6666.67"), D("300.00"))
    assert rows[-1].principal == D("6666.64")


def test_a_prepayment_takes_only_the_money_there_is():
    """The day's payment covers the installment and 20,000.00: a prepayment of 30,000.00 takes the
    20,000.00 there is, and nothing is left in credit."""
    paid = PAID[:2] + (("2024-04-15", "30327.97"),)
    res = _run(paid=paid)
    taken = [a for p in res.payments for a in p.allocations if a.bucket == "not_due" and a.component == "principal"]
    assert sum(a.amount for a in taken) == D("20000.00") and res.credit == 0


@pytest.mark.parametrize("event, says", [
    ('[[event]]\ndate = 2024-04-15\ntype = "prepayment"\n', "the amount of the prepayment"),
    ('[[event]]\ndate = 2024-04-15\ntype = "waiver"\namount = "1.00"\nkeep = "term"\n',
     "no such key except on a prepayment event"),
    ('[[event]]\ndate = 2024-04-15\ntype = "prepayment"\namount = "1.00"\nkeep = "both"\n', "term | installment"),
    # an event before the contract was signed is a mistake in the input, whatever its type
    ('[[event]]\ndate = 2023-04-15\ntype = "prepayment"\namount = "1.00"\n',
     "event[0].date: found '2023-04-15', expected on or after contract.signed (2024-01-15)"),
])
def test_a_prepayment_event_that_cannot_hold_is_refused(event, says):
    from debtcli.terms.loader import load_terms_text
    from tests.helpers import case_toml

    _, issues = load_terms_text(case_toml(LOAN, extra=event))
    assert any(says in str(i) for i in issues), [str(i) for i in issues]


# ---------------------------------------------------------------------- properties

from datetime import timedelta  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from debtcli.model.records import COMPONENTS  # noqa: E402


@st.composite
def prepaid_loans(draw):
    signed = draw(st.dates(date(2019, 1, 1), date(2025, 12, 31)))
    contract = {"signed": signed, "principal": f"{draw(st.integers(1000, 300000))}.{draw(st.integers(0, 99)):02d}",
                "rate": draw(st.sampled_from(["4.35%", "6%", "12%", "24%"])),
                "method": draw(st.sampled_from(["equal_installment", "equal_principal", "interest_only"])),
                "term_months": draw(st.integers(2, 36)),
                "interest_method": draw(st.sampled_from(["daily", "per_period"]))}
    payments = [PaymentRecord(signed + timedelta(days=draw(st.integers(0, 1100))),
                              D(draw(st.integers(1, 8_000_000))) / 100, f"P{i}") for i in range(draw(st.integers(0, 30)))]
    events = "".join(
        f'[[event]]\ndate = {(signed + timedelta(days=draw(st.integers(1, 1100)))).isoformat()}\ntype = "prepayment"\n'
        f'amount = "{D(draw(st.integers(1, 10_000_000))) / 100}"\nkeep = "{draw(st.sampled_from(["term", "installment"]))}"\n'
        for _ in range(draw(st.integers(1, 3))))
    return contract, payments, events, signed + timedelta(days=draw(st.integers(1, 1200)))


@settings(max_examples=120, deadline=None)
@given(prepaid_loans())
def test_prepayments_conserve_money_and_each_payment_is_told_what_it_paid(loan):
    from debtcli.report.build import _allocations_by_payment

    contract, payments, events, as_of = loan
    _, res = run(contract, as_of, payments=tuple(payments), extra=events, trace=False)
    cash = sum((p.amount for p in payments if p.date <= as_of), D(0))
    allocated = sum((a.amount for p in res.payments if p.kind in ("payment", "credit") for a in p.allocations), D(0))
    assert allocated + res.credit == cash
    for c in COMPONENTS:
        assert res.balance[c] >= 0 and res.charged[c] - res.paid[c] - res.waived[c] == res.balance[c], c
    # what each payment paid, now and later out of credit, is at most its amount, and all of it adds up
    told = _allocations_by_payment(res.payments)
    by_payment = [(p, told[id(p)]) for p in res.payments if p.kind == "payment"]
    for p, parts in by_payment:
        assert sum(parts.values(), D(0)) <= p.amount
    assert sum((sum(parts.values(), D(0)) for _, parts in by_payment), D(0)) + res.credit == cash


def test_an_unreadable_amount_is_reported_once():
    from debtcli.terms.loader import load_terms_text
    from tests.helpers import case_toml

    _, issues = load_terms_text(case_toml(LOAN, extra='[[event]]\ndate = 2024-04-15\ntype = "prepayment"\n'
                                                      'amount = "-5"\n'))
    assert [str(i) for i in issues if "event[0].amount" in str(i)] == [
        "case.toml: event[0].amount: found '-5', expected an amount (it must not be negative)"]
