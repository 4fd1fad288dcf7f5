"""Card accounts in the one replay, against hand calculations written down here.

Daily rate 0.05% (万分之五) with ACT/360: the annual rate is 0.05% x 360 = 18%, so every line
base x 18% x days / 360 is exactly base x 0.05% x days.
"""

from datetime import date
from decimal import Decimal

import pytest

from debtcli.engine.card import bucket_of, due_date_of, statement_dates
from tests.engine.card_helpers import card_run, cycle, line, pay, spans

D = Decimal


# ---------------------------------------------------------------------- the published example
#
# The example issuers publish (statement day 5, due day 23): a purchase of 1,000.00 posted on
# 30 March, the statement of 5 April bills it, the cardholder pays only 100.00 on the due date,
# 23 April. The statement of 5 May then charges
#   full_balance: 1,000.00 x 0.05% x 24 days + 900.00 x 0.05% x 13 days = 12.00 + 5.85 = 17.85
#   unpaid_part:    900.00 x 0.05% x 37 days                               = 16.65
# The 37 days are 30 March to 5 May, both included (2 + 30 + 5). 24 + 13 = 37 splits them at the
# payment: 1,000.00 from 30 March to 22 April (24 days) and 900.00 from 23 April, the day of the
# payment, to 5 May (13 days). So the amount a payment covers stops bearing interest on the
# payment day. The published text labels the spans "30 March to 23 April" and "24 April to 5 May";
# those labels are wrong by a day (24 April to 5 May is 12 days, and 1,000.00 x 25 days +
# 900.00 x 12 days would be 17.90). The figures 24, 13 and 17.85 are right, and so are they only
# when the purchase month has 31 days and the next one 30 (March/April, May/June, August/
# September, October/November): the example is set in March 2026.

PUBLISHED = dict(ledger=[line(date(2026, 3, 30), "purchase", "1000.00")], payments=[pay(date(2026, 4, 23), "100.00")])


def test_published_example_full_balance():
    _, res = card_run(date(2026, 5, 5), interest_model="full_balance", **PUBLISHED)
    may = cycle(res, date(2026, 5, 5))
    assert may.interest == D("17.85")
    assert spans(may) == [(date(2026, 3, 30), date(2026, 4, 22), 24, D("1000.00")),
                          (date(2026, 4, 23), date(2026, 5, 5), 13, D("900.00"))]
    assert res.balance["total"] == D("917.85")


def test_published_example_unpaid_part():
    _, res = card_run(date(2026, 5, 5), interest_model="unpaid_part", **PUBLISHED)
    may = cycle(res, date(2026, 5, 5))
    assert may.interest == D("16.65")
    assert spans(may) == [(date(2026, 3, 30), date(2026, 5, 5), 37, D("900.00"))]


def test_published_example_statement_figures():
    _, res = card_run(date(2026, 5, 5), interest_model="full_balance", **PUBLISHED)
    april = cycle(res, date(2026, 4, 5))
    # minimum: 10% x 1,000.00 = 100.00; paid on the due date, so nothing past due
    assert (april.opening, april.new_transactions, april.closing, april.minimum_payment) == (
        0, D("1000.00"), D("1000.00"), D("100.00"))
    assert april.due_date == date(2026, 4, 23) and april.paid_in_full is False
    may = cycle(res, date(2026, 5, 5))
    # 917.85 = 1,000.00 - 100.00 + 17.85; minimum 10% x 900.00 + 100% of 17.85 interest = 107.85
    assert (may.opening, may.payments, may.closing, may.minimum_payment) == (
        D("1000.00"), D("100.00"), D("917.85"), D("107.85"))
    assert (may.days_past_due, may.bucket, may.penalties) == (0, "M0", 0)


# ---------------------------------------------------------------------- interest-free period


def test_paid_in_full_keeps_the_free_period():
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "1000.00")],
                      payments=[pay(date(2026, 4, 23), "1000.00")])
    assert cycle(res, date(2026, 5, 5)).interest == 0
    assert cycle(res, date(2026, 4, 5)).paid_in_full is True
    assert res.balance["total"] == 0


