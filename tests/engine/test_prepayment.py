"""An installment loan paid off early (提前结清): interest for the time actually borrowed.

An early payment of an installment loan is held as credit for the next due date. A payment that
settles the whole loan on its day, before the period of the last installment, is a prepayment: it
pays the interest accrued to that day and the principal, and the loan is closed (Civil Code Art. 677;
SPC Provisions on private lending Art. 30). Figures are worked by hand below.
"""

from datetime import date
from decimal import Decimal

import pytest

from debtcli.model.records import PaymentRecord
from tests.helpers import run

D = Decimal
LOAN = {"signed": date(2023, 1, 15), "principal": "12000.00", "rate": "12%", "method": "equal_installment",
        "term_months": 6, "default_rate": "+50%"}


def pay(d, amount):
    return PaymentRecord(d, D(amount), f"p-{d}")


@pytest.mark.parametrize("as_of", [date(2023, 2, 1), date(2023, 8, 1), date(2024, 1, 15)])
def test_payoff_two_weeks_in_settles_the_loan(as_of):
    # 15 Jan - 1 Feb is 17 of the 31 days of the first month (15 Jan - 15 Feb): per-period interest
    # 12,000.00 x 12% / 12 x 17 / 31 = 65.806... -> 65.81. The payoff is 12,065.81; 12,068.00 paid
    # leaves a credit of 2.19. Held instead, the money would have met the installments with a whole
    # month's interest each (about 423 in all) and left the last one 355 short, then overdue.
    _, res = run(LOAN, as_of, payments=[pay(date(2023, 2, 1), "12068.00")])
    assert res.balance["total"] == 0
    assert res.credit == D("2.19")
    assert (res.paid["interest"], res.paid["principal"]) == (D("65.81"), D("12000.00"))
    assert res.charged.get("default_interest", D(0)) == 0


def test_a_payment_short_of_the_payoff_is_held():
    # 12,000.00 on 1 Feb is below the payoff (12,065.81): nothing of it is allocated that day; it is
    # held as credit, and the due date of 15 Feb takes the first installment from it:
    # 12,000 x 1% / (1 - 1.01^-6) = 2,070.5815... -> 2,070.58 (interest 120.00, principal 1,950.58).
    _, res = run(LOAN, date(2023, 3, 1), payments=[pay(date(2023, 2, 1), "12000.00")])
    first = next(p for p in res.payments if p.date == date(2023, 2, 1))
    assert (first.allocations, first.to_credit) == ((), D("12000.00"))
    on_due = next(p for p in res.payments if p.date == date(2023, 2, 15))
    taken = {a.component: a.amount for a in on_due.allocations}
    assert taken == {"interest": D("120.00"), "principal": D("1950.58")}
    assert res.installments[0].status == "paid" and res.installments[0].paid_on == date(2023, 2, 15)


def test_the_last_installment_paid_early_is_held():
    # 10,000.00 interest only at 12%, three months from 15 Jan: 100.00 a month. The last installment
    # (10,100.00) paid a day before its due date is an installment paid early, not a prepayment: held
    # to 15 April, where it meets principal and the month's interest exactly.
    loan = {**LOAN, "principal": "10000.00", "method": "interest_only", "term_months": 3}
    pays = [pay(date(2023, 2, 15), "100.00"), pay(date(2023, 3, 15), "100.00"), pay(date(2023, 4, 14), "10100.00")]
    _, res = run(loan, date(2023, 5, 1), payments=pays)
    assert res.balance["total"] == 0 and res.credit == 0
    assert res.paid["interest"] == D("300.00")


def test_payoff_before_the_last_period_of_an_interest_only_loan():
    # The same loan settled on 1 March, inside its second period (15 Feb - 15 Mar, 28 days): interest
    # 10,000.00 x 12% / 12 x 14 / 28 = 50.00, payoff 10,050.00.
    loan = {**LOAN, "principal": "10000.00", "method": "interest_only", "term_months": 3}
    pays = [pay(date(2023, 2, 15), "100.00"), pay(date(2023, 3, 1), "10050.00")]
    _, res = run(loan, date(2023, 5, 1), payments=pays)
    assert res.balance["total"] == 0 and res.credit == 0
    assert res.paid["interest"] == D("150.00")
