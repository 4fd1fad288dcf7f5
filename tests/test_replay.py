"""The replay against hand calculations written down here (base x rate x days / basis)."""

from datetime import date
from decimal import Decimal

from debtcli.model.records import PaymentRecord
from tests.helpers import run

BULLET = {"signed": date(2021, 3, 1), "principal": "100000", "rate": "24%", "day_count": "ACT/365",
          "method": "bullet", "term_months": 12}


def pay(d, amount, ref=""):
    return PaymentRecord(d, Decimal(amount), ref)


def test_a_year_of_simple_interest():
    # 100,000 x 24% x 365 / 365 = 24,000.00
    _, res = run(BULLET, date(2022, 3, 1))
    assert res.balance["interest"] == Decimal("24000.00")
    assert res.balance["principal"] == Decimal("100000")


def test_j04_thirty_days_at_four_times_lpr():
    # J04: 100,000 x 16% x 30 / 365 = 1,315.07
    _, res = run({**BULLET, "rate": "16%", "signed": date(2021, 1, 1)}, date(2021, 1, 31))
    assert res.balance["interest"] == Decimal("1315.07")
    line = res.postings[-1].lines[0]
    assert (line.base, line.days, line.basis, line.rate) == (Decimal(100000), 30, 365, Decimal("0.16"))


def test_j06_daily_rate():
    # J06: 100,000 x 0.0175% a day x 100 days = 1,750.00
    _, res = run({**BULLET, "rate": "0.0175%/day", "signed": date(2021, 1, 1)}, date(2021, 4, 11))
    assert res.balance["interest"] == Decimal("1750.00")


def test_counting_both_ends():
    # 算头算尾: 2021-01-01 .. 2021-01-31 inclusive is 31 days: 100,000 x 16% x 31 / 365 = 1,358.90
    _, res = run({**BULLET, "rate": "16%", "signed": date(2021, 1, 1), "counting": "both"}, date(2021, 1, 31))
    assert res.balance["interest"] == Decimal("1358.90")


SHORT = {"signed": date(2024, 1, 1), "principal": "10000", "rate": "12%", "day_count": "ACT/360",
         "method": "bullet", "term_months": 1, "default_rate": "18%"}


def test_default_interest_after_maturity():
    # term interest 10,000 x 12% x 31 / 360 = 103.33 (2024-01-01 .. 2024-02-01)
    # default interest 10,000 x 18% x 30 / 360 = 150.00 (2024-02-01 .. 2024-03-02)
    _, res = run(SHORT, date(2024, 3, 2))
    assert res.balance["interest"] == Decimal("103.33")
    assert res.balance["default_interest"] == Decimal("150.00")
    assert res.balance["compound_interest"] == 0


def test_compound_interest_on_overdue_interest():
    # 103.33 x 18% x 30 / 360 = 1.549.. -> 1.55
    _, res = run({**SHORT, "compound": True}, date(2024, 3, 2))
    assert res.balance["compound_interest"] == Decimal("1.55")


def test_default_rate_as_markup():
    # "+50%": 12% x 1.5 = 18%: the same 150.00
    _, res = run({**SHORT, "default_rate": "+50%"}, date(2024, 3, 2))
    assert res.balance["default_interest"] == Decimal("150.00")


def test_no_default_rate_keeps_contract_rate():
    # 10,000 x 12% x 30 / 360 = 100.00, booked as overdue interest
    contract = dict(SHORT)
    del contract["default_rate"]
    _, res = run(contract, date(2024, 3, 2))
    assert res.balance["default_interest"] == Decimal("100.00")


def test_grace_days_delay_default():
    # grace 5 days: overdue from 2024-02-06; default 10,000 x 18% x 25 / 360 = 125.00;
    # during grace the principal keeps the contract rate: 10,000 x 12% x 5 / 360 = 16.67
    _, res = run({**SHORT, "grace_days": 5}, date(2024, 3, 2))
    assert res.balance["default_interest"] == Decimal("125.00")
    assert res.balance["interest"] == Decimal("103.33") + Decimal("16.67")


def test_payment_on_due_date_is_on_time():
    # the due (rank 3) comes before the payment (rank 4) and the overdue check (rank 6)
    _, res = run({**SHORT, "penalty": "500", "late_fee": "50"}, date(2024, 3, 2),
                 payments=[pay(date(2024, 2, 1), "10103.33")])
    assert res.balance["total"] == 0
    assert res.first_missed is None
    assert res.installments[0].status == "paid"


def test_penalty_and_late_fee_on_first_missed_due_date():
    _, res = run({**SHORT, "penalty": "500", "late_fee": "5%"}, date(2024, 2, 2))
    # penalty 500 once; late fee 5% of the missed 10,103.33 = 505.1665 -> 505.17
    assert res.balance["penalties"] == Decimal("500") + Decimal("505.17")
    assert res.first_missed == date(2024, 2, 1)


def test_allocation_order_is_data():
    # 200.00 paid 30 days late. Default order: default interest 150.00 first, then interest 50.00.
    p = [pay(date(2024, 3, 2), "200")]
    _, res = run(SHORT, date(2024, 3, 2), payments=p)
    assert res.balance["default_interest"] == 0
    assert res.balance["interest"] == Decimal("53.33")
    # Principal first: all 200 to principal; the interest stays
    _, res2 = run({**SHORT, "allocation": ["principal", "interest", "default_interest"]}, date(2024, 3, 2), payments=p)
    assert res2.balance["principal"] == Decimal("9800")
    assert res2.balance["interest"] == Decimal("103.33")