def test_remainder_within_tolerance_counts_as_paid():
    # 995.00 of 1,000.00 paid; 5.00 left is within the 10.00 tolerance: no interest on the statement
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "1000.00")],
                      payments=[pay(date(2026, 4, 23), "995.00")], tolerance="10.00")
    assert cycle(res, date(2026, 4, 5)).paid_in_full is True
    assert cycle(res, date(2026, 5, 5)).interest == 0
    assert res.balance["principal"] == D("5.00")


def test_remainder_above_tolerance_loses_the_free_period():
    # 980.00 paid on 23 April, 20.00 left > 10.00: full_balance charges
    # 1,000.00 x 0.05% x 24 days (30 Mar - 22 Apr) + 20.00 x 0.05% x 13 days (23 Apr - 5 May)
    # = 12.00 + 0.13 = 12.13
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "1000.00")],
                      payments=[pay(date(2026, 4, 23), "980.00")], tolerance="10.00")
    assert cycle(res, date(2026, 5, 5)).interest == D("12.13")


@pytest.mark.parametrize("paid_on,free", [(date(2026, 4, 26), True), (date(2026, 4, 27), False)])
def test_grace_days_after_the_due_date(paid_on, free):
    # grace 3 days: paid in full on 26 April still counts; on 27 April it does not:
    # 1,000.00 x 0.05% x 28 days (30 Mar - 26 Apr) = 14.00
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "1000.00")],
                      payments=[pay(paid_on, "1000.00")], grace_days=3)
    assert cycle(res, date(2026, 5, 5)).interest == (0 if free else D("14.00"))


def test_no_free_period_when_the_contract_has_none():
    # interest_free = false: the purchase bears interest from its posting date even when the
    # statement (1,003.50) is paid in full on 23 April: 1,000.00 x 0.05% x 24 days (30 Mar - 22 Apr)
    # = 12.00, split between the two statements
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "1000.00")],
                      payments=[pay(date(2026, 4, 23), "1003.50")], interest_free=False)
    assert cycle(res, date(2026, 4, 5)).interest == D("3.50")  # 1,000.00 x 0.05% x 7 days (30 Mar - 5 Apr)
    assert cycle(res, date(2026, 5, 5)).interest == D("8.50")  # 1,000.00 x 0.05% x 17 days (6 - 22 Apr)


def test_purchase_posted_after_its_transaction_date_runs_from_the_posting_date():
    # bought 28 March, posted 30 March: interest from 30 March as in the published example
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 28), "purchase", "1000.00",
                                                      posted=date(2026, 3, 30))],
                      payments=[pay(date(2026, 4, 23), "100.00")])
    assert cycle(res, date(2026, 5, 5)).interest == D("17.85")


# ---------------------------------------------------------------------- cash advances


def test_cash_advance_interest_from_the_transaction_date_with_its_fee():
    # taken 10 March, posted 11 March; fee 1% of 2,000.00 = 20.00 (above the 10.00 floor)
    # interest on the statement of 5 April: 2,000.00 x 0.05% x 27 days (10 Mar - 5 Apr) = 27.00,
    # even though the statement is paid in full on 23 April: no free period for cash.
    # Then 2,000.00 x 0.05% x 17 days (6 - 22 Apr; repaid on 23 Apr) = 17.00 on the statement of 5 May.
    _, res = card_run(date(2026, 5, 5),
                      ledger=[line(date(2026, 3, 10), "cash_advance", "2000.00", posted=date(2026, 3, 11))],
                      payments=[pay(date(2026, 4, 23), "2047.00")],
                      cash_advance_fee='{ rate = "1%", min = "10.00" }')
    april = cycle(res, date(2026, 4, 5))
    assert april.interest == D("27.00")
    assert april.new_transactions == D("2020.00")
    assert spans(april) == [(date(2026, 3, 10), date(2026, 4, 5), 27, D("2000.00"))]
    assert cycle(res, date(2026, 5, 5)).interest == D("17.00")


def test_cash_advance_fee_floor():
    # 1% of 500.00 = 5.00, below the floor: 10.00
    _, res = card_run(date(2026, 4, 5), ledger=[line(date(2026, 3, 10), "cash_advance", "500.00")],
                      cash_advance_fee='{ rate = "1%", min = "10.00" }')
    assert res.charged["fees"] == D("10.00")


# ---------------------------------------------------------------------- compounding


def test_interest_posted_on_a_statement_bears_interest_next_cycle():
    # statement of 5 May posts 17.85 (published example); nothing more is paid. On 5 June:
    #   900.00 x 0.05% x 31 days (6 May - 5 Jun) = 13.95
    #   17.85  x 0.05% x 31 days                 =  0.276675
    # total 14.226675 -> 14.23 (monthly compounding, 按月计收复利)
    _, res = card_run(date(2026, 6, 5), **PUBLISHED)
    june = cycle(res, date(2026, 6, 5))
    assert june.interest == D("14.23")
    on = {ln.on: (ln.base, ln.days) for ln in june.lines}
    assert on["interest"] == (D("17.85"), 31)
    assert on["purchase"] == (D("900.00"), 31)


# ---------------------------------------------------------------------- minimum payment, penalty


def test_late_penalty_floor():
    # minimum 10% x 1,000.00 = 100.00; 95.00 paid: unpaid minimum 5.00; 5% = 0.25 -> floor 10.00
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "1000.00")],
                      payments=[pay(date(2026, 4, 23), "95.00")],
                      late_penalty='{ rate = "5%", min = "10.00", max = "500.00" }')
    assert cycle(res, date(2026, 5, 5)).penalties == D("10.00")
    assert [p.amount for p in res.postings if p.component == "penalties"] == [D("10.00")]


def test_late_penalty_cap():
    # minimum 10% x 200,000.00 = 20,000.00 unpaid; 5% = 1,000.00 -> cap 500.00
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "200000.00")],
                      late_penalty='{ rate = "5%", min = "10.00", max = "500.00" }')
    assert cycle(res, date(2026, 5, 5)).penalties == D("500.00")


def test_late_penalty_between_floor_and_cap():
    # minimum 10% x 3,000.00 = 300.00 unpaid; 5% = 15.00
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "3000.00")],
                      late_penalty='{ rate = "5%", min = "10.00", max = "500.00" }')
    assert cycle(res, date(2026, 5, 5)).penalties == D("15.00")


def test_a_remainder_within_tolerance_meets_the_minimum_and_stays_owed():
    # 1,000.00 bought 30 March, billed 5 April (minimum 10% = 100.00); 995.00 paid on the due date 23 April:
    # 5.00 left, within the 10.00 tolerance: paid in full (视同全额还款), no interest.
    # 5 May: the 5.00 billed again, minimum 10% x 5.00 = 0.50; nothing paid by 23 May: 5.00 unpaid is
    # again within the tolerance, so this statement too counts as paid in full: its minimum (0.50) is
    # met and no 违约金 follows (unmet it would be 5% x 0.50 = 0.025, the floor 10.00). 5 June: no
    # interest, no 违约金, no days past due; the 5.00 is still owed, its minimum 0.50.
    _, res = card_run(date(2026, 6, 10), ledger=[line(date(2026, 3, 30), "purchase", "1000.00")],
                      payments=[pay(date(2026, 4, 23), "995.00")], tolerance="10.00",
                      late_penalty='{ rate = "5%", min = "10.00", max = "500.00" }')
    may, june = cycle(res, date(2026, 5, 5)), cycle(res, date(2026, 6, 5))
    assert (may.paid_in_full, may.closing, may.minimum_payment) == (True, D("5.00"), D("0.50"))
    assert (june.interest, june.penalties, june.closing, june.minimum_payment) == (0, 0, D("5.00"), D("0.50"))
    assert (june.days_past_due, june.bucket) == (0, "M0")
    assert not [p for p in res.postings if p.component == "penalties"]
    assert (res.balance["principal"], res.balance["penalties"], res.balance["total"]) == (D("5.00"), 0, D("5.00"))


@pytest.mark.parametrize("tolerance,interest,penalty,dpd", [("10.00", "0", "0", 0), ("0", "0.15", "10.00", 12)])
def test_an_unpaid_statement_within_tolerance_has_no_late_penalty(tolerance, interest, penalty, dpd):
    # 8.00 bought 30 March, billed 5 April, minimum 10% = 0.80, nothing paid by 23 April.
    # Tolerance 10.00: 8.00 unpaid is within it, the statement counts as paid in full: no interest, its
    # minimum met, no 违约金. Tolerance 0: the free period is lost, 8.00 x 0.05% x 37 days (30 Mar -
    # 5 May) = 0.148 -> 0.15 of interest on 5 May, and the unpaid 0.80 gets the 违约金 5% x 0.80 = 0.04 ->
    # the floor 10.00; 5 May is 12 days past 23 April.
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "8.00")], tolerance=tolerance,
                      late_penalty='{ rate = "5%", min = "10.00", max = "500.00" }')
    may = cycle(res, date(2026, 5, 5))
    assert (may.interest, may.penalties, may.days_past_due) == (D(interest), D(penalty), dpd)