def test_overpayment_leaves_credit_not_negative_principal():
    _, res = run(SHORT, date(2024, 2, 1), payments=[pay(date(2024, 2, 1), "11000")])
    assert res.balance["principal"] == 0
    assert res.credit == Decimal("11000") - Decimal("10103.33")
    assert all(v >= 0 for v in res.balance.values())


def test_acceleration_makes_everything_overdue():
    contract = {"signed": date(2024, 1, 1), "principal": "12000", "rate": "12%", "day_count": "ACT/360",
                "method": "equal_principal", "term_months": 12, "interest_method": "per_period",
                "default_rate": "18%"}
    extra = '[[event]]\ndate = 2024-03-01\ntype = "acceleration"\n'
    _, res = run(contract, date(2024, 3, 31), extra=extra)
    # installments 1 and 2 due (1,000 principal each, interest 120.00 and 110.00);
    # acceleration on 03-01 makes the other 10,000 overdue too.
    assert res.accelerated_on == date(2024, 3, 1)
    assert res.balance["principal"] == Decimal("12000")
    assert res.balance["interest"] == Decimal("230.00")
    # default interest: 1,000 x 18% x 29/360 (02-01..03-01) = 14.50; 2,000 x 18% x 0 on 03-01;
    # then 12,000 x 18% x 30 / 360 (03-01..03-31) = 180.00 -> 194.50
    assert res.balance["default_interest"] == Decimal("194.50")


def test_waiver_reduces_a_component():
    extra = '[[event]]\ndate = 2024-03-02\ntype = "waiver"\ncomponent = "default_interest"\namount = "100.00"\n'
    _, res = run(SHORT, date(2024, 3, 2), extra=extra)
    assert res.balance["default_interest"] == Decimal("50.00")
    assert res.waived["default_interest"] == Decimal("100.00")


def test_lpr_linked_rate_reprices_on_fixings():
    # LPR+0.5%: 1y LPR 3.85% in force on 2021-11-01 -> 4.35%; the 2021-12-20 fixing 3.80% -> 4.30%
    contract = {"signed": date(2021, 11, 1), "principal": "100000", "rate": "LPR+0.5%", "day_count": "ACT/360",
                "method": "bullet", "term_months": 12}
    _, res = run(contract, date(2022, 1, 1))
    # 100,000 x 4.35% x 49 / 360 = 592.083.. ; 100,000 x 4.30% x 12 / 360 = 143.333..; total 735.42
    assert res.balance["interest"] == Decimal("735.42")
    rates = [line.rate for line in res.postings[-1].lines]
    assert rates == [Decimal("0.0435"), Decimal("0.0430")]


def test_lpr_reprices_on_anniversary():
    contract = {"signed": date(2021, 11, 1), "principal": "100000", "rate": "LPR+0.5%", "day_count": "ACT/360",
                "method": "bullet", "term_months": 24, "repricing": "anniversary"}
    _, res = run(contract, date(2022, 1, 1))
    assert [line.rate for line in res.postings[-1].lines] == [Decimal("0.0435")]


def test_withheld_fee_is_settled_at_disbursement():
    extra = '[[contract.fee]]\nname = "service fee"\namount = "10000.00"\nwithheld = true\n'
    _, res = run(BULLET, date(2022, 3, 1), extra=extra)
    # under the contract the borrower owes 100,000 and the withheld fee counts as paid
    assert res.balance["principal"] == Decimal("100000")
    assert res.balance["fees"] == 0
    assert res.charged["fees"] == Decimal("10000.00") and res.paid["fees"] == Decimal("10000.00")


def test_rate_change_event():
    extra = '[[event]]\ndate = 2021-09-01\ntype = "rate_change"\nrate = "12%"\n'
    _, res = run(BULLET, date(2022, 3, 1), extra=extra)
    # 100,000 x 24% x 184 / 365 = 12,098.63..; 100,000 x 12% x 181 / 365 = 5,950.68..; 18,049.32
    assert res.balance["interest"] == Decimal("18049.32")


def test_early_installment_payment_is_held_until_due():
    contract = {"signed": date(2024, 1, 1), "principal": "1200", "rate": "12%", "method": "equal_principal",
                "term_months": 12}
    # pays installment 1 (100 + 12.00) five days early: held as credit, applied on the due date
    _, res = run(contract, date(2024, 2, 1), payments=[pay(date(2024, 1, 27), "112.00")])
    assert res.installments[0].status == "paid"
    assert res.balance["principal"] == Decimal("1100")


def test_several_disbursements():
    extra = ('[[disbursement]]\ndate = 2021-03-01\namount = "50000"\n'
             '[[disbursement]]\ndate = 2021-09-01\namount = "50000"\n')
    _, res = run(BULLET, date(2022, 3, 1), extra=extra)
    # 50,000 x 24% x 365/365 + 50,000 x 24% x 181/365 = 12,000 + 5,950.68 = 17,950.68
    assert res.balance["interest"] == Decimal("17950.68")