def test_minimum_payment_carries_the_unpaid_minimum_and_days_past_due():
    # 5 Apr: minimum 100.00, nothing paid. 5 May: interest 1,000.00 x 0.05% x 37 days = 18.50,
    # penalty 5% x 100.00 = 5.00 (posted after the due date 23 Apr);
    # minimum = 10% x 1,000.00 + 18.50 + 5.00 + 100.00 unpaid before = 223.50;
    # 12 days past the missed due date of 23 April: bucket M1
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "1000.00")],
                      late_penalty='{ rate = "5%" }')
    may = cycle(res, date(2026, 5, 5))
    assert (may.interest, may.penalties, may.minimum_payment) == (D("18.50"), D("5.00"), D("223.50"))
    assert (may.days_past_due, may.bucket) == (12, "M1")
    assert may.closing == D("1023.50")


def test_minimum_floor():
    _, res = card_run(date(2026, 4, 5), ledger=[line(date(2026, 3, 30), "purchase", "300.00")],
                      minimum_floor="100.00")
    assert cycle(res, date(2026, 4, 5)).minimum_payment == D("100.00")  # 10% would be 30.00


@pytest.mark.parametrize("dpd,bucket", [(0, "M0"), (1, "M1"), (30, "M1"), (31, "M2"), (150, "M5"), (151, "M6+"),
                                        (400, "M6+")])
def test_buckets(dpd, bucket):
    assert bucket_of(dpd) == bucket


# ---------------------------------------------------------------------- installment plans


PLAN = """
[[contract.installment_plan]]
date = 2026-04-10
amount = "3600.00"
months = 12
fee_rate = "0.6%"
"""


def test_installment_plan_bills_principal_and_fee_monthly():
    # 3,600.00 of the statement balance converted on 10 April (账单分期), 12 months at 0.6% a month:
    # each statement bills 3,600.00 / 12 = 300.00 and a fee of 3,600.00 x 0.6% = 21.60.
    # Both paid in full by each due date: no interest. Converted principal bears no interest.
    _, res = card_run(date(2026, 6, 30), ledger=[line(date(2026, 3, 30), "purchase", "3600.00")],
                      payments=[pay(date(2026, 5, 20), "321.60"), pay(date(2026, 6, 20), "321.60")],
                      extra_toml=PLAN)
    may = cycle(res, date(2026, 5, 5))
    assert may.new_transactions == D("-3600.00") + D("300.00") + D("21.60")
    assert (may.closing, may.minimum_payment, may.interest) == (D("321.60"), D("321.60"), 0)
    june = cycle(res, date(2026, 6, 5))
    assert (june.interest, june.closing) == (0, D("321.60"))
    assert [p.amount for p in res.postings if p.name == "installment_fee"] == [D("21.60")] * 2
    # owed on 30 June: 3,600.00 - 2 x 300.00 paid = 3,000.00 principal, none of it billed yet;
    # both fees are paid
    assert res.balance["principal"] == D("3000.00")
    assert res.buckets["not_due"]["principal"] == D("3000.00")
    assert res.balance["fees"] == 0


def test_acceleration_bills_the_rest_of_the_plan_and_stops_its_fees():
    # the card is stopped on 15 May after one installment: the other 3,300.00 fall due at once
    extra = PLAN + "\n[[event]]\ndate = 2026-05-15\ntype = \"acceleration\"\n"
    _, res = card_run(date(2026, 7, 5), ledger=[line(date(2026, 3, 30), "purchase", "3600.00")],
                      extra_toml=extra)
    june = cycle(res, date(2026, 6, 5))
    assert june.new_transactions == D("3300.00")
    assert [p.amount for p in res.postings if p.name == "installment_fee"] == [D("21.60")]
    assert june.minimum_payment == june.closing


def test_annual_fee_on_its_date_and_anniversary():
    _, res = card_run(date(2027, 4, 30), annual_fee='{ amount = "300.00", date = 2026-04-10 }')
    assert [(p.date, p.amount) for p in res.postings if p.name == "annual_fee"] == [
        (date(2026, 4, 10), D("300.00")), (date(2027, 4, 10), D("300.00"))]


# ---------------------------------------------------------------------- fees and write-off


def test_fees_bear_interest_from_the_next_cycle_unless_the_contract_says_not():
    # annual fee 300.00 on 10 April, billed 5 May, unpaid: interest from 6 May;
    # 300.00 x 0.05% x 31 days (6 May - 5 Jun) = 4.65
    kw = dict(annual_fee='{ amount = "300.00", date = 2026-04-10 }')
    _, res = card_run(date(2026, 6, 5), **kw)
    assert cycle(res, date(2026, 6, 5)).interest == D("4.65")
    _, res = card_run(date(2026, 6, 5), interest_on_fees=False, **kw)
    june = cycle(res, date(2026, 6, 5))
    assert june.interest == 0
    assert june.fee_interest == D("4.65")  # measured, not charged


def test_write_off_keeps_the_claim_and_interest_runs():
    extra = "\n[[event]]\ndate = 2026-04-30\ntype = \"charge_off\"\n"
    _, res = card_run(date(2026, 5, 5), extra_toml=extra, **PUBLISHED)
    assert res.charged_off_on == date(2026, 4, 30)
    assert res.balance["total"] == D("917.85")


def test_write_off_with_accrual_stopped():
    # interest stops on 30 April: 1,000.00 x 24 days + 900.00 x 7 days (23 - 29 Apr) = 12.00 + 3.15
    extra = "\n[[event]]\ndate = 2026-04-30\ntype = \"charge_off\"\n"
    _, res = card_run(date(2026, 5, 5), extra_toml=extra, stop_accrual_on_charge_off=True, **PUBLISHED)
    assert cycle(res, date(2026, 5, 5)).interest == D("15.15")


def test_refund_reduces_the_purchase():
    # 1,000.00 bought, 400.00 refunded on 2 April, 600.00 paid by the due date: paid in full
    _, res = card_run(date(2026, 5, 5), ledger=[line(date(2026, 3, 30), "purchase", "1000.00"),
                                                  line(date(2026, 4, 2), "refund", "400.00")],
                      payments=[pay(date(2026, 4, 20), "600.00")])
    assert cycle(res, date(2026, 4, 5)).closing == D("600.00")
    assert res.balance["total"] == 0


# ---------------------------------------------------------------------- calendar


def test_statement_day_at_month_end_and_due_day_next_month():
    from debtcli.engine.card import card_plan_from_terms
    from tests.engine.card_helpers import card_terms

    plan, _ = card_plan_from_terms(card_terms(statement_day=31, due_day=20))
    assert statement_dates(plan, date(2024, 1, 1), date(2024, 4, 30)) == [
        date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)]
    assert due_date_of(plan, date(2024, 2, 29)) == date(2024, 3, 20)
    plan, _ = card_plan_from_terms(card_terms(due_day=None, due_days=18))
    assert due_date_of(plan, date(2024, 2, 5)) == date(2024, 2, 23)


def test_cost_grows_with_events_not_days():
    # ten years of statements on a revolving balance: the replay keeps one pool per kind
    _, res = card_run(date(2036, 1, 5), ledger=[line(date(2026, 1, 10), "purchase", "1000.00")])
    assert len(res.card.cycles) == 121
    assert len(res.card.cycles[-1].lines) <= 3


# ---------------------------------------------------------------------- more published examples


def test_published_cash_advance_example():
    # An issuer's page: 2,000 withdrawn on 1 June, fee 20 (1%, at least 10), interest from the
    # withdrawal day at 0.05% a day; repaid on 10 June: interest 9. Re-derived: the repayment day
    # bears no interest, so 1 - 9 June is 9 days: 2,000.00 x 0.05% x 9 = 9.00 (with the repayment
    # day counted it would be 10.00). With the statement on the 15th the interest appears on the
    # statement of 15 June; the repayment went to the fee, then the advance.
    _, res = card_run(date(2026, 6, 15), ledger=[line(date(2026, 6, 1), "cash_advance", "2000.00")],
                      payments=[pay(date(2026, 6, 10), "2020.00")], statement_day=15, due_day=5,
                      cash_advance_fee='{ rate = "1%", min = "10.00" }')
    assert res.charged["fees"] == D("20.00")
    june = cycle(res, date(2026, 6, 15))
    assert june.interest == D("9.00")
    assert spans(june) == [(date(2026, 6, 1), date(2026, 6, 9), 9, D("2000.00"))]


def test_published_bill_installment_example():
    # An issuer's page: 800 converted over 6 periods at 0.75% a period: 800 / 6 = 133.33 a period,
    # fee 800 x 0.75% = 6.00 a period. The page does not say where the 0.02 left by rounding goes;
    # here the last part takes it: 5 x 133.33 + 133.35 = 800.00.
    plan = ('\n[[contract.installment_plan]]\ndate = 2026-04-10\namount = "800.00"\nmonths = 6\n'
            'fee_rate = "0.75%"\n')
    _, res = card_run(date(2026, 10, 5), ledger=[line(date(2026, 3, 30), "purchase", "800.00")], extra_toml=plan)
    parts = [p.amount for p in res.postings if p.name == "installment"]
    fees = [p.amount for p in res.postings if p.name == "installment_fee"]
    assert parts == [D("133.33")] * 5 + [D("133.35")]
    assert fees == [D("6.00")] * 6


def test_waiver_reduces_the_named_component_and_is_not_a_payment():
    # the published example, then the issuer waives 10.00 of the 17.85 interest on 10 May
    extra = '\n[[event]]\ndate = 2026-05-10\ntype = "waiver"\namount = "10.00"\ncomponent = "interest"\n'
    _, res = card_run(date(2026, 5, 20), extra_toml=extra, **PUBLISHED)
    assert res.waived["interest"] == D("10.00")
    # 7.85 interest left; principal 900.00 accrues from 6 May: 900.00 x 0.05% x 14 days = 6.30
    assert res.balance["interest"] == D("7.85") + D("6.30")
    assert res.balance["principal"] == D("900.00")


def test_balance_between_statements_includes_interest_accrued_since_the_last_one():
    # as of 20 May: 917.85 on the statement of 5 May, plus 900.00 x 0.05% x 14 days (6 - 19 May,
    # the as-of day excluded as for loans) = 6.30; the posted 17.85 bears interest only if the
    # statement of 5 May is not paid by 23 May, which is not yet known
    _, res = card_run(date(2026, 5, 20), **PUBLISHED)
    assert res.balance["total"] == D("924.15")
    assert res.buckets["not_due"]["interest"] == D("6.30")


# ---------------------------------------------------------------------- 30/360: spans counted from the lot's start
#
# 18% a year on 30/360; a purchase of 1,000.00 on 20 January 2026 is not paid by the due date of the
# statement of 5 February, so the statement of 5 March charges its interest from 20 January through
# 5 March: 30/360 from 20 Jan to 6 Mar is (3 - 1) x 30 + (6 - 20) = 46 days. A payment of 100.00
# splits that history. Its spans are counted from the lot's start, so they add up to 46 days
# wherever the payment falls:
#   paid 31 Jan: 1,000.00 x 18% x 11 / 360 = 5.50, then 900.00 x 18% x (46 - 11 = 35) / 360 = 15.75: 21.25
#   paid 28 Feb: 1,000.00 x 18% x 38 / 360 = 19.00, then 900.00 x 18% x (46 - 38 = 8) / 360 = 3.60: 22.60
# Counted on their own, the month-end rules made 11 + 36 = 47 days (21.70) and 38 + 6 = 44 (22.30).
# None paid: 1,000.00 x 18% x 46 / 360 = 23.00.

@pytest.mark.parametrize("paid_on, interest, days", [
    (None, "23.00", [46]), (date(2026, 1, 31), "21.25", [11, 35]), (date(2026, 2, 28), "22.60", [38, 8])])
def test_thirty_360_lot_history_counts_from_its_start(paid_on, interest, days):
    pays = [pay(paid_on, "100.00")] if paid_on else []
    _, res = card_run(date(2026, 3, 6), ledger=[line(date(2026, 1, 20), "purchase", "1000.00")], payments=pays,
                      day_count="30/360", rate="18%")
    cyc = cycle(res, date(2026, 3, 5))
    assert [s[2] for s in spans(cyc)] == days
    assert cyc.interest == D(interest)
